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
#include <span>
#include <vector>

#include "gendex/compute/hdi.hpp"
#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/result_builder.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
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

}  // namespace detail

[[nodiscard]] inline IndexResult compute_ihdi(const Dataset& ds, const Edition& ed,
                                              const ComputeOptions& options = {}) {
    const auto& inputs = detail::ihdi_inputs;
    const detail::UnitTable t(ds, detail::columns_of(detail::ihdi_required), 3);
    detail::Verdicts v(t, "ihdi", ed);
    v.require(detail::ihdi_required);
    const auto in = detail::spans_of(t, inputs);
    undp::ihdi_results r = undp::ihdi(ed, undp::ihdi_columns{in[0], in[1], in[2], in[3], in[4], in[5], in[6]});
    v.reject_faults(r.status, inputs, in);

    detail::ResultBuilder out(t);
    out.add("ihdi", Sex::total, std::move(r.ihdi));
    out.add("ihdi_loss", Sex::total, std::move(r.loss));
    out.add("coefficient_human_inequality", Sex::total, std::move(r.coefficient_of_inequality));
    out.add("ihdi_health_index", Sex::total, std::move(r.adjusted_health));
    out.add("ihdi_education_index", Sex::total, std::move(r.adjusted_education));
    out.add("ihdi_income_index", Sex::total, std::move(r.adjusted_income));
    return out.finish(v, options);
}

}  // namespace gendex
