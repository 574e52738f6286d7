// WEF Global Gender Gap Index (Global Gender Gap Report 2023, Appendix B).
//
// Fourteen indicators, each a female-to-male ratio truncated at its equality
// benchmark (the score); four subindices, each the weighted mean of its
// indicators' scores with the Table B.2 weights, the weights of missing
// indicators renormalised away; the index is the unweighted mean of the four
// subindices. An economy needs at least gggi_min_indicators of the 14, and
// every subindex at least one. All constants come from the Edition
// (edition.hpp, docs/gggi.md).
//
// Per indicator a unit gives either its raw female and male values (the score
// is then min(female / male, benchmark); male 0 with female above 0 is a ratio
// above any benchmark) or the score itself as published (total), which must
// lie in [0, benchmark]. Raw values win when both are given. A raw value
// without its other sex is an error, not a missing indicator.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/indices/kernel.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::wef {

using kernel::fault;
using kernel::input_name;
using kernel::unit_status;

inline constexpr std::size_t gggi_indicator_count = 14;
inline constexpr std::size_t gggi_subindex_count = 4;

/// The four subindices, in WEF's order; output ids are "gggi_" + name.
inline constexpr std::array<std::string_view, gggi_subindex_count> gggi_subindex_names{{
    "economic_participation_and_opportunity",
    "educational_attainment",
    "health_and_survival",
    "political_empowerment",
}};

/// One indicator: its data-contract id (raw values by sex, the score as
/// total), its subindex, and the edition constants of its weight, the
/// standard deviation behind the weight, and its equality benchmark.
struct gggi_indicator {
    std::string_view id;
    std::size_t subindex;
    Sourced<double> Edition::*weight;
    Sourced<double> Edition::*sd;
    Sourced<double> Edition::*benchmark;
};

/// The 14 indicators of Table B.2, in its order (the order of every array below).
inline constexpr std::array<gggi_indicator, gggi_indicator_count> gggi_indicators{{
    {"gggi_labour_force_participation", 0, &Edition::gggi_weight_labour_force, &Edition::gggi_sd_labour_force,
     &Edition::gggi_parity_benchmark},
    {"gggi_wage_equality_for_similar_work", 0, &Edition::gggi_weight_wage_equality, &Edition::gggi_sd_wage_equality,
     &Edition::gggi_parity_benchmark},
    {"gggi_estimated_earned_income", 0, &Edition::gggi_weight_earned_income, &Edition::gggi_sd_earned_income,
     &Edition::gggi_parity_benchmark},
    {"gggi_legislators_senior_officials_and_managers", 0, &Edition::gggi_weight_managers, &Edition::gggi_sd_managers,
     &Edition::gggi_parity_benchmark},
    {"gggi_professional_and_technical_workers", 0, &Edition::gggi_weight_professional, &Edition::gggi_sd_professional,
     &Edition::gggi_parity_benchmark},
    {"gggi_literacy_rate", 1, &Edition::gggi_weight_literacy, &Edition::gggi_sd_literacy,
     &Edition::gggi_parity_benchmark},
    {"gggi_enrolment_in_primary_education", 1, &Edition::gggi_weight_primary, &Edition::gggi_sd_primary,
     &Edition::gggi_parity_benchmark},
    {"gggi_enrolment_in_secondary_education", 1, &Edition::gggi_weight_secondary, &Edition::gggi_sd_secondary,
     &Edition::gggi_parity_benchmark},
    {"gggi_enrolment_in_tertiary_education", 1, &Edition::gggi_weight_tertiary, &Edition::gggi_sd_tertiary,
     &Edition::gggi_parity_benchmark},
    {"gggi_sex_ratio_at_birth", 2, &Edition::gggi_weight_sex_ratio_at_birth, &Edition::gggi_sd_sex_ratio_at_birth,
     &Edition::gggi_sex_ratio_at_birth_benchmark},
    {"gggi_healthy_life_expectancy", 2, &Edition::gggi_weight_healthy_life, &Edition::gggi_sd_healthy_life,
     &Edition::gggi_healthy_life_benchmark},
    {"gggi_women_in_parliament", 3, &Edition::gggi_weight_parliament, &Edition::gggi_sd_parliament,
     &Edition::gggi_parity_benchmark},
    {"gggi_women_in_ministerial_positions", 3, &Edition::gggi_weight_ministers, &Edition::gggi_sd_ministers,
     &Edition::gggi_parity_benchmark},
    {"gggi_years_with_female_head_of_state", 3, &Edition::gggi_weight_head_of_state, &Edition::gggi_sd_head_of_state,
     &Edition::gggi_parity_benchmark},
}};

