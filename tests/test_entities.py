"""Tests of analysis.entities and analysis.entity_model: recognition, suggestions, the PD 1998 figures."""

from __future__ import annotations


import pytest

from analysis import ReportError, Tokenizer, load_report, parse_report, paths
from analysis.entities import MENTION_COLUMNS, mentions, suggest_user_dict, text_entities, write_user_dict
from analysis.entity_model import MODEL_PATH, is_held_out, parse_pd_line, people_daily

QINGHE = paths.DATA_DIR / "examples" / "qinghe_flood_relief.txt"
DEV_CORPUS = paths.PROJ_ROOT.parent / "shared" / "dev-corpus" / "xwlb"


@pytest.fixture(scope="module")
def genre():
    return Tokenizer()


def people(text, tokenizer, method="crf"):
    return [text[s:e] for s, e, t, _ in text_entities(text, tokenizer=tokenizer, method=method) if t == "person"]


# --- the corpus and its split --------------------------------------------------


def test_split_is_deterministic_and_disjoint():
    dev = {p.line for p in people_daily("dev", limit=300)}
    held = {p.line for p in people_daily("heldout", limit=100)}
    assert not dev & held
    assert all(is_held_out(n) for n in held) and not any(is_held_out(n) for n in dev)
    assert {p.line for p in people_daily("heldout", limit=100)} == held


@pytest.mark.parametrize(
    "line, expected",
    [
        ("江/nr  泽民/nr  在/p  北京/ns", [("江泽民", "person"), ("北京", "place")]),
        ("李/nr  鹏/nr  乔/nr  石/nr", [("李鹏", "person"), ("乔石", "person")]),  # a list is several people
        ("穆罕默德·拉斐克·塔拉尔/nr  新华社/nt", [("穆罕默德·拉斐克·塔拉尔", "person"), ("新华社", "organisation")]),
    ],
)
def test_gold_entities(line, expected):
    p = parse_pd_line(line)
    assert [(p.text[s:e], t) for s, e, t in p.entities] == expected


def test_model_is_shipped():
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size < 10_000_000


# --- recognition on crafted text -------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("习近平总书记强调，要坚定信心。", "习近平"),
        ("市委书记孙伟要求各级党组织冲锋在前。", "孙伟"),
        ("孙伟书记来到抗洪一线。", "孙伟"),
        ("护士周婷婷主动请战。", "周婷婷"),
        ("外长米格尔·里瓦斯今天抵达。", "米格尔·里瓦斯"),
    ],
)
@pytest.mark.parametrize("method", ["rules", "crf"])
def test_names_with_titles_and_dots(genre, text, name, method):
    assert name in people(text, genre, method)


@pytest.mark.parametrize(
    "text, method",
    [
        *[(text, method) for method in ("rules", "crf") for text in (
            "这位同志高明的地方在于关怀群众。",
            "他向明星企业表示祝贺。",
            "广大群众爱岗敬业。",
            "白沙村遭遇强降雨，柳溪镇群众转移。",
            "张贴标语，师生安全为先。",
        )],
        # the rules keep jieba's 牛津/nr and 顾大局/nr (known limits of that baseline)
        ("代表团访问了唐宁街和牛津。", "crf"),
        ("识大体、顾大局。", "crf"),
    ],
)
def test_no_false_people(genre, text, method):
    assert people(text, genre, method) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # jieba glues the surname to the department word before it (检验 | 科班 | 丽): a person follows
        ("区疾控中心检验科班丽和孙强两位党员通宵检测。", ["班丽", "孙强"]),
        ("检验科班玉洁、刘洋坚守岗位。", ["班玉洁", "刘洋"]),  # the model alone finds 玉洁
        ("信息科班慧同志连续加班。", ["班慧"]),  # the model alone finds 科班慧
        ("医务处方明与王丽两名同志主动请缨。", ["方明", "王丽"]),  # a word boundary, in a list with a person
        # no person: the same characters in ordinary words
        ("他在化验室温习功课。", []),
        ("医务处方案和计划已经公布。", []),
        ("这个科班出身的演员和张艺谋合作。", ["张艺谋"]),
        ("省委纪委副书记出席了会议。", []),
    ],
)
@pytest.mark.parametrize("method", ["rules", "crf"])
def test_names_glued_to_a_department_word(genre, text, expected, method):
    found = people(text, genre, method)
    if method == "crf":
        assert found == expected
    else:  # the rules baseline finds what jieba tags, plus the glued name
        assert {n for n in expected if n in ("班丽", "班玉洁", "班慧", "方明")} <= set(found)
        assert not {"玉洁", "科班慧", "温习", "方案"} & set(found)


