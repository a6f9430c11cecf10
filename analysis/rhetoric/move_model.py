"""A learned paragraph-move tagger on top of the rules: a paragraph-sequence CRF (issue 12).

The rules of :func:`analysis.rhetoric.moves.paragraph_moves` reach 0.86
agreement on the seen development parts and 0.55-0.74 on each unseen one.
This module trains a linear-chain CRF (``python-crfsuite``) over the
paragraphs of an item.  Its features are short strings computed from the
rules' output, never long spans of text:

* ``rules``: the rules' move and the rule that fired (numbers and names
  removed from the rule's wording);
* ``shape``: position (first, last, relative quarter), length, quantities,
  digits, share of the text in quotation marks and in reported speech, named
  people, leaders, organisations, the flags of :func:`paragraph_features`;
* ``cues``: which cue lists of ``data/lexicons/rhetoric/move_cues.tsv``
  (leader titles, leader verbs, directive verbs, quotation cues …) occur, and
  which occur in the first 20 characters; a directive modal (要, 必须);
* ``open``: the first two characters after a dateline (a 2-character string);
* ``context``: the rules' move, rule and cue hits of the paragraphs before
  and after.

Features and regularisation were chosen by cross-validation on the seen
development items, leave-one-part-out
(``python benchmarks/train_move_model.py --lopo``; figures in
``data/models/README.md``).  Since issue 12 round 12 this model is the
default of ``paragraph_moves`` (``method="crf"``): forward in time — trained
on the parts labelled before part k, scored on part k beside the rules as
they were at part k's first scoring — it was ahead on four of five parts
(pooled 0.760 against 0.743, n 746; ``--forward``); the twelfth part, unseen:
0.861 against the rules' 0.828 (n 122), LEADER_DIRECTIVE recall 0.974.  The model file is
``data/models/moves_crf.crfsuite``, loaded lazily, once per process.

>>> tokens = paragraph_tokens(pd.DataFrame([dict(move="LEAD", rule="first paragraph with content",
...     text="某县召开会议。", n_chars=7)]))
>>> tokens[0][:3]
['bias', 'rule_move=LEAD', 'rule=first paragraph with content']
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from collections.abc import Iterable, Sequence

import pandas as pd

from .. import paths
from ..errors import ReportError
from . import _data

#: The shipped model.
MODEL_PATH = paths.DATA_DIR / "models" / "moves_crf.crfsuite"
#: Feature groups (see the module docstring).
ALL_GROUPS = ("rules", "shape", "cues", "open", "context")
#: The feature groups and CRFsuite parameters of the shipped model.  Round 12: the same setting, retrained on parts
#: 1-11 with the rules of round 12, and the default method (forward in time ahead on parts 7-10, behind on 11).  Round 11 (``python benchmarks/train_move_model.py
#: --lopo-quick``, parts 1-10, the rules of round 11, in-sample on every part): still the best of six settings left
#: one part out, 0.857 against the rules' 0.857 (n 1421; recall 0.960 against 0.966), so the default stays the rules;
#: retrained on parts 1-10.  Round 10 (parts 1-9): 0.858 against 0.860 (n 1289).  Chosen on the dev items only (eighth round,
#: ``python benchmarks/train_move_model.py --lopo`` → ``benchmarks/results/move_model_lopo.csv``): the best
#: leave-one-part-out agreement over parts 1-7 (0.860, n 1015; the rules of ab13568 0.855, in-sample on every part),
#: and a little better than the rules of 951e1c8 when trained on parts 1-6 and tested on part 7, unseen by them
#: (0.781 against 0.776, n 219; LEADER_DIRECTIVE recall 0.784 both).  Seventh round: ``rules+cues+context``
#: (0.862 over parts 1-6; 0.853 over parts 1-7); earlier: group ``rules`` alone, c1 0.5.
GROUPS: tuple[str, ...] = ("rules", "shape", "cues")
CRF_PARAMS = {"c1": 1.0, "c2": 0.1, "max_iterations": 200, "feature.possible_transitions": True}
#: The model chooses between moves only: where it would turn the rules' move into a heading or a dateline (or
#: back) the rules' answer stays (:func:`guarded`; +0.1 to +1.4 points in every leave-one-part-out setting).
GUARD = True
#: Whether the Wuhai report's 19 hand-labelled paragraphs join the training data (no gain in cross-validation:
#: 0.860 with and without; left out, so the Wuhai figure stays out of the model's training data).
TRAIN_WUHAI = False
#: Cue lists of ``move_cues.tsv`` whose hits are features.
CUE_GROUPS = ("directive_verb", "leader_verb", "leader_verb_free", "leader_title", "leading_body", "national_title",
              "document_speaker", "directive_subject", "reported_speech_verb", "speech_verb", "leader_greeting",
              "evaluation", "measure_verb", "attendance_verb", "regional_head", "local_leading_body", "collective",
              "org_suffix")
_DIRECTIVE_MODAL = re.compile(r"(?:必须|务必|应当|(?<![重主需只纲将想])要(?![求素点闻是]))")
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_QUOTE = re.compile(r"“[^“”]*”")
_HEAD = 20


def _bin(value: float, edges: Sequence[float]) -> str:
    """Index of the first edge the value does not exceed (``len(edges)`` above all)."""
    for index, edge in enumerate(edges):
        if value <= edge:
            return str(index)
    return str(len(edges))


def _rule_key(rule: str) -> str:
    """The rule's wording without its numbers and names (``named person: 王某`` → ``named person``)."""
    return re.sub(r"\d+(?:\.\d+)?%?", "#", str(rule).split(":")[0]).strip()


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((group, _data.cue_words(group)) for group in CUE_GROUPS)


