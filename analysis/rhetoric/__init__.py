"""Rhetorical structure of a Chinese work report (工作通讯, 典型报道).

One module per device, all taking a parsed :class:`analysis.Report` and
returning DataFrames with paragraph ids and character offsets:

* :mod:`.moves`: ``outline``, ``subheadings``, ``paragraph_moves`` (+ agreement
  with the hand labels in ``data/annotations/paragraph_moves.csv``);
* :mod:`.numbers`: ``numeric_claims``, ``numeric_density``;
* :mod:`.actors`: ``actors``, ``actions``, ``actor_network``, ``draw_actor_network``;
* :mod:`.metaphor`: ``war_metaphors``, ``metaphor_density``;
* :mod:`.devices`: ``parallelisms``, ``quotations``;
* :mod:`.idioms`: ``four_character_expressions``, ``idiom_density``;
* :mod:`.genre`: ``report_profile``, ``genre_table`` (every detector over many reports).

>>> from analysis import load_report
>>> from analysis import rhetoric
>>> rhetoric.subheadings(load_report())["first"].tolist()
['全面动员', '支部前移', '党员带头']
"""

from __future__ import annotations

import logging

from .actors import ACTOR_COLUMNS, actions, actor_network, actors, draw_actor_network
from .devices import (
    PARALLELISM_COLUMNS, QUOTATION_COLUMNS, QUOTATION_KINDS, load_quotation_cues, parallelisms, quotations, titles,
)
from .genre import MOVE_ABBREVIATIONS, PROFILE_COLUMNS, genre_table, move_shares, report_profile
from .idioms import EXPRESSION_COLUMNS, IDIOM_LIST, four_character_expressions, idiom_density, load_idioms
from .metaphor import (
    DENSITY_COLUMNS, METAPHOR_COLUMNS, WAR_FRAME_COLUMNS, WAR_LEXICON, load_war_lexicon, metaphor_density, title_tokens,
    war_frames, war_metaphors,
)
from .moves import (
    MOVES, load_move_annotations, move_agreement, move_confusion, outline, paragraph_features, paragraph_moves,
    quoted_spans, subheadings,
)
from .numbers import NUMBER_COLUMNS, number_expressions, numeric_claims, numeric_density

LOGGER = logging.getLogger(__name__)

__all__ = [
    # moves (part A)
    "MOVES", "outline", "subheadings", "paragraph_features", "paragraph_moves", "quoted_spans",
    "load_move_annotations", "move_agreement", "move_confusion",
    # numbers (part A)
    "NUMBER_COLUMNS", "number_expressions", "numeric_claims", "numeric_density",
    # actors (part A)
    "ACTOR_COLUMNS", "actors", "actions", "actor_network", "draw_actor_network",
    # metaphor (part B)
    "WAR_LEXICON", "METAPHOR_COLUMNS", "DENSITY_COLUMNS", "WAR_FRAME_COLUMNS", "load_war_lexicon", "war_metaphors", "war_frames",
    "metaphor_density", "title_tokens",
    # devices (part B)
    "PARALLELISM_COLUMNS", "QUOTATION_COLUMNS", "QUOTATION_KINDS", "load_quotation_cues", "parallelisms",
    "quotations", "titles",
    # the genre in numbers (issue 12)
    "PROFILE_COLUMNS", "MOVE_ABBREVIATIONS", "report_profile", "genre_table", "move_shares",
    # idioms (part B)
    "IDIOM_LIST", "EXPRESSION_COLUMNS", "load_idioms", "four_character_expressions", "idiom_density",
]
