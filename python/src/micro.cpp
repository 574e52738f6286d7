// gendex::micro for Python: a survey design over NumPy columns, one-call
// domain estimators, and accumulators (merge, archives/pickle). The facade in
// python/gendex/micro.py codes pandas columns and builds DataFrames; every
// number is computed here, in C++.
#include <pybind11/stl.h>

#include <memory>
#include <optional>

#include "bindings.hpp"
#include "gendex/micro/accumulate.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/estimate.hpp"

namespace gendex::python {
namespace {

using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using CodeArray = py::array_t<std::uint32_t, py::array::c_style | py::array::forcecast>;
using MaskArray = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

template <class T, int F>
std::span<const T> view(const py::array_t<T, F>& a) {
    if (a.ndim() != 1) throw value_error("expected a 1-dimensional array, got " + std::to_string(a.ndim()) + " dimensions");
    return {a.data(), static_cast<std::size_t>(a.size())};
}

/// A micro::Design and the NumPy arrays its spans point into (kept alive here).
struct PyDesign {
    DoubleArray weight;
    std::optional<CodeArray> strata, psu;
    std::vector<DoubleArray> replicate_columns;
    std::optional<DoubleArray> replicate_matrix;  // rows x replicates, C order
    std::unique_ptr<micro::Design> design;
};

std::unique_ptr<PyDesign> make_design(DoubleArray weight, std::optional<CodeArray> strata, std::optional<CodeArray> psu,
                                      std::string_view lonely_psu, const py::object& replicate_weights,
                                      std::string_view replicate_type, std::optional<double> scale,
                                      std::vector<double> rscales, double rho, bool mse, bool combined_weights) {
    auto d = std::make_unique<PyDesign>();
    d->weight = std::move(weight);
    d->strata = std::move(strata);
    d->psu = std::move(psu);
    micro::DesignOptions options;
    options.lonely_psu = micro::parse_lonely_psu(lonely_psu);
    d->design = std::make_unique<micro::Design>(view(d->weight),
                                                d->strata ? view(*d->strata) : std::span<const micro::code32>{},
                                                d->psu ? view(*d->psu) : std::span<const micro::code32>{}, options);
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

micro::EstimateOptions estimate_options(std::string_view variance, const std::optional<std::string>& lonely_psu,
                                        std::string_view empty, std::uint32_t replicates, std::uint64_t seed,
                                        bool bootstrap_mse, std::vector<std::string> labels) {
    micro::EstimateOptions o;
    o.variance = micro::parse_variance(variance);
    if (lonely_psu) o.lonely_psu = micro::parse_lonely_psu(*lonely_psu);
    if (empty == "error") o.empty_domain = micro::EmptyDomain::error;
    else if (empty == "no_estimate") o.empty_domain = micro::EmptyDomain::no_estimate;
    else throw value_error("unknown empty-domain option '" + std::string(empty) + "' (use error or no_estimate)");
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
    out["replicates_dropped"] =
        column_array<std::uint32_t>(e.replicates_dropped.size(), [&](std::size_t i) { return e.replicates_dropped[i]; });
    out["replicates_used"] = e.replicates_used;
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

}  // namespace

void register_micro(py::module_& m) {
    py::class_<PyDesign>(m, "MicroDesign", "A survey design over NumPy columns (see gendex.micro.Design).")
        .def(py::init(&make_design), py::arg("weight"), py::arg("strata") = py::none(), py::arg("psu") = py::none(),
             py::arg("lonely_psu") = "fail", py::arg("replicate_weights") = py::none(),
             py::arg("replicate_type") = "bootstrap", py::arg("scale") = py::none(),
             py::arg("rscales") = std::vector<double>{}, py::arg("rho") = 0.0, py::arg("mse") = false,
             py::arg("combined_weights") = true)
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
        .def("merge", [](micro::Accumulator& a, const micro::Accumulator& b) { a.merge(b); }, py::arg("other"))
        .def(
            "estimate",
            [](const micro::Accumulator& acc, std::string_view statistic, std::string_view numerator,
               const std::optional<std::string>& denominator, std::string_view variance,
               const std::optional<std::string>& lonely_psu, std::string_view empty, std::uint32_t replicates,
               std::uint64_t seed, bool bootstrap_mse, std::vector<std::string> labels) {
                const auto o = estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse,
                                                std::move(labels));
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
            py::arg("labels") = std::vector<std::string>{})
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
        "micro_accumulate",
        [](const PyDesign& d, const std::vector<std::pair<std::string, DoubleArray>>& variables, const CodeArray& domains,
           micro::code32 domain_count, const std::optional<MaskArray>& where, bool linearization, bool replicates) {
            const Columns c = columns(variables);
            py::gil_scoped_release release;
            const micro::Domains by(*d.design, view(domains), domain_count);
            micro::AccumulateOptions o;
            if (where) o.where = view(*where);
            o.linearization = linearization;
            o.replicates = replicates;
            return micro::accumulate(*d.design, by, c.variables, o);
        },
        py::arg("design"), py::arg("variables"), py::arg("domains"), py::arg("domain_count"),
        py::arg("where") = py::none(), py::arg("linearization") = true, py::arg("replicates") = true,
        "One pass over the rows into a MicroAccumulator.");

    m.def(
        "micro_estimate",
        [](const PyDesign& d, std::string_view statistic, const std::pair<std::string, DoubleArray>& numerator,
           const std::optional<std::pair<std::string, DoubleArray>>& denominator, const CodeArray& domains,
           micro::code32 domain_count, const std::optional<MaskArray>& where, std::string_view variance,
           const std::optional<std::string>& lonely_psu, std::string_view empty, std::uint32_t replicates,
           std::uint64_t seed, bool bootstrap_mse, std::vector<std::string> labels) {
            std::vector<std::pair<std::string, DoubleArray>> pairs{numerator};
            if (denominator) pairs.push_back(*denominator);
            const Columns c = columns(pairs);
            auto o = estimate_options(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, std::move(labels));
            micro::Estimates e;
            {
                py::gil_scoped_release release;
                const micro::Domains by(*d.design, view(domains), domain_count);
                if (where) o.where = view(*where);
                if (statistic == "total") e = micro::total(*d.design, by, c.variables[0], o);
                else if (statistic == "mean") e = micro::mean(*d.design, by, c.variables[0], o);
                else if (statistic == "proportion") e = micro::proportion(*d.design, by, c.variables[0], o);
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
        "Domain estimates straight from rows (one pass).");
}

}  // namespace gendex::python
