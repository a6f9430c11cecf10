"""Tests of analysis.wordclouds: right words, right font, same pixels, clear errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from analysis import ReportError, paths, save_figure
from analysis import wordclouds as wc
from analysis.fonts import find_cjk_font, missing_characters
from analysis.frequency import CONTENT_GROUPS, term_table

#: Small canvases keep the tests fast; the print size is tested once.
SMALL = {"width": 400, "height": 240}


def layout_words(cloud: wc.Cloud) -> list[str]:
    """The words ``wordcloud`` actually drew, in drawing order."""
    return [word for (word, _freq), *_rest in cloud.wordcloud.layout_]


@pytest.fixture(scope="module")
def content_table(tokens):
    return term_table(tokens, pos_groups=sorted(CONTENT_GROUPS))


@pytest.fixture(scope="module")
def content_cloud(content_table):
    return wc.render_cloud(content_table, top_n=40, colour_by="pos_group", **SMALL)


# -- which words -----------------------------------------------------------------

TABLE = pd.DataFrame({
    "word": ["疫情", "防控", "党员", "社区", "群众", "一线", "口罩"],
    "count": [32, 25, 16, 6, 6, 6, 0],
})


@pytest.mark.parametrize(
    "top_n, expected, tied_out",
    [
        (1, ["疫情"], 0),
        (3, ["疫情", "防控", "党员"], 0),
        (4, ["疫情", "防控", "党员", "社区"], 2),  # 群众 and 一线 also have 6
        (5, ["疫情", "防控", "党员", "社区", "群众"], 1),
        (None, ["疫情", "防控", "党员", "社区", "群众", "一线"], 0),  # 口罩 (0) cannot be drawn
        (50, ["疫情", "防控", "党员", "社区", "群众", "一线"], 0),
    ],
)
def test_top_words_cut_off_and_ties(top_n, expected, tied_out):
    words = wc.top_words(TABLE, top_n=top_n)
    assert words["word"].tolist() == expected
    assert words["rank"].tolist() == list(range(1, len(expected) + 1))
    assert words.attrs["n_tied_out"] == tied_out
    assert words.attrs["n_candidates"] == 6


def test_top_words_sorts_an_unsorted_table_stably():
    table = pd.DataFrame({"word": ["甲", "乙", "丙", "丁"], "score": [1.0, 3.0, 1.0, 2.0]})
    assert wc.top_words(table, weight="score", top_n=3)["word"].tolist() == ["乙", "丁", "甲"]


@pytest.mark.parametrize(
    "how, expected",
    [("sum", {"发展": 5.0, "党员": 4.0}), ("max", {"党员": 4.0, "发展": 3.0}), ("first", {"党员": 4.0, "发展": 3.0})],
)
def test_duplicate_words_are_combined_only_on_request(how, expected):
    table = pd.DataFrame({"word": ["发展", "党员", "发展"], "pos": ["v", "n", "vn"], "count": [3, 4, 2]})
    with pytest.raises(ReportError, match="several rows"):
        wc.top_words(table)
    words = wc.top_words(table, duplicates=how)
    assert dict(zip(words["word"], words["weight"])) == expected
    assert words["word"].tolist() == list(expected)


@pytest.mark.parametrize("top_n", [1, 10, 40])
def test_words_placed_are_exactly_the_top_n_of_the_table(content_table, top_n):
    cloud = wc.render_cloud(content_table, top_n=top_n, **SMALL)
    expected = content_table.sort_values("count", ascending=False, kind="stable")["word"].head(top_n).tolist()
    assert layout_words(cloud) == expected
    assert cloud.words["word"].tolist() == expected
    assert cloud.words["placed"].all()
    sizes = [size for _w, size, *_ in cloud.wordcloud.layout_]
    assert sizes == sorted(sizes, reverse=True)  # heavier words are never drawn smaller


def test_weights_other_than_count(content_table):
    table = content_table.assign(score=content_table["count"] * content_table["n_paragraphs"])
    cloud = wc.render_cloud(table, weight="score", top_n=8, **SMALL)
    assert layout_words(cloud) == table.nlargest(8, "score", keep="first")["word"].tolist()


def test_words_are_drawn_whole_with_no_text_processing():
    # WordCloud.generate would split these on \\W and pair them as collocations.
    table = pd.DataFrame({"word": ["外防输入、内防扩散", "新冠 肺炎", "PCR", "2020年"], "count": [5, 4, 3, 2]})
    cloud = wc.render_cloud(table, **SMALL)
    assert layout_words(cloud) == ["外防输入、内防扩散", "新冠 肺炎", "PCR", "2020年"]
    assert cloud.wordcloud.collocations is False


def test_words_that_do_not_fit_are_reported_not_hidden():
    table = pd.DataFrame({"word": [f"词{i:03d}" for i in range(300)], "count": np.arange(300, 0, -1)})
    cloud = wc.render_cloud(table, top_n=300, width=120, height=60, min_font_size=8)
    assert 0 < cloud.n_placed < 300
    assert cloud.words.loc[cloud.words["placed"], "word"].tolist() == layout_words(cloud)
    assert f"only {cloud.n_placed} drawn" in cloud.caption


# -- font -------------------------------------------------------------------------


def test_font_covers_every_word_drawn(content_cloud):
    drawn = "".join(layout_words(content_cloud))
    assert content_cloud.font == find_cjk_font()
    assert missing_characters(content_cloud.font, drawn) == []
    drawing = content_cloud.wordcloud.font_path  # a subset of that font, holding the table's characters
    assert drawing == str(content_cloud.font) or missing_characters(drawing, drawn) == []


@pytest.mark.parametrize("options", [{"colour_by": "pos_group"},
                                     {"mask": "star"},
                                     {"width": 1600, "height": 900}])
def test_subset_font_draws_the_same_pixels_as_the_whole_font(content_table, monkeypatch, options):
    options = dict(options)
    if options.get("mask") == "star":
        options["mask"] = wc.shape_mask("star", width=600)
    options = {**SMALL, **options}
    subset = wc.render_cloud(content_table, top_n=80, **options)
    assert subset.wordcloud.font_path != str(subset.font), "no subset was used: this test compares nothing"
    monkeypatch.setattr(wc.fonts, "drawing_font", lambda path, characters: path)
    whole = wc.render_cloud(content_table, top_n=80, **options)
    assert whole.wordcloud.font_path == str(whole.font)
    assert np.array_equal(subset.image, whole.image)
    assert subset.words.equals(whole.words)


def test_subset_font_is_made_once_for_the_characters_it_holds(content_table):
    from analysis import fonts

    first = fonts.drawing_font(find_cjk_font(), "".join(content_table["word"]))
    again = fonts.drawing_font(find_cjk_font(), "".join(content_table["word"].head(5)))  # fewer characters
    assert again == first and first != find_cjk_font()
    assert fonts.drawing_font(find_cjk_font(), "魑魅魍魉") != first  # new characters: a new subset


def test_saved_figure_pixels_are_those_of_the_rgb_picture(content_table, tmp_path, monkeypatch):
    """The cloud is drawn as RGBA (faster); the saved PNG is pixel for pixel the one an RGB picture gives."""
    monkeypatch.setattr(paths, "FIGURES_DIR", tmp_path / "figures")  # keep reports/ clean
    monkeypatch.setattr(paths, "TABLES_DIR", tmp_path / "tables")
    cloud = wc.render_cloud(content_table, top_n=60, **SMALL)
    fast = np.asarray(Image.open(save_figure(wc.cloud_figure(cloud, title="实词"), "fast")))
    monkeypatch.setattr(wc, "_opaque", lambda image: image)
    plain = np.asarray(Image.open(save_figure(wc.cloud_figure(cloud, title="实词"), "plain")))
    assert np.array_equal(fast, plain)


def test_word_the_font_cannot_draw_is_an_error():
    font = find_cjk_font()
    rare = next(chr(c) for c in range(0x1F600, 0x1F650) if missing_characters(font, chr(c)))
    table = pd.DataFrame({"word": ["党员", f"抗疫{rare}"], "count": [3, 2]})
    with pytest.raises(ReportError, match="no glyph"):
        wc.render_cloud(table, **SMALL)


def test_font_without_chinese_is_refused():
    import matplotlib

    latin = f"{matplotlib.get_data_path()}/fonts/ttf/DejaVuSans.ttf"
    with pytest.raises(ReportError, match="no Chinese glyphs"):
        wc.render_cloud(TABLE, font=latin, **SMALL)


# -- determinism ------------------------------------------------------------------


def test_same_seed_gives_identical_pixels(content_table):
    first = wc.render_cloud(content_table, top_n=25, **SMALL)
    second = wc.render_cloud(content_table, top_n=25, **SMALL)
    other = wc.render_cloud(content_table, top_n=25, seed=7, **SMALL)
    assert first.image.shape == (240, 400, 3)
    assert np.array_equal(first.image, second.image)
    assert not np.array_equal(first.image, other.image)


# -- bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    "table, options, message",
    [
        (TABLE.iloc[0:0], {}, "empty"),
        (pd.DataFrame({"word": ["的", "。"], "count": [0, 0]}), {}, "= 0"),
        (TABLE, {"weight": "g2"}, "no 'g2' column"),
        (TABLE.rename(columns={"word": "term"}), {}, "no 'word' column"),
        (TABLE.assign(count=[3, -1, 1, 1, 1, 1, 1]), {}, "negative"),
        (TABLE.assign(count=[3, np.nan, 1, 1, 1, 1, 1]), {}, "missing"),
        (TABLE.assign(word=["疫情", None, "a", "b", "c", "d", "e"]), {}, "non-text word"),
        (TABLE, {"top_n": 0}, "top_n"),
        (TABLE, {"colour_by": "pos_group"}, "no 'pos_group' column"),
        ("疫情 防控 党员", {}, "DataFrame"),
    ],
)
def test_bad_tables_raise_report_error(table, options, message):
    with pytest.raises(ReportError, match=message):
        wc.render_cloud(table, **SMALL, **options)


def test_empty_term_table_is_an_error_not_a_blank_image(tokens):
    only_punct = tokens[tokens["is_punct"]]
    with pytest.raises(ReportError, match="empty"):
        wc.render_cloud(term_table(only_punct), **SMALL)


# -- colour and legend --------------------------------------------------------------


def test_colours_follow_the_group_and_the_legend(content_cloud):
    words = content_cloud.words
    legend = content_cloud.legend
    assert list(legend) == list(dict.fromkeys(words["group"]))  # heaviest group first
    assert set(legend.values()) <= set(wc.PALETTE)
    drawn_colour = {word: colour for (word, _f), _s, _p, _o, colour in content_cloud.wordcloud.layout_}
    for word, group in zip(words["word"], words["group"]):
        assert drawn_colour[word] == legend[group]


def test_pixels_carry_the_group_colours(content_cloud):
    pixels = {tuple(p) for p in content_cloud.image.reshape(-1, 3)[::7]}
    for colour in content_cloud.legend.values():
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert rgb in pixels


def test_too_many_groups_for_the_palette():
    table = pd.DataFrame({"word": list("甲乙丙丁"), "count": [4, 3, 2, 1], "g": list("abcd")})
    with pytest.raises(ReportError, match="4 groups but only 2 colours"):
        wc.render_cloud(table, colour_by="g", palette=["#000000", "#ff0000"], **SMALL)


# -- masks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape, inside, outside",
    [
        ("circle", [(50, 50), (50, 2), (2, 50)], [(0, 0), (99, 99), (10, 10)]),
        ("star", [(50, 50), (8, 50), (38, 5), (38, 94)], [(0, 0), (20, 30), (99, 50), (60, 10)]),
    ],
)
def test_shape_mask(shape, inside, outside):
    mask = wc.shape_mask(shape, width=100)
    assert mask.shape == (100, 100) and mask.dtype == np.uint8
    assert [int(mask[p]) for p in inside] == [0] * len(inside)
    assert [int(mask[p]) for p in outside] == [255] * len(outside)


def test_load_mask_reads_transparency_and_scales(tmp_path):
    picture = Image.new("RGBA", (200, 100), (0, 0, 0, 0))  # transparent background
    picture.paste((200, 30, 30, 255), (20, 20, 120, 80))  # an opaque red block
    path = tmp_path / "shape.png"
    picture.save(path)
    mask = wc.load_mask(path, width=400)
    assert mask.shape == (200, 400)
    assert mask[100, 140] == 0 and mask[10, 10] == 255 and mask[100, 300] == 255
    inverted = wc.load_mask(path, width=400, invert=True)
    assert inverted[100, 140] == 255 and inverted[10, 10] == 0


@pytest.mark.parametrize(
    "image, message",
    [("no/such/file.png", "not found"), (np.full((80, 80), 255, dtype=np.uint8), "less than 2%"), (42, "not int")],
)
def test_load_mask_errors(image, message):
    with pytest.raises(ReportError, match=message):
        wc.load_mask(image, width=80)


def test_words_stay_inside_the_mask(content_table):
    mask = wc.shape_mask("circle", width=300)
    cloud = wc.render_cloud(content_table, top_n=30, mask=mask)
    assert cloud.image.shape[:2] == (300, 300)
    outside = cloud.image[mask == 255]
    assert (outside == 255).all()  # only white background outside the circle
    assert (cloud.image[mask == 0] != 255).any()


def test_layout_at_half_size_keeps_words_and_mask(content_table):
    mask = wc.shape_mask("circle", width=1200)
    cloud = wc.render_cloud(content_table, top_n=20, mask=mask)  # laid out at 600 px, drawn at 1200
    assert cloud.wordcloud.scale == 2 and cloud.image.shape[:2] == (1200, 1200)
    assert layout_words(cloud) == content_table["word"].head(20).tolist()
    assert (cloud.image[mask == 255] == 255).all()
    first = cloud.words.iloc[0]
    assert first["font_size"] == 2 * cloud.wordcloud.layout_[0][1]  # sizes are given in picture pixels


@pytest.mark.parametrize("palette, expected", [
    ({"b": "#111111", "a": "#222222", "c": "#333333"}, ["b", "a"]),  # a mapping keeps its own order
    (["#111111", "#222222"], ["a", "b"]),  # a list goes to the heaviest group first
])
def test_legend_order(palette, expected):
    table = pd.DataFrame({"word": ["甲", "乙", "丙"], "count": [3, 2, 1], "g": ["a", "b", "a"]})
    assert list(wc.render_cloud(table, colour_by="g", palette=palette, **SMALL).legend) == expected


# -- variants ------------------------------------------------------------------------


def test_keyness_cloud_draws_only_over_used_words():
    table = pd.DataFrame({
        "word": ["防控", "党员", "的", "疫情", "我们"],
        "g2": [90.0, 60.0, 40.0, 3.0, 20.0],
        "log_ratio": [5.1, 3.2, -2.0, 0.9, -1.5],
        "p_value": [1e-9, 1e-6, 1e-4, 0.08, 1e-3],
        "direction": ["over", "over", "under", "over", "under"],
    })
    assert layout_words(wc.keyness_cloud(table, **SMALL)) == ["防控", "党员"]
    assert layout_words(wc.keyness_cloud(table, max_p=None, weight="log_ratio", **SMALL)) == ["防控", "党员", "疫情"]
    with pytest.raises(ReportError, match="no word is over-used"):
        wc.keyness_cloud(table[table["direction"] == "under"], **SMALL)


def test_small_multiples_one_titled_panel_per_section(report, tokens):
    parts = [term_table(tokens[tokens["section"] == s], pos_groups=sorted(CONTENT_GROUPS)).assign(section_title=title)
             for s, title in report.section_titles.items()]
    fig, clouds = wc.small_multiples(pd.concat(parts), by="section_title", top_n=12, panel_width=300, panel_height=200)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == list(report.section_titles.values())
    assert list(clouds) == titles
    for part, cloud in zip(parts, clouds.values()):
        assert cloud.words["word"].tolist() == part["word"].head(12).tolist()
    # one size scale: the panel with the lower top count never gets the larger top font
    top = {t: (p["count"].iloc[0], c.words["font_size"].iloc[0]) for t, p, c in zip(titles, parts, clouds.values())}
    ranked = sorted(top.values())
    assert [size for _count, size in ranked] == sorted(size for _count, size in ranked)


def test_small_multiples_shares_one_palette_across_panels(content_table):
    table = content_table[content_table["pos_group"].isin(["nouns", "verbs"])]
    fig, clouds = wc.small_multiples(table, by="pos_group", colour_by="pos_group", top_n=5,
                                     panel_width=300, panel_height=200)
    assert clouds["nouns"].legend["nouns"] != clouds["verbs"].legend["verbs"]


def test_saved_cloud_is_print_quality(content_table, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "FIGURES_DIR", tmp_path / "figures")  # paths are fixed at import: keep reports/ clean
    monkeypatch.setattr(paths, "TABLES_DIR", tmp_path / "tables")
    cloud = wc.render_cloud(content_table, top_n=15, width=wc.PRINT_WIDTH, height=500)
    fig = wc.cloud_figure(cloud, title="实词")
    path = save_figure(fig, "test_wordcloud_print")
    with Image.open(path) as png:
        assert png.width >= 1600
    assert path.parent == tmp_path / "figures"
    assert "top 15 of" in cloud.caption and "Counted:" in cloud.caption


def test_caption_states_what_was_counted(content_table):
    cloud = wc.render_cloud(content_table, top_n=10, counted="content words", **SMALL)
    n_kept, n_tokens = content_table.attrs["n_kept"], content_table.attrs["n_tokens"]
    assert cloud.caption.startswith(f"Counted: content words; {n_kept} of {n_tokens} running words kept")
    assert f"top 10 of {len(content_table)} words, all drawn" in cloud.caption