def _content(row) -> str:
    text = str(row.get("text", ""))
    from .moves import dateline

    line = dateline(text)
    return text[line[1]:] if line else text


def _own(row: dict, index: int, n: int, groups: Iterable[str]) -> list[str]:
    groups = set(groups)
    text = str(row.get("text", ""))
    content = _content(row)
    head = content[:_HEAD]
    feats: list[str] = []
    if "rules" in groups:
        feats += [f"rule_move={row.get('move', '')}", f"rule={_rule_key(row.get('rule', ''))}"]
    if "shape" in groups:
        feats += ["pos=first" if index == 0 else "pos=last" if index == n - 1 else "pos=middle",
                  f"rel={int(4 * index / max(n, 1))}", f"idx={min(index, 3)}",
                  f"len={_bin(len(text), (20, 40, 80, 150, 300))}",
                  f"digits={_bin(len(_DIGITS.findall(text)), (0, 1, 3, 6))}",
                  f"quotes={_bin(len(_QUOTE.findall(text)), (0, 1, 3))}",
                  f"quote_share={_bin(float(row.get('quote_share', 0) or 0), (0, 0.1, 0.25, 0.5))}",
                  f"speech_share={_bin(float(row.get('speech_share', 0) or 0), (0, 0.2, 0.4, 0.7))}",
                  f"numbers={_bin(int(row.get('n_numbers', 0) or 0), (0, 1, 2, 4))}",
                  f"numbers_per_100={_bin(float(row.get('numbers_per_100', 0) or 0), (0, 1, 2, 4))}"]
        if content.startswith("“"):
            feats.append("opens_with_quote")
        if "《" in text:
            feats.append("title_marks")
        for flag in ("leader_directive", "attendance", "exclamation", "dateline_only"):
            if bool(row.get(flag, False)):
                feats.append(flag)
        for count in ("n_people", "n_leaders", "n_local_leaders", "n_organisations", "n_place_agents",
                      "n_evaluation_cues"):
            if int(row.get(count, 0) or 0) > 0:
                feats.append(f"has_{count[2:]}")
        feats.append(f"measure_verbs={_bin(int(row.get('n_measure_verbs', 0) or 0), (0, 1))}")
    if "cues" in groups:
        for group, words in _cues():
            if any(w in text for w in words):
                feats.append(f"cue={group}")
                if any(w in head for w in words):
                    feats.append(f"cue@head={group}")
        if _DIRECTIVE_MODAL.search(text):
            feats.append("modal")
            if _DIRECTIVE_MODAL.search(head):
                feats.append("modal@head")
    if "open" in groups and content:
        feats.append(f"open={content[:2]}")
    return feats


