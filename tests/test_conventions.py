"""Tests for analysis.conventions: jieba's words recut the PKU way (crafted inputs, one table per rule)."""

from __future__ import annotations

import pytest

from analysis import Tokenizer
from analysis.conventions import conventions_from, pku_conventions, to_pku, to_pku_tagged, to_project_tagged
from analysis.errors import ReportError
from analysis.segmentation import people_daily_gold, segmentation_scores


@pytest.mark.parametrize(
    "words, expected",
    [
        (["１", "９", "９", "８"], ["１９９８"]),  # jieba cuts full-width digits one by one
        (["１", "２", "．", "５", "％"], ["１２．５％"]),
        (["2021", "年", "春天"], ["2021年", "春天"]),  # a year is a time word
        (["35", "年", "来"], ["35", "年", "来"]),  # a duration is number + measure word
        (["12", "月", "8", "日"], ["12月", "8日"]),
        (["500", "多家", "工厂"], ["500多", "家", "工厂"]),  # approximator on the number
        (["8", "万余人"], ["8万余", "人"]),
        (["60", "万元"], ["60万", "元"]),
        (["40", "%"], ["40%"]),
    ],
)
def test_numbers(words, expected):
    assert to_pku(words) == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        (["三座", "大桥"], ["三", "座", "大桥"]),
        (["这辆", "汽车"], ["这", "辆", "汽车"]),
        (["第三届", "大会"], ["第三", "届", "大会"]),
        (["两张", "桌子"], ["两", "张", "桌子"]),
        (["一个", "人"], ["一个", "人"]),  # the corpus writes 一个 whole
        (["一些", "问题"], ["一些", "问题"]),
        (["一起", "走"], ["一起", "走"]),
    ],
)
def test_numeral_or_demonstrative_and_measure_word(words, expected):
    assert to_pku(words) == expected


@pytest.mark.parametrize(
    "pairs, expected",
    [
        ([("三张纸", "m")], ["三", "张", "纸"]),  # a numeral phrase: cut, word and all
        ([("三张纸", None)], ["三", "张", "纸"]),  # unknown to jieba (HMM): the same
        ([("三元里", "t")], ["三元里"]),  # a place jieba knows as something else: numeral + measure + word kept
    ],
)
def test_a_word_after_the_measure_word_only_in_numeral_phrases(pairs, expected):
    assert [w for w, _ in to_pku_tagged(pairs)] == expected


def test_measure_words_and_demonstratives_come_from_the_corpus():
    c = pku_conventions()
    assert {"个", "座", "名", "次", "张"} <= c.measure_words
    assert {"这", "那", "每", "各"} <= c.demonstratives
    assert "的" not in c.measure_words and "他" not in c.demonstratives
    assert pku_conventions() is c  # counted once per process


def _corpus(sentences):
    """Crafted ``(line, [(word, tag)…])`` paragraphs: words separated by spaces, tag ``n``."""
    return [(i, [(w, "nr" if w.startswith("@") else "n") for w in s.split()]) for i, s in enumerate(sentences)]


def test_learned_split_and_join_follow_the_counts():
    c = conventions_from(_corpus(["高速 公路 通车"] * 3 + ["白菜 价格"] * 4 + ["白 菜"]))
    assert to_pku(["高速公路", "通车"], conventions=c) == ["高速", "公路", "通车"]
    assert to_pku(["白", "菜", "价格"], conventions=c) == ["白菜", "价格"]
    # the other way round: whole in the corpus, so not split
    c2 = conventions_from(_corpus(["高速公路 通车"] * 3 + ["高速 公路"]))
    assert to_pku(["高速公路"], conventions=c2) == ["高速公路"]
    # thresholds: with a split share above what the corpus shows, nothing is learned
    c3 = conventions_from(_corpus(["高速 公路"] * 2 + ["高速公路"] * 2))
    assert to_pku(["高速公路"], conventions=c3, split_share=0.5) == ["高速", "公路"]
    assert to_pku(["高速公路"], conventions=c3, split_share=0.6) == ["高速公路"]
    assert to_pku(["高速公路"], conventions=c, learned=False) == ["高速公路"]