def test_place_suffix_is_a_place(genre):
    found = {(t, "".join("白沙村遭遇强降雨"[s:e])) for s, e, t, _ in text_entities("白沙村遭遇强降雨", tokenizer=genre, method="rules")}
    assert ("place", "白沙村") in found


def test_unknown_method(genre):
    with pytest.raises(ReportError, match="unknown method"):
        text_entities("党员", tokenizer=genre, method="bert")


# --- reports ---------------------------------------------------------------------


def test_mentions_of_the_bundled_report(report):
    m = mentions(report)
    assert list(m.columns) == MENTION_COLUMNS
    body = m[m.part == "body"]
    texts = report.paragraphs.set_index("paragraph_id").text
    for row in body.itertuples():
        assert texts[row.paragraph_id][row.start:row.end] == row.entity
        assert "".join(report.raw[row.raw_start:row.raw_end].split()) == row.entity
    persons = set(body.loc[body.type == "person", "entity"])
    assert persons == {"史万钧", "李占荣", "史建强", "刘海军", "杨明轩", "康伟", "班慧", "赵紫东", "郭栋", "阿拉腾图亚"}
    credits = m[m.role == "credit"]
    assert {"于海东", "郝颀", "石历增", "杨勇"} <= set(credits.entity) and set(credits.part) == {"byline", "caption"}
    shown = m[(m.part == "caption") & (m.role != "credit")]
    assert {"史万钧", "唐毅"} <= set(shown.loc[shown.type == "person", "entity"])
    captions = report.captions.set_index("caption_id").text
    for row in shown.itertuples():
        assert captions[row.caption_id][row.start:row.end] == row.entity
        assert "".join(report.raw[row.raw_start:row.raw_end].split()) == row.entity


@pytest.mark.parametrize("path", [paths.DEFAULT_REPORT, QINGHE])
def test_no_false_persons_on_the_project_reports(path):
    """The default recognition (the rules baseline finds 洪峰 in the invented report: benchmarks/entity_eval.py)."""
    from analysis.evaluation.entities import false_persons

    assert false_persons(load_report(path)).empty


def test_new_report_without_a_dictionary_finds_every_person(tmp_path):
    """The invented report copied without its sidecar dictionary: names from the text alone."""
    copy = tmp_path / "flood.txt"
    copy.write_text(QINGHE.read_text(encoding="utf-8"), encoding="utf-8")
    report = load_report(copy)
    tok = Tokenizer.for_report(report)
    assert [p.name for p in tok.dictionaries] == ["genre_dict.txt"]
    m = mentions(report, tokenizer=tok)
    body = set(m.loc[(m.type == "person") & (m.part == "body"), "entity"])
    assert {"周立群", "刘春梅"} <= body
    assert body <= {"周立群", "刘春梅", "赵大爷"}
    credits = m[m.role == "credit"]
    assert set(credits.entity) == {"林晓峰", "陈嘉", "王志远"}
    assert not ((m.part == "caption") & (m.role != "credit") & (m.type == "person")).any()  # nobody is named in them


CAPTIONED = ("青河抢险纪实\n\n□李文\n\n"
             "入汛以来，各级党组织闻汛而动。\n\n"
             "县委书记周立群（右二）在石桥镇查看堤坝险情。 王志远 摄\n\n"
             "镇党委书记刘春梅说，党员要冲在前面。\n")


