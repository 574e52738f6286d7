"""Every public name of gendex has a numpydoc docstring with the sections issue 11 asks for.

A public function or method has Parameters (when it takes arguments), Returns (when it returns
something) and Examples; a public class has Examples; a public property has a docstring. The
Examples themselves run in test_doctests.py. Sections are read with numpydoc's own parser, the
one the documentation site uses.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from numpydoc.docscrape import ClassDoc, FunctionDoc

MODULES = ("gendex", "gendex.micro", "gendex.plot", "gendex.dask", "gendex.office", "gendex.frames")


def _public(module_name: str) -> Iterator[tuple[str, Any]]:
    """(qualified name, object) of each public function, class, method and property of a module."""
    module = importlib.import_module(module_name)
    for name in getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")]):
        obj = getattr(module, name)
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            continue  # errors are documented by the functions that raise them
        if not (inspect.isclass(obj) or inspect.isfunction(obj) or inspect.isbuiltin(obj)):
            continue  # constants and type aliases carry a #: comment, not a docstring
        yield f"{module_name}.{name}", obj
        if inspect.isclass(obj):
            # Its own members and those it inherits from gendex's base classes (not object's or pandas').
            members: dict[str, Any] = {}
            for klass in reversed(obj.__mro__):
                if klass.__module__.startswith("gendex"):
                    members.update(vars(klass))
            for member_name, member in members.items():
                if member_name.startswith("_"):
                    continue
                if isinstance(member, (classmethod, staticmethod)):
                    member = member.__func__
                if isinstance(member, property) or inspect.isfunction(member):
                    yield f"{module_name}.{name}.{member_name}", member


def _missing(obj: Any) -> list[str]:
    """The sections ``obj``'s docstring lacks."""
    if isinstance(obj, property):
        return [] if inspect.getdoc(obj.fget) else ["docstring"]
    if not inspect.getdoc(obj):
        return ["docstring"]
    if inspect.isclass(obj):
        return [] if ClassDoc(obj)["Examples"] else ["Examples"]
    doc = FunctionDoc(obj)
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):  # a built-in without a signature
        signature = None
    missing = []
    if signature is not None:
        takes = [p for p in signature.parameters if p not in ("self", "cls")]
        if takes and not doc["Parameters"] and not doc["Other Parameters"]:
            missing.append("Parameters")
        returns = signature.return_annotation not in (None, "None", inspect.Signature.empty)
        if returns and not doc["Returns"] and not doc["Yields"]:
            missing.append("Returns")
    if not doc["Examples"]:
        missing.append("Examples")
    return missing


def _checked() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for module_name in MODULES:
        for name, obj in _public(module_name):
            found.setdefault(name, obj)
    return found


PUBLIC = _checked()


def test_every_public_name_is_checked() -> None:
    # A guard against the walk finding nothing.
    assert {
        "gendex.compute",
        "gendex.Dataset.filter",
        "gendex.frames.dataset_from_frame",
        "gendex.micro.IndexUncertainty.change",
        "gendex.dask.Design.rows",
        "gendex.micro.ScanDesign.partitions",
    } <= PUBLIC.keys()


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_numpydoc_sections(name: str) -> None:
    assert _missing(PUBLIC[name]) == [], f"{name} lacks: {', '.join(_missing(PUBLIC[name]))}"


def test_frames_exports_only_its_own_names() -> None:
    frames = importlib.import_module("gendex.frames")
    assert not {"Any", "Iterable", "Mapping", "NoReturn", "Union"} & set(frames.__all__)
    functions = [getattr(frames, name) for name in frames.__all__ if inspect.isfunction(getattr(frames, name))]
    assert functions and all(f.__module__ == "gendex.frames" for f in functions)
