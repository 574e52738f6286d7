# Type stubs of the compiled module gendex._core (python/src/*.cpp).
# tests/python/test_stubs.py checks that every name here exists in the module and back.
import os
from collections.abc import Callable
from typing import Any, Optional, TypedDict, Union

import numpy as np
import numpy.typing as npt

_Path = Union[str, os.PathLike[str]]
_TextColumn = Optional[tuple[npt.ArrayLike, list[str]]]
_RegionTuple = tuple[str, str, str, str]

class GendexError(Exception):
    file: Optional[str]
    line: Optional[int]
    row: Optional[int]
    column: Optional[str]
    key: Optional[str]
    reason: Optional[str]

def located_error(
    kind: str,
    reason: str,
    *,
    file: Optional[str] = None,
    line: Optional[int] = None,
    row: Optional[int] = None,
    column: Optional[str] = None,
    key: Optional[str] = None,
) -> GendexError: ...

class InputError(GendexError, ValueError): ...
class UnknownKeyError(GendexError, KeyError): ...
class ArchiveError(InputError): ...

class IndicatorRegistry:
    def __init__(self) -> None: ...
    @staticmethod
    def standard() -> IndicatorRegistry: ...
    def add(
        self,
        id: str,
        description: str,
        unit: str,
        min: float = ...,
        max: float = ...,
        scope: str = "any",
        additive: bool = False,
        whole: float = 0.0,
        replace: bool = False,
    ) -> None: ...
    def contains(self, id: str) -> bool: ...
    def __contains__(self, id: str) -> bool: ...
    def __len__(self) -> int: ...
    def ids(self) -> list[str]: ...
    def info(self, id: str) -> tuple[str, str, str, float, float, str, bool, float]: ...
    def copy(self) -> IndicatorRegistry: ...
    def __getstate__(self) -> list[tuple[str, str, str, float, float, str, bool, float]]: ...
    def __setstate__(self, state: list[tuple[str, str, str, float, float, str, bool, float]]) -> None: ...

class Dataset:
    def __init__(self) -> None: ...
    @staticmethod
    def from_columns(
        region: _TextColumn,
        period: npt.ArrayLike,
        sex: npt.ArrayLike,
        indicator: _TextColumn,
        value: npt.ArrayLike,
        age_group: _TextColumn,
        se: npt.ArrayLike,
        unit: _TextColumn,
        source: _TextColumn,
        registry: Optional[IndicatorRegistry] = None,
    ) -> Dataset: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    @property
    def values(self) -> npt.NDArray[np.float64]: ...
    @property
    def se(self) -> npt.NDArray[np.float64]: ...
    @property
    def periods(self) -> npt.NDArray[np.int32]: ...
    def codes(self, column: str) -> npt.NDArray[np.uint32]: ...
    def sex_codes(self) -> npt.NDArray[np.uint8]: ...
    def dictionary(self, column: str) -> list[str]: ...
    def has_se(self) -> bool: ...
    def region_names(self) -> list[str]: ...
    def indicator_ids(self) -> list[str]: ...
    def row(self, i: int) -> tuple[str, int, str, str, float, str, float, str, str]: ...
    def find(self, region: str, period: int, sex: str, indicator: str, age_group: str = "") -> Optional[int]: ...
    def value(self, region: str, period: int, sex: str, indicator: str, age_group: str = "") -> float: ...
    def filter(
        self, regions: list[str], periods: list[int], sexes: list[str], indicators: list[str], age_groups: list[str]
    ) -> Dataset: ...
    def concat(self, other: Dataset) -> Dataset: ...
    def to_archive(self, format: str = "binary") -> bytes: ...
    @staticmethod
    def from_archive(data: bytes, name: str = "archive", registry: IndicatorRegistry | None = None) -> Dataset: ...
    def save(self, path: _Path, format: str = "binary") -> None: ...
    @staticmethod
    def load(path: _Path, registry: IndicatorRegistry | None = None) -> Dataset: ...
    def format_csv(self) -> str: ...
    def write_csv(self, path: _Path) -> None: ...
    def __getstate__(self) -> bytes: ...
    def __setstate__(self, state: bytes) -> None: ...

