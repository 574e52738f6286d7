"""The numpydoc text the survey estimators share, written once and put into each docstring by :func:`sections`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Optional, TypeVar

from gendex._common import insert_sections

#: The Parameters entries of the arguments the estimators share (``micro.mean`` ... ``Accumulator.ratio``, the
#: index inputs, their accumulators and the ``gendex.dask`` versions), by argument name.
PARAMETERS = {
    "design": """design : Design or gendex.dask.Design
    The survey design (a :class:`PartitionedDesign` is accumulated partition by partition).""",
    "variable": """variable : str
    Numeric column, finite for every row inside ``where``.""",
    "numerator": """numerator : str
    Numeric column of the ratio's numerator y.""",
    "denominator": """denominator : str
    Numeric column of the ratio's denominator x.""",
    "by": """by : str or list of str, optional
    Domain columns (None: one domain of all rows).""",
    "where": """where : boolean Series or array, optional
    Row filter; rows outside stay in the design (R's ``subset``). For a :class:`gendex.dask.Design`:
    a boolean column name, a function of a pandas partition or a boolean dask Series.""",
    "variance": """variance : str, optional
    None (replicates when the design has replicate weights, else linearisation), "linearization",
    "replicates", "bootstrap" (internal Rao-Wu) or "none".""",
    "progress": """progress : bool, optional
    A progress bar of the pass and the replicates (None: when a person is watching and the run takes
    over a second); Ctrl-C stops the run either way.""",
    "threads": """threads : int, optional
    Threads (None: every core) of the domain coding, of the passes over the rows (the sums, the
    linearisation scores, the (PSU, domain) cells, the replicate weights' sums by groups of
    replicates) and of the internal bootstrap's replicates; the results are the same bit for bit for
    any number.""",
    "options": """**options
    :class:`EstimateKeywords`: ``lonely_psu``, ``empty``, ``replicates``, ``seed``, ``bootstrap_mse``,
    ``level``, ``deff``, ``threads``.""",
    "region": """region : str
    Column of the regions (values sorted).""",
    "sex": """sex : str
    Column of sex: female/male, F/M, P/L or, with ``sex_codes``, any coding.""",
    "columns": """**columns
    The keywords of :class:`IndexInputSpec` (see :func:`accumulate_index_inputs`): ``age``,
    ``schooling``, ``education``, ``secondary_threshold``, ``labour_force``, ``earnings``, ...""",
    "linearization": """linearization : bool
    Keep the sums per (PSU, domain) the linearised and bootstrap SEs need (False: point estimates and
    replicate weights only, several times faster).""",
    "period": """period : int
    The period of the Dataset's values.""",
    "replicates": """replicates : int
    Internal bootstrap replicates (100).""",
    "seed": """seed : int
    Seed of the internal bootstrap (1).""",
    "bootstrap_mse": """bootstrap_mse : bool
    Bootstrap variance about the full-sample estimate instead of the replicates' mean.""",
    "lonely_psu": """lonely_psu : str, optional
    A stratum with one PSU: "fail", "remove", "adjust", "certainty" or "average" (R's
    ``survey.lonely.psu``); an estimator's overrides its design's.""",
    "empty": """empty : {"error", "no_estimate"}
    What a domain without an estimate or standard error gives.""",
    "level": """level : float
    Level of the normal confidence bounds ``lower`` and ``upper`` (0.95).""",
    # Index uncertainty.
    "index": """index : {"gii", "ikg", "gdi", "ipg"}
    The index: UNDP's GII or GDI (with HDI by sex), BPS's IKG or IPG (with IPM by sex).""",
    "given": """given : mapping or Dataset, optional
    The inputs without sampling error: a :class:`gendex.Dataset` (rows of ``period``) or a mapping
    ``{input: value}``, each value a number (every region), a mapping or Series by region, or for
    life_expectancy, expected_schooling and parliament_share ``{"female": ..., "male": ...}``
    (parliament_share alone: men's is 100 - women's). GII needs maternal_mortality,
    adolescent_birth_rate (or ``adolescent_births`` from the survey) and parliament_share; IKG
    parliament_share; GDI life_expectancy, expected_schooling and gni_per_capita; IPG these with
    per_capita_expenditure.""",
    "edition": """edition : str, optional
    An edition id (None: hdr2025 for GII and GDI, bps for IKG and IPG).""",
    "overrides": """overrides : mapping of str to float, optional
    Edition constants changed for this call.""",
    # The designs (micro.Design and gendex.dask.Design).
    "df": """df : pandas.DataFrame
    The rows, held by reference: do not change it while the design lives.""",
    "weight": """weight : str
    Column of the sampling weights (finite, > 0).""",
    "strata": """strata : str, optional
    Column of the strata (None: one stratum).""",
    "psu": """psu : str, optional
    Column of the PSUs, ids nested in strata (R's ``nest=TRUE``; None: every row its own PSU).""",
    "replicate_weights": """replicate_weights : sequence of str or numpy.ndarray, optional
    Columns of replicate weights, or a rows x replicates array (R's ``svrepdesign(repweights=)``).""",
    "replicate_type": """replicate_type : {"bootstrap", "subbootstrap", "JK1", "BRR", "Fay", "other"}
    How the replicates were made (R's ``svrepdesign(type=)``).""",
    "scale": """scale : float, optional
    Overall scale of the replicate variance (None: the type's, as R's).""",
    "rscales": """rscales : float or sequence of float, optional
    Scale of each replicate's squared deviation (None: the type's, as R's).""",
    "rho": """rho : float
    Fay's rho (``replicate_type="Fay"``).""",
    "mse": """mse : bool
    Replicate variance about the full-sample estimate (R's ``mse=TRUE``) instead of the replicates' mean.""",
    "combined_weights": """combined_weights : bool
    The replicate weights include the sampling weights (R's default); False: they are factors.""",
    "fpc": """fpc : str, optional
    Column of finite population corrections (R's ``svydesign(fpc=)``): the population size of the
    row's stratum (in PSUs; in rows without a PSU column) or its sampling fraction, one value per
    stratum; the linearised variance of stratum h is multiplied by (N_h - n_h) / N_h.""",
}

