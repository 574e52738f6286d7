// Aligning a long Dataset into a wide structure-of-arrays: one row per unit
// (region x period), one contiguous column per (indicator, sex). This is the
// input every index kernel takes.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "gendex/dataset.hpp"

namespace gendex {

/// One column of an aligned table.
struct AlignedColumn {
    std::string indicator;
    Sex sex = Sex::total;
};

struct AlignedTable {
    std::vector<AlignedColumn> columns;
    std::vector<std::string> region;   // per unit
    std::vector<std::int32_t> period;  // per unit
    /// units x columns, column-major so each column is contiguous. A cell with
    /// no observation holds NaN; `present` says which, so callers never mistake
    /// a gap for a value.
    Eigen::ArrayXXd values;
    Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> present;

    [[nodiscard]] std::size_t units() const noexcept { return region.size(); }
    [[nodiscard]] std::span<const double> column(std::size_t j) const {
        return {values.data() + j * static_cast<std::size_t>(values.rows()), static_cast<std::size_t>(values.rows())};
    }
    /// Index of a column, or key_error naming it.
    [[nodiscard]] std::size_t column_index(std::string_view indicator, Sex sex) const {
        for (std::size_t j = 0; j < columns.size(); ++j)
            if (columns[j].indicator == indicator && columns[j].sex == sex) return j;
        throw key_error(Location{.key = std::string(indicator)}, "aligned table has no column for indicator '" +
                                                                     std::string(indicator) + "', sex " +
                                                                     std::string(to_string(sex)));
    }
};

/// Align the requested columns for rows of one age group (default: none).
/// Units are every (region, period) with at least one requested value, in
/// order of the region's first appearance, then period ascending.
[[nodiscard]] inline AlignedTable align(const Dataset& ds, std::span<const AlignedColumn> columns,
                                        std::string_view age_group = {}) {
    const auto& c = ds.columns();
    AlignedTable out;
    out.columns.assign(columns.begin(), columns.end());

    // Which column each (indicator code, sex) feeds; -1 for none.
    std::vector<std::int32_t> target(c.indicators.size() * 3, -1);
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const code_t ind = c.indicators.find(columns[j].indicator);
        if (ind == StringDictionary::npos) continue;  // absent indicator: an all-missing column
        target[ind * 3 + static_cast<std::size_t>(columns[j].sex)] = static_cast<std::int32_t>(j);
    }
    const code_t age = c.age_groups.find(age_group);
    const std::size_t n = ds.size();
    if (age == StringDictionary::npos || n == 0) {
        out.values.resize(0, static_cast<Eigen::Index>(columns.size()));
        out.present.resize(0, static_cast<Eigen::Index>(columns.size()));
        return out;
    }

    // Unit numbering: a dense region x period grid when it is small enough,
    // which keeps the pass over millions of rows free of hashing.
    std::int32_t pmin = std::numeric_limits<std::int32_t>::max(), pmax = std::numeric_limits<std::int32_t>::min();
    for (std::size_t i = 0; i < n; ++i) pmin = std::min(pmin, c.period[i]), pmax = std::max(pmax, c.period[i]);
    const std::uint64_t span_p = static_cast<std::uint64_t>(static_cast<std::int64_t>(pmax) - pmin) + 1;
    const std::uint64_t grid = span_p * c.regions.size();
    const bool dense = grid <= 4 * static_cast<std::uint64_t>(n) + 1024;

    constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> unit_of_cell;                  // dense: grid cell -> unit
    std::unordered_map<std::uint64_t, std::uint32_t> sparse;  // sparse: (region, period) -> unit
    std::vector<std::uint64_t> cells;                         // cell id per unit, before sorting
    auto cell_id = [&](std::size_t i) {
        return std::uint64_t{c.region[i]} * span_p + static_cast<std::uint64_t>(c.period[i] - pmin);
    };
    if (dense) unit_of_cell.assign(grid, none);
    for (std::size_t i = 0; i < n; ++i) {
        if (c.age_group[i] != age || target[c.indicator[i] * 3 + static_cast<std::size_t>(c.sex[i])] < 0) continue;
        const std::uint64_t cell = cell_id(i);
        std::uint32_t* slot;
        if (dense) {
            slot = &unit_of_cell[cell];
        } else {
            slot = &sparse.try_emplace(cell, none).first->second;
        }
        if (*slot == none) {
            *slot = 1;  // mark; numbered after sorting
            cells.push_back(cell);
        }
    }
    // Cell ids sort by region code (first appearance) then period.
    std::sort(cells.begin(), cells.end());
    for (std::uint32_t u = 0; u < cells.size(); ++u) {
        if (dense)
            unit_of_cell[cells[u]] = u;
        else
            sparse[cells[u]] = u;
    }
    const auto units = static_cast<Eigen::Index>(cells.size());
    const auto ncol = static_cast<Eigen::Index>(columns.size());
    out.values.setConstant(units, ncol, std::numeric_limits<double>::quiet_NaN());
    out.present.setConstant(units, ncol, false);
    out.region.resize(cells.size());
    out.period.resize(cells.size());
    for (std::size_t u = 0; u < cells.size(); ++u) {
        out.region[u] = c.regions[static_cast<code_t>(cells[u] / span_p)];
        out.period[u] = static_cast<std::int32_t>(static_cast<std::int64_t>(cells[u] % span_p) + pmin);
    }
    double* values = out.values.data();
    bool* present = out.present.data();
    for (std::size_t i = 0; i < n; ++i) {
        if (c.age_group[i] != age) continue;
        const std::int32_t j = target[c.indicator[i] * 3 + static_cast<std::size_t>(c.sex[i])];
        if (j < 0) continue;
        const std::uint64_t cell = cell_id(i);
        const std::uint32_t u = dense ? unit_of_cell[cell] : sparse.find(cell)->second;
        const std::size_t at = static_cast<std::size_t>(j) * cells.size() + u;
        values[at] = c.value[i];
        present[at] = true;
    }
    return out;
}

/// Female and male columns of each indicator, in the order given:
/// columns 2k (female) and 2k+1 (male) belong to indicators[k].
[[nodiscard]] inline AlignedTable align_sexes(const Dataset& ds, std::span<const std::string> indicators,
                                              std::string_view age_group = {}) {
    std::vector<AlignedColumn> cols;
    cols.reserve(indicators.size() * 2);
    for (const auto& id : indicators) {
        cols.push_back({id, Sex::female});
        cols.push_back({id, Sex::male});
    }
    return align(ds, cols, age_group);
}

}  // namespace gendex
