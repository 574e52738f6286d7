// gendex::micro for Python: a survey design over NumPy columns, one-call
// domain estimators, and accumulators (merge, archives/pickle). The facade in
// python/gendex/micro.py codes pandas columns and builds DataFrames; every
// number is computed here, in C++.
#include <pybind11/stl.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "bindings.hpp"
#include "gendex/micro/accumulate.hpp"
#include "gendex/micro/buffer_pool.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/design_codes.hpp"
#include "gendex/micro/domain_codes.hpp"
#include "gendex/micro/estimate.hpp"
#include "gendex/micro/index_input_scores.hpp"
#include "gendex/micro/index_uncertainty.hpp"
#include "gendex/micro/index_inputs.hpp"
#include "gendex/micro/pay_gap.hpp"
#include "gendex/micro/quantile.hpp"
#include "gendex/micro/to_dataset.hpp"

namespace gendex::python {
namespace {

/// ReplicateSpec as (type, scale or None, rscales, rho, mse, combined_weights), and back.
py::tuple spec_tuple(const micro::ReplicateSpec& spec) {
    const auto& [type, scale, rscales, rho, mse, combined_weights] = spec;
    return py::make_tuple(std::string(micro::to_string(type)), scale ? py::object(py::float_(*scale)) : py::none(),
                          rscales, rho, mse, combined_weights);
}

micro::ReplicateSpec spec_from_tuple(const py::tuple& t) {
    if (t.size() != 6) throw archive_error("MicroIndexUncertainty pickle: a replicate spec has 6 fields");
    micro::ReplicateSpec spec;
    spec.type = micro::parse_replicate_type(t[0].cast<std::string>());
    if (!t[1].is_none()) spec.scale = t[1].cast<double>();
    spec.rscales = t[2].cast<std::vector<double>>();
    spec.rho = t[3].cast<double>();
    spec.mse = t[4].cast<bool>();
    spec.combined_weights = t[5].cast<bool>();
    return spec;
}

using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using CodeArray = py::array_t<std::uint32_t, py::array::c_style | py::array::forcecast>;
using MaskArray = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

template <class T, int F>
std::span<const T> view(const py::array_t<T, F>& a) {
    if (a.ndim() != 1)
        throw value_error("expected a 1-dimensional array, got " + std::to_string(a.ndim()) + " dimensions");
    return {a.data(), static_cast<std::size_t>(a.size())};
}

/// A micro::Design and the NumPy arrays its spans point into (kept alive here).
struct PyDesign {
    DoubleArray weight;
    std::optional<CodeArray> strata, psu;
    std::vector<DoubleArray> replicate_columns;
    std::optional<DoubleArray> replicate_matrix;  // rows x replicates, C order
    std::optional<DoubleArray> fpc;
    std::unique_ptr<micro::Design> design;
};

std::unique_ptr<PyDesign> make_design(DoubleArray weight, std::optional<CodeArray> strata, std::optional<CodeArray> psu,
                                      std::string_view lonely_psu, const py::object& replicate_weights,
                                      std::string_view replicate_type, std::optional<double> scale,
                                      std::vector<double> rscales, double rho, bool mse, bool combined_weights,
                                      std::optional<DoubleArray> fpc, std::optional<micro::NestedPsus> nested,
                                      unsigned threads) {
    auto d = std::make_unique<PyDesign>();
    d->weight = std::move(weight);
    d->strata = std::move(strata);
    d->psu = std::move(psu);
    micro::DesignOptions options;
    options.lonely_psu = micro::parse_lonely_psu(lonely_psu);
    options.threads = threads;
    const auto strata_codes = d->strata ? view(*d->strata) : std::span<const micro::code32>{};
    const auto psu_codes = d->psu ? view(*d->psu) : std::span<const micro::code32>{};
    d->design =
        nested ? std::make_unique<micro::Design>(view(d->weight), strata_codes, psu_codes, std::move(*nested), options)
               : std::make_unique<micro::Design>(view(d->weight), strata_codes, psu_codes, options);
    if (fpc) {
        d->fpc = std::move(fpc);
        d->design->with_fpc(view(*d->fpc));
    }
    if (replicate_weights.is_none()) return d;
    micro::ReplicateSpec spec;
    spec.type = micro::parse_replicate_type(replicate_type);
    spec.scale = scale;
    spec.rscales = std::move(rscales);
    spec.rho = rho;
    spec.mse = mse;
    spec.combined_weights = combined_weights;
    micro::ReplicateWeights rw;
    if (py::isinstance<py::list>(replicate_weights) || py::isinstance<py::tuple>(replicate_weights)) {
        std::vector<std::span<const double>> cols;
        for (const auto& c : replicate_weights) {
            d->replicate_columns.push_back(c.cast<DoubleArray>());
            cols.push_back(view(d->replicate_columns.back()));
        }
        rw = micro::ReplicateWeights::columns(cols);
    } else {
        d->replicate_matrix = replicate_weights.cast<DoubleArray>();
        const auto& m = *d->replicate_matrix;
        if (m.ndim() != 2) throw value_error("replicate weights must be a 2-dimensional array (rows x replicates)");
        rw = micro::ReplicateWeights::row_major(m.data(), static_cast<std::size_t>(m.shape(0)),
                                                static_cast<std::size_t>(m.shape(1)));
    }
    d->design->with_replicates(std::move(rw), std::move(spec));
    return d;
}

/// Variables arrive as (name, values) pairs.
struct Columns {
    std::vector<DoubleArray> arrays;
    std::vector<micro::Variable> variables;
};

Columns columns(const std::vector<std::pair<std::string, DoubleArray>>& pairs) {
    Columns c;
    c.arrays.reserve(pairs.size());
    for (const auto& [name, values] : pairs) {
        c.arrays.push_back(values);
        c.variables.push_back({name, view(c.arrays.back())});
    }
    return c;
}

/// The design's names of its stratum and PSU codes in messages, from the Python callable
/// names(role, code) -> str with role "stratum" or "psu" (None: the codes). Called only to word an
/// error, with the GIL taken back; borrowed, as the call that passes it outlives the estimate.
micro::DesignNames design_names_argument(const py::object& names) {
    if (names.is_none()) return {};
    PyObject* f = names.ptr();
    const auto name = [f](const char* role) {
        return [f, role](micro::code32 code) {
            py::gil_scoped_acquire gil;
            return py::handle(f)(role, code).cast<std::string>();
        };
    };
    return {name("stratum"), name("psu")};
}

micro::EstimateOptions estimate_options(std::string_view variance, const std::optional<std::string>& lonely_psu,
                                        std::string_view empty, std::uint32_t replicates, std::uint64_t seed,
                                        bool bootstrap_mse, std::vector<std::string> labels,
                                        const py::object& design_names) {
    micro::EstimateOptions o;
    o.design_names = design_names_argument(design_names);
    o.variance = micro::parse_variance(variance);
    if (lonely_psu) o.lonely_psu = micro::parse_lonely_psu(*lonely_psu);
    if (empty == "error")
        o.empty_domain = micro::EmptyDomain::error;
    else if (empty == "no_estimate")
        o.empty_domain = micro::EmptyDomain::no_estimate;
    else
        throw value_error("unknown empty-domain option '" + std::string(empty) + "' (use error or no_estimate)");
    o.bootstrap.replicates = replicates;
    o.bootstrap.seed = seed;
    o.bootstrap.mse = bootstrap_mse;
    if (!labels.empty())
        o.domain_name = [labels = std::move(labels)](micro::code32 d) {
            return d < labels.size() ? labels[d] : "domain " + std::to_string(d);
        };
    return o;
}

py::dict to_dict(const micro::Estimates& e) {
    py::dict out;
    const std::size_t n = e.size();
    out["statistic"] = e.statistic;
    out["variable"] = e.variable;
    out["denominator"] = e.denominator;
    out["variance"] = std::string(micro::to_string(e.variance));
    out["estimate"] = column_array<double>(n, [&](std::size_t i) { return e.estimate[i]; });
    out["se"] = column_array<double>(e.se.size(), [&](std::size_t i) { return e.se[i]; });
    out["rows"] = column_array<std::uint64_t>(n, [&](std::size_t i) { return e.rows[i]; });
    out["weight_sum"] = column_array<double>(n, [&](std::size_t i) { return e.weight_sum[i]; });
    py::list status;
    for (auto s : e.status) status.append(std::string(micro::to_string(s)));
    out["status"] = status;
    out["replicates_dropped"] = column_array<std::uint32_t>(e.replicates_dropped.size(),
                                                            [&](std::size_t i) { return e.replicates_dropped[i]; });
    out["replicates_used"] = e.replicates_used;
    out["deff"] = column_array<double>(e.deff.size(), [&](std::size_t i) { return e.deff[i]; });
    return out;
}

micro::Estimates estimate_from(const micro::Accumulator& acc, std::string_view statistic, std::string_view numerator,
                               const std::optional<std::string>& denominator, const micro::EstimateOptions& o) {
    if (statistic == "total") return micro::total(acc, numerator, o);
    if (statistic == "mean") return micro::mean(acc, numerator, o);
    if (statistic == "proportion") return micro::proportion(acc, numerator, o);
    if (statistic == "ratio") {
        if (!denominator) throw value_error("a ratio needs a denominator");
        return micro::ratio(acc, numerator, *denominator, o);
    }
    throw value_error("unknown statistic '" + std::string(statistic) + "' (use total, mean, proportion or ratio)");
}

/// A vector handed to NumPy without a copy (the array owns it).
template <class T>
py::array_t<T> owned_array(std::vector<T>&& v) {
    auto* heap = new std::vector<T>(std::move(v));
    py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return py::array_t<T>(static_cast<py::ssize_t>(heap->size()), heap->data(), owner);
}

/// A new array of `n` values whose buffer comes from, and goes back to, the pass's buffer pool
/// (buffer_pool.hpp): a row-sized code column reused by the next call without the kernel clearing it.
template <class T>
py::array_t<T> pooled_array(std::size_t n) {
    struct Owned {
        void* data;
        std::size_t bytes;
    };
    const std::size_t bytes = std::max<std::size_t>(n * sizeof(T), 1);
    auto owned = std::make_unique<Owned>(Owned{micro::detail::BufferPool::instance().take(bytes), bytes});
    auto* data = static_cast<T*>(owned->data);
    py::capsule owner(owned.get(), [](void* p) {
        std::unique_ptr<Owned> o(static_cast<Owned*>(p));
        micro::detail::BufferPool::instance().give(o->data, o->bytes);
    });
    owned.release();  // the capsule owns it now
    return py::array_t<T>(static_cast<py::ssize_t>(n), data, owner);
}

/// A by-column as an integer span of its own width, read in place (C-contiguous arrays; others are copied).
micro::KeyColumn key_column(std::string name, py::array& values, bool negative_is_missing) {
    if (values.ndim() != 1)
        throw value_error("column '" + name + "': expected a 1-dimensional array, got " +
                          std::to_string(values.ndim()) + " dimensions");
    if (!(values.flags() & py::array::c_style)) values = py::array::ensure(values, py::array::c_style);
    const auto n = static_cast<std::size_t>(values.size());
    const char kind = values.dtype().kind();
    const auto width = static_cast<std::size_t>(values.itemsize());
    const void* data = values.data();
    micro::KeyColumn c{std::move(name), {}, negative_is_missing};
    bool viewed = false;
    auto view_as = [&]<class T>(T*) {  // booleans are bytes 0/1: unsigned
        if (!viewed && kind == (std::is_signed_v<T> ? 'i' : (kind == 'b' ? 'b' : 'u')) && width == sizeof(T)) {
            c.values = std::span<const T>(static_cast<const T*>(data), n);
            viewed = true;
        }
    };
    using Widths = std::tuple<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t, std::uint16_t,
                              std::uint32_t, std::uint64_t>;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (view_as(static_cast<std::tuple_element_t<I, Widths>*>(nullptr)), ...);
    }
    (std::make_index_sequence<std::tuple_size_v<Widths>>{});
    if (!viewed)
        throw value_error("column '" + c.name + "': by-columns are coded from integers or booleans, got dtype kind '" +
                          std::string(1, kind) + "'");
    return c;
}

// ----------------------------------------------------------------- index inputs and uncertainty

/// How often a long run looks up from its work (run_control.hpp): Ctrl-C stops it within this, and a
/// progress bar moves at this pace, while taking the GIL stays rare.
constexpr std::chrono::milliseconds check_interval{50};

/// The Progress of every long run: at most every check_interval (and when a step ends) it takes the
/// GIL, lets Ctrl-C stop the run (PyErr_CheckSignals; the KeyboardInterrupt leaves the core as an
/// exception) and calls `callable(done, total)` unless it is None. The callable must outlive the
/// returned function (it is the caller's argument).
micro::Progress progress_argument(const py::object& callable) {
    PyObject* f = callable.is_none() ? nullptr : callable.ptr();  // borrowed: no reference counting without the GIL
    auto last = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
    return [f, last](std::uint64_t done, std::uint64_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (done < total && now - *last < check_interval) return;
        *last = now;
        py::gil_scoped_acquire gil;
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
        if (f == nullptr) return;
        const py::handle callable_handle(f);
        callable_handle(done, total);
    };
}

/// "region=X, sex=female" labels of region x sex domains, for messages.
std::function<std::string(micro::code32)> region_sex_names(std::vector<std::string> regions) {
    if (regions.empty()) return {};
    return [regions = std::move(regions)](micro::code32 d) {
        const std::string r = d / 2 < regions.size() ? regions[d / 2] : std::to_string(d / 2);
        return "region " + r + ", " + (d % 2 == 0 ? "female" : "male");
    };
}

py::list to_list(const micro::IndexInputEstimates& e) {
    py::list out;
    for (const auto& x : e.indicators) {
        py::dict d;
        d["indicator"] = x.indicator;
        d["female_only"] = x.female_only;
        d["estimate"] = column_array<double>(x.estimate.size(), [&](std::size_t i) { return x.estimate[i]; });
        d["se"] = column_array<double>(x.se.size(), [&](std::size_t i) { return x.se[i]; });
        py::list status;
        for (auto st : x.status) status.append(std::string(micro::to_string(st)));
        d["status"] = status;
        d["replicates_dropped"] = column_array<std::uint32_t>(x.replicates_dropped.size(),
                                                              [&](std::size_t i) { return x.replicates_dropped[i]; });
        out.append(d);
    }
    return out;
}

/// An index-input call's result: the indicators and, with a period, their Dataset.
py::dict index_input_result(const micro::IndexInputEstimates& e, std::optional<Dataset> ds) {
    py::dict out;
    out["indicators"] = to_list(e);
    out["dataset"] = ds ? py::cast(std::move(*ds)) : py::none();
    out["replicates_used"] = e.replicates_used;
    return out;
}

/// Person columns by role: {role: (column name, values)}.
using PersonColumnArrays = std::map<std::string, std::pair<std::string, DoubleArray>>;

/// The person columns of the index inputs (views of the arrays: they must outlive the result).
micro::PersonColumns person_columns(const CodeArray& region, const MaskArray& sex, std::string region_name,
                                    std::string sex_name, const PersonColumnArrays& columns) {
    micro::PersonColumns c;
    c.region = view(region);
    c.sex = view(sex);
    c.region_name = std::move(region_name);
    c.sex_name = std::move(sex_name);
    const std::map<std::string, micro::NamedColumn micro::PersonColumns::*> slots{
        {"age", &micro::PersonColumns::age},
        {"schooling", &micro::PersonColumns::schooling},
        {"education", &micro::PersonColumns::education},
        {"labour_force", &micro::PersonColumns::labour_force},
        {"earnings", &micro::PersonColumns::earnings},
        {"births_outside_facility", &micro::PersonColumns::births_outside_facility},
        {"first_birth_before_20", &micro::PersonColumns::first_birth_before_20},
        {"adolescent_births", &micro::PersonColumns::adolescent_births},
    };
    for (const auto& [role, column] : columns) {
        auto it = slots.find(role);
        if (it == slots.end())
            throw key_error(Location{.key = std::string(role)}, "unknown person column role '" + role + "'");
        c.*(it->second) = micro::NamedColumn{column.first, view(column.second)};
    }
    return c;
}

/// The index-input options of the ages and thresholds (None: a threshold's indicator is not built).
micro::IndexInputOptions index_input_options(micro::code32 region_count, double schooling_age, double labour_age,
                                             std::optional<double> secondary_threshold,
                                             std::optional<double> upper_secondary_threshold, double adolescent_age_min,
                                             double adolescent_age_max) {
    micro::IndexInputOptions o;
    o.regions = region_count;
    o.schooling_age = schooling_age;
    o.labour_age = labour_age;
    o.secondary_threshold = secondary_threshold.value_or(std::numeric_limits<double>::quiet_NaN());
    o.upper_secondary_threshold = upper_secondary_threshold.value_or(std::numeric_limits<double>::quiet_NaN());
    o.adolescent_age_min = adolescent_age_min;
    o.adolescent_age_max = adolescent_age_max;
    return o;
}

/// Given inputs from a {name: [values]} mapping; unknown names are errors.
micro::GivenInputs given_argument(const std::map<std::string, std::vector<double>>& given) {
    micro::GivenInputs g;
    const std::map<std::string, std::vector<double> micro::GivenInputs::*> slots{
        {"life_expectancy_f", &micro::GivenInputs::life_expectancy_f},
        {"life_expectancy_m", &micro::GivenInputs::life_expectancy_m},
        {"expected_schooling_f", &micro::GivenInputs::expected_schooling_f},
        {"expected_schooling_m", &micro::GivenInputs::expected_schooling_m},
        {"maternal_mortality", &micro::GivenInputs::maternal_mortality},
        {"adolescent_birth_rate", &micro::GivenInputs::adolescent_birth_rate},
        {"parliament_share_f", &micro::GivenInputs::parliament_share_f},
        {"parliament_share_m", &micro::GivenInputs::parliament_share_m},
        {"gni_per_capita", &micro::GivenInputs::gni_per_capita},
        {"per_capita_expenditure", &micro::GivenInputs::per_capita_expenditure},
    };
    for (const auto& [name, values] : given) {
        auto it = slots.find(name);
        if (it == slots.end()) {
            std::string known;
            for (const auto& [k, v] : slots) known += (known.empty() ? "" : ", ") + k;
            throw key_error(Location{.key = std::string(name)},
                            "unknown given input '" + name + "' (known: " + known + ")");
        }
        g.*(it->second) = values;
    }
    return g;
}

py::array_t<double> replicate_matrix(const micro::IndexSeries& s, std::uint32_t replicates, micro::code32 regions) {
    py::array_t<double> out({static_cast<py::ssize_t>(replicates), static_cast<py::ssize_t>(regions)});
    std::copy(s.replicates.begin(), s.replicates.end(), out.mutable_data());
    return out;
}

py::list series_list(const micro::IndexUncertainty& u) {
    py::list out;
    for (const auto& s : u.series) {
        py::dict d;
        d["indicator"] = s.indicator;
        d["sex"] = std::string(to_string(s.sex));
        d["estimate"] = column_array<double>(s.estimate.size(), [&](std::size_t i) { return s.estimate[i]; });
        d["se"] = column_array<double>(s.se.size(), [&](std::size_t i) { return s.se[i]; });
        d["replicates"] = replicate_matrix(s, u.replicate_count, u.regions);
        d["replicates_dropped"] = column_array<std::uint32_t>(s.replicates_dropped.size(),
                                                              [&](std::size_t i) { return s.replicates_dropped[i]; });
        d["problem"] = s.problem;
        out.append(d);
    }
    return out;
}

/// The double vector as a NumPy array (copied).
py::array_t<double> doubles(const std::vector<double>& v) {
    return column_array<double>(v.size(), [&](std::size_t i) { return v[i]; });
}

py::list status_list(const std::vector<micro::EstimateStatus>& s) {
    py::list out;
    for (auto x : s) out.append(std::string(micro::to_string(x)));
    return out;
}

/// micro_quantile and micro_pay_gap (gendex/micro/quantile.hpp, pay_gap.hpp).
void register_quantiles(py::module_& m) {
    m.def(
        "micro_quantile",
        [](const PyDesign& d, const std::pair<std::string, DoubleArray>& variable, std::vector<double> probabilities,
           const CodeArray& domains, micro::code32 domain_count, const std::optional<MaskArray>& where,
           std::string_view variance, double level, std::optional<double> df,
           const std::optional<std::string>& lonely_psu, std::string_view empty, std::uint32_t replicates,
           std::uint64_t seed, bool bootstrap_mse, std::vector<std::string> labels, const py::object& progress,
           const py::object& design_names) {
            const Columns c = columns({variable});
            auto o = estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, std::move(labels),
                                      design_names);
            o.progress = progress_argument(progress);
            micro::QuantileOptions q;
            q.probabilities = std::move(probabilities);
            q.level = level;
            q.df = df;
            micro::Quantiles r;
            {
                py::gil_scoped_release release;
                const micro::Domains by(*d.design, view(domains), domain_count);
                if (where) o.where = view(*where);
                r = micro::quantile(*d.design, by, c.variables[0], q, o);
            }
            py::dict out;
            out["variance"] = std::string(micro::to_string(r.variance));
            for (const auto& [name, v] : {std::pair{"estimate", &r.estimate},
                                          {"lower", &r.lower},
                                          {"upper", &r.upper},
                                          {"se", &r.se},
                                          {"cdf", &r.cdf},
                                          {"cdf_se", &r.cdf_se},
                                          {"df", &r.df}})
                out[name] = doubles(*v);
            py::list interval;
            for (auto s : r.interval) interval.append(std::string(micro::to_string(s)));
            out["interval"] = interval;
            out["rows"] = column_array<std::uint64_t>(r.rows.size(), [&](std::size_t i) { return r.rows[i]; });
            out["status"] = status_list(r.status);
            out["replicates_dropped"] = column_array<std::uint32_t>(
                r.replicates_dropped.size(), [&](std::size_t i) { return r.replicates_dropped[i]; });
            return out;
        },
        py::arg("design"), py::arg("variable"), py::arg("probabilities"), py::arg("domains"), py::arg("domain_count"),
        py::arg("where") = py::none(), py::arg("variance") = "linearization", py::arg("level") = 0.95,
        py::arg("df") = py::none(), py::arg("lonely_psu") = py::none(), py::arg("empty") = "error",
        py::arg("replicates") = 100, py::arg("seed") = 1, py::arg("bootstrap_mse") = false,
        py::arg("labels") = std::vector<std::string>{}, py::arg("progress") = py::none(),
        py::arg("design_names") = py::none(),
        "Domain quantiles (R's svyquantile, qrule math) with Woodruff intervals; arrays domain-major by probability.");