def test_people_named_in_a_caption_and_its_credit():
    """An invented report: the caption's own sentence is read too, apart from its photographer."""
    report = parse_report(CAPTIONED)
    m = mentions(report, tokenizer=Tokenizer())
    assert list(m.columns) == MENTION_COLUMNS
    person = m[m.type == "person"]
    kinds = {(e, part, role) for e, part, role in zip(person.entity, person.part, person.role)}
    assert kinds == {("李文", "byline", "credit"), ("周立群", "caption", "actor"),
                     ("王志远", "caption", "credit"), ("刘春梅", "body", "actor")}
    row = m[m.entity == "周立群"].iloc[0]
    caption = report.captions.set_index("caption_id").loc[row.caption_id]
    assert caption.text[row.start:row.end] == "周立群" and row.evidence == "title"
    assert report.raw[row.raw_start:row.raw_end] == "周立群"
    assert m.loc[m.entity == "王志远", "caption_id"].tolist() == [row.caption_id]
    assert m.loc[m.part == "body", "caption_id"].isna().all()


def test_a_copy_of_the_bundled_report_without_its_dictionary(tmp_path):
    """Issue 11's target on a new report: every body person found, caption people and credits marked as such."""
    copy = tmp_path / "report.txt"
    copy.write_bytes(paths.DEFAULT_REPORT.read_bytes())
    report = load_report(copy)
    tok = Tokenizer.for_report(report)
    assert [p.name for p in tok.dictionaries] == ["genre_dict.txt"]
    m = mentions(report, tokenizer=tok)
    gold = {w for w, pos, _, layer in Tokenizer.for_report(load_report(), suggest=False).dictionary_entries()
            if layer == "report" and pos == "nr"}
    person = m[m.type == "person"]
    body = set(person.loc[person.part == "body", "entity"])
    assert body == gold - {"唐毅", "祝婕", "石历增", "杨勇", "郝颀", "雷烨", "于海东", "海东", "孙兴厚"}
    assert {"史万钧", "唐毅"} <= set(person.loc[(person.part == "caption") & (person.role == "actor"), "entity"])
    assert set(person.loc[person.role == "credit", "entity"]) == {"于海东", "郝颀", "石历增", "杨勇", "海东", "雷烨",
                                                                  "孙兴厚"}
    assert set(person.entity) <= gold


def test_suggestions_for_the_invented_report():
    s = suggest_user_dict(load_report(QINGHE))
    accepted = s[s.accept]
    # 赵大爷 is surname + 大爷 (a form of address), not a name the text introduces
    assert set(accepted.loc[accepted.pos == "nr", "word"]) == {"周立群", "刘春梅", "林晓峰", "陈嘉", "王志远"}
    assert {"石桥镇", "河湾村"} <= set(accepted.loc[accepted.pos == "ns", "word"])
    row = s.set_index("word").loc["周立群"]
    assert "县委书记" in row["evidence"] and row["count"] == 1
    part, pid, start, end = row["offsets"][0]
    text = load_report(QINGHE).paragraphs.set_index("paragraph_id").text[pid]
    assert part == "body" and text[start:end] == "周立群"


def test_media_are_sources():
    report = parse_report("标题\n\n新华社北京1月5日电 新华社记者王涛报道，外交部发言人表示欢迎。")
    m = mentions(report)
    assert set(m.loc[m.entity == "新华社", "role"]) == {"source"}


def test_write_user_dict_round_trip(tmp_path):
    report = parse_report("标题\n\n县委书记周立群要求，村民赵大爷说，辛苦了。周立群说，好。")
    path = write_user_dict(suggest_user_dict(report), tmp_path / "mine.txt")
    assert "周立群 20 nr" in path.read_text(encoding="utf-8")
    assert ("周立群", "nr") in Tokenizer(path).tag("周立群说")


def test_suggestions_need_a_report():
    with pytest.raises(ReportError, match="takes a Report"):
        suggest_user_dict("县委书记周立群")


def test_frequency_and_actors_agree(report, tokenizer):
    from analysis.frequency import entities
    from analysis.rhetoric.actors import actors

    table = entities(report, tokenizer=tokenizer)
    a = actors(report, tokenizer=tokenizer)
    assert set(table.loc[table.type == "person", "entity"]) == set(a.loc[a.kind == "person", "actor"])
    assert {"evidence", "start", "raw_start"} <= set(table.columns)


