"""Wrong argument types at the boundary to the C++ core.

pybind11 answers an argument it cannot convert (a string for a number, ``-5`` for a count, a path
with a NUL character) with a ``TypeError`` listing every overload's full signature. Every function
and method of ``gendex._core`` is wrapped once, here, so that this becomes an
:class:`ArgumentTypeError` naming the public function, the argument and what it takes.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any, Callable, Optional

import numpy as np

from . import _core
from ._core import GendexError


class ArgumentTypeError(GendexError, TypeError):
    """An argument has the wrong type, or a value its type cannot hold (a negative count, a path
    with a NUL character). Also a TypeError; ``key`` is the argument's name."""


#: pybind11's message: "name(): incompatible function arguments. ... 1. (a: int, ...) -> T".
_INCOMPATIBLE = re.compile(r"^[\w.]+\(\): incompatible (function|constructor) arguments")
_FIRST_SIGNATURE = re.compile(r"^\s*1\. (?:[\w.]+)?\((.*)\)(?: -> .*)?$", re.MULTILINE)
_PACKAGE = str(Path(__file__).resolve().parent)


def _split(parameters: str, separator: str = ",") -> list[str]:
    """Parameters of a signature (or alternatives of a ``|`` union), split outside brackets and quotes."""
    out, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(parameters):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[({<":
            depth += 1
        elif ch in "])}>":
            depth -= 1
        elif ch == separator and depth == 0:
            out.append(parameters[start:i].strip())
            start = i + 1
    out.append(parameters[start:].strip())
    return [p for p in out if p]


def _parameters(message: str) -> list[tuple[str, str]]:
    """(name, type) of each parameter of the first overload in pybind11's message."""
    found = _FIRST_SIGNATURE.search(message)
    if found is None:
        return []
    out = []
    for p in _split(found.group(1)):
        name, _, rest = p.partition(":")
        if name.strip() in ("*", "/", "") or not rest:
            continue
        out.append((name.strip(), rest.split("=", 1)[0].strip()))
    return out


def _kinds(annotation: str) -> set[str]:
    """What the alternatives of a type annotation accept: int, float, bool, str, bytes, path, list, dict,
    none or a gendex._core class name (pybind11 writes ``int`` as ``typing.SupportsInt | typing.SupportsIndex``)."""
    kinds: set[str] = set()
    for part in _split(annotation.replace("typing.", ""), "|"):
        base = part.split("[", 1)[0].strip()
        if base == "Optional":
            kinds |= {"none"} | _kinds(part[len("Optional[") : -1])
        elif base == "Union":
            kinds |= _kinds(" | ".join(_split(part[len("Union[") : -1])))
        elif base in ("int", "SupportsInt", "SupportsIndex"):
            kinds.add("int")
        elif base in ("float", "SupportsFloat"):
            kinds.add("float")
        elif "PathLike" in base:
            kinds.add("path")
        elif base in ("list", "tuple", "Sequence", "collections.abc.Sequence", "Iterable"):
            kinds.add("list")
        elif base in ("dict", "Mapping", "collections.abc.Mapping"):
            kinds.add("dict")
        elif base == "None":
            kinds.add("none")
        elif base in ("bool", "str", "bytes") or base.startswith("gendex._core."):
            kinds.add(base)
        else:
            kinds.add("other")  # arrays and the like: no judgement
    return kinds


def _expected(value: Any, annotation: str, large: bool = False) -> Optional[str]:
    """What an argument of type ``annotation`` must be when ``value`` is not it; None when it may be.
    ``large``: also call an integer of 2**31 or more out of range."""
    kinds = _kinds(annotation)
    if "other" in kinds or (value is None and "none" in kinds):
        return None
    if "path" in kinds:
        if not isinstance(value, (str, bytes, os.PathLike)):
            return "a path (str or os.PathLike)"
        return "a path without NUL characters" if "\0" in str(os.fspath(value)) else None
    if kinds & {"int", "float"}:
        if isinstance(value, (bool, np.bool_)) and "bool" not in kinds:
            return "a number"
        if "float" not in kinds:
            if not isinstance(value, (int, np.integer)):
                return "an integer"
            # pybind11 turns down an integer only when its C++ type cannot hold it: a negative one for
            # an unsigned type, a large one (looked at only when nothing else is wrong) for a narrow one.
            if value < 0:
                return "a non-negative integer"
            return "a smaller integer (it is out of range here)" if large and value >= 2**31 else None
        return None if isinstance(value, (int, float, np.integer, np.floating)) else "a number"
    checks: list[tuple[str, tuple[type, ...], str]] = [
        ("bool", (bool, np.bool_), "True or False"),
        ("str", (str,), "a string"),
        ("bytes", (bytes, bytearray, memoryview), "bytes"),
        ("dict", (Mapping,), "a mapping (dict)"),
    ]
    for kind, types, text in checks:
        if kind in kinds:
            return None if isinstance(value, types) else text
    if "list" in kinds:
        return "a list" if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__") else None
    for kind in kinds:
        if kind.startswith("gendex._core."):
            cls = getattr(_core, kind.rsplit(".", 1)[1], None)
            if isinstance(cls, type) and not isinstance(value, cls):
                return f"a {cls.__name__}"
    return None


def _shown(value: Any) -> str:
    text = repr(value)
    return f"{text[:60]}... ({type(value).__name__})" if len(text) > 60 else f"{text} ({type(value).__name__})"


def _public_caller() -> str:
    """The function of gendex the user called: the outermost frame inside the package."""
    frame: Optional[FrameType] = sys._getframe(2)
    name = ""
    while frame is not None:
        if frame.f_code.co_filename.startswith(_PACKAGE):
            name = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
        frame = frame.f_back
    return name


def argument_error(function: str, message: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> ArgumentTypeError:
    """The ArgumentTypeError for pybind11's TypeError ``message`` from a call of ``function``."""
    parameters = _parameters(message)
    given = dict(zip((n for n, _ in parameters), args))
    given.update(kwargs)
    caller = _public_caller() or function
    for large, (name, annotation) in ((large, p) for large in (False, True) for p in parameters):
        if name in given and name != "self":
            expected = _expected(given[name], annotation, large)
            if expected is not None:
                error = ArgumentTypeError(
                    f"{caller}(): argument '{name}' must be {expected}, got {_shown(given[name])}"
                )
                error.key, error.reason = name, f"must be {expected}"
                return error
    signature = _FIRST_SIGNATURE.search(message)
    takes = f" (it takes {signature.group(1)})" if signature else ""
    return ArgumentTypeError(f"{caller}(): the arguments do not have the types it takes{takes}")


def _translated(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TypeError as e:
            if type(e) is not TypeError or not _INCOMPATIBLE.match(str(e)):
                raise
            raise argument_error(name, str(e), args, kwargs) from None

    return call


def install(core: ModuleType) -> None:
    """Wrap every function of ``core``, and every method (and constructor) of its classes, once."""
    if getattr(core, "_arguments_translated", False):
        return
    for name, obj in list(vars(core).items()):
        if isinstance(obj, type) and not issubclass(obj, BaseException):
            for attr, member in list(vars(obj).items()):
                if attr.startswith("__") and attr != "__init__":
                    continue
                if isinstance(member, staticmethod):
                    setattr(obj, attr, staticmethod(_translated(member.__func__, f"{name}.{attr}")))
                elif type(member).__name__ == "instancemethod":
                    setattr(obj, attr, _translated(getattr(obj, attr), f"{name}.{attr}"))
                elif attr == "__init__" and callable(member):
                    setattr(obj, attr, _translated(member, f"{name}"))
        elif type(obj).__name__ == "builtin_function_or_method":
            setattr(core, name, _translated(obj, name))
    core._arguments_translated = True  # type: ignore[attr-defined]


install(_core)  # on the package's import: every call into the core goes through the wrapper
