"""Actors of a report: people with their titles, organisations, and what they do.

A *person* is a person of :func:`analysis.entities.mentions` (the package's
one recognition), with a title or role from
``data/lexicons/rhetoric/titles.tsv`` found

* right before the name (``乌海市委书记史万钧``, ``老民警史建强``), or
* in an apposition after it (``李占荣是……带班班长``,
  ``班慧和赵紫东两位年轻共产党员``).

The title's ``level`` (leader | grassroots) separates leaders from
grassroots members.  The *affiliation* is the run of place and organisation
tokens before the title (``海勃湾区东北社区`` + 党委书记).  An
*organisation* is a run of place/organisation/noun tokens that starts with a
place or organisation name and ends with an organisation suffix from
``move_cues.tsv`` (``乌海市卫健委``, ``海南区公安分局``).

What an actor *does* (:func:`actions`) is every verb after its mention up to
the next actor mention in the same sentence; a sentence that opens with a
third-person pronoun (他, 她, 他们) continues the last person of the
paragraph.  This is a transparent heuristic, not a parser: see the limits
section of notebook 05.
"""

from __future__ import annotations

import bisect
import functools
import logging
import math
import re

import pandas as pd

from ..errors import ReportError
from ..loading import Report
from . import _data
from ._common import check_report, token_spans, tokenizer_or_default, rows as _rows

LOGGER = logging.getLogger(__name__)

__all__ = ["ACTOR_COLUMNS", "actors", "actions", "actor_network", "draw_actor_network"]

#: Columns of :func:`actors`.
ACTOR_COLUMNS = [
    "mention_id", "actor", "kind", "title", "level", "affiliation", "paragraph_id", "sentence_id",
    "section", "start", "end", "raw_start", "raw_end", "text", "evidence",
]
_ORG_TAGS = {"ns", "nt"}
_ORG_BODY_TAGS = {"ns", "nt", "n", "nz", "j", "vn", "l", "a", "an", "b"}
_PRONOUNS = ("他们", "她们", "他", "她")
#: Verbs that carry no action (copula, modal, existential).
_LIGHT_VERBS = frozenset("是 有 要 在 为 让 使 将 把 能 会 可 被 像 成为 进行 作为 到 起来 来 去 支 致".split())


@functools.lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    table = _data.read_table("titles.tsv")
    return dict(zip(table["title"], table["level"]))


@functools.lru_cache(maxsize=1)
def _titles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_titles(), key=len, reverse=True))


def _title_before(text: str, start: int) -> str:
    for title in _titles_longest_first():
        if text[max(0, start - len(title)):start] == title:
            return title
    return ""


_CLAUSE_BREAK = re.compile(r"[，。；！？,;!?]")
#: How far after a name :func:`_title_after` looks (``是`` or ``等两位`` + at most 30 characters).
_APPOSITION_WINDOW = 64


def _title_after(text: str, name_end: int, end: int) -> tuple[str, int]:
    """Apposition after a name: ``是……班长`` / ``两位……党员`` (within one clause).

    Returns the title and the end of the mention (the apposition's end for
    ``是……``, the name's end otherwise).
    """
    # a bounded window, so that many names in one paragraph stay linear
    clause = _CLAUSE_BREAK.split(text[name_end:name_end + _APPOSITION_WINDOW], maxsplit=1)[0]
    match = re.match(r"(是|等?[两一二三四五六七八九十\d]+[位名个])(.{0,30})", clause)
    if not match:
        return "", end
    tail = match.group(0)
    best, best_end = "", -1
    for title in _titles():
        pos = tail.rfind(title)
        if pos >= 0 and (pos + len(title) > best_end or pos + len(title) == best_end and len(title) > len(best)):
            best, best_end = title, pos + len(title)
    if not best:
        return "", end
    return best, (name_end + best_end if match.group(1) == "是" else end)








