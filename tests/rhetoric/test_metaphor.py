"""Tests for analysis.rhetoric.metaphor: whole-token war-metaphor hits."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import ReportError
from analysis.rhetoric.metaphor import (
    DENSITY_COLUMNS,
    METAPHOR_COLUMNS,
    load_war_lexicon,
    metaphor_density,
    unlisted_tokens,
    war_metaphors,
)


@pytest.fixture(scope="session")
def hits(report, tokenizer):
    return war_metaphors(report, tokenizer=tokenizer)


@pytest.fixture(scope="session")
def lexicon():
    return load_war_lexicon()


def test_lexicon_has_notes_and_known_categories(lexicon):
    assert not lexicon["word"].duplicated().any()
    assert (lexicon["note"].notna()).all() and (lexicon["basic_meaning"].str.len() > 0).all()
    assert set(lexicon["strength"]) == {"clear", "weak"}
    assert {"enemy", "defence", "unit", "soldier", "combat", "war"} <= set(lexicon["category"])


@pytest.mark.parametrize(
    "word, category",
    [("疫魔", "enemy"), ("来袭", "enemy"), ("病魔", "enemy"), ("堡垒", "defence"),
     ("突击队", "unit"), ("逆行者", "soldier"), ("阻击战", "war"), ("战斗", "combat")],
)
def test_lexicon_categories(lexicon, word, category):
    assert lexicon.set_index("word").loc[word, "category"] == category


def test_columns(hits):
    assert list(hits.columns) == METAPHOR_COLUMNS


def test_headline_demon_is_enemy_framing(hits, report):
    row = hits[(hits["part"] == "headline") & (hits["word"] == "疫魔")]
    assert len(row) == 1
    assert row["category"].item() == "enemy"
    start, end = row[["raw_start", "raw_end"]].iloc[0]
    assert report.raw[start:end] == "疫魔"


def test_headline_can_be_left_out(report, tokenizer):
    without = war_metaphors(report, tokenizer=tokenizer, include_titles=False)
    assert not without["part"].isin(["headline", "heading"]).any()
    assert (without["paragraph_id"] > 0).all()


def test_zhandou_not_counted_inside_zhandoudui(hits, report):
    # 战斗 occurs as a token twice in the body (吹响战斗号角 is a heading);
    # the four 战斗队 / 战斗堡垒 tokens must not add to it.
    body = hits[hits["paragraph_id"] > 0]
    zhandou = body[body["word"] == "战斗"]
    texts = dict(zip(report.paragraphs.paragraph_id, report.paragraphs.text))
    for row in zhandou.itertuples():
        following = texts[row.paragraph_id][row.end : row.end + 1]
        assert following not in {"队", "堡"}
    assert len(zhandou) == 1  # 战斗在疫情防控一线 (paragraph 15)
    assert (body["word"] == "战斗队").sum() == 2
    assert (body["word"] == "战斗堡垒").sum() == 2


def test_multiword_entry_is_one_hit(hits):
    row = hits[hits["word"] == "没有硝烟的战争"]
    assert len(row) == 1 and row["n_tokens"].item() == 4
    assert not ((hits["word"] == "战争") & (hits["paragraph_id"] == row["paragraph_id"].item())).any()


def test_spans_point_at_the_word(hits, report):
    texts = dict(zip(report.paragraphs.paragraph_id, report.paragraphs.text))
    body = hits[hits["paragraph_id"] > 0]
    for row in body.itertuples():
        assert texts[row.paragraph_id][row.start : row.end] == row.word
        assert report.raw[row.raw_start : row.raw_end].replace("\n", "") == row.word


def test_kwic_context(hits):
    row = hits[hits["word"] == "前沿阵地"].iloc[0]
    assert row["left"].endswith("支部就是") and row["right"].startswith("，就是战斗堡垒")


@pytest.mark.parametrize(
    "body, expected",
    [
        ("今天天气很好，我们去公园散步。", []),
        ("党员组成战斗队，战斗在一线。", [("战斗队", "unit"), ("战斗", "combat"), ("一线", "front_line")]),
        ("疫魔来袭，病魔肆虐。", [("疫魔", "enemy"), ("来袭", "enemy"), ("病魔", "enemy"), ("肆虐", "enemy")]),
        ("这是一场没有硝烟的战争。", [("没有硝烟的战争", "war")]),
        ("他们写了请战书。", [("请战书", "mobilisation")]),
        ("广大党员冲锋在前。", [("冲锋在前", "combat")]),  # one jieba token, listed as such
    ],
)
def test_crafted(body, expected, tokenizer, crafted):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert list(zip(hits["word"], hits["category"])) == expected


def test_custom_lexicon(tokenizer, crafted):
    lexicon = pd.DataFrame({"word": ["公园"], "category": ["place"]})
    hits = war_metaphors(crafted("我们去公园散步。"), tokenizer=tokenizer, lexicon=lexicon, include_titles=False)
    assert hits["word"].tolist() == ["公园"]


def test_bad_input(crafted):
    with pytest.raises(ReportError):
        war_metaphors("not a report")
    with pytest.raises(ReportError):
        war_metaphors(crafted("战斗。"), lexicon=pd.DataFrame({"term": ["战斗"]}))
    with pytest.raises(ReportError):
        load_war_lexicon("/nonexistent/war.csv")


def test_density(report, tokenizer, hits):
    d = metaphor_density(report, hits=hits, tokenizer=tokenizer)
    assert list(d.columns) == DENSITY_COLUMNS
    overall = d[d["category"] == "all"].set_index("section_title")
    sections = [overall.loc[t] for t in report.section_titles.values()]
    # Sections add up to the body total; titles are kept apart.
    assert sum(s["n_hits"] for s in sections) == overall.loc["全文", "n_hits"]
    assert sum(s["n_tokens"] for s in sections) == overall.loc["全文", "n_tokens"]
    n_body_hits = int((hits["paragraph_id"] > 0).sum())
    assert overall.loc["全文", "n_hits"] == n_body_hits
    assert overall.loc["标题", "n_hits"] == int((hits["paragraph_id"] == 0).sum())
    n_tokens = int((~tokenizer.tokens(report)["is_punct"]).sum())
    assert overall.loc["全文", "n_tokens"] == n_tokens
    assert overall.loc["全文", "per_1000"] == round(1000 * n_body_hits / n_tokens, 2)


def test_density_clear_only_is_smaller(report, tokenizer, hits):
    all_ = metaphor_density(report, hits=hits, tokenizer=tokenizer)
    clear = metaphor_density(report, hits=hits, tokenizer=tokenizer, clear_only=True)
    pick = lambda d: d[(d.section_title == "全文") & (d.category == "all")]["n_hits"].item()  # noqa: E731
    n_weak = int(((hits["strength"] == "weak") & (hits["paragraph_id"] > 0)).sum())
    assert pick(clear) == pick(all_) - n_weak


def test_unlisted_tokens_are_not_hits(report, tokenizer, hits):
    missed = unlisted_tokens(report, tokenizer=tokenizer, hits=hits)
    # (英雄 left the lexicon in issue 12: hero framing is not war, so 英雄本色 is no longer listed)
    assert {"党员先锋岗"} <= set(missed["word"])
    for row in missed.itertuples():
        assert row.contains in row.word and row.contains != row.word
    # Nothing listed here overlaps a hit.
    spans = {(h.paragraph_id, h.start) for h in hits.itertuples()}
    assert not any((m.paragraph_id, m.start) in spans for m in missed.itertuples())


def test_unlisted_tokens_crafted(tokenizer, crafted):
    lexicon = pd.DataFrame({"word": ["冲锋"], "category": ["combat"]})
    missed = unlisted_tokens(crafted("吹响冲锋号。"), tokenizer=tokenizer, lexicon=lexicon,
                             include_titles=False)
    assert missed[["word", "contains"]].values.tolist() == [["冲锋号", "冲锋"]]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("坚定必胜信念，克服厌战情绪。", [["必胜", 2, 4], ["厌战", 9, 11]]),  # jieba keeps 必胜信念, 厌战情绪 whole
        ("发展前沿技术。", [["前沿", 2, 4]]),
        ("坚持平战结合。", [["平战结合", 2, 6]]),
    ],
)
def test_a_four_character_token_opening_with_an_entry(tokenizer, crafted, body, expected):
    """Issue 12, causes on dev parts 1-3: 必胜信念, 厌战情绪, 前沿技术 are one token each; 平战结合 is listed."""
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits[["word", "start", "end"]].values.tolist() == expected


@pytest.mark.parametrize(
    "body, literal",
    [
        ("解放军官兵闻令而动，奋战在抗疫一线。", {"闻令而动"}),  # the troops' own move is literal, 奋战/一线 are not
        ("驻地部队积极支援。", {"部队"}),
        ("党员闻令而动，奋战在一线。", set()),  # no armed forces named: the mobilisation word is a metaphor
        ("军队战士奋战在抗疫一线。", {"战士"}),  # the fourth part (seen): 军队 names the forces; 奋战/一线 stay metaphors
        ("军队战士奋战在一线。", {"战士", "奋战", "一线"}),  # the fifth part (seen): no civil task, all literal
    ],
)
def test_forces_named_in_the_sentence_make_their_words_literal(tokenizer, crafted, body, literal):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert set(hits.loc[hits["literal"], "word"]) == literal
    assert not (hits["literal"] & hits["by_guideline"]).any()


@pytest.mark.parametrize(
    "body, frame",
    [("党员冲锋在第一线、战斗在最前沿。", "□□在□□□"), ("支部就是前沿阵地，就是战斗堡垒。", "就是□□□□")],
)
def test_war_frames(body, frame, tokenizer):
    """Issue 12: parallel war frames such as 冲锋在第一线、战斗在最前沿."""
    from analysis import parse_report
    from analysis.rhetoric.metaphor import war_frames

    found = war_frames(parse_report(f"标题\n\n□记者\n\n{body}"), tokenizer=tokenizer)
    assert found["frame"].tolist() == [frame]


def test_genre_entries_found(tokenizer):
    """Issue 12: 最前沿, 身先士卒, 战斗力, 大战 are hits (the first lexicon missed them)."""
    from analysis import parse_report

    r = parse_report("标题\n\n□记者\n\n他身先士卒，战斗在最前沿，提升战斗力，打一场大战。")
    assert {"身先士卒", "最前沿", "战斗力", "大战"} <= set(war_metaphors(r, tokenizer=tokenizer)["word"])


def test_a_name_ending_like_an_entry_is_no_hit(tokenizer, crafted):
    """A person's name (谭先锋, a jieba nr token) is not the suffix hit 先锋 (the fourth part, seen)."""
    hits = war_metaphors(crafted("记者谭先锋报道。"), tokenizer=tokenizer, include_titles=False)
    assert "先锋" not in set(hits["word"])


