"""Tests of analysis.loading: reading, parts of the report, repairs, no loss."""

from __future__ import annotations

import pytest

from analysis import ReportError, load_report, parse_report, paths
from analysis.loading import decode_bytes, read_text

CRAFTED = (
    "县里 党旗飘扬战洪魔！\n\n"
    "□王小明 李红\n\n"
    "入汛以来,全县200多个党组织闻令而动。\n\n"
    "县委书记张建国(左一)检查堤防。 赵六 摄\n\n"
    "闻令而动 筑牢防汛堤坝\n\n"
    "党员们日夜值守在堤坝,巡查险\n\n"
    "情,及时处置隐患。\n\n"
    "守护家园 党员冲锋在前\n\n"
    "我们一定守住大堤!这是党员王强说得最多的一句话。\n\n"
    "风雨见真情。洪水无情人有情。\n"
)


@pytest.fixture(scope="module")
def crafted():
    return parse_report(CRAFTED)


# -- the bundled report ---------------------------------------------------------


def test_bundled_report_parts(report):
    assert report.headline == "乌海 党旗下 誓言铮铮战疫魔！"
    assert report.authors == ["于海东", "郝颀"]
    assert report.headings == ["全面动员 吹响战斗号角", "支部前移 筑牢防控堡垒", "党员带头 勇敢冲在一线"]
    captions = report.captions[report.captions.kind == "caption"]
    assert captions.photographer.tolist() == ["石历增", "杨勇", "郝颀", "海东", "雷烨"]
    sidebar = report.captions[report.captions.kind == "sidebar"]
    assert len(sidebar) == 1 and "党员重入警营" in sidebar.text.iloc[0]


def test_sidebar_and_captions_never_in_body(report):
    body = report.text
    for fragment in ["党员重入警营", "孙兴厚", "石历增 摄", "左二"]:
        assert fragment not in body


def test_bundled_report_sections(report):
    lead = report.paragraphs[report.paragraphs.section == 0]
    assert len(lead) == 1 and lead.text.iloc[0].startswith("新型冠状病毒感染的肺炎疫情暴发以来")
    assert report.paragraphs.section.max() == 3
    assert report.paragraphs.part.iloc[-1] == "closing"
    assert report.paragraphs.text.iloc[-1].startswith("沧海横流，方显英雄本色。")


@pytest.mark.parametrize(
    "joined",
    [
        "医院、机场等地",
        "已退休多年的老民警",
        "安排村“两委”成员",
        "织密安全网。",
        "党支部携手内蒙古",
        "组成若干小组，深入",
        "把‘外防输入、内防扩散’落到实处",
        "新型冠状病毒核酸进行检测",
    ],
)
def test_column_breaks_joined(report, joined):
    assert joined in report.text


def test_duplicate_at_join_logged(report):
    rows = report.repairs[report.repairs.kind == "duplicate_at_join"]
    assert rows.before.tolist() == ["毒"]
    start = int(rows.raw_start.iloc[0])
    assert report.raw[start] == "毒" and report.raw[start - 3 : start] == "毒\n\n"


def test_lost_quotations(report):
    assert "“一定要站好最后一班岗！”这是参加防控战役以来" in report.text
    assert report.sentences.text.str.startswith("“面对疫情，我们全力做好宣传").any()
    orphan = report.repairs[report.repairs.kind == "orphan_attribution"]
    assert orphan.before.tolist() == ["祝婕说。"]
    assert not report.paragraphs.text.str.startswith("祝婕说").any()


def test_no_half_width_punctuation_left_in_chinese_text(report):
    for char in ",;!()":
        assert char not in report.text


def test_no_loss_invariant(report):
    assert report.unaccounted() == []


def test_every_repair_points_at_its_raw_characters(report):
    for row in report.repairs.itertuples():
        assert report.raw[row.raw_start : row.raw_end] == row.before, row


