"""The course-module engine: plain Python on a folder, free of Flask, SQLAlchemy and the rest of Campus.

Usable and testable on its own (CLI, notebooks, batch runs); the import-linter contract in
pyproject.toml keeps it that way.
  manifest.py   the frozen shapes: Module, Edition, Lesson, Session, Reading, AssignmentSpec, DefenceSpec
  validate.py   field checks and `Problem`, the finding every parser reports instead of raising
  bounds.py     size, nesting and key-length bounds on a manifest, checked before it is parsed
  editions.py   parse one edition folder (edition.toml, briefs);  lessons.py  its lesson files
  defence.py    the [assignments.defence] window of an assignment
  loader.py     every module under a root as a `Catalogue`; `check` lists the problems
  salvage.py    a broken module as far as it parses, for its repair in the browser
  cache.py      `CatalogueCache`: a per-process catalogue that notices changes (marker, fingerprint)
  render.py     lesson Markdown to sanitised HTML, time-limited in a child (render_process.py), cached
  markup.py     the conversion itself (run by render_child.py), the allow-list, the image filter
  plaintext.py  a lesson's words for the search index, without rendering
  assets.py     find and store files in an edition's assets/ folder, their types and headers
  checks.py     validate a lesson's or edition.toml's new text before it is written; slugify
  files.py      safe writes: compare-and-swap saves, lesson create, rename, reorder, delete
  tomledit.py   small verifiable edits of TOML text (dates, labels, lesson links)
  settings.py   write the settings form's values into edition.toml (tomlkit: comments are kept)
  references.py which assets/ files a lesson uses, which are missing
  rollover.py   next year's edition from the current one (and its preview), publishing an edition
  diff.py       what changed between two editions, down to the words
  archive.py    export a module as zip, import one after checking all of it
  errors.py     the exceptions (`CoursesError` and its kinds)
"""

from __future__ import annotations

from .cache import CatalogueCache
from .loader import Catalogue, check, load_catalogue, load_module
from .validate import Problem

__all__ = ["Catalogue", "CatalogueCache", "Problem", "check", "load_catalogue", "load_module"]
