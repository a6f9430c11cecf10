"""Tests for analysis.rhetoric.devices: parallelism and quotations."""

from __future__ import annotations

import pytest

from analysis import ReportError
from analysis.rhetoric.devices import (
    PARALLELISM_COLUMNS,
    QUOTATION_COLUMNS,
    QUOTATION_KINDS,
    parallelisms,
    quotations,
    titles,
)


@pytest.fixture(scope="session")
def devices(report):
    return parallelisms(report)


@pytest.fixture(scope="session")
def quotes(report):
    return quotations(report)


def test_columns(devices, quotes):
    assert list(devices.columns) == PARALLELISM_COLUMNS
    assert list(quotes.columns) == QUOTATION_COLUMNS
    assert set(quotes["kind"]) <= set(QUOTATION_KINDS)


def test_quoted_run_of_four_units(devices):
    runs = devices[devices["kind"] == "quoted_run"]
    first = runs.iloc[0]
    assert first["items"] == ["尖刀班", "突击队", "先锋队", "战斗队"]
    assert first["text"] == "“尖刀班”“突击队”“先锋队”“战斗队”"
    assert first["n"] == 4
    second = runs.iloc[1]
    assert second["items"] == ["党员先锋岗", "党员志愿岗", "党员监督岗"]
    assert second["pattern"] == "“党员…岗”"


@pytest.mark.parametrize(
    "pattern, n, first_item",
    [
        ("把…起来", 3, "把基层党组织全面动员起来"),
        ("就是…", 3, "支部就是前沿阵地"),
        ("每个…都成为…", 2, "让每个支部都成为一座坚实的堡垒"),
    ],
)
def test_frames_in_report(devices, report, pattern, n, first_item):
    row = devices[devices["pattern"] == pattern]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["n"] == n and row["items"][0] == first_item
    text = report.paragraphs.set_index("paragraph_id").loc[row["paragraph_id"], "text"]
    assert text[row["start"] : row["end"]] == row["text"]
    assert row["text"].startswith(first_item)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("今天天气很好，我们去公园散步。", []),
        ("要把群众组织起来，把干部动员起来，把责任扛起来。", [("frame", "把…起来", 3)]),
        ("要学习，要工作，要生活。", [("anaphora", "要…", 3)]),
        # one-character marker, no second part, unequal clauses: not enough
        ("我们要学习，要工作，要生活。", []),
        ("我们坚持学习，我们坚持工作，我们坚持锻炼。", [("anaphora", "我们坚持…", 3)]),
        ("他说：“好。”她说：“行。”", []),
        ("成立“红队”“蓝队”“绿队”三支队伍。", [("quoted_run", "“…队”", 3)]),
        ("成立“红队”“蓝队”两支队伍。", []),
    ],
)
def test_parallelism_crafted(body, expected, crafted):
    found = parallelisms(crafted(body))
    assert list(zip(found["kind"], found["pattern"], found["n"])) == expected


def test_parallelism_bad_option(report):
    with pytest.raises(ReportError):
        parallelisms(report, min_repeats=1)
    with pytest.raises(ReportError):
        parallelisms("text")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("四不两直", "number_formula"),
        ("双报到", "number_formula"),
        ("两委", "number_formula"),
        ("尖刀班", "coined_name"),
        ("党员先锋岗", "coined_name"),
        ("逆行者", "marked_term"),
        ("外防输入、内防扩散", "slogan"),
        ("抗击疫情，人人有责，不图一时热闹，但求平安健康", "slogan"),
        ("一定要站好最后一班岗！", "reported_speech"),
        ("乌海市疫情防控阻击战一线考核方案", "title"),
        ("致全市家长、广大师生的一封信", "title"),
    ],
)
def test_quotation_kinds_in_report(quotes, text, kind):
    assert quotes.loc[quotes["text"] == text, "kind"].iloc[0] == kind


def test_nested_quotation(quotes, report):
    inner = quotes[quotes["text"] == "外防输入、内防扩散"].iloc[0]
    assert inner["depth"] == 1 and inner["marks"] == "‘"
    outer = quotes[quotes["quote_id"] == inner["parent"]].iloc[0]
    assert outer["kind"] == "reported_speech" and outer["depth"] == 0
    assert outer["text"].startswith("面对疫情，我们") and "‘外防输入、内防扩散’" in outer["text"]
    assert outer["start"] < inner["start"] < inner["end"] < outer["end"]


