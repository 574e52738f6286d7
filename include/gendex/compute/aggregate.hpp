// Regional and group aggregates as UNDP forms them (TN 1): population-weighted
// means of the components over the member countries that have data, to which
// the index formulas are then applied (compute_hdi on the result).
//
// Weights: life expectancy and GNI per capita by total population; expected
// schooling by the population aged 5-24 and mean schooling by the population
// aged 25+ (TN 1; edition constants aggregate_*). The HDR files carry total population only, so when the
// age-specific population is not in the data the total population stands in
// (noted per group and period). With the HDR23-24 and HDR25 files this
// reproduces every aggregate life expectancy and GNI per capita of the ZZ rows
// to 1e-9; the aggregate schooling differs by up to 9 % for want of the
// age-specific weights.
//
// UNDP averages over the members with data (its GNI aggregates cover 90-100 %
// of the population); `min_coverage` can demand more.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "gendex/compute/report.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/region.hpp"

namespace gendex {

/// An aggregate and the regions it averages over.
struct AggregateGroup {
    std::string code;  // region code of the aggregate, e.g. "ZZJ.SSA"
    std::vector<std::string> members;
};

/// One averaged component and the weight it takes: `weight` of the same sex
/// in `weight_age_group`; failing that, of the same sex at all ages; failing
/// that, the total population at all ages (each fallback noted).
struct AggregateComponent {
    std::string indicator;
    Sex sex = Sex::total;
    std::string weight_age_group;  // "" = all ages
};

/// The HDI components with the TN 1 weights, their age groups ("5-24",
/// "25+") from the edition's aggregate_* constants.
[[nodiscard]] inline std::vector<AggregateComponent> hdi_aggregate_components(
    const Edition& ed = edition(latest_hdr_edition_id)) {
    const std::string school = std::to_string(ed.aggregate_schooling_age_min.value) + "-" +
                               std::to_string(ed.aggregate_schooling_age_max.value);
    const std::string adult = std::to_string(ed.aggregate_adult_age_min.value) + "+";
    return {{"life_expectancy", Sex::total, ""},
            {"expected_schooling", Sex::total, school},
            {"mean_schooling", Sex::total, adult},
            {"gni_per_capita", Sex::total, ""}};
}

/// The GDI components: each sex's values weighted by that sex's population.
[[nodiscard]] inline std::vector<AggregateComponent> gdi_aggregate_components(
    const Edition& ed = edition(latest_hdr_edition_id)) {
    std::vector<AggregateComponent> out;
    for (Sex s : {Sex::female, Sex::male})
        for (auto c : hdi_aggregate_components(ed)) out.push_back({c.indicator, s, c.weight_age_group});
    return out;
}

struct AggregateOptions {
    std::string weight_indicator = "population";
    std::vector<AggregateComponent> components = hdi_aggregate_components();
    /// Least share (0-1) of the group's weight that members with data must
    /// cover; 0 averages over whichever members have data, as UNDP does.
    double min_coverage = 0.0;
};

struct AggregateResult {
    Dataset values;        // one row per group x period x component computed
    ComputeReport report;  // index "aggregate": skipped (group, period, component), notes on weights and coverage
};

namespace detail {

/// "92.7" (percent, one decimal) for notes.
[[nodiscard]] inline std::string percent_text(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", 100.0 * fraction);
    return buf;
}

}  // namespace detail

/// Every region of `hierarchy` that has children, averaging over its children.
[[nodiscard]] inline std::vector<AggregateGroup> aggregate_groups(const RegionHierarchy& hierarchy) {
    std::vector<AggregateGroup> out;
    for (const Region& r : hierarchy.regions()) {
        auto children = hierarchy.children(r.code);
        if (!children.empty()) out.push_back({r.code, std::move(children)});
    }
    return out;
}

/// Weighted component means of every group and period of `ds`.
[[nodiscard]] inline AggregateResult aggregate(const Dataset& ds, std::span<const AggregateGroup> groups,
                                               const AggregateOptions& options = {}) {
    if (!(options.min_coverage >= 0.0 && options.min_coverage <= 1.0))
        throw value_error("aggregate: min_coverage must be between 0 and 1, got " +
                          detail::format_number(options.min_coverage));
    for (const auto& c : options.components) (void)IndicatorRegistry::standard().at(c.indicator);
    std::vector<std::int32_t> periods(ds.periods().begin(), ds.periods().end());
    std::sort(periods.begin(), periods.end());
    periods.erase(std::unique(periods.begin(), periods.end()), periods.end());

    AggregateResult result;
    result.report.index = "aggregate";
    DatasetBuilder builder;
    const double no_se = std::numeric_limits<double>::quiet_NaN();
    const std::string& w = options.weight_indicator;

    for (const AggregateGroup& g : groups) {
        for (std::int32_t p : periods) {
            bool any_member_data = false, computed = false;
            std::string notes;
            for (const AggregateComponent& c : options.components) {
                // Members with the component, and the weight levels each has.
                struct Member {
                    double x;
                    std::optional<double> own_age, own_all, total_all;
                };
                std::vector<Member> with_value;
                std::vector<std::optional<double>> all_weights;  // total population of every member (coverage)
                auto weight = [&](const std::string& m, Sex s, const std::string& age) -> std::optional<double> {
                    if (auto r = ds.find(m, p, s, w, age)) return ds.values()[*r];
                    return std::nullopt;
                };
                for (const std::string& m : g.members) {
                    if (auto r = ds.find(m, p, c.sex, c.indicator))
                        with_value.push_back({ds.values()[*r], weight(m, c.sex, c.weight_age_group),
                                              weight(m, c.sex, ""), weight(m, Sex::total, "")});
                }
                if (with_value.empty()) continue;
                any_member_data = true;
                // One weight level for all members, the most specific every member has.
                int level = 0;
                auto all_have = [&](int lv) {
                    return std::all_of(with_value.begin(), with_value.end(), [&](const Member& m) {
                        return (lv == 0 ? m.own_age : lv == 1 ? m.own_all : m.total_all).has_value();
                    });
                };
                while (level < 3 && !all_have(level)) ++level;
                const std::string label = detail::input_label(c.indicator, c.sex);
                const std::string key = w + " (" + std::string(to_string(level == 2 ? Sex::total : c.sex)) +
                                        (level == 0 && !c.weight_age_group.empty() ? ", " + c.weight_age_group : "") +
                                        ")";
                if (level == 3) {
                    result.report.skipped.push_back({g.code, p, c.indicator, c.sex, Problem::missing,
                                                     label + ": a member with data has no " + w + " to weight it"});
                    continue;
                }
                double sum = 0, weight_sum = 0;
                for (const Member& m : with_value) {
                    const double wt = *(level == 0 ? m.own_age : level == 1 ? m.own_all : m.total_all);
                    sum += wt * m.x;
                    weight_sum += wt;
                }
                // Coverage: the weight of members with data over the weight of all members that have one.
                double group_weight = 0;
                for (const std::string& m : g.members) {
                    const auto wt = level == 0   ? weight(m, c.sex, c.weight_age_group)
                                    : level == 1 ? weight(m, c.sex, "")
                                                 : weight(m, Sex::total, "");
                    if (wt) group_weight += *wt;
                }
                const double coverage = group_weight > 0 ? weight_sum / group_weight : 0.0;
                if (!(weight_sum > 0) || coverage < options.min_coverage) {
                    result.report.skipped.push_back(
                        {g.code, p, c.indicator, c.sex, Problem::missing,
                         label + ": members with data cover " + detail::percent_text(coverage) + " % of the " + w +
                             ", below the minimum " + detail::percent_text(options.min_coverage) + " %"});
                    continue;
                }
                builder.add(g.code, p, c.sex, c.indicator, sum / weight_sum, "", no_se, "", "gendex aggregate");
                computed = true;
                std::string note;
                if (level > 0 && (level == 2 || !c.weight_age_group.empty()))
                    note += "weighted by " + key + " for want of " + w + " (" + std::string(to_string(c.sex)) +
                            (c.weight_age_group.empty() ? "" : ", " + c.weight_age_group) + ")";
                if (with_value.size() < g.members.size())
                    note += std::string(note.empty() ? "" : "; ") + std::to_string(with_value.size()) + " of " +
                            std::to_string(g.members.size()) + " members, " + detail::percent_text(coverage) +
                            " % of the weight";
                if (!note.empty()) notes += (notes.empty() ? "" : " | ") + label + ": " + note;
            }
            if (!any_member_data) continue;
            ++result.report.units;
            if (computed) ++result.report.computed;
            if (computed && !notes.empty()) result.report.notes.push_back({g.code, p, std::move(notes)});
        }
    }
    result.values = std::move(builder).build();
    return result;
}

}  // namespace gendex
