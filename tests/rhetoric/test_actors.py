"""Tests for analysis.rhetoric.actors: people, organisations, actions, network."""

from __future__ import annotations

import pytest

from analysis import ReportError
from analysis.rhetoric.actors import ACTOR_COLUMNS, actions, actor_network, actors


@pytest.fixture(scope="session")
def mentions(report, tokenizer):
    return actors(report, tokenizer=tokenizer)


@pytest.fixture(scope="session")
def verbs(report, tokenizer, mentions):
    return actions(report, mentions=mentions, tokenizer=tokenizer)


def test_people_of_the_report(mentions):
    people = mentions[mentions.kind == "person"]
    # every named person in the body paragraphs, read by hand
    assert set(people.actor) == {"史万钧", "李占荣", "史建强", "刘海军", "杨明轩", "康伟", "班慧", "赵紫东", "郭栋", "阿拉腾图亚"}
    assert set(people.loc[people.level == "leader", "actor"]) == {"史万钧", "杨明轩", "康伟"}
    assert list(mentions.columns) == ACTOR_COLUMNS


@pytest.mark.parametrize(
    "actor, title, affiliation",
    [
        ("史万钧", "市委书记", "乌海"),
        ("杨明轩", "第一书记", "团结新村"),
        ("康伟", "党委书记", "海勃湾区东北社区"),
        ("刘海军", "医生", "乌海市妇幼保健院"),
        ("李占荣", "带班班长", ""),
        ("赵紫东", "共产党员", ""),
    ],
)
def test_titles(mentions, actor, title, affiliation):
    row = mentions[mentions.actor == actor].iloc[0]
    assert (row.title, row.affiliation) == (title, affiliation)


def test_mention_offsets(report, mentions):
    texts = report.paragraphs.set_index("paragraph_id")["text"]
    for row in mentions.itertuples():
        assert texts[row.paragraph_id][row.start:row.end] == row.text
        assert row.actor in row.text


def test_organisations(mentions):
    orgs = set(mentions.loc[mentions.kind == "organisation", "actor"])
    assert {"乌海市卫健委", "市财政局", "乌海市委组织部", "海勃湾区中河区社区党支部"} <= orgs
    assert "党组织" not in orgs  # a collective, not a named organisation


@pytest.mark.parametrize(
    "actor, verb",
    [("史万钧", "要求"), ("郭栋", "自购"), ("郭栋", "捐赠"), ("李占荣", "带领"), ("阿拉腾图亚", "带领")],
)
def test_actions(verbs, actor, verb):
    assert verb in set(verbs.loc[verbs.actor == actor, "verb"])


def test_crafted_report(tokenizer, crafted):
    r = crafted("县委书记王建国强调，要把群众组织起来。\n\n李秀英是县医院护士长。她主动报名。\n\n县卫生健康局组建3支医疗队。")
    m = actors(r, tokenizer=tokenizer)
    people = m[m.kind == "person"].drop_duplicates("actor").set_index("actor")
    assert people.loc["王建国", "level"] == "leader"
    assert people.loc["李秀英", "title"] == "护士长"
    assert "县卫生健康局" in set(m.loc[m.kind == "organisation", "actor"])
    v = actions(r, mentions=m, tokenizer=tokenizer)
    assert v[(v.actor == "李秀英") & (v.verb == "报名")].via.tolist() == ["pronoun"]


@pytest.mark.parametrize("text", ["张贴标语，师生安全为先。", "诸如此类的横幅随处可见。", "安全检查工作全面开展。"])
def test_no_false_people(tokenizer, text, crafted):
    m = actors(crafted(text), tokenizer=tokenizer)
    assert m[m.kind == "person"].empty


def test_network(mentions, verbs):
    g = actor_network(mentions, verbs)
    assert g.nodes["史万钧"]["kind"] == "person"
    assert g.has_edge("史万钧", "要求")
    assert g.has_edge("康伟", "海勃湾区东北社区")
    assert g.nodes["要求"]["kind"] == "action"


def test_bad_input(mentions):
    with pytest.raises(ReportError):
        actors("text")
    with pytest.raises(ReportError):
        actor_network(mentions.drop(columns=["level"]), mentions)


def test_draw_actor_network_places_every_node_once(report):
    import matplotlib.pyplot as plt

    from analysis.rhetoric.actors import _component_grid_layout, actions, actor_network, actors, draw_actor_network

    graph = actor_network(actors(report), actions(report))
    positions = _component_grid_layout(graph)
    assert set(positions) == set(graph.nodes)
    assert len(set(positions.values())) == graph.number_of_nodes()  # no two nodes on the same spot
    fig = draw_actor_network(graph)
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {"史万钧", "李占荣", "阿拉腾图亚"} <= labels
    plt.close(fig)



_LAYOUT_SCRIPT = """
import networkx as nx
from analysis.rhetoric.actors import _component_grid_layout
people, verbs = ["孙伟", "周婷婷", "李强", "王芳", "赵军", "陈静"], ["要求", "坚守", "捐赠", "部署", "值守"]
g = nx.Graph()
g.add_edges_from((p, v) for i, p in enumerate(people) for j, v in enumerate(verbs) if (i + j) % 3 == 0)
g.add_edges_from([("市委", "市政府"), ("医院", "社区"), ("社区", "街道")])
print(sorted(_component_grid_layout(g).items()))
"""


def test_network_layout_is_the_same_in_every_run():
    """A component's nodes came in set order (networkx's subgraph view), which follows each run's hash seed."""
    import os
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", _LAYOUT_SCRIPT], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
