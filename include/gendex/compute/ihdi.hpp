// IHDI of every region-period of a Dataset (UNDP Technical note 2).
//
// Inputs (total): the four HDI components and inequality_life_expectancy,
// inequality_education, inequality_income (Atkinson, percent); the three
// inequality measures define the units, so a country-year without them is not
// an IHDI unit. Outputs: ihdi, ihdi_loss (percent, from the rounded IHDI and
// HDI as the publisher computes it), coefficient_human_inequality,
// ihdi_health_index, ihdi_education_index, ihdi_income_index. The HDI itself is
// compute_hdi's output, not repeated here.
#pragma once

#include <array>

#include "gendex/compute/computation.hpp"
#include "gendex/compute/hdi.hpp"
#include "gendex/indices/ihdi.hpp"

namespace gendex {

namespace detail {

// In the kernel's order (undp::ihdi_input_names).
inline constexpr std::array<InputSpec, 7> ihdi_inputs{{
    hdi_inputs[0],
    hdi_inputs[1],
    hdi_inputs[2],
    hdi_inputs[3],
    {"inequality_life_expectancy", Sex::total, {}, 0.0, undp::detail::percent},
    {"inequality_education", Sex::total, {}, 0.0, undp::detail::percent},
    {"inequality_income", Sex::total, {}, 0.0, undp::detail::percent},
}};

// The inequality measures first: they define the units.
inline constexpr std::array<InputSpec, 7> ihdi_required{{
    ihdi_inputs[4],
    ihdi_inputs[5],
    ihdi_inputs[6],
    ihdi_inputs[0],
    ihdi_inputs[1],
    ihdi_inputs[2],
    ihdi_inputs[3],
}};

/// The HDI's inputs and the three inequality measures, all in one region-period.
[[nodiscard]] inline const InputRequirements& ihdi_requirements() {
    static const InputRequirements r = [] {
        InputRequirements out = hdi_requirements();
        for (const char* id : {"inequality_life_expectancy", "inequality_education", "inequality_income"})
            out[0].alternatives[0].push_back({id, {Sex::total}});
        return out;
    }();
    return r;
}

}  // namespace detail

[[nodiscard]] inline IndexResult compute_ihdi(const Dataset& ds, const Edition& ed,
                                              const ComputeOptions& options = {}) {
    const auto& inputs = detail::ihdi_inputs;
    const auto& required = detail::ihdi_required;
    detail::Computation c(ds, ed, "ihdi", detail::ihdi_requirements(), detail::columns_of(required), 3, required,
                          detail::Complements::keep);
    const auto in = c.spans(inputs);
    undp::ihdi_results r = undp::ihdi(ed, undp::ihdi_columns{in[0], in[1], in[2], in[3], in[4], in[5], in[6]});
    c.verdicts.reject_faults(r.status, inputs, in);
    c.out.add_all(Sex::total,
                  {"ihdi", "ihdi_loss", "coefficient_human_inequality", "ihdi_health_index", "ihdi_education_index",
                   "ihdi_income_index"},
                  {&r.ihdi, &r.loss, &r.coefficient_of_inequality, &r.adjusted_health, &r.adjusted_education,
                   &r.adjusted_income});
    return c.finish(options);
}

}  // namespace gendex