#: ``period`` and ``variance`` of index uncertainty (:func:`index_uncertainty`, ``IndexInputAccumulator.uncertainty``).
UNCERTAINTY_PERIOD = """period : int, optional
    The period of a given Dataset's rows (None: its only period) and of ``to_dataset``."""
UNCERTAINTY_VARIANCE = """variance : {"bootstrap", "replicates"}, optional
    None: the design's replicate weights when it has them, else the internal Rao-Wu bootstrap
    (``replicates`` and ``seed``); an index has no linearised variance here."""

#: The Returns and Raises of index uncertainty.
UNCERTAINTY_RETURNS = """IndexUncertainty
    The index per region on the full sample and every replicate: ``.frame`` with ``estimate``, ``se``,
    ``lower`` and ``upper`` per region."""
UNCERTAINTY_RAISES = """gendex.UnknownKeyError
    An unknown given input or edition.
gendex.InputError
    An unknown index or variance method, an input the index needs that neither the survey nor
    ``given`` supplies, a given value missing for a region, a given Dataset with several periods and
    no ``period``.
TypeError
    An unknown keyword."""

#: The Raises section of the designs.
DESIGN_RAISES = """gendex.UnknownKeyError
    A column not in the data.
gendex.InputError
    A weight that is not finite and > 0, a missing stratum or PSU, a column that is not numeric, an
    unknown ``lonely_psu`` or ``replicate_type``, an ``fpc`` that differs within a stratum (each
    naming the row)."""

#: The Returns section of the domain estimators and of an accumulator's.
ESTIMATE_RETURNS = """pandas.DataFrame
    One row per domain: the by-columns, ``estimate``, ``se``, ``lower`` and ``upper`` (normal bounds
    at ``level``, as R's ``confint`` on ``svyby``), ``n`` (sample rows of the domain inside ``where``)
    and ``deff`` (the design effect, R's ``deff=TRUE``; from an accumulator, its second moments,
    NaN where it keeps none: an archive older than version 3, or a merge with one).
    ``attrs``: ``statistic``, ``variable``, ``variance``, ``unit``, ``level``, ``status`` (per domain)
    and ``replicates_dropped``."""

