"""The loader on real text with synthetic OCR damage of known truth (see analysis.evaluation.loader).

    python benchmarks/loader_eval.py            # 300 documents per PD part and sample (damaged, bylines, wrapped,
                                                # furniture, jump marks), 150 of transcripts
    python benchmarks/loader_eval.py --quick    # 60 / 30
    python benchmarks/loader_eval.py --doublings   # both error kinds of the doubled-string rule
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.evaluation.loader import doubling_errors, run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--doublings", action="store_true", help="also score the doubled-string rule alone")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.doublings:
        for sample in ("dev-tune", "heldout"):
            r = doubling_errors(sample)
            print(f"doublings, PD {sample}: natural doublings at a break {r['natural']}, real characters deleted "
                  f"{r['natural_dropped']}; OCR doublings {r['ocr']}, removed {r['ocr_dropped']} "
                  f"({r['ocr_dropped'] / max(1, r['ocr']):.1%}); deleted: {r['examples']}")
    for sample, r in run(args.quick, args.seed).items():
        if sample == "xwlb clean":
            print(f"{sample}: {r['items']} items, headline found {r['headline_found']}/{r['items']}, "
                  f"false joins {r['false_joins']}, dateline found {r['dateline_found']}, in body {r['dateline_in_body']}")
            continue
        print(f"{sample}: documents exact {r['documents_exact']}/{r['documents']} ({r['documents_exact'] / r['documents']:.1%}), "
              f"paragraphs exact {r['paragraphs_exact']}/{r['paragraphs']} ({r['paragraphs_exact'] / r['paragraphs']:.1%}), "
              f"captions with right photographer {r['captions_right']}/{r['captions']}, "
              f"real characters lost from the body {r['chars_lost']} (deleted {r['chars_deleted']}, the rest set aside), characters left doubled {r['chars_left_doubled']} "
              f"(doublings injected {r['doublings_injected']}, natural doublings at breaks {r['natural_doublings']}), "
              f"errors {r['errors']}")
        if "furniture" in r:
            print(f"  furniture: lines set aside {r['furniture_found']}/{r['furniture']}")
        if "frames" in r:
            print(f"  web frames: lines set aside {r['frames_found']}/{r['frames']}, titles right {r['titles_right']}/"
                  f"{r['documents']}, datelines found {r['datelines_found']}/{r['datelines']}, in body {r['dateline_in_body']}")
        if "authors" in r:
            print(f"  bylines: authors found {r['authors_found']}/{r['authors']}, names taken for authors that are not "
                  f"{r['authors_false']}")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