def test_nothing_is_learned_from_person_names():
    # PKU writes a name as surname | given name; those sequences are not counted
    c = conventions_from(_corpus(["@张 @小明 来 了"] * 5))
    assert "张小明" not in c.parts


def _tagged_corpus(sentences):
    """Crafted paragraphs of ``word/tag`` tokens separated by spaces."""
    return [(i, [tuple(t.split("/")) for t in s.split()]) for i, s in enumerate(sentences)]


@pytest.mark.parametrize(
    "pairs, keep",
    [
        ([("三座", "m")], {"三座"}),  # a dictionary word of the tokenizer
        ([("南海大学", "nt")], set()),  # an organisation tag; the corpus writes it with a place among its parts
        ([("北河公路", "ns")], set()),  # a place tag; the corpus writes it whole once
        ([("张三", "nr")], set()),
    ],
)
def test_kept_words_and_names_are_never_recut(pairs, keep):
    c = conventions_from(_tagged_corpus(["南海/ns 大学/n"] * 5 + ["北河/ns 公路/n"] * 5 + ["北河公路/ns"]
                                        + ["张/nr 三/nr"] * 5))
    assert to_pku_tagged(pairs, keep=keep, conventions=c) == pairs


@pytest.mark.parametrize(
    "pairs, expected",
    [
        ([("高速公路", "nr")], ["高速", "公路"]),  # the corpus writes it apart twice, never whole, no name among the parts
        ([("高速公路", "ns")], ["高速", "公路"]),
        ([("高速铁路", "nt")], ["高速", "铁路"]),  # never written: two words it knows well (step 3b), neither a name
        ([("南海铁路", "nt")], ["南海铁路"]),  # 南海 is a place in the corpus: a name, kept
    ],
)
def test_a_name_tag_the_corpus_contradicts_is_cut(pairs, expected):
    c = conventions_from(_tagged_corpus(["高速/b 公路/n"] * 2 + ["高速/b 铁路/n 南海/ns"] * 3))
    assert [w for w, _ in to_pku_tagged(pairs, conventions=c)] == expected


def test_plural_suffix_stays_on_its_word():
    assert to_pku(["学生", "们", "好"]) == ["学生们", "好"]


def test_tags_of_new_pieces():
    assert to_pku_tagged([("500", "m"), ("多家", "m")], tag_of={"家": "q"}) == [("500多", "m"), ("家", "q")]


@pytest.fixture(scope="module")
def pku():
    return Tokenizer(convention="pku")


@pytest.mark.parametrize("text", ["今年前三个月，全县２００多家企业完成产值１２．５亿元。", "他们在这座城市住了35年", "", "ABC 123"])
def test_tokenizer_option_keeps_the_text(pku, text):
    assert "".join(pku.cut(text)) == text
    assert [w for w, _ in pku.tag(text)] == pku.cut(text)
    assert all(tag for _, tag in pku.tag(text))


def test_tokenizer_option_is_checked():
    with pytest.raises(ReportError, match="convention"):
        Tokenizer(convention="msr")
    assert Tokenizer().convention == "jieba"


@pytest.mark.parametrize("text", ["北京市委书记", "黄山市财政局", "信阳市财政局局长", "上海市委副书记", "市委书记"])
def test_convention_never_splits_a_city_name(pku, text):
    """City + office is cut no finer than plain jieba cuts it (no boundary inside the city name)."""
    city = text[: text.index("市") + 1] if text.index("市") > 0 else ""
    boundaries, position = set(), 0
    for word in pku.cut(text):
        position += len(word)
        boundaries.add(position)
    assert not any(0 < i < len(city) for i in boundaries)
    assert "".join(pku.cut(text)) == text


def test_convention_beats_jieba_on_held_out_people_daily():
    """Word F1 on held-out People's Daily paragraphs (never counted or tuned on): the recut is much closer to PKU."""
    gold = people_daily_gold("heldout", limit=600)
    assert len(gold) == 600
    plain = segmentation_scores(gold, Tokenizer(user_dict=False).cut, name="plain").iloc[-1]["word_f1"]
    recut = segmentation_scores(gold, Tokenizer(user_dict=False, convention="pku").cut, name="pku").iloc[-1]["word_f1"]
    assert plain > 0.75
    assert recut > plain + 0.05


