"""The type stubs match the compiled module; every public name has a docstring."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import gendex
from gendex import _core

STUB = Path(gendex.__file__).with_name("_core.pyi")


def stub_names() -> dict[str, set[str]]:
    """Top-level names of the stub, and for each class the names of its members."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        elif isinstance(node, ast.FunctionDef):
            out[node.name] = set()
    return out


def module_names() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name, obj in vars(_core).items():
        if name.startswith("__"):
            continue
        if inspect.isclass(obj):
            if issubclass(obj, BaseException):
                out[name] = set()
            else:
                out[name] = {
                    m
                    for m in vars(obj)
                    if not m.startswith("_")
                    or m in ("__init__", "__len__", "__eq__", "__ne__", "__contains__", "__getstate__", "__setstate__")
                }
        elif callable(obj):
            out[name] = set()
    return out


def test_stub_matches_module():
    stub, module = stub_names(), module_names()
    assert set(stub) == set(module)
    for name, members in module.items():
        assert stub[name] == members, name


def test_package_ships_type_information():
    package = Path(gendex.__file__).parent
    assert (package / "py.typed").exists() and STUB.exists()


def test_every_public_name_has_a_docstring():
    import gendex.plot

    for module in (gendex, gendex.plot):
        for name in module.__all__:
            obj = getattr(module, name)
            assert inspect.getdoc(obj), name
            if inspect.isclass(obj) and not issubclass(obj, (BaseException, tuple)):
                for member, value in vars(obj).items():
                    if not member.startswith("_") and callable(getattr(value, "__func__", value)):
                        assert inspect.getdoc(value), f"{name}.{member}"
