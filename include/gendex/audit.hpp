// The data-terpilah audit: which offices still report totals only.
//
// For every region x period x indicator that must be split by sex, say whether
// women's and men's values are there, whether only a total is, and, for
// additive indicators, whether female + male equals the total. Then summarise
// in percent per indicator and per region level, which is what a
// gender-mainstreaming working group (Pokja PUG) reads.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/region.hpp"

namespace gendex {

enum class Coverage : std::uint8_t {
    disaggregated,  // female and male present
    total_only,     // only a total
    female_only,    // one sex without the other
    male_only,
    missing,     // nothing at all (only for indicators the caller expects)
    complement,  // one sex of a share of a whole: the other is whole - value
};

[[nodiscard]] constexpr std::string_view to_string(Coverage c) noexcept {
    switch (c) {
        case Coverage::disaggregated: return "disaggregated";
        case Coverage::total_only: return "total_only";
        case Coverage::female_only: return "female_only";
        case Coverage::male_only: return "male_only";
        case Coverage::missing: return "missing";
        case Coverage::complement: return "complement";
    }
    return "missing";
}

enum class SumCheck : std::uint8_t { not_applicable, ok, mismatch };

[[nodiscard]] constexpr std::string_view to_string(SumCheck c) noexcept {
    switch (c) {
        case SumCheck::not_applicable: return "";
        case SumCheck::ok: return "ok";
        case SumCheck::mismatch: return "mismatch";
    }
    return "";
}

struct AuditRow {
    std::string region;
    std::int32_t period = 0;
    std::string indicator;
    std::string age_group;
    Coverage coverage = Coverage::missing;
    bool has_female = false, has_male = false, has_total = false;
    SumCheck sum_check = SumCheck::not_applicable;
    double sum_gap = 0;  // female + male - total (additive) or - whole (shares), when checked
};

struct AuditSummaryRow {
    std::string by;   // "indicator" or "level"
    std::string key;  // the indicator id or level name
    std::size_t units = 0, disaggregated = 0, complement = 0, total_only = 0, partial = 0, missing = 0,
                sum_mismatch = 0;
    /// Units where women's and men's values are known: given, or implied as a complement.
    [[nodiscard]] double percent_disaggregated() const noexcept {
        return units == 0 ? 0.0 : 100.0 * static_cast<double>(disaggregated + complement) / static_cast<double>(units);
    }
};

struct AuditOptions {
    /// Indicators every region x period should report; an absent one is a
    /// "missing" row. Empty: audit the by-sex indicators the data contains.
    std::vector<std::string> expected_indicators;
    /// Relative tolerance of the female + male = total check (additive
    /// indicators) and of female + male = whole (shares of a whole).
    double sum_tolerance = 1e-6;
    /// Gives the level of each region for the per-level summary; regions it
    /// does not know are summarised under "unknown".
    const RegionHierarchy* hierarchy = nullptr;
};

struct AuditReport {
    std::vector<AuditRow> rows;
    std::vector<AuditSummaryRow> by_indicator;
    std::vector<AuditSummaryRow> by_level;
};

[[nodiscard]] inline AuditReport audit(const Dataset& ds, const AuditOptions& options = {},
                                       const IndicatorRegistry& registry = IndicatorRegistry::standard()) {
    const auto& c = ds.columns();
    // Which indicators to audit, by code in this dataset (npos if absent).
    std::vector<std::string> audited = options.expected_indicators;
    for (const auto& id : audited) (void)registry.at(id);  // unknown id: key_error naming it
    if (audited.empty()) {
        for (const auto& id : c.indicators.strings())
            if (const auto* info = registry.find(id); info && info->must_split_by_sex()) audited.push_back(id);
    }

    struct Cell {
        bool f = false, m = false, t = false;
        double vf = 0, vm = 0, vt = 0;
    };
    // (audited index, region code, period, age code) -> presence. std::map keeps a stable order.
    std::map<std::tuple<std::size_t, code_t, std::int32_t, code_t>, Cell> cells;
    std::vector<std::size_t> audited_of_code(c.indicators.size(), static_cast<std::size_t>(-1));
    for (std::size_t k = 0; k < audited.size(); ++k)
        if (auto code = c.indicators.find(audited[k]); code != StringDictionary::npos) audited_of_code[code] = k;

    std::set<std::pair<code_t, std::int32_t>> region_periods;
    for (std::size_t i = 0; i < ds.size(); ++i) {
        region_periods.emplace(c.region[i], c.period[i]);
        const std::size_t k = audited_of_code[c.indicator[i]];
        if (k == static_cast<std::size_t>(-1)) continue;
        Cell& cell = cells[{k, c.region[i], c.period[i], c.age_group[i]}];
        switch (c.sex[i]) {
            case Sex::female: cell.f = true, cell.vf = c.value[i]; break;
            case Sex::male: cell.m = true, cell.vm = c.value[i]; break;
            case Sex::total: cell.t = true, cell.vt = c.value[i]; break;
        }
    }
    // Expected indicators: every region-period without any row of one gets a
    // "missing" cell (age group: none).
    if (!options.expected_indicators.empty()) {
        for (std::size_t k = 0; k < audited.size(); ++k)
            for (const auto& [r, p] : region_periods) {
                auto lo = cells.lower_bound({k, r, p, 0});
                if (lo == cells.end() || std::get<0>(lo->first) != k || std::get<1>(lo->first) != r ||
                    std::get<2>(lo->first) != p)
                    cells.emplace(std::tuple{k, r, p, code_t{0}}, Cell{});
            }
    }

    AuditReport report;
    std::map<std::string, AuditSummaryRow> by_level;
    report.by_indicator.resize(audited.size());
    for (std::size_t k = 0; k < audited.size(); ++k) report.by_indicator[k] = {"indicator", audited[k]};
    for (const auto& [key, cell] : cells) {
        const auto& [k, r, p, age] = key;
        AuditRow row{c.regions[r], p, audited[k], c.age_groups[age]};
        row.has_female = cell.f, row.has_male = cell.m, row.has_total = cell.t;
        const IndicatorInfo* info = registry.find(audited[k]);
        const bool share = info && info->whole > 0;
        row.coverage = cell.f && cell.m              ? Coverage::disaggregated
                       : share && (cell.f || cell.m) ? Coverage::complement
                       : cell.f                      ? Coverage::female_only
                       : cell.m                      ? Coverage::male_only
                       : cell.t                      ? Coverage::total_only
                                                     : Coverage::missing;
        auto check_sum = [&row, &options, &sums = cell](double expected) {  // (clang 14: no bindings captured)
            row.sum_gap = sums.vf + sums.vm - expected;
            const double scale = std::max(std::abs(expected), 1.0);
            row.sum_check = std::abs(row.sum_gap) <= options.sum_tolerance * scale ? SumCheck::ok : SumCheck::mismatch;
        };
        if (info && info->additive && cell.f && cell.m && cell.t) check_sum(cell.vt);
        if (share && cell.f && cell.m) check_sum(info->whole);
        std::string level = "unknown";
        if (options.hierarchy && options.hierarchy->contains(row.region))
            level = options.hierarchy->by_code(row.region).level;
        auto& lv = by_level.try_emplace(level, AuditSummaryRow{"level", level}).first->second;
        for (AuditSummaryRow* s : {&report.by_indicator[k], &lv}) {
            ++s->units;
            switch (row.coverage) {
                case Coverage::disaggregated: ++s->disaggregated; break;
                case Coverage::complement: ++s->complement; break;
                case Coverage::total_only: ++s->total_only; break;
                case Coverage::female_only:
                case Coverage::male_only: ++s->partial; break;
                case Coverage::missing: ++s->missing; break;
            }
            if (row.sum_check == SumCheck::mismatch) ++s->sum_mismatch;
        }
        report.rows.push_back(std::move(row));
    }
    for (auto& [level, s] : by_level) report.by_level.push_back(std::move(s));
    return report;
}

}  // namespace gendex
