"""Parts of a news item (analysis.newsparts) and how the loader sets them aside."""

from __future__ import annotations

import pytest

from analysis import parse_report
from analysis.loading import caption_parts
from analysis.newsparts import headline_roles, is_editor_line, is_end_mark, parse_dateline


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("新华社上海3月5日电（记者 王一、赵二）全市今天……", ("新华社", "上海", "3月5日", "电", ["王一", "赵二"])),
        ("本报讯（记者 钱三 通讯员 孙四）近日，……", ("本报", "", "", "讯", ["钱三", "孙四"])),
        ("本报天津１月２日电 今天……", ("本报", "天津", "１月２日", "电", [])),
        ("央视网消息（新闻联播）：今天……", ("央视网消息", "", "", "", [])),
        ("某某日报讯 昨天……", ("某某日报", "", "", "讯", [])),
        ("来源：人民网 今天……", ("人民网", "", "", "来源", [])),
        # a place of three or more characters, and the reporter phrase of the 1990s People's Daily
        ("新华社约翰内斯堡３月４日电今天……", ("新华社", "约翰内斯堡", "３月４日", "电", [])),
        ("本报某某（某国）５月６日电记者周九报道：会议……", ("本报", "某某", "５月６日", "电", ["周九"])),
        ("本报西宁７月８日讯记者吴十报道：今年……", ("本报", "西宁", "７月８日", "讯", ["吴十"])),
        ("新华社西宁电（记者 郑一）今天……", ("新华社", "西宁", "", "电", ["郑一"])),
    ],
)
def test_dateline_parts(text_in, expected):
    found = parse_dateline(text_in)
    assert (found["agency"], found["place"], found["date"], found["kind"], found["reporters"]) == expected


@pytest.mark.parametrize(
    "text_in, dateline",
    [
        ("本报讯由某某集团和市总工会联合举办的慰问活动……", "本报讯"),  # 本报讯 then the body: only the dateline
        ("本报讯今日某县召开大会……", "本报讯"),
        ("本报讯某某公司近日宣布……", "本报讯"),
    ],
)
def test_dateline_without_place_stops_before_the_body(text_in, dateline):
    assert parse_dateline(text_in)["text"] == dateline


@pytest.mark.parametrize("text_in", ["本报记者深入一线采访。", "新华社是国家通讯社。", "今天上午，会议召开。", "本报今年推出新栏目。",
                                     "新华社是国家通讯社。"])
def test_not_a_dateline(text_in):
    assert parse_dateline(text_in) is None


@pytest.mark.parametrize(
    "block, roles",
    [
        (["主标题"], ["title"]),
        (["引题在上", "主标题在下"], ["kicker", "title"]),
        (["主标题", "——副标题"], ["title", "subtitle"]),
        (["引题", "主标题", "副标题没有破折号"], ["kicker", "title", "subtitle"]),
    ],
)
def test_headline_roles(block, roles):
    assert headline_roles(block) == roles


@pytest.mark.parametrize(
    "text_in, editor, end",
    [("（责任编辑：周五）", True, False), ("责编：吴六", True, False), ("（完）", False, True), ("编辑们都很忙。", False, False)],
)
def test_editor_and_end_marks(text_in, editor, end):
    assert (is_editor_line(text_in), is_end_mark(text_in)) == (editor, end)


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("群众在广场上排队。 郑七 摄", ("群众在广场上排队。", "郑七", "")),
        ("群众在广场上排队。郑七摄（人民视觉）", ("群众在广场上排队。", "郑七", "")),
        ("群众在广场上排队。 新华社记者 郑七 摄", ("群众在广场上排队。", "郑七", "新华社记者")),
        ("群众在广场上排队。本报记者 王 八摄", ("群众在广场上排队。", "王八", "本报记者")),
        ("群众在广场上排队。（记者 郑七 摄）", ("群众在广场上排队。", "郑七", "记者")),
        ("群众在广场上排队。 郑七、王八 摄", ("群众在广场上排队。", "郑七、王八", "")),
    ],
)
def test_caption_styles(text_in, expected):
    assert caption_parts(text_in) == expected


LONG_TITLE = "两位年轻的乡村教师，用二十年时间把一所山村小学办成了远近闻名的好学校，让孩子们走出大山"


