"""environment.yml (for conda users) lists the same dependencies and bounds as pyproject.toml; the lock covers them."""

from __future__ import annotations

import re
import sys

import pytest

from analysis import paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")
yaml = pytest.importorskip("yaml")


PROJECT = "wuhai-report-analysis"


def _name(requirement: str) -> str:
    """Distribution name of a requirement, normalised (PEP 503)."""
    name = re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _extras(requirement: str) -> set[str]:
    match = re.search(r"\[([^\]]+)\]", requirement)
    return {_name(e) for e in match.group(1).split(",")} if match else set()


def _bounds(requirement: str) -> str:
    """The version specifier of a requirement, without spaces, extras or markers (``>=0.42.1,<0.43``)."""
    spec = re.sub(r"^[^<>=!~]*", "", requirement.split(";")[0].split("]")[-1])
    return spec.replace(" ", "")


def _pyproject() -> dict:
    return tomllib.loads((paths.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pyproject_requirements() -> dict[str, str]:
    """Name → version bounds of every dependency and every extra (the project's own extras expanded)."""
    project = _pyproject()
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += [r for r in extra if _name(r) != PROJECT]
    out = {}
    for requirement in requirements:
        out[_name(requirement)] = _bounds(requirement)
        for extra in _extras(requirement):  # dask[distributed] → dask + distributed
            out.setdefault(extra, _bounds(requirement))
    return out


def pyproject_dependencies() -> set[str]:
    return set(pyproject_requirements())


def environment_requirements() -> dict[str, str]:
    data = yaml.safe_load((paths.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for entry in data["dependencies"]:
        if isinstance(entry, dict):
            for requirement in entry.get("pip", []):
                if requirement.startswith("-e"):
                    continue
                out[_name(requirement)] = _bounds(requirement)
        else:
            name = _name(entry.split("::")[-1])
            if name not in {"python", "pip"}:
                out[name] = _bounds(entry)
    return out


def environment_dependencies() -> set[str]:
    return set(environment_requirements())


def test_environment_yml_agrees_with_pyproject():
    assert environment_dependencies() == pyproject_dependencies()


def test_environment_yml_installs_the_project_itself():
    text = (paths.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "-e ." in text


def test_environment_yml_has_the_same_bounds():
    ours, theirs = pyproject_requirements(), environment_requirements()
    differ = {name: (ours[name], theirs[name]) for name in ours.keys() & theirs.keys() if ours[name] != theirs[name]}
    assert not differ, f"pyproject.toml vs environment.yml bounds differ: {differ}"


def _lock() -> dict[str, str]:
    pins = {}
    for line in (paths.PROJ_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            pins[_name(name)] = version.split(";")[0].strip()
    return pins


def test_lock_pins_every_dependency_exactly():
    pins = _lock()
    missing = sorted(pyproject_dependencies() - set(pins) - {"tomli"})  # tomli only below Python 3.11
    assert not missing, f"requirements.lock lacks {missing}: refresh it with `make lock`"
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", v) for v in pins.values()), "every lock line is name==version"


def test_imports_of_the_package_are_declared():
    """Every third-party module that analysis/ imports comes from a declared distribution."""
    import ast
    from importlib.metadata import packages_distributions

    provides = packages_distributions()
    declared = pyproject_dependencies()
    undeclared = {}
    for path in (paths.PROJ_ROOT / "analysis").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "analysis":
                    continue
                dists = {_name(d) for d in provides.get(top, [top])}
                if not dists & declared and not (top == "IPython" and "ipykernel" in declared):
                    undeclared.setdefault(top, str(path.relative_to(paths.PROJ_ROOT)))
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"
