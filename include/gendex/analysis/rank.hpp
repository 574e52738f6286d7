// Ranking regions among their siblings: kabupaten/kota within their province
// (as BPS's tables and a Pokja PUG's reports do), or countries in one list.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/region.hpp"
#include "gendex/rounding.hpp"

namespace gendex {

struct RankRow {
    std::string region;
    std::string group;  // the parent ranked within; "" when ranking all regions together
    std::int32_t period = 0;
    Sex sex = Sex::total;
    double value = 0;
    std::int32_t rank = 0;  // 1 = best; ties share the best rank of their group ("1224")
    std::size_t of = 0;     // how many were ranked together
};

struct RankOptions {
    /// Rank children of each parent separately (needs a hierarchy); else all regions together.
    const RegionHierarchy* within = nullptr;
    /// Decimals the ties are decided on: the publisher's printed precision.
    int digits = 2;
    RankOrder order = RankOrder::descending;
    std::string age_group;
};

/// Competition ranks of `indicator` per period, sex and (optionally) parent.
/// With a hierarchy, regions it does not know are an error naming them, and a
/// parent's own value is not ranked among its children.
[[nodiscard]] inline std::vector<RankRow> rank_regions(const Dataset& ds, std::string_view indicator,
                                                       const RankOptions& options = {}) {
    const auto& c = ds.columns();
    const code_t ind = c.indicators.find(indicator);
    if (ind == StringDictionary::npos)
        throw key_error(Location{.key = std::string(indicator)},
                        "no observation of indicator '" + std::string(indicator) + "'");
    const code_t age = c.age_groups.find(options.age_group);
    // (group, period, sex) -> rows
    std::map<std::tuple<std::string, std::int32_t, Sex>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < ds.size(); ++i) {
        if (c.indicator[i] != ind || c.age_group[i] != age) continue;
        std::string group;
        if (options.within != nullptr) {
            const std::string& region = c.regions[c.region[i]];
            if (!options.within->contains(region))
                throw key_error(Location{.key = std::string(region)},
                                "region '" + region + "' is not in the hierarchy ranked within");
            auto parent = options.within->parent(region);
            if (!parent) continue;  // a root has no siblings to be ranked among
            group = *parent;
        }
        groups[{group, c.period[i], c.sex[i]}].push_back(i);
    }
    std::vector<RankRow> out;
    for (const auto& [key, rows] : groups) {
        std::vector<double> values;
        for (std::size_t i : rows) values.push_back(c.value[i]);
        const auto ranks = competition_rank(values, options.digits, options.order);
        for (std::size_t k = 0; k < rows.size(); ++k)
            out.push_back({c.regions[c.region[rows[k]]], std::get<0>(key), std::get<1>(key), std::get<2>(key),
                           values[k], ranks[k], rows.size()});
    }
    return out;
}

}  // namespace gendex