def test_quotation_spans(quotes, report):
    texts = dict(zip(report.paragraphs.paragraph_id, report.paragraphs.text))
    for row in quotes.itertuples():
        span = texts[row.paragraph_id][row.start : row.end]
        assert span[1:-1] == row.text
    assert len(quotes) == len(quotes.drop_duplicates(["paragraph_id", "start"]))


@pytest.mark.parametrize(
    "body, expected",
    [
        ("今天天气很好。", []),
        ("他说：“我们一定能赢。”", [("我们一定能赢。", "reported_speech")]),
        ("组建“党员突击队”。", [("党员突击队", "coined_name")]),
        ("坚持“三个一”工作法。", [("三个一", "number_formula")]),
        ("阅读《人民日报》。", [("人民日报", "title")]),
        ("村口挂着“勤洗手、戴口罩”的横幅。", [("勤洗手、戴口罩", "slogan")]),
        ("他说“好”字。“没有闭合", [("好", "marked_term")]),
        ("开通海上“120”急救网络。", [("120", "coined_name")]),  # digits only: a service's number, not a formula
        ("推广“3+1”的模式。", [("3+1", "number_formula")]),
        # 他还用“…”: the speaker's own words; a run of quotations right after them continues them
        ("他还用“干部要像钉子一样”“小事也是大事”勉励大家。",
         [("干部要像钉子一样", "reported_speech"), ("小事也是大事", "reported_speech")]),
        ("会上强调，“守住青山就守住未来”。", [("守住青山就守住未来", "slogan")]),
        # the fourth part (People's Daily 1998, seen after its two scorings), invented sentences of its forms:
        ("作了题为“坚持改革开放”的报告。", [("坚持改革开放", "title")]),
        ("修订“企业安全管理办法”。", [("企业安全管理办法", "title")]),
        ("召开“城乡协调发展研讨会”。", [("城乡协调发展研讨会", "coined_name")]),
        ("开展“送科技下乡活动”。", [("送科技下乡活动", "coined_name")]),
        ("两国保持着“密切的合作关系”。", [("密切的合作关系", "reported_speech")]),
        ("参加“万春会议”。", [("万春会议", "marked_term")]),  # 万 alone does not open a number formula
        # the fifth part (seen after its two scorings), invented sentences of its forms:
        ("这个镇被命名为“全省文明镇”。", [("全省文明镇", "coined_name")]),  # a name given
        ("晚会主题为“同心共筑新家园”。", [("同心共筑新家园", "slogan")]),  # a theme line, not a title (题为)
        ("他发誓“不修好这条路决不罢休”。", [("不修好这条路决不罢休", "oath")]),
        ("广泛开展“科技兴农”活动。", [("科技兴农", "coined_name")]),  # a named campaign
        ("开展“三下乡”活动。", [("三下乡", "number_formula")]),  # a number formula stays one before 活动
        ("旅行社推出了“江南水乡之旅”。", [("江南水乡之旅", "coined_name")]),
        ("以“固我边防”为主要内容。", [("固我边防", "marked_term")]),  # the 我 of a motto is no speaker
        ("坚持“互利共赢五项原则”。", [("互利共赢五项原则", "number_formula")]),  # a numbered set in the name
        ("这项改革被群众誉为“为民办实事的好办法”。", [("为民办实事的好办法", "reported_speech")]),
        ("两村分别被命名为“科技示范村”和“文明生态村”。", [("科技示范村", "coined_name"), ("文明生态村", "coined_name")]),
        ("他被评为“三好学生”。", [("三好学生", "number_formula")]),  # a number formula, even as a name given
        ("作了题为“坚持以经济建设为中心，推动城乡协调发展，全面提高人民生活水平”的报告。",
         [("坚持以经济建设为中心，推动城乡协调发展，全面提高人民生活水平", "title")]),  # a long title
    ],
)
def test_quotations_crafted(body, expected, crafted):
    found = quotations(crafted(body), method="rules")
    assert list(zip(found["text"], found["kind"])) == expected


def test_titles_offsets(report):
    t = titles(report)
    for row in t.itertuples():
        assert report.raw[row.raw_start : row.raw_end] == row.text
    assert t["text"].tolist()[1:] == report.headings