def test_long_title_with_comma_and_subtitle_and_dateline():
    text = f"{LONG_TITLE}\n\n——来自某县的报道\n\n新华社某地6月1日电（记者 甲乙丙）这是第一段。\n\n这是第二段。\n\n（责任编辑：丁戊）\n"
    report = parse_report(text)
    assert report.headline == LONG_TITLE
    assert report.subtitle == "——来自某县的报道"
    assert report.dateline["reporters"] == ["甲乙丙"] and report.dateline["place"] == "某地"
    assert report.paragraphs.text.tolist() == ["这是第一段。", "这是第二段。"]
    assert report.raw[report.dateline["raw_start"] : report.dateline["raw_end"]] == "新华社某地6月1日电（记者 甲乙丙）"
    assert (report.repairs.kind == "column_break_join").sum() == 0
    assert set(report.parts.part) == {"title", "subtitle", "dateline", "editor"}
    assert report.unaccounted() == []


def test_split_credit_becomes_one_caption():
    text = "标题\n\n第一段写完了。\n\n群众在广场上排队。\n新华社记者\n王 八摄\n\n第二段写完了。"
    report = parse_report(text)
    assert report.captions[["text", "photographer"]].values.tolist() == [["群众在广场上排队。", "王八"]]
    assert report.paragraphs.text.tolist() == ["第一段写完了。", "第二段写完了。"]


@pytest.mark.parametrize(
    "text_in, expected",
    [
        # a short first line that a word runs across is joined, not a heading
        ("标题\n\n第一段写完了。\n\n去年的援藏医\n\n疗队员都回来了。\n\n第三段。", ["第一段写完了。", "去年的援藏医疗队员都回来了。", "第三段。"]),
        ("标题\n\n第一段写完了。\n\n今年5\n\n月大家都回来了。", ["第一段写完了。", "今年5月大家都回来了。"]),
    ],
)
def test_short_first_line_joined(text_in, expected):
    report = parse_report(text_in, kind="ocr")
    assert report.paragraphs.text.tolist() == expected
    assert report.headings == []


def test_clean_source_never_joins():
    lines = [f"第{i}段的内容写在这里，没有断行问题。" for i in range(6)] + ["没有句号的一行小标题"] + ["最后一段的内容。"]
    report = parse_report("标题\n\n" + "\n\n".join(lines))
    assert report.source_kind == "clean"
    assert (report.repairs.kind == "column_break_join").sum() == 0


def test_repairs_option_leaves_a_step_out():
    text = "标题\n\n实验室对病毒\n\n毒核酸进行检测。"
    steps = ["captions", "sidebars", "headings", "column_breaks", "spaces", "punctuation"]
    assert parse_report(text, repairs=steps).paragraphs.text.tolist() == ["实验室对病毒毒核酸进行检测。"]
    assert parse_report(text).paragraphs.text.tolist() == ["实验室对病毒核酸进行检测。"]


@pytest.mark.parametrize(
    "text_in, expected",
    [("，也许是由于好动。", True), ("、还有别的。", True), ("）等单位参加。", True), ("”他说。", True),
     ("“我们一定办好。”", False), ("’９８新年音乐会", False), ("今天很好。", False), ("", False),
     ("的号召，踊跃报名。", True), ("们都来了。", True), ("的确，情况变了。", False), ("了解到这些情况后，", False)],
)
def test_opens_mid_sentence(text_in, expected):
    from analysis.newsparts import opens_mid_sentence

    assert opens_mid_sentence(text_in) is expected


