"""Execute the project notebooks on a fresh kernel, on any report, and write them as HTML.

``python -m analysis.notebook_runner`` (what ``make report`` runs) executes
every ``notebooks/NN_*.ipynb`` in order, top to bottom, each on a new
kernel, and writes ``<out>/<name>.html``; the notebooks write their figures
and tables under ``<out>/figures`` and ``<out>/tables``.  The notebook files
in ``notebooks/`` are never modified.

Readable without running: ``make rendered`` (``--rendered``) saves every
notebook executed on the bundled report, with its outputs, in
``notebooks/rendered/`` (see :func:`render_notebooks`); the tests fail when
a copy is stale.

Chinese in JupyterLab on a machine without Chinese fonts:
``python -m analysis.notebook_runner --install-lab-font`` (what ``make lab``
runs, into the venv's own configuration) installs the web font; see
:func:`analysis.fonts.install_jupyter_font`.

Running the notebooks on your own report::

    make report REPORT=path/to/report.txt [DICT=my_user_dict.txt]
    python -m analysis.notebook_runner --report path/to/report.txt [--user-dict my_user_dict.txt]

    from analysis.notebook_runner import run_notebooks
    run_notebooks(report="path/to/report.txt", user_dict="my_user_dict.txt")

write to ``reports/<report file name without .txt>/`` (``--out`` to choose);
without a report, the bundled Wuhai report is analysed into ``reports/``.

The parameters cell (papermill's convention, which every numbered notebook
follows):

* one code cell, tagged ``parameters`` (cell metadata
  ``"tags": ["parameters"]``), that assigns the defaults and nothing else::

      REPORT_PATH = None  # a report's .txt file; None = the bundled Wuhai report
      USER_DICT = None    # a jieba user dictionary for that report; None = the default

* the runner (or ``papermill -p REPORT_PATH … -p USER_DICT …``) inserts a
  cell tagged ``injected-parameters`` right after it, assigning the given
  values as absolute path strings; parameters that are not given keep the
  default of the parameters cell;
* the notebook then gets its inputs only through
  :func:`analysis.display.notebook_inputs`::

      report, tokenizer = notebook_inputs(REPORT_PATH, USER_DICT)

  and never searches for a string of one report.  A cell that compares
  with the hand labels of the bundled report is guarded by
  :func:`analysis.display.hand_labelled`, which prints one line saying why
  the comparison is skipped for another report.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import logging
import os
import re
import sys
import time
from pathlib import Path

from . import paths

LOGGER = logging.getLogger(__name__)

__all__ = [
    "PARAMETERS", "RENDERED_DIR", "SHARED_INPUTS", "comparable_outputs", "dev_corpus_leaks", "embed_cjk_font", "execute_notebook",
    "inject_parameters", "output_folder", "relative_paths", "render_notebooks", "run_notebooks",
]

#: The names a parameters cell defines (both default to ``None``).
PARAMETERS = ("REPORT_PATH", "USER_DICT")
#: Environment variable naming the folder in which the notebooks of one run share their inputs.
SHARED_INPUTS = "ANALYSIS_SHARED_INPUTS"


def _fingerprint(files) -> str:
    digest = hashlib.sha256()
    for path in files:
        path = Path(path)
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def inputs_key(report_path: str | Path | None = None, user_dict: str | Path | None = None) -> str:
    """What :func:`shared_inputs` files a notebook's inputs under: a hash of everything they are made from.

    The bytes of the report, of its sidecar dictionary and of the user
    dictionary, and the name, size and modification time of every file of
    the package and of ``data/`` (so an edit of the loader or of a
    dictionary gives a new key).

    >>> inputs_key() == inputs_key(paths.DEFAULT_REPORT) != inputs_key(paths.DATA_DIR / "examples" / "qinghe_flood_relief.txt")
    True
    """
    from .tokenize import sidecar_dictionary

    report = Path(report_path) if report_path is not None else paths.DEFAULT_REPORT
    inputs = [report.resolve(), sidecar_dictionary(report), Path(user_dict).resolve() if user_dict else None]
    code = hashlib.sha256()
    for folder in (Path(__file__).resolve().parent, paths.DATA_DIR):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                code.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return hashlib.sha256((_fingerprint(p for p in inputs if p is not None) + code.hexdigest()).encode()).hexdigest()[:24]


def shared_inputs(report_path, user_dict, build):
    """A notebook's inputs, made once per run of :func:`run_notebooks` and shared by its notebooks.

    Every notebook starts with the same work: load and repair the report,
    find the names in it, build its tokenizer
    (:func:`analysis.display.notebook_inputs`).  When the environment
    variable :data:`SHARED_INPUTS` names a folder (``run_notebooks`` sets
    it to a temporary folder that lives as long as the run), the first
    notebook saves the result there under :func:`inputs_key` and the others
    read it back instead of redoing it.  Without the variable, or when the
    file cannot be read or written, ``build()`` is simply called.

    Args:
        report_path: ``REPORT_PATH`` of the notebook.
        user_dict: ``USER_DICT`` of the notebook.
        build: Makes the inputs (a picklable value).

    Returns:
        What ``build()`` returns (or an identical copy of it).
    """
    import pickle

    folder = os.environ.get(SHARED_INPUTS)
    if not folder or not Path(folder).is_dir():
        return build()
    target = Path(folder) / f"inputs-{inputs_key(report_path, user_dict)}.pickle"
    if target.is_file():
        try:
            return pickle.loads(target.read_bytes())
        except Exception:  # a file another notebook was writing, or of another version: make it again
            pass
    value = build()
    try:
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(target)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
    return value


def inject_parameters(notebook, **values):
    """Return a copy of a notebook with a cell of parameter values after its ``parameters`` cell.

    Args:
        notebook: An ``nbformat`` notebook with one code cell tagged ``parameters``.
        **values: Parameter values (``None`` values are left out, so the
            notebook's defaults apply); paths become absolute strings.

    Returns:
        The new notebook; ``notebook`` is unchanged.

    Raises:
        ValueError: The notebook has no ``parameters`` cell, or a name is not
            one of :data:`PARAMETERS`.

    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> nb = new_notebook(cells=[new_code_cell("REPORT_PATH = None", metadata={"tags": ["parameters"]})])
    >>> out = inject_parameters(nb, REPORT_PATH="/tmp/r.txt")
    >>> out.cells[1].source, out.cells[1].metadata["tags"]
    ("# Parameters\\nREPORT_PATH = '/tmp/r.txt'", ['injected-parameters'])
    """
    from nbformat.v4 import new_code_cell

    unknown = set(values) - set(PARAMETERS)
    if unknown:
        raise ValueError(f"unknown notebook parameters {sorted(unknown)}; the parameters are {', '.join(PARAMETERS)}")
    notebook = copy.deepcopy(notebook)
    positions = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.get("metadata", {}).get("tags", [])]
    if not positions:
        raise ValueError("the notebook has no cell tagged 'parameters' (see analysis.notebook_runner)")
    notebook.cells = [c for c in notebook.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    positions = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.get("metadata", {}).get("tags", [])]
    lines = [f"{name} = {str(Path(value).resolve())!r}" for name, value in values.items() if value is not None]
    if lines:
        cell = new_code_cell("\n".join(["# Parameters", *lines]), metadata={"tags": ["injected-parameters"]})
        cell.pop("id", None)
        notebook.cells.insert(positions[0] + 1, cell)
    return notebook


def execute_notebook(path: str | Path, *, timeout: int = 600, report: str | Path | None = None,
                     user_dict: str | Path | None = None, env: dict[str, str] | None = None, attempts: int = 2):
    """Execute one notebook on a fresh kernel, in its own folder.

    A cell that gets no reply within ``timeout`` is almost always a message
    the Jupyter client lost (the kernel sits idle; the slowest cell of the
    project takes about 20 s), so the notebook is run again from the start on
    a new kernel, up to ``attempts`` times; the notebooks are deterministic,
    so a second run gives the same outputs.  The one known way to lose it is
    an ``ipywidgets.Output`` in a cell: nbclient mirrors it with messages on
    the shell channel while it waits there for the reply
    (jupyter/nbclient#312), which is why :func:`analysis.explorer.explorer`
    uses no Output widget.

    Args:
        path: The ``.ipynb`` file.
        timeout: Seconds allowed per cell.
        attempts: Runs allowed when a cell times out.
        report: The report the notebook analyses (``REPORT_PATH``); ``None``
            keeps the notebook's default, the bundled report.
        user_dict: Its user dictionary (``USER_DICT``).
        env: Environment of the kernel (default: this process's).

    Returns:
        The executed notebook (an ``nbformat`` node); the file is unchanged.

    Raises:
        nbclient.exceptions.CellExecutionError: A cell failed.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError

    path = Path(path)
    for attempt in range(1, max(1, attempts) + 1):
        notebook = nbformat.read(path, as_version=4)
        if report is not None or user_dict is not None:
            notebook = inject_parameters(notebook, REPORT_PATH=report, USER_DICT=user_dict)
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            # the kernel's own start-up notices (e.g. "running over TCP") are not the notebook's output
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        try:
            client.execute(**({"env": env} if env is not None else {}))
        except CellTimeoutError:
            if attempt >= attempts:
                raise
            LOGGER.warning("%s: a cell got no reply in %d s (a lost kernel message); running the notebook again",
                           path.name, timeout)
            continue
        return notebook
    raise AssertionError("unreachable")


# The embedded subset holds only the page's non-ASCII characters, so naming it first
# changes nothing for Latin text, which falls through to the usual fonts.
_FONT_VARIABLES = """
:root {
  --jp-content-font-family: "ReportCJK", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  --jp-ui-font-family: "ReportCJK", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  --jp-code-font-family: "ReportCJK", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
"""


def embed_cjk_font(page: str) -> str:
    """Embed the glyphs a rendered notebook needs from the project's Chinese font.

    A browser on a machine without Chinese fonts draws the Chinese text of
    tables and prose as empty boxes; figures are PNGs and unaffected.  The
    page gets an ``@font-face`` with a subset of the font
    (:func:`analysis.fonts.find_cjk_font`) holding only the non-ASCII
    characters the page uses, named first in the page's font lists (it has
    no Latin glyphs, so Latin text keeps the usual fonts).

    Args:
        page: A complete HTML page (with ``</head>``).

    Returns:
        The page with the font rule added (unchanged if the font cannot be
        subset or the page has no ``</head>``).
    """
    from .fonts import find_cjk_font
    from .html_report import font_face

    characters = {c for c in page if ord(c) > 0x2E7F}
    if not characters or "</head>" not in page:
        return page
    rule = font_face("".join(sorted(characters)), find_cjk_font())
    if not rule:
        return page
    return page.replace("</head>", f"<style>{rule}{_FONT_VARIABLES}</style>\n</head>", 1)


def output_folder(report: str | Path | None = None) -> Path:
    """Where :func:`run_notebooks` writes by default: ``reports/``, or ``reports/<name>/`` for a report.

    >>> output_folder("my/qinghe.txt").relative_to(paths.REPORTS_DIR).as_posix()
    'qinghe'
    """
    if report is None:
        return paths.REPORTS_DIR
    return paths.REPORTS_DIR / Path(report).stem


def run_notebooks(
    folder: str | Path | None = None,
    out: str | Path | None = None,
    *,
    report: str | Path | None = None,
    user_dict: str | Path | None = None,
    only: str | None = None,
    jobs: int | None = 1,
) -> list[tuple[str, float]]:
    """Execute every notebook of a folder on a report and write each as HTML.

    Args:
        folder: Folder of notebooks (default ``notebooks/``).
        out: Output folder (default :func:`output_folder`: ``reports/`` for
            the bundled report, ``reports/<name>/`` for another).
        report: The report's text file (``None``: the bundled Wuhai report).
        user_dict: A jieba user dictionary for it (``None``: the default).
        only: Run only the notebooks whose file name contains this string.
        jobs: Notebooks executed at the same time (each on its own kernel,
            driven by its own worker process); 2 on a 2-core machine takes
            about half the wall time when the cores are free.

    Returns:
        ``(notebook name, seconds)`` for each notebook, in order.

    Raises:
        ReportError: The report or the dictionary cannot be used (checked
            before any notebook starts).
    """
    from .errors import ReportError
    from .loading import load_report

    if report is not None:
        load_report(report)  # a bad file stops here with its one-line message, before any kernel starts
    if user_dict is not None and not Path(user_dict).is_file():
        raise ReportError(f"user dictionary {user_dict} not found: give the path of a jieba dictionary file")
    folder = Path(folder) if folder is not None else paths.PROJ_ROOT / "notebooks"
    out = Path(out) if out is not None else output_folder(report)
    out = out if out.is_absolute() else Path.cwd() / out
    out.mkdir(parents=True, exist_ok=True)
    notebooks = [p for p in sorted(folder.glob("[0-9]*.ipynb")) if only is None or only in p.name]
    jobs = max(1, min(jobs if jobs is not None else 1, len(notebooks) or 1))
    import tempfile

    with tempfile.TemporaryDirectory(prefix="analysis-inputs-") as shared:
        env = {**os.environ, "ANALYSIS_REPORTS_DIR": str(out), SHARED_INPUTS: shared}
        return _run_all(notebooks, out, report, user_dict, env, jobs)


def _run_all(notebooks: list[Path], out: Path, report, user_dict, env: dict, jobs: int) -> list[tuple[str, float]]:
    if jobs == 1:
        timings = []
        for notebook_path in notebooks:
            print(f"executing {notebook_path.name} …", flush=True)
            timings.append(_render_notebook(notebook_path, out, report, user_dict, env))
            print(f"  wrote {out / (notebook_path.stem + '.html')} ({timings[-1][1]:.1f} s)", flush=True)
        return timings
    # several notebooks at once: each already runs in its own kernel; a worker process drives it and writes its HTML
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_render_notebook, p, out, report, user_dict, env): p for p in notebooks}
        print(f"executing {len(notebooks)} notebooks, {jobs} at a time …", flush=True)
        done = {}
        for future in as_completed(futures):
            name, seconds = future.result()
            done[name] = seconds
            print(f"  wrote {out / (futures[future].stem + '.html')} ({seconds:.1f} s)", flush=True)
    return [(p.name, done[p.name]) for p in notebooks]


def _render_notebook(notebook_path: Path, out: Path, report, user_dict, env: dict) -> tuple[str, float]:
    """Execute one notebook and write it as ``out/<name>.html``; ``(name, seconds)``."""
    from nbconvert import HTMLExporter

    started = time.perf_counter()
    notebook = execute_notebook(notebook_path, report=report, user_dict=user_dict, env=env)
    body, _ = HTMLExporter().from_notebook_node(notebook)
    body = embed_cjk_font(body)
    target = out / (notebook_path.stem + ".html")
    partial = target.with_suffix(".html.part")
    partial.write_text(body, encoding="utf-8")
    partial.replace(target)
    return notebook_path.name, time.perf_counter() - started


#: Executed copies of the notebooks, committed so that a reader of the repository sees every output.
RENDERED_DIR = paths.PROJ_ROOT / "notebooks" / "rendered"
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
_DEV_CORPUS = paths.PROJ_ROOT.parent / "shared" / "dev-corpus"
_LEAK_WINDOW = 24


def comparable_outputs(notebook) -> list[list[str]]:
    """The text of each code cell's outputs, for checking that a rendered copy is current.

    Stream text, ``text/plain`` results and errors, with memory addresses
    removed; images and HTML are left out (their bytes depend on the
    machine's libraries, the numbers do not).

    Returns:
        One list of strings per code cell, in order.
    """
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                texts.append(output.get("text", ""))
            elif kind in ("execute_result", "display_data") and "text/plain" in output.get("data", {}):
                text = output["data"]["text/plain"]
                texts.append(text if isinstance(text, str) else "".join(text))
            elif kind == "error":
                texts.append(f"{output.get('ename')}: {output.get('evalue')}")
        cells.append([_ADDRESS.sub("", text) for text in texts])
    return cells


def relative_paths(notebook, out: Path):
    """Write the output folder as ``reports`` and the checkout as ``.`` in every text output."""
    def fix(text: str) -> str:
        return text.replace(str(out), "reports").replace(str(paths.PROJ_ROOT), ".")

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = fix(output["text"])
            for key, value in output.get("data", {}).items():
                if key.startswith("text/") and isinstance(value, str):
                    output["data"][key] = fix(value)
    return notebook


def dev_corpus_leaks(notebook, corpus: str | Path | None = None) -> list[str]:
    """Passages of the development corpus found in a notebook's outputs (its text must never be committed).

    Args:
        notebook: An executed notebook.
        corpus: The development corpus folder (default ``../shared/dev-corpus``
            beside the checkout); when it is absent nothing can be checked and
            the result is empty.

    Returns:
        Up to five passages of ``_LEAK_WINDOW`` characters, each found in both.
    """
    folder = Path(corpus) if corpus is not None else _DEV_CORPUS
    if not folder.is_dir():
        return []
    windows = set()
    for path in sorted(folder.rglob("*.txt")):
        text = "".join(path.read_text(encoding="utf-8", errors="replace").split())
        windows.update(text[i:i + _LEAK_WINDOW] for i in range(max(0, len(text) - _LEAK_WINDOW + 1)))
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + [v for v in output.get("data", {}).values() if isinstance(v, str)]
            for text in texts:
                text = "".join(text.split())
                for i in range(max(0, len(text) - _LEAK_WINDOW + 1)):
                    if text[i:i + _LEAK_WINDOW] in windows:
                        found.append(text[i:i + _LEAK_WINDOW])
                        break
                if len(found) >= 5:
                    return found
    return found


def render_notebooks(folder: str | Path | None = None, target: str | Path | None = None, *,
                     only: str | None = None) -> list[Path]:
    """Execute every notebook on the bundled report and save it with its outputs (``make rendered``).

    The copies in ``notebooks/rendered/`` are what a reader of the
    repository sees without running anything; ``tests/test_notebooks.py``
    fails when one is stale (its cells differ from the notebook's, or the
    notebook's text outputs differ when executed).  Figures and tables go
    to a temporary folder; paths in the outputs are written relative.

    Args:
        folder: Folder of notebooks (default ``notebooks/``).
        target: Where to write (default :data:`RENDERED_DIR`).
        only: Only the notebooks whose file name contains this string.

    Returns:
        The files written.

    Raises:
        RuntimeError: An output contains text of the development corpus
            (nothing is written for that notebook).
    """
    import tempfile

    import nbformat

    folder = Path(folder) if folder is not None else paths.PROJ_ROOT / "notebooks"
    target = Path(target) if target is not None else RENDERED_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="analysis-rendered-") as scratch:
        out = Path(scratch).resolve()
        (out / "shared-inputs").mkdir()
        env = {**os.environ, "ANALYSIS_REPORTS_DIR": str(out), SHARED_INPUTS: str(out / "shared-inputs")}
        for notebook_path in sorted(folder.glob("[0-9]*.ipynb")):
            if only is not None and only not in notebook_path.name:
                continue
            print(f"rendering {notebook_path.name} …", flush=True)
            notebook = relative_paths(execute_notebook(notebook_path, env=env), out)
            leaks = dev_corpus_leaks(notebook)
            if leaks:
                raise RuntimeError(f"{notebook_path.name}: outputs contain development-corpus text "
                                   f"({leaks[0]!r} …); it must not be committed")
            destination = target / notebook_path.name
            partial = destination.with_name(destination.name + ".part")
            nbformat.write(notebook, partial)
            partial.replace(destination)
            written.append(destination)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Execute the notebooks on a report and write them as HTML (see the module docstring).",
        epilog="example: python -m analysis.notebook_runner --report my_report.txt --user-dict my_dict.txt",
    )
    parser.add_argument("--report", default=None, help="the report's text file (default: the bundled Wuhai report)")
    parser.add_argument("--user-dict", default=None, help="a jieba user dictionary for that report")
    parser.add_argument("--notebooks", default=None, help="folder of notebooks (default: notebooks/)")
    parser.add_argument("--out", default=None, help="output folder (default: reports/, or reports/<name>/ with --report)")
    parser.add_argument("--only", default=None, help="run only the notebooks whose name contains this")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks executed at once (default 1; 2 on 2 free cores)")
    parser.add_argument("--install-lab-font", action="store_true",
                        help="instead: install the Chinese web font into the Jupyter configuration folder "
                             "($JUPYTER_CONFIG_DIR or ~/.jupyter; --config-dir to choose) and stop")
    parser.add_argument("--config-dir", default=None, help="the Jupyter configuration folder for --install-lab-font")
    parser.add_argument("--rendered", action="store_true",
                        help="instead: execute the notebooks on the bundled report and save them with their outputs "
                             "in notebooks/rendered/ (what `make rendered` runs)")
    args = parser.parse_args(argv)
    from .errors import ReportError

    if args.rendered:
        for path in render_notebooks(args.notebooks, args.out, only=args.only):
            print(f"  wrote {path}")
        return 0

    if args.install_lab_font:
        from .fonts import install_jupyter_font

        try:
            css = install_jupyter_font(args.config_dir)
        except ReportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"Chinese font for JupyterLab installed: {css} (start jupyter lab with JUPYTER_CONFIG_DIR={css.parent.parent})")
        return 0

    started = time.perf_counter()
    try:
        timings = run_notebooks(args.notebooks, args.out, report=args.report or None,
                                user_dict=args.user_dict or None, only=args.only, jobs=args.jobs)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(timings)} notebooks executed in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
