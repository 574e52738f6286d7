"""Helpers shared by the facade modules: path arguments, one-or-many selections, writing outputs."""

from __future__ import annotations

import html
import inspect
import io
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, Union

import numpy as np

from ._core import UnknownKeyError

_Class = TypeVar("_Class", bound=type)

#: A file path argument: text or any ``os.PathLike``.
PathLike = Union[str, "os.PathLike[str]"]


def as_list(selection: Any) -> list[Any]:
    """A selection as a list: one string or number is a list of one."""
    if isinstance(selection, (str, bytes, int, np.integer)):
        return [selection]
    return list(selection)


#: The languages of reports, forms and summaries: Indonesian and English.
LANGUAGES = ("id", "en")


def check_language(lang: str) -> str:
    """``lang`` when it is one of :data:`LANGUAGES`; :class:`gendex.UnknownKeyError` naming it otherwise (the
    core's message: labels.hpp's parse_language)."""
    if lang not in LANGUAGES:
        raise UnknownKeyError(f"unknown language {str(lang)!r} (use en or id)")
    return lang


def facts_html(title: str, facts: Sequence[tuple[str, str]]) -> str:
    """A notebook display of an object: its title in bold above a two-column table of facts."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in facts
    )
    return f"<p><b>{html.escape(title)}</b></p><table>{rows}</table>"


def insert_sections(docstring: str, sections: str) -> str:
    """``docstring`` (cleaned) with numpydoc ``sections`` (text) put before its Examples, or at its end."""
    text = inspect.cleandoc(docstring)
    head, examples = text.split("\nExamples\n", 1) if "\nExamples\n" in text else (text, "")
    return f"{head.rstrip()}\n\n{sections.rstrip()}\n" + (f"\nExamples\n{examples}" if examples else "")


def public_module(module: str) -> Callable[[_Class], _Class]:
    """Class decorator: ``module``, the path users import the class from, becomes its ``__module__``.

    Pickles store classes by module path, so they keep naming ``gendex.Dataset``
    (and documentation shows it) whichever private module defines the class.
    """

    def decorate(cls: _Class) -> _Class:
        cls.__module__ = module
        return cls

    return decorate


def write_files(outputs: Sequence[tuple[PathLike, Union[str, bytes]]]) -> None:
    """Write every output as the core's ``io::write_files`` does, all or none: each regular file is written
    beside its target and flushed before any is moved into place (its mode kept; a link's target
    replaced); a device, FIFO or "-" (standard output) is written in place, never replaced. Text is UTF-8.
    """
    from . import _core

    _core.write_files([(os.fspath(p), d.encode("utf-8") if isinstance(d, str) else d) for p, d in outputs])


def workbook_bytes(book: Any) -> bytes:
    """An openpyxl workbook as the bytes of its .xlsx file, for :func:`write_files`."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