@pytest.mark.parametrize(
    "text_in, paragraphs",
    [
        # a break after a closing quote, the next column opening with a comma: one paragraph
        ("标题\n\n孩子们最喜欢的就是“手工课”\n\n，也许是因为他们好动。\n", ["孩子们最喜欢的就是“手工课”，也许是因为他们好动。"]),
        ("标题\n\n园区分为“东区”\n\n、“西区”两部分。\n", ["园区分为“东区”、“西区”两部分。"]),
        ("标题\n\n大家响应“人人参与”\n\n的号召，踊跃报名。\n", ["大家响应“人人参与”的号召，踊跃报名。"]),
        # a dateline cut from its body by a column break (far from the top, so it stays in the text)
        ("标题\n\n会议开幕。\n\n代表出席。\n\n会议闭幕。\n\n新华社某地１月２日电（记者 张三）\n\n国务院今天发布通知。\n",
         ["会议开幕。", "代表出席。", "会议闭幕。", "新华社某地１月２日电（记者张三）国务院今天发布通知。"]),
        # a closing quote then a new paragraph opening normally stays two paragraphs
        ("标题\n\n他说：“我们一定办好。”\n\n会议随后结束。\n", ["他说：“我们一定办好。”", "会议随后结束。"]),
    ],
)
def test_a_line_opening_with_a_closing_mark_is_joined(text_in, paragraphs):
    report = parse_report(text_in, kind="ocr")
    assert report.paragraphs.text.tolist() == paragraphs
    assert report.unaccounted() == []


@pytest.mark.parametrize(
    "previous, line, expected",
    [("新华社某地１月２日电（记者 张三）", "国务院今天发布通知。", True), ("本报讯", "近日，村里通了路。", True),
     ("会议结束。", "国务院今天发布通知。", False), ("他说：“好。”", "，大家都笑了。", True)],
)
def test_continues_paragraph(previous, line, expected):
    from analysis.newsparts import continues_paragraph

    assert continues_paragraph(previous, line) is expected


@pytest.mark.parametrize(
    "text_in, paragraphs",
    [
        # a 7-8 character first piece is no subheading when the next column doubles its last character
        ("标题\n\n前面一段到此结束。\n\n全县干部群众积极\n\n极参与防控。\n", ["前面一段到此结束。", "全县干部群众积极参与防控。"]),
        # a numbered first piece leaving a quotation open is no subheading
        ("标题\n\n前面一段到此结束。\n\n三、大力开展“\n\n读书月”活动。\n", ["前面一段到此结束。", "三、大力开展“读书月”活动。"]),
    ],
)
def test_a_cut_first_piece_is_not_a_heading(text_in, paragraphs):
    report = parse_report(text_in, kind="ocr")
    assert list(report.headings) == [] and report.paragraphs.text.tolist() == paragraphs
    assert report.unaccounted() == []


def test_only_the_first_paragraph_gives_the_dateline():
    top = parse_report("标题\n\n新华社某地１月２日电\n\n国务院今天发布通知。\n", kind="ocr")
    assert top.dateline["text"] == "新华社某地１月２日电" and top.paragraphs.text.tolist() == ["国务院今天发布通知。"]
    later = parse_report("标题\n\n会议开幕。\n\n新华社某地１月２日电\n\n国务院今天发布通知。\n", kind="ocr")
    assert not later.dateline
    assert later.paragraphs.text.tolist() == ["会议开幕。", "新华社某地１月２日电国务院今天发布通知。"]


def test_opens_unclosed():
    from analysis.newsparts import opens_unclosed

    assert opens_unclosed("三、大力开展“讲文明") and opens_unclosed("会议（扩大") and not opens_unclosed("（二）措施")


@pytest.mark.parametrize(
    "text_in, expected",
    [("本报记者 张三 通讯员 李四", True), ("□王五", True), ("记者 张 龙", True), ("新华社记者 赵六、钱七", True),
     ("本报记者走进村里", False), ("记者张三报道", False), ("我是记者", False), ("张三 李四", False)],
)
def test_is_byline_line(text_in, expected):
    from analysis.newsparts import is_byline_line

    assert is_byline_line(text_in) is expected


def test_a_byline_further_down_is_set_aside_not_joined():
    report = parse_report("标题\n\n会议今天召开。\n\n本报记者 张三 通讯员 李四\n\n代表们出席了会议。\n", kind="ocr")
    assert report.paragraphs.text.tolist() == ["会议今天召开。", "代表们出席了会议。"]
    assert report.authors == ["张三", "李四"]
    assert report.parts[report.parts.part == "byline"].text.tolist() == ["本报记者 张三 通讯员 李四"]
    assert report.unaccounted() == []