def test_raw_offsets_of_sentences(report):
    for row in report.sentences.itertuples():
        raw = report.raw[row.raw_start : row.raw_end]
        # a sentence and its raw span hold the same Chinese characters, except
        # those removed as duplicates or set aside
        assert raw[:2] in row.text or row.text.lstrip("“")[:2] == raw[:2], row


def test_sentence_split_keeps_closing_quotes(report):
    texts = report.sentences.text.tolist()
    assert "“一定要站好最后一班岗！”" in texts
    assert all(not t.startswith("”") for t in texts)


#: SHA-256 of the report as received (the same bytes as ../shared/report/wuhai_report.txt).
RAW_SHA256 = "7bd164d383f0d428d0362d595cecb6dbf1b143341744dcc42c524dd9abb0d9e9"


def test_raw_file_is_the_original():
    import hashlib

    assert hashlib.sha256(paths.DEFAULT_REPORT.read_bytes()).hexdigest() == RAW_SHA256, (
        "data/raw/wuhai_report.txt changed: it is the immutable original; restore it from git"
    )


# -- crafted inputs: one per repair kind ----------------------------------------


def test_crafted_parts(crafted):
    assert crafted.headline == "县里 党旗飘扬战洪魔！"
    assert crafted.authors == ["王小明", "李红"]
    assert crafted.headings == ["闻令而动 筑牢防汛堤坝", "守护家园 党员冲锋在前"]
    assert crafted.captions.photographer.tolist() == ["赵六"]
    assert crafted.captions.text.iloc[0] == "县委书记张建国（左一）检查堤防。"
    assert crafted.unaccounted() == []


@pytest.mark.parametrize(
    "kind, count",
    [
        ("column_break_join", 1),
        ("caption", 1),
        ("lost_quotation", 2),
        ("duplicate_at_join", 0),
        ("orphan_attribution", 0),
    ],
)
def test_crafted_repair_counts(crafted, kind, count):
    assert (crafted.repairs.kind == kind).sum() == count


def test_crafted_text(crafted):
    assert crafted.paragraphs.text.tolist() == [
        "入汛以来，全县200多个党组织闻令而动。",
        "党员们日夜值守在堤坝，巡查险情，及时处置隐患。",
        "“我们一定守住大堤！”这是党员王强说得最多的一句话。",
        "风雨见真情。洪水无情人有情。",
    ]
    assert crafted.paragraphs.section.tolist() == [0, 1, 2, 2]
    assert crafted.paragraphs.part.tolist() == ["lead", "body", "body", "closing"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n\n正文在病毒\n\n毒检测中完成。", "正文在病毒检测中完成。"),  # 毒毒 is no word: duplicate dropped
        ("标题\n\n抗洪救灾人\n\n人有责，大家齐参与。", "抗洪救灾人人有责，大家齐参与。"),  # 人人 is a word: kept
        ("标题\n\n他说要研究\n\n研究再定。", "他说要研究研究再定。"),  # 研究研究 is real reduplication: kept
    ],
)
def test_duplicate_at_join(text, expected):
    assert parse_report(text).paragraphs.text.tolist() == [expected]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("全市3,500人参加(含志愿者)!", "全市3,500人参加（含志愿者）！"),
        ("时间是10:30;地点在广场。", "时间是10:30；地点在广场。"),
        ('他提出"三个一"工作法。', "他提出“三个一”工作法。"),
        ("使用PCR (polymerase) 检测。", "使用PCR (polymerase) 检测。"),
    ],
)
def test_punctuation_normalisation(body, expected):
    report = parse_report("标题\n\n" + body)
    assert report.paragraphs.text.iloc[0] == expected
    assert report.unaccounted() == []


def test_spaces_inside_chinese_removed_and_logged():
    report = parse_report("标题\n\n党员 干部深入一线。")
    assert report.paragraphs.text.iloc[0] == "党员干部深入一线。"
    assert (report.repairs.kind == "space_removed").sum() == 1


