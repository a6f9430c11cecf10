"""The rhetoric evaluation keeps the detectors' outputs between runs, keyed by the code's digest."""

from __future__ import annotations

import pandas as pd

from analysis import Tokenizer, diskcache, parse_report
from analysis.evaluation import rhetoric as ev

TEXT = "某市召开党员大会\n\n本报讯 市委书记张三强调，要坚决打赢疫情防控阻击战。\n\n全市共有1200名党员冲在一线。\n"


def _predictions():
    report = parse_report(TEXT)
    return ev._Predictions(report, Tokenizer(), ev.block_spans(report.raw))


def test_a_second_run_reads_what_the_first_wrote(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", str(tmp_path))
    first = _predictions()
    computed = {key: first[key] for key in ("moves", "numbers", "quotations", "metaphors")}
    files = sorted((tmp_path / "rhetoric-evaluation" / diskcache.code_version()).glob("*.pkl"))
    assert [f.name.split("-")[1] for f in files] == sorted(["metaphors.pkl", "moves.pkl", "numbers.pkl", "quotations.pkl"])
    second = _predictions()
    monkeypatch.setattr(second, "_run", lambda key: (_ for _ in ()).throw(AssertionError("recomputed " + key)))
    for key, frame in computed.items():
        pd.testing.assert_frame_equal(second[key], frame)


def test_outputs_of_other_code_are_dropped_and_a_bad_file_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", str(tmp_path))
    stale = tmp_path / "rhetoric-evaluation" / "0000000000000000"
    stale.mkdir(parents=True)
    (stale / "x-moves.pkl").write_bytes(b"old")
    moves = _predictions()["moves"]
    assert not stale.exists()
    path = ev._cache_file(parse_report(TEXT).raw, "moves")
    path.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(_predictions()["moves"], moves)


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", "off")
    assert len(_predictions()["numbers"]) >= 1
    assert ev._cache_file("x", "numbers") is None
