"""environment.yml (for conda users) lists the same dependencies as pyproject.toml."""

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


def _name(requirement: str) -> str:
    """Distribution name of a requirement, normalised (PEP 503)."""
    name = re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _extras(requirement: str) -> set[str]:
    match = re.search(r"\[([^\]]+)\]", requirement)
    return {_name(e) for e in match.group(1).split(",")} if match else set()


def pyproject_dependencies() -> set[str]:
    data = tomllib.loads((paths.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    names = set()
    for requirement in requirements:
        names.add(_name(requirement))
        names |= _extras(requirement)  # dask[distributed] → dask + distributed
    return names


def environment_dependencies() -> set[str]:
    data = yaml.safe_load((paths.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8"))
    names = set()
    for entry in data["dependencies"]:
        if isinstance(entry, dict):
            for requirement in entry.get("pip", []):
                if requirement.startswith("-e"):
                    continue
                names.add(_name(requirement))
                names |= _extras(requirement)
        else:
            name = _name(entry.split("::")[-1])
            if name not in {"python", "pip"}:
                names.add(name)
    return names


def test_environment_yml_agrees_with_pyproject():
    assert environment_dependencies() == pyproject_dependencies()


def test_environment_yml_installs_the_project_itself():
    text = (paths.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "-e ." in text
