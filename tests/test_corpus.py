"""Corpus mode (analysis.corpus) and the fast POS tagging it relies on (analysis.tokenize)."""

from __future__ import annotations

import os
import pickle
import random
import signal
import time
from collections import Counter

import pandas as pd
import pytest

from analysis import ReportError, Tokenizer, paths
from analysis import corpus as corpus_mod
from analysis.corpus import analyse_corpus, compare_corpora, compare_report, corpus_files, document_counts
from analysis.tokenize import _posseg_viterbi

# ---------------------------------------------------------------------------
# Fast tagging = jieba.posseg, exactly
# ---------------------------------------------------------------------------

TRICKY = [
    "",
    "党员",
    "乌海市委书记史万钧(左二)在乌海市人民医院检查疫情防控工作。",
    "全市1900多个党组织3万余名党员挺身而出",
    "１２月３１日，新华社记者兰红光摄",
    "COVID-19 疫情期间，GDP增长3.5%，iPhone销量下降",
    "居民小区\r\n外来人口  登记\t情况",
    "“面对疫情，我们…把‘外防输入、内防扩散’落到实处。”杨明轩说。",
    "龘靐齉爩麤鱻",  # rare characters jieba's HMM has no states for
    "蒙宁交界处的党员值守点，郝颀摄",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("which", ["project", "plain"])
def test_tag_is_jieba_posseg(text, which, tokenizer, plain_tokenizer):
    tok = tokenizer if which == "project" else plain_tokenizer
    assert tok.tag(text) == tok.tag_posseg(text)


def test_tag_matches_posseg_on_the_report(report, tokenizer):
    sentences = list(report.sentences["text"]) + list(report.captions["text"]) + [report.raw]
    assert tokenizer.tag_many(sentences) == [tokenizer.tag_posseg(s) for s in sentences]


def test_viterbi_matches_jieba_on_random_han_strings(report):
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi

    rng = random.Random(7)
    alphabet = sorted(set(c for c in report.text if "\u4e00" <= c <= "\u9fff"))
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(150)]
    strings += ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(1, 8))) for _ in range(150)]
    for s in strings:
        assert _posseg_viterbi(s) == viterbi(s, char_state_tab_P, start_P, trans_P, emit_P)[1], s


@pytest.mark.parametrize(
    "text, expected",
    [
        ("党员值守。", [("党员", "n"), ("值守", "v"), ("。", "x")]),
        ("乌海市委书记史万钧要求", [("乌海", "ns"), ("市委书记", "n"), ("史万钧", "nr"), ("要求", "v")]),
    ],
)
def test_tag_answers(text, expected, tokenizer):
    assert tokenizer.tag(text) == expected


def test_tokenizer_pickles_and_tags_the_same(tokenizer):
    copy = pickle.loads(pickle.dumps(tokenizer))
    assert copy._jieba is None
    assert copy.tag("史万钧检查疫情防控工作") == tokenizer.tag("史万钧检查疫情防控工作")


# ---------------------------------------------------------------------------
# A small corpus on disk
# ---------------------------------------------------------------------------

