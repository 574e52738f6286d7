// Which component drags an index furthest from gender equality.
//
// For every region-period the index is recomputed with one component at
// parity and every other input as observed. The gain is how much closer to
// equality that brings the index: GII and IKG towards 0, GDI towards 1, IPG
// towards 100 (in the index's own units). The component with the largest gain
// is the one to prioritise, the question a Pokja PUG asks of its IPG and IKG
// when planning gender-responsive budgets. A gain is negative where women are
// ahead in a component that offsets their disadvantage elsewhere: parity there
// moves the index away from equality. (Alone, a lead of women also counts as
// inequality in the GII and IKG, which compare a harmonic with an arithmetic mean.)
//
// A what-if decomposition, not an additive one: the indices are geometric and
// harmonic means, so gains do not sum to the gap.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/compute.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/error.hpp"
#include "gendex/labels.hpp"

namespace gendex {

/// A component's name for people: the indicator's label, or the dimension's.
[[nodiscard]] inline std::string component_label(std::string_view component, Language lang) {
    if (component == "reproductive_health")
        return lang == Language::id ? "Kesehatan reproduksi" : "Reproductive health";
    return std::string(indicator_label(component, lang));
}

/// One region-period and component.
struct PriorityRow {
    std::string region;
    std::int32_t period = 0;
    std::string component;
    double value = 0;       // the index as observed
    double at_parity = 0;   // the index with this component at parity
    double gain = 0;        // distance from equality removed; negative where women are ahead
    std::int32_t rank = 0;  // 1 = the component with the largest gain in this region-period
};

struct Priorities {
    std::string index;
    std::vector<PriorityRow> rows;  // unit order of the index's results, components by rank
    ComputeReport report;           // of the index as observed
    std::vector<UnitNote> notes;    // components that could not be assessed, and why
};

namespace detail {

// The index's distance from equality (the index table's equality point: GII and IKG 0, GDI 1, IPG 100).
[[nodiscard]] inline double distance_from_equality(const IndexDescriptor& d, const Edition& ed, double v) {
    return std::fabs(v - d.parity->equality(ed));
}

// The rows of an index's results holding its headline value (sex total, no age group), one per unit.
[[nodiscard]] inline std::vector<std::size_t> headline_rows(const Dataset& values, std::string_view index) {
    const auto& c = values.columns();
    const code_t index_code = c.indicators.find(index);
    std::vector<std::size_t> units;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (c.indicator[i] == index_code && c.sex[i] == Sex::total && c.age_group[i] == 0) units.push_back(i);
    return units;
}

// One unit's rows ranked by gain (1 = largest; ties keep their order) and appended to `out`.
template <class Row>
inline void append_ranked(std::vector<Row>& unit_rows, std::vector<Row>& out) {
    std::stable_sort(unit_rows.begin(), unit_rows.end(), [](const Row& a, const Row& b) { return a.gain > b.gain; });
    for (std::size_t j = 0; j < unit_rows.size(); ++j) unit_rows[j].rank = static_cast<std::int32_t>(j + 1);
    out.insert(out.end(), std::make_move_iterator(unit_rows.begin()), std::make_move_iterator(unit_rows.end()));
}

// The index table's entry of an index with parity components; key_error naming the known ones.
[[nodiscard]] inline const IndexDescriptor& parity_descriptor(std::string_view index) {
    const auto& table = index_table();
    const auto found = std::find_if(table.begin(), table.end(),
                                    [&](const IndexDescriptor& d) { return d.name == index && d.parity != nullptr; });
    if (found == table.end())
        throw key_error("priorities: unknown index '" + std::string(index) +
                        "' (known: " + join_index_names(&IndexDescriptor::parity) + ")");
    return *found;
}

// A copy of the data with one component at parity, and the region-periods
// where a setting could not be applied (with why), so that no unit is
// reported at parity when its data were left as observed.
struct ParityScenario {
    Dataset data;
    std::vector<std::set<std::pair<std::string, std::int32_t>>> applied;  // per setting
    std::map<std::pair<std::string, std::int32_t>, std::string> no_male;  // like_men without a male value