@pytest.mark.parametrize(
    "text_in, paragraphs, caption",
    [
        ("标题\n\n会议今天召开，代表们出席了会议。图为会议现场。 张三 摄\n\n大家认真讨论。\n",
         ["会议今天召开，代表们出席了会议。", "大家认真讨论。"], ("图为会议现场。", "张三")),
        ("标题\n\n会议今天召开。上图：代表们认真听讲。新华社记者 李四 摄\n", ["会议今天召开。"], ("上图：代表们认真听讲。", "李四")),
        # no picture word: the whole line is the caption, as before
        ("标题\n\n正文一段。\n\n代表们认真听讲。 王五 摄\n\n大家认真讨论。\n", ["正文一段。", "大家认真讨论。"], ("代表们认真听讲。", "王五")),
    ],
)
def test_a_caption_run_onto_a_paragraph_is_split_from_it(text_in, paragraphs, caption):
    report = parse_report(text_in, kind="ocr")
    assert report.paragraphs.text.tolist() == paragraphs
    assert tuple(report.captions[["text", "photographer"]].iloc[0]) == caption
    row = report.captions.iloc[0]
    assert text_in[row.raw_start:row.raw_end] == row.raw_text
    assert report.unaccounted() == []


@pytest.mark.parametrize(
    "text_in, dateline, paragraphs",
    [
        # a column break inside the dateline: set aside in two raw runs, the break logged by the join
        ("标题\n\n新华社北京１月\n\n２日电（记者 李四）会议召开了，代表出席。\n", "新华社北京１月２日电（记者 李四）", ["会议召开了，代表出席。"]),
        # the agency alone on the first line is the start of the dateline, not a byline
        ("标题\n\n本报\n\n某地１月５日讯记者张三报道：会议召开。\n", "本报某地１月５日讯记者张三报道：", ["会议召开。"]),
    ],
)
def test_a_dateline_cut_by_a_column_break_is_set_aside(text_in, dateline, paragraphs):
    report = parse_report(text_in, kind="ocr")
    assert report.dateline["text"] == dateline and report.paragraphs.text.tolist() == paragraphs
    rows = report.repairs[report.repairs.kind == "dateline"]
    assert len(rows) == 2 and all(text_in[r.raw_start:r.raw_end] == r.before for r in rows.itertuples())
    assert report.unaccounted() == []


@pytest.mark.parametrize(
    "text_in, expected",
    [("他说：", True), ("措施如下；", True), ("大家读了《乡村日记》", True), ("（四）", True), ("第八条", True),
     ("他说：“好。”", False), ("会议结束。", False), ("大家都叫他“老黄牛”", False), ("（四）加强领导", False), ("", False)],
)
def test_ends_open(text_in, expected):
    from analysis.newsparts import ends_open

    assert ends_open(text_in) is expected


@pytest.mark.parametrize(
    "previous, line, expected",
    [("老支书常对大家说：", "“有党在，我们就不怕。”", True), ("（二）", "各乡镇要抓紧落实。", True),
     ("主要做法如下：", "一、建立责任制；", False), ("一、建立责任制；", "二、加强督查。", False),
     ("一、建立责任制；", "把任务落实到人。", True), ("他说：“好。", "大家笑了。", False)],
)
def test_continues_paragraph_after_an_open_end(previous, line, expected):
    from analysis.newsparts import continues_paragraph

    assert continues_paragraph(previous, line) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [("（二）不得", True), ("村里新修了一条", True), ("他们又办了几件", True), ("大家心里的", True),
     ("二、原因和教训", False), ("全县干部冲在一线", False), ("风雨同舟共渡难关", False)],
)
def test_ends_mid_phrase(text_in, expected):
    from analysis.newsparts import ends_mid_phrase

    assert ends_mid_phrase(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [("第八条为了加强", True), ("第十二条 县级以上", True), ("第八条", False), ("第二章 附则", False), ("一、总则", False)],
)
def test_opens_article(text_in, expected):
    from analysis.newsparts import opens_article

    assert opens_article(text_in) is expected


@pytest.mark.parametrize(
    "line, following, expected",
    [("新华社石家庄", "３月５日电（记者 王五）全省今天……", True), ("本报广州", "５月２日讯 近日，……", True),
     ("全县干部群众积极", "５月２日参加了劳动。", False), ("新华社石家庄３月５日电", "全省今天……", False)],
)
def test_cut_dateline(line, following, expected):
    from analysis.newsparts import cut_dateline

    assert cut_dateline(line, following) is expected


