// Population-weighted roll-up from children to parents along a RegionHierarchy,
// with a report of where a parent's own published value disagrees.
#pragma once

#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/region.hpp"

namespace gendex {

struct RollupOptions {
    /// Weight of each child; ignored for additive indicators, which are summed.
    std::string weight_indicator = "population";
    /// Weight women's values by women's population (and men's by men's);
    /// false: weight every sex by the total population.
    bool weight_by_same_sex = true;
    /// A parent's given value further than this (absolute) from the roll-up is flagged.
    double tolerance = 0.005;
};

struct RollupRow {
    std::string parent;
    std::int32_t period = 0;
    Sex sex = Sex::total;
    std::string age_group;
    std::size_t children_used = 0, children_total = 0;
    bool complete = false;   // every child had a value and a weight
    double rolled_up = 0;    // meaningful only when complete
    bool has_given = false;  // the parent's own value exists in the data
    double given = 0;
    double difference = 0;  // given - rolled_up, when both exist
    bool flagged = false;   // |difference| > tolerance
};

struct RollupResult {
    Dataset values;                 // one row per complete parent x period x sex x age group
    std::vector<RollupRow> report;  // every parent x period x sex x age group seen in a child
};

/// Roll `indicator` up one level: each parent from its immediate children.
/// A parent whose children are not all there is listed as incomplete, never
/// computed from the ones that are (a partial mean would be silently biased).
[[nodiscard]] inline RollupResult rollup(const Dataset& ds, const RegionHierarchy& hierarchy,
                                         std::string_view indicator, const RollupOptions& options = {},
                                         const IndicatorRegistry& registry = IndicatorRegistry::standard()) {
    const IndicatorInfo& info = registry.at(indicator);
    if (!info.additive) (void)registry.at(options.weight_indicator);
    const auto& c = ds.columns();
    const code_t ind = c.indicators.find(indicator);
    const code_t wind = c.indicators.find(options.weight_indicator);

    struct Acc {
        double sum = 0, weight = 0;
        std::size_t used = 0;
    };
    std::map<std::tuple<std::string, std::int32_t, Sex, std::string>, Acc> acc;
    if (ind != StringDictionary::npos) {
        for (std::size_t i = 0; i < ds.size(); ++i) {
            if (c.indicator[i] != ind) continue;
            const std::string& child = c.regions[c.region[i]];
            if (!hierarchy.contains(child)) continue;
            auto parent = hierarchy.parent(child);
            if (!parent) continue;
            double w = 1.0;
            bool has_weight = true;
            if (!info.additive) {
                const Sex ws = options.weight_by_same_sex ? c.sex[i] : Sex::total;
                auto r = wind == StringDictionary::npos
                             ? std::optional<std::size_t>{}
                             : ds.find(child, c.period[i], ws, options.weight_indicator, c.age_groups[c.age_group[i]]);
                has_weight = r.has_value();
                if (r) w = c.value[*r];
            }
            Acc& a = acc[{*parent, c.period[i], c.sex[i], c.age_groups[c.age_group[i]]}];
            if (!has_weight) continue;
            a.sum += info.additive ? c.value[i] : w * c.value[i];
            a.weight += w;
            ++a.used;
        }
    }

    RollupResult result;
    DatasetBuilder builder(registry);
    std::map<std::string, std::size_t, std::less<>> child_count;  // once per parent, not per key
    for (const auto& [key, a] : acc) {
        const auto& [parent, period, sex, age] = key;
        RollupRow row{parent, period, sex, age};
        row.children_used = a.used;
        auto counted = child_count.find(parent);
        if (counted == child_count.end())
            counted = child_count.emplace(parent, hierarchy.children(parent).size()).first;
        row.children_total = counted->second;
        row.complete = a.used == row.children_total && (info.additive || a.weight > 0);
        if (row.complete) {
            row.rolled_up = info.additive ? a.sum : a.sum / a.weight;
            builder.add(parent, period, sex, indicator, row.rolled_up, age, std::numeric_limits<double>::quiet_NaN(),
                        "", "rollup");
            if (auto r = ds.find(parent, period, sex, indicator, age)) {
                row.has_given = true;
                row.given = c.value[*r];
                row.difference = row.given - row.rolled_up;
                row.flagged = std::abs(row.difference) > options.tolerance;
            }
        }
        result.report.push_back(std::move(row));
    }
    result.values = std::move(builder).build();
    return result;
}

}  // namespace gendex