def _gold_names(words):
    """Spans of the gold names of a People's Daily paragraph: nr surname + given name joined, ns, nt."""
    spans, position = [], 0
    for word, tag in words:
        spans.append((position, position + len(word), tag))
        position += len(word)
    names, k = [], 0
    while k < len(spans):
        start, end, tag = spans[k]
        if tag in ("nr", "ns", "nt"):
            if tag == "nr" and k + 1 < len(spans) and spans[k + 1][2] == "nr" and end - start <= 2:
                end = spans[k + 1][1]
                k += 1
            names.append((start, end))
        k += 1
    return names


def _token_spans(words):
    spans, position = set(), 0
    for word in words:
        spans.add((position, position + len(word)))
        position += len(word)
    return spans


def test_recut_keeps_the_names_of_held_out_people_daily_whole(pku):
    """Every gold person, place and organisation name jieba keeps whole stays whole after the recut (1 in 1000 may go)."""
    from analysis import peoples_daily

    jieba_cut = Tokenizer()
    kept = lost = 0
    for _, words in peoples_daily.paragraphs("heldout", tagged=True)[:1000]:
        text = "".join(w for w, _ in words)
        before, after = _token_spans(jieba_cut.cut(text)), _token_spans(pku.cut(text))
        for span in _gold_names(words):
            if span in before:
                kept += span in after
                lost += span not in after
    assert kept > 2000
    assert lost <= kept / 1000


# --- rules of both conventions for words jieba makes up or tags as it should not ---------------------------

_RULES_CORPUS = _tagged_corpus(
    ["但/c 求/v 平安/a"] * 3 + ["扛/v 起来/v"] * 3 + ["踢/v 足球/n"] + ["足球/n 比赛/vn"] * 3
    + ["看/v 足球/n 比赛/vn", "看足球/v"] * 2 + ["测量/vn 数据/n", "体温/n 正常/a"])


@pytest.mark.parametrize(
    "pairs, expected",
    [
        ([("但求", None)], ["但", "求"]),  # made up by jieba's HMM: function word + word, never written whole
        ([("但求", "v")], ["但求"]),  # a word of jieba's dictionary: not this rule's business
        ([("扛起来", "l")], ["扛", "起来"]),  # one-character verb + disyllabic directional complement
        ([("踢足球", "n")], ["踢", "足球"]),  # one-character verb + a noun, never written whole
        ([("看足球", "n")], ["看足球"]),  # the corpus writes it whole as often as apart
        ([("测量体温", "nz")], ["测量", "体温"]),  # verb + noun, both known, the whole never written
        ([("体温测量", "nz")], ["体温测量"]),  # noun + verb: step 3b asks each part three times
    ],
)
def test_unknown_words_and_verb_phrases_are_cut(pairs, expected):
    c = conventions_from(_RULES_CORPUS)
    assert [w for w, _ in to_pku_tagged(pairs, conventions=c)] == expected


# --- the project convention: the gold's written departures from the corpus ------------------------------

_PROJECT_CORPUS = _tagged_corpus(
    ["每个/r 村/n 这个/r 村/n 每天/r 各级/r 领导/n 这家/r 店/n"] * 5
    + ["每/r 个/q 人/n 这/r 家/q 店/n 各/r 级/q 一/m 天/q 两/m 盘/q 菜/n"] * 5
    + ["人人/r 有/v 责/Ng", "人人/r 有/v 责/Ng", "哄抬/v 物价/n", "积极/a 开展/v", "积极/a 开展/v"]
    + ["筑/v 起/v 堤坝/n 站/v 好/a 岗/n 不/d 是/v 不图/v 名利/n 村里/s 村/n 变/v 得/u 好/a 跑/v 得/u 快/a"] * 5)


