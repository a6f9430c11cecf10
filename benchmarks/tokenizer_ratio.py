"""``Tokenizer.tokens()`` against ``Tokenizer.tag()`` on the same text (issue 15: target ≤ 1.3×).

``tokens(report)`` tags every sentence of the report's body and builds the
token table (offsets in the paragraph and in the raw file, stopword and
punctuation flags).  Its cost above ``tag()`` of the same sentences is the
table: this script times both on one report of about ``--mb`` MB, built from
the bundled report and ``data/examples/*.txt`` (copies of their body
paragraphs; nothing from outside the repository).  Both run on a tokenizer
with ``cache_mb=0``, and the HMM's process-wide memo of unknown runs is
emptied before each call, so neither reuses results of the other; the rounds
alternate, and each figure is CPU seconds of this process (min, median, max).

Run: ``python benchmarks/tokenizer_ratio.py [--mb 1] [--rounds 3] [--json]``.
``benchmarks/run_benchmarks.py`` runs it in a fresh process (``--json``), so that the
objects its earlier items left in memory do not weigh on one of the two calls.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time

from analysis import Tokenizer, load_report, parse_report, paths
from analysis.loading import Report
from analysis.tokenize import _posseg_detail_cached


def ratio_report(megabytes: float = 1.0) -> Report:
    """A report of about ``megabytes`` MB (UTF-8) of body text: the bundled and example reports' paragraphs, repeated."""
    texts = ["\n\n".join(load_report().paragraphs["text"])]
    for path in sorted((paths.DATA_DIR / "examples").glob("*.txt")):
        if not path.name.endswith("_user_dict.txt"):
            texts.append("\n\n".join(load_report(path).paragraphs["text"]))
    block = "\n\n".join(texts)
    copies = max(1, round(megabytes * 1e6 / len(block.encode("utf-8"))))
    return parse_report("标题\n\n□记者\n\n" + "\n\n".join([block] * copies))


def tokens_tag_ratio(report: Report | None = None, *, megabytes: float = 1.0, rounds: int = 3,
                     tokenizer: Tokenizer | None = None) -> dict:
    """CPU seconds of ``tokens(report)`` and of ``tag_many`` over the same sentences, and their ratio.

    Args:
        report: The report to time; default :func:`ratio_report` of ``megabytes``.
        megabytes: Size of the default report.
        rounds: Timed rounds of each (alternating; the first call of each is a warm-up, not timed).
        tokenizer: Default ``Tokenizer(cache_mb=0)``; give one with ``cache_mb=0`` (a cache would
            let the second call reuse the first one's tags).

    Returns:
        ``{"n_chars", "n_sentences", "n_tokens", "tag_seconds", "tokens_seconds"}`` (each a list of
        ``rounds`` CPU times), ``"ratio"`` (median tokens ÷ median tag) and ``"ratio_spread"``
        (min and max of the per-round ratios).
    """
    report = report if report is not None else ratio_report(megabytes)
    tokenizer = tokenizer if tokenizer is not None else Tokenizer(cache_mb=0)
    texts = report.sentences["text"].tolist()
    tokenizer.tag_many(texts[:50])  # load the dictionaries, not timed
    tag_seconds, tokens_seconds = [], []
    n_tokens = 0
    for _ in range(rounds):
        for seconds, call in ((tag_seconds, lambda: tokenizer.tag_many(texts)),
                              (tokens_seconds, lambda: tokenizer.tokens(report))):
            gc.collect()
            _posseg_detail_cached.cache_clear()  # the HMM's memo of unknown runs is process-wide: start both cold
            started = time.process_time()
            result = call()
            seconds.append(time.process_time() - started)
            if seconds is tokens_seconds:
                n_tokens = len(result)
            del result
    ratios = [b / a for a, b in zip(tag_seconds, tokens_seconds)]
    return {
        "n_chars": int(report.paragraphs["n_chars"].sum()), "n_sentences": len(texts), "n_tokens": n_tokens,
        "tag_seconds": tag_seconds, "tokens_seconds": tokens_seconds,
        "ratio": statistics.median(tokens_seconds) / statistics.median(tag_seconds),
        "ratio_spread": (min(ratios), max(ratios)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object (run_benchmarks.py)")
    args = parser.parse_args()
    result = tokens_tag_ratio(megabytes=args.mb, rounds=args.rounds)
    if args.json:
        print(json.dumps(result))
        return

    def spread(values):
        return f"{min(values):.2f}–{statistics.median(values):.2f}–{max(values):.2f} s"

    print(f"{result['n_chars']:,} characters, {result['n_sentences']:,} sentences, {result['n_tokens']:,} tokens; "
          f"CPU seconds, min–median–max of {args.rounds} rounds")
    print(f"tag_many(sentences)  {spread(result['tag_seconds'])}")
    print(f"tokens(report)       {spread(result['tokens_seconds'])}")
    low, high = result["ratio_spread"]
    print(f"tokens / tag         {result['ratio']:.2f}×  (per round {low:.2f}–{high:.2f}; target ≤ 1.3×)")


if __name__ == "__main__":
    main()
