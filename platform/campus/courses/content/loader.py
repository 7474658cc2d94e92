"""Load every module folder under a root into a `Catalogue`; a module with any problem is disabled.

A broken module must never take the others down, so problems are collected, never raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .editions import parse_edition, read_toml
from .manifest import Edition, Module
from .render import render_problem
from .validate import EMAIL, MODULE_ID, N_, Fields, Problem, by_file, is_edition_id, is_ignored, problem


@dataclass(frozen=True)
class Catalogue:
    """A snapshot of the modules root: working modules by id and broken ones with their problems."""

    root: Path
    modules: Mapping[str, Module]
    broken: Mapping[str, list[Problem]]

    def get(self, module_id: str) -> Module | None:
        """The working module with this id, or None (also None when it is broken)."""
        return self.modules.get(module_id)

    def problems(self) -> list[Problem]:
        """Every problem of every broken module, grouped by file."""
        return by_file(p for problems in self.broken.values() for p in problems)


def module_ids(root: Path) -> list[str]:
    """Names of the folders under `root` that hold a module.toml (valid names or not)."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if not is_ignored(p.name) and (p / "module.toml").is_file())


def load_catalogue(root: Path) -> Catalogue:
    """Parse and validate every module under `root`."""
    modules: dict[str, Module] = {}
    broken: dict[str, list[Problem]] = {}
    for module_id in module_ids(root):
        try:
            module, problems = load_module(root, module_id)
        except Exception as exc:  # a bug on strange content must still leave the other modules working
            module, problems = (
                None,
                [
                    problem(
                        module_id,
                        "",
                        N_("cannot be loaded: %(error)s"),
                        error=f"{exc.__class__.__name__}: {exc}",
                    )
                ],
            )
        if module is None:
            broken[module_id] = problems
        else:
            modules[module_id] = module
    return Catalogue(root, MappingProxyType(modules), MappingProxyType(broken))


def render_problems(module: Module) -> list[Problem]:
    """The lessons of `module` that do not render within the time limit (see `render`)."""
    found = (
        render_problem(lesson, f"{module.id}/{edition.id}/{lesson.path.name}")
        for edition in module.editions.values()
        for lesson in edition.lessons
    )
    return [problem for problem in found if problem is not None]


def check(root: Path, module_id: str | None = None) -> list[Problem]:
    """Every problem of one module (or of all modules), for `flask modules check`; lessons are also
    rendered, as a save would, so one that takes too long is reported."""
    if module_id is not None and not (root / module_id / "module.toml").is_file():
        return [Problem(f"{module_id}/module.toml", "", "no module with this id (module.toml not found)")]
    catalogue = load_catalogue(root)
    chosen = [m for m in catalogue.modules.values() if module_id in (None, m.id)]
    broken = [p for m, problems in catalogue.broken.items() if module_id in (None, m) for p in problems]
    return by_file([*broken, *(p for m in chosen for p in render_problems(m))])


def _lang_table(f: Fields, key: str, lists: bool) -> dict[str, Any] | None:
    table = f.table(key)
    if table is None:
        return None
    read = table.strings if lists else table.string
    values = {lang: read(lang, required=lang == "de") for lang in ("de", "en")}
    table.unknown()
    return {lang: v for lang, v in values.items() if v is not None}


def load_module(root: Path, module_id: str) -> tuple[Module | None, list[Problem]]:
    """Parse `root/module_id`; returns (module, []) or (None, problems)."""
    folder, rel = root / module_id, f"{module_id}/module.toml"
    problems: list[Problem] = []
    if not MODULE_ID.match(module_id):
        problems.append(Problem(module_id, "", "module folder name: use lower-case letters, digits, -"))
    editions = _editions(folder, module_id, problems)
    data = read_toml(folder / "module.toml", rel, problems)
    if data is None:
        return None, problems
    f = Fields(data, rel, "", problems)
    current = f.string("current_edition")
    ects, semester = f.integer("ects", 1, 30), f.integer("semester", 1, 4)
    lecturers = f.strings("lecturers")
    for number, email in enumerate(lecturers or (), start=1):
        if not EMAIL.match(email.strip()):
            f.problem(f"lecturers[{number}]", f'"{email}" is not an e-mail address')
    title, summary = _lang_table(f, "title", False), _lang_table(f, "summary", False)
    outcomes = _lang_table(f, "learning_outcomes", True)
    f.unknown()
    if current is not None and not (is_edition_id(current) and (folder / current).is_dir()):
        f.problem("current_edition", f'edition folder "{current}" does not exist')
    if problems:
        return None, problems
    assert current and ects and semester and lecturers and title and summary and outcomes
    module = Module(
        module_id, folder, MappingProxyType(title), MappingProxyType(summary),
        MappingProxyType(outcomes), ects, semester, tuple(e.strip() for e in lecturers),
        current, MappingProxyType(editions),
    )  # fmt: skip
    return module, []


def _editions(folder: Path, module_id: str, problems: list[Problem]) -> dict[str, Edition]:
    editions: dict[str, Edition] = {}
    for path in sorted(folder.iterdir()):
        if is_ignored(path.name) or not path.is_dir():
            continue
        rel = f"{module_id}/{path.name}"
        if not is_edition_id(path.name):
            problems.append(
                Problem(rel, "", "edition folder name: use YYYY-YY with consecutive years, e.g. 2025-26")
            )
            continue
        edition, found = parse_edition(path, rel, path.name)
        problems.extend(found)
        if edition is not None:
            editions[path.name] = edition
    return editions