inline constexpr std::size_t gggi_input_count = 3 * gggi_indicator_count;

/// Inputs in status order: per indicator female, male (raw values) and total (the score).
inline constexpr std::array<input_name, gggi_input_count> gggi_input_names = [] {
    std::array<input_name, gggi_input_count> out{};
    for (std::size_t k = 0; k < gggi_indicator_count; ++k) {
        out[3 * k] = {gggi_indicators[k].id, "female"};
        out[3 * k + 1] = {gggi_indicators[k].id, "male"};
        out[3 * k + 2] = {gggi_indicators[k].id, "total"};
    }
    return out;
}();

using gggi_array = std::array<double, gggi_indicator_count>;

/// One unit: NaN marks an absent value.
struct gggi_input {
    gggi_array female, male, score;
};

struct gggi_value {
    double gggi;
    std::array<double, gggi_subindex_count> subindex;
    gggi_array score;  // the score used; NaN where the indicator is missing
    unit_status status;
};

struct gggi_columns {
    std::array<std::span<const double>, gggi_indicator_count> female, male, score;
};

struct gggi_outputs {
    std::span<double> gggi;
    std::array<std::span<double>, gggi_subindex_count> subindex;
    std::array<std::span<double>, gggi_indicator_count> score;
    std::span<unit_status> status;
};

struct gggi_results {
    std::vector<double> gggi;
    std::array<std::vector<double>, gggi_subindex_count> subindex;
    std::array<std::vector<double>, gggi_indicator_count> score;
    std::vector<unit_status> status;
};

namespace detail {

using namespace kernel::detail;

struct gggi_rules {
    gggi_array weight, benchmark;
    int min_indicators;
};

[[nodiscard]] inline gggi_rules make_gggi_rules(const Edition& ed) {
    gggi_rules r{};
    for (std::size_t k = 0; k < gggi_indicator_count; ++k) {
        r.weight[k] = (ed.*gggi_indicators[k].weight).value;
        r.benchmark[k] = (ed.*gggi_indicators[k].benchmark).value;
    }
    r.min_indicators = ed.gggi_min_indicators.value;
    return r;
}

[[nodiscard]] constexpr std::uint8_t input_of(std::size_t k, std::size_t which) {
    return static_cast<std::uint8_t>(3 * k + which);
}

// The score of indicator k and the status of its inputs; NaN score: missing.
[[nodiscard]] inline double gggi_score(const gggi_rules& rules, std::size_t k, double f, double m, double given,
                                       unit_status& s) {
    const double benchmark = rules.benchmark[k];
    if (!std::isnan(f) || !std::isnan(m)) {
        s = check_at_least(f, 0.0, input_of(k, 0));
        if (s.ok()) s = check_at_least(m, 0.0, input_of(k, 1));
        if (s.ok() && m == 0.0 && f == 0.0) s = {fault::below_minimum, input_of(k, 1)};  // 0/0
        if (!s.ok()) return not_a_number;
        return m == 0.0 ? benchmark : std::min(f / m, benchmark);
    }
    if (std::isnan(given)) return not_a_number;
    s = check_within(given, 0.0, benchmark, input_of(k, 2));
    return s.ok() ? given : not_a_number;
}

}  // namespace detail