    m.def(
        "micro_pay_gap",
        [](const PyDesign& d, const std::pair<std::string, DoubleArray>& earnings,
           const std::optional<std::pair<std::string, DoubleArray>>& hours, const CodeArray& groups,
           micro::code32 group_count, const MaskArray& male, const std::optional<MaskArray>& where,
           std::string_view statistic, std::string_view variance, double level, std::optional<double> df,
           const std::optional<std::string>& lonely_psu, std::string_view empty, std::uint32_t replicates,
           std::uint64_t seed, bool bootstrap_mse, std::vector<std::string> labels, const py::object& progress,
           const py::object& design_names) {
            std::vector<std::pair<std::string, DoubleArray>> pairs{earnings};
            if (hours) pairs.push_back(*hours);
            const Columns c = columns(pairs);
            auto o = estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, std::move(labels),
                                      design_names);
            o.progress = progress_argument(progress);
            micro::PayGapOptions g;
            g.statistic = micro::parse_pay_gap_statistic(statistic);
            g.level = level;
            g.df = df;
            micro::PayGaps r;
            {
                py::gil_scoped_release release;
                if (where) o.where = view(*where);
                std::vector<double> hourly;
                if (hours) {
                    hourly = micro::hourly_earnings(c.variables[0], c.variables[1], o.where);
                } else {
                    hourly.assign(c.variables[0].values.begin(), c.variables[0].values.end());
                }
                const micro::Variable v{"hourly_earnings", hourly};
                r = micro::pay_gap(*d.design, view(groups), group_count, view(male), v, g, o);
            }
            py::dict out;
            out["variance"] = std::string(micro::to_string(r.variance));
            out["gap"] = doubles(r.gap);
            out["se"] = doubles(r.se);
            out["female"] = doubles(r.female);
            out["male"] = doubles(r.male);
            out["female_rows"] =
                column_array<std::uint64_t>(r.female_rows.size(), [&](std::size_t i) { return r.female_rows[i]; });
            out["male_rows"] =
                column_array<std::uint64_t>(r.male_rows.size(), [&](std::size_t i) { return r.male_rows[i]; });
            out["status"] = status_list(r.status);
            out["replicates_dropped"] = column_array<std::uint32_t>(
                r.replicates_dropped.size(), [&](std::size_t i) { return r.replicates_dropped[i]; });
            return out;
        },
        py::arg("design"), py::arg("earnings"), py::arg("hours"), py::arg("groups"), py::arg("group_count"),
        py::arg("male"), py::arg("where") = py::none(), py::arg("statistic") = "median",
        py::arg("variance") = "linearization", py::arg("level") = 0.95, py::arg("df") = py::none(),
        py::arg("lonely_psu") = py::none(), py::arg("empty") = "error", py::arg("replicates") = 100,
        py::arg("seed") = 1, py::arg("bootstrap_mse") = false, py::arg("labels") = std::vector<std::string>{},
        py::arg("progress") = py::none(), py::arg("design_names") = py::none(),
        "Gender pay gap (men - women) / men x 100 of hourly earnings per group, with its standard error.");
}

}  // namespace