class RegionHierarchy:
    def __init__(self) -> None: ...
    @staticmethod
    def from_regions(regions: list[_RegionTuple]) -> RegionHierarchy: ...
    def __len__(self) -> int: ...
    def __contains__(self, code: str) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def regions(self) -> list[_RegionTuple]: ...
    def by_code(self, code: str) -> _RegionTuple: ...
    def by_name(self, name: str) -> _RegionTuple: ...
    def resolve(self, code_or_name: str) -> _RegionTuple: ...
    def children(self, code: str) -> list[str]: ...
    def parent(self, code: str) -> Optional[str]: ...
    def depth(self, code: str) -> int: ...
    def add_alias(self, alias: str, code: str) -> None: ...
    def aliases(self) -> list[tuple[str, str]]: ...
    def to_archive(self, format: str = "binary") -> bytes: ...
    @staticmethod
    def from_archive(data: bytes, name: str = "archive") -> RegionHierarchy: ...
    def save(self, path: _Path, format: str = "binary") -> None: ...
    @staticmethod
    def load(path: _Path) -> RegionHierarchy: ...
    def __getstate__(self) -> bytes: ...
    def __setstate__(self, state: bytes) -> None: ...

def align(
    ds: Dataset, columns: list[tuple[str, str]], age_group: str = ""
) -> tuple[list[tuple[str, str]], list[str], npt.NDArray[np.int32], npt.NDArray[np.float64], npt.NDArray[np.bool_]]: ...
def parity(ds: Dataset, indicators: list[str], age_group: str = "") -> dict[str, object]: ...
def audit(
    ds: Dataset,
    expected_indicators: list[str],
    sum_tolerance: float = 1e-6,
    hierarchy: Optional[RegionHierarchy] = None,
    registry: Optional[IndicatorRegistry] = None,
) -> tuple[dict[str, object], dict[str, object], dict[str, object]]: ...
def rollup(
    ds: Dataset,
    hierarchy: RegionHierarchy,
    indicator: str,
    weight_indicator: str = "population",
    weight_by_same_sex: bool = True,
    tolerance: float = 0.005,
    registry: Optional[IndicatorRegistry] = None,
) -> tuple[Dataset, dict[str, object]]: ...
def adjusted_gender_parity_index(female: float, male: float) -> float: ...
def read_csv(path: _Path, registry: Optional[IndicatorRegistry] = None, encoding: str = "auto") -> Dataset: ...
def parse_csv(
    text: Union[str, bytes], name: str = "text", registry: Optional[IndicatorRegistry] = None, encoding: str = "auto"
) -> Dataset: ...
def read_hdr(path: _Path, registry: Optional[IndicatorRegistry] = None, encoding: str = "auto") -> Dataset: ...
def parse_hdr(
    text: Union[str, bytes], name: str = "text", registry: Optional[IndicatorRegistry] = None, encoding: str = "auto"
) -> Dataset: ...
def read_hdr_regions(path: _Path, encoding: str = "auto") -> RegionHierarchy: ...
def hdr_columns() -> list[tuple[str, str, str, str]]: ...
def parse_sex(text: str) -> Optional[str]: ...

class MicroNestedPsus:
    def __init__(self) -> None: ...
    @property
    def strata_count(self) -> int: ...

def micro_code_design(
    strata: Optional[tuple[str, npt.ArrayLike, bool]],
    psu: tuple[str, npt.ArrayLike, bool],
    rows: int,
    threads: int = 0,
) -> tuple[
    Optional[npt.NDArray[np.uint32]],
    npt.NDArray[np.uint32],
    MicroNestedPsus,
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
]: ...

class MicroDesign:
    def __init__(
        self,
        weight: npt.ArrayLike,
        strata: Optional[npt.ArrayLike] = None,
        psu: Optional[npt.ArrayLike] = None,
        lonely_psu: str = "fail",
        replicate_weights: Union[list[npt.ArrayLike], npt.ArrayLike, None] = None,
        replicate_type: str = "bootstrap",
        scale: Optional[float] = None,
        rscales: list[float] = ...,
        rho: float = 0.0,
        mse: bool = False,
        combined_weights: bool = True,
        fpc: Optional[npt.ArrayLike] = None,
        nested: Optional[MicroNestedPsus] = None,
        threads: int = 0,
    ) -> None: ...
    @property
    def rows(self) -> int: ...
    @property
    def has_psu(self) -> bool: ...
    @property
    def has_replicates(self) -> bool: ...
    @property
    def strata_count(self) -> int: ...
    @property
    def psu_count(self) -> int: ...