def test_orphan_attribution_set_aside():
    report = parse_report("标题\n\n第一段。\n\n主任 分段\n\n张三说。在这场战斗中，大家都很勇敢。")
    assert report.paragraphs.text.iloc[-1] == "在这场战斗中，大家都很勇敢。"
    assert report.repairs.query("kind == 'orphan_attribution'").before.tolist() == ["张三说。"]
    assert report.unaccounted() == []


def test_first_person_quotation_restored():
    report = parse_report("标题\n\n面对困难，我们决不退缩。村支书李明说，大家要团结。")
    assert report.paragraphs.text.iloc[0] == "“面对困难，我们决不退缩。”村支书李明说，大家要团结。"


def test_no_quotation_invented_without_attribution():
    report = parse_report("标题\n\n我们全力以赴。工作取得成效。")
    assert (report.repairs.kind == "lost_quotation").sum() == 0


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline):
    report = parse_report(CRAFTED.replace("\n", newline))
    assert report.headings == ["闻令而动 筑牢防汛堤坝", "守护家园 党员冲锋在前"]
    assert len(report.paragraphs) == 4
    assert report.unaccounted() == []


def test_plain_text_without_headline_is_all_body():
    report = parse_report("今天下午，村里召开了党员大会，会议由村支书主持。\n大家发言踊跃。")
    assert report.headline == ""
    assert len(report.paragraphs) == 2


# -- encodings and bad input ------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
    ],
)
def test_encodings(tmp_path, encoding, expected):
    path = tmp_path / "report.txt"
    path.write_bytes(CRAFTED.encode(encoding))
    text, used = read_text(path)
    assert used == expected
    assert text == CRAFTED
    report = load_report(path)
    assert report.authors == ["王小明", "李红"]


def test_bundled_report_as_gbk_gives_same_paragraphs(tmp_path, report):
    path = tmp_path / "gbk.txt"
    path.write_bytes(report.raw.encode("gb18030"))
    assert load_report(path).paragraphs.text.tolist() == report.paragraphs.text.tolist()


# Files that are not reports (empty, binary, no Chinese …): tests/test_hardening.py


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        load_report(tmp_path / "nope.txt")
    with pytest.raises(ReportError, match="is a folder"):
        load_report(tmp_path)


def test_decode_bytes_bom_mismatch():
    with pytest.raises(ReportError, match="byte-order mark"):
        decode_bytes(b"\xff\xfe\x00")


# -- the pipeline and its compact offsets -----------------------------------------


def test_raw_positions_built_on_demand_agree_with_raw_span(report):
    for row in report.paragraphs.itertuples():
        positions = report.raw_positions(row.paragraph_id)
        assert len(positions) == len(row.text)
        real = [p for p in positions if p >= 0]
        assert real == sorted(set(real))  # increasing: the paragraph reads the raw text in order
        assert (real[0], real[-1] + 1) == (row.raw_start, row.raw_end)
        for i, p in enumerate(positions):
            if p >= 0:
                assert report.raw_span(row.paragraph_id, i, i + 1) == (p, p + 1)
    assert report.raw_positions(1) is not report.raw_positions(1)  # a new list each time: the report keeps runs


def test_offsets_are_runs_not_a_list_per_character(report):
    table = report._offsets
    n_chars = int(report.paragraphs.n_chars.sum())
    assert len(table.starts) < n_chars / 20, (len(table.starts), n_chars)


def test_inserted_quotation_marks_have_no_raw_offset(report):
    row = report.sentences[report.sentences.text == "“一定要站好最后一班岗！”"].iloc[0]
    positions = report.raw_positions(int(row.paragraph_id))
    assert positions[row.start] == -1 and positions[row.end - 1] == -1
    assert report.raw[row.raw_start : row.raw_end] == "一定要站好最后一班岗!"


def test_report_pickles_with_its_offsets(report):
    import pickle

    copy = pickle.loads(pickle.dumps(report))
    assert copy.raw_positions(3) == report.raw_positions(3)
    assert copy.unaccounted() == []


