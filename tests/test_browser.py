"""The page the command line writes, opened in a real browser (headless Chromium).

Chromium is Debian's ``chromium`` package (``apt-get install chromium``,
which ``.ci/run`` installs); no Python browser driver is needed.  Two
command-line features of Chromium do the work: ``--dump-dom`` prints the
DOM after the page has loaded (``--virtual-time-budget`` lets the load
event and font loading finish first) and ``--screenshot`` renders a PNG.

The page forbids scripts (Content-Security-Policy), so to ask the browser
whether the images decoded, the test opens a *copy* of the page without
that policy and with a small checker script that writes its findings into
``<body data-…>`` attributes.  The page itself is opened unmodified for the
escaping check.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import cli, load_report, parse_report

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

CHECKER = """<script>
window.addEventListener("load", function () {
  var imgs = Array.prototype.slice.call(document.images);
  var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  document.body.setAttribute("data-images-loaded", ok + "/" + imgs.length);
  document.fonts.ready.then(function () {
    var loaded = [];
    document.fonts.forEach(function (f) { if (f.status === "loaded") loaded.push(f.family.replace(/"/g, "")); });
    document.body.setAttribute("data-fonts-loaded", loaded.join(","));
  });
});
</script>"""


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.skip("no Chromium browser found (install Debian's `chromium` package to run the browser tests)")
    return path


def browse(chromium: str, page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    """Open a local page in headless Chromium with a fresh profile."""
    args = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=10000", *extra,
            page.resolve().as_uri()]
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A page of the bundled report with its figure (the fast sections)."""
    out = tmp_path_factory.mktemp("browser") / "site"
    out.mkdir()
    cli.build_report(load_report(), out, only=("overview", "outline", "repairs"))
    return out


@pytest.fixture(scope="module")
def checked_dom(site, chromium, tmp_path_factory):
    page = (site / "index.html").read_text(encoding="utf-8")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    check = site / "check.html"
    check.write_text(page.replace("</body>", CHECKER + "</body>"), encoding="utf-8")
    result = browse(chromium, check, tmp_path_factory.mktemp("profile"), "--dump-dom")
    assert result.returncode == 0, result.stderr[-500:]
    check.unlink()
    return result.stdout


def test_figures_load(checked_dom):
    match = re.search(r'data-images-loaded="(\d+)/(\d+)"', checked_dom)
    assert match, "the checker did not run"
    loaded, total = map(int, match.groups())
    assert total >= 1 and loaded == total


def test_embedded_chinese_font_loads(checked_dom):
    fonts = re.search(r'data-fonts-loaded="([^"]*)"', checked_dom)
    assert fonts and "ReportCJK" in fonts.group(1).split(",")


def test_chinese_text_is_in_the_rendered_page(checked_dom):
    report = load_report()
    assert report.headline in checked_dom
    for heading in report.headings:
        assert heading in checked_dom
    assert report.paragraphs["text"].iloc[0] in checked_dom


def test_page_still_works_after_moving_the_folder(site, chromium, tmp_path):
    moved = tmp_path / "elsewhere" / "copy"
    shutil.copytree(site, moved)
    page = (moved / "index.html").read_text(encoding="utf-8")
    check = moved / "check.html"
    check.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
                     .replace("</body>", CHECKER + "</body>"), encoding="utf-8")
    dom = browse(chromium, check, tmp_path / "profile", "--dump-dom").stdout
    loaded, total = map(int, re.search(r'data-images-loaded="(\d+)/(\d+)"', dom).groups())
    assert loaded == total >= 1


def test_script_in_report_is_shown_not_run(chromium, tmp_path):
    report = parse_report("标题<script>document.title=1</script>\n\n□张三\n\n"
                          "正文<script>document.body.innerHTML='pwned'</script>写的是防控工作。\n")
    assert report.headline == "标题<script>document.title=1</script>"
    out = tmp_path / "site"
    out.mkdir()
    cli.build_report(report, out, only=("overview", "outline"))
    dom = browse(chromium, out / "index.html", tmp_path / "profile", "--dump-dom").stdout
    assert "<title>标题&lt;script&gt;document.title=1&lt;/script&gt;</title>" in dom
    assert "正文&lt;script&gt;document.body.innerHTML='pwned'&lt;/script&gt;写的是防控工作。" in dom
    assert "<script" not in dom


def test_screenshot_renders(site, chromium, tmp_path):
    shot = tmp_path / "page.png"
    result = browse(chromium, site / "index.html", tmp_path / "profile", f"--screenshot={shot}",
                    "--window-size=1280,2000", "--hide-scrollbars")
    assert result.returncode == 0 and shot.is_file()
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    header = image.crop((0, 0, 1280, 60))
    assert header.getpixel((5, 5)) == (0x8B, 0x1A, 0x1A)  # the header band is drawn
    assert len(image.crop((0, 0, 1280, 800)).getcolors(maxcolors=1 << 20)) > 50  # text and a figure, not blank
