"""Chinese in JupyterLab and Notebook 7 on a machine without Chinese fonts, checked in a real browser.

The test installs the project's web font into a fresh Jupyter configuration
folder (:func:`analysis.fonts.install_jupyter_font`, what ``make lab`` does),
starts JupyterLab (then Notebook 7, the classic notebook's successor, when
the ``notebook`` package is installed) on a free port of 127.0.0.1, opens a notebook in headless
Chromium (Debian's ``chromium``; ``.ci/run`` installs it, and the test skips
without it), runs every cell, and asks the browser — over its DevTools
protocol, with the ``websocket-client`` package — which font drew the text:
``CSS.getPlatformFontsForNode`` names the font each text node was rendered
with.  Markdown, a pandas table, printed output, the code editor and the
interactive explorer must be drawn with Noto Sans SC (the bundled font); a
control element that does not name the project font must not be, which shows
that the machine itself has no Chinese font to fall back on.  The explorer
is then driven like a user would: type a word, press Enter, and its KWIC lines
must change.  A screenshot is saved with the test's temporary files.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PROJECT_FONT = "Noto Sans SC"

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# 党旗下的誓言\n\n群众路线是党的生命线。"},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": "from analysis import setup_notebook\nsetup_notebook()\nimport pandas as pd\n"
                   "pd.DataFrame({'词': ['党员先锋岗', '疫情防控'], '次数': [3, 25]})"},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": "print('打印输出：誓言铮铮战疫魔')  # 注释也是中文"},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": "from analysis import Tokenizer, load_report\nfrom analysis.explorer import explorer\n"
                   "report = load_report()\nexplorer(Tokenizer().tokens(report), report=report, word='党员')"},
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class DevTools:
    """A minimal client of Chromium's DevTools protocol for one page."""

    def __init__(self, url: str):
        import websocket

        self.ws = websocket.create_connection(url, timeout=120, suppress_origin=True)
        self.next_id = 0

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def fonts_of(self, selector: str) -> list[dict]:
        root = self.call("DOM.getDocument", depth=0)["root"]["nodeId"]
        node = self.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        assert node, f"no element {selector}"
        return self.call("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]

    def close(self):
        self.ws.close()


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.skip("no Chromium browser found (install Debian's `chromium` package to run the browser tests)")
    pytest.importorskip("websocket", reason="websocket-client (a test dependency) drives the browser")
    return path


APPS = {  # module, the app's configuration section, the page of a notebook
    "jupyterlab": ("jupyterlab", "LabApp", "lab/tree/chinese.ipynb"),
    "notebook7": ("notebook", "JupyterNotebookApp", "notebooks/chinese.ipynb"),
}


@pytest.fixture(scope="module", params=list(APPS))
def lab(request, tmp_path_factory, chromium):
    """JupyterLab (or Notebook 7) with the project font in its own configuration folder, and the test notebook."""
    from analysis.fonts import install_jupyter_font

    module, section, page_path = APPS[request.param]
    pytest.importorskip(module, reason=f"{module} is not installed")
    base = tmp_path_factory.mktemp(request.param)
    config, root = base / "config", base / "root"
    root.mkdir()
    install_jupyter_font(config)
    (root / "chinese.ipynb").write_text(json.dumps(NOTEBOOK, ensure_ascii=False), encoding="utf-8")
    port, token = free_port(), "analysis-test-token"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config), "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces")}
    args = [sys.executable, "-m", module, "--no-browser", f"--port={port}", "--ServerApp.port_retries=0",
            "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            f"--{section}.expose_app_in_browser=True"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        args.append("--allow-root")
    log = open(base / "jupyterlab.log", "w")
    server = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def up():
        try:
            return urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2).status == 200
        except OSError:
            assert server.poll() is None, (base / "jupyterlab.log").read_text()[-2000:]
            return False

    try:
        wait_until(up, 120, "JupyterLab to start")
        yield {"url": url, "token": token, "config": config, "base": base, "page": page_path}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def page(lab, chromium):
    """The test notebook opened in headless Chromium, every cell run."""
    profile = lab["base"] / "profile"
    browser = subprocess.Popen(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--remote-allow-origins=*", "--window-size=1400,1400", "--hide-scrollbars", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tools = None
    try:
        active = profile / "DevToolsActivePort"
        wait_until(active.is_file, 60, "Chromium's DevTools port")
        port = wait_until(lambda: active.read_text().split("\n")[0].strip(), 10, "the port number")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        tools = DevTools(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        for domain in ("Page", "Runtime", "DOM", "CSS"):
            tools.call(f"{domain}.enable")
        tools.call("Page.navigate", url=f"{lab['url']}/{lab['page']}?token={lab['token']}")
        # a headless window never has focus: emulate it, and activate the notebook so commands apply to it
        tools.call("Emulation.setFocusEmulationEnabled", enabled=True)
        wait_until(lambda: tools.js(
            "(() => { const a = window.jupyterapp; if (!a) return false;"
            " const w = [...a.shell.widgets('main')].find(x => x.sessionContext);"
            " const k = w && w.sessionContext.session && w.sessionContext.session.kernel;"
            " if (!(k && k.status === 'idle' && document.querySelector('.jp-Notebook .cm-content'))) return false;"
            " a.shell.activateById(w.id); return true; })()"),
            180, "the notebook and its kernel")
        tools.js("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        wait_until(lambda: tools.js(
            "(() => { const s = document.querySelector('.analysis-explorer-status');"
            " return !!(s && s.textContent.includes('党员:')); })()"), 240, "every cell to run (the explorer's first search)")
        tools.js("document.fonts.ready.then(() => true)")
        yield tools
    finally:
        if tools is not None:
            tools.close()
        browser.terminate()
        try:
            browser.wait(timeout=20)
        except subprocess.TimeoutExpired:
            browser.kill()


def mark(page, xpath_text: str, tag: str, probe: str) -> str:
    """Mark the first ``tag`` element whose own text contains ``xpath_text``; return its selector."""
    found = page.js(
        f"(() => {{ const r = document.evaluate(\"//{tag}[text()[contains(., '{xpath_text}')]]\", document, null,"
        " XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;"
        f" if (r) r.setAttribute('data-probe', '{probe}'); return !!r; }})()")
    assert found, f"no <{tag}> with the text {xpath_text!r} in the page"
    return f'[data-probe="{probe}"]'


def drawn_fonts(page, selector: str, wait: float = 15) -> list[dict]:
    """The fonts that drew an element's text, once it is in view and laid out (a web font loads lazily)."""
    page.js(f"(() => {{ document.querySelector('{selector}').scrollIntoView({{block: 'center'}}); return true; }})()")
    fonts = []

    def drawn():
        nonlocal fonts
        page.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")
        page.js("document.fonts.ready.then(() => true)")
        fonts = page.fonts_of(selector)
        return PROJECT_FONT in {f["familyName"] for f in fonts}

    try:
        wait_until(drawn, wait, f"the text of {selector} to be drawn")
    except AssertionError:
        pass  # the caller's assertion shows the fonts that were used
    return fonts


@pytest.mark.parametrize("text, tag, where", [
    ("党旗下的誓言", "h1", "markdown heading"),
    ("群众路线是党的生命线", "p", "markdown paragraph"),
    ("党员先锋岗", "td", "pandas table"),
    ("打印输出", "pre", "printed output"),
])
def test_chinese_text_is_drawn_with_the_project_font(page, text, tag, where):
    selector = mark(page, text, tag, where.replace(" ", "-"))
    fonts = drawn_fonts(page, selector)
    cjk = [f for f in fonts if f["familyName"] == PROJECT_FONT]
    assert cjk and cjk[0]["isCustomFont"], f"{where}: drawn with {fonts}"
    assert cjk[0]["glyphCount"] >= sum(1 for c in text if ord(c) > 0x2E7F)


def test_code_editor_draws_chinese_with_the_project_font(page):
    assert page.js("(() => { const l = [...document.querySelectorAll('.cm-line')].find(e => e.textContent.includes('注释也是中文'));"
                   " if (l) l.setAttribute('data-probe', 'editor'); return !!l; })()")
    fonts = page.fonts_of('[data-probe="editor"] span, [data-probe="editor"]')
    names = {f["familyName"] for f in fonts}
    if PROJECT_FONT not in names:  # the comment is inside a highlighting span
        fonts = page.fonts_of('[data-probe="editor"] .tok-comment, [data-probe="editor"] span:last-child')
        names = {f["familyName"] for f in fonts}
    assert PROJECT_FONT in names, fonts


def test_web_font_is_loaded_and_checkable(page):
    assert page.js("document.fonts.check('16px AnalysisCJK', '党员')") is True
    loaded = page.js("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, ''))")
    assert "AnalysisCJK" in loaded


def test_control_without_the_project_font_is_not_drawn_with_it(page):
    """The machine has no Chinese font of its own: text that does not name ours falls back elsewhere."""
    page.js("(() => { const d = document.createElement('div'); d.setAttribute('data-probe', 'control');"
            " d.style.fontFamily = \"'DejaVu Sans', sans-serif\"; d.textContent = '党员群众';"
            " document.body.appendChild(d); return true; })()")
    fonts = page.fonts_of('[data-probe="control"]')
    assert PROJECT_FONT not in {f["familyName"] for f in fonts}, fonts


def test_table_text_is_left_aligned_and_numbers_right(page):
    mark(page, "党员先锋岗", "td", "align-text")
    mark(page, "25", "td", "align-number")
    align = page.js("[getComputedStyle(document.querySelector('[data-probe=\"align-text\"]')).textAlign,"
                    " getComputedStyle(document.querySelector('[data-probe=\"align-number\"]')).textAlign]")
    assert align == ["left", "right"]


def test_explorer_updates_kwic_when_a_word_is_typed(page):
    before = page.js("document.querySelector('.analysis-explorer-kwic pre').textContent")
    assert "【党员】" in before
    page.js("(() => { const i = document.querySelector('.analysis-explorer-search input'); i.focus(); i.select(); return true; })()")
    page.call("Input.insertText", text="群众")
    page.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13,
              text="\r", unmodifiedText="\r")
    page.call("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter", windowsVirtualKeyCode=13)
    wait_until(lambda: "群众:" in page.js("document.querySelector('.analysis-explorer-status').textContent"),
               60, "the explorer to search the new word")
    after = page.js("document.querySelector('.analysis-explorer-kwic pre').textContent")
    assert "【群众】" in after and "【党员】" not in after
    assert page.js("!!document.querySelector('.analysis-explorer-dispersion img')")
    search = page.js("(() => { const i = document.querySelector('.analysis-explorer-search input');"
                     " return [i.value, getComputedStyle(i).fontFamily]; })()")
    assert search[0] == "群众" and "AnalysisCJK" in search[1]
    fonts = drawn_fonts(page, ".analysis-explorer-kwic pre")
    assert PROJECT_FONT in {f["familyName"] for f in fonts}


def test_screenshot_shows_the_page(page, lab):
    import base64
    import io

    from PIL import Image

    shot = lab["base"] / "page.png"
    shot.write_bytes(base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"]))
    image = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert image.size[0] >= 1000 and len(image.getcolors(maxcolors=1 << 20)) > 50
