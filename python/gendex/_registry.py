"""Indicator definitions: :class:`IndicatorInfo` and :class:`IndicatorRegistry`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple, Optional

import numpy as np

from . import _core
from ._common import public_module


@public_module("gendex")
class IndicatorInfo(NamedTuple):
    """Definition of one indicator: valid range [min, max], sex scope and additivity.

    Attributes
    ----------
    id, description, unit : str
        The indicator id of the data contract, what it measures, its unit.
    min, max : float
        The valid range; a value outside it is an InputError.
    scope : {"any", "by_sex", "female_only", "total_only"}
        Which sexes it may be reported for ("by_sex": women and men).
    additive : bool
        Whether female + male = total and children sum to parents.
    whole : float
        Women's and men's values are shares of one whole summing to this (100
        for seats in parliament), so one sex implies the other; 0 otherwise.

    Examples
    --------
    >>> import gendex
    >>> gendex.IndicatorRegistry.standard()["parliament_share"]  # doctest: +NORMALIZE_WHITESPACE
    IndicatorInfo(id='parliament_share', description='Share of seats in parliament (legislature)', unit='%',
                  min=0.0, max=100.0, scope='by_sex', additive=False, whole=100.0)
    """

    id: str
    description: str
    unit: str
    min: float
    max: float
    scope: str  # "any", "by_sex", "female_only" or "total_only"
    additive: bool  # female + male = total, and children sum to parents
    whole: float = 0.0  # women's and men's shares of one whole sum to this (100 for seats); 0 otherwise


@public_module("gendex")
class IndicatorRegistry:
    """Indicator definitions keyed by id; readers validate every value against one.

    ``IndicatorRegistry()`` is empty; :meth:`standard` is a copy of the
    data-contract ids to which you can :meth:`register` your own. A registry
    maps ids to :class:`IndicatorInfo` (``registry[id]``, ``id in registry``,
    ``len``, iteration over the ids) and pickles.

    Examples
    --------
    >>> import gendex
    >>> registry = gendex.IndicatorRegistry.standard()
    >>> registry
    <gendex.IndicatorRegistry: 109 indicators>
    >>> registry["life_expectancy"].unit
    'years'
    """

    __slots__ = ("_core",)

    def __init__(self) -> None:
        self._core = _core.IndicatorRegistry()

    @classmethod
    def standard(cls) -> IndicatorRegistry:
        """A fresh copy of the registry of the data-contract ids (inputs and results).

        Returns
        -------
        IndicatorRegistry
            Yours to :meth:`register` indicators in; the standard one is not changed.

        Examples
        --------
        >>> import gendex
        >>> registry = gendex.IndicatorRegistry.standard()
        >>> "ipg" in registry, len(registry)
        (True, 109)
        """
        return cls._wrap(_core.IndicatorRegistry.standard())

    @classmethod
    def _wrap(cls, core: _core.IndicatorRegistry) -> IndicatorRegistry:
        out = cls.__new__(cls)
        out._core = core
        return out

    def register(
        self,
        id: str,
        description: str,
        unit: str,
        min: float = -np.inf,
        max: float = np.inf,
        scope: str = "any",
        additive: bool = False,
        replace: bool = False,
        whole: float = 0.0,
    ) -> None:
        """Add an indicator.

        ``scope`` is "any", "by_sex" (must be reported for women and men),
        "female_only" or "total_only"; ``additive`` means female + male =
        total and children sum to parents (roll-ups sum it); ``whole`` says that
        women's and men's values are shares of one whole summing to it (100 for
        seats), so one sex implies the other. Re-registering an id raises
        InputError unless ``replace``.

        Parameters
        ----------
        id, description, unit : str
            The indicator id, what it measures and its unit.
        min, max : float, default -inf, inf
            The valid range of its values.
        scope : {"any", "by_sex", "female_only", "total_only"}, default "any"
            Which sexes it may be reported for.
        additive : bool, default False
            Whether female + male = total and children sum to parents.
        replace : bool, default False
            Replace an indicator of the same id instead of raising.
        whole : float, default 0.0
            The whole women's and men's shares sum to; 0 for none.

        Raises
        ------
        InputError
            When ``id`` is already registered and ``replace`` is False, or the
            definition is not valid (an unknown scope, min above max).

        Examples
        --------
        >>> import gendex
        >>> registry = gendex.IndicatorRegistry.standard()
        >>> registry.register("midwives", "Village midwives", "people", min=0, scope="by_sex", additive=True)
        >>> registry["midwives"].scope
        'by_sex'
        >>> try:
        ...     registry.register("midwives", "Village midwives", "people")
        ... except gendex.InputError as e:
        ...     print(e)
        indicator 'midwives' is already registered
        """
        self._core.add(id, description, unit, min, max, scope, additive, whole=whole, replace=replace)

    def ids(self) -> list[str]:
        """The registered ids.

        Returns
        -------
        list of str
            Sorted.

        Examples
        --------
        >>> import gendex
        >>> registry = gendex.IndicatorRegistry.standard()
        >>> registry.ids()[:3]
        ['account_ownership', 'adolescent_birth_rate', 'births_outside_facility']
        """
        return self._core.ids()

    def __getitem__(self, id: str) -> IndicatorInfo:
        """The definition of ``id``.

        Raises
        ------
        UnknownKeyError
            When ``id`` is not registered.
        """
        return IndicatorInfo(*self._core.info(id))

    def get(self, id: str, default: Optional[IndicatorInfo] = None) -> Optional[IndicatorInfo]:
        """The definition of ``id``, or ``default``.

        Parameters
        ----------
        id : str
            An indicator id.
        default : IndicatorInfo, optional
            What to return when ``id`` is not registered.

        Returns
        -------
        IndicatorInfo or None

        Examples
        --------
        >>> import gendex
        >>> registry = gendex.IndicatorRegistry.standard()
        >>> registry.get("maternal_mortality").scope, registry.get("midwives") is None
        ('female_only', True)
        """
        return self[id] if id in self else default  # noqa: SIM401 - this is get() itself

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self._core.contains(id)

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())

    def copy(self) -> IndicatorRegistry:
        """An independent copy.

        Returns
        -------
        IndicatorRegistry
            Registering in it leaves this one unchanged.

        Examples
        --------
        >>> import gendex
        >>> registry = gendex.IndicatorRegistry.standard()
        >>> mine = registry.copy()
        >>> mine.register("midwives", "Village midwives", "people", min=0)
        >>> "midwives" in mine, "midwives" in registry
        (True, False)
        """
        return self._wrap(self._core.copy())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IndicatorRegistry):
            return NotImplemented
        return [self[i] for i in self.ids()] == [other[i] for i in other.ids()]

    __hash__ = None  # type: ignore[assignment]  # unhashable; typeshed declares object.__hash__ a method

    def __getstate__(self) -> list[tuple[Any, ...]]:
        return [tuple(self[i]) for i in self.ids()]

    def __setstate__(self, state: list[tuple[Any, ...]]) -> None:
        self._core = _core.IndicatorRegistry()
        for info in state:
            self._core.add(*info)

    def __repr__(self) -> str:
        return f"<gendex.IndicatorRegistry: {len(self)} indicators>"


def _registry_core(registry: Optional[IndicatorRegistry]) -> Optional[_core.IndicatorRegistry]:
    if registry is None:
        return None  # the core uses the standard registry
    if not isinstance(registry, IndicatorRegistry):
        raise TypeError(f"registry must be a gendex.IndicatorRegistry, got {type(registry).__name__}")
    return registry._core