def test_a_threat_is_not_counted_by_the_guidelines(tokenizer, crafted):
    hits = war_metaphors(crafted("面临病毒的威胁。"), tokenizer=tokenizer, include_titles=False)
    assert hits.set_index("word").loc["威胁", "by_guideline"] == False  # noqa: E712


@pytest.mark.parametrize(
    "body, word, counted",
    [
        ("这支部队的战斗力不断增强。", "战斗力", False),  # the forces and no civil task: every war word literal
        ("两国军队在边境展开激战。", "激战", False),
        ("部队官兵奋战在抗疫一线。", "奋战", True),  # a civil task named in the paragraph: the metaphor stays
        ("解放军官兵连夜驰援灾区。", "驰援", False),  # a move of the forces (mobilisation) is literal next to them
        ("医疗队连夜驰援武汉。", "驰援", True),
        ("全体村民筑牢疫情防控的严密防线。", "筑牢", True),  # a defence named near the verb
        ("坚持公平，筑牢制度底线。", "筑牢", False),  # no defence: a construction verb only
        ("把村口这道防线守住。", "守住", True),
        ("以科技为突破口，发展经济。", "突破口", True),
    ],
)
def test_readings_from_the_fifth_part(tokenizer, crafted, body, word, counted):
    """The fifth part (People's Daily 1998, seen after its two scorings): invented sentences of its readings."""
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits.set_index("word").loc[word, "by_guideline"] == counted