@pytest.mark.parametrize(
    "pairs, pku_words, project_words",
    [
        # guideline 15: numeral, demonstrative, 每 apart from an individual measure word
        ([("每个", "r"), ("村", "n")], ["每个", "村"], ["每", "个", "村"]),
        ([("这家", "r"), ("店", "n")], ["这家", "店"], ["这", "家", "店"]),
        ([("每天", "r")], ["每天"], ["每天"]),  # a measure word of time
        ([("各级", "r")], ["各级"], ["各级"]),  # 各 + one syllable: guideline 13 follows the corpus
        ([("两盘菜", "n")], ["两盘菜"], ["两", "盘", "菜"]),
        # guideline 7: idioms and fixed four-character expressions whole
        ([("人人有责", "l")], ["人人", "有", "责"], ["人人有责"]),
        ([("哄抬物价", "i")], ["哄抬", "物价"], ["哄抬物价"]),  # an idiom written apart once only
        ([("积极开展", "l")], ["积极", "开展"], ["积极", "开展"]),  # a free combination, written apart twice
        # guideline 12: one-character verb + result complement one word
        ([("筑起", "v"), ("堤坝", "n")], ["筑", "起", "堤坝"], ["筑起", "堤坝"]),
        ([("站", "v"), ("好", "a")], ["站", "好"], ["站好"]),
        ([("变得", "v")], ["变", "得"], ["变得"]),
        ([("跑", "v"), ("得", "u"), ("快", "a")], ["跑", "得", "快"], ["跑", "得", "快"]),  # 得 never joined
        ([("是", "v"), ("好", "a"), ("事", "n")], ["是", "好", "事"], ["是", "好", "事"]),  # a copula has no result
        # guideline 16: a one-character noun apart from its localiser
        ([("村里", "s")], ["村里"], ["村", "里"]),
        ([("这里", "r")], ["这里"], ["这里"]),
        # guideline 11: adverb + verb apart, not joined by step 4
        ([("不", "d"), ("图", "n")], ["不图"], ["不", "图"]),
    ],
)
def test_project_convention_follows_the_written_guidelines(pairs, pku_words, project_words):
    c = conventions_from(_PROJECT_CORPUS)
    tags = {"每": "r", "个": "q", "这": "r", "家": "q", "村": "n", "里": "f"}
    assert [w for w, _ in to_pku_tagged(pairs, conventions=c, tag_of=tags)] == pku_words
    assert [w for w, _ in to_project_tagged(pairs, conventions=c, tag_of=tags)] == project_words


_LISTED_CORPUS = _tagged_corpus(
    ["一面/f 一面/f 一线/n 一线/n 一起/d 一起/d 一起/d 一起/d"]
    + ["一/m 面/q 红旗/n 一/m 线/q 光/n 一/m 起/q 事故/n"] * 3
    + ["方/d 又/d 显/v 显/v"] * 5 + ["方能/v"]
    + ["总队长/n 支队长/n 基本上/d 实际上/d"] * 3 + ["小组/n 长/a 操场/n 上/f"])


@pytest.mark.parametrize(
    "pairs, pku_words, project_words",
    [
        # guideline 15: a numeral + measure word the corpus writes apart more often than as a word of another class
        ([("一面", "m"), ("红旗", "n")], ["一面", "红旗"], ["一", "面", "红旗"]),
        ([("一线", "m")], ["一线"], ["一线"]),  # the corpus's whole word is a noun ("front line"): listed, kept
        ([("一起", "m")], ["一起"], ["一起"]),  # written whole more often than apart
        # guideline 11: an adverb + a verb the corpus never writes, whole or apart, is cut
        ([("方显", "a")], ["方显"], ["方", "显"]),
        ([("方能", "v")], ["方能"], ["方能"]),  # a word the corpus writes whole
        ([("又红", "a")], ["又红"], ["又红"]),  # 红 is no verb of the corpus
        # guideline 10: a dictionary word cut once as word + a suffix the corpus writes on its words stays whole
        ([("小组长", "n")], ["小组", "长"], ["小组长"]),
        ([("小组长", None)], ["小组", "长"], ["小组", "长"]),  # a word jieba's HMM made up: no dictionary behind it
        ([("操场上", "v")], ["操场", "上"], ["操场", "上"]),  # a localiser is no suffix (guideline 16)
    ],
)
def test_project_convention_keeps_listed_words_and_cuts_free_combinations(pairs, pku_words, project_words):
    c = conventions_from(_LISTED_CORPUS)
    assert [w for w, _ in to_pku_tagged(pairs, conventions=c)] == pku_words
    assert [w for w, _ in to_project_tagged(pairs, conventions=c)] == project_words


