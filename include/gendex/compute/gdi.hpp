// GDI of every region-period of a Dataset (UNDP Technical note 3).
//
// Inputs (female and male): life_expectancy, expected_schooling,
// mean_schooling, gni_per_capita; when gni_per_capita by sex is not given it
// is estimated from the total (compute/earned_income.hpp, each assumption
// noted in the report). Outputs: hdi female/male (HDI_f, HDI_m), gdi,
// gdi_group (from the rounded GDI), hdi_health_index / hdi_education_index /
// hdi_income_index female/male and, for units whose incomes were estimated,
// gni_per_capita female/male and income_share female/male (percent of earned
// income).
#pragma once

#include <array>
#include <span>

#include "gendex/compute/computation.hpp"
#include "gendex/compute/earned_income.hpp"
#include "gendex/compute/hdi.hpp"
#include "gendex/indices/gdi.hpp"

namespace gendex {

namespace detail {

// In the kernel's order (undp::gdi_input_names): the HDI's inputs of women, then of men.
inline constexpr std::array<InputSpec, 8> gdi_inputs = [] {
    const auto f = hdi_shaped_inputs<Sex::female>("gni_per_capita", "gni_per_capita_min");
    const auto m = hdi_shaped_inputs<Sex::male>("gni_per_capita", "gni_per_capita_min");
    return std::array<InputSpec, 8>{f[0], f[1], f[2], f[3], m[0], m[1], m[2], m[3]};
}();

// The inputs every GDI unit must have in the data (income may be estimated).
inline constexpr std::array<InputSpec, 6> gdi_required{{
    gdi_inputs[0],
    gdi_inputs[4],
    gdi_inputs[1],
    gdi_inputs[5],
    gdi_inputs[2],
    gdi_inputs[6],
}};

/// Health and education by sex, and income by sex given or estimated.
[[nodiscard]] inline const InputRequirements& gdi_requirements() {
    static const InputRequirements r{needs_all({{"life_expectancy", {Sex::female, Sex::male}},
                                                {"expected_schooling", {Sex::female, Sex::male}},
                                                {"mean_schooling", {Sex::female, Sex::male}}}),
                                     earned_income_requirement()};
    return r;
}

}  // namespace detail

[[nodiscard]] inline IndexResult compute_gdi(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    detail::Computation c = detail::income_computation(ds, ed, "gdi", detail::gdi_requirements(), detail::gdi_required);
    const detail::UnitTable& t = c.table;
    detail::EarnedIncome income = detail::earned_income(t, c.verdicts, ed, undp::wage_ratio_default::gdi);

    const auto& inputs = detail::gdi_inputs;
    const std::array<std::span<const double>, 8> in{
        t.values(inputs[0].indicator, Sex::female), t.values(inputs[1].indicator, Sex::female),
        t.values(inputs[2].indicator, Sex::female), income.female,
        t.values(inputs[4].indicator, Sex::male),   t.values(inputs[5].indicator, Sex::male),
        t.values(inputs[6].indicator, Sex::male),   income.male};
    undp::gdi_results r = undp::gdi(ed, undp::gdi_columns{in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7]});
    c.verdicts.reject_faults(r.status, inputs, in);

    c.out.add_by_sex("hdi", r.hdi_f, r.hdi_m);
    c.out.add("gdi", Sex::total, std::move(r.gdi));
    c.out.add_codes("gdi_group", r.group);
    c.out.add_by_sex("hdi_health_index", r.health_f, r.health_m);
    c.out.add_by_sex("hdi_education_index", r.education_f, r.education_m);
    c.out.add_by_sex("hdi_income_index", r.income_f, r.income_m);
    detail::add_income_outputs(c.out, income);
    return c.finish(options);
}

}  // namespace gendex
