// HDI of every region-period of a Dataset (UNDP Technical note 1).
//
// Inputs (total): life_expectancy, expected_schooling, mean_schooling,
// gni_per_capita. Outputs: hdi, hdi_health_index, hdi_education_index,
// hdi_income_index, hdi_group (1 low .. 4 very high, from the rounded HDI) and
// hdi_rank (competition ranks per period on the rounded HDI; aggregates are
// not ranked).
#pragma once

#include <array>
#include <string_view>

#include "gendex/compute/computation.hpp"
#include "gendex/indices/hdi.hpp"

namespace gendex {

namespace detail {

/// The four inputs of an HDI-shaped index (HDI, the GDI by sex, BPS's IPM) for sex S, in the
/// kernel's order, each with the edition constant of its minimum (life expectancy's is by sex).
template <Sex S>
[[nodiscard]] constexpr std::array<InputSpec, 4> hdi_shaped_inputs(std::string_view income,
                                                                   std::string_view income_min) {
    constexpr std::string_view life_min = S == Sex::female ? "life_expectancy_f_min"
                                          : S == Sex::male ? "life_expectancy_m_min"
                                                           : "life_expectancy_min";
    return {{{"life_expectancy", S, life_min},
             {"expected_schooling", S, "expected_schooling_min"},
             {"mean_schooling", S, "mean_schooling_min"},
             {income, S, income_min}}};
}

inline constexpr std::array<InputSpec, 4> hdi_inputs =
    hdi_shaped_inputs<Sex::total>("gni_per_capita", "gni_per_capita_min");

/// Every input in one region-period.
[[nodiscard]] inline const InputRequirements& hdi_requirements() {
    static const InputRequirements r{needs_all({{"life_expectancy", {Sex::total}},
                                                {"expected_schooling", {Sex::total}},
                                                {"mean_schooling", {Sex::total}},
                                                {"gni_per_capita", {Sex::total}}})};
    return r;
}

}  // namespace detail

[[nodiscard]] inline IndexResult compute_hdi(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    const auto& inputs = detail::hdi_inputs;
    detail::Computation c(ds, ed, "hdi", detail::hdi_requirements(), inputs, detail::Complements::keep);
    const auto in = c.spans(inputs);
    undp::hdi_results r = undp::hdi(ed, undp::hdi_columns{in[0], in[1], in[2], in[3]});
    c.verdicts.reject_faults(r.status, inputs, in);
    c.out.add_all(Sex::total, {"hdi", "hdi_health_index", "hdi_education_index", "hdi_income_index"},
                  {&r.hdi, &r.health, &r.education, &r.income});
    c.out.add_codes("hdi_group", r.group);
    c.out.add_rank("hdi_rank", "hdi", RankOrder::descending);
    return c.finish(options);
}

}  // namespace gendex