#: Prefixes of a neighbour's features that the ``context`` group copies.
_CONTEXT = ("rule_move=", "rule=", "cue@head=", "pos=", "leader_directive", "opens_with_quote")


def paragraph_tokens(moves: pd.DataFrame, groups: Iterable[str] = GROUPS) -> list[list[str]]:
    """The feature strings of each paragraph of one report (rows of :func:`paragraph_moves` output, in order).

    Args:
        moves: The output of ``paragraph_moves(report)`` (``method="rules"``);
            only ``move``, ``rule`` and ``text`` are required.
        groups: Feature groups (:data:`ALL_GROUPS`).

    Returns:
        One list of short feature strings per row.
    """
    groups = tuple(groups)
    unknown = set(groups) - set(ALL_GROUPS)
    if unknown:
        raise ReportError(f"unknown feature groups {sorted(unknown)}: use some of {list(ALL_GROUPS)}")
    rows = moves.to_dict("records")
    n = len(rows)
    own = [_own(row, i, n, groups) for i, row in enumerate(rows)]
    out = []
    for i in range(n):
        feats = ["bias"] + own[i]
        if "context" in groups:
            for offset, tag in ((-1, "prev"), (1, "next")):
                j = i + offset
                if 0 <= j < n:
                    feats += [f"{tag}:{f}" for f in own[j] if f.startswith(_CONTEXT)]
                else:
                    feats.append(f"{tag}:none")
        out.append(feats)
    return out


def train(sequences: Sequence[tuple[list[list[str]], list[str]]], path: str | Path, params: dict | None = None) -> Path:
    """Train a CRF on ``(features, labels)`` sequences and write it to ``path`` (deterministic)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        trainer.append(pycrfsuite.ItemSequence(features), labels)
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


@functools.lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_PATH):
    """The move CRF (a ``pycrfsuite.Tagger``), opened once per process."""
    import pycrfsuite

    path = Path(path)
    if not path.is_file():
        raise ReportError(f"move model {path} is missing: rebuild it with python benchmarks/train_move_model.py")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag(features: list[list[str]], model: str | Path = MODEL_PATH) -> list[str]:
    """The model's move for each paragraph of one report."""
    import pycrfsuite

    if not features:
        return []
    return list(load_model(str(model)).tag(pycrfsuite.ItemSequence(features)))


def apply_model(moves: pd.DataFrame, *, model: str | Path = MODEL_PATH, groups: Iterable[str] = GROUPS) -> pd.DataFrame:
    """Relabel the rules' moves with the CRF.

    A report with subheadings (``moves["sectioned"]``, set by
    ``paragraph_moves``: a long feature such as the bundled Wuhai report) keeps
    the rules' moves: the model was trained on news items, 2 of its 270
    training items have a subheading.

    Returns:
        The input with ``move`` replaced by the model's, ``rule`` saying
        ``move model (rules: MOVE)`` (in a report with subheadings ``move``
        and ``rule`` stay the rules'), and ``rule_move`` / ``rule_rule``
        keeping the rules' answer.
    """
    out = moves.copy()
    out["rule_move"] = moves["move"].values
    out["rule_rule"] = moves["rule"].values
    if "sectioned" in moves.columns and len(moves) and bool(moves["sectioned"].iloc[0]):
        return out  # the rules' moves and rules, as they are (``sectioned`` says why)
    predicted = tag(paragraph_tokens(moves, groups), model)
    if GUARD:
        predicted = guarded(predicted, list(moves["move"]))
    out["move"] = predicted
    out["rule"] = [f"move model (rules: {r})" for r in moves["move"]]
    return out