class MicroAccumulator:
    def __init__(self) -> None: ...
    @property
    def variables(self) -> list[str]: ...
    @property
    def domain_count(self) -> int: ...
    @property
    def has_cells(self) -> bool: ...
    @property
    def replicate_count(self) -> int: ...
    def merge(self, other: MicroAccumulator) -> None: ...
    def estimate(
        self,
        statistic: str,
        numerator: str,
        denominator: Optional[str] = None,
        variance: str = "linearization",
        lonely_psu: Optional[str] = None,
        empty: str = "error",
        replicates: int = 100,
        seed: int = 1,
        bootstrap_mse: bool = False,
        labels: list[str] = ...,
        progress: object = None,
        deff: str = "none",
        design_names: Optional[Callable[[str, int], str]] = None,
    ) -> dict[str, object]: ...
    def to_archive(self, format: str = "binary") -> bytes: ...
    @staticmethod
    def from_archive(data: bytes, name: str = "archive") -> MicroAccumulator: ...
    def __eq__(self, other: object) -> bool: ...

def micro_domain_codes(
    columns: list[tuple[str, npt.NDArray[Any], bool]],
    where: Optional[npt.ArrayLike],
    rows: int,
    threads: int = 0,
) -> tuple[npt.NDArray[np.uint32], int, npt.NDArray[np.int64]]: ...
def micro_small_values(
    name: str, values: npt.NDArray[Any], negative_is_missing: bool, max_range: int
) -> Optional[tuple[int, npt.NDArray[np.int64]]]: ...
def micro_look_up(name: str, values: npt.NDArray[Any], low: int, table: npt.ArrayLike) -> npt.NDArray[np.uint8]: ...
def micro_accumulate(
    design: MicroDesign,
    variables: list[tuple[str, npt.ArrayLike]],
    domains: npt.ArrayLike,
    domain_count: int,
    where: Optional[npt.ArrayLike] = None,
    linearization: bool = True,
    replicates: bool = True,
    progress: object = None,
    threads: int = 0,
) -> MicroAccumulator: ...
def micro_estimate(
    design: MicroDesign,
    statistic: str,
    numerator: tuple[str, npt.ArrayLike],
    denominator: Optional[tuple[str, npt.ArrayLike]],
    domains: npt.ArrayLike,
    domain_count: int,
    where: Optional[npt.ArrayLike] = None,
    variance: str = "linearization",
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    labels: list[str] = ...,
    deff: str = "none",
    progress: object = None,
    threads: int = 0,
    design_names: Optional[Callable[[str, int], str]] = None,
) -> dict[str, object]: ...

# Editions (python/src/edition.cpp).
_ConstantTuple = tuple[str, str, float, str, str, str]

class Edition:
    def __init__(self) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    def get(self, name: str) -> float: ...
    def source(self, name: str) -> str: ...
    def constants(self) -> list[_ConstantTuple]: ...
    def __getstate__(self) -> tuple[str, str, list[tuple[str, float, str]]]: ...
    def __setstate__(self, state: tuple[str, str, list[tuple[str, float, str]]]) -> None: ...

def edition_ids() -> list[str]: ...
def latest_hdr_edition_id() -> str: ...
def edition(id: str) -> Edition: ...
def custom_edition(base: Edition, id: str, overrides: list[tuple[str, float, str]]) -> Edition: ...