def actors(report: Report, *, tokenizer=None, method: str | None = None) -> pd.DataFrame:
    """Every mention of a named person or organisation in the report's paragraphs.

    People and organisations are those of :func:`analysis.entities.mentions`
    (the package's one recognition: the report's dictionaries, titles beside
    a name, the People's Daily model), so this table agrees with
    :func:`analysis.frequency.entities`.  Organisations are completed to the
    longest run that ends in an organisation suffix (``乌海市`` + ``卫健委``);
    media cited as sources (新华社, 央视网) are not actors.

    Args:
        report: A parsed report.
        tokenizer: A :class:`analysis.Tokenizer` (default:
            ``Tokenizer.for_report(report)``, shared).
        method: Recognition method (default :data:`analysis.entities.DEFAULT_METHOD`).

    Returns:
        DataFrame with columns ``mention_id, actor, kind`` (person |
        organisation) ``, title, level`` (leader | grassroots | unknown for
        people; organisation) ``, affiliation, paragraph_id, sentence_id,
        section, start, end`` (offsets in the paragraph) ``, raw_start,
        raw_end, text`` (the mention with its title and affiliation) ``,
        evidence`` (dictionary | title | model | rule | jieba).

    Raises:
        ReportError: ``report`` is not a Report.

    >>> from analysis import load_report
    >>> a = actors(load_report())
    >>> a.loc[a.actor == "史万钧", ["title", "level", "evidence"]].iloc[0].tolist()
    ['市委书记', 'leader', 'dictionary']
    """
    from .. import entities as recognition

    report = check_report(report)
    if tokenizer is None:
        from ..tokenize import default_tokenizer

        tokenizer = default_tokenizer(report)
    found = recognition.mentions(report, tokenizer=tokenizer, method=method or recognition.DEFAULT_METHOD)
    found = found[found["part"] == "body"]
    by_paragraph = {pid: group for pid, group in found.groupby("paragraph_id")}
    suffixes = _data.cue_words("org_suffix")
    titles = _titles()
    collective = set(_data.cue_words("collective"))
    rows = []
    for para in _rows(report.paragraphs):
        text = para.text
        here = by_paragraph.get(para.paragraph_id)
        here = here.sort_values("start") if here is not None else found.iloc[0:0]
        tokens = _with_entity_tags(token_spans(tokenizer.tag(text)), here)
        before = _TokensBefore(tokens)
        people = [m for m in _rows(here) if m.type == "person"]
        list_ends = _name_list_ends(text, people)
        person_rows = []
        for k, m in enumerate(people):
            start, end = int(m.start), int(m.end)
            if m.entity in titles:
                continue
            title = _title_before(text, start)
            mention_start, mention_end = start - len(title), end
            if not title:
                title, mention_end = _title_after(text, list_ends[k], end)
            affiliation, aff_start = _affiliation(before, text, mention_start)
            person_rows.append(dict(
                actor=m.entity, kind="person", title=title, level=titles.get(title, "unknown"),
                affiliation=affiliation, paragraph_id=para.paragraph_id, start=min(aff_start, start),
                end=mention_end, text=text[min(aff_start, start):mention_end], evidence=m.evidence,
            ))
        rows += person_rows
        in_person = _Cover((r["start"], r["end"]) for r in person_rows)
        orgs = [o for o in _organisations(tokens, text, para.paragraph_id, suffixes)
                if o["actor"] not in collective and not in_person.covers(o["start"], o["end"])]
        in_org = _Cover((o["start"], o["end"]) for o in orgs)
        for m in _rows(here):
            if m.type != "organisation" or m.role == "source" or m.entity in collective:
                continue
            if not in_org.covers(m.start, m.end) and not in_person.covers(m.start, m.end) \
                    and not any(o["start"] <= m.start and m.end <= o["end"] for o in orgs[in_org.size:]):
                orgs.append(dict(actor=m.entity, kind="organisation", title="", level="organisation",
                                 affiliation="", paragraph_id=para.paragraph_id, start=int(m.start),
                                 end=int(m.end), text=m.entity, evidence=m.evidence))
        rows += orgs
    frame = pd.DataFrame(rows, columns=[c for c in ACTOR_COLUMNS if c not in
                                        ("mention_id", "sentence_id", "section", "raw_start", "raw_end")])
    frame = frame.sort_values(["paragraph_id", "start"], kind="stable").reset_index(drop=True)
    titled = frame[(frame.kind == "person") & (frame.title != "")].drop_duplicates("actor")
    blank = (frame.kind == "person") & (frame.title == "") & frame.actor.isin(set(titled.actor))
    for column in ("title", "level"):
        known = dict(zip(titled.actor, titled[column]))
        frame.loc[blank, column] = frame.loc[blank, "actor"].map(known)
    return _locate(frame, report)