void register_micro(py::module_& m) {
    py::class_<PyDesign>(m, "MicroDesign", "A survey design over NumPy columns (see gendex.micro.Design).")
        .def(py::init(&make_design), py::arg("weight"), py::arg("strata") = py::none(), py::arg("psu") = py::none(),
             py::arg("lonely_psu") = "fail", py::arg("replicate_weights") = py::none(),
             py::arg("replicate_type") = "bootstrap", py::arg("scale") = py::none(),
             py::arg("rscales") = std::vector<double>{}, py::arg("rho") = 0.0, py::arg("mse") = false,
             py::arg("combined_weights") = true, py::arg("fpc") = py::none(), py::arg("nested") = py::none(),
             py::arg("threads") = 0)
        .def_property_readonly("rows", [](const PyDesign& d) { return d.design->rows(); })
        .def_property_readonly("has_psu", [](const PyDesign& d) { return d.design->has_psu(); })
        .def_property_readonly("has_replicates", [](const PyDesign& d) { return d.design->has_replicates(); })
        .def_property_readonly("strata_count", [](const PyDesign& d) { return d.design->strata_count(); })
        .def_property_readonly("psu_count", [](const PyDesign& d) { return d.design->psu_count(); });

    py::class_<micro::Accumulator>(m, "MicroAccumulator",
                                   "Mergeable weighted sums by domain (see gendex.micro.Accumulator).")
        .def_property_readonly("variables", &micro::Accumulator::variables)
        .def_property_readonly("domain_count", &micro::Accumulator::domain_count)
        .def_property_readonly("has_cells", &micro::Accumulator::has_cells)
        .def_property_readonly("replicate_count", &micro::Accumulator::replicate_count)
        .def(
            "merge", [](micro::Accumulator& a, const micro::Accumulator& b) { a.merge(b); }, py::arg("other"))
        .def(
            "estimate",
            [](const micro::Accumulator& acc, std::string_view statistic, std::string_view numerator,
               const std::optional<std::string>& denominator, std::string_view variance,
               const std::optional<std::string>& lonely_psu, std::string_view empty, std::uint32_t replicates,
               std::uint64_t seed, bool bootstrap_mse, std::vector<std::string> labels, const py::object& progress,
               std::string_view deff, const py::object& design_names) {
                auto o = estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse,
                                          std::move(labels), design_names);
                o.progress = progress_argument(progress);
                o.design_effect = micro::parse_design_effect(deff);
                micro::Estimates e;
                {
                    py::gil_scoped_release release;
                    e = estimate_from(acc, statistic, numerator, denominator, o);
                }
                return to_dict(e);
            },
            py::arg("statistic"), py::arg("numerator"), py::arg("denominator") = py::none(),
            py::arg("variance") = "linearization", py::arg("lonely_psu") = py::none(), py::arg("empty") = "error",
            py::arg("replicates") = 100, py::arg("seed") = 1, py::arg("bootstrap_mse") = false,
            py::arg("labels") = std::vector<std::string>{}, py::arg("progress") = py::none(), py::arg("deff") = "none",
            py::arg("design_names") = py::none())
        .def(
            "to_archive",
            [](const micro::Accumulator& a, std::string_view format) {
                return py::bytes(micro::to_archive(a, archive_format_argument(format)));
            },
            py::arg("format") = "binary")
        .def_static(
            "from_archive",
            [](const py::bytes& data, std::string_view name) {
                return micro::accumulator_from_archive(std::string_view(data), name);
            },
            py::arg("data"), py::arg("name") = "archive")
        .def("__eq__", [](const micro::Accumulator& a, const micro::Accumulator& b) { return a == b; });

    m.def(
        "micro_domain_codes",
        [](std::vector<std::tuple<std::string, py::array, bool>> columns, const std::optional<MaskArray>& where,
           std::size_t rows, unsigned threads) {
            std::vector<micro::KeyColumn> keys;
            for (auto& [name, values, missing] : columns) keys.push_back(key_column(name, values, missing));
            py::array_t<micro::code32> codes = pooled_array<micro::code32>(rows);
            micro::DomainList d;
            {
                py::gil_scoped_release release;
                d = micro::code_domains(keys, where ? view(*where) : std::span<const std::uint8_t>{},
                                        std::span<micro::code32>(codes.mutable_data(), rows), threads);
            }
            std::vector<std::int64_t> first(d.first_row.begin(), d.first_row.end());
            return py::make_tuple(codes, d.count, owned_array(std::move(first)));
        },
        py::arg("columns"), py::arg("where"), py::arg("rows"), py::arg("threads") = 0,
        "Dense domain codes of (name, integer array, negative_is_missing) by-columns, in sorted order of the "
        "value tuples present where 'where' is set: (codes per row, domain count, first row of each domain). On "
        "'threads' threads (0: every core), the same codes for any number.");

    py::class_<micro::NestedPsus>(m, "MicroNestedPsus",
                                  "The stratum of every PSU code, from micro_code_design (for MicroDesign).")
        .def_property_readonly("strata_count", &micro::NestedPsus::strata_count);

    m.def(
        "micro_code_design",
        [](std::optional<std::tuple<std::string, py::array, bool>> strata, std::tuple<std::string, py::array, bool> psu,
           std::size_t rows, unsigned threads) {
            // key_column may put a contiguous copy in the tuple's array: the tuples hold it during the coding.
            std::optional<micro::KeyColumn> strata_key;
            if (strata) {
                auto& [name, values, missing] = *strata;
                strata_key = key_column(name, values, missing);
            }
            auto& [psu_name, psu_values, psu_missing] = psu;
            const micro::KeyColumn psu_key = key_column(psu_name, psu_values, psu_missing);
            py::array_t<micro::code32> psu_codes = pooled_array<micro::code32>(rows);
            py::array_t<micro::code32> strata_codes = pooled_array<micro::code32>(strata ? rows : 0);
            std::optional<micro::CodedDesign> coded;
            {
                py::gil_scoped_release release;
                coded = micro::code_design(strata_key ? &*strata_key : nullptr, psu_key,
                                           std::span<micro::code32>(strata_codes.mutable_data(), strata ? rows : 0),
                                           std::span<micro::code32>(psu_codes.mutable_data(), rows), threads);
            }
            const auto rows_of = [](const std::vector<std::size_t>& v) {
                return owned_array(std::vector<std::int64_t>(v.begin(), v.end()));
            };
            return py::make_tuple(strata ? py::object(strata_codes) : py::none(), psu_codes, std::move(coded->nested),
                                  rows_of(coded->stratum_row), rows_of(coded->psu_row));
        },
        py::arg("strata"), py::arg("psu"), py::arg("rows"), py::arg("threads") = 0,
        "Stratum and PSU codes of a design from its (name, integer array, negative_is_missing) columns, PSU ids "
        "coded within strata: (strata codes or None, PSU codes, MicroNestedPsus, a row of each stratum, the "
        "first row of each PSU). On 'threads' threads (0: every core), the same codes for any number.");

    m.def(
        "micro_small_values",
        [](std::string name, py::array values, bool missing, std::uint64_t max_range) -> py::object {
            const micro::KeyColumn key = key_column(std::move(name), values, missing);
            std::optional<micro::SmallValues> s;
            {
                py::gil_scoped_release release;
                s = micro::small_values(key, max_range);
            }
            if (!s) return py::none();
            return py::make_tuple(s->low, owned_array(std::move(s->first_row)));
        },
        py::arg("name"), py::arg("values"), py::arg("negative_is_missing"), py::arg("max_range"),
        "(low, first row of each value - low, -1: absent) of an integer column whose range is at most "
        "max_range, else None.");

    m.def(
        "micro_look_up",
        [](std::string name, py::array values, std::uint64_t low, const MaskArray& table) {
            const micro::KeyColumn key = key_column(std::move(name), values, false);
            py::array_t<std::uint8_t> out = pooled_array<std::uint8_t>(key.size());
            {
                py::gil_scoped_release release;
                micro::look_up(key, low, view(table), std::span<std::uint8_t>(out.mutable_data(), key.size()));
            }
            return out;
        },
        py::arg("name"), py::arg("values"), py::arg("low"), py::arg("table"),
        "table[value - low] of every row of an integer column, as uint8.");

    m.def(
        "micro_accumulate",
        [](const PyDesign& d, const std::vector<std::pair<std::string, DoubleArray>>& variables,
           const CodeArray& domains, micro::code32 domain_count, const std::optional<MaskArray>& where,
           bool linearization, bool replicates, const py::object& progress, unsigned threads) {
            const Columns c = columns(variables);
            micro::AccumulateOptions o;
            o.progress = progress_argument(progress);
            o.threads = threads;
            py::gil_scoped_release release;
            const micro::Domains by(*d.design, view(domains), domain_count);
            if (where) o.where = view(*where);
            o.linearization = linearization;
            o.replicates = replicates;
            o.moments = true;  // the design effects of estimates from the accumulator
            return micro::accumulate(*d.design, by, c.variables, o);
        },
        py::arg("design"), py::arg("variables"), py::arg("domains"), py::arg("domain_count"),
        py::arg("where") = py::none(), py::arg("linearization") = true, py::arg("replicates") = true,
        py::arg("progress") = py::none(), py::arg("threads") = 0,
        "One pass over the rows into a MicroAccumulator; threads 0: every core.");

    m.def(
        "micro_estimate",
        [](const PyDesign& d, std::string_view statistic, const std::pair<std::string, DoubleArray>& numerator,
           const std::optional<std::pair<std::string, DoubleArray>>& denominator, const CodeArray& domains,
           micro::code32 domain_count, const std::optional<MaskArray>& where, std::string_view variance,
           const std::optional<std::string>& lonely_psu, std::string_view empty, std::uint32_t replicates,
           std::uint64_t seed, bool bootstrap_mse, std::vector<std::string> labels, std::string_view deff,
           const py::object& progress, unsigned threads, const py::object& design_names) {
            std::vector<std::pair<std::string, DoubleArray>> pairs{numerator};
            if (denominator) pairs.push_back(*denominator);
            const Columns c = columns(pairs);
            auto o = estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, std::move(labels),
                                      design_names);
            o.design_effect = micro::parse_design_effect(deff);
            o.progress = progress_argument(progress);
            o.threads = threads;
            micro::Estimates e;
            {
                py::gil_scoped_release release;
                const micro::Domains by(*d.design, view(domains), domain_count);
                if (where) o.where = view(*where);
                if (statistic == "total")
                    e = micro::total(*d.design, by, c.variables[0], o);
                else if (statistic == "mean")
                    e = micro::mean(*d.design, by, c.variables[0], o);
                else if (statistic == "proportion")
                    e = micro::proportion(*d.design, by, c.variables[0], o);
                else if (statistic == "ratio" && c.variables.size() == 2)
                    e = micro::ratio(*d.design, by, c.variables[0], c.variables[1], o);
                else
                    throw value_error("unknown statistic '" + std::string(statistic) +
                                      "' or missing denominator (use total, mean, proportion or ratio)");
            }
            return to_dict(e);
        },
        py::arg("design"), py::arg("statistic"), py::arg("numerator"), py::arg("denominator"), py::arg("domains"),
        py::arg("domain_count"), py::arg("where") = py::none(), py::arg("variance") = "linearization",
        py::arg("lonely_psu") = py::none(), py::arg("empty") = "error", py::arg("replicates") = 100,
        py::arg("seed") = 1, py::arg("bootstrap_mse") = false, py::arg("labels") = std::vector<std::string>{},
        py::arg("deff") = "none", py::arg("progress") = py::none(), py::arg("threads") = 0,
        py::arg("design_names") = py::none(),
        "Domain estimates straight from rows (one pass; design effects in a second); threads 0: every core.");
    m.def(
        "micro_accumulate_index_inputs",
        [](const PyDesign& d, const CodeArray& region, micro::code32 region_count, const MaskArray& sex,
           std::string region_name, std::string sex_name, const PersonColumnArrays& columns, double schooling_age,
           double labour_age, std::optional<double> secondary_threshold,
           std::optional<double> upper_secondary_threshold, double adolescent_age_min, double adolescent_age_max,
           bool linearization, bool replicates, const py::object& progress, unsigned threads) {
            const micro::PersonColumns c =
                person_columns(region, sex, std::move(region_name), std::move(sex_name), columns);
            micro::IndexInputOptions o =
                index_input_options(region_count, schooling_age, labour_age, secondary_threshold,
                                    upper_secondary_threshold, adolescent_age_min, adolescent_age_max);
            o.linearization = linearization;
            o.replicates = replicates;
            o.progress = progress_argument(progress);
            o.threads = threads;
            py::gil_scoped_release release;
            return micro::accumulate_index_inputs(*d.design, c, o);
        },
        py::arg("design"), py::arg("region"), py::arg("region_count"), py::arg("sex"), py::arg("region_name"),
        py::arg("sex_name"), py::arg("columns"), py::arg("schooling_age") = micro::IndexInputOptions{}.schooling_age,
        py::arg("labour_age") = micro::IndexInputOptions{}.labour_age, py::arg("secondary_threshold") = py::none(),
        py::arg("upper_secondary_threshold") = py::none(),
        py::arg("adolescent_age_min") = micro::IndexInputOptions{}.adolescent_age_min,
        py::arg("adolescent_age_max") = micro::IndexInputOptions{}.adolescent_age_max, py::arg("linearization") = true,
        py::arg("replicates") = true, py::arg("progress") = py::none(), py::arg("threads") = 0,
        "One pass over person rows into an index-input MicroAccumulator (region x sex domains); threads 0: every "
        "core.");

    m.def(
        "micro_estimate_index_inputs",
        [](const PyDesign& d, const CodeArray& region, micro::code32 region_count, const MaskArray& sex,
           std::string region_name, std::string sex_name, const PersonColumnArrays& columns, double schooling_age,
           double labour_age, std::optional<double> secondary_threshold,
           std::optional<double> upper_secondary_threshold, double adolescent_age_min, double adolescent_age_max,
           std::string_view variance, const std::optional<std::string>& lonely_psu, std::string_view empty,
           std::uint32_t replicates, std::uint64_t seed, bool bootstrap_mse, std::vector<std::string> region_names,
           std::optional<std::int32_t> period, const py::object& progress, unsigned threads,
           const py::object& design_names) {
            const micro::PersonColumns c =
                person_columns(region, sex, std::move(region_name), std::move(sex_name), columns);
            micro::IndexInputOptions io =
                index_input_options(region_count, schooling_age, labour_age, secondary_threshold,
                                    upper_secondary_threshold, adolescent_age_min, adolescent_age_max);
            io.threads = threads;
            auto o = estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, {}, design_names);
            o.domain_name = region_sex_names(region_names);
            o.threads = threads;
            const micro::Progress report = progress_argument(progress);
            micro::IndexInputEstimates e;
            std::optional<Dataset> ds;
            {
                py::gil_scoped_release release;
                e = micro::estimate_index_inputs(*d.design, c, io, o, report);
                if (period) ds = micro::to_dataset(e, region_names, *period);
            }
            return index_input_result(e, std::move(ds));
        },
        py::arg("design"), py::arg("region"), py::arg("region_count"), py::arg("sex"), py::arg("region_name"),
        py::arg("sex_name"), py::arg("columns"), py::arg("schooling_age"), py::arg("labour_age"),
        py::arg("secondary_threshold"), py::arg("upper_secondary_threshold"), py::arg("adolescent_age_min"),
        py::arg("adolescent_age_max"), py::arg("variance") = "linearization", py::arg("lonely_psu") = py::none(),
        py::arg("empty") = "error", py::arg("replicates") = 100, py::arg("seed") = 1, py::arg("bootstrap_mse") = false,
        py::arg("region_names") = std::vector<std::string>{}, py::arg("period") = py::none(),
        py::arg("progress") = py::none(), py::arg("threads") = 0, py::arg("design_names") = py::none(),
        "Estimates of the standard index inputs by region x sex straight from person rows (linearised SEs from the "
        "rows' scores, without a cell per PSU and domain), and their Dataset; threads 0: every core.");

    m.def(
        "micro_index_inputs",
        [](const micro::Accumulator& acc, std::string_view variance, const std::optional<std::string>& lonely_psu,
           std::string_view empty, std::uint32_t replicates, std::uint64_t seed, bool bootstrap_mse,
           std::vector<std::string> region_names, std::optional<std::int32_t> period, const py::object& progress,
           const py::object& design_names) {
            auto o = estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, {}, design_names);
            o.domain_name = region_sex_names(region_names);
            const micro::Progress report = progress_argument(progress);
            micro::IndexInputEstimates e;
            std::optional<Dataset> ds;
            {
                py::gil_scoped_release release;
                e = micro::estimate_index_inputs(acc, o, report);
                if (period) ds = micro::to_dataset(e, region_names, *period);
            }
            return index_input_result(e, std::move(ds));
        },
        py::arg("accumulator"), py::arg("variance") = "linearization", py::arg("lonely_psu") = py::none(),
        py::arg("empty") = "error", py::arg("replicates") = 100, py::arg("seed") = 1, py::arg("bootstrap_mse") = false,
        py::arg("region_names") = std::vector<std::string>{}, py::arg("period") = py::none(),
        py::arg("progress") = py::none(), py::arg("design_names") = py::none(),
        "Estimates of the standard index inputs by region x sex, and their Dataset.");

    py::class_<micro::IndexUncertainty>(m, "MicroIndexUncertainty",
                                        "An index per region on the full sample and every replicate, with SEs.")
        .def_property_readonly("index",
                               [](const micro::IndexUncertainty& u) { return std::string(to_string(u.index)); })
        .def_readonly("edition", &micro::IndexUncertainty::edition)
        .def_readonly("regions", &micro::IndexUncertainty::regions)
        .def_property_readonly("variance",
                               [](const micro::IndexUncertainty& u) { return std::string(to_string(u.variance)); })
        .def_readonly("replicate_count", &micro::IndexUncertainty::replicate_count)
        .def_readonly("scale", &micro::IndexUncertainty::scale)
        .def_readonly("rscales", &micro::IndexUncertainty::rscales)
        .def_readonly("mse", &micro::IndexUncertainty::mse)
        .def_readonly("seed", &micro::IndexUncertainty::seed)
        .def_property_readonly("series", &series_list)
        .def(
            "select",
            [](const micro::IndexUncertainty& u, const std::vector<micro::code32>& codes) { return u.select(codes); },
            py::arg("codes"))
        .def(
            "to_dataset",
            [](const micro::IndexUncertainty& u, const std::vector<std::string>& region_names, std::int32_t period) {
                return micro::to_dataset(u, region_names, period);
            },
            py::arg("region_names"), py::arg("period"))
        .def_property_readonly("replicate_spec", [](const micro::IndexUncertainty& u) { return spec_tuple(u.spec); })
        .def(py::pickle(
            [](const micro::IndexUncertainty& u) {
                // Every field by name: a field added to these types does not compile here until it crosses.
                const auto& [index, edition, regions, variance, replicate_count, scale, rscales, mse, seed, spec,
                             series] = u;
                py::list series_state;
                for (const auto& s : series) {
                    const auto& [indicator, sex, estimate, replicates, se, replicates_dropped, problem] = s;
                    series_state.append(py::make_tuple(indicator, static_cast<int>(sex), estimate, replicates, se,
                                                       replicates_dropped, problem));
                }
                return py::make_tuple(2, static_cast<int>(index), edition, regions, static_cast<int>(variance),
                                      replicate_count, scale, rscales, mse, seed, series_state, spec_tuple(spec));
            },
            [](const py::tuple& t) {
                // Layout 1 (before the replicate spec crossed) has 11 items; 2 adds the spec.
                const int layout = t.size() > 0 ? t[0].cast<int>() : 0;
                if (!((layout == 1 && t.size() == 11) || (layout == 2 && t.size() == 12)))
                    throw archive_error("MicroIndexUncertainty pickle: unknown layout");
                micro::IndexUncertainty u;
                const int index = t[1].cast<int>(), variance = t[4].cast<int>();
                if (index < 0 || index > 3 || (variance != 2 && variance != 3))
                    throw archive_error("MicroIndexUncertainty pickle: invalid index or variance code");
                u.index = static_cast<micro::SurveyIndex>(index);
                u.edition = t[2].cast<std::string>();
                u.regions = t[3].cast<micro::code32>();
                u.variance = static_cast<micro::Variance>(variance);
                u.replicate_count = t[5].cast<std::uint32_t>();
                u.scale = t[6].cast<double>();
                u.rscales = t[7].cast<std::vector<double>>();
                u.mse = t[8].cast<bool>();
                u.seed = t[9].cast<std::uint64_t>();
                const std::size_t G = u.regions, R = u.replicate_count;
                for (const auto& item : t[10].cast<py::list>()) {
                    const auto st = item.cast<py::tuple>();
                    micro::IndexSeries s;
                    s.indicator = st[0].cast<std::string>();
                    const int sex = st[1].cast<int>();
                    if (sex < 0 || sex > 2) throw archive_error("MicroIndexUncertainty pickle: invalid sex code");
                    s.sex = static_cast<Sex>(sex);
                    s.estimate = st[2].cast<std::vector<double>>();
                    s.replicates = st[3].cast<std::vector<double>>();
                    s.se = st[4].cast<std::vector<double>>();
                    s.replicates_dropped = st[5].cast<std::vector<std::uint32_t>>();
                    s.problem = st[6].cast<std::vector<std::string>>();
                    if (s.estimate.size() != G || s.se.size() != G || s.replicates_dropped.size() != G ||
                        s.problem.size() != G || s.replicates.size() != G * R)
                        throw archive_error("MicroIndexUncertainty pickle: series lengths do not match");
                    u.series.push_back(std::move(s));
                }
                if (layout == 2) u.spec = spec_from_tuple(t[11].cast<py::tuple>());
                return u;
            }));

    m.def(
        "micro_index_uncertainty",
        [](const micro::Accumulator& acc, std::string_view index, const std::optional<std::string>& edition_id,
           const std::vector<std::pair<std::string, double>>& overrides,
           const std::map<std::string, std::vector<double>>& given, std::string_view variance,
           const std::optional<std::string>& lonely_psu, std::string_view empty, std::uint32_t replicates,
           std::uint64_t seed, bool bootstrap_mse, std::vector<std::string> region_names, const py::object& progress,
           const py::object& design_names) {
            const micro::SurveyIndex which = micro::parse_survey_index(index);
            const std::string base(edition_id ? *edition_id : std::string(micro::default_edition(which)));
            Edition ed = edition(base);
            if (!overrides.empty()) {
                std::vector<ConstantOverride> o;
                for (const auto& [name, value] : overrides) o.push_back({name, value, ""});
                ed = custom_edition(ed, base + "+overrides", o);
            }
            micro::IndexOptions o;
            o.estimate =
                estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, {}, design_names);
            if (!region_names.empty())
                o.region_name = [names = region_names](micro::code32 g) {
                    return "region " + (g < names.size() ? names[g] : std::to_string(g));
                };
            o.progress = progress_argument(progress);
            const micro::GivenInputs g = given_argument(given);
            py::gil_scoped_release release;
            return micro::index_uncertainty(ed, which, acc, g, o);
        },
        py::arg("accumulator"), py::arg("index"), py::arg("edition") = py::none(),
        py::arg("overrides") = std::vector<std::pair<std::string, double>>{},
        py::arg("given") = std::map<std::string, std::vector<double>>{}, py::arg("variance") = "bootstrap",
        py::arg("lonely_psu") = py::none(), py::arg("empty") = "error", py::arg("replicates") = 100,
        py::arg("seed") = 1, py::arg("bootstrap_mse") = false, py::arg("region_names") = std::vector<std::string>{},
        py::arg("progress") = py::none(), py::arg("design_names") = py::none(),
        "An index (gii, ikg, gdi, ipg) per region with replicate standard errors.");

    m.def(
        "micro_index_change",
        [](const micro::IndexUncertainty& earlier, const micro::IndexUncertainty& later, std::string_view assumption) {
            const auto changes = micro::index_change(earlier, later, micro::parse_change_assumption(assumption));
            py::list out;
            for (const auto& c : changes) {
                py::dict d;
                d["indicator"] = c.indicator;
                d["sex"] = std::string(to_string(c.sex));
                auto arr = [](const std::vector<double>& v) {
                    return column_array<double>(v.size(), [&](std::size_t i) { return v[i]; });
                };
                d["earlier"] = arr(c.earlier);
                d["later"] = arr(c.later);
                d["change"] = arr(c.change);
                d["se"] = arr(c.se);
                out.append(d);
            }
            return out;
        },
        py::arg("earlier"), py::arg("later"), py::arg("assumption") = "independent",
        "later - earlier per region with its standard error.");

    register_quantiles(m);
}

}  // namespace gendex::python
