"""Areas offices name in their rows, matched to a region hierarchy by name or alias.

``areas`` is a :class:`gendex.RegionHierarchy` (e.g. ``read_indonesia_regions``),
a region CSV path or DataFrame (``code,name,parent,level``), or a list of
these: later parts add lower levels (kecamatan, desa) under a kabupaten of
an earlier one. Names match ignoring case, spaces and punctuation, with or
without a prefix such as "Kab.", "Kabupaten", "Kota", "Kecamatan", "Desa".
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Optional, Union

import pandas as pd

from gendex import RegionHierarchy

from .cells import PathLike
from .vocabulary import AREA_PREFIXES, normalise

AreaPart = Union[RegionHierarchy, PathLike, pd.DataFrame]
Areas = Union[None, AreaPart, Sequence[AreaPart]]


def _without_prefix(name: str) -> str:
    """The name without a leading area-kind word ("Kab. Kapuas" -> "Kapuas"), normalised.

    Examples
    --------
    >>> _without_prefix("Kab. Kapuas"), _without_prefix("Kotawaringin Barat")
    ('kapuas', 'kotawaringinbarat')
    """
    words = name.split()
    if len(words) > 1 and normalise(words[0]) in AREA_PREFIXES:
        return normalise(" ".join(words[1:]))
    return normalise(name)


def _part_frame(part: AreaPart) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    if isinstance(part, RegionHierarchy):
        return part.to_frame(), list(part.aliases)
    if isinstance(part, pd.DataFrame):
        return part.astype(str), []
    return pd.read_csv(part, dtype=str, keep_default_na=False, encoding="utf-8-sig"), []


def _parts(areas: Areas) -> list[AreaPart]:
    if areas is None:
        return []
    if isinstance(areas, (RegionHierarchy, pd.DataFrame, str, os.PathLike)):
        return [areas]
    return list(areas)


class AreaIndex:
    """Region codes by normalised name and alias, with parents and children.

    Examples
    --------
    >>> index = AreaIndex.build(pd.DataFrame({"code": ["62", "6203", "620301"],
    ...     "name": ["KALIMANTAN TENGAH", "KAPUAS", "Selat"], "parent": ["", "62", "6203"],
    ...     "level": ["provinsi", "kabkota", "kecamatan"]}))
    >>> index.candidates("Kabupaten Kapuas"), index.candidates("KEC. SELAT"), index.children("6203")
    (['6203'], ['620301'], ['620301'])
    """

    def __init__(self, regions: pd.DataFrame, aliases: list[tuple[str, str]]) -> None:
        self.hierarchy = self._validated(regions) if len(regions) else None
        self._name = dict(zip(regions["code"], regions["name"]))
        self._parent = {code: parent for code, parent in zip(regions["code"], regions["parent"]) if parent}
        self._children: dict[str, list[str]] = {}
        for code, parent in self._parent.items():
            self._children.setdefault(parent, []).append(code)
        self._codes: dict[str, list[str]] = {}
        for name, code in [*zip(regions["name"], regions["code"]), *aliases]:
            for key in {normalise(name), _without_prefix(name)}:
                if code not in self._codes.setdefault(key, []):
                    self._codes[key].append(code)

    @staticmethod
    def _validated(regions: pd.DataFrame) -> RegionHierarchy:
        """The regions as a hierarchy (duplicate codes and cycles raise); a parent not listed counts as a root,
        so a kecamatan table under "6203" is usable on its own."""
        known = set(regions["code"])
        roots = regions["parent"].where(regions["parent"].isin(known), "")
        return RegionHierarchy(regions[["code", "name", "level"]].assign(parent=roots))

    @classmethod
    def build(cls, areas: Areas) -> AreaIndex:
        """The index of one or several hierarchies and region tables (None: an empty index).

        Raises
        ------
        gendex.InputError
            When a region table is malformed (a code listed twice with different names, a cycle).
        """
        frames, aliases = [], []
        for part in _parts(areas):
            frame, part_aliases = _part_frame(part)
            frames.append(frame.fillna(""))
            aliases += part_aliases
        if not frames:
            return cls(pd.DataFrame({"code": [], "name": [], "parent": [], "level": []}, dtype=str), [])
        merged = pd.concat(frames, ignore_index=True).drop_duplicates()
        return cls(merged, aliases)

    def __bool__(self) -> bool:
        return bool(self._name)

    def candidates(self, label: str) -> list[str]:
        """Codes whose name or alias is ``label``, with or without an area prefix."""
        return list(self._codes.get(normalise(label)) or self._codes.get(_without_prefix(label)) or [])

    def parent(self, code: str) -> Optional[str]:
        """The parent code, None for a root."""
        return self._parent.get(code)

    def children(self, code: str) -> list[str]:
        """The codes directly under ``code``, in table order."""
        return list(self._children.get(code, []))

    def name(self, code: str) -> str:
        """The display name of ``code``."""
        return str(self._name[code])