    // Why the component cannot be assessed for a region-period ("" if it can).
    [[nodiscard]] std::string why_not(const ParityComponent& component, const std::string& region,
                                      std::int32_t period) const {
        const std::pair<std::string, std::int32_t> unit{region, period};
        if (auto m = no_male.find(unit); m != no_male.end()) return m->second;
        for (std::size_t k = 0; k < component.settings.size(); ++k)
            if (!applied[k].contains(unit))
                return component.settings[k].indicator +
                       " has no female value in the data (the index was computed without it)";
        return {};
    }
};

[[nodiscard]] inline ParityScenario at_parity(const Dataset& ds, const ParityComponent& component) {
    DatasetColumns c = ds.columns();
    ParityScenario out;
    out.applied.resize(component.settings.size());
    for (std::size_t k = 0; k < component.settings.size(); ++k) {
        const ParitySetting& s = component.settings[k];
        const code_t ind = c.indicators.find(s.indicator);
        if (ind == StringDictionary::npos) continue;
        const bool halves = s.kind == ParitySetting::Kind::halves;
        const double half = halves ? IndicatorRegistry::standard().at(s.indicator).whole / 2.0 : 0.0;
        for (std::size_t i = 0; i < c.size(); ++i) {
            // Halves: either sex's row will do (the GII implies the other as the complement).
            if (c.indicator[i] != ind || (c.sex[i] != Sex::female && !(halves && c.sex[i] == Sex::male))) continue;
            const std::string& region = c.regions[c.region[i]];
            const std::pair<std::string, std::int32_t> unit{region, c.period[i]};
            switch (s.kind) {
                case ParitySetting::Kind::target: c.value[i] = s.target; break;
                case ParitySetting::Kind::halves: c.value[i] = half; break;
                case ParitySetting::Kind::like_men: {
                    const auto male =
                        ds.find(region, c.period[i], Sex::male, s.indicator, c.age_groups[c.age_group[i]]);
                    if (!male) {
                        out.no_male.try_emplace(unit, s.indicator + " has no male value to set the female value to");
                        continue;
                    }
                    c.value[i] = s.scale * c.value[*male] + s.shift;
                    break;
                }
            }
            out.applied[k].insert(unit);
        }
    }
    out.data = Dataset::from_columns(std::move(c));
    return out;
}

}  // namespace detail

/// For every region-period with a value of `index` (an index with parity components in the index
/// table: gdi, gii, ipg, ikg), the
/// index with each component at parity and the gain towards equality, ranked.
/// Invalid inputs follow `options` as in compute(); a component whose parity
/// cannot be set for a unit (e.g. no male value) is left out for that unit
/// and named in `notes`.
[[nodiscard]] inline Priorities priorities(std::string_view index, const Dataset& ds, const Edition& ed,
                                           const ComputeOptions& options = {}) {
    const IndexDescriptor& descriptor = detail::parity_descriptor(index);
    const std::vector<ParityComponent> components = descriptor.parity->components(ed);
    IndexResult observed = compute(index, ds, ed, options);
    ComputeOptions skip = options;
    skip.on_invalid = OnInvalid::skip;  // a scenario's unit that fails is reported, not fatal

    Priorities out;
    out.index = std::string(index);
    // at[k][u]: the index of unit u (row of `observed`) with component k at parity; NaN: not assessable.
    const auto& vc = observed.values.columns();
    const std::vector<std::size_t> units = detail::headline_rows(observed.values, index);

    std::vector<std::vector<double>> at(components.size(), std::vector<double>(units.size()));
    std::vector<std::vector<std::string>> why(components.size(), std::vector<std::string>(units.size()));
    for (std::size_t k = 0; k < components.size(); ++k) {
        const detail::ParityScenario scenario = detail::at_parity(ds, components[k]);
        const IndexResult r = compute(index, scenario.data, ed, skip);
        for (std::size_t u = 0; u < units.size(); ++u) {
            const std::string& region = vc.regions[vc.region[units[u]]];
            const std::int32_t period = vc.period[units[u]];
            std::string reason = scenario.why_not(components[k], region, period);
            const auto row = r.values.find(region, period, Sex::total, index);
            if (reason.empty() && !row) reason = "the index has no value with this component at parity";
            at[k][u] = reason.empty() ? r.values.values()[*row] : std::nan("");
            why[k][u] = std::move(reason);
        }
    }

    for (std::size_t u = 0; u < units.size(); ++u) {
        const std::string& region = vc.regions[vc.region[units[u]]];
        const std::int32_t period = vc.period[units[u]];
        const double value = vc.value[units[u]];
        const double distance = detail::distance_from_equality(descriptor, ed, value);
        std::vector<PriorityRow> unit_rows;
        for (std::size_t k = 0; k < components.size(); ++k) {
            if (!why[k][u].empty()) {
                out.notes.push_back({region, period, components[k].name + ": " + why[k][u]});
                continue;
            }
            unit_rows.push_back({region, period, components[k].name, value, at[k][u],
                                 distance - detail::distance_from_equality(descriptor, ed, at[k][u]), 0});
        }
        detail::append_ranked(unit_rows, out.rows);
    }
    out.report = std::move(observed.report);
    return out;
}

}  // namespace gendex