@pytest.mark.parametrize(
    "corpus, pairs, pku_words, project_words",
    [
        # guideline 10: a word of jieba's dictionary stays whole unless the corpus cuts it in 90% of its uses
        (["就/d 是/v"] * 8 + ["就是/d"] * 2, [("就是", "d")], ["就", "是"], ["就是"]),
        (["就/d 是/v"] * 19 + ["就是/d"], [("就是", "d")], ["就", "是"], ["就", "是"]),
        (["就/d 是/v"] * 8 + ["就是/d"] * 2, [("就是", None)], ["就", "是"], ["就", "是"]),  # not a dictionary word
        (["穿/v 着/u"] * 8 + ["穿着/n"] * 2, [("穿着", "v")], ["穿", "着"], ["穿", "着"]),  # a particle (guideline 16)
        # jieba's phrase-level entries (frequency 3) are not "listed words"
        (["绿色/n 通道/n"] * 8 + ["绿色通道/n"] * 2, [("绿色通道", "n")], ["绿色", "通道"], ["绿色", "通道"]),
    ],
)
def test_project_convention_keeps_dictionary_words_the_corpus_mostly_cuts(corpus, pairs, pku_words, project_words):
    c = conventions_from(_tagged_corpus(corpus))
    assert [w for w, _ in to_pku_tagged(pairs, conventions=c)] == pku_words
    assert [w for w, _ in to_project_tagged(pairs, conventions=c)] == project_words


def test_rules_of_the_project_convention_ask_for_their_evidence():
    # an adverb seen fewer than five times is no adverb; a word cut twice is not kept as a suffixed word
    c = conventions_from(_tagged_corpus(["方/d ，/w 显/v"] * 4 + ["总队长/n 支队长/n"] * 3 + ["小组/n 长/a"] * 2))
    assert "方" not in c.adverbs and "长" in c.suffixes
    assert [w for w, _ in to_project_tagged([("方显", "a"), ("小组长", "n")], conventions=c)] == ["方显", "小组", "长"]


@pytest.mark.parametrize("text", ["今年前三个月，全县２００多家企业完成产值１２．５亿元。", "每个村里的人都站好了岗", ""])
def test_project_tokenizer_keeps_the_text(text):
    tok = Tokenizer(convention="project")
    assert "".join(tok.cut(text)) == text
    assert [w for w, _ in tok.tag(text)] == tok.cut(text)


@pytest.mark.parametrize(
    "words, expected",
    [
        (["这里", "的", "村民"], ["这里", "的", "村民"]),  # pronouns, not demonstrative + measure word
        (["这样", "做"], ["这样", "做"]),
        (["这些", "问题"], ["这些", "问题"]),
        (["每天", "晚上"], ["每天", "晚上"]),
        (["这个", "问题"], ["这", "个", "问题"]),
        (["国内", "市场"], ["国内", "市场"]),  # only 里 is cut from a one-character noun
        (["村里", "的", "人"], ["村", "里", "的", "人"]),
        (["党和国家", "领导人"], ["党", "和", "国家", "领导人"]),  # a phrase the corpus cuts at 和: not an idiom
        (["一面", "红旗"], ["一", "面", "红旗"]),  # 一 面 24 times, 一面 (f) 13: numeral + measure word
        (["一道", "难题"], ["一", "道", "难题"]),
        (["防控", "一线"], ["防控", "一线"]),  # the corpus's 一线 is a noun, "front line"
        (["村民", "小组长"], ["村民", "小组长"]),  # cut once by the corpus; 总队长, 支队长 … are written whole
        (["危难", "时", "方显", "本色"], ["危难", "时", "方", "显", "本色"]),  # adverb + verb, never in the corpus
        (["这", "就是", "力量"], ["这", "就是", "力量"]),  # a dictionary word the corpus cuts in 80% of its uses
        (["入户", "走访"], ["入户", "走访"]),
        (["穿着", "大衣"], ["穿", "着", "大衣"]),  # 着 is a particle (guideline 16)
    ],
)
def test_project_convention_on_the_people_daily_counts(words, expected):
    tags = Tokenizer().pos_tokenizer.word_tag_tab
    assert [w for w, _ in to_project_tagged([(w, tags.get(w)) for w in words], tag_of=tags)] == expected
