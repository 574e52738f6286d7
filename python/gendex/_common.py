"""Helpers shared by the facade modules: path arguments and one-or-many selections."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar, Union

import numpy as np

_Class = TypeVar("_Class", bound=type)

#: A file path argument: text or any ``os.PathLike``.
PathLike = Union[str, "os.PathLike[str]"]


def as_list(selection: Any) -> list[Any]:
    """A selection as a list: one string or number is a list of one."""
    if isinstance(selection, (str, bytes, int, np.integer)):
        return [selection]
    return list(selection)


def public_module(module: str) -> Callable[[_Class], _Class]:
    """Class decorator: ``module``, the path users import the class from, becomes its ``__module__``.

    Pickles store classes by module path, so they keep naming ``gendex.Dataset``
    (and documentation shows it) whichever private module defines the class.
    """

    def decorate(cls: _Class) -> _Class:
        cls.__module__ = module
        return cls

    return decorate
