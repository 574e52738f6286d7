// The compute layer: every index of the index table over a Dataset, with the
// invalid-input policy and the report, UNDP's regional aggregates, and the
// priorities: each component of an index at parity (analysis/priorities.hpp).
// Reports come back as plain columns; python/gendex/frames.py makes frames.
#include <pybind11/stl.h>

#include <tuple>

#include "bindings.hpp"
#include "gendex/analysis/priorities.hpp"
#include "gendex/compute.hpp"
#include "gendex/rounding.hpp"

namespace gendex::python {
namespace {

py::dict report_columns(const ComputeReport& r) {
    py::dict out;
    out["index"] = r.index;
    out["edition"] = r.edition;
    out["units"] = r.units;
    out["computed"] = r.computed;
    out["summary"] = r.summary();
    py::list region, indicator, sex, problem, reason;
    for (const auto& s : r.skipped) {
        region.append(s.region), indicator.append(s.indicator), sex.append(std::string(to_string(s.sex)));
        problem.append(std::string(to_string(s.problem))), reason.append(s.reason);
    }
    py::dict skipped;
    skipped["region"] = region;
    skipped["period"] =
        column_array<std::int32_t>(r.skipped.size(), [&](std::size_t i) { return r.skipped[i].period; });
    skipped["indicator"] = indicator;
    skipped["sex"] = sex;
    skipped["problem"] = problem;
    skipped["reason"] = reason;
    out["skipped"] = skipped;
    py::list note_region, note;
    for (const auto& n : r.notes) note_region.append(n.region), note.append(n.note);
    py::dict notes;
    notes["region"] = note_region;
    notes["period"] = column_array<std::int32_t>(r.notes.size(), [&](std::size_t i) { return r.notes[i].period; });
    notes["note"] = note;
    out["notes"] = notes;
    out["missing"] = py::cast(r.missing);
    return out;
}

/// (rows as columns, notes as columns, report columns).
py::tuple priority_columns(const Priorities& g) {
    const std::size_t n = g.rows.size();
    py::dict rows;
    py::list region, component;
    for (const auto& r : g.rows) region.append(r.region), component.append(r.component);
    rows["region"] = region;
    rows["period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return g.rows[i].period; });
    rows["index"] = py::list(py::cast(std::vector<std::string>(n, g.index)));
    rows["component"] = component;
    rows["value"] = column_array<double>(n, [&](std::size_t i) { return g.rows[i].value; });
    rows["at_parity"] = column_array<double>(n, [&](std::size_t i) { return g.rows[i].at_parity; });
    rows["gain"] = column_array<double>(n, [&](std::size_t i) { return g.rows[i].gain; });
    rows["rank"] = column_array<std::int32_t>(n, [&](std::size_t i) { return g.rows[i].rank; });
    py::dict notes;
    py::list note_region, note;
    for (const auto& x : g.notes) note_region.append(x.region), note.append(x.note);
    notes["region"] = note_region;
    notes["period"] = column_array<std::int32_t>(g.notes.size(), [&](std::size_t i) { return g.notes[i].period; });
    notes["note"] = note;
    return py::make_tuple(rows, notes, report_columns(g.report));
}

py::list column_pairs(const std::vector<AlignedColumn>& columns) {
    py::list out;
    for (const auto& c : columns) out.append(py::make_tuple(c.indicator, std::string(to_string(c.sex))));
    return out;
}

/// Requirements as lists: [[[(indicator, [sex, ...], optional), ...] per alternative] per requirement].
py::list requirement_lists(const InputRequirements& requirements) {
    py::list out;
    for (const InputRequirement& r : requirements) {
        py::list alternatives;
        for (const InputAlternative& a : r.alternatives) {
            py::list inputs;
            for (const RequiredInput& in : a) {
                py::list sexes;
                for (Sex sex : in.sexes) sexes.append(std::string(to_string(sex)));
                inputs.append(py::make_tuple(in.indicator, sexes, in.optional));
            }
            alternatives.append(inputs);
        }
        out.append(alternatives);
    }
    return out;
}

std::string_view display_order_name(IndexDescriptor::Order o) {
    switch (o) {
        case IndexDescriptor::Order::highest_first: return "highest_first";
        case IndexDescriptor::Order::lowest_first: return "lowest_first";
        case IndexDescriptor::Order::nearest_one_first: return "nearest_one_first";
    }
    return "highest_first";
}

}  // namespace

void register_indices(py::module_& m) {
    m.def("index_names", &index_names, "Names of the indices the compute layer knows, in table order.");
    m.def(
        "index_info",
        [](std::string_view name) {
            const IndexDescriptor& d = index_descriptor(name);
            return py::make_tuple(std::string(d.name), std::string(d.title), describe(*d.inputs),
                                  column_pairs(d.outputs), std::string(d.publisher), std::string(d.default_edition),
                                  d.parity != nullptr, d.survey, std::string(display_order_name(d.display)),
                                  requirement_lists(*d.inputs));
        },
        py::arg("name"),
        "(name, title, inputs as text, outputs as (indicator, sex) pairs headline first, publisher, default "
        "edition, has parity components, has a survey path, display order: highest_first, lowest_first or "
        "nearest_one_first, inputs as requirements: each a list of alternatives, each a list of (indicator, "
        "sexes, optional)).");
    m.def(
        "compute",
        [](std::string_view index, const Dataset& ds, const Edition& ed, std::string_view on_invalid,
           std::string aggregate_prefix) {
            ComputeOptions options;
            options.on_invalid = parse_on_invalid(on_invalid);
            options.aggregate_prefix = std::move(aggregate_prefix);
            const IndexDescriptor& d = index_descriptor(index);
            IndexResult r;
            {
                py::gil_scoped_release release;
                r = d.compute(ds, ed, options);
            }
            return py::make_tuple(std::move(r.values), report_columns(r.report));
        },
        py::arg("index"), py::arg("ds"), py::arg("edition"), py::arg("on_invalid") = "raise",
        py::arg("aggregate_prefix") = "ZZ", "Compute an index over every region-period: (Dataset, report columns).");
    m.def(
        "priorities",
        [](std::string_view index, const Dataset& ds, const Edition& ed, std::string_view on_invalid) {
            ComputeOptions options;
            options.on_invalid = parse_on_invalid(on_invalid);
            Priorities g;
            {
                py::gil_scoped_release release;
                g = priorities(index, ds, ed, options);
            }
            return priority_columns(g);
        },
        py::arg("index"), py::arg("ds"), py::arg("edition"), py::arg("on_invalid") = "raise",
        "Each component of gdi, gii, ipg or ikg at parity: (rows, notes, report) as columns.");
    using Column = py::array_t<double, py::array::c_style | py::array::forcecast>;
    m.def(
        "idg_implied_purchasing_power",
        [](const Edition& ed, const Column& idg, const Column& parliament_f, const Column& professional_f,
           const Column& income_f, const Column& population_share_f) {
            const std::size_t n = static_cast<std::size_t>(idg.size());
            for (const Column* c : {&parliament_f, &professional_f, &income_f, &population_share_f})
                if (static_cast<std::size_t>(c->size()) != n)
                    throw value_error("idg_implied_purchasing_power: the five columns differ in length");
            return column_array<double>(n, [&](std::size_t i) {
                return bps::idg_implied_purchasing_power(ed, idg.data()[i], parliament_f.data()[i],
                                                         professional_f.data()[i], income_f.data()[i],
                                                         population_share_f.data()[i]);
            });
        },
        py::arg("edition"), py::arg("idg"), py::arg("parliament_share_f"), py::arg("professional_share_f"),
        py::arg("income_share_f"), py::arg("population_share_f"),
        "The old-method purchasing power (thousand Rp) each published IDG implies "
        "(bps::idg_implied_purchasing_power).");
    m.def(
        "idg_income",
        [](const Edition& ed, double income_share_f, double population_share_f, double purchasing_power) {
            const auto v = bps::idg_income(ed, income_share_f, population_share_f, purchasing_power);
            return std::make_tuple(v.proportional_share_f, v.proportional_share_m, v.income_ede, v.income_index);
        },
        py::arg("edition"), py::arg("income_share_f"), py::arg("population_share_f"), py::arg("purchasing_power"),
        "The IDG income step: (proportional share f, proportional share m, X_ede, income index).");
    m.def(
        "round_half_up",
        [](py::array_t<double, py::array::c_style | py::array::forcecast> values, int digits) {
            const std::size_t n = static_cast<std::size_t>(values.size());
            const double* x = values.data();
            detail::check_digits(digits);
            return column_array<double>(n, [&](std::size_t i) { return round_half_up(x[i], digits); });
        },
        py::arg("values"), py::arg("digits"),
        "Values rounded half up (away from zero) to `digits` decimals as publishers print them; decimal ties "
        "stored slightly below their value (2.675) count as ties.");
    m.def(
        "component_label",
        [](std::string_view component, std::string_view lang) {
            return component_label(component, parse_language(lang));
        },
        py::arg("component"), py::arg("lang") = "en", "A priorities component's name in en or id.");
    m.def(
        "aggregate",
        [](const Dataset& ds, const std::vector<std::pair<std::string, std::vector<std::string>>>& groups,
           const std::vector<std::tuple<std::string, std::string, std::string>>& components,
           std::string weight_indicator, double min_coverage) {
            std::vector<AggregateGroup> g;
            for (const auto& [code, members] : groups) g.push_back({code, members});
            AggregateOptions options;
            options.weight_indicator = std::move(weight_indicator);
            options.min_coverage = min_coverage;
            if (!components.empty()) {
                options.components.clear();
                for (const auto& [indicator, sex, age] : components)
                    options.components.push_back({indicator, sex_argument(sex), age});
            }
            AggregateResult r;
            {
                py::gil_scoped_release release;
                r = aggregate(ds, g, options);
            }
            return py::make_tuple(std::move(r.values), report_columns(r.report));
        },
        py::arg("ds"), py::arg("groups"), py::arg("components"), py::arg("weight_indicator") = "population",
        py::arg("min_coverage") = 0.0,
        "Population-weighted component means of each (code, members) group: (Dataset, report columns). "
        "No components: the HDI components with UNDP's weights.");
}

}  // namespace gendex::python
