"""Survey microdata: domain estimates with design-based standard errors.

pandas in, pandas out; the arithmetic is the C++ core's (``gendex::micro``),
which follows R's ``survey`` package (see docs/micro.md for formulas and the
R calls that give the same numbers)::

    from gendex import micro
    d = micro.Design(df, weight="weight", strata="stratum", psu="psu")
    micro.mean(d, "in_labour_force", by=["region", "sex"], where=df["age"] >= 15)
    micro.total(d, "earnings", by=["region", "sex"])
    micro.ratio(d, "earnings", "in_labour_force", by=["region", "sex"])
    micro.quantile(d, "earnings", q=[0.5, 0.9], by="region", where=df["in_labour_force"] == 1)
    micro.pay_gap(d, earnings="earnings", hours="hours", by=["region", "year"], where=df["employee"])

    r = micro.Design(df, weight="weight", replicate_weights=[f"rw{i}" for i in range(1, 81)],
                     replicate_type="JK1", mse=True)

    # A file larger than memory (Parquet, SPSS, Stata, CSV), read chunk by chunk by every estimator:
    big = micro.scan("susenas.parquet", weight="weight", strata="stratum", psu="psu")

    # The standard index inputs by region x sex (a gendex.Dataset with se), and index uncertainty:
    ds = micro.index_inputs(d, 2023, region="region", sex="sex", age="age", schooling="years",
                            secondary_threshold=7, labour_force="in_labour_force", earnings="earnings")
    u = micro.index_uncertainty(d, "gii", given={"maternal_mortality": 177, "adolescent_birth_rate": 26.6,
                                                 "parliament_share": 21.0}, period=2023, age="age",
                                education="years", secondary_threshold=7, labour_force="in_labour_force")
    u.frame   # region, indicator, sex, estimate, se, lower, upper (normal, level=0.95)

Each estimator returns a DataFrame with the ``by`` columns, ``estimate``,
``se``, ``lower`` and ``upper`` (normal bounds at ``level=``, default 0.95) and
``n`` (sample rows of the domain); ``DataFrame.attrs`` holds the ``unit``
(proportions are fractions 0-1, as R's ``svymean``), the ``status`` of every
domain and, for replicate methods, ``replicates_dropped``. The keyword
arguments all estimators share are :class:`EstimateKeywords`.

Domains are the combinations of the ``by`` columns among the rows inside
``where`` (R: ``svyby(~y, ~by, subset(design, where), ...)``). Rows outside
``where`` stay in the design. PSU ids are nested in strata (R's ``nest=TRUE``).
"""

from ._calibrate import calibrate, poststratify, rake
from ._design import Columns, Design, EstimateKeywords, PartitionedDesign
from ._design import _codes as _codes  # private; the tests code partitions with it
from ._estimate import Accumulator, accumulate, mean, proportion, ratio, total
from ._index_inputs import (
    IndexInputAccumulator,
    IndexInputSpec,
    accumulate_index_inputs,
    index_inputs,
    index_uncertainty,
)
from ._progress import ProgressBar as _ProgressBar  # noqa: F401 - private; the tests draw a bar with it
from ._quantile import pay_gap, quantile
from ._scan import ScanDesign, scan
from ._uncertainty import IndexUncertainty, index_change

__all__ = [
    "Accumulator",
    "Columns",
    "Design",
    "EstimateKeywords",
    "IndexInputAccumulator",
    "IndexInputSpec",
    "IndexUncertainty",
    "PartitionedDesign",
    "ScanDesign",
    "accumulate",
    "accumulate_index_inputs",
    "calibrate",
    "index_change",
    "index_inputs",
    "index_uncertainty",
    "mean",
    "pay_gap",
    "poststratify",
    "proportion",
    "quantile",
    "rake",
    "ratio",
    "scan",
    "total",
]