def test_paragraph_pipeline_is_the_loaders():
    from analysis.loading import paragraph_pipeline
    from analysis.repairs.steps import paragraph

    body = "面对洪水,我们 决不退缩。村支书李明说,大家要团结。"
    loaded = parse_report("标题\n\n" + body).paragraphs.text.iloc[0]
    assert paragraph_pipeline()(paragraph(body)).text == loaded == "“面对洪水，我们决不退缩。”村支书李明说，大家要团结。"


def test_unknown_repair_step_is_a_clear_error():
    with pytest.raises(ReportError, match="unknown repair step"):
        parse_report("标题\n\n正文。", repairs=["spaces", "no_such_step"])


def test_loader_memory_per_megabyte_is_small(report):
    """Python allocations while parsing stay a small multiple of the text (issue 15: ≤ 10 MB per MB).

    The old loader kept a list entry per character (about 50 MB per MB); runs of offsets take a few.
    """
    import gc
    import tracemalloc

    body = report.raw.split("全面动员 吹响战斗号角", 1)[1]
    text = report.raw + body * 40  # about 0.3 MB
    megabytes = len(text.encode("utf-8")) / 1e6
    gc.collect()
    tracemalloc.start()
    try:
        parsed = parse_report(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert parsed.unaccounted() == []
    assert peak / 2**20 / megabytes < 10, f"{peak / 2**20 / megabytes:.1f} MB per MB"


def test_a_second_byline_adds_its_authors():
    report = parse_report("标题在这里的一个新闻标题\n\n本报记者 张三\n\n正文第一段讲了很多事情，群众纷纷点赞。\n\n"
                          "本报记者 李四 通讯员 王五\n\n正文第二段讲了很多事情，群众纷纷点赞。\n")
    assert report.authors == ["张三", "李四", "王五"]
    assert report.parts.part.tolist().count("byline") == 2


@pytest.mark.parametrize(("line", "byline"), [
    ("本报记者 张三 通讯员 李四", True), ("□王五", True), ("记者 米格尔·里瓦斯", True),
    ("本报今年", False), ("本报一七", False),  # a paragraph's first words cut by a column break, not a byline
])
def test_a_byline_names_people(line, byline):
    from analysis.loading import _is_byline

    assert _is_byline(line) is byline


CLOSED_ITEM = (
    "党员干部冲在抗疫一线\n\n"
    "全省三千名党员干部下沉社区，协助开展防控工作。\n\n"
    "各地党组织组织党员志愿者走村入户，宣传防疫知识。\n\n"
    "{closing}\n"
)


@pytest.mark.parametrize("closing, part, authors", [
    ("（韦大海）", "byline", ["韦大海"]),
    ("（孙建平钱友明）", "byline", ["孙建平", "钱友明"]),
    ("（本报记者 张三）", "byline", ["张三"]),
    ("（新华社北京１月１日电）", "dateline", []),
])
def test_item_closed_by_bracketed_reporters_or_dateline(closing, part, authors):
    """People's Daily and Xinhua close an item with its reporters or its dateline in brackets: not body text."""
    report = parse_report(CLOSED_ITEM.format(closing=closing))
    assert report.paragraphs.text.tolist() == ["全省三千名党员干部下沉社区，协助开展防控工作。",
                                               "各地党组织组织党员志愿者走村入户，宣传防疫知识。"]
    assert closing in report.parts.loc[report.parts.part == part, "text"].tolist()
    assert report.authors == authors
    if part == "dateline":
        assert report.dateline["place"] == "北京" and report.dateline["raw_end"] == len(CLOSED_ITEM.format(closing=closing)) - 1


@pytest.mark.parametrize("closing", ["（黄金）", "（左二）", "（传真照片）", "（三）"])
def test_bracketed_line_that_is_no_name_stays(closing):
    report = parse_report(CLOSED_ITEM.format(closing=closing))
    assert report.authors == [] and closing not in report.parts.text.tolist()


def test_bracketed_credit_line_is_a_caption():
    """A credit in brackets on its own line closes the caption above it, as one with an agency does (People's Daily)."""
    for credit in ("（赵亚光摄）", "（本报记者赵亚光摄）"):
        report = parse_report(CLOSED_ITEM.format(closing=credit))
        assert report.captions.photographer.tolist() == ["赵亚光"]
        assert report.captions.text.tolist() == ["各地党组织组织党员志愿者走村入户，宣传防疫知识。"]
        assert report.paragraphs.text.tolist() == ["全省三千名党员干部下沉社区，协助开展防控工作。"]


def test_bracketed_names_inside_a_cut_paragraph_are_body():
    """After a line that does not end a paragraph, a bracketed line is not a closing byline."""
    report = parse_report("标题在这里写\n\n市委书记孙伟在会上说，全市党员干部\n\n（韦大海）\n\n要冲在一线。\n")
    assert report.authors == []


@pytest.mark.parametrize("text_in, paragraphs, photographers", [
    # a short piece of a cut paragraph next to a photo caption is no sidebar piece
    ("标题\n\n代表们讨论了明年的工作。\n\n本报讯\n\n群众观看文艺演出。 新华社记者 王伟 摄\n\n湖北省\n\n首家乡村图书馆日前在武汉开馆。\n",
     ["代表们讨论了明年的工作。", "本报讯湖北省首家乡村图书馆日前在武汉开馆。"], ["王伟"]),
    # a list of words cut before 摄影 is no credit of several photographers
    ("标题\n\n周刊内容丰富，以评论、访谈、漫议、图片摄\n\n影等形式报道文化生活。\n",
     ["周刊内容丰富，以评论、访谈、漫议、图片摄影等形式报道文化生活。"], []),
])
def test_captions_and_the_pieces_of_a_cut_paragraph(text_in, paragraphs, photographers):
    report = parse_report(text_in, kind="ocr")
    assert report.paragraphs.text.tolist() == paragraphs
    assert report.captions.photographer.dropna().tolist() == photographers
    assert report.unaccounted() == []


@pytest.mark.parametrize("text_in, paragraphs, authors, subtitle", [
    # a reporter's name cut out of a dateline by two column breaks is no byline
    ("标题\n\n会议今天开幕。\n\n据新华社武汉３月５日电（\n\n记者王伟\n\n、李明）全省今天开展植树活动。\n",
     ["会议今天开幕。", "据新华社武汉３月５日电（记者王伟、李明）全省今天开展植树活动。"], [], ""),
    # a byline standing alone further down is one
    ("标题\n\n会议今天开幕。\n\n记者王伟\n\n全省今天开展植树活动。\n", ["会议今天开幕。", "全省今天开展植树活动。"], ["王伟"], ""),
    # the first paragraph opening with a dash, cut by a column break, is no subtitle
    ("标题\n\n———第二个五年\n\n，全县农业生产稳步发展。\n", ["———第二个五年，全县农业生产稳步发展。"], [], ""),
    ("标题\n\n———加\n\n强农田水利建设，全县农业生产稳步发展。\n", ["———加强农田水利建设，全县农业生产稳步发展。"], [], ""),
    ("标题\n\n——记全县农业生产\n\n全县农业生产稳步发展。\n", ["全县农业生产稳步发展。"], [], "——记全县农业生产"),
    ("标题\n\n——记乡村教师王伟\n\n他在山村教书三十年。\n", ["他在山村教书三十年。"], [], "——记乡村教师王伟"),
])
def test_bylines_and_subtitles_stand_alone(text_in, paragraphs, authors, subtitle):
    report = parse_report(text_in, kind="ocr")
    assert report.paragraphs.text.tolist() == paragraphs
    assert report.authors == authors and report.subtitle == subtitle
    assert report.unaccounted() == []