# The compute layer (python/src/indices.cpp). Report columns: index, edition,
# units, computed, summary, skipped (column dict), notes (column dict), missing
# (sentences naming the inputs no region-period has, when nothing is computed).
def write_file(path: _Path, data: bytes) -> None: ...
def write_files(outputs: list[tuple[_Path, bytes]]) -> None: ...
def index_names() -> list[str]: ...
def index_info(
    name: str,
) -> tuple[
    str, str, str, list[tuple[str, str]], str, str, bool, bool, str, list[list[list[tuple[str, list[str], bool]]]]
]: ...
def compute(
    index: str, ds: Dataset, edition: Edition, on_invalid: str = "raise", aggregate_prefix: str = "ZZ"
) -> tuple[Dataset, dict[str, object]]: ...
def priorities(
    index: str, ds: Dataset, edition: Edition, on_invalid: str = "raise"
) -> tuple[dict[str, object], dict[str, object], dict[str, object]]: ...
def component_label(component: str, lang: str = "en") -> str: ...
def round_half_up(values: npt.ArrayLike, digits: int) -> npt.NDArray[np.float64]: ...
def idg_implied_purchasing_power(
    edition: Edition,
    idg: npt.ArrayLike,
    parliament_share_f: npt.ArrayLike,
    professional_share_f: npt.ArrayLike,
    income_share_f: npt.ArrayLike,
    population_share_f: npt.ArrayLike,
) -> npt.NDArray[np.float64]: ...
def idg_income(
    edition: Edition, income_share_f: float, population_share_f: float, purchasing_power: float
) -> tuple[float, float, float, float]: ...
def aggregate(
    ds: Dataset,
    groups: list[tuple[str, list[str]]],
    components: list[tuple[str, str, str]],
    weight_indicator: str = "population",
    min_coverage: float = 0.0,
) -> tuple[Dataset, dict[str, object]]: ...
def indicator_label(indicator: str, lang: str = "en") -> str: ...
def sex_label(sex: str, lang: str = "en") -> str: ...
def decompose(
    index: str, ds: Dataset, edition: Edition, on_invalid: str = "skip"
) -> tuple[dict[str, Any], dict[str, Any], str, str]: ...
def scenario(
    ds: Dataset,
    region: list[str],
    period: list[int],
    sex: list[str],
    indicator: list[str],
    op: list[str],
    value: list[float],
    row: list[int],
    registry: Optional[IndicatorRegistry] = None,
) -> Dataset: ...
def step_priorities(
    index: str,
    ds: Dataset,
    edition: Edition,
    sex: list[str],
    indicator: list[str],
    op: list[str],
    value: list[float],
    row: list[int],
    on_invalid: str = "skip",
) -> tuple[dict[str, Any], dict[str, Any], str]: ...
def trend(
    index: str, ds: Dataset, edition: Edition, parity: float = ..., on_invalid: str = "skip"
) -> tuple[dict[str, Any], dict[str, Any], float]: ...
def edition_diff(
    index: str,
    old_data: Dataset,
    old_edition: Edition,
    new_data: Dataset,
    new_edition: Edition,
    on_invalid: str = "skip",
) -> tuple[dict[str, Any], dict[str, Any]]: ...
def elasticities(
    index: str, ds: Dataset, edition: Edition, on_invalid: str = "skip"
) -> tuple[dict[str, Any], dict[str, Any]]: ...
def rank_regions(
    ds: Dataset,
    indicator: str,
    within: Optional[RegionHierarchy] = None,
    digits: int = 2,
    ascending: bool = False,
    age_group: str = "",
) -> dict[str, object]: ...
def read_regions(
    regions: Union[str, os.PathLike[str]], aliases: Union[str, os.PathLike[str]] = ..., encoding: str = "auto"
) -> RegionHierarchy: ...
def read_bps_table(
    path: Union[str, os.PathLike[str]], indonesia: RegionHierarchy, registry: Optional[IndicatorRegistry] = None
) -> tuple[Dataset, list[str]]: ...
def micro_quantile(
    design: MicroDesign,
    variable: tuple[str, npt.ArrayLike],
    probabilities: list[float],
    domains: npt.ArrayLike,
    domain_count: int,
    where: Optional[npt.ArrayLike] = None,
    variance: str = "linearization",
    level: float = 0.95,
    df: Optional[float] = None,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    labels: list[str] = ...,
    progress: object = None,
    design_names: Optional[Callable[[str, int], str]] = None,
) -> dict[str, Any]: ...
def micro_pay_gap(
    design: MicroDesign,
    earnings: tuple[str, npt.ArrayLike],
    hours: Optional[tuple[str, npt.ArrayLike]],
    groups: npt.ArrayLike,
    group_count: int,
    male: npt.ArrayLike,
    where: Optional[npt.ArrayLike] = None,
    statistic: str = "median",
    variance: str = "linearization",
    level: float = 0.95,
    df: Optional[float] = None,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    labels: list[str] = ...,
    progress: object = None,
    design_names: Optional[Callable[[str, int], str]] = None,
) -> dict[str, Any]: ...
def read_sdmx_mapping(path: Union[str, os.PathLike[str]]) -> list[tuple[str, str, Optional[str]]]: ...
def read_sdmx_csv(
    path: Union[str, os.PathLike[str]],
    mapping: list[tuple[str, str, Optional[str]]],
    registry: Optional[IndicatorRegistry] = None,
    encoding: str = "auto",
) -> Dataset: ...
def format_sdmx_csv(ds: Dataset, dataflow: str, mapping: list[tuple[str, str, Optional[str]]]) -> str: ...
def micro_accumulate_index_inputs(
    design: MicroDesign,
    region: npt.ArrayLike,
    region_count: int,
    sex: npt.ArrayLike,
    region_name: str,
    sex_name: str,
    columns: dict[str, tuple[str, npt.ArrayLike]],
    schooling_age: float = 25.0,
    labour_age: float = 15.0,
    secondary_threshold: Optional[float] = None,
    upper_secondary_threshold: Optional[float] = None,
    adolescent_age_min: float = 15.0,
    adolescent_age_max: float = 19.0,
    linearization: bool = True,
    replicates: bool = True,
    progress: object = None,
    threads: int = 0,
) -> MicroAccumulator: ...
def micro_estimate_index_inputs(
    design: MicroDesign,
    region: npt.ArrayLike,
    region_count: int,
    sex: npt.ArrayLike,
    region_name: str,
    sex_name: str,
    columns: dict[str, tuple[str, npt.ArrayLike]],
    schooling_age: float,
    labour_age: float,
    secondary_threshold: Optional[float],
    upper_secondary_threshold: Optional[float],
    adolescent_age_min: float,
    adolescent_age_max: float,
    variance: str = "linearization",
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    region_names: list[str] = ...,
    period: Optional[int] = None,
    progress: object = None,
    threads: int = 0,
    design_names: Optional[Callable[[str, int], str]] = None,
) -> dict[str, object]: ...
def micro_index_inputs(
    accumulator: MicroAccumulator,
    variance: str = "linearization",
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    region_names: list[str] = ...,
    period: Optional[int] = None,
    progress: object = None,
    design_names: Optional[Callable[[str, int], str]] = None,
) -> dict[str, object]: ...

