// WEF Global Gender Gap Index of every region-period of a Dataset (GGGR 2023
// Appendix B; docs/gggi.md).
//
// Inputs, per indicator of wef::gggi_indicators (ids gggi_<indicator>): the raw
// female and male values, or the score as published (total). Outputs: gggi,
// gggi_rank (competition ranks per period, highest first, on the index as
// computed as WEF ranks: gggi_rank_digits; aggregates not ranked), gggi_<subindex> for the four subindices, and the
// score each indicator entered with (total; absent where it is missing).
// A unit with fewer indicators than gggi_min_indicators, or a subindex without
// any, is left out with the missing indicators named.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/requirements.hpp"
#include "gendex/compute/result_builder.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/gggi.hpp"

namespace gendex {

namespace detail {

// In the kernel's order (wef::gggi_input_names): raw values are at least 0
// (the male value above 0 when the female one is 0), a score lies in [0, its
// benchmark of `ed`].
[[nodiscard]] inline std::vector<InputSpec> gggi_inputs(const Edition& ed) {
    std::vector<InputSpec> out;
    for (const wef::gggi_indicator& g : wef::gggi_indicators) {
        out.push_back({g.id, Sex::female});
        out.push_back({g.id, Sex::male, {}, 0.0, std::numeric_limits<double>::infinity(), true});  // 0/0
        out.push_back({g.id, Sex::total, {}, 0.0, (ed.*g.benchmark).value});
    }
    return out;
}

/// Per indicator the raw values (female, male) or the score as published (total); each alone is
/// optional: the 12-of-14 rule (gggi_coverage) says how many a unit needs, and names the missing ones.
[[nodiscard]] inline const InputRequirements& gggi_requirements() {
    static const InputRequirements r{[] {
        InputRequirements all;
        for (const wef::gggi_indicator& g : wef::gggi_indicators)
            all.push_back(needs_one_of(
                {{{std::string(g.id), {Sex::female, Sex::male}, true}}, {{std::string(g.id), {Sex::total}, true}}}));
        return all;
    }()};
    return r;
}

// The 12-of-14 rule and the subindices, checked before the kernel so the
// message lists every missing indicator; raw values given beside a score are noted.
inline void gggi_coverage(const UnitTable& t, Verdicts& v, std::span<const InputSpec> inputs) {
    const int needed = v.edition().gggi_min_indicators.value;
    for (std::size_t u = 0; u < t.units(); ++u) {
        std::string missing;
        std::string first;
        int present = 0;
        std::array<int, wef::gggi_subindex_count> per_subindex{};
        for (std::size_t k = 0; k < wef::gggi_indicator_count; ++k) {
            auto given = [&](std::size_t which) {
                return t.present(t.column(inputs[3 * k + which].indicator, inputs[3 * k + which].sex), u);
            };
            const bool raw = given(0) || given(1);
            if (raw && given(2))
                v.note(u, std::string(wef::gggi_indicators[k].id) +
                              ": female and male values given beside a score; the score of the values used");
            if (raw || given(2)) {
                ++present;
                ++per_subindex[wef::gggi_indicators[k].subindex];
                continue;
            }
            if (first.empty()) first = wef::gggi_indicators[k].id;
            missing += (missing.empty() ? "" : ", ") + std::string(wef::gggi_indicators[k].id);
        }
        if (present < needed) {
            v.reject(u, first, Sex::total, Problem::missing,
                     "has " + std::to_string(present) + " of the 14 GGGI indicators; edition " + v.edition().id +
                         " requires at least " + std::to_string(needed) +
                         " (gggi_min_indicators); missing: " + missing);
            continue;
        }
        for (std::size_t j = 0; j < wef::gggi_subindex_count; ++j)
            if (per_subindex[j] == 0)
                v.reject(u, first, Sex::total, Problem::missing,
                         "no indicator of the GGGI subindex " + std::string(wef::gggi_subindex_names[j]) +
                             " is given; missing: " + missing);
    }
}

}  // namespace detail

[[nodiscard]] inline IndexResult compute_gggi(const Dataset& ds, const Edition& ed,
                                              const ComputeOptions& options = {}) {
    const std::vector<detail::InputSpec> inputs = detail::gggi_inputs(ed);
    std::vector<AlignedColumn> columns;
    for (const detail::InputSpec& in : inputs) columns.push_back({std::string(in.indicator), in.sex});
    detail::UnitTable t(ds, std::move(columns), inputs.size());
    detail::Verdicts v(t, "gggi", ed);
    detail::gggi_coverage(t, v, inputs);

    std::vector<std::span<const double>> in;
    wef::gggi_columns cols;
    for (std::size_t k = 0; k < wef::gggi_indicator_count; ++k) {
        cols.female[k] = t.values(inputs[3 * k].indicator, Sex::female);
        cols.male[k] = t.values(inputs[3 * k].indicator, Sex::male);
        cols.score[k] = t.values(inputs[3 * k].indicator, Sex::total);
        in.insert(in.end(), {cols.female[k], cols.male[k], cols.score[k]});
    }
    wef::gggi_results r = wef::gggi(ed, cols);
    v.reject_faults(r.status, inputs, in);

    detail::ResultBuilder out(t);
    out.add("gggi", Sex::total, std::move(r.gggi));
    out.add_rank("gggi_rank", "gggi", RankOrder::descending, ed.gggi_rank_digits.value);
    for (std::size_t j = 0; j < wef::gggi_subindex_count; ++j)
        out.add("gggi_" + std::string(wef::gggi_subindex_names[j]), Sex::total, std::move(r.subindex[j]));
    for (std::size_t k = 0; k < wef::gggi_indicator_count; ++k)
        out.add(wef::gggi_indicators[k].id, Sex::total, std::move(r.score[k]), true);
    return out.finish(v, options);
}

}  // namespace gendex