_TAG_OF_TYPE = {"person": "nr", "place": "ns", "organisation": "nt"}


class _Cover:
    """Spans, answering "is ``[a, b)`` inside one of them?" in logarithmic time.

    Sorted by start with the running maximum of the ends: some span with
    ``s <= a`` reaches ``b`` iff that maximum, over the spans starting at or
    before ``a``, is at least ``b``.  The first such span (in start order) is
    the first index where the running maximum reaches ``b``.
    """

    def __init__(self, spans):
        ordered = sorted(spans, key=lambda span: span[0])
        self.spans = ordered
        self.size = len(ordered)
        self.starts = [span[0] for span in ordered]
        self.reach, best = [], -1
        for span in ordered:
            best = max(best, span[1])
            self.reach.append(best)

    def first(self, a: int, b: int) -> int:
        """Index of the first span (in start order) that covers ``[a, b)``, or −1."""
        last = bisect.bisect_right(self.starts, a) - 1
        if last < 0 or self.reach[last] < b:
            return -1
        return bisect.bisect_left(self.reach, b, 0, last + 1)

    def covers(self, a: int, b: int) -> bool:
        return self.first(a, b) >= 0


def _with_entity_tags(tokens, here: pd.DataFrame):
    """Token spans with the tag of the recognised entity that covers each token (a person is never an org).

    When several entities cover a token, the one that starts first wins
    (``here`` is sorted by start).
    """
    if here.empty:
        return tokens
    cover = _Cover((int(m.start), int(m.end), _TAG_OF_TYPE[m.type]) for m in _rows(here))
    out = []
    for word, tag, start, end in tokens:
        k = cover.first(start, end)
        out.append((word, cover.spans[k][2] if k >= 0 else tag, start, end))
    return out


def _name_list_ends(text: str, people: list) -> list[int]:
    """For each person, the end of the ``班慧和赵紫东``-style list of names starting there (one backward pass)."""
    ends = [int(m.end) for m in people]
    for k in range(len(people) - 2, -1, -1):
        end = int(people[k].end)
        if text[end:end + 1] in ("和", "、", "与") and int(people[k + 1].start) == end + 1:
            ends[k] = ends[k + 1]
    return ends


