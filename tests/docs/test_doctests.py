"""The Examples of gendex's docstrings and the Python quickstart, run as doctests (make test-docs).

``pytest --doctest-modules`` misses most of them: classes defined in a private module carry
``__module__ = "gendex"`` (``_common.public_module``), so doctest's finder skips them in the module
that defines them, and skips their methods in ``gendex/__init__.py``. Here every module of the
installed package is walked and each function and class is searched where its source lies, with
``module=False`` so that nothing is filtered by ``__module__``.

The examples read the bundled data by paths relative to the repository's root, where they run.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import gendex

REPO = Path(__file__).resolve().parents[2]
QUICKSTART = REPO / "docs" / "quickstart-python.md"
FLAGS = doctest.ELLIPSIS


def _modules() -> list[ModuleType]:
    names = [gendex.__name__] + [
        m.name for m in pkgutil.walk_packages(gendex.__path__, prefix="gendex.") if m.name != "gendex.cli.__main__"
    ]
    return [importlib.import_module(name) for name in sorted(names)]


def _defined_in(obj: object, module: ModuleType) -> bool:
    try:
        return inspect.getsourcefile(obj) == module.__file__
    except TypeError:  # built-in (the pybind11 extension)
        return False


def _docstring_tests() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    found: dict[str, doctest.DocTest] = {}
    for module in _modules():
        globs = vars(module).copy()
        candidates: list[tuple[str, object]] = [(module.__name__, module)] if module.__doc__ else []
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) or inspect.isfunction(obj)) and _defined_in(obj, module):
                candidates.append((f"{module.__name__}.{name}", obj))
        for name, obj in candidates:
            # module=False: search everything inside obj, whatever its __module__ says.
            for test in finder.find(obj, name, module=False if obj is not module else None, globs=globs):
                if test.examples and test.docstring:
                    # An object reached twice (from its module and from gendex) is one test.
                    found.setdefault(test.docstring, test)
    return sorted(found.values(), key=lambda t: t.name)


def _quickstart_test() -> doctest.DocTest:
    text = QUICKSTART.read_text(encoding="utf-8")
    return doctest.DocTestParser().get_doctest(text, {}, QUICKSTART.name, str(QUICKSTART), 0)


TESTS = [*_docstring_tests(), _quickstart_test()]


def test_docstrings_have_examples() -> None:
    # A guard against the walk above silently finding nothing.
    names = {t.name for t in TESTS}
    assert {"gendex._io.read_hdr", "gendex.Dataset.from_frame", QUICKSTART.name} <= names, sorted(names)


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_example(test: doctest.DocTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    out: list[str] = []
    result = runner.run(test, out=out.append, clear_globs=True)
    assert result.failed == 0, "".join(out)