@pytest.mark.parametrize(
    "text_in, paragraphs",
    [
        # a break right after a colon: the quotation it introduces is the same paragraph
        ("标题\n\n会议结束。\n\n老支书常对大家说：\n\n“有党在，我们就不怕。”\n", ["会议结束。", "老支书常对大家说：“有党在，我们就不怕。”"]),
        # a number label alone, then its text
        ("标题\n\n会议结束。\n\n（二）\n\n各乡镇要抓紧落实责任。\n", ["会议结束。", "（二）各乡镇要抓紧落实责任。"]),
        # a list after a colon keeps its items apart
        ("标题\n\n主要做法如下：\n\n一、建立责任制；\n\n二、加强督查。\n", ["主要做法如下：", "一、建立责任制；", "二、加强督查。"]),
        # a title in 《》 cut from the rest of its sentence
        ("标题\n\n会议结束。\n\n村民们争相传阅《乡村日记》\n\n这本小书。\n", ["会议结束。", "村民们争相传阅《乡村日记》这本小书。"]),
    ],
)
def test_a_line_ending_open_is_joined(text_in, paragraphs):
    report = parse_report(text_in, kind="ocr")
    assert report.paragraphs.text.tolist() == paragraphs
    assert report.unaccounted() == []


@pytest.mark.parametrize(
    "text_in, paragraphs",
    [
        # the next column opens with a particle: 流传 / 着
        ("标题\n\n前面一段到此结束。\n\n我们村里一直流传\n\n着一句老话。\n", ["前面一段到此结束。", "我们村里一直流传着一句老话。"]),
        # a number and classifier wait for their noun
        ("标题\n\n前面一段到此结束。\n\n村里新修了一条\n\n水泥路，直通县城。\n", ["前面一段到此结束。", "村里新修了一条水泥路，直通县城。"]),
        # a numbered paragraph opening that ends on a modal verb
        ("标题\n\n前面一段到此结束。\n\n（二）不得\n\n在水源地建厂。\n", ["前面一段到此结束。", "（二）不得在水源地建厂。"]),
        # an article of a law goes on after its number
        ("标题\n\n前面一段到此结束。\n\n第八条为了加强\n\n水源保护，制定本办法。\n", ["前面一段到此结束。", "第八条为了加强水源保护，制定本办法。"]),
        # a dateline cut by a break
        ("标题\n\n前面一段到此结束。\n\n据新华社石家庄\n\n３月５日电 全省今天开展植树活动。\n",
         ["前面一段到此结束。", "据新华社石家庄３月５日电全省今天开展植树活动。"]),
    ],
)
def test_a_cut_paragraph_opening_is_not_a_heading(text_in, paragraphs):
    report = parse_report(text_in, kind="ocr")
    assert list(report.headings) == [] and report.paragraphs.text.tolist() == paragraphs
    assert report.unaccounted() == []


def test_numbered_headings_in_series_are_kept():
    report = parse_report("标题\n\n前面一段到此结束。\n\n一、加强组织领导\n\n各乡镇要抓紧落实责任。\n\n"
                          "二、强化督查考核\n\n县里每月通报一次。\n", kind="ocr")
    assert list(report.headings) == ["一、加强组织领导", "二、强化督查考核"]
    assert report.paragraphs.text.tolist() == ["前面一段到此结束。", "各乡镇要抓紧落实责任。", "县里每月通报一次。"]


@pytest.mark.parametrize(
    "text_in, paragraphs",
    [
        # a numbered line with no sibling of its style is the first piece of a numbered paragraph
        ("标题\n\n前面一段到此结束。\n\n三、贫困地方的孩子\n\n做梦也想上学。\n", ["前面一段到此结束。", "三、贫困地方的孩子做梦也想上学。"]),
        # a 7-8 character line that would be the report's only heading
        ("标题\n\n前面一段到此结束。\n\n救援队的志愿者们\n\n还有一项新的任务。\n", ["前面一段到此结束。", "救援队的志愿者们还有一项新的任务。"]),
    ],
)
def test_a_heading_without_siblings_is_a_cut_paragraph(text_in, paragraphs):
    report = parse_report(text_in, kind="ocr")
    assert list(report.headings) == [] and report.paragraphs.text.tolist() == paragraphs
    assert report.unaccounted() == []


