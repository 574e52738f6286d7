"""Domain quantiles (R's ``svyquantile``) and the gender pay gap of hourly earnings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

import numpy as np
import pandas as pd

from gendex import _core

from ._design import (
    AnyDesign,
    Columns,
    Design,
    EstimateKeywords,
    EstimateOptions,
    _numbers,
    add_bounds,
    default_variance,
)
from ._estimate import _bar
from ._index_inputs import _sex_codes

if TYPE_CHECKING:  # Python 3.11+ has typing.Unpack; the package runs on 3.9
    from typing_extensions import Unpack

#: The unit of a pay gap's estimate (``DataFrame.attrs["unit"]``).
PAY_GAP_UNIT = "% of men's hourly earnings"


def _in_memory(design: AnyDesign, what: str) -> Design:
    if not isinstance(design, Design):
        raise _core.InputError(
            f"{what} needs the rows of each domain together (it sorts them); "
            "collect the partitions into a pandas frame and use gendex.micro.Design"
        )
    return design


def quantile(
    design: AnyDesign,
    variable: str,
    q: Union[float, Sequence[float]] = 0.5,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    df: Optional[float] = None,
    progress: Optional[bool] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain quantiles with Woodruff confidence intervals, as R's ``svyquantile`` (survey 4.1 defaults).

    The quantile at probability p is R's ``qrule = "math"``: the smallest value whose weighted share of
    the domain (values sorted, ties in row order) reaches p, i.e. the value at the first running weight
    sum > p W, or at the running sum = p W when it is exactly reached. The interval is Woodruff's
    (``interval.type = "mean"``): p^ = the domain's weighted share at or below the quantile, with its
    design SE (linearised, replicate or bootstrap, as :func:`mean`); the bounds are the quantiles at
    p^ -/+ t se, t Student's at ``df`` degrees of freedom; ``se`` = (upper - lower) / (2 t), as R reports.

    Parameters
    ----------
    design : Design
        The survey design (an in-memory :class:`Design`).
    variable : str
        Numeric column; finite for every row inside ``where``.
    q : float or sequence of float
        Probabilities in [0, 1].
    by : str or list of str, optional
        Domain columns.
    where : boolean Series or array, optional
        Row filter (rows outside stay in the design).
    variance : str, optional
        None (replicates when the design has them, else linearisation), "linearization",
        "replicates", "bootstrap" or "none".
    df : float, optional
        Degrees of freedom of t. None: the domain's, as R's ``degf()`` of the domain's design (PSUs
        minus strata with rows of the domain; replicate designs: rank of the domain's replicate weights
        minus 1); ``float("inf")``: the normal quantile.
    progress : bool, optional
        A progress bar of the pass and the replicates (None: when a person is watching and the run
        takes over a second); Ctrl-C stops the run either way.
    **options
        :class:`EstimateKeywords`; ``level`` is the interval's level (R: ``1 - alpha``).

    Returns
    -------
    pandas.DataFrame
        One row per domain and probability: the by-columns, ``q``, ``estimate``, ``se``, ``lower``,
        ``upper``, ``n`` (sample rows of the domain inside ``where``), ``df`` and ``interval``
        ("ok", or why a bound is missing: "lower_outside" / "upper_outside" / "both_outside" when
        p^ -/+ t se leaves [0, 1], where R gives NaN, "no_degrees_of_freedom", "no_variance",
        "not_computed" for ``variance="none"``). ``attrs``: ``statistic``, ``variable``, ``variance``,
        ``level``, ``status`` per domain.

    Raises
    ------
    gendex.InputError
        A value inside ``where`` that is not finite (naming the row), a probability outside [0, 1], a
        domain without rows (unless ``empty="no_estimate"``), a partitioned design.

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import micro
    >>> df = pd.DataFrame({"w": [1.0, 1, 2, 1, 1], "wage": [10.0, 30, 20, 50, 40]})
    >>> # sorted 10, 20, 30, 40, 50 with running weights 1, 3, 4, 5, 6: 0.5 x 6 = 3 is reached at 20
    >>> micro.quantile(micro.Design(df, weight="w"), "wage", q=[0.5], variance="none")[["q", "estimate", "n"]]
         q  estimate  n
    0  0.5      20.0  5
    """
    d = _in_memory(design, "micro.quantile")
    o = EstimateOptions(**options)
    probabilities = [float(q)] if isinstance(q, (int, float)) else [float(p) for p in q]
    codes, labels, mask = d._domains(by, where)
    with _bar(progress) as bar:
        result = _core.micro_quantile(
            d._core,
            (variable, _numbers(d.data, variable)),
            probabilities,
            codes,
            len(labels),
            mask,
            default_variance(variance, d.has_replicates),
            o.level,
            df,
            *o.core(),
            Design._labels(labels),
            bar,
            design_names=d._names,
        )
    nq = len(probabilities)
    out = labels.loc[labels.index.repeat(nq)].reset_index(drop=True)
    out["q"] = np.tile(np.asarray(probabilities), len(labels))
    out["estimate"] = result["estimate"]
    computed = len(result["se"]) > 0
    for column in ("se", "lower", "upper"):
        out[column] = result[column] if computed else np.nan
    out["n"] = np.repeat(np.asarray(result["rows"], dtype=np.int64), nq)
    out["df"] = result["df"] if computed else np.nan
    out["interval"] = list(result["interval"])
    out.attrs.update(
        statistic="quantile",
        variable=variable,
        variance=result["variance"],
        level=o.level,
        status=list(result["status"]),
        replicates_dropped=np.asarray(result["replicates_dropped"]),
    )
    return out


