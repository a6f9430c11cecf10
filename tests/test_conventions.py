"""Tests for analysis.conventions: jieba's words recut the PKU way (crafted inputs, one table per rule)."""

from __future__ import annotations

import pytest

from analysis import Tokenizer
from analysis.conventions import conventions_from, pku_conventions, to_pku, to_pku_tagged
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


@pytest.mark.parametrize(
    "pairs, keep",
    [
        ([("三座", "m")], {"三座"}),  # a dictionary word of the tokenizer
        ([("高速公路", "ns")], set()),  # a place tag
        ([("张三", "nr")], set()),
    ],
)
def test_kept_words_and_names_are_never_recut(pairs, keep):
    c = conventions_from(_corpus(["高速 公路"] * 5 + ["张 三"] * 5))
    assert to_pku_tagged(pairs, keep=keep, conventions=c) == pairs


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
