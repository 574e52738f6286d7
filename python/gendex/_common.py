"""Helpers shared by the facade modules: path arguments and one-or-many selections."""

from __future__ import annotations

import os
from typing import Any, Union

import numpy as np

#: A file path argument: text or any ``os.PathLike``.
PathLike = Union[str, "os.PathLike[str]"]


def as_list(selection: Any) -> list[Any]:
    """A selection as a list: one string or number is a list of one."""
    if isinstance(selection, (str, bytes, int, np.integer)):
        return [selection]
    return list(selection)