def test_a_surname_split_off_names_no_force(tokenizer, crafted):
    """刘 | 海军 (jieba splits the name): no navy, so the request to fight stays a metaphor."""
    hits = war_metaphors(crafted("医生刘海军写了请战书。"), tokenizer=tokenizer, include_titles=False)
    assert hits.set_index("word").loc["请战书", "by_guideline"] == True  # noqa: E712


@pytest.mark.parametrize(
    "body, counted",
    [
        ("科研人员在新材料研究上取得了重大突破。", ["突破"]),
        ("这项改革有了突破性进展。", ["突破性"]),
        ("要用先进理论武装全体党员。", ["武装"]),
        ("他们以优秀的国产产品占领市场。", ["占领"]),
        ("工人们连夜突击抢修道路。", ["突击"]),
        ("这个乡三年打了两个大胜仗。", ["胜仗"]),
        ("技术人员兵分两路，奔赴灾区。", ["兵分两路"]),
        ("这部影片反映了侵略战争给人民带来的苦难。", []),  # a real war of history
        ("老人回忆起战争年代的艰苦生活。", []),
        ("这位红军老战士讲述了长征的故事。", []),
        ("取得革命胜利之后，他投身建设。", []),
        ("当地武装分子袭击了一个村庄。", []),  # armed men: literal
    ],
)
def test_words_and_real_wars_from_the_sixth_part(body, counted, tokenizer, crafted):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits.loc[hits["by_guideline"], "word"].tolist() == counted