def test_number_style():
    from analysis.newsparts import number_style

    assert [number_style(t) for t in ("（二）措施", "二、措施", "2、措施", "(2)措施", "第二条 内容", "第二章 附则", "措施")] == [
        "（一）", "一、", "1、", "(1)", "第一条", "第一章", None]


def test_a_dash_alone_is_no_subtitle():
    report = parse_report("全县党员干部奋战一线\n\n———\n\n到明年，全县完成改造任务。\n", kind="ocr")
    assert report.subtitle == "" and report.paragraphs.text.tolist() == ["———到明年，全县完成改造任务。"]


@pytest.mark.parametrize(
    "text_in, names",
    [("新华社记者 张三", ["张三"]), ("本报记者 王五 喻小兵", ["王五", "喻小兵"]), ("记者 吴小平 通讯员 胥大江", ["吴小平", "胥大江"]),
     ("□胥大江", ["胥大江"]), ("记者 张 龙", ["张龙"]), ("□记者", []),
     ("记者了解到", None), ("记者张三报道", None), ("本报今年", None), ("本报", None), ("本报通讯员 常胜", None)],
)
def test_byline_names(text_in, names):
    from analysis.newsparts import byline_names

    assert byline_names(text_in) == names


@pytest.mark.parametrize(
    "text_in, authors",
    [("标题\n\n新华社记者 张三\n\n会议今天召开。\n", ["张三"]),
     ("标题\n\n□胥大江 喻小兵\n\n会议今天召开。\n", ["胥大江", "喻小兵"]),
     ("标题\n\n会议今天召开。\n\n本报记者 王五 喻小兵\n\n代表们出席了会议。\n", ["王五", "喻小兵"])],
)
def test_byline_authors_are_names_only(text_in, authors):
    report = parse_report(text_in, kind="ocr")
    assert report.authors == authors
    assert "会议今天召开。" in report.paragraphs.text.tolist() and report.unaccounted() == []


def test_a_dash_line_with_sentences_is_no_subtitle():
    report = parse_report("全县党员干部奋战一线\n\n———确保投入逐年增加。全县计划经\n\n费逐年增加。\n", kind="ocr")
    assert report.subtitle == "" and report.paragraphs.text.tolist() == ["———确保投入逐年增加。全县计划经费逐年增加。"]


def test_a_dateline_line_cut_from_its_reporters_is_joined_and_set_aside_whole():
    report = parse_report("标题\n\n新华社石家庄３月５日电\n\n（记者 王五）全省今天开展植树活动。\n", kind="ocr")
    assert report.dateline["text"] == "新华社石家庄３月５日电（记者 王五）" and report.dateline["reporters"] == ["王五"]
    assert report.paragraphs.text.tolist() == ["全省今天开展植树活动。"] and report.unaccounted() == []


def test_a_caption_between_the_pieces_does_not_make_the_first_piece_a_sidebar():
    text = ("标题\n\n会议今天召开。\n\n本报石\n\n图为植树现场。 张三 摄\n\n家庄３月５日电 全省今天开展植树活动。\n")
    report = parse_report(text, kind="ocr")
    assert report.captions.kind.tolist() == ["caption"] and report.captions.photographer.tolist() == ["张三"]
    assert report.paragraphs.text.tolist() == ["会议今天召开。", "本报石家庄３月５日电全省今天开展植树活动。"]


@pytest.mark.parametrize(
    "text_in, names",
    [("本报驻埃及记者王五", ["王五"]), ("本报记者张建国李小平", ["张建国", "李小平"]), ("新华社记者贾永蔡晖本报记者马利", ["贾永", "蔡晖", "马利"]),
     ("本报记者王强调研时", None), ("记者曾就", None), ("本报驻村干部说", None)],
)
def test_byline_names_of_the_peoples_daily(text_in, names):
    from analysis.newsparts import byline_names

    assert byline_names(text_in) == names
