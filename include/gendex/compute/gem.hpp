// GEM of every region-period of a Dataset (HDR 1995-2009; unverified points
// are edition data, see docs/undp-indices.md).
//
// Inputs (female and male): parliament_share, managers_share,
// professional_technical_share (percent; one sex implies the other as 100 -
// it, noted), gni_per_capita as estimated earned income (estimated from the
// total with the GEM's default wage ratio when not given; the historical
// method used GDP per capita: pass it as gni_per_capita total) and population
// by sex for the population shares. Outputs: gem, gem_political,
// gem_economic, gem_income, gem_parliament_edep, gem_managers_edep,
// gem_professional_technical_edep, gem_income_index female/male and, where
// estimated, gni_per_capita and income_share female/male.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "gendex/compute/computation.hpp"
#include "gendex/compute/earned_income.hpp"
#include "gendex/indices/gem.hpp"

namespace gendex {

namespace detail {

// In the kernel's order (undp::gem_input_names).
inline constexpr std::array<InputSpec, 10> gem_inputs{{
    {"parliament_share", Sex::female, {}, 0.0, undp::detail::percent},
    {"parliament_share", Sex::male, {}, 0.0, undp::detail::percent},
    {"managers_share", Sex::female, {}, 0.0, undp::detail::percent},
    {"managers_share", Sex::male, {}, 0.0, undp::detail::percent},
    {"professional_technical_share", Sex::female, {}, 0.0, undp::detail::percent},
    {"professional_technical_share", Sex::male, {}, 0.0, undp::detail::percent},
    {"gni_per_capita", Sex::female, "gem_income_min"},
    {"gni_per_capita", Sex::male, "gem_income_min"},
    {"population_share", Sex::female, {}, 0.0, 1.0},
    {"population_share", Sex::male, {}, 0.0, 1.0},
}};

inline constexpr std::array<InputSpec, 6> gem_shares{{
    gem_inputs[0],
    gem_inputs[1],
    gem_inputs[2],
    gem_inputs[3],
    gem_inputs[4],
    gem_inputs[5],
}};

/// The three shares and population by sex, and income by sex given or estimated.
[[nodiscard]] inline const InputRequirements& gem_requirements() {
    static const InputRequirements r{needs_all({{"parliament_share", {Sex::female, Sex::male}},
                                                {"managers_share", {Sex::female, Sex::male}},
                                                {"professional_technical_share", {Sex::female, Sex::male}},
                                                {"population", {Sex::female, Sex::male}}}),
                                     earned_income_requirement()};
    return r;
}

}  // namespace detail

[[nodiscard]] inline IndexResult compute_gem(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    detail::Computation c = detail::income_computation(ds, ed, "gem", detail::gem_requirements(), detail::gem_shares);
    const detail::UnitTable& t = c.table;
    detail::EarnedIncome income = detail::earned_income(t, c.verdicts, ed, undp::wage_ratio_default::gem);
    std::vector<bool> all(t.units(), true);
    const std::vector<double> pop_f = detail::population_share_f(t, c.verdicts, all, "");
    std::vector<double> pop_m(pop_f.size());
    for (std::size_t u = 0; u < pop_f.size(); ++u) pop_m[u] = 1.0 - pop_f[u];

    const auto& inputs = detail::gem_inputs;
    std::array<std::span<const double>, 10> in{};
    for (std::size_t k = 0; k < 6; ++k) in[k] = t.values(inputs[k].indicator, inputs[k].sex);
    in[6] = income.female, in[7] = income.male, in[8] = pop_f, in[9] = pop_m;
    undp::gem_results r =
        undp::gem(ed, undp::gem_columns{in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7], in[8], in[9]});
    c.verdicts.reject_faults(r.status, inputs, in);

    c.out.add_all(Sex::total,
                  {"gem", "gem_political", "gem_economic", "gem_income", "gem_parliament_edep", "gem_managers_edep",
                   "gem_professional_technical_edep"},
                  {&r.gem, &r.political, &r.economic, &r.income, &r.parliament_edep, &r.managers_edep,
                   &r.professional_technical_edep});
    c.out.add_by_sex("gem_income_index", r.income_index_f, r.income_index_m);
    detail::add_income_outputs(c.out, income);
    return c.finish(options);
}

}  // namespace gendex
