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
#include <vector>

#include "gendex/compute/earned_income.hpp"
#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/result_builder.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/gdi.hpp"

namespace gendex {

namespace detail {

// In the kernel's order (undp::gdi_input_names).
inline constexpr std::array<InputSpec, 8> gdi_inputs{{
    {"life_expectancy", Sex::female, "life_expectancy_f_min"},
    {"expected_schooling", Sex::female, "expected_schooling_min"},
    {"mean_schooling", Sex::female, "mean_schooling_min"},
    {"gni_per_capita", Sex::female, "gni_per_capita_min"},
    {"life_expectancy", Sex::male, "life_expectancy_m_min"},
    {"expected_schooling", Sex::male, "expected_schooling_min"},
    {"mean_schooling", Sex::male, "mean_schooling_min"},
    {"gni_per_capita", Sex::male, "gni_per_capita_min"},
}};

// The inputs every GDI unit must have in the data (income may be estimated).
inline constexpr std::array<InputSpec, 6> gdi_required{{
    gdi_inputs[0],
    gdi_inputs[4],
    gdi_inputs[1],
    gdi_inputs[5],
    gdi_inputs[2],
    gdi_inputs[6],
}};

}  // namespace detail

[[nodiscard]] inline IndexResult compute_gdi(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    std::size_t scope = 0;
    auto columns = detail::with_earned_income(detail::columns_of(detail::gdi_required), scope);
    detail::UnitTable t(ds, std::move(columns), scope);
    std::vector<detail::PendingNote> implied;
    t.imply_complements(IndicatorRegistry::standard(), implied);
    detail::Verdicts v(t, "gdi", ed);
    v.notes(std::move(implied));
    v.require(detail::gdi_required);
    detail::EarnedIncome income = detail::earned_income(t, v, ed, undp::wage_ratio_default::gdi);

    const auto& inputs = detail::gdi_inputs;
    const std::array<std::span<const double>, 8> in{
        t.values(inputs[0].indicator, Sex::female), t.values(inputs[1].indicator, Sex::female),
        t.values(inputs[2].indicator, Sex::female), income.female,
        t.values(inputs[4].indicator, Sex::male),   t.values(inputs[5].indicator, Sex::male),
        t.values(inputs[6].indicator, Sex::male),   income.male};
    undp::gdi_results r = undp::gdi(ed, undp::gdi_columns{in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7]});
    v.reject_faults(r.status, inputs, in);

    detail::ResultBuilder out(t);
    out.add("hdi", Sex::female, std::move(r.hdi_f));
    out.add("hdi", Sex::male, std::move(r.hdi_m));
    out.add("gdi", Sex::total, std::move(r.gdi));
    out.add_codes("gdi_group", r.group);
    out.add("hdi_health_index", Sex::female, std::move(r.health_f));
    out.add("hdi_health_index", Sex::male, std::move(r.health_m));
    out.add("hdi_education_index", Sex::female, std::move(r.education_f));
    out.add("hdi_education_index", Sex::male, std::move(r.education_m));
    out.add("hdi_income_index", Sex::female, std::move(r.income_f));
    out.add("hdi_income_index", Sex::male, std::move(r.income_m));
    detail::add_income_outputs(out, income);
    return out.finish(v, options);
}

}  // namespace gendex
