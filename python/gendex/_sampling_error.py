"""Sampling error in planning: whether a change between two periods exceeds it, and how sure a rank is.

Both read standard errors or replicate values: survey results (:func:`gendex.micro.index_uncertainty`)
or a :class:`~gendex.Dataset` whose index rows carry ``se``. The formulas are in
``docs/planning.md``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist
from typing import TYPE_CHECKING, Optional, Union

import numpy as np
import pandas as pd

from . import _core
from ._dataset import Dataset
from .indices import index_facts

if TYPE_CHECKING:
    from .micro import IndexUncertainty

__all__ = ["RANK_COLUMNS", "SIGNIFICANCE_COLUMNS", "rank_probabilities", "significant_change"]

#: Columns of :func:`significant_change`.
SIGNIFICANCE_COLUMNS = (
    "region",
    "indicator",
    "sex",
    "earlier",
    "later",
    "change",
    "se",
    "statistic",
    "p_value",
    "level",
    "critical",
    "significant",
)
#: Columns of :func:`rank_probabilities`.
RANK_COLUMNS = ("region", "period", "rank", "probability", "estimate_rank")

_KEY = ["region", "indicator", "sex"]


def _quantile(level: float) -> float:
    """z* with P(|Z| <= z*) = level."""
    if not 0.0 < level < 1.0:
        raise _core.InputError(f"significant_change: level must be between 0 and 1, got {level}")
    return NormalDist().inv_cdf(0.5 + level / 2.0)


def _index_rows(data: Union[Dataset, pd.DataFrame], name: str) -> pd.DataFrame:
    """The rows of ``data`` with a standard error, one period; InputError otherwise."""
    frame = data.to_frame() if isinstance(data, Dataset) else Dataset.from_frame(data).to_frame()
    periods = sorted(pd.unique(frame["period"]))
    if len(periods) != 1:
        raise _core.InputError(f"significant_change: {name} must hold one period, got {periods}")
    missing = frame[frame["se"].isna()]
    if len(missing):
        first = missing.iloc[0]
        raise _core.InputError(
            f"significant_change: {name} row region '{first['region']}', indicator '{first['indicator']}' "
            f"({first['sex']}) has no standard error (column 'se')"
        )
    return frame[[*_KEY, "value", "se"]]


def _dataset_change(earlier: Union[Dataset, pd.DataFrame], later: Union[Dataset, pd.DataFrame]) -> pd.DataFrame:
    a = _index_rows(earlier, "earlier")
    b = _index_rows(later, "later")
    both = a.merge(b, on=_KEY, suffixes=("_earlier", "_later"))
    return pd.DataFrame(
        {
            "region": both["region"],
            "indicator": both["indicator"],
            "sex": both["sex"],
            "earlier": both["value_earlier"].astype(float),
            "later": both["value_later"].astype(float),
            "change": (both["value_later"] - both["value_earlier"]).astype(float),
            "se": np.hypot(both["se_earlier"].astype(float), both["se_later"].astype(float)),
        }
    )


def significant_change(
    earlier: Union[IndexUncertainty, Dataset, pd.DataFrame],
    later: Union[IndexUncertainty, Dataset, pd.DataFrame],
    assumption: str = "independent",
    level: float = 0.95,
) -> pd.DataFrame:
    """Whether the change of an index (or any estimate) between two periods exceeds its sampling error.

    The change ``later - earlier`` of each region is divided by its standard error: the statistic
    ``z = change / se`` is compared with the normal quantile ``z*`` of ``level`` (two-sided), and
    the change is significant when ``|z| > z*``; ``p_value = 2 (1 - Phi(|z|))``.

    Parameters
    ----------
    earlier, later : gendex.micro.IndexUncertainty, Dataset or pandas.DataFrame
        Two survey results of the same index (:func:`gendex.micro.index_uncertainty`), every series
        they hold tested; or two Datasets (tidy frames) of one period each whose rows all carry
        ``se``, matched on region, indicator and sex (rows in only one are left out).
    assumption : {"independent", "same_replicates"}
        For survey results, as :func:`gendex.micro.index_change`: two independent samples
        (``se = sqrt(se_a^2 + se_b^2)``) or the same sample and replicates in both periods (the
        replicate differences, keeping their covariance). Datasets: independent only.
    level : float
        The confidence level of the test (0.95: 5 % two-sided).

    Returns
    -------
    pandas.DataFrame
        region, indicator, sex, earlier, later, change, se, statistic (change / se; 0 when the change
        is 0, infinite when only the se is 0), p_value, level, critical (z*), significant (bool).

    Raises
    ------
    InputError
        A level outside (0, 1), a Dataset with more than one period or a row without ``se``, or an
        assumption the results do not allow.

    Examples
    --------
    >>> import gendex, pandas as pd
    >>> rows = lambda period, values, ses: pd.DataFrame({"region": ["A", "B"], "period": period,
    ...     "sex": "total", "indicator": "ikg", "value": values, "se": ses})
    >>> # A: 0.40 -> 0.35, se sqrt(0.03^2 + 0.04^2) = 0.05, z = -1.0 < 1.96; B: 0.30 -> 0.20, z = -5.
    >>> t = gendex.significant_change(rows(2022, [0.40, 0.30], [0.03, 0.012]),
    ...                               rows(2023, [0.35, 0.20], [0.04, 0.016]))
    >>> t["significant"].tolist(), [round(z, 6) for z in t["statistic"]]
    ([False, True], [-1.0, -5.0])
    """
    if assumption not in ("independent", "same_replicates"):
        raise _core.InputError(
            f"significant_change: assumption must be 'independent' or 'same_replicates', got {assumption!r}"
        )
    critical = _quantile(level)
    if isinstance(earlier, (Dataset, pd.DataFrame)) or isinstance(later, (Dataset, pd.DataFrame)):
        if not (isinstance(earlier, (Dataset, pd.DataFrame)) and isinstance(later, (Dataset, pd.DataFrame))):
            raise TypeError("significant_change: earlier and later must both be survey results or both Datasets")
        if assumption != "independent":
            raise _core.InputError("significant_change: Datasets carry no replicates; use assumption='independent'")
        table = _dataset_change(earlier, later)
    else:
        from .micro import index_change

        table = index_change(earlier, later, assumption=assumption)[[*_KEY, "earlier", "later", "change", "se"]]
    change = table["change"].to_numpy(dtype=float)
    se = table["se"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        statistic = np.where(change == 0.0, 0.0, change / se)
    p_value = np.array([math.erfc(abs(z) / math.sqrt(2.0)) for z in statistic], dtype=float)
    out = table.reset_index(drop=True).assign(
        statistic=statistic,
        p_value=p_value,
        level=float(level),
        critical=critical,
        significant=np.abs(statistic) > critical,
    )
    out.attrs.update(assumption=assumption, level=float(level))
    return out[list(SIGNIFICANCE_COLUMNS)]


def _competition_ranks(values: np.ndarray, order: str) -> np.ndarray:
    """Ranks of each row of ``values`` (replicates x regions): 1 the best, ties share the best ("1224")."""
    key = {"highest_first": -values, "lowest_first": values, "nearest_one_first": np.abs(values - 1.0)}[order]
    # rank = 1 + how many regions are strictly better
    better: np.ndarray = (key[:, None, :] < key[:, :, None]).sum(axis=2)
    return 1 + better


def _rank_frame(
    replicates: np.ndarray, estimates: np.ndarray, regions: Sequence[object], period: Optional[int], order: str
) -> pd.DataFrame:
    kept = np.isfinite(replicates).all(axis=1)
    if not kept.any():
        raise _core.InputError("rank_probabilities: no replicate has a value for every region")
    ranks = _competition_ranks(replicates[kept], order)
    point = _competition_ranks(estimates[None, :], order)[0] if np.isfinite(estimates).all() else None
    n = ranks.shape[0]
    rows: list[tuple[object, object, int, float, object]] = []
    for j, region in enumerate(regions):
        counts = np.bincount(ranks[:, j], minlength=len(regions) + 1)
        at = None if point is None else int(point[j])
        rows.extend((region, period, int(k), counts[k] / n, at) for k in np.flatnonzero(counts))
    frame = pd.DataFrame(rows, columns=list(RANK_COLUMNS))
    frame["period"] = frame["period"].astype("Int64")
    frame["estimate_rank"] = frame["estimate_rank"].astype("Int64")
    frame.attrs["replicates_dropped"] = int((~kept).sum())
    frame.attrs["replicates"] = int(n)
    return frame


def rank_probabilities(
    results: Union[IndexUncertainty, Sequence[IndexUncertainty], pd.DataFrame],
    index: Optional[str] = None,
    period: Optional[int] = None,
    estimates: Optional[Sequence[float]] = None,
) -> pd.DataFrame:
    """P(rank = k) of every region from replicate values of an index.

    Each replicate's values are ranked among the regions (1 the best, in the index table's order:
    highest first for the HDI or IPG, lowest first for the GII or IKG, nearest 1 first for the GDI;
    ties share the best rank); the frequency of rank k over the replicates estimates P(rank = k).
    With bootstrap replicates (Rao-Wu, or a design's bootstrap weights) the frequencies are the
    bootstrap distribution of the rank; jackknife or BRR replicates vary less than the estimate
    does, so their frequencies understate the spread.

    Parameters
    ----------
    results : gendex.micro.IndexUncertainty, a sequence of them, or pandas.DataFrame
        Survey results of one index (one per period), or replicate values: one row per replicate,
        one column per region.
    index : str, optional
        The index whose order ranks the regions; with survey results, theirs.
    period : int, optional
        The period of a frame of replicate values; survey results give their own.
    estimates : sequence of float, optional
        The full-sample values of a frame of replicate values, in its column order, for
        ``estimate_rank``; survey results give their own.

    Returns
    -------
    pandas.DataFrame
        region, period, rank, probability (the share of replicates with that rank; only ranks
        that occur are listed, so each region's probabilities add to 1), estimate_rank (the rank
        of the full-sample values; NA when one is missing). ``frame.attrs["replicates_dropped"]``
        counts the replicates left out because a region had no value in them.

    Raises
    ------
    InputError
        A frame without ``index``, no replicate with every region's value, or results of different
        indices.

    Examples
    --------
    >>> import gendex, pandas as pd
    >>> # Four replicates of the IKG (lower is better) in three regions:
    >>> # ranks A 1,1,2,1; B 2,3,1,2; C 3,2,3,3: P(A first) = 3/4, P(B first) = 1/4.
    >>> reps = pd.DataFrame({"A": [0.30, 0.31, 0.36, 0.32], "B": [0.35, 0.40, 0.33, 0.34],
    ...                      "C": [0.41, 0.39, 0.42, 0.45]})
    >>> p = gendex.rank_probabilities(reps, "ikg", 2023, estimates=[0.32, 0.35, 0.42])
    >>> p[p["region"] == "A"][["rank", "probability"]].values.tolist()
    [[1.0, 0.75], [2.0, 0.25]]
    """
    if isinstance(results, pd.DataFrame):
        if index is None:
            raise _core.InputError("rank_probabilities: a frame of replicate values needs index= for the order")
        values = results.to_numpy(dtype=float)
        point = np.full(values.shape[1], np.nan) if estimates is None else np.asarray(estimates, dtype=float)
        if point.shape != (values.shape[1],):
            raise _core.InputError(
                f"rank_probabilities: estimates has {point.size} values for {values.shape[1]} regions"
            )
        return _rank_frame(values, point, list(results.columns), period, index_facts(index).display_order)
    many = list(results) if isinstance(results, Sequence) else [results]
    if not many:
        raise _core.InputError("rank_probabilities: no results given")
    names = {r.index for r in many}
    if len(names) != 1 or (index is not None and index not in names):
        raise _core.InputError(f"rank_probabilities: results of different indices {sorted(names | {index or ''})}")
    order = index_facts(many[0].index).display_order
    frames = []
    for r in many:
        frame = r.frame
        head = frame[(frame["indicator"] == r.index) & (frame["sex"] == "total")]
        reps = r.replicates(r.index)
        frames.append(
            _rank_frame(reps.to_numpy(dtype=float), head["estimate"].to_numpy(dtype=float), r.regions, r.period, order)
        )
    out = pd.concat(frames, ignore_index=True)
    out.attrs["replicates_dropped"] = sum(int(f.attrs["replicates_dropped"]) for f in frames)
    return out