class _TokensBefore:
    """The tokens of a paragraph, indexed by end offset and by start offset."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.ends = [t[3] for t in tokens]  # token spans are in text order
        self.tags_at: dict[int, list[str]] = {}
        for _, tag, start, _ in tokens:
            self.tags_at.setdefault(start, []).append(tag)

    def upto(self, offset: int) -> int:
        """Number of leading tokens that end at or before ``offset``."""
        return bisect.bisect_right(self.ends, offset)


def _affiliation(before: _TokensBefore, text: str, mention_start: int) -> tuple[str, int]:
    tokens = before.tokens
    # the title may split a token (乌海 + 市委书记): use the text before it
    run = []
    for i in range(before.upto(mention_start) - 1, -1, -1):
        word, tag, start, end = tokens[i]
        if tag in _ORG_TAGS or (run and tag in _ORG_BODY_TAGS) or (not run and tag in ("nt", "ns")):
            run.append((word, start))
        elif not run and tag in _ORG_BODY_TAGS and end == mention_start and _ends_with_suffix(word):
            run.append((word, start))
        else:
            break
    run.reverse()
    first = next((i for i, (_, start) in enumerate(run)
                  if any(tag in _ORG_TAGS for tag in before.tags_at.get(start, ()))), None)
    if first is None:
        return "", mention_start
    return text[run[first][1]:mention_start], run[first][1]


def _ends_with_suffix(word: str) -> bool:
    return any(word.endswith(s) for s in _data.cue_words("org_suffix"))


def _organisations(tokens, text: str, paragraph_id: int, suffixes) -> list[dict]:
    rows, i = [], 0
    while i < len(tokens):
        word, tag, start, end = tokens[i]
        if tag in _ORG_TAGS or word in ("省", "市", "县", "区", "镇", "乡", "村") or (
            len(word) == 2 and word[0] == "某" and word[1] in "省市县区镇乡村"
        ):
            j = i + 1
            last_org = i if tag == "nt" or any(word.endswith(x) for x in suffixes) else None
            while j < len(tokens) and tokens[j][1] in _ORG_BODY_TAGS:
                if tokens[j][1] == "nt" or any(tokens[j][0].endswith(s) for s in suffixes):
                    last_org = j
                j += 1
            if last_org is not None and (last_org > i or tag == "nt") and tokens[last_org][3] - start >= 3:
                name = text[start:tokens[last_org][3]]
                rows.append(dict(actor=name, kind="organisation", title="", level="organisation",
                                 affiliation="", paragraph_id=paragraph_id, start=start,
                                 end=tokens[last_org][3], text=name))
                i = last_org + 1
                continue
            # No organisation starts inside this run either (its tokens reach the same end with
            # the same or no last suffix, from a later start): go on after the run, so that a
            # long run of place names is read once, not once per token.
            i = max(j, i + 1)
            continue
        i += 1
    return rows


def _locate(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    # The sentences of each paragraph, by start (a filter per mention would be quadratic).
    by_paragraph: dict[int, list] = {}
    for sent in report.sentences.sort_values(["paragraph_id", "start"], kind="stable").itertuples():
        by_paragraph.setdefault(int(sent.paragraph_id), []).append(sent)
    starts = {pid: [int(s.start) for s in sents] for pid, sents in by_paragraph.items()}
    sentence_ids, sections, raw = [], [], []
    for row in _rows(frame):
        sents = by_paragraph.get(int(row.paragraph_id), [])
        k = bisect.bisect_right(starts.get(int(row.paragraph_id), []), row.start) - 1
        # sentences of a paragraph do not overlap: the last one starting at or before the mention
        sent = sents[k] if k >= 0 and int(sents[k].end) > row.start else None
        sentence_ids.append(int(sent.sentence_id) if sent is not None else None)
        sections.append(int(sent.section) if sent is not None else None)
        raw.append(report.raw_span(row.paragraph_id, row.start, row.end))
    frame.insert(0, "mention_id", range(1, len(frame) + 1))
    frame.insert(frame.columns.get_loc("paragraph_id") + 1, "sentence_id", sentence_ids)
    frame.insert(frame.columns.get_loc("sentence_id") + 1, "section", sections)
    frame.insert(frame.columns.get_loc("end") + 1, "raw_start", [r[0] for r in raw])
    frame.insert(frame.columns.get_loc("raw_start") + 1, "raw_end", [r[1] for r in raw])
    return frame[ACTOR_COLUMNS]


def actions(report: Report, *, mentions: pd.DataFrame | None = None, tokenizer=None) -> pd.DataFrame:
    """The verbs attached to each actor mention.

    Args:
        report: A parsed report.
        mentions: Output of :func:`actors` (computed if ``None``).
        tokenizer: A :class:`analysis.Tokenizer`.

    Returns:
        DataFrame with columns ``mention_id, actor, kind, level, verb,
        paragraph_id, sentence_id, start, end`` (offsets of the verb in the
        paragraph) ``, via`` (``mention`` or ``pronoun``).

    >>> from analysis import load_report
    >>> act = actions(load_report())
    >>> "要求" in set(act.loc[act.actor == "史万钧", "verb"])
    True
    """
    report = check_report(report)
    tokenizer = tokenizer_or_default(tokenizer)
    if mentions is None:
        mentions = actors(report, tokenizer=tokenizer)
    rows = []
    sentences = report.sentences
    # Group once and look up by offset (a filter per paragraph, sentence or mention would be quadratic).
    mentions_of = {pid: list(group.sort_values("start", kind="stable").itertuples())
                   for pid, group in mentions.groupby("paragraph_id", sort=False)}
    sentences_of = {pid: list(_rows(group)) for pid, group in sentences.groupby("paragraph_id", sort=False)}
    for para in _rows(report.paragraphs):
        tokens = token_spans(tokenizer.tag(para.text))
        token_starts = [t[2] for t in tokens]
        here = mentions_of.get(para.paragraph_id, [])
        here_starts = [int(m.start) for m in here]
        last_person = None
        for sent in sentences_of.get(para.paragraph_id, []):
            in_sent = here[bisect.bisect_left(here_starts, sent.start):bisect.bisect_left(here_starts, sent.end)]
            anchors = [(m.end, m) for m in in_sent]
            head = para.text[sent.start:sent.start + 3].lstrip("“‘")
            if last_person is not None and head.startswith(_PRONOUNS):
                anchors.insert(0, (sent.start, last_person))
            for k, (anchor_end, m) in enumerate(anchors):
                stop = anchors[k + 1][1].start if k + 1 < len(anchors) else sent.end
                via = "pronoun" if anchor_end == sent.start and m is last_person else "mention"
                for i in range(bisect.bisect_left(token_starts, anchor_end), len(tokens)):
                    word, tag, start, end = tokens[i]
                    if end > stop:
                        break
                    if tag == "v" and word not in _LIGHT_VERBS:
                        rows.append(dict(mention_id=m.mention_id, actor=m.actor, kind=m.kind, level=m.level,
                                         verb=word, paragraph_id=para.paragraph_id, sentence_id=sent.sentence_id,
                                         start=start, end=end, via=via))
            people = [m for m in in_sent if m.kind == "person"]
            if people:
                last_person = people[-1]
    return pd.DataFrame(rows, columns=["mention_id", "actor", "kind", "level", "verb", "paragraph_id",
                                       "sentence_id", "start", "end", "via"])


def actor_network(mentions: pd.DataFrame, verbs: pd.DataFrame, *, min_verb_count: int = 1):
    """A graph of actors, the organisations they belong to and the actions they take.

    Nodes have a ``kind`` attribute (person | organisation | action) and
    people a ``level``; edges join a person to his or her affiliation
    organisation and every actor to its verbs (``weight`` = count).

    Args:
        mentions: Output of :func:`actors`.
        verbs: Output of :func:`actions`.
        min_verb_count: Keep verbs attached at least this often overall.

    Returns:
        A ``networkx.Graph``.

    >>> from analysis import load_report
    >>> r = load_report()
    >>> g = actor_network(actors(r), actions(r))
    >>> g.nodes["史万钧"]["level"]
    'leader'
    """
    import networkx as nx

    missing = {"actor", "kind", "level", "affiliation"} - set(mentions.columns)
    if missing or "verb" not in verbs.columns:
        raise ReportError("actor_network needs the outputs of actors(report) and actions(report)")
    graph = nx.Graph()
    for m in _rows(mentions):
        graph.add_node(m.actor, kind=m.kind, level=m.level)
    for m in mentions[(mentions.kind == "person") & (mentions.affiliation != "")].itertuples():
        org = m.affiliation
        if org not in graph:
            graph.add_node(org, kind="organisation", level="organisation")
        _bump(graph, m.actor, org)
    counts = verbs["verb"].value_counts()
    for v in verbs[verbs["verb"].map(counts) >= min_verb_count].itertuples():
        node = f"{v.verb}"
        if node in graph and graph.nodes[node].get("kind") != "action":
            node = f"{v.verb}（动作）"
        if node not in graph:
            graph.add_node(node, kind="action", level="action")
        _bump(graph, v.actor, node)
    return graph


def _bump(graph, a: str, b: str) -> None:
    if graph.has_edge(a, b):
        graph[a][b]["weight"] += 1
    else:
        graph.add_edge(a, b, weight=1)


#: Node colours of :func:`draw_actor_network`, by ``level``.
NETWORK_COLOURS = {
    "leader": "#b2182b",
    "grassroots": "#ef8a62",
    "unknown": "#ef8a62",
    "organisation": "#2166ac",
    "action": "#7fbf7b",
}
_NETWORK_LEGEND = {"leader": "领导 leader", "grassroots": "基层党员 grassroots", "organisation": "机构 organisation",
                   "action": "动作 action (verb)"}


def draw_actor_network(graph, *, ax=None, seed: int = 42, title: str = "行动者、机构与动作"):
    """Draw the graph of :func:`actor_network` with a legend.

    People and organisations are large labelled nodes; actions (verbs) are
    small nodes with smaller grey labels.  Each connected component is laid
    out on its own (a seeded force-directed spring layout) and the
    components are placed on a grid, largest first, so separate clusters do
    not drift apart or overlap; the same graph gives the same figure.

    Args:
        graph: Output of :func:`actor_network`.
        ax: A matplotlib axes to draw on (default: a new figure).
        seed: Layout seed.
        title: Figure title.

    Returns:
        The matplotlib figure.
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    if graph.number_of_nodes() == 0:
        raise ReportError("the actor network is empty: the report names no people or organisations the rules recognise")
    if ax is None:
        _, ax = plt.subplots(figsize=(14, 10))
    pos = _component_grid_layout(graph, seed=seed)
    actions_ = [v for v in graph if graph.nodes[v].get("kind") == "action"]
    named = [v for v in graph if v not in actions_]
    # Label boxes in data units (the grid cells are 1 × 1): 9-point labels on this figure's size.
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width_in, height_in = ax.figure.get_size_inches()
    per_point_x = (max(xs) - min(xs) + 1) / (width_in * 72 * 0.8)
    per_point_y = (max(ys) - min(ys) + 1) / (height_in * 72 * 0.8)
    sizes = {v: (10 if v in named else 7.5) * per_point_x * max(1, len(str(v))) for v in graph}
    pos = _separate_labels(pos, list(graph), char_width=10 * per_point_x, height=14 * per_point_y, widths=sizes)
    nx.draw_networkx_edges(graph, pos, ax=ax, edge_color="#cccccc", width=0.8)
    for nodes, size in ((actions_, 90), (named, 520)):
        nx.draw_networkx_nodes(graph, pos, nodelist=nodes, ax=ax, node_size=size, alpha=0.9,
                               node_color=[NETWORK_COLOURS.get(graph.nodes[v].get("level"), "#999999") for v in nodes])
    family = plt.rcParams["font.sans-serif"][0]
    nx.draw_networkx_labels(graph, {v: (x, y + 0.035) for v, (x, y) in pos.items() if v in named},
                            labels={v: v for v in named}, ax=ax, font_size=9, font_family=family,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    nx.draw_networkx_labels(graph, {v: (x, y - 0.03) for v, (x, y) in pos.items() if v in actions_},
                            labels={v: v for v in actions_}, ax=ax, font_size=7, font_family=family, font_color="#555555")
    handles = [Line2D([], [], marker="o", ls="", color=NETWORK_COLOURS[k], label=label, markersize=9)
               for k, label in _NETWORK_LEGEND.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    ax.set_axis_off()
    ax.set_title(title)
    return ax.figure


def _separate_labels(pos: dict, nodes: list, *, char_width: float, height: float, rounds: int = 60,
                     widths: dict | None = None) -> dict:
    """Nudge labelled nodes apart until their label boxes no longer overlap (or ``rounds`` run out).

    Each label is a box ``len(label) × char_width`` wide and ``height`` high
    centred on its node (or ``widths[node]`` wide); two overlapping boxes are pushed apart along the
    axis of the smaller overlap, half each.  Neighbours are looked up in a
    grid of box-sized buckets, so a round costs time linear in the number of
    labels.  Deterministic: the same positions give the same result.

    >>> p = _separate_labels({"甲乙": (0.0, 0.0), "丙丁": (0.01, 0.0)}, ["甲乙", "丙丁"], char_width=0.1, height=0.1)
    >>> abs(p["甲乙"][0] - p["丙丁"][0]) >= 0.2 or abs(p["甲乙"][1] - p["丙丁"][1]) >= 0.1
    True
    """
    pos = dict(pos)
    if len(nodes) < 2:
        return pos
    widths = {v: (widths or {}).get(v, max(1, len(str(v))) * char_width) for v in nodes}
    cell_x, cell_y = max(widths.values()), height
    for _ in range(rounds):
        buckets: dict[tuple[int, int], list] = {}
        for v in nodes:
            x, y = pos[v]
            buckets.setdefault((math.floor(x / cell_x), math.floor(y / cell_y)), []).append(v)
        moved = False
        for v in nodes:
            x, y = pos[v]
            bx, by = math.floor(x / cell_x), math.floor(y / cell_y)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for w in buckets.get((bx + dx, by + dy), ()):
                        if str(w) <= str(v):
                            continue
                        (x1, y1), (x2, y2) = pos[v], pos[w]
                        over_x = (widths[v] + widths[w]) / 2 - abs(x1 - x2)
                        over_y = height - abs(y1 - y2)
                        if over_x <= 0 or over_y <= 0:
                            continue
                        moved = True
                        if over_y <= over_x:
                            shift = over_y / 2 + 1e-6
                            sign = 1 if (y1, str(v)) >= (y2, str(w)) else -1
                            pos[v], pos[w] = (x1, y1 + sign * shift), (x2, y2 - sign * shift)
                        else:
                            shift = over_x / 2 + 1e-6
                            sign = 1 if (x1, str(v)) >= (x2, str(w)) else -1
                            pos[v], pos[w] = (x1 + sign * shift, y1), (x2 - sign * shift, y2)
        if not moved:
            break
    return pos


def _component_grid_layout(graph, *, seed: int = 42) -> dict:
    """Positions for a graph with several components: one cell of a grid each."""
    import math

    import networkx as nx

    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    columns = max(1, math.ceil(math.sqrt(len(components))))
    pos = {}
    for i, nodes in enumerate(components):
        # nodes and edges in sorted order: the graph's own order can follow set iteration (hash seeds differ per run)
        sub = nx.Graph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from(sorted(tuple(sorted(map(str, e))) for e in graph.subgraph(nodes).edges()))
        if len(nodes) == 1:
            local = {nodes[0]: (0.0, 0.0)}
        else:
            local = nx.spring_layout(sub, seed=seed, k=1.6 / math.sqrt(len(nodes)), iterations=300)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        scale = 0.8 * min(1.0, 0.35 + len(nodes) / 25)  # small components take less room
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        row, col = divmod(i, columns)
        for node, (x, y) in local.items():
            pos[node] = (col + 0.5 + scale * (x - cx) / span, -(row + 0.5) + scale * (y - cy) / span)
    return pos
