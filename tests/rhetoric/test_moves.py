"""Tests for analysis.rhetoric.moves: outline, subheadings, paragraph moves, agreement."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import ReportError, parse_report
from analysis.rhetoric.moves import (
    MOVES, load_move_annotations, move_agreement, move_confusion, outline, paragraph_moves, quoted_spans, subheadings,
)

#: A second report of the genre, written for these tests, with its moves
#: labelled by hand (one per paragraph, in order).
CRAFTED = """某县 党旗飘扬战疫情

□王明

疫情发生以来，某县迅速行动，全县500多个党组织8000余名党员冲锋在前。

全面部署 打响防控阻击战

关键时刻，党组织就是群众的主心骨，党员就是群众的贴心人。

县委书记王建国强调，各级党组织要把群众组织起来，把防线筑牢。

“大家放心，有我们在！”村党支部书记刘洋说。他带领村民设卡值守。

同心协力 筑牢防控堡垒

护士长李秀英主动报名，连续工作十天，她把两个孩子托付给父母。

县卫生健康局成立专家组，制定防控方案，开展全面排查。

全县共设立卡点120个，排查群众3万余人，发放口罩5万只，消毒2000余次。

风雨无阻，方显本色。全县党员以必胜信心，坚守一线。
"""
CRAFTED_MOVES = [
    "LEAD", "GENERAL_CLAIM", "LEADER_DIRECTIVE", "QUOTATION", "EXEMPLAR",
    "INSTITUTIONAL_ACTION", "STATISTICAL_EVIDENCE", "CLOSING_EVALUATION",
]


@pytest.fixture(scope="session")
def moves(report, tokenizer):
    return paragraph_moves(report, tokenizer=tokenizer, method="rules")


@pytest.fixture(scope="session")
def crafted():
    return parse_report(CRAFTED)


def test_outline(report):
    o = outline(report)
    assert o.part.tolist()[:3] == ["headline", "byline", "lead"]
    assert o.loc[o.part == "heading", "text"].tolist() == [
        "全面动员 吹响战斗号角", "支部前移 筑牢防控堡垒", "党员带头 勇敢冲在一线"]
    assert o.loc[o.part.isin(["lead", "body", "closing"]), "paragraph_id"].tolist() == list(range(1, 20))
    assert o.raw_start.is_monotonic_increasing
    assert o.part.iloc[-1] == "closing"


@pytest.mark.parametrize(
    "section, first, second, first_domain, second_domain",
    [
        (1, "全面动员", "吹响战斗号角", "mobilisation", "war"),
        (2, "支部前移", "筑牢防控堡垒", "mobilisation", "war"),
        (3, "党员带头", "勇敢冲在一线", "mobilisation", "war+mobilisation"),
    ],
)
def test_subheadings(report, section, first, second, first_domain, second_domain):
    row = subheadings(report).set_index("section").loc[section]
    assert (row["first"], row["second"], row.first_domain, row.second_domain) == (first, second, first_domain, second_domain)
    assert row.paired and row.pattern == "4+6"


def test_subheadings_crafted(crafted):
    s = subheadings(crafted)
    assert s["first"].tolist() == ["全面部署", "同心协力"]
    assert s.second_domain.tolist() == ["war", "war"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("组建“尖刀班”“突击队”", [("尖刀班", False), ("突击队", False)]),
        ("横幅写着“抗击疫情，人人有责”", [("抗击疫情，人人有责", True)]),
        ("没有引号", []),
    ],
)
def test_quoted_spans(text, expected):
    assert list(map(tuple, quoted_spans(text)[["text", "speech_like"]].values.tolist())) == expected


@pytest.mark.parametrize(
    "paragraph_id, move",
    [(1, "LEAD"), (2, "LEADER_DIRECTIVE"), (4, "EXEMPLAR"), (8, "QUOTATION"), (9, "INSTITUTIONAL_ACTION"),
     (10, "GENERAL_CLAIM"), (17, "STATISTICAL_EVIDENCE"), (19, "CLOSING_EVALUATION")],
)
def test_moves_on_report(moves, paragraph_id, move):
    assert moves.set_index("paragraph_id").loc[paragraph_id, "move"] == move


def test_moves_are_from_scheme(moves):
    assert set(moves.move) <= set(MOVES)
    assert moves.rule.str.len().min() > 0


def test_moves_on_crafted_report(crafted, tokenizer):
    assert paragraph_moves(crafted, tokenizer=tokenizer, method="rules").move.tolist() == CRAFTED_MOVES


def test_agreement_with_hand_labels(moves):
    gold = load_move_annotations()
    assert len(gold) == len(moves)
    agreement = move_agreement(moves, gold).iloc[0]
    merged = moves.merge(gold, on=["paragraph_id", "text"], suffixes=("_r", "_h"))
    assert agreement.agree == (merged.move_r == merged.move_h).sum()
    confusion = move_confusion(moves, gold)
    assert confusion.values.sum() == len(gold)
    assert sum(confusion.loc[m, m] for m in confusion.index) == agreement.agree


@pytest.mark.parametrize(
    "rules, hand, accuracy, kappa",
    [
        (["A", "A", "B", "B"], ["A", "A", "B", "B"], 1.0, 1.0),
        (["A", "A", "B", "B"], ["A", "B", "A", "B"], 0.5, 0.0),
        # observed 3/4, expected 0.5*0.75+0.5*0.25 = 0.5 → kappa 0.5
        (["A", "A", "B", "B"], ["A", "A", "A", "B"], 0.75, 0.5),
    ],
)
def test_kappa_hand_computed(rules, hand, accuracy, kappa):
    ids = list(range(1, 5))
    r = pd.DataFrame({"paragraph_id": ids, "text": list("abcd"), "move": rules})
    h = pd.DataFrame({"paragraph_id": ids, "text": list("abcd"), "move": hand})
    result = move_agreement(r, h).iloc[0]
    assert result.accuracy == pytest.approx(accuracy)
    assert result.kappa == pytest.approx(kappa)


def test_join_on_text_fails_loudly(crafted, tokenizer):
    with pytest.raises(ReportError, match="match the report"):
        move_agreement(paragraph_moves(crafted, tokenizer=tokenizer, method="rules"))


def test_bad_annotation_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("paragraph_id,move,text\n1,WRONG,x\n", encoding="utf-8")
    with pytest.raises(ReportError, match="unknown move"):
        load_move_annotations(bad)
    with pytest.raises(ReportError):
        load_move_annotations(tmp_path / "missing.csv")
    with pytest.raises(ReportError):
        outline("text")


@pytest.mark.parametrize(
    "text, first",
    [
        ("国内联播快讯\n\n央视网消息（新闻联播）：\n\n春运客流平稳\n\n全省公路今天预计运送旅客236万人次，同比增长8.4%。\n", "not LEAD"),
        ("标题\n\n央视网消息（新闻联播）：各地党员干部坚守一线，筑牢防线。\n\n习近平总书记强调，要坚定信心。\n", "LEAD"),
    ],
)
def test_datelines_are_not_moves(text, first, tokenizer):
    """Issue 12: a dateline is not a move; a roundup (dateline alone, then items) has no lead."""
    from analysis import parse_report

    moves = paragraph_moves(parse_report(text), tokenizer=tokenizer, method="rules")
    content = moves[moves.move != "DATELINE"]
    assert (content.move.iloc[0] == "LEAD") == (first == "LEAD")
    assert "LEADER_DIRECTIVE" in set(moves.move) or first != "LEAD"


def _moves_of(text: str, tokenizer) -> list[str]:
    return paragraph_moves(parse_report(text), tokenizer=tokenizer, method="rules").move.tolist()


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a document speaks in the paragraph that opens with it (invented sentences, not corpus text)
        (["某省总工会昨天发出慰问信，向全省职工祝贺新年。", "慰问信指出，广大职工要积极投身改革，争当岗位能手。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["某市召开教育工作会议。", "记者从通知中了解到，今年全市将新建学校10所、幼儿园20所。"], ["LEAD", "not"]),
        # 他/她 opening a sentence after one that opens with a leader
        (["某市新建的工业园区今年开工，园区企业的产值和就业人数明显增长，各方面反映良好。",
          "近年来，园区企业的产值明显增长，职工收入逐年提高，当地群众十分满意。李克强在车间详细询问生产情况。"
          "他说，要确保安全生产，稳定和扩大就业。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # the leader who presides greets: 他代表…向…表示热烈的欢迎
        (["全国政协昨天举行新年茶话会。", "茶话会由全国政协主席汪洋主持。他代表全国政协向各位来宾表示热烈的欢迎。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # a provincial leading body's 要求
        (["某省召开电视电话会议。", "某省委、省政府要求各级党委、政府切实帮助困难群众过好节日。"], ["LEAD", "LEADER_DIRECTIVE"]),
        # a democratic party's chair is not a national leader
        (["全国政协昨天举行新年茶话会。", "民建中央主席王华也在会上讲了话。他代表各民主党派向全国人民致以诚挚的问候。"],
         ["LEAD", "QUOTATION"]),
        # a leader named before the title (王春明副总理, 张立新书记), national or local
        (["某地召开春耕生产会议。", "王春明副总理在会上强调，要抓好春耕生产。"], ["LEAD", "LEADER_DIRECTIVE"]),
        (["某地召开春耕生产会议。", "张立新书记强调，要抓好春耕生产。"], ["LEAD", "LEADER_DIRECTIVE"]),
        (["某地召开春耕生产会议。", "刘振华副省长要求，各地要抓好春耕。"], ["LEAD", "LEADER_DIRECTIVE"]),
        (["某地召开春耕生产会议。", "李小红老师说，今年收成不错。"], ["LEAD", "not"]),
        # the head of a region visiting acts in office: not an exemplar
        (["某省领导节前走访慰问困难群众。", "省长王立新来到某市看望下岗职工，给他们送去慰问金和年货。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
    ],
)
def test_leader_directive_rules_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, fourth round: general rules of the genre, checked on sentences written for the test."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected)
    for move, wanted in zip(moves, expected):
        assert (move != "LEADER_DIRECTIVE") if wanted == "not" else (move == wanted)


def test_a_directive_continues_over_paragraphs_and_headings(tokenizer):
    """他指出，… and 要… go on with the directive before them (a heading between does not end it); 他们说，… does not."""
    text = ("标题\n\n某县昨天召开农业工作会议。\n\n会议强调，要稳定粮食生产，增加农民收入。\n\n"
            "他指出，各地要抓好春耕备耕。\n\n一、加强组织领导\n\n要加强组织领导，确保各项措施落到实处。\n\n"
            "他们说，这次会议开得很及时。\n")
    moves = _moves_of(text, tokenizer)  # the loader sets the numbered heading aside
    assert moves[:4] == ["LEAD"] + ["LEADER_DIRECTIVE"] * 3 and len(moves) == 5
    assert moves[-1] != "LEADER_DIRECTIVE"


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a directive document: a numbered point is a heading, its paragraphs with 要/必须 go on with the directive
        (["某县农业工作会议今天闭幕。", "会议强调，要稳定粮食生产，增加农民收入。", "二、加强基层组织建设。",
          "历史经验表明，基础工作最重要。各地一定要抓紧落实，必须保证质量。"],
         ["LEAD", "LEADER_DIRECTIVE", "HEADING", "LEADER_DIRECTIVE"]),
        # the foreign guest who opens the sentence speaks, not the leader named after him
        (["李克强昨天会见来访的客人。", "阿卜杜拉国王首先对李克强的来访表示欢迎。他说，两国友谊源远流长。"],
         ["LEAD", "not"]),
        # a leader conveys another leader's greeting
        (["李克强昨天会见来访的客人。", "李克强转达了国家主席对客人的亲切问候和良好祝愿。"], ["LEAD", "LEADER_DIRECTIVE"]),
        # a company head's words are not a directive; a ministry's 要求 is
        (["某公司召开年度工作会议。", "公司总经理王大明指出，今年要扩大生产，提高效益。"], ["LEAD", "not"]),
        (["全国抗旱工作会议昨天召开。", "水利部要求各地做好抗旱工作，确保春播用水。"], ["LEAD", "LEADER_DIRECTIVE"]),
        (["某村召开村民大会。", "群众对干部要求很高，大家希望把路修好。"], ["LEAD", "not"]),
        # 会议提出 without a comma; 提出“…” and 题为“…” are no directive and no speech
        (["某省农业工作会议召开。", "会议提出今年的任务是：粮食产量稳定在4900亿公斤，农民收入增长5%。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["某市新建工业园区开工。", "李克强在该厂考察时首次提出“质量第一”的口号，此后工厂面貌一新。"], ["LEAD", "not"]),
        (["某省农业工作会议召开。", "国务院副总理王春明作了题为“坚持稳定，加强农业，确保农民增收”的报告。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
        # a top leader meeting or honouring a named person: the leader's activity, not an exemplar
        (["李克强昨天会见来访的客人。", "李克强会见了来访的王大明院士一行，并向他颁发了奖章。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
    ],
)
def test_rules_from_the_fourth_part_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12: rules written after the fourth part was scored twice (now seen), checked on invented sentences."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected), moves
    for move, wanted in zip(moves, expected):
        assert (move != "LEADER_DIRECTIVE") if wanted == "not" else (move == wanted), moves


def test_a_deck_of_points_before_the_lead_is_not_a_move(tokenizer):
    moves = _moves_of("标题\n\n会议强调：●要稳定粮食生产，这是第一位的任务●要增加农民收入。\n\n"
                      "本报讯 某县农业工作会议今天闭幕。\n\n会议指出，要抓好春耕生产。\n", tokenizer)
    assert moves == ["HEADING", "LEAD", "LEADER_DIRECTIVE"]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # an office holder speaking in office directs, whoever the person is (not in leaders.tsv)
        (["全国民政工作会议今天召开。", "民政部部长王立平对记者说，今年要把救灾款物及时发到群众手中。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["某市召开迎春座谈会。", "市长助理、公安局局长张建国在会上表示，要确保节日期间社会治安稳定。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["某省经贸工作会议召开。", "国家经贸委副主任刘长青说，国有企业改革要有新的进展。"], ["LEAD", "LEADER_DIRECTIVE"]),
        # ... a foreign minister, a company's or a community's head, a villager speak for themselves
        (["两国外长昨天举行会谈。", "法国外交部长让·马丁表示，两国合作前景广阔。"], ["LEAD", "not"]),
        (["某公司召开年度工作会议。", "公司党委书记王大明说，今年要扩大生产，提高效益。"], ["LEAD", "not"]),
        (["某社区开展节前慰问活动。", "社区党委书记李红说，今年要为居民多办实事。"], ["LEAD", "not"]),
        # an office holder presiding or visiting acts in office: not an exemplar
        (["某市召开机关党建工作会议。", "市直机关工委副书记赵文华主持会议。各机关党委书记出席会议。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
        # an official of any country acts in office (not an exemplar); a member of a representative body is a person
        (["两国外长昨天举行会谈。", "会谈结束后，某国外交部部长助理卡里姆和中方代表签署了合作文件。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
        (["抗疫离不开每个人的参与。", "全国政协委员梁明华当时担任方舱医院的后勤负责人。那段时间，梁明华每天只睡四个小时。"],
         ["LEAD", "EXEMPLAR"]),
        # a leading body's or a leader's document speaks for it
        (["某地发生地震后，各方积极救灾。", "中央军委的慰问电说，参加救灾的部队要发扬不怕疲劳、连续作战的作风。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["某船厂建厂五十周年庆祝大会今天举行。", "李鹏总理的题词是：“建设一流船厂”。"], ["LEAD", "LEADER_DIRECTIVE"]),
        # the subject carries over the comma: 乔石参观了…，称赞了…
        (["某市文化设施建设成效明显。", "李岚清还参观了新建的体育场和剧院，称赞了该市文化设施建设的成就。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["某市文化设施建设成效明显。", "李岚清参观了新建的体育场，工人们称赞这是一件好事。"], ["LEAD", "not"]),
        # a greeting and 他还说， after an adverbial of place that opens the sentence
        (["某市文化设施建设成效明显。", "在宽敞的大厅里，李岚清向工作人员表示亲切问候。他还说，要把剧院管好用好。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # a sentence opening with the addressee and 要, further in the paragraph, goes on with the directive
        (["某县召开农业工作会议。", "会议强调，要稳定粮食生产。", "增加投入最为重要。各级政府和有关部门要继续加大投入。",
          "参加会议的有各乡镇负责人。"],
         ["LEAD", "LEADER_DIRECTIVE", "LEADER_DIRECTIVE", "not"]),
        # a last paragraph that draws the lesson (说明了…) evaluates
        (["某县推广大棚蔬菜。", "许多农户第一年就增加了收入。", "这件事说明了转变观念的重要。"],
         ["LEAD", "not", "CLOSING_EVALUATION"]),
        # 希望… opening a paragraph goes on with the directive before it; 希望工程 does not
        (["某市召开工作会议。", "李岚清在会上强调，要抓好春耕生产。", "希望大家继续努力，把各项工作做得更好。",
          "参加会议的有各区县负责人。"],
         ["LEAD", "LEADER_DIRECTIVE", "LEADER_DIRECTIVE", "not"]),
        (["某市召开工作会议。", "李岚清在会上强调，要抓好春耕生产。", "希望工程去年资助了全市三百名学生。"],
         ["LEAD", "LEADER_DIRECTIVE", "not"]),
    ],
)
def test_rules_of_the_sixth_round_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, sixth round: rules written from the errors on dev parts 1-5 (sentences written for the test)."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected), moves
    for move, wanted in zip(moves, expected):
        assert (move != "LEADER_DIRECTIVE") if wanted == "not" else (move == wanted), moves


def test_members_of_a_representative_body_are_not_leaders_by_office():
    """全国政协 before a name makes a leader (全国政协主席), 全国政协委员 does not (invented names)."""
    import pandas as pd

    from analysis.rhetoric.moves import _leader_names

    text = "全国政协副主席王德明和全国政协委员梁明华出席。"
    people = pd.DataFrame(dict(kind="person", actor=["王德明", "梁明华"], title="", affiliation="", paragraph_id=1,
                               start=[6, 17], end=[9, 20]))
    names = _leader_names(people, {1: text})
    assert "王德明" in names and "梁明华" not in names


def test_office_holders_of_any_country_act_in_office_but_only_chinese_ones_direct():
    import pandas as pd

    from analysis.rhetoric.moves import _officials

    text = "外交部部长助理王立明和某国外交部部长助理卡里姆、市长助理张建国、村委主任李大山交换了意见。"
    ends = [text.index(n) + len(n) for n in ("王立明", "卡里姆", "张建国", "李大山")]
    people = pd.DataFrame(dict(kind="person", actor=["王立明", "卡里姆", "张建国", "李大山"], paragraph_id=1, end=ends))
    assert _officials(people, {1: text}) == {"王立明", "张建国"}
    assert _officials(people, {1: text}, chinese=False) == {"王立明", "卡里姆", "张建国"}


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a leading body announces its decision's articles: the numbered amendments continue its directive
        (["国务院决定对《某某管理条例》作如下修改：", "一、第二条修改为：“本条例适用于全国的某某设施。”",
          "这一条增加一款，作为第二款：“有关企业应当加强保护。”", "二、删去第五条。", "本决定自发布之日起施行。"],
         ["LEAD", "LEADER_DIRECTIVE", "LEADER_DIRECTIVE", "LEADER_DIRECTIVE", "LEADER_DIRECTIVE"]),
        # ... but without a directive before them, a numbered point stays a heading and a quotation a quotation
        (["某县举办农民读书节。", "一、第二条修改为：“本条例适用于全国。”"], ["LEAD", "not"]),
        # a leader's welcome or assessment with 对…表示
        (["李鹏昨天会见了某国议长一行。", "李鹏对代表团来访表示热烈欢迎，并对议长为两国友好所作的努力表示赞赏。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # a visit line and a line of who sat in are institutional action, not an exemplar
        (["李鹏昨天会见了某国议长一行。", "卡尔·米勒一行是应全国人大常委会的邀请来华访问的。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
        (["李鹏昨天会见了某国议长一行。", "外交部副部长王建国、某国驻华大使卡尔·米勒等会见时在座。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
        # a leader who is the one received does not speak: 会见到访的中国副总理李岚清时说，
        (["两国合作不断发展。", "某国总理卡尔·米勒今天在首都会见到访的中国国务院副总理李岚清时说，两国友谊牢不可破。"],
         ["LEAD", "not"]),
        # 会议上说 says where the words were said: the body is not the speaker
        (["某国政府发表声明。", "某国总理卡尔·米勒在当天举行的内阁会议上说，他不会改变立场。"], ["LEAD", "not"]),
        # someone who is not a Chinese leader stressing or pointing out is reported speech
        (["某国局势紧张。", "某国总理卡尔·米勒今天强调，他不会因外界的压力改变立场，谈判将继续进行。"],
         ["LEAD", "QUOTATION"]),
        # a leader's message named again after he sent it speaks for him
        (["全国某某工作会议今天开幕。", "国务院副总理李岚清为会议发来贺信，贺信指出，这些年来某某事业发展很快。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # a guest who asks the leader to convey his greeting speaks himself; the occasion of words is a context line
        (["钱其琛昨天会见了某国国王。", "卡尔·米勒国王请钱其琛转达他对江泽民主席的良好祝愿。他说，两国友谊源远流长。"],
         ["LEAD", "not"]),
        (["某国总统呼吁各国加强合作。", "卡尔·米勒是在首都举行的旅游论坛上发表讲话时发出上述呼吁的。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
        # athletes named after 选手 are exemplars of their race
        (["世界锦标赛今天继续进行。", "女子100米自由泳决赛中，中国选手单小英以55秒10获得第三名。"], ["LEAD", "EXEMPLAR"]),
    ],
)
def test_rules_of_the_seventh_round_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, seventh round: rules written from the errors on dev parts 1-6 (sentences written for the test)."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected), moves
    for move, wanted in zip(moves, expected):
        assert (move != "LEADER_DIRECTIVE") if wanted == "not" else (move == wanted), moves


def test_a_closing_dateline_alone_opens_no_roundup(tokenizer):
    text = "总理王某\n\n２０００年１月７日\n\n国务院决定对《某某条例》作如下修改：\n\n一、删去第二十条。\n\n（新华社北京１月１３日电）\n"
    moves = _moves_of(text, tokenizer)
    assert "LEAD" in moves and moves[moves.index("LEAD") + 1] == "LEADER_DIRECTIVE", moves


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # 他说，… right after a paragraph that opens with a leader's activity continues the leader's words
        (["李鹏昨天会见了某国议会代表团。", "李鹏向客人介绍了中国的经济形势。", "他说，中国的改革正在一步一步地深化。"],
         ["LEAD", "INSTITUTIONAL_ACTION", "LEADER_DIRECTIVE"]),
        # ... not after a paragraph that opens with a guest
        (["李鹏昨天会见了某国议会代表团。", "卡尔·米勒向主人介绍了本国的情况。", "他说，两国合作潜力很大。"],
         ["LEAD", "not", "not"]),
        # an office holder telling the press in office directs
        (["某地发生地震。", "刚刚开完会的某某省委副书记王建国告诉记者：“灾区群众已全部住进了帐篷。”"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # China's permanent representative at the UN speaks in office
        (["联合国大会今天开幕。", "中国常驻联合国代表王建国说，发展中国家应加强团结。"], ["LEAD", "LEADER_DIRECTIVE"]),
        # what a foreign head of state asks is reported speech, and he is no exemplar
        (["某国经济困难。", "某国当选总统卡尔·米勒今天要求各大企业加快结构调整，提高经营的透明度。"], ["LEAD", "QUOTATION"]),
        # what the participants of a meeting said is reported speech
        (["某某工作座谈会昨天举行。", "大家谈到，这些经验拓宽了工作的领域，增强了做好工作的信心。"], ["LEAD", "QUOTATION"]),
    ],
)
def test_rules_of_the_eighth_round_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, eighth round: rules written from the errors on dev parts 1-7 (sentences written for the test)."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected), moves
    for move, wanted in zip(moves, expected):
        assert (move != "LEADER_DIRECTIVE") if wanted == "not" else (move == wanted), moves


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a leader's assessment in office (积极评价, no punctuation after the verb) is a directive
        (["李鹏昨天会见了某国外长。", "李鹏积极评价两国关系，认为双方合作发展顺利。"], ["LEAD", "LEADER_DIRECTIVE"]),
        # a foreign guest's stance (表示满意，… / 表示赞同，…) is reported speech
        (["李鹏昨天会见了某国外长。", "卡尔·米勒对两国关系的发展表示满意，希望双方加强往来。"], ["LEAD", "QUOTATION"]),
        (["李鹏昨天会见了某国外长。", "卡尔·米勒对此表示赞同，他认为双方应着眼长远。"], ["LEAD", "QUOTATION"]),
    ],
)
def test_rules_of_the_ninth_round_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, ninth round: cues from the errors on dev part 8 (sentences written for the test)."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert moves == expected, moves


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a foreign head with a title China uses too (主席) is no Chinese leader: his words are reported speech
        (["新华社某城１月５日电　某国民族权力机构主席卡鲁姆今天说，将继续推动和平进程。",
          "卡鲁姆强调，这次会谈是挽救和平进程的最后机会。"], ["LEAD", "QUOTATION"]),
        # a chain of titles (…委书记、…会长某某) holds the office: the official speaks in office
        (["本报北京１月５日讯　中央某委书记、中国某学会会长王建国今天在会上讲话。", "王建国说，要大力加强研究工作。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # ... but an international body's official (世界银行…代理局长) holds no Chinese office
        (["本报北京１月５日讯　世界银行东亚地区高级顾问、代理局长白思礼今天在京举行记者招待会。",
          "白思礼指出，中国应当加快国有企业改革的步伐。"], ["LEAD", "QUOTATION"]),
        # the reporter of a second dispatch's source line is no exemplar
        (["本报某城１月４日电记者王林报道：某国经济形势好转。",
          "本报某城１月５日电记者王林报道：某国股市今天回升，成交额达１２亿元，比上月增长４４％，出口增加２３亿美元。"],
         ["LEAD", "STATISTICAL_EVIDENCE"]),
        # an item without a dateline (an essay): a bare place is the scene; an institution still acts
        (["江南的水乡总是安静的。", "苏州自古以来就是鱼米之乡，小桥流水环绕着古城。"], ["LEAD", "GENERAL_CLAIM"]),
        (["江南的水乡总是安静的。", "县卫生健康局成立专家组，开展全面排查。"], ["LEAD", "INSTITUTIONAL_ACTION"]),
        # a meeting's decision, a leader's assessment, a leader's conveyed greeting later in his clause
        (["新华社北京１月５日电　某某工作会议今天举行。", "会议决定，将以上两项内容提交常委会议审议。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["新华社北京１月５日电　体育工作会议今天举行。", "李鹏充分肯定了体育界一年来取得的成绩。"], ["LEAD", "LEADER_DIRECTIVE"]),
        (["新华社某城１月５日电　国务院副总理钱其琛今天会见了两位执政官。",
          "钱其琛在致答谢辞时首先转达了江泽民主席对两位执政官的亲切问候。"], ["LEAD", "LEADER_DIRECTIVE"]),
        # the occasion between the speaker and his verb (…的委托，在会上发表讲话说，)
        (["新华社某城１月５日电　纪念大会今天举行。", "原某省委书记王建国受省委的委托，在会上发表讲话说，我们要继承他的优良作风。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # what a body that is no Chinese leader appeals (呼吁, no comma after the verb) is reported speech
        (["新华社某城１月５日电　某国际组织今天发表声明。", "该组织呼吁国际社会采取必要措施，制止冲突继续扩大。"],
         ["LEAD", "QUOTATION"]),
        # a time adverbial and a chain of titles before the leader: he opens the sentence, his 要求 is carried over
        (["新华社北京１月５日电　某地发生地震。",
          "１月１２日上午，中共中央政治局委员、中直机关工委书记王建国向各部门通报灾情，要求各部门广泛开展捐款活动。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # a person named right before a foreign office (某某总统) is in office, never an exemplar
        (["新华社某城１月５日电　邻国今天迎来一位客人。", "卡鲁姆总统昨天下午飞抵某城，与邻国领导人举行了两轮会谈。卡鲁姆是第一次来访。"],
         ["LEAD", "not EXEMPLAR"]),
    ],
)
def test_rules_of_the_tenth_round_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, tenth round: rules from the errors on dev parts 1-9 (sentences written for the test)."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected), moves
    for move, wanted in zip(moves, expected):
        assert (move != wanted.split()[1]) if wanted.startswith("not ") else (move == wanted), moves


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a ministry speaks as a leading body with any of the genre's directive verbs (提出, 指出), not only 要求/强调
        (["新华社北京２月３日电　全国水利工作会议今天在京开幕。", "水利部提出，今年要抓紧修复水毁工程，确保安全度汛。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # ... and so does its Party leadership group (党组), with 明确提出
        (["新华社北京２月３日电　全国水利工作会议今天在京开幕。", "水利部党组明确提出，今后几年要把重点放在农村。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # a department head or a SAR secretary (司长) speaks in office
        (["新华社北京２月３日电　外经贸部今天举行记者招待会。", "外经贸部某司司长王建国说，今年要继续开拓市场。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # an official whose name is not Chinese in form speaks in office when a Chinese body ties him to China
        (["新华社拉萨２月３日电　体育工作座谈会今天举行。", "西藏自治区体委主任扎西次仁表示，希望国家体委采取扶持政策。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["新华社拉萨２月３日电　体育工作座谈会今天举行。", "某国体育部长卡鲁姆表示，希望加强两国体育交流，共同办好比赛。"],
         ["LEAD", "QUOTATION"]),
        # the author's own claim in an essay (我认为，…) is no reported speech
        (["江南的水乡总是安静的。", "我认为，话剧要走现代化与民族化相结合的道路，这是历史的经验。"],
         ["LEAD", "not QUOTATION"]),
        (["江南的水乡总是安静的。", "老船工笑着说，这条河养活了几代人，河水一年比一年清了。"], ["LEAD", "QUOTATION"]),
    ],
)
def test_rules_of_the_eleventh_round_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, eleventh round: general rules from the genre and the errors on dev parts 1-10 (sentences
    written for the test)."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected), moves
    for move, wanted in zip(moves, expected):
        assert (move != wanted.split()[1]) if wanted.startswith("not ") else (move == wanted), moves


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a department or a delegation standing alone as the subject acts (org_suffix 部门, 代表团, 工作组, 双方)
        (["新华社北京２月３日电　某地普降大雪。", "有关部门连夜组织除雪车辆上路，保障主干道畅通。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
        (["新华社某城２月３日电　两国外长今天举行会谈。", "会谈中，双方还就地区形势等共同关心的问题交换了意见。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
    ],
)
def test_bodies_of_the_eleventh_round_act(paragraphs, expected, tokenizer):
    """Issue 12, eleventh round: bodies named by a common noun act (sentences written for the test)."""
    assert _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer) == expected


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # the next numbered point of a directive document continues it when it instructs, whoever it names
        (["新华社北京３月２日电　某省委要求全省党员深入学习英模事迹。",
          "二、坚持把重点放在提高基层党员的思想道德素质上。要教育党员学习张思德的精神，在本职岗位上做好工作。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # ... a numbered point that only reports is no instruction
        (["新华社北京３月２日电　某省委要求全省党员深入学习英模事迹。",
          "二、某厂职工张红梅去年献血三次，还照顾了邻居家的两位老人，被评为先进个人。"],
         ["LEAD", "not LEADER_DIRECTIVE"]),
        # a time adverbial, then the instruction, after a directive (今年要…)
        (["新华社北京３月２日电　某部今天召开工作会议。", "某部提出，今年要抓紧修订行业标准。", "今年要加快培养技术工人，探索培训的新机制。"],
         ["LEAD", "LEADER_DIRECTIVE", "LEADER_DIRECTIVE"]),
        # the centre's leaders as a body (中央领导同志) direct with 要求
        (["新华社北京３月２日电　某项工作取得进展。", "中央领导同志多次要求各级干部深入基层，帮助群众解决实际困难。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # ... but others carrying out a request (按照…的要求，各地…) is what they did
        (["新华社北京３月２日电　某项工作取得进展。", "按照党中央的要求，各地区和有关部门都做了统一安排，由领导干部带队深入基层。"],
         ["LEAD", "not LEADER_DIRECTIVE"]),
        # the chief of the general staff speaks in office (总参谋长)
        (["新华社北京３月２日电　某国防务代表团今天抵京。", "中国人民解放军总参谋长王建军会见了代表团。",
          "王建军说，两军交往对两国关系的发展很重要。"],
         ["LEAD", "not EXEMPLAR", "LEADER_DIRECTIVE"]),
        # a leader's thanks or wish right after the name, or 对…给予了高度评价, is his word in office
        (["新华社北京３月２日电　国务院副总理王建军今天会见了某国客人。", "王建军最后祝客人在华访问愉快，一切顺利。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        (["新华社北京３月２日电　国务院副总理王建军今天会见了某国客人。", "王建军对两国在农业领域的合作给予了高度评价。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # a bank standing alone, or speaking of itself (我行), acts
        (["在新的一年里，信贷管理的任务更重了。", "因此，我行要建立权责一致的约束机制，在规定的比例之内合理发放贷款。"],
         ["LEAD", "INSTITUTIONAL_ACTION"]),
    ],
)
def test_rules_of_the_twelfth_round_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, twelfth round: rules from the eleventh part's errors (seen) and the genre (sentences written for
    the test)."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected), moves
    for move, wanted in zip(moves, expected):
        assert (move != wanted.split()[1]) if wanted.startswith("not ") else (move == wanted), moves


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # ministries speaking in their letter (某部、某部在慰问信中说，…) speak as a leading body
        (["新华社北京３月２日电　春节前夕，水利部、农业部向基层职工发出慰问信。",
          "水利部、农业部在慰问信中说，过去一年广大职工辛勤工作，希望大家再接再厉，做好今年的各项工作。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # ... but people in general in a letter are not a ministry
        (["新华社北京３月２日电　春节前夕，某厂职工给老师写了一封信。",
          "干部们在慰问信中说，过去一年广大职工辛勤工作，希望大家再接再厉，做好今年的各项工作。"],
         ["LEAD", "not LEADER_DIRECTIVE"]),
        # a minister by ministry and title, his name not recognised, speaks in office
        (["新华社北京３月２日电　某地群众今天领到了救济款。",
          "陪同前往的水利部部长某某对记者说，今年将组织人员赴各地检查工程，保证群众安全过冬。"],
         ["LEAD", "LEADER_DIRECTIVE"]),
        # ... a foreign envoy's minister (a transliterated name) does not
        (["新华社北京３月２日电　某国总统今天会见了外国特使。",
          "特使，财政部副部长劳伦斯·某某在会晤后对记者说，两国将加强合作。"],
         ["LEAD", "not LEADER_DIRECTIVE"]),
    ],
)
def test_rules_of_the_thirteenth_round_on_invented_sentences(paragraphs, expected, tokenizer):
    """Issue 12, thirteenth round: rules from the twelfth part's and dev's errors (seen) and the genre (sentences
    written for the test)."""
    moves = _moves_of("标题\n\n" + "\n\n".join(paragraphs) + "\n", tokenizer)
    assert len(moves) == len(expected), moves
    for move, wanted in zip(moves, expected):
        assert (move != wanted.split()[1]) if wanted.startswith("not ") else (move == wanted), moves