#: The Raises section of the domain estimators.
ESTIMATE_RAISES = """gendex.UnknownKeyError
    A column not in the data.
gendex.InputError
    A column that is not numeric, a value inside ``where`` that is not finite (or, for a proportion,
    not 0 or 1; naming the row), a ``where`` that is not one boolean per row, a domain without an
    estimate or SE (unless ``empty="no_estimate"``), an unknown variance method or keyword value, a
    level outside (0, 1).
TypeError
    An unknown keyword."""

#: The Raises section of an accumulator's estimators.
ACCUMULATOR_RAISES = """gendex.UnknownKeyError
    A variable that was not accumulated.
gendex.InputError
    A domain without an estimate or SE (unless ``empty="no_estimate"``), a variance method the sums
    cannot give, an unknown keyword value, a level outside (0, 1).
TypeError
    An unknown keyword."""

#: The start of the Examples on the survey fixture (:func:`example` puts it in): its frame ``df``, read from
#: the repository's root as the doctests run, and its stratified cluster design ``d``.
SURVEY = """>>> import pandas as pd
>>> from gendex import micro
>>> df = pd.read_csv("tests/fixtures/micro/survey.csv")
>>> d = micro.Design(df, weight="weight", strata="stratum", psu="psu")"""

#: A Parquet copy of the survey fixture at ``path`` (row groups of 1,000 rows), for the examples that read files.
SURVEY_FILE = """>>> import os, tempfile
>>> import pandas as pd
>>> from gendex import micro
>>> path = os.path.join(tempfile.mkdtemp(), "survey.parquet")
>>> pd.read_csv("tests/fixtures/micro/survey.csv").to_parquet(path, row_group_size=1000)"""

#: :data:`SURVEY` and an accumulator ``acc`` of three variables by sex (1 female, 2 male).
ACCUMULATED = f"""{SURVEY}
>>> acc = micro.accumulate(d, ["y", "earnings", "in_lf"], by="sex")"""

#: :data:`SURVEY` and the person columns of the standard index inputs in it, ``columns``.
PERSONS = f"""{SURVEY}
>>> columns = {{"sex_codes": {{1: "female", 2: "male"}}, "age": "age", "schooling": "years_school",
...            "secondary_threshold": 7, "labour_force": "in_lf", "earnings": "earnings"}}"""

#: :data:`PERSONS` and their index-input accumulator ``acc`` by region x sex.
INDEX_INPUTS = f"""{PERSONS}
>>> acc = micro.accumulate_index_inputs(d, region="region", sex="sex", **columns)"""

#: :data:`INDEX_INPUTS` and the GII per region with its bootstrap SE, ``u``.
UNCERTAINTY = f"""{INDEX_INPUTS}
>>> given = {{"maternal_mortality": 177, "adolescent_birth_rate": 26.6, "parliament_share": 21.0}}
>>> u = acc.uncertainty("gii", given=given, period=2023)"""

#: A function or class (classes are callables too).
_Documented = TypeVar("_Documented", bound=Callable[..., object])


def sections(
    returns: Optional[str] = None, raises: str = ESTIMATE_RAISES, **own: str
) -> Callable[[_Documented], _Documented]:
    """Decorator of a function or class: its docstring gets Parameters (its arguments in signature order,
    each from ``own`` or else :data:`PARAMETERS`), Returns (when given) and Raises, before its Examples.
    An ``own`` entry is a whole entry, name line first (``"variable : str\\n    ..."``), for an argument
    that differs."""

    def document(function: _Documented) -> _Documented:
        names = [p for p in inspect.signature(function).parameters if p != "self"]
        entries = [own[name] if name in own else PARAMETERS[name] for name in names]
        text = "Parameters\n----------\n" + "\n".join(entries)
        if returns:
            text += "\n\nReturns\n-------\n" + returns
        if raises:
            text += "\n\nRaises\n------\n" + raises
        function.__doc__ = insert_sections(function.__doc__ or "", text)
        return function

    return document


def example(setup: str) -> Callable[[_Documented], _Documented]:
    """Decorator of a function or class: its Examples start with ``setup`` (:data:`SURVEY`, ...)."""

    def document(obj: _Documented) -> _Documented:
        text = inspect.cleandoc(obj.__doc__ or "")
        head, examples = text.split("\nExamples\n--------\n", 1)
        obj.__doc__ = f"{head}\nExamples\n--------\n{setup}\n{examples}\n"
        return obj

    return document