@pytest.mark.parametrize(
    "body, expected",
    [
        ("电视台专门制作了一期“新闻观察”节目。", [("新闻观察", "coined_name")]),  # a programme
        ("“天眼”望远镜拍到了新的照片。", [("天眼", "coined_name")]),  # a telescope
        ("学生们获得“长城杯”作文奖。", [("长城杯", "coined_name")]),  # a cup
        ("全市坚持“严管”方针，实行“有奖监督”办法。", [("严管", "coined_name"), ("有奖监督", "coined_name")]),
        ("他们要解决好“有人管事”、“有钱办事”、“有章理事”的问题。",
         [("有人管事", "slogan"), ("有钱办事", "slogan"), ("有章理事", "slogan")]),  # a run of mottos
        ("该国官员指责调查组的组成“不公正”，要求改组。", [("不公正", "reported_speech")]),  # a speaker's words
        ("对患者按照“一人一方案”救治。", [("一人一方案", "number_formula")]),  # 案 ends no name of a formula
        ("专家认为，这是打通“最后一公里”的关键。", [("最后一公里", "marked_term")]),  # a term, not the speaker's
    ],
)
def test_quotation_kinds_from_the_sixth_part(body, expected, crafted):
    found = quotations(crafted(body), method="rules")
    assert list(zip(found["text"], found["kind"])) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("他发明的“清音疗法”帮助了许多患者。", [("清音疗法", "coined_name")]),  # a thing made and named
        ("厂里研制的“青松牌”药丸通过了检验。", [("青松牌", "coined_name")]),
        ("科学家对古生物化石“云岭虫”进行了研究。", [("云岭虫", "coined_name")]),  # a name in apposition
        ("无人探测器“追光者”已进入轨道。", [("追光者", "coined_name")]),
        ("她被授予“优秀辅导员”称号。", [("优秀辅导员", "coined_name")]),  # an honour
        ("学校获得了“全国书法教育示范基地”的殊荣。", [("全国书法教育示范基地", "coined_name")]),
        # one sense per discourse: the name keeps its kind when it is quoted again without a frame
        ("他发明的“清音疗法”很有效。采用“清音疗法”以后，患者好转。", [("清音疗法", "coined_name")] * 2),
        ("他们认为，“三国集团”和“五国集团”都应发展。", [("三国集团", "coined_name"), ("五国集团", "coined_name")]),
        ("部长在讲话中指出“好的作品能给人以启发、教育和鼓舞”，“戏剧有不可替代的作用，观众喜爱它”，这是鼓励。",
         [("好的作品能给人以启发、教育和鼓舞", "reported_speech"),
          ("戏剧有不可替代的作用，观众喜爱它", "reported_speech")]),  # a speaker's clauses, not "other"
        ("村民们称之为“流动的舞台、书屋、诊所”。", [("流动的舞台、书屋、诊所", "reported_speech")]),
        ("职工们根据“稳中求进”的精神，努力工作。", [("稳中求进", "slogan")]),  # a motto a spirit carries
        ("他们坚持“以土地换和平”的原则。", [("以土地换和平", "slogan")]),
        ("这是打通“最后一公里”的关键。", [("最后一公里", "marked_term")]),  # still a term
        ("“三下乡”活动在全省展开。", [("三下乡", "number_formula")]),  # still a number formula
    ],
)
def test_quotation_kinds_from_the_seventh_part(body, expected, crafted):
    """Round 8: frames that name a thing, one sense per discourse, a speaker's clauses, mottos of a principle."""
    found = quotations(crafted(body), method="rules")
    assert list(zip(found["text"], found["kind"])) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a model place made and named, and its later mentions by one sense per discourse (not a motto)
        ("全县军民创建“山南百里文明示范长廊”的经验受到称赞。大家学习“山南百里文明示范长廊”的做法。",
         [("山南百里文明示范长廊", "coined_name")] * 2),
        # a series named, its topics listed with 、 (not a speaker's clauses)
        ("出版社推出了“法律、历史、地理知识普及系列”。", [("法律、历史、地理知识普及系列", "coined_name")]),
        ("他们推出“科普读物、少儿故事系列”等图书。", [("科普读物、少儿故事系列", "coined_name")]),
        ("他们走出的“科班”人才不少。", [("科班", "marked_term")]),  # a word ending in 班 is no unit's name
        ("专家们针对“《易经》测字热”问题编写了读物。", [("《易经》测字热", "marked_term"), ("易经", "title")]),
        ("全体队员组成“尖刀班”。", [("尖刀班", "coined_name")]),  # still a unit's name
        ("村里刷上了“绿水青山就是金山银山”。", [("绿水青山就是金山银山", "slogan")]),  # still a motto
    ],
)
def test_quotation_kinds_from_the_eighth_part(body, expected, crafted):
    """Round 9: names made (创建), series listed with 、, words that end like a unit, a title inside a term."""
    found = quotations(crafted(body), method="rules")
    assert list(zip(found["text"], found["kind"])) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a ceremony, a concert, a scholarship named (long names, not mottos)
        ("记者从昨天举行的“青年科技创新成果颁奖仪式”上获悉。", [("青年科技创新成果颁奖仪式", "coined_name")]),
        ("两家单位共同主办的“新春江南丝竹音乐会”将在京举行。", [("新春江南丝竹音乐会", "coined_name")]),
        ("学校特别设立“李明远教授奖学金”。", [("李明远教授奖学金", "coined_name")]),
        ("村里刷上了“绿水青山就是金山银山”。", [("绿水青山就是金山银山", "slogan")]),  # still a motto
    ],
)
def test_quotation_kinds_from_the_ninth_part(body, expected, crafted):
    found = quotations(crafted(body), method="rules")
    assert list(zip(found["text"], found["kind"])) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a named strategy right after the quotation; a strategy further on does not name the words
        ("这是该省实施“东海明珠”战略的一步。", [("东海明珠", "coined_name")]),
        # a column of a web page, a named selection, a named practice
        ("从网站的“服务”一栏中可以查到。", [("服务", "coined_name")]),
        ("学校推出了“优秀园丁”评选方案。", [("优秀园丁", "coined_name")]),
        ("他们在全区学校实施“课后服务均等化做法”。", [("课后服务均等化做法", "coined_name")]),
        # a motto an idea carries, a motto advocated, what people feel in their own words
        ("各地始终坚持“安全第一”的思想。", [("安全第一", "slogan")]),
        ("该厂大力倡导“质量立厂”，成效明显。", [("质量立厂", "slogan")]),
        ("青年职工感到“干有方向，学有榜样”。", [("干有方向，学有榜样", "reported_speech")]),
        # short words the report keeps quoting name one thing; a principle quoted three times stays a term
        ("“绿宝”是一种新肥料。“绿宝”无污染。试验表明，“绿宝”可使作物增产。",
         [("绿宝", "coined_name")] * 3),
        ("会费遵循“量力分担”原则。“量力分担”原则得到公认。这一“量力分担”原则不变。",
         [("量力分担", "marked_term")] * 3),
        ("这里的“暖冬”让人意外。", [("暖冬", "marked_term")]),  # quoted once: still a term
    ],
)
def test_quotation_kinds_from_the_tenth_part(body, expected, crafted):
    """Round 11: carriers of a strategy, a column, a selection, a practice, an idea; names the report repeats."""
    found = quotations(crafted(body), method="rules")
    assert list(zip(found["text"], found["kind"])) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # what a speaker expressed after 表示, in his words however short; a numbered formula there stays one
        ("市长对此表示“深感不安”。", [("深感不安", "reported_speech")]),
        ("他表示“由衷钦佩”，并表示“全力支持”。", [("由衷钦佩", "reported_speech"), ("全力支持", "reported_speech")]),
        ("代表们表示“三个一”做法值得推广。", [("三个一", "number_formula")]),
        # every segment a numbered item: a formula, not a motto in segments
        ("要坚持“一个重点、两个确保”的要求。", [("一个重点、两个确保", "number_formula")]),
        # a numeral inside a lexicalised word (numeral_term cues): a term, not a formula
        ("他一生同“四人帮”进行了斗争。", [("四人帮", "marked_term")]),
    ],
)
def test_quotation_kinds_from_the_eleventh_part(body, expected, crafted):
    """Round 12 (the rules alone): 表示 + the speaker's words, numbered segments, lexicalised numerals."""
    found = quotations(crafted(body), method="rules")
    assert list(zip(found["text"], found["kind"])) == expected