/// GGGI of every unit into caller-provided spans.
[[gnu::noinline]] inline void gggi(const Edition& ed, const gggi_columns& in, const gggi_outputs& out) {
    const std::size_t n = in.female[0].size();
    for (std::size_t k = 0; k < gggi_indicator_count; ++k)
        for (const auto* column : {&in.female[k], &in.male[k], &in.score[k]})
            if (column->size() != n)
                throw value_error("gggi: input column of '" + std::string(gggi_indicators[k].id) + "' has " +
                                  std::to_string(column->size()) + " values but '" +
                                  std::string(gggi_indicators[0].id) + "' (female) has " + std::to_string(n));
    detail::check_output("gggi", "gggi", out.gggi.size(), n);
    for (std::size_t j = 0; j < gggi_subindex_count; ++j)
        detail::check_output("gggi", gggi_subindex_names[j], out.subindex[j].size(), n);
    for (std::size_t k = 0; k < gggi_indicator_count; ++k)
        detail::check_output("gggi", gggi_indicators[k].id, out.score[k].size(), n);
    detail::check_output("gggi", "status", out.status.size(), n);

    const detail::gggi_rules rules = detail::make_gggi_rules(ed);
    const double nan = detail::not_a_number;
    for (std::size_t i = 0; i < n; ++i) {
        unit_status s{};
        gggi_array score{};
        std::array<double, gggi_subindex_count> sum{}, weights{}, subindex{};
        int present = 0;
        std::size_t first_missing = gggi_indicator_count;
        for (std::size_t k = 0; k < gggi_indicator_count && s.ok(); ++k) {
            score[k] = detail::gggi_score(rules, k, in.female[k][i], in.male[k][i], in.score[k][i], s);
            if (!s.ok() || std::isnan(score[k])) {
                if (first_missing == gggi_indicator_count) first_missing = k;
                continue;
            }
            ++present;
            sum[gggi_indicators[k].subindex] += rules.weight[k] * score[k];
            weights[gggi_indicators[k].subindex] += rules.weight[k];
        }
        // The 12-of-14 rule, and a subindex without any indicator: the first missing one is named.
        if (s.ok() && present < rules.min_indicators) s = {fault::not_finite, detail::input_of(first_missing, 2)};
        for (std::size_t j = 0; j < gggi_subindex_count && s.ok(); ++j) {
            if (weights[j] > 0.0) {
                subindex[j] = sum[j] / weights[j];
                continue;
            }
            for (std::size_t k = 0; k < gggi_indicator_count; ++k)
                if (gggi_indicators[k].subindex == j) {
                    s = {fault::not_finite, detail::input_of(k, 2)};
                    break;
                }
        }
        const bool ok = s.ok();
        double index = nan;
        if (ok) index = (subindex[0] + subindex[1] + subindex[2] + subindex[3]) / 4.0;
        detail::put(detail::wanted(out.gggi), i, index);
        for (std::size_t j = 0; j < gggi_subindex_count; ++j)
            detail::put(detail::wanted(out.subindex[j]), i, ok ? subindex[j] : nan);
        for (std::size_t k = 0; k < gggi_indicator_count; ++k)
            detail::put(detail::wanted(out.score[k]), i, ok ? score[k] : nan);
        detail::put(detail::wanted(out.status), i, s);
    }
}

/// GGGI of every unit, all outputs.
[[nodiscard]] inline gggi_results gggi(const Edition& ed, const gggi_columns& in) {
    const std::size_t n = in.female[0].size();
    gggi_results r;
    gggi_outputs out;
    r.gggi.resize(n);
    out.gggi = r.gggi;
    for (std::size_t j = 0; j < gggi_subindex_count; ++j) out.subindex[j] = r.subindex[j] = std::vector<double>(n);
    for (std::size_t k = 0; k < gggi_indicator_count; ++k) out.score[k] = r.score[k] = std::vector<double>(n);
    r.status.resize(n);
    out.status = r.status;
    gggi(ed, in, out);
    return r;
}

/// GGGI of one unit (the batch loop on one unit).
[[nodiscard]] inline gggi_value gggi(const Edition& ed, const gggi_input& in) {
    gggi_value v{};
    gggi_columns columns;
    gggi_outputs out;
    for (std::size_t k = 0; k < gggi_indicator_count; ++k) {
        columns.female[k] = {&in.female[k], 1};
        columns.male[k] = {&in.male[k], 1};
        columns.score[k] = {&in.score[k], 1};
        out.score[k] = {&v.score[k], 1};
    }
    out.gggi = {&v.gggi, 1};
    for (std::size_t j = 0; j < gggi_subindex_count; ++j) out.subindex[j] = {&v.subindex[j], 1};
    out.status = {&v.status, 1};
    gggi(ed, columns, out);
    return v;
}

/// An absent value for gggi_input.
inline constexpr double absent = std::numeric_limits<double>::quiet_NaN();

}  // namespace gendex::wef

GENDEX_KERNELS_END