# --- the figures the README quotes -------------------------------------------------


@pytest.fixture(scope="module")
def heldout_scores():
    from analysis.evaluation.entities import entity_scores

    return entity_scores("crf", part="heldout", limit=1000).set_index("type")


def test_held_out_targets(heldout_scores):
    """Targets of issue 11 on held-out People's Daily paragraphs (the first 1,000; the full figure: benchmarks/entity_eval.py)."""
    assert heldout_scores.loc["person", "gold"] > 800
    assert heldout_scores.loc["person", "f1"] >= 0.90
    assert heldout_scores.loc["place", "f1"] >= 0.85


def test_model_beats_jieba_tags(heldout_scores):
    from analysis.evaluation.entities import entity_scores

    jieba_only = entity_scores("jieba", part="heldout", limit=300).set_index("type")
    assert heldout_scores.loc["person", "f1"] > jieba_only.loc["person", "f1"] + 0.1


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="needs the development corpus in ../shared/dev-corpus (not in a clean clone)")
def test_development_corpus_leaders_and_media():
    """On CCTV transcripts: 习近平 is found whether the title comes first or after; 央视网 is never an actor."""
    found = total = 0
    for path in sorted(DEV_CORPUS.glob("*.txt"))[:12]:
        report = load_report(path)
        m = mentions(report)
        total += sum(p.text.count("习近平") for p in report.paragraphs.itertuples())
        found += int((m.entity == "习近平").sum())
        assert not ((m.entity == "央视网") & (m.role == "actor")).any()
    assert total > 20 and found >= 0.9 * total


def test_mention_keys_are_the_rows_of_mentions(report, tokenizer):
    from analysis.entities import mention_keys

    reports = [(report, tokenizer)]
    for path in sorted((paths.DATA_DIR / "examples").glob("*.txt")):
        if not path.name.endswith("_user_dict.txt"):
            other = load_report(path)
            reports.append((other, Tokenizer.for_report(other)))
    reports.append((parse_report("新华社北京1月1日电\n\n市委书记孙伟来到白沙村。韩正在会上说，韩正同志强调。"), Tokenizer()))
    reports.append((parse_report(CAPTIONED), Tokenizer()))
    for one, tok in reports:
        for method in ("crf", "rules", "jieba"):
            table = mentions(one, tokenizer=tok, method=method)
            assert mention_keys(one, tokenizer=tok, method=method) == list(zip(table["entity"], table["type"],
                                                                            table["role"]))
            assert mention_keys(one, tokenizer=tok, method=method, with_part=True) == list(
                zip(table["entity"], table["type"], table["role"], table["part"]))
    with pytest.raises(ReportError):
        mention_keys(report.sentences, tokenizer=tokenizer)


def test_the_second_pass_of_suggestions_reuses_the_hmm_and_tags_the_same():
    """for_report tags a report for its suggestions, then again with them: the unknown runs are remembered."""
    from analysis.tokenize import _posseg_detail_cached

    report = parse_report(CAPTIONED + "\n镇党委书记刘春梅和村民柏树林一起加固河堤，柏树林说，辛苦了。\n")
    tok = Tokenizer.for_report(report)
    before = _posseg_detail_cached.cache_info().hits
    sentences = report.sentences["text"].tolist()
    assert tok.tag_many(sentences) == [tok.tag_posseg(s) for s in sentences]
    assert _posseg_detail_cached.cache_info().hits > before


def test_a_glued_name_is_suggested_and_cut_whole():
    report = parse_report("检验科的两位党员\n\n区疾控中心检验科班丽和孙强两位党员通宵检测。孙强说，班丽一直守在实验室。\n")
    s = suggest_user_dict(report)
    row = s.set_index("word").loc["班丽"]
    assert row["pos"] == "nr" and row["accept"] and "department word" in row["evidence"] and row["count"] == 2
    assert "班丽" in Tokenizer.for_report(report).cut("检验科班丽和孙强")