def test_the_forces_named_in_another_sentence_of_the_paragraph(tokenizer, crafted):
    """A paragraph about serving forces with no civil task: the fighting words are literal in every sentence."""
    hits = war_metaphors(crafted("全师把学习成果转化为战斗力。近年来，部队在训练改革中成绩突出。"), tokenizer=tokenizer,
                         include_titles=False)
    assert not hits["by_guideline"].any()
    hits = war_metaphors(crafted("医护人员把学习成果转化为战斗力。近年来，部队支援抗疫一线。"), tokenizer=tokenizer,
                         include_titles=False)
    assert hits.loc[hits["by_guideline"], "word"].tolist()[:1] == ["战斗力"]  # a civil task keeps the figure


@pytest.mark.parametrize(
    "body, counted",
    [
        ("他们在全国率先攻破了治理拥堵的难关。", ["攻破"]),
        ("在辩论中，反对党议员攻击政府的预算方案。", ["攻击"]),
        ("围棋比赛今天战罢最后一轮。", ["战罢"]),
        ("全省把产业扶贫作为主攻方向。", ["主攻"]),
        ("一辆小货车开进了宾馆的院子。", []),  # a vehicle driving in: 开进 is no entry
        ("前线话剧团今晚演出了新戏。", []),  # a troupe's name, no figure
    ],
)
def test_words_and_names_from_the_seventh_part(body, counted, tokenizer, crafted):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits.loc[hits["by_guideline"], "word"].tolist() == counted


@pytest.mark.parametrize(
    "body, counted",
    [
        ("这次代表大会的胜利召开鼓舞了全党。", []),  # successfully held: an adverb, no victory
        ("运动会胜利闭幕。", []),
        ("人民取得了抗洪斗争的胜利。", ["胜利"]),  # still the victory of a fight
        ("这家商场成为商界的一支新军。", ["新军"]),  # a newcomer, like 生力军
        ("这是一项前沿性的研究课题。", ["前沿性"]),  # one token, like 突破性
    ],
)
def test_words_from_the_eighth_part(body, counted, tokenizer, crafted):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits.loc[hits["by_guideline"], "word"].tolist() == counted


@pytest.mark.parametrize(
    "body, counted",
    [
        ("修路不能再靠人海战术，要靠机械化施工。", ["人海战术"]),  # human-wave tactics for a labour-intensive method
        ("这片人海中看不到尽头。", []),  # a crowd, no tactics
    ],
)
def test_words_from_the_ninth_part(body, counted, tokenizer, crafted):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits.loc[hits["by_guideline"], "word"].tolist() == counted


@pytest.mark.parametrize(
    "body, counted",
    [
        ("全省形成了四路科技大军协同攻关的格局。", ["大军", "攻关"]),  # a workforce read as an army
    ],
)
def test_words_from_the_tenth_part(body, counted, tokenizer, crafted):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits.loc[hits["by_guideline"], "word"].tolist() == counted


@pytest.mark.parametrize(
    "body, counted",
    [
        ("领导小组由副市长挂帅，统筹全市扶贫工作。", ["挂帅"]),  # a leader heading a body as a marshal
        ("两大经济体之间的贸易战一触即发。", ["贸易战"]),  # one token: 战 is not matched inside it
        ("一架美军飞机入侵邻国领空。", []),  # a foreign force's real incursion: literal
    ],
)
def test_words_from_the_eleventh_part(body, counted, tokenizer, crafted):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits.loc[hits["by_guideline"], "word"].tolist() == counted


@pytest.mark.parametrize(
    "body, counted",
    [
        ("两家电器厂商打起了价格战。", ["价格战"]),  # a kind of battle named by what is fought over: the whole token
        ("节前各大商场的商战愈演愈烈，战法不断翻新。", ["商战", "战法"]),  # a sales season as a war
        ("今年的阵法已变，小店专打渗透战。", ["阵法", "渗透战"]),
        ("他在围棋天元战中夺得冠军。", []),  # a tournament's name, not a battle
        ("这是本赛季的第一战。", []),  # a numeral opens it: an ordinal, not a kind of battle
    ],
)
def test_words_from_the_twelfth_part(body, counted, tokenizer, crafted):
    hits = war_metaphors(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert hits.loc[hits["by_guideline"], "word"].tolist() == counted