# --- training data and cross-validation (development items only) -------------------------------------------


def fold_of(item: str, k: int = 5) -> int:
    """The cross-validation fold of an item (SHA-1 of its name mod ``k``; folds are grouped by item).

    >>> fold_of("xwlb_20200107_05") in range(5)
    True
    """
    return int(hashlib.sha1(item.encode("utf-8")).hexdigest(), 16) % k


def _report_path(item: str, corpus_dir=None) -> Path:
    from ..evaluation import rhetoric as ev

    if item.startswith(ev.PD_PREFIX):
        return ev._pd_file(item)
    folder = ev.dev_corpus_dir(corpus_dir)
    if folder is None:
        raise ReportError("the development corpus ../shared/dev-corpus/xwlb is absent: pass corpus_dir")
    return folder / f"{item}.txt"


@functools.lru_cache(maxsize=256)
def _item_frame(path: str, mtime: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    from ..evaluation.rhetoric import block_spans
    from ..loading import load_report
    from ..tokenize import default_tokenizer
    from .moves import paragraph_moves

    report = load_report(path)
    moves = paragraph_moves(report, tokenizer=default_tokenizer(), method="rules").reset_index(drop=True)
    return moves, block_cover(report, block_spans(report.raw))


def block_cover(report, spans: list[tuple[int, int]]) -> pd.DataFrame:
    """How the paragraphs of ``report`` cover labelled blocks given by raw ``spans``.

    Returns:
        DataFrame ``position, block, overlap``: a row per paragraph (its row
        number in ``report.paragraphs``) and block that share characters, with
        how many.
    """
    rows = []
    for position, para in enumerate(report.paragraphs[["raw_start", "raw_end"]].itertuples(index=False)):
        for block, (start, end) in enumerate(spans):
            overlap = min(end, int(para.raw_end)) - max(start, int(para.raw_start))
            if overlap > 0:
                rows.append((position, block, overlap))
    return pd.DataFrame(rows, columns=["position", "block", "overlap"])


def item_frame(item: str, corpus_dir=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rules' moves of one labelled item and how its paragraphs cover its blocks.

    Returns:
        ``(moves, cover)``: the output of ``paragraph_moves`` (one row per
        paragraph, in order) and a DataFrame ``position, block, overlap``
        (characters of the block inside the paragraph at that row).
    """
    path = _report_path(item, corpus_dir)
    return _item_frame(str(path), path.stat().st_mtime)


def training_sequence(moves: pd.DataFrame, cover: pd.DataFrame, gold: dict[int, str],
                      groups: Iterable[str] = GROUPS) -> tuple[list[list[str]], list[str]]:
    """Features and labels of one item: each paragraph takes the hand label of the block it covers most.

    A paragraph whose block has no hand label keeps the rules' move as its label.
    """
    best = cover.sort_values(["position", "overlap"], ascending=[True, False], kind="stable").drop_duplicates("position")
    block_of = dict(zip(best["position"], best["block"]))
    labels = [gold.get(int(block_of.get(i, -1)), str(moves["move"].iloc[i])) for i in range(len(moves))]
    return paragraph_tokens(moves, groups), labels


def block_predictions(predicted: Sequence[str], cover: pd.DataFrame) -> dict[int, str]:
    """Each block's move: the move of the paragraph that covers most of it (as the evaluation maps them)."""
    best = cover.sort_values("overlap", ascending=False, kind="stable").drop_duplicates("block")
    return {int(b): predicted[int(p)] for b, p in zip(best["block"], best["position"])}


def cross_validate(data: dict[str, tuple[pd.DataFrame, pd.DataFrame, dict[int, str]]], *, groups: Iterable[str],
                   params: dict, k: int = 5, extra: Sequence[tuple[list[list[str]], list[str]]] = (),
                   workdir: str | Path | None = None, fold=None, guard: bool = False) -> pd.DataFrame:
    """Out-of-fold moves of every labelled block (folds grouped by item), rules and model side by side.

    Args:
        data: item → ``(moves, cover, gold)`` where ``gold`` maps a block to its hand label.
        groups: Feature groups.
        params: CRFsuite parameters (over :data:`CRF_PARAMS`).
        k: Number of folds (:func:`fold_of`).
        extra: Sequences always in the training folds (the Wuhai report).
        workdir: Where the fold models are written (a temporary folder by default).
        fold: item → fold number (default :func:`fold_of` with ``k``; e.g. the labelling part of the
            item, for leave-one-part-out).
        guard: Keep the rules' move where the model would turn a move into a heading or back (:func:`guarded`).

    Returns:
        DataFrame with columns ``item, block, fold, gold, rules, model`` for
        the blocks whose hand label is a move (not a heading or dateline).
    """
    import tempfile

    from ..evaluation.rhetoric import NOT_MOVES

    groups = tuple(groups)
    fold_fn = fold if fold is not None else (lambda item: fold_of(item, k))
    folds = {item: fold_fn(item) for item in data}
    sequences = {item: training_sequence(m, c, g, groups) for item, (m, c, g) in data.items()}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(workdir or tmp)
        for fold in sorted(set(folds.values())):
            train_items = [i for i in sorted(data) if folds[i] != fold]
            test_items = [i for i in sorted(data) if folds[i] == fold]
            if not test_items or not train_items:
                continue
            path = train([sequences[i] for i in train_items] + list(extra), folder / f"fold{fold}.crfsuite", params)
            for item in test_items:
                moves, cover, gold = data[item]
                predicted = tag(sequences[item][0], path)
                if guard:
                    predicted = guarded(predicted, list(moves["move"]))
                model_blocks = block_predictions(predicted, cover)
                rule_blocks = block_predictions(list(moves["move"]), cover)
                for block, label in sorted(gold.items()):
                    if label in NOT_MOVES:
                        continue
                    rows.append(dict(item=item, block=block, fold=fold, gold=label,
                                     rules=rule_blocks.get(block, "NONE"), model=model_blocks.get(block, "NONE")))
            load_model.cache_clear()  # the fold's file is replaced by the next fold's
    return pd.DataFrame(rows, columns=["item", "block", "fold", "gold", "rules", "model"])


#: Labels that are not moves: the model may not turn a move of the rules into one of these, nor one into a move.
_NOT_MOVES = ("HEADING", "DATELINE")


def guarded(predicted: Sequence[str], rules: Sequence[str]) -> list[str]:
    """The model's moves, except where it would turn the rules' move into a heading or a dateline, or back.

    Whether a paragraph is a move at all is the loader's and the rules' business (titles, captions, datelines);
    the model only chooses between moves.

    >>> guarded(["HEADING", "EXEMPLAR", "LEAD"], ["GENERAL_CLAIM", "QUOTATION", "HEADING"])
    ['GENERAL_CLAIM', 'EXEMPLAR', 'HEADING']
    """
    return [r if (p in _NOT_MOVES) != (r in _NOT_MOVES) else p for p, r in zip(predicted, rules)]


def scores(table: pd.DataFrame, column: str) -> dict[str, float]:
    """Agreement and LEADER_DIRECTIVE recall/precision of one column of a :func:`cross_validate` table.

    >>> t = pd.DataFrame(dict(gold=["LEAD", "LEADER_DIRECTIVE"], rules=["LEAD", "QUOTATION"]))
    >>> scores(t, "rules")["agreement"]
    0.5
    """
    leader = table[table["gold"] == "LEADER_DIRECTIVE"]
    called = table[table[column] == "LEADER_DIRECTIVE"]
    rate = lambda s: float(s.mean()) if len(s) else float("nan")  # noqa: E731
    return {"agreement": rate(table["gold"] == table[column]), "n": len(table),
            "leader_recall": rate(leader["gold"] == leader[column]), "n_leader": len(leader),
            "leader_precision": rate(called["gold"] == called[column]), "n_called": len(called)}