# One series of MicroIndexUncertainty.series (python/src/micro.cpp, series_list): per region. Functional
# syntax: test_stubs.py takes every class statement here for a class of the module.
_IndexSeries = TypedDict(  # noqa: UP013
    "_IndexSeries",
    {
        "indicator": str,
        "sex": str,
        "estimate": npt.NDArray[np.float64],
        "se": npt.NDArray[np.float64],
        "replicates": npt.NDArray[np.float64],  # replicates x regions
        "replicates_dropped": npt.NDArray[np.uint32],
        "problem": list[str],
    },
)

class MicroIndexUncertainty:
    def __init__(self) -> None: ...
    @property
    def replicate_spec(self) -> tuple[str, Optional[float], list[float], float, bool, bool]: ...
    @property
    def index(self) -> str: ...
    @property
    def edition(self) -> str: ...
    @property
    def regions(self) -> int: ...
    @property
    def variance(self) -> str: ...
    @property
    def replicate_count(self) -> int: ...
    @property
    def scale(self) -> float: ...
    @property
    def rscales(self) -> list[float]: ...
    @property
    def mse(self) -> bool: ...
    @property
    def seed(self) -> int: ...
    @property
    def series(self) -> list[_IndexSeries]: ...
    def select(self, codes: list[int]) -> MicroIndexUncertainty: ...
    def to_dataset(self, region_names: list[str], period: int) -> Dataset: ...
    def __getstate__(self) -> tuple[object, ...]: ...
    def __setstate__(self, state: tuple[object, ...]) -> None: ...

def micro_index_uncertainty(
    accumulator: MicroAccumulator,
    index: str,
    edition: Optional[str] = None,
    overrides: list[tuple[str, float]] = ...,
    given: dict[str, list[float]] = ...,
    variance: str = "bootstrap",
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    region_names: list[str] = ...,
    progress: object = None,
    design_names: Optional[Callable[[str, int], str]] = None,
) -> MicroIndexUncertainty: ...
def micro_index_change(
    earlier: MicroIndexUncertainty, later: MicroIndexUncertainty, assumption: str = "independent"
) -> list[dict[str, object]]: ...