def pay_gap(
    design: AnyDesign,
    earnings: str,
    hours: Optional[str] = None,
    sex: str = "sex",
    by: Columns = None,
    where: Any = None,
    statistic: str = "median",
    sex_codes: Optional[Mapping[Any, str]] = None,
    variance: Optional[str] = None,
    df: Optional[float] = None,
    progress: Optional[bool] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """The gender pay gap (men - women) / men x 100 of hourly earnings per domain (ILO; SDG 8.5.1's input).

    Hourly earnings are ``earnings / hours`` per row inside ``where`` (the employees; both over the same
    reference period), or ``earnings`` itself when ``hours`` is None. Each sex's statistic is the
    weighted median (R's ``svyquantile`` rule, see :func:`quantile`) or mean of hourly earnings.
    Standard errors: replicates (supplied or the internal bootstrap) recompute the gap under every
    replicate; linearisation uses the delta method (for the median, the Woodruff interval's slope as
    the inverse density; a group whose interval is incomplete has no SE: use replicates). ``lower`` and
    ``upper`` are normal bounds at ``level``.

    Parameters
    ----------
    design : Design
        The survey design (an in-memory :class:`Design`).
    earnings : str
        Earnings column (finite inside ``where``).
    hours : str, optional
        Hours worked in the same period (finite and > 0 inside ``where``).
    sex : str
        Sex column: female/male, F/M, P/L, or codes with ``sex_codes`` (every row).
    by : str or list of str, optional
        Group columns (e.g. ``["province", "year"]``).
    where : boolean Series or array, optional
        The employees (rows outside stay in the design).
    statistic : {"median", "mean"}
        Which hourly earnings each sex is summarised by.
    sex_codes : mapping, optional
        Sex codes to female/male, e.g. ``{1: "female", 2: "male"}``.
    variance : str, optional
        As :func:`quantile`.
    df : float, optional
        Degrees of freedom of the median's Woodruff interval (linearisation of the median only).
    progress : bool, optional
        A progress bar of the pass and the replicates (None: when a person is watching and the run
        takes over a second); Ctrl-C stops the run either way.
    **options
        :class:`EstimateKeywords`.

    Returns
    -------
    pandas.DataFrame
        One row per group: the by-columns, ``estimate`` (the gap, % of men's hourly earnings; negative
        when women earn more), ``se``, ``lower``, ``upper``, ``n`` (employees), ``female`` and ``male``
        (each sex's mean or median hourly earnings), ``n_female``, ``n_male``. ``attrs``: ``unit``,
        ``statistic``, ``variance``, ``level``, ``status``, ``replicates_dropped``.

    Raises
    ------
    gendex.InputError
        Hours not > 0 or earnings not finite inside ``where`` (naming the row), an unknown sex
        spelling, a group without women or men inside ``where`` (unless ``empty="no_estimate"``).

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import micro
    >>> df = pd.DataFrame({"w": [1.0] * 4, "sex": ["F", "F", "M", "M"],
    ...                    "pay": [900.0, 1100, 1200, 1560], "hours": [100.0, 100, 100, 120]})
    >>> g = micro.pay_gap(micro.Design(df, weight="w"), "pay", "hours", statistic="mean", variance="none")
    >>> g[["estimate", "female", "male", "n"]]  # hourly 9, 11 and 12, 13: (12.5 - 10) / 12.5 x 100
       estimate  female  male  n
    0      20.0    10.0  12.5  4
    """
    d = _in_memory(design, "micro.pay_gap")
    o = EstimateOptions(**options)
    codes, labels, mask = d._domains(by, where)
    male = _sex_codes(d.data, sex, sex_codes)
    with _bar(progress) as bar:
        result = _core.micro_pay_gap(
            d._core,
            (earnings, _numbers(d.data, earnings)),
            (hours, _numbers(d.data, hours)) if hours is not None else None,
            codes,
            len(labels),
            male,
            mask,
            statistic,
            default_variance(variance, d.has_replicates),
            o.level,
            df,
            *o.core(),
            Design._labels(labels),
            bar,
            design_names=d._names,
        )
    out = labels.copy()
    out["estimate"] = result["gap"]
    out["se"] = result["se"] if len(result["se"]) else np.nan
    add_bounds(out, "estimate", o.level)
    n_female = np.asarray(result["female_rows"], dtype=np.int64)
    n_male = np.asarray(result["male_rows"], dtype=np.int64)
    out["n"] = n_female + n_male
    out["female"] = result["female"]
    out["male"] = result["male"]
    out["n_female"] = n_female
    out["n_male"] = n_male
    out.attrs.update(
        statistic=f"pay_gap_{statistic}",
        variable=earnings if hours is None else f"{earnings}/{hours}",
        variance=result["variance"],
        unit=PAY_GAP_UNIT,
        level=o.level,
        status=list(result["status"]),
        replicates_dropped=np.asarray(result["replicates_dropped"]),
    )
    return out
