// Analyses over a Dataset: align, parity, audit, roll-up. Each returns plain
// columns (lists and NumPy arrays); python/gendex/frames.py makes DataFrames.
#include <pybind11/stl.h>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "bindings.hpp"
#include "gendex/align.hpp"
#include "gendex/analysis/decomposition.hpp"
#include "gendex/analysis/edition_diff.hpp"
#include "gendex/analysis/elasticity.hpp"
#include "gendex/analysis/rank.hpp"
#include "gendex/analysis/scenario.hpp"
#include "gendex/analysis/step_priorities.hpp"
#include "gendex/analysis/trend.hpp"
#include "gendex/audit.hpp"
#include "gendex/parity.hpp"
#include "gendex/rollup.hpp"

namespace gendex::python {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// (columns, region, period, values, present): values and present are
/// units x columns arrays viewing the C++ table, which the arrays keep alive.
py::tuple align_columns(const Dataset& ds, const std::vector<std::pair<std::string, std::string>>& wanted,
                        std::string_view age_group) {
    std::vector<AlignedColumn> columns;
    for (const auto& [indicator, sex] : wanted) columns.push_back({indicator, sex_argument(sex)});
    std::unique_ptr<AlignedTable> table;
    {
        py::gil_scoped_release release;
        table = std::make_unique<AlignedTable>(align(ds, columns, age_group));
    }
    AlignedTable* t = table.get();
    py::capsule owner(table.release(), [](void* p) { delete static_cast<AlignedTable*>(p); });
    const auto units = static_cast<py::ssize_t>(t->units());
    const auto ncol = static_cast<py::ssize_t>(t->columns.size());
    // Eigen arrays are column-major: Fortran strides.
    py::array values(py::dtype::of<double>(), {units, ncol},
                     {static_cast<py::ssize_t>(sizeof(double)), static_cast<py::ssize_t>(sizeof(double)) * units},
                     t->values.data(), owner);
    py::array present(py::dtype::of<bool>(), {units, ncol},
                      {static_cast<py::ssize_t>(sizeof(bool)), static_cast<py::ssize_t>(sizeof(bool)) * units},
                      t->present.data(), owner);
    py::list names;
    for (const auto& c : t->columns) names.append(py::make_tuple(c.indicator, std::string(to_string(c.sex))));
    auto period = column_array<std::int32_t>(t->units(), [&](std::size_t u) { return t->period[u]; });
    return py::make_tuple(names, py::cast(t->region), period, values, present);
}

py::dict parity_columns(const Dataset& ds, const std::vector<std::string>& indicators, std::string_view age_group) {
    std::vector<ParityRow> rows;
    {
        py::gil_scoped_release release;
        rows = parity(ds, indicators, age_group);
    }
    const std::size_t n = rows.size();
    py::dict out;
    py::list region, indicator;
    for (const auto& r : rows) region.append(r.region), indicator.append(r.indicator);
    out["region"] = region;
    out["period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].period; });
    out["indicator"] = indicator;
    out["female"] = column_array<double>(n, [&](std::size_t i) { return rows[i].female; });
    out["male"] = column_array<double>(n, [&](std::size_t i) { return rows[i].male; });
    out["ratio"] = column_array<double>(n, [&](std::size_t i) { return rows[i].ratio; });
    out["difference"] = column_array<double>(n, [&](std::size_t i) { return rows[i].difference; });
    out["adjusted_gpi"] = column_array<double>(n, [&](std::size_t i) { return rows[i].adjusted_gpi; });
    return out;
}

py::dict rank_columns(const Dataset& ds, std::string_view indicator, const RegionHierarchy* within, int digits,
                      bool ascending, std::string_view age_group) {
    RankOptions options;
    options.within = within;
    options.digits = digits;
    options.order = ascending ? RankOrder::ascending : RankOrder::descending;
    options.age_group = std::string(age_group);
    std::vector<RankRow> rows;
    {
        py::gil_scoped_release release;
        rows = rank_regions(ds, indicator, options);
    }
    const std::size_t n = rows.size();
    py::dict out;
    py::list region, group, sex;
    for (const auto& r : rows)
        region.append(r.region), group.append(r.group), sex.append(std::string(to_string(r.sex)));
    out["region"] = region;
    out["group"] = group;
    out["period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].period; });
    out["sex"] = sex;
    out["value"] = column_array<double>(n, [&](std::size_t i) { return rows[i].value; });
    out["rank"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].rank; });
    out["of"] = column_array<std::int64_t>(n, [&](std::size_t i) { return static_cast<std::int64_t>(rows[i].of); });
    return out;
}

py::dict summary_columns(const std::vector<AuditSummaryRow>& rows) {
    const std::size_t n = rows.size();
    py::dict out;
    py::list by, key;
    for (const auto& r : rows) by.append(r.by), key.append(r.key);
    out["by"] = by;
    out["key"] = key;
    auto count = [&](std::size_t AuditSummaryRow::*field) {
        return column_array<std::int64_t>(n, [&](std::size_t i) { return static_cast<std::int64_t>(rows[i].*field); });
    };
    out["units"] = count(&AuditSummaryRow::units);
    out["disaggregated"] = count(&AuditSummaryRow::disaggregated);
    out["complement"] = count(&AuditSummaryRow::complement);
    out["total_only"] = count(&AuditSummaryRow::total_only);
    out["partial"] = count(&AuditSummaryRow::partial);
    out["missing"] = count(&AuditSummaryRow::missing);
    out["sum_mismatch"] = count(&AuditSummaryRow::sum_mismatch);
    out["percent_disaggregated"] =
        column_array<double>(n, [&](std::size_t i) { return rows[i].percent_disaggregated(); });
    return out;
}

/// (rows, by_indicator, by_level) as column dicts. sum_gap is NaN where the
/// sum was not checked (C++ leaves 0 there, which reads like a perfect match).
py::tuple audit_columns(const Dataset& ds, const std::vector<std::string>& expected, double sum_tolerance,
                        const RegionHierarchy* hierarchy, const IndicatorRegistry* registry) {
    AuditOptions options;
    options.expected_indicators = expected;
    options.sum_tolerance = sum_tolerance;
    options.hierarchy = hierarchy;
    const IndicatorRegistry& reg = registry_argument(registry);
    AuditReport report;
    {
        py::gil_scoped_release release;
        report = audit(ds, options, reg);
    }
    const auto& rows = report.rows;
    const std::size_t n = rows.size();
    py::dict out;
    py::list region, indicator, age_group, coverage, sum_check;
    for (const auto& r : rows) {
        region.append(r.region), indicator.append(r.indicator), age_group.append(r.age_group);
        coverage.append(std::string(to_string(r.coverage))), sum_check.append(std::string(to_string(r.sum_check)));
    }
    out["region"] = region;
    out["period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].period; });
    out["indicator"] = indicator;
    out["age_group"] = age_group;
    out["coverage"] = coverage;
    out["has_female"] = column_array<bool>(n, [&](std::size_t i) { return rows[i].has_female; });
    out["has_male"] = column_array<bool>(n, [&](std::size_t i) { return rows[i].has_male; });
    out["has_total"] = column_array<bool>(n, [&](std::size_t i) { return rows[i].has_total; });
    out["sum_check"] = sum_check;
    out["sum_gap"] = column_array<double>(
        n, [&](std::size_t i) { return rows[i].sum_check == SumCheck::not_applicable ? nan : rows[i].sum_gap; });
    return py::make_tuple(out, summary_columns(report.by_indicator), summary_columns(report.by_level));
}

/// (Dataset of rolled-up values, report columns). rolled_up, given and
/// difference are NaN where C++ marks them meaningless (incomplete, absent).
py::tuple rollup_columns(const Dataset& ds, const RegionHierarchy& hierarchy, std::string_view indicator,
                         std::string weight_indicator, bool weight_by_same_sex, double tolerance,
                         const IndicatorRegistry* registry) {
    RollupOptions options;
    options.weight_indicator = std::move(weight_indicator);
    options.weight_by_same_sex = weight_by_same_sex;
    options.tolerance = tolerance;
    const IndicatorRegistry& reg = registry_argument(registry);
    RollupResult result;
    {
        py::gil_scoped_release release;
        result = rollup(ds, hierarchy, indicator, options, reg);
    }
    const auto& rows = result.report;
    const std::size_t n = rows.size();
    py::dict out;
    py::list parent, sex, age_group;
    for (const auto& r : rows)
        parent.append(r.parent), sex.append(std::string(to_string(r.sex))), age_group.append(r.age_group);
    out["parent"] = parent;
    out["period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].period; });
    out["sex"] = sex;
    out["age_group"] = age_group;
    out["children_used"] =
        column_array<std::int64_t>(n, [&](std::size_t i) { return std::int64_t(rows[i].children_used); });
    out["children_total"] =
        column_array<std::int64_t>(n, [&](std::size_t i) { return std::int64_t(rows[i].children_total); });
    out["complete"] = column_array<bool>(n, [&](std::size_t i) { return rows[i].complete; });
    out["rolled_up"] =
        column_array<double>(n, [&](std::size_t i) { return rows[i].complete ? rows[i].rolled_up : nan; });
    out["has_given"] = column_array<bool>(n, [&](std::size_t i) { return rows[i].has_given; });
    out["given"] = column_array<double>(n, [&](std::size_t i) { return rows[i].has_given ? rows[i].given : nan; });
    out["difference"] =
        column_array<double>(n, [&](std::size_t i) { return rows[i].has_given ? rows[i].difference : nan; });
    out["flagged"] = column_array<bool>(n, [&](std::size_t i) { return rows[i].flagged; });
    return py::make_tuple(std::move(result.values), out);
}

/// region, period, note columns of units an analysis names.
py::dict note_columns(const std::vector<UnitNote>& notes) {
    py::dict out;
    py::list region, note;
    for (const auto& x : notes) region.append(x.region), note.append(x.note);
    out["region"] = region;
    out["period"] = column_array<std::int32_t>(notes.size(), [&](std::size_t i) { return notes[i].period; });
    out["note"] = note;
    return out;
}

/// (rows as columns, notes as columns, form, summary) of decompose().
py::tuple decomposition_columns(std::string_view index, const Dataset& ds, const Edition& ed,
                                std::string_view on_invalid) {
    ComputeOptions options;
    options.on_invalid = parse_on_invalid(on_invalid);
    Decomposition d;
    {
        py::gil_scoped_release release;
        d = decompose(index, ds, ed, options);
    }
    const std::size_t n = d.rows.size();
    py::dict rows;
    py::list region, component;
    for (const auto& r : d.rows) region.append(r.region), component.append(r.component);
    rows["region"] = region;
    rows["period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return d.rows[i].period; });
    rows["component"] = component;
    rows["contribution"] = column_array<double>(n, [&](std::size_t i) { return d.rows[i].contribution; });
    rows["value"] = column_array<double>(n, [&](std::size_t i) { return d.rows[i].value; });
    rows["total"] = column_array<double>(n, [&](std::size_t i) { return d.rows[i].total; });
    const py::dict notes = note_columns(d.notes);
    return py::make_tuple(rows, notes, std::string(to_string(d.form)), d.report.summary());
}

/// What-if edits given as columns; `period` < 0 and region "" mean every one.
std::vector<ScenarioEdit> edits_from_columns(const std::vector<std::string>& region,
                                             const std::vector<std::int64_t>& period,
                                             const std::vector<std::string>& sex,
                                             const std::vector<std::string>& indicator,
                                             const std::vector<std::string>& op, const std::vector<double>& value,
                                             const std::vector<std::int64_t>& row) {
    const std::size_t n = region.size();
    if (period.size() != n || row.size() != n || sex.size() != n || indicator.size() != n || op.size() != n ||
        value.size() != n)
        throw value_error("scenario: the edit columns have different lengths");
    std::vector<ScenarioEdit> edits(n);
    for (std::size_t i = 0; i < n; ++i) {
        ScenarioEdit& e = edits[i];
        e.row = static_cast<std::size_t>(row[i]);
        e.region = region[i];
        if (period[i] >= 0) e.period = static_cast<std::int32_t>(period[i]);
        try {
            e.sex = sex_argument(sex[i]);
            e.op = parse_edit_op(op[i]);
        } catch (const error& x) {
            throw value_error("edit row " + std::to_string(e.row) + ": " + x.what());
        }
        e.indicator = indicator[i];
        e.value = value[i];
    }
    return edits;
}

/// apply_scenario over edits given as columns.
Dataset scenario_dataset(const Dataset& ds, const std::vector<std::string>& region,
                         const std::vector<std::int64_t>& period, const std::vector<std::string>& sex,
                         const std::vector<std::string>& indicator, const std::vector<std::string>& op,
                         const std::vector<double>& value, const std::vector<std::int64_t>& row,
                         const IndicatorRegistry* registry) {
    const std::vector<ScenarioEdit> edits = edits_from_columns(region, period, sex, indicator, op, value, row);
    py::gil_scoped_release release;
    return apply_scenario(ds, edits, registry_argument(registry));
}

/// (rows as columns, notes as columns, summary) of step_priorities(); the steps as columns.
py::tuple step_priority_columns(std::string_view index, const Dataset& ds, const Edition& ed,
                                const std::vector<std::string>& sex, const std::vector<std::string>& indicator,
                                const std::vector<std::string>& op, const std::vector<double>& value,
                                const std::vector<std::int64_t>& row, std::string_view on_invalid) {
    const std::size_t n = sex.size();
    const std::vector<ScenarioEdit> steps = edits_from_columns(
        std::vector<std::string>(n), std::vector<std::int64_t>(n, -1), sex, indicator, op, value, row);
    ComputeOptions options;
    options.on_invalid = parse_on_invalid(on_invalid);
    StepPriorities g;
    {
        py::gil_scoped_release release;
        g = step_priorities(index, ds, ed, steps, options);
    }
    const auto& r = g.rows;
    const std::size_t m = r.size();
    py::dict rows;
    py::list region, ind, sexes, ops;
    for (const auto& x : r)
        region.append(x.region), ind.append(x.indicator), sexes.append(std::string(to_string(x.sex))),
            ops.append(std::string(to_string(x.op)));
    rows["region"] = region;
    rows["period"] = column_array<std::int32_t>(m, [&](std::size_t i) { return r[i].period; });
    rows["step"] = column_array<std::int64_t>(m, [&](std::size_t i) { return std::int64_t(r[i].step); });
    rows["component"] = ind;
    rows["sex"] = sexes;
    rows["op"] = ops;
    rows["amount"] = column_array<double>(m, [&](std::size_t i) { return r[i].amount; });
    rows["input"] = column_array<double>(m, [&](std::size_t i) { return r[i].input; });
    rows["input_after"] = column_array<double>(m, [&](std::size_t i) { return r[i].input_after; });
    rows["value"] = column_array<double>(m, [&](std::size_t i) { return r[i].value; });
    rows["after"] = column_array<double>(m, [&](std::size_t i) { return r[i].after; });
    rows["gain"] = column_array<double>(m, [&](std::size_t i) { return r[i].gain; });
    rows["rank"] = column_array<std::int32_t>(m, [&](std::size_t i) { return r[i].rank; });
    rows["at_cap"] = column_array<bool>(m, [&](std::size_t i) { return r[i].at_cap; });
    return py::make_tuple(rows, note_columns(g.notes), g.report.summary());
}

/// (rows as columns, notes as columns, parity) of index_trend(); parity NaN: the index's equality point.
py::tuple trend_columns(std::string_view index, const Dataset& ds, const Edition& ed, double parity,
                        std::string_view on_invalid) {
    ComputeOptions options;
    options.on_invalid = parse_on_invalid(on_invalid);
    Trend tr;
    {
        py::gil_scoped_release release;
        tr = index_trend(index, ds, ed, options, std::isnan(parity) ? std::nullopt : std::optional<double>(parity));
    }
    const auto& rows = tr.rows;
    const std::size_t n = rows.size();
    py::dict out;
    py::list region, why;
    for (const auto& r : rows) region.append(r.region), why.append(r.parity_note);
    out["region"] = region;
    out["periods"] = column_array<std::int64_t>(n, [&](std::size_t i) { return std::int64_t(rows[i].periods); });
    out["first_period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].first_period; });
    out["last_period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].last_period; });
    out["last_value"] = column_array<double>(n, [&](std::size_t i) { return rows[i].last_value; });
    out["slope"] = column_array<double>(n, [&](std::size_t i) { return rows[i].slope; });
    out["intercept"] = column_array<double>(n, [&](std::size_t i) { return rows[i].intercept; });
    out["log_slope"] = column_array<double>(n, [&](std::size_t i) { return rows[i].log_slope; });
    out["log_intercept"] = column_array<double>(n, [&](std::size_t i) { return rows[i].log_intercept; });
    out["parity_year"] = column_array<double>(n, [&](std::size_t i) { return rows[i].parity_year; });
    out["parity_year_log"] = column_array<double>(n, [&](std::size_t i) { return rows[i].parity_year_log; });
    out["parity_note"] = why;
    const py::dict notes = note_columns(tr.notes);
    return py::make_tuple(out, notes, tr.parity);
}

/// (rows as columns, notes as columns) of edition_diff().
py::tuple edition_diff_columns(std::string_view index, const Dataset& old_data, const Edition& old_ed,
                               const Dataset& new_data, const Edition& new_ed, std::string_view on_invalid) {
    ComputeOptions options;
    options.on_invalid = parse_on_invalid(on_invalid);
    EditionDiff d;
    {
        py::gil_scoped_release release;
        d = edition_diff(index, old_data, old_ed, new_data, new_ed, options);
    }
    const auto& rows = d.rows;
    const std::size_t n = rows.size();
    py::dict out;
    py::list region;
    for (const auto& r : rows) region.append(r.region);
    out["region"] = region;
    out["period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].period; });
    out["old_value"] = column_array<double>(n, [&](std::size_t i) { return rows[i].old_value; });
    out["new_value"] = column_array<double>(n, [&](std::size_t i) { return rows[i].new_value; });
    out["revision"] = column_array<double>(n, [&](std::size_t i) { return rows[i].revision; });
    out["method"] = column_array<double>(n, [&](std::size_t i) { return rows[i].method; });
    const py::dict notes = note_columns(d.notes);
    return py::make_tuple(out, notes);
}

/// (rows as columns, notes as columns) of elasticities().
py::tuple elasticity_columns(std::string_view index, const Dataset& ds, const Edition& ed,
                             std::string_view on_invalid) {
    ComputeOptions options;
    options.on_invalid = parse_on_invalid(on_invalid);
    Elasticities e;
    {
        py::gil_scoped_release release;
        e = elasticities(index, ds, ed, options);
    }
    const auto& rows = e.rows;
    const std::size_t n = rows.size();
    py::dict out;
    py::list region, indicator, sex, side;
    for (const auto& r : rows) {
        region.append(r.region), indicator.append(r.indicator);
        sex.append(std::string(to_string(r.sex))), side.append(std::string(to_string(r.side)));
    }
    out["region"] = region;
    out["period"] = column_array<std::int32_t>(n, [&](std::size_t i) { return rows[i].period; });
    out["indicator"] = indicator;
    out["sex"] = sex;
    out["value"] = column_array<double>(n, [&](std::size_t i) { return rows[i].value; });
    out["gradient"] = column_array<double>(n, [&](std::size_t i) { return rows[i].gradient; });
    out["elasticity"] = column_array<double>(n, [&](std::size_t i) { return rows[i].elasticity; });
    out["side"] = side;
    const py::dict notes = note_columns(e.notes);
    return py::make_tuple(out, notes);
}

}  // namespace

void register_analysis(py::module_& m) {
    m.def("align", &align_columns, py::arg("ds"), py::arg("columns"), py::arg("age_group") = "",
          "Align (indicator, sex) columns: (columns, region, period, values, present), one row per region-period "
          "with at least one requested value; a cell without data is NaN in values and False in present.");
    m.def("parity", &parity_columns, py::arg("ds"), py::arg("indicators"), py::arg("age_group") = "",
          "Parity metrics per unit with both sexes present, as columns.");
    m.def("audit", &audit_columns, py::arg("ds"), py::arg("expected_indicators"), py::arg("sum_tolerance") = 1e-6,
          py::arg("hierarchy") = nullptr, py::arg("registry") = nullptr,
          "The data-terpilah audit: (rows, by_indicator, by_level) as columns.");
    m.def("rollup", &rollup_columns, py::arg("ds"), py::arg("hierarchy"), py::arg("indicator"),
          py::arg("weight_indicator") = "population", py::arg("weight_by_same_sex") = true,
          py::arg("tolerance") = 0.005, py::arg("registry") = nullptr,
          "Roll an indicator up one level of the hierarchy: (Dataset, report columns).");
    m.def("rank_regions", &rank_columns, py::arg("ds"), py::arg("indicator"), py::arg("within") = nullptr,
          py::arg("digits") = 2, py::arg("ascending") = false, py::arg("age_group") = "",
          "Competition ranks of an indicator per period and sex, within each parent of `within` when given.");
    m.def("decompose", &decomposition_columns, py::arg("index"), py::arg("ds"), py::arg("edition"),
          py::arg("on_invalid") = "skip",
          "Exact additive decomposition of an index per region-period: (rows, notes, form, summary).");
    m.def("scenario", &scenario_dataset, py::arg("ds"), py::arg("region"), py::arg("period"), py::arg("sex"),
          py::arg("indicator"), py::arg("op"), py::arg("value"), py::arg("row"), py::arg("registry") = nullptr,
          "A copy of the Dataset with what-if edits applied in order (analysis/scenario.hpp).");
    m.def("step_priorities", &step_priority_columns, py::arg("index"), py::arg("ds"), py::arg("edition"),
          py::arg("sex"), py::arg("indicator"), py::arg("op"), py::arg("value"), py::arg("row"),
          py::arg("on_invalid") = "skip",
          "Each step (a what-if edit applied everywhere) alone, ranked by the gain towards equality: (rows, notes, "
          "summary).");
    m.def("trend", &trend_columns, py::arg("index"), py::arg("ds"), py::arg("edition"), py::arg("parity") = nan,
          py::arg("on_invalid") = "skip",
          "Linear and log-linear trend of an index per region and the projected parity year: (rows, notes, parity).");
    m.def("edition_diff", &edition_diff_columns, py::arg("index"), py::arg("old_data"), py::arg("old_edition"),
          py::arg("new_data"), py::arg("new_edition"), py::arg("on_invalid") = "skip",
          "An index in two editions split into data revision and method change: (rows, notes).");
    m.def("elasticities", &elasticity_columns, py::arg("index"), py::arg("ds"), py::arg("edition"),
          py::arg("on_invalid") = "skip",
          "Analytic gradients and elasticities of an index with a gradient model per input: (rows, notes).");
    m.def("adjusted_gender_parity_index", &adjusted_gender_parity_index, py::arg("female"), py::arg("male"),
          "UNESCO's adjusted gender parity index of one pair of values.");
}

}  // namespace gendex::python
