"""Entity recognition figures: People's Daily 1998 (dev and held-out) and false persons on the project's reports.

    python benchmarks/entity_eval.py [--quick] [--methods jieba,rules,rules_suggested,crf,crf_suggested] [--parts heldout,dev]

Prints one table (P/R/F1 per type, method and part; seconds and chars per part)
and writes reports/entity_eval.csv. The parts are analysis.peoples_daily's split;
the dev part is the CRF's training data: its figures for the CRF are in-sample.
--quick scores 400 paragraphs per part. The held-out figures are also computed,
and checked, by `python -m analysis evaluate --only entities`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def cost_table(limit: int = 4000, rounds: int = 3):
    """Seconds per MB of tagging, of the token table and of recognition, on held-out PD paragraphs as one report.

    Median of ``rounds``; ``tokens/tag`` is the ratio issue 15 asks to keep ≤ 1.3.
    """
    import statistics
    import time

    import pandas as pd

    from analysis import Tokenizer, parse_report
    from analysis.entities import mentions
    from analysis.entity_model import people_daily

    body = "\n\n".join(p.text for p in people_daily("heldout", limit=limit))
    report = parse_report("人民日报一九九八年一月\n\n" + body)
    mb = len(report.raw.encode("utf-8")) / 1e6
    tok = Tokenizer()
    mentions(parse_report("标题\n\n习近平总书记说，大家辛苦了。"), tokenizer=tok)  # load the model and lexicons
    texts = report.sentences["text"].tolist()

    def median(run) -> float:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    tag = median(lambda: tok.tag_many(texts))
    tokens = median(lambda: tok.tokens(report))
    rows = [("tag_many (sentences)", tag), ("tokens(report)", tokens)]
    for method in ("jieba", "rules", "crf"):
        rows.append((f"mentions(report, method={method!r}) incl. tokens", median(lambda m=method: mentions(report, tokenizer=tok, method=m))))
    rows.append(("Tokenizer.for_report(report) incl. suggestions", median(lambda: Tokenizer.for_report(report).tag("党"))))
    frame = pd.DataFrame(rows, columns=["step", "seconds"])
    frame["sec_per_MB"] = frame["seconds"] / mb
    frame["vs_tag"] = frame["seconds"] / tag
    frame.attrs["MB"] = mb
    print(f"cost on {mb:.2f} MB ({len(texts):,} sentences), median of {rounds} rounds")
    return frame


def main(argv: list[str] | None = None) -> int:
    import pandas as pd

    from analysis import load_report, paths
    from analysis.evaluation.entities import entity_scores, false_persons

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--methods", default="jieba,rules,rules_suggested,crf,crf_suggested")
    parser.add_argument("--parts", default="heldout,dev")
    args = parser.parse_args(argv)
    limit = 400 if args.quick else None
    tables = [entity_scores(args.methods.split(","), part=p, limit=limit) for p in args.parts.split(",")]
    table = pd.concat(tables, ignore_index=True)
    table["sec_per_MB"] = table["seconds"] / (table["chars"] * 3 / 1e6)  # UTF-8: 3 bytes per Chinese character
    pd.set_option("display.width", 200)
    print(table.round(3).to_string(index=False))
    files = [paths.DEFAULT_REPORT, *sorted(p for p in (paths.DATA_DIR / "examples").glob("*.txt")
                                           if not p.name.endswith("_user_dict.txt"))]
    for path in files:
        wrong = false_persons(load_report(path))
        print(f"false persons in {path.name}: {len(wrong)} {sorted(set(wrong['entity']))}")
    print(cost_table(limit=400 if args.quick else 4000).round(3).to_string(index=False))
    paths.REPORTS_DIR.mkdir(parents=True, exist_ok=True)
    table.to_csv(paths.REPORTS_DIR / "entity_eval.csv", index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