DOCS = {
    "a_party.txt": "党员的誓言\n\n□张三\n\n党员党员。\n\n党员值守。".encode(),
    "b_flood.txt": "洪水\n\n洪水来了，党员值守。".encode("gbk"),
    "c_empty.txt": b"",
    "d_binary.txt": bytes(range(256)) * 4,
}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, data in DOCS.items():
        (folder / name).write_bytes(data)
    (folder / "notes.md").write_text("不是报道", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def serial(small_corpus, tokenizer):
    return analyse_corpus(small_corpus, tokenizer=tokenizer, backend="serial", progress=False)


def test_corpus_files(small_corpus):
    assert [p.name for p in corpus_files(small_corpus)] == ["a_party.txt", "b_flood.txt", "c_empty.txt", "d_binary.txt"]
    assert [p.name for p in corpus_files(str(small_corpus / "[ab]_*.txt"))] == ["a_party.txt", "b_flood.txt"]
    assert [p.name for p in corpus_files(small_corpus, pattern="*.md")] == ["notes.md"]
    assert [p.name for p in corpus_files(small_corpus / "b_flood.txt")] == ["b_flood.txt"]
    assert [p.name for p in corpus_files([small_corpus / "b_flood.txt", small_corpus / "a_party.txt"])] == [
        "a_party.txt", "b_flood.txt"]


@pytest.mark.parametrize("source", ["no/such/folder", "no/such/*.txt", []])
def test_corpus_files_nothing_matches(source):
    with pytest.raises(ReportError, match="pass a folder"):
        corpus_files(source)


def test_documents_table(serial):
    docs = serial.documents
    assert docs["name"].tolist() == ["a_party", "b_flood", "c_empty", "d_binary"]
    assert docs["doc_id"].tolist() == [1, 2, 3, 4]
    # 党员 党员 。 | 党员 值守 。  → 4 running words, 2 types; 洪水 来 了 ， 党员 值守 。 → 5, 5
    assert docs["n_tokens"].tolist()[:2] == [4, 5]
    assert docs["n_types"].tolist()[:2] == [2, 5]
    assert docs["n_paragraphs"].tolist()[:2] == [2, 1]
    assert docs.loc[0, "authors"] == "张三"
    assert docs["encoding"].tolist()[:2] == ["utf-8", "gb18030"]
    assert docs["error"].tolist()[:2] == [None, None]


def test_bad_files_are_rows_not_crashes(serial):
    errors = serial.errors
    assert errors["name"].tolist() == ["c_empty", "d_binary"]
    assert "is empty" in errors.iloc[0]["error"]
    assert "binary" in errors.iloc[1]["error"]
    assert errors["n_tokens"].isna().all()


def test_terms_table(serial):
    terms = serial.terms.set_index(["word", "pos"])
    # 党员: 3 in a_party + 1 in b_flood; 值守 in both; 。 three times
    assert terms.loc[("党员", "n"), ["count", "n_docs"]].tolist() == [4, 2]
    assert terms.loc[("值守", "v"), ["count", "n_docs"]].tolist() == [2, 2]
    assert terms.loc[("。", "x"), ["count", "is_punct"]].tolist() == [3, True]
    assert bool(terms.loc[("了", "ul"), "is_stopword"]) == ("了" in Tokenizer().stopwords)
    assert serial.n_tokens == 9
    assert serial.word_counts()["党员"] == 4
    assert serial.terms["count"].sum() == 9 + 4  # 4 punctuation tokens: 。 。 ， 。


def test_counts_equal_the_token_table(report, tokenizer, tokens):
    counts = document_counts(report, tokenizer=tokenizer)
    expected = Counter(zip(tokens["word"], tokens["pos"]))
    assert counts == expected


def test_bundled_report_as_a_corpus(report, tokens, tokenizer):
    result = analyse_corpus(paths.DEFAULT_REPORT, tokenizer=tokenizer, backend="serial", progress=False)
    row = result.documents.iloc[0]
    assert row["n_sentences"] == len(report.sentences)
    assert row["n_tokens"] == int((~tokens["is_punct"]).sum())
    assert row["n_types"] == tokens.loc[~tokens["is_punct"], "word"].nunique()


@pytest.mark.parametrize("choice", ["given", "per_document"])
@pytest.mark.parametrize("backend", ["processes", "dask"])
def test_parallel_backends_equal_serial(backend, choice, small_corpus, tokenizer):
    files = [paths.DEFAULT_REPORT, *corpus_files(small_corpus), *sorted((paths.DATA_DIR / "examples").glob("*.txt"))]
    given = tokenizer if choice == "given" else None
    expected = analyse_corpus(files, tokenizer=given, backend="serial", progress=False)
    got = analyse_corpus(files, tokenizer=given, backend=backend, workers=2, batch_size=1, progress=False)
    pd.testing.assert_frame_equal(got.documents, expected.documents)
    pd.testing.assert_frame_equal(got.terms, expected.terms)
    pd.testing.assert_frame_equal(got.entities, expected.entities)
    assert not expected.entities.empty


def test_pools_live_as_long_as_their_call_or_block(small_corpus, serial, tokenizer):
    import multiprocessing

    before = set(multiprocessing.active_children())
    again = analyse_corpus(small_corpus, tokenizer=tokenizer, backend="processes", workers=2, progress=False)
    pd.testing.assert_frame_equal(again.terms, serial.terms)
    assert set(multiprocessing.active_children()) <= before  # the call's workers stopped with it
    assert not hasattr(corpus_mod, "_PROCESS_POOLS")  # no module-level pool
    with corpus_mod.Workers(2, tokenizer=tokenizer) as pool:
        assert pool.start() >= 1
        started = set(multiprocessing.active_children()) - before
        for _ in range(2):
            result = analyse_corpus(small_corpus, tokenizer=tokenizer, pool=pool, progress=False)
            pd.testing.assert_frame_equal(result.terms, serial.terms)
            assert set(multiprocessing.active_children()) - before == started  # the same workers, reused
    assert set(multiprocessing.active_children()) <= before


def test_worker_tokenizer_uses_the_settings_sent(small_corpus):
    custom = Tokenizer(user_dict=False, extra_words=[("党员值守", "n")])
    result = analyse_corpus(small_corpus, tokenizer=custom, backend="processes", workers=2, progress=False)
    assert ("党员值守", "n") in set(zip(result.terms["word"], result.terms["pos"]))


@pytest.mark.parametrize("options, message", [
    ({"backend": "threads"}, "unknown backend"),
    ({"batch_size": 0}, "batch_size"),
])
def test_bad_options(small_corpus, options, message):
    with pytest.raises(ReportError, match=message):
        analyse_corpus(small_corpus, progress=False, **options)


# ---------------------------------------------------------------------------
# Comparisons (keyness from analysis.frequency)
# ---------------------------------------------------------------------------


def test_compare_corpora(small_corpus, serial, tokenizer):
    flood = analyse_corpus(small_corpus / "b_flood.txt", tokenizer=tokenizer, backend="serial", progress=False)
    table = compare_corpora(serial, flood, min_count=1, drop_stopwords=False).set_index("word")
    # A = the whole small corpus (9 running words), B = the flood report (5)
    assert table.loc["党员", ["count", "ref_count"]].tolist() == [4, 1]
    assert table.loc["党员", "direction"] == "over"
    assert table.attrs["n_tokens"] == 9 and table.attrs["ref_total"] == 5


def test_compare_report_leaves_itself_out(small_corpus, tokenizer):
    corpus = analyse_corpus(small_corpus, tokenizer=tokenizer, backend="serial", progress=False)
    table = compare_report(small_corpus / "a_party.txt", corpus, tokenizer=tokenizer, min_count=1,
                           drop_stopwords=False).set_index("word")
    # the report: 党员 ×3, 值守 ×1; the rest of the corpus (b_flood): 党员 ×1, 值守 ×1 of 5
    assert table.loc["党员", ["count", "ref_count"]].tolist() == [3, 1]
    assert table.attrs["ref_total"] == 5
    kept = compare_report(small_corpus / "a_party.txt", corpus, tokenizer=tokenizer, min_count=1,
                          drop_stopwords=False, leave_out_self=False).set_index("word")
    assert kept.loc["党员", "ref_count"] == 4 and kept.attrs["ref_total"] == 9


# ---------------------------------------------------------------------------
# Faults in the workers: a dead worker, a file over its time or memory budget
# ---------------------------------------------------------------------------

BOMB = "自毁装置"  # a marker in the text that makes the faulty tokenizers below misbehave


class ExitTokenizer(Tokenizer):
    """Ends its process at once (as a crash would) on a text containing BOMB."""

    def tag_many(self, texts):
        texts = list(texts)
        if any(BOMB in t for t in texts):
            os._exit(3)
        return super().tag_many(texts)


class KillTokenizer(Tokenizer):
    """SIGKILLs its own process (as the out-of-memory killer does) on a text containing BOMB."""

    def tag_many(self, texts):
        texts = list(texts)
        if any(BOMB in t for t in texts):
            os.kill(os.getpid(), signal.SIGKILL)
        return super().tag_many(texts)


class SlowTokenizer(Tokenizer):
    """Hangs on a text containing BOMB."""

    def tag_many(self, texts):
        texts = list(texts)
        if any(BOMB in t for t in texts):
            time.sleep(120)
        return super().tag_many(texts)


class GreedyTokenizer(Tokenizer):
    """Allocates 3 GB on a text containing BOMB."""

    def tag_many(self, texts):
        texts = list(texts)
        if any(BOMB in t for t in texts):
            hog = bytearray(3_000_000_000)
            hog[-1] = 1
        return super().tag_many(texts)


def _fault_corpus(folder, n: int = 7):
    """n small reports plus one, ``bomb.txt``, whose body holds BOMB; returns (all files, files without it)."""
    folder.mkdir(exist_ok=True)
    body = (paths.DATA_DIR / "examples" / "qinghe_flood_relief.txt").read_text(encoding="utf-8")
    files = []
    for i in range(n):
        path = folder / f"doc{i}.txt"
        path.write_text(body.replace("党员", "党员" * (1 + i % 3), 1), encoding="utf-8")
        files.append(path)
    bomb = folder / "bomb.txt"
    bomb.write_text(f"标题\n\n□张三\n\n党员值守在一线，{BOMB}。\n", encoding="utf-8")
    return sorted(files + [bomb]), files


@pytest.mark.parametrize("faulty", [ExitTokenizer, KillTokenizer], ids=["os._exit", "SIGKILL"])
def test_a_dead_worker_loses_only_its_own_file(tmp_path, faulty):
    everything, good = _fault_corpus(tmp_path / "c")
    result = analyse_corpus(everything, tokenizer=faulty(), backend="processes", workers=2, batch_size=2,
                            progress=False)
    docs = result.documents.set_index("name")
    assert len(docs) == len(everything)
    assert docs.loc["bomb", "error"] == corpus_mod.DEAD_WORKER
    assert docs.drop(index="bomb")["error"].isna().all()
    expected = analyse_corpus(good, tokenizer=Tokenizer(), backend="serial", progress=False)
    assert result.terms.equals(expected.terms)
    mine = result.documents[result.documents["name"] != "bomb"].drop(columns="doc_id").reset_index(drop=True)
    assert mine.equals(expected.documents.drop(columns="doc_id"))
    # the pool was replaced: the next run works as usual
    again = analyse_corpus(good, tokenizer=Tokenizer(), backend="processes", workers=2, progress=False)
    assert again.terms.equals(expected.terms)


@pytest.mark.parametrize("backend", ["serial", "processes"])
def test_a_file_over_its_time_budget_is_an_error_row(tmp_path, backend):
    everything, good = _fault_corpus(tmp_path / "c", n=3)
    started = time.monotonic()
    result = analyse_corpus(everything, tokenizer=SlowTokenizer(), backend=backend, workers=2, progress=False,
                            file_timeout=2)
    assert time.monotonic() - started < 60
    docs = result.documents.set_index("name")
    assert docs.loc["bomb", "error"].startswith("took longer than 2 s")
    assert docs.drop(index="bomb")["error"].isna().all()
    assert result.terms.equals(analyse_corpus(good, tokenizer=Tokenizer(), backend="serial", progress=False).terms)


def test_a_file_over_its_memory_budget_is_an_error_row(tmp_path):
    everything, good = _fault_corpus(tmp_path / "c", n=3)
    result = analyse_corpus(everything, tokenizer=GreedyTokenizer(), backend="processes", workers=2,
                            progress=False, file_memory_mb=500)
    docs = result.documents.set_index("name")
    assert docs.loc["bomb", "error"].startswith("needed more than 500 MB of memory")
    assert docs.drop(index="bomb")["error"].isna().all()
    assert result.terms.equals(analyse_corpus(good, tokenizer=Tokenizer(), backend="serial", progress=False).terms)


@pytest.mark.parametrize("value", [-1, float("nan"), float("inf"), "10"])
def test_bad_budgets_are_refused(value):
    with pytest.raises(ReportError, match="file_timeout"):
        analyse_corpus(paths.RAW_DIR, backend="serial", progress=False, file_timeout=value)


def test_special_files_in_a_folder_become_error_rows(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "good.txt").write_bytes(paths.DEFAULT_REPORT.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    started = time.monotonic()
    result = analyse_corpus(folder, backend="serial", progress=False)
    assert time.monotonic() - started < 60
    docs = result.documents.set_index("name")
    assert sorted(docs.index) == ["dangling", "good", "pipe", "zero"]
    assert docs.loc["good", "error"] is None
    for name in ("pipe", "zero"):
        assert "not a regular file" in docs.loc[name, "error"]
    assert "cannot be read" in docs.loc["dangling", "error"]


# ---------------------------------------------------------------------------
# The same tokenizer choice and recognition as the command line
# ---------------------------------------------------------------------------


def test_per_document_choice_is_the_command_lines(report):
    from analysis.entities import mentions

    result = analyse_corpus(paths.DEFAULT_REPORT, backend="serial", progress=False)
    chosen = Tokenizer.for_report(report)  # what cli.make_tokenizer uses without --user-dict / --no-suggest
    assert Counter(document_counts(report, tokenizer=chosen)) == Counter(
        dict(zip(zip(result.terms["word"], result.terms["pos"]), result.terms["count"])))
    table = mentions(report, tokenizer=chosen)
    expected = Counter(zip(table["entity"], table["type"], table["role"], table["part"]))
    got = result.entities
    assert Counter(dict(zip(zip(got["entity"], got["type"], got["role"], got["part"]), got["count"]))) == expected
    # a person shown in a photo caption's own sentence is counted apart from the body's mentions
    captioned = got[(got["part"] == "caption") & (got["role"] == "actor") & (got["type"] == "person")]
    assert "唐毅" in set(captioned["entity"])
    assert (got["doc_id"] == 1).all()
    row = result.documents.iloc[0]
    for kind, column in [("person", "n_persons"), ("place", "n_places"), ("organisation", "n_organisations")]:
        assert row[column] == (table["type"] == kind).sum()
    assert row["n_persons"] > 0 and "史万钧" in set(got.loc[got["type"] == "person", "entity"])


def test_recognition_and_suggestions_can_be_switched_off(report):
    off = analyse_corpus(paths.DEFAULT_REPORT, backend="serial", progress=False, entities=False, suggest=False)
    assert off.entities.empty and list(off.entities.columns) == corpus_mod.ENTITY_COLUMNS
    assert off.documents[["n_persons", "n_places", "n_organisations"]].isna().all().all()
    plain = Tokenizer.for_report(report, suggest=False)
    assert Counter(document_counts(report, tokenizer=plain)) == Counter(
        dict(zip(zip(off.terms["word"], off.terms["pos"]), off.terms["count"])))


def test_user_dict_is_checked(small_corpus, tmp_path):
    with pytest.raises(ReportError, match="user dictionary"):
        analyse_corpus(small_corpus, backend="serial", progress=False, user_dict=tmp_path / "missing.txt")
    words = tmp_path / "words.txt"
    words.write_text("党员值守 100 n\n", encoding="utf-8")
    result = analyse_corpus(small_corpus, backend="serial", progress=False, user_dict=words)
    assert ("党员值守", "n") in set(zip(result.terms["word"], result.terms["pos"]))
