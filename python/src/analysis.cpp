// Analyses over a Dataset: align, parity, audit, roll-up. Each returns plain
// columns (lists and NumPy arrays); python/gendex/frames.py makes DataFrames.
#include <pybind11/stl.h>

#include <limits>
#include <memory>

#include "bindings.hpp"
#include "gendex/align.hpp"
#include "gendex/analysis/rank.hpp"
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
    m.def("adjusted_gender_parity_index", &adjusted_gender_parity_index, py::arg("female"), py::arg("male"),
          "UNESCO's adjusted gender parity index of one pair of values.");
}

}  // namespace gendex::python
