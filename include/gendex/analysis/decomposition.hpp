// Exact additive decompositions of an index into its parts, per region-period
// (docs/decomposition.md). The index table says which form an index takes
// (compute/decomposition_model.hpp):
//   log_ratio  GDI, IPG: ln(GDI) = sum_k (1/3) ln(I_k,f / I_k,m) over the health,
//              education and income (expenditure) dimension indices; for the IPG
//              ln(IPG/100). An IPG computed from given IPMs has one part, "ipm".
//   shapley    GII, IKG: the Shapley values of the indicators of the parity model
//              (each of its settings one player), v(S) the index with the players of
//              S as observed and the others at parity; v(all at parity) = 0, so the
//              parts add to the index.
//   component  GEM, IDG: index = scale * (c_1 + c_2 + c_3) / 3, part k scale * c_k / 3.
// Every row carries `total`, what the parts of its unit add to. A unit whose parts
// cannot be formed (a zero dimension index, a scenario without a value) is named in
// `notes`, never dropped silently.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/align.hpp"
#include "gendex/analysis/scenario.hpp"
#include "gendex/compute.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/error.hpp"

namespace gendex {

struct DecompositionRow {
    std::string region;
    std::int32_t period = 0;
    std::string component;
    double contribution = 0;
    double value = 0;  // the index
    double total = 0;  // what the unit's parts add to: ln(index / scale), the index
};

struct Decomposition {
    std::string index;
    DecompositionForm form = DecompositionForm::component;
    std::vector<DecompositionRow> rows;  // unit order of the index's results, parts in the model's order
    ComputeReport report;                // of the index as observed
    std::vector<UnitNote> notes;         // units or parts that could not be formed, and why
};

namespace detail {

using UnitKey = std::pair<std::string, std::int32_t>;

// The index's own outputs aligned by unit: the headline in column 0, then `more`.
[[nodiscard]] inline AlignedTable index_outputs(const IndexResult& r, std::string_view index,
                                                std::vector<AlignedColumn> more) {
    more.insert(more.begin(), AlignedColumn{std::string(index), Sex::total});
    return align(r.values, more);
}

inline void decompose_log_ratio(const DecompositionModel& m, const IndexResult& r, std::string_view index,
                                const Edition& ed, Decomposition& out) {
    std::vector<AlignedColumn> cols{{std::string(m.ratio_of), Sex::female}, {std::string(m.ratio_of), Sex::male}};
    for (std::string_view p : m.parts)
        cols.push_back({std::string(p), Sex::female}), cols.push_back({std::string(p), Sex::male});
    const AlignedTable t = index_outputs(r, index, cols);
    const double n = static_cast<double>(m.parts.size());
    const double scale = m.scale(ed);
    for (std::size_t u = 0; u < t.units(); ++u) {
        const double value = t.values(u, 0);
        if (std::isnan(value)) continue;
        const double total = std::log(value / scale);
        bool by_dimension = true;
        for (std::size_t k = 0; k < m.parts.size(); ++k)
            by_dimension = by_dimension && t.present(u, 3 + 2 * k) && t.present(u, 4 + 2 * k);
        std::vector<DecompositionRow> parts;
        if (by_dimension) {
            for (std::size_t k = 0; k < m.parts.size(); ++k)
                parts.push_back({t.region[u], t.period[u], std::string(m.parts[k]),
                                 std::log(t.values(u, 3 + 2 * k) / t.values(u, 4 + 2 * k)) / n, value, total});
        } else {
            parts.push_back({t.region[u], t.period[u], std::string(m.ratio_of),
                             std::log(t.values(u, 1) / t.values(u, 2)), value, total});
            out.notes.push_back({t.region[u], t.period[u],
                                 "no dimension indices (the index came from the given " + std::string(m.ratio_of) +
                                     " by sex): one part, " + std::string(m.ratio_of)});
        }
        bool finite = std::isfinite(total);
        for (const auto& p : parts) finite = finite && std::isfinite(p.contribution);
        if (!finite) {
            out.notes.push_back({t.region[u], t.period[u],
                                 "not decomposed: a dimension index or the index is 0, its logarithm undefined"});
            continue;
        }
        out.rows.insert(out.rows.end(), parts.begin(), parts.end());
    }
}

inline void decompose_components(const DecompositionModel& m, const IndexResult& r, std::string_view index,
                                 const Edition& ed, Decomposition& out) {
    std::vector<AlignedColumn> cols;
    for (std::string_view p : m.parts) cols.push_back({std::string(p), Sex::total});
    const AlignedTable t = index_outputs(r, index, cols);
    const double scale = m.scale(ed) / static_cast<double>(m.parts.size());
    for (std::size_t u = 0; u < t.units(); ++u) {
        const double value = t.values(u, 0);
        if (std::isnan(value)) continue;
        for (std::size_t k = 0; k < m.parts.size(); ++k)
            out.rows.push_back(
                {t.region[u], t.period[u], std::string(m.parts[k]), scale * t.values(u, 1 + k), value, value});
    }
}

// The edits that put one parity setting at parity in every unit (lenient: units
// without the other sex are left as they are; the index skips them anyway).
[[nodiscard]] inline std::vector<ScenarioEdit> parity_edits(const ParitySetting& s) {
    using K = ParitySetting::Kind;
    switch (s.kind) {
        case K::target: return {{"", std::nullopt, Sex::female, s.indicator, EditOp::set, s.target, 0}};
        case K::halves: {
            const double half = IndicatorRegistry::standard().at(s.indicator).whole / 2.0;
            return {{"", std::nullopt, Sex::female, s.indicator, EditOp::set, half, 0},
                    {"", std::nullopt, Sex::male, s.indicator, EditOp::set, half, 0}};
        }
        case K::like_men:
            if (s.scale != 1.0 || s.shift != 0.0)
                throw value_error("shapley decomposition: '" + s.indicator +
                                  "' is set at parity on a rescaled male value, which the scenario edits do not "
                                  "express");
            return {{"", std::nullopt, Sex::female, s.indicator, EditOp::close_gap, 100.0, 0}};
    }
    return {};
}

inline void decompose_shapley(const IndexDescriptor& d, const Dataset& ds, const Edition& ed,
                              const ComputeOptions& options, const IndexResult& r, Decomposition& out) {
    if (d.parity == nullptr)
        throw key_error("shapley decomposition: index '" + std::string(d.name) + "' has no parity model");
    std::vector<ParitySetting> players;
    for (const ParityComponent& c : d.parity->components(ed))
        for (const ParitySetting& s : c.settings) players.push_back(s);
    const std::size_t n = players.size();
    const std::size_t subsets = std::size_t{1} << n;
    const AlignedTable t = index_outputs(r, d.name, {});
    std::map<UnitKey, std::size_t> unit_of;
    for (std::size_t u = 0; u < t.units(); ++u) unit_of[{t.region[u], t.period[u]}] = u;

    // v[mask][u]: the index of unit u with the players in mask as observed, the others at parity.
    ComputeOptions skip = options;
    skip.on_invalid = OnInvalid::skip;
    std::vector<std::vector<double>> v(subsets, std::vector<double>(t.units(), std::nan("")));
    for (std::size_t mask = 0; mask < subsets; ++mask) {
        if (mask == subsets - 1) {
            for (std::size_t u = 0; u < t.units(); ++u) v[mask][u] = t.values(u, 0);
            continue;
        }
        if (mask == 0) {  // every indicator at parity: the index is its equality point by construction
            std::fill(v[mask].begin(), v[mask].end(), d.parity->equality(ed));
            continue;
        }
        DatasetColumns c = ds.columns();
        for (std::size_t k = 0; k < n; ++k)
            if (!(mask & (std::size_t{1} << k)))
                for (const ScenarioEdit& e : parity_edits(players[k]))
                    apply_edit(c, ds, e, IndicatorRegistry::standard(), false);
        const IndexResult s = d.compute(Dataset::from_columns(std::move(c)), ed, skip);
        const AlignedTable st = index_outputs(s, d.name, {});
        for (std::size_t u = 0; u < st.units(); ++u)
            if (auto it = unit_of.find({st.region[u], st.period[u]}); it != unit_of.end())
                v[mask][it->second] = st.values(u, 0);
    }
    // Shapley weights |S|! (n - |S| - 1)! / n! by the size of S.
    std::vector<double> weight(n);
    auto factorial = [](std::size_t k) {
        double f = 1;
        for (std::size_t j = 2; j <= k; ++j) f *= static_cast<double>(j);
        return f;
    };
    for (std::size_t s = 0; s < n; ++s) weight[s] = factorial(s) * factorial(n - s - 1) / factorial(n);
    const double equality = d.parity->equality(ed);
    for (std::size_t u = 0; u < t.units(); ++u) {
        const double value = t.values(u, 0);
        if (std::isnan(value)) continue;
        bool complete = true;
        for (std::size_t mask = 0; mask < subsets; ++mask) complete = complete && !std::isnan(v[mask][u]);
        if (!complete) {
            out.notes.push_back(
                {t.region[u], t.period[u], "not decomposed: the index has no value with some indicators at parity"});
            continue;
        }
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t bit = std::size_t{1} << k;
            double phi = 0;
            for (std::size_t mask = 0; mask < subsets; ++mask)
                if (!(mask & bit))
                    phi += weight[static_cast<std::size_t>(std::popcount(mask))] * (v[mask | bit][u] - v[mask][u]);
            out.rows.push_back({t.region[u], t.period[u], players[k].indicator, phi, value, value - equality});
        }
    }
}

}  // namespace detail

/// The exact additive decomposition of `index` (one with a decomposition in the index table)
/// for every region-period computed from `ds`. Invalid inputs follow `options` as in compute().
[[nodiscard]] inline Decomposition decompose(std::string_view index, const Dataset& ds, const Edition& ed,
                                             const ComputeOptions& options = {}) {
    const IndexDescriptor& d = index_descriptor(index);
    if (d.decomposition == nullptr)
        throw key_error("decompose: index '" + std::string(index) +
                        "' has no additive decomposition (indices with one: " +
                        join_index_names(&IndexDescriptor::decomposition) + ")");
    IndexResult observed = d.compute(ds, ed, options);
    Decomposition out;
    out.index = std::string(index);
    out.form = d.decomposition->form;
    switch (out.form) {
        case DecompositionForm::log_ratio:
            detail::decompose_log_ratio(*d.decomposition, observed, index, ed, out);
            break;
        case DecompositionForm::component:
            detail::decompose_components(*d.decomposition, observed, index, ed, out);
            break;
        case DecompositionForm::shapley: detail::decompose_shapley(d, ds, ed, options, observed, out); break;
    }
    out.report = std::move(observed.report);
    return out;
}

}  // namespace gendex
