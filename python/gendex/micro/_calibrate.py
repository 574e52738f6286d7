"""Post-stratification, raking and calibration of a design (R's ``postStratify``, ``rake`` and ``calibrate``).

The weights are solved here, in NumPy, not in the C++ accumulators: the calibration equations are
per row (every Newton step of raking re-weights every row by its model-matrix row), while the
accumulators only ever see sums by domain and PSU. The estimates of a calibrated design then come from
the C++ estimators with the calibrated weights; replicate designs are recalibrated replicate by
replicate (as R), so their SEs need nothing more. Linearised SEs use, as R's ``svyrecvar``, the
residuals of the scores on the calibration model (``calibrated_se``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Optional

import numpy as np
import pandas as pd

from gendex import _core

from ._design import Design, _numbers

#: R's stopping rule of ``grake``: every |misfit| / (1 + |total|) below it (calibrate(epsilon = 1e-7)).
CALIBRATION_EPSILON = 1e-7
#: R's iteration limit of ``grake`` (calibrate(maxit = 50)).
CALIBRATION_MAXIT = 50
#: ``grake`` rescales the weights by the mean total ratio when every ratio exceeds this (its SOMETHRESHOLD).
RESCALE_THRESHOLD = 20.0
#: R's ``rake`` defaults: control = list(maxit = 10, epsilon = 1); an epsilon below 1 is a fraction
#: of the sum of the weights.
RAKE_MAXIT = 10
RAKE_EPSILON = 1.0
#: R's ``svyrecvar`` back-fits the scores of a raked design over its margins this many sweeps.
RAKE_VARIANCE_SWEEPS = 10
#: Below this (N_h - n_h) / N_h a stratum is a census (the C++ core's census_fpc, R's onestrat()).
CENSUS_FPC = 1e-7


@dataclass(frozen=True)
class Calibration:
    """What the linearised variance of a calibrated design needs: the model matrix the weights were
    calibrated on (rows x p), the weights before, and g = after / before."""

    model: np.ndarray
    base_weights: np.ndarray
    g: np.ndarray

    @cached_property
    def _q(self) -> np.ndarray:
        return np.asarray(np.linalg.qr(self.model * np.sqrt(self.base_weights)[:, None])[0])

    def residuals(self, scores: np.ndarray) -> np.ndarray:
        """The scores (rows x domains) less their projection on the model (R's ``qr.resid``)."""
        root = self.g * np.sqrt(self.base_weights)
        scaled = scores / root[:, None]
        return np.asarray((scaled - self._q @ (self._q.T @ scaled)) * root[:, None])


@dataclass(frozen=True)
class Raking:
    """What the linearised variance of a raked design needs: per post-stratification of the last
    sweep of ``rake``, each row's cell and the weights after it (R's ``attr(margin, "weights")``)."""

    steps: tuple[tuple[np.ndarray, np.ndarray], ...]

    def residuals(self, scores: np.ndarray) -> np.ndarray:
        """R's back-fitting for ``"raking"`` post-strata: RAKE_VARIANCE_SWEEPS sweeps over the margins of
        s <- s - w * (the cell's unweighted row mean of s / w)."""
        r = np.array(scores, dtype=np.float64)
        for _ in range(RAKE_VARIANCE_SWEEPS):
            for codes, weights in self.steps:
                counts = np.bincount(codes).astype(np.float64)
                ratio = r / weights[:, None]
                for j in range(r.shape[1]):
                    r[:, j] -= weights * (np.bincount(codes, ratio[:, j], minlength=len(counts)) / counts)[codes]
        return r


def _margin_codes(design: Design, totals: pd.DataFrame, what: str) -> tuple[np.ndarray, np.ndarray]:
    """Each row's cell of ``totals`` (its columns other than ``total``) and each cell's population total,
    cells in sorted order. Errors name a sample cell without a total and a total without sample rows."""
    if "total" not in totals.columns:
        raise _core.InputError(f"{what}: the totals need a 'total' column (columns: {', '.join(totals.columns)})")
    names = [c for c in totals.columns if c != "total"]
    if not names:
        raise _core.InputError(f"{what}: the totals need at least one column besides 'total'")
    codes, labels, _ = design._domains(names, None)
    keyed = labels.merge(totals, on=names, how="left", validate="one_to_one")
    missing = keyed["total"].isna().to_numpy()
    if missing.any():
        cell = ", ".join(f"{c}={v}" for c, v in zip(names, labels.iloc[int(np.argmax(missing))]))
        raise _core.InputError(f"{what}: the sample has rows in {cell} but the totals have no row for it")
    extra = totals.merge(labels, on=names, how="left", indicator=True)["_merge"].to_numpy() == "left_only"
    if extra.any():
        cell = ", ".join(f"{c}={v}" for c, v in zip(names, totals[names].iloc[int(np.argmax(extra))]))
        raise _core.InputError(f"{what}: the totals have {cell}, which has no rows in the sample")
    total = keyed["total"].to_numpy(dtype=np.float64)
    if not (np.isfinite(total) & (total > 0)).all():
        raise _core.InputError(f"{what}: every total must be a finite number > 0")
    return codes.astype(np.int64), total


def _replicate_matrix(design: Design) -> Optional[np.ndarray]:
    """The design's replicate weights as rows x replicates, combined with the sampling weight."""
    args = design._replicate_args
    reps = args["replicate_weights"]
    if reps is None:
        return None
    m = np.asarray(reps, dtype=np.float64) if isinstance(reps, np.ndarray) else None
    if m is None:
        m = np.column_stack([_numbers(design.data, c) for c in reps])
    return m if args["combined_weights"] else m * design._weights[:, None]


def _rebuilt(
    design: Design,
    weights: np.ndarray,
    reps: Optional[np.ndarray],
    calibration: Calibration | Raking,
    column: str,
) -> Design:
    """The design over the data with the new weights as column ``column`` (and new replicate weights)."""
    if column in design.data.columns:
        raise _core.InputError(f"column '{column}' is already in the data; name the adjusted weights with weight=")
    args = dict(design._replicate_args)
    if reps is not None:
        args.update(replicate_weights=np.ascontiguousarray(reps), combined_weights=True)
    out = Design.__new__(Design)
    out._build(
        design.data.assign(**{column: weights}),
        column,
        design.strata,
        design.psu,
        design._strata_codes,
        design._psu_codes,
        args["replicate_weights"],
        args["replicate_type"],
        args["scale"],
        args["rscales"],
        args["rho"],
        args["mse"],
        args["combined_weights"],
        design.lonely_psu,
        fpc=design.fpc,
        names=design._names,
    )
    out._calibration = calibration
    return out


def _uncalibrated(design: Design, what: str) -> None:
    if design._calibration is not None:
        raise _core.InputError(f"{what}: the design is already calibrated; calibrate the original design once")


def poststratify(design: Design, totals: pd.DataFrame, weight: str = "poststratified_weight") -> Design:
    """Post-stratify a design to population totals (R: ``postStratify(design, ~a + b, population)``).

    Parameters
    ----------
    design : Design
        A linearisation or replicate-weight design (not already calibrated).
    totals : pandas.DataFrame
        The post-stratum columns (one or more, as in the data) and ``total``, one row per post-stratum.
    weight : str
        Name of the column of adjusted weights in the new design's data.

    Returns
    -------
    Design
        Weights w * N_g / sum_g w in post-stratum g; replicate weights post-stratified replicate by
        replicate; linearised SEs from the residuals of the scores on the post-strata (as R).

    Raises
    ------
    gendex.InputError
        A sample post-stratum without a total, a total without sample rows, a total <= 0, a name taken.

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import micro
    >>> df = pd.DataFrame({"w": [1.0, 1.0, 2.0, 2.0], "sex": [1, 1, 2, 2], "y": [1.0, 3.0, 2.0, 4.0]})
    >>> d = micro.poststratify(micro.Design(df, weight="w"), pd.DataFrame({"sex": [1, 2], "total": [10.0, 30.0]}))
    >>> d.data["poststratified_weight"].tolist()
    [5.0, 5.0, 15.0, 15.0]
    """
    _uncalibrated(design, "poststratify")
    codes, total = _margin_codes(design, totals, "poststratify")
    base = design._weights
    cells = len(total)
    weights, reps = _poststratified(codes, total, base, _replicate_matrix(design), "poststratify")
    model = np.zeros((len(base), cells))
    model[np.arange(len(base)), codes] = 1.0
    return _rebuilt(design, weights, reps, Calibration(model, base, weights / base), weight)


def _poststratified(
    codes: np.ndarray, total: np.ndarray, weights: np.ndarray, reps: Optional[np.ndarray], what: str
) -> tuple[np.ndarray, Optional[np.ndarray]]:
    """Weights w N_g / sum_g w in each cell g, and the replicate weights the same, replicate by replicate
    (R's ``postStratify`` and ``postStratify.svyrep.design`` with combined weights)."""
    cells = len(total)
    out = weights * (total / np.bincount(codes, weights, minlength=cells))[codes]
    if reps is not None:
        sums = np.stack([np.bincount(codes, reps[:, r], minlength=cells) for r in range(reps.shape[1])], axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            reps = reps * (total[:, None] / sums)[codes]
        if not np.isfinite(reps).all():
            raise _core.InputError(f"{what}: a replicate has no weight in some post-stratum")
    return out, reps


def rake(
    design: Design,
    margins: Sequence[pd.DataFrame],
    epsilon: float = RAKE_EPSILON,
    maxit: int = RAKE_MAXIT,
    weight: str = "raked_weight",
) -> Design:
    """Rake a design to population margins by iterative proportional fitting (R: ``rake(design,
    list(~a, ~b), list(pop_a, pop_b))``).

    Parameters
    ----------
    design : Design
        A linearisation or replicate-weight design (not already calibrated).
    margins : sequence of pandas.DataFrame
        One per margin: its column(s) and ``total``, one row per cell.
    epsilon : float
        Stop when no cell of the cross-table of all margin columns changes its weighted count by
        ``epsilon`` or more in a sweep (below 1: that fraction of the sum of the weights), as R's
        ``control$epsilon``.
    maxit : int
        Sweeps at most (R's ``control$maxit``).
    weight : str
        Name of the column of raked weights in the new design's data.

    Returns
    -------
    Design
        Each sweep post-stratifies to every margin in turn (replicate weights with them, replicate
        by replicate, as R); linearised SEs back-fit the scores over the margins of the last sweep,
        RAKE_VARIANCE_SWEEPS times (R's ``svyrecvar`` for raked designs).

    Raises
    ------
    gendex.InputError
        No margin, cells without totals or rows, a bad ``epsilon`` or ``maxit``, no convergence in
        ``maxit`` sweeps (R warns and returns the last weights).

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import micro
    >>> df = pd.DataFrame({"w": [1.0, 1.0, 1.0, 1.0], "sex": [1, 1, 2, 2], "adult": [0, 1, 0, 1]})
    >>> margins = [pd.DataFrame({"sex": [1, 2], "total": [6.0, 4.0]}),
    ...            pd.DataFrame({"adult": [0, 1], "total": [5.0, 5.0]})]
    >>> micro.rake(micro.Design(df, weight="w"), margins).data["raked_weight"].tolist()
    [3.0, 3.0, 2.0, 2.0]
    """
    _uncalibrated(design, "rake")
    if not margins:
        raise _core.InputError("rake: give at least one margin")
    if not (np.isfinite(epsilon) and epsilon > 0):
        raise _core.InputError(f"rake: epsilon must be a number > 0 (got {epsilon})")
    if isinstance(maxit, bool) or not isinstance(maxit, (int, np.integer)) or maxit < 1:
        raise _core.InputError(f"rake: maxit must be a whole number >= 1 (got {maxit!r})")
    cells = [_margin_codes(design, m, f"rake, margin {k + 1}") for k, m in enumerate(margins)]
    names = [c for m in margins for c in m.columns if c != "total"]
    joint, labels, _ = design._domains(list(dict.fromkeys(names)), None)
    weights, reps = design._weights, _replicate_matrix(design)
    tolerance = epsilon * float(weights.sum()) if epsilon < 1 else epsilon
    table = np.bincount(joint, weights, minlength=len(labels))
    for _ in range(int(maxit)):
        steps = []
        for k, (codes, total) in enumerate(cells):
            weights, reps = _poststratified(codes, total, weights, reps, f"rake, margin {k + 1}")
            steps.append((codes, weights))
        new = np.bincount(joint, weights, minlength=len(labels))
        delta = float(np.max(np.abs(new - table)))
        if delta < tolerance:
            return _rebuilt(design, weights, reps, Raking(tuple(steps)), weight)
        table = new
    raise _core.InputError(
        f"rake: a weighted count still moved by {delta:.6g} in sweep {int(maxit)}, not below epsilon "
        f"{tolerance:.6g}; raise maxit or epsilon (R warns and keeps these weights)"
    )


def _raking_g(model: np.ndarray, weights: np.ndarray, population: np.ndarray) -> np.ndarray:
    """R's grake with cal.raking (Deville and Sarndal's exponential distance): Newton steps on
    eta from 0, g = exp(model eta), until every |misfit| / (1 + |total|) < 1e-7; the same steps as R."""
    sample_total = model.T @ weights
    scale = None
    scales = population / sample_total
    if scales.min() > RESCALE_THRESHOLD:
        scale = float(np.mean(scales))
        weights = weights * scale
        sample_total = sample_total * scale
    eta = np.zeros(model.shape[1])
    xeta = model @ eta
    for _ in range(CALIBRATION_MAXIT):
        deriv = np.exp(xeta)
        tmat = (model * (weights * deriv)[:, None]).T @ model
        misfit = population - sample_total - model.T @ (weights * (np.exp(xeta) - 1.0))
        eta = eta + np.linalg.pinv(tmat, rcond=256 * np.finfo(float).eps) @ misfit
        xeta = model @ eta
        misfit = population - sample_total - model.T @ (weights * (np.exp(xeta) - 1.0))
        if (np.abs(misfit) / (1.0 + np.abs(population)) < CALIBRATION_EPSILON).all():
            g = np.exp(xeta)
            return np.asarray(g * scale if scale is not None else g)
    raise _core.InputError(f"calibrate: raking did not converge in {CALIBRATION_MAXIT} iterations")


def _linear_g(model: np.ndarray, weights: np.ndarray, population: np.ndarray) -> np.ndarray:
    """R's regcalibrate: g = 1 + model (X' W X)^-1 (T - X' w), the GREG weights."""
    whalf = model * np.sqrt(weights)[:, None]
    return np.asarray(1.0 + model @ np.linalg.solve(whalf.T @ whalf, population - model.T @ weights))


def calibrate(
    design: Design,
    margins: Sequence[pd.DataFrame],
    numeric: Optional[Mapping[str, float]] = None,
    calfun: str = "linear",
    weight: str = "calibrated_weight",
) -> Design:
    """Calibrate a design to population totals (R: ``calibrate(design, ~a + b + x, population, calfun)``).

    Parameters
    ----------
    design : Design
        A linearisation or replicate-weight design (not already calibrated).
    margins : sequence of pandas.DataFrame
        Categorical margins, each with its column(s) and ``total``; all must sum to the same population.
    numeric : mapping of str to float, optional
        Population totals of numeric columns.
    calfun : {"linear", "raking"}
        R's calibration functions: linear (GREG, R's closed form) or raking (exponential, Newton).
    weight : str
        Name of the column of calibrated weights in the new design's data.

    Returns
    -------
    Design
        The model is an intercept, each margin's cells but its first (R's treatment contrasts) and the
        numeric columns. Replicate designs are recalibrated replicate by replicate; linearised SEs use the
        residuals of the scores on the model (as R).

    Raises
    ------
    gendex.InputError
        Margins with different sums, cells without totals or rows, an unknown calfun, no convergence.

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import micro
    >>> df = pd.DataFrame({"w": [1.0, 1.0, 2.0, 2.0], "sex": [1, 2, 1, 2], "y": [1.0, 3.0, 2.0, 4.0]})
    >>> d = micro.calibrate(micro.Design(df, weight="w"), [pd.DataFrame({"sex": [1, 2], "total": [6.0, 6.0]})])
    >>> d.data["calibrated_weight"].tolist()
    [2.0, 2.0, 4.0, 4.0]
    """
    _uncalibrated(design, "calibrate")
    if calfun not in ("linear", "raking"):
        raise _core.InputError(f"calibrate: unknown calfun '{calfun}' (use linear or raking)")
    rows = len(design.data)
    columns: list[np.ndarray] = [np.ones(rows)]
    population: list[float] = []
    for k, margin in enumerate(margins):
        codes, total = _margin_codes(design, margin, f"calibrate, margin {k + 1}")
        if not population:
            population.append(float(total.sum()))
        elif not np.isclose(total.sum(), population[0], rtol=1e-9, atol=0.0):
            raise _core.InputError(
                f"calibrate: margin {k + 1} sums to {total.sum():.17g}, margin 1 to {population[0]:.17g}"
            )
        for cell in range(1, len(total)):
            columns.append((codes == cell).astype(np.float64))
            population.append(float(total[cell]))
    if not population:
        raise _core.InputError("calibrate: give at least one margin (it fixes the population size)")
    for name, value in (numeric or {}).items():
        values = _numbers(design.data, name)
        if not np.isfinite(values).all():
            raise _core.InputError(f"calibrate: column '{name}' has values that are not finite numbers")
        columns.append(values)
        population.append(float(value))
    model, target = np.column_stack(columns), np.asarray(population)
    solve = _linear_g if calfun == "linear" else _raking_g
    base = design._weights
    g = solve(model, base, target)
    reps = _replicate_matrix(design)
    if reps is not None:
        reps = np.column_stack([reps[:, r] * solve(model, reps[:, r], target) for r in range(reps.shape[1])])
    return _rebuilt(design, base * g, reps, Calibration(model, base, g), weight)


def _stratum_fpc(design: Design, strata: np.ndarray, sample: np.ndarray) -> np.ndarray:
    """(N_h - n_h) / N_h per stratum code (1 without corrections), N_h as the core reads the fpc column."""
    if design.fpc is None:
        return np.ones(len(sample))
    values = _numbers(design.data, design.fpc)
    first = np.full(len(sample), -1)
    first[strata[::-1]] = np.arange(len(strata))[::-1]
    fpc = values[first]
    population = fpc if (values > 1).any() else sample / fpc
    return np.asarray((population - sample) / population)


def calibrated_se(
    design: Design,
    statistic: str,
    numerator: np.ndarray,
    denominator: Optional[np.ndarray],
    codes: np.ndarray,
    mask: Optional[np.ndarray],
    result: dict[str, Any],
    lonely_psu: Optional[str],
    deff: str,
) -> None:
    """Replace the linearised ``se`` (and ``deff``) of ``result`` by R's for a calibrated design: the scores
    w u (u = y for a total, (y - mean) / N for a mean, (y - R x) / X for a ratio) are replaced by their
    residuals: on the calibration model, r = s - g w0 h' B with B from the QR of sqrt(w0) h (R's
    qr.resid(qr, s / (g sqrt(w0))) * g sqrt(w0)), or back-fitted over a raked design's margins
    (Raking.residuals); every PSU then has a score in every domain."""
    cal: Calibration | Raking = design._calibration
    w = design._weights
    rows = len(w)
    inside = np.ones(rows, dtype=bool) if mask is None else mask.astype(bool)
    est, weight_sum = np.asarray(result["estimate"]), np.asarray(result["weight_sum"])
    status = list(result["status"])
    d = codes.astype(np.int64)
    y = np.where(inside, numerator, 0.0)
    if statistic == "total":
        u = y
    elif statistic == "ratio" and denominator is not None:
        x = np.where(inside, denominator, 0.0)
        x_total = np.bincount(d, w * x, minlength=len(est))
        u = (y - est[d] * x) / x_total[d]
    else:
        u = (y - est[d]) / weight_sum[d]
    score = np.where(inside, w * u, 0.0)
    active = np.flatnonzero([s in ("ok", "no_variance") for s in status])
    psu = np.arange(rows) if design._psu_codes is None else design._psu_codes.astype(np.int64)
    strata = np.zeros(rows, dtype=np.int64) if design._strata_codes is None else design._strata_codes.astype(np.int64)
    psu_count = int(psu.max()) + 1
    psu_stratum = np.zeros(psu_count, dtype=np.int64)
    psu_stratum[psu] = strata
    strata_count = int(strata.max()) + 1
    n_h = np.bincount(psu_stratum, minlength=strata_count).astype(np.float64)
    f_h = _stratum_fpc(design, strata, n_h)
    lonely = lonely_psu if lonely_psu is not None else design.lonely_psu
    se = np.asarray(result["se"], dtype=np.float64).copy()
    block = 64  # domains at a time: rows x block doubles
    for start in range(0, len(active), block):
        which = active[start : start + block]
        column = np.full(len(est), -1)
        column[which] = np.arange(len(which))
        s = np.zeros((rows, len(which)))
        in_block = inside & (column[d] >= 0)
        s[np.flatnonzero(in_block), column[d[in_block]]] = score[in_block]
        residual = cal.residuals(s)
        z = np.zeros((psu_count, len(which)))
        np.add.at(z, psu, residual)
        z_mean = np.zeros((strata_count, len(which)))
        np.add.at(z_mean, psu_stratum, z)
        z_mean /= n_h[:, None]
        deviation = z - z_mean[psu_stratum]
        ss = np.zeros((strata_count, len(which)))
        np.add.at(ss, psu_stratum, deviation**2)
        census = f_h < CENSUS_FPC
        several = (n_h > 1) & ~census
        v = (f_h[several, None] * n_h[several, None] / (n_h[several, None] - 1) * ss[several]).sum(axis=0)
        single = (n_h == 1) & ~census
        if single.any():
            if lonely == "fail":
                h = int(np.flatnonzero(single)[0])
                lone = int(np.flatnonzero(psu_stratum == h)[0])
                raise _core.InputError(
                    f"stratum {design._names('stratum', h)} has only one PSU (PSU {design._names('psu', lone)}); "
                    "choose lonely_psu = remove, adjust, certainty or average (R: options(survey.lonely.psu = ...))"
                )
            if lonely == "adjust":
                lone_psu = np.isin(psu_stratum, np.flatnonzero(single))  # R 4.1: not centred
                v = v + (f_h[psu_stratum[lone_psu], None] * z[lone_psu] ** 2).sum(axis=0)
            elif lonely == "average":
                v = v * strata_count / (strata_count - int(single.sum()))
        se[which] = np.sqrt(v)
    result["se"] = se
    if deff != "none":  # design_effect.hpp's v_srs with the calibrated weights (R: svyvar on the design)
        squared = (y - est[d] / weight_sum[d]) ** 2 if statistic == "total" else u**2
        squares = np.bincount(d[inside], (w * squared)[inside], minlength=len(est))
        n, big_n = np.asarray(result["rows"], dtype=np.float64), weight_sum
        with np.errstate(divide="ignore", invalid="ignore"):
            srs = squares / (n - 1) * (big_n - n if deff == "srswor" else big_n)
            undefined = (n < 2) | ~(squares > 0) | ((big_n <= n) if deff == "srswor" else False)
            result["deff"] = np.where(undefined, np.nan, se**2 / srs)
