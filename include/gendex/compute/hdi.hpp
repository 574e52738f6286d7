// HDI of every region-period of a Dataset (UNDP Technical note 1).
//
// Inputs (total): life_expectancy, expected_schooling, mean_schooling,
// gni_per_capita. Outputs: hdi, hdi_health_index, hdi_education_index,
// hdi_income_index, hdi_group (1 low .. 4 very high, from the rounded HDI) and
// hdi_rank (competition ranks per period on the rounded HDI; aggregates are
// not ranked).
#pragma once

#include <array>
#include <span>
#include <vector>

#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/result_builder.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/hdi.hpp"

namespace gendex {

namespace detail {

inline constexpr std::array<InputSpec, 4> hdi_inputs{{
    {"life_expectancy", Sex::total, "life_expectancy_min"},
    {"expected_schooling", Sex::total, "expected_schooling_min"},
    {"mean_schooling", Sex::total, "mean_schooling_min"},
    {"gni_per_capita", Sex::total, "gni_per_capita_min"},
}};

}  // namespace detail

[[nodiscard]] inline IndexResult compute_hdi(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    const auto& inputs = detail::hdi_inputs;
    const detail::UnitTable t(ds, detail::columns_of(inputs), inputs.size());
    detail::Verdicts v(t, "hdi", ed);
    v.require(inputs);
    const auto in = detail::spans_of(t, inputs);
    undp::hdi_results r = undp::hdi(ed, undp::hdi_columns{in[0], in[1], in[2], in[3]});
    v.reject_faults(r.status, inputs, in);

    detail::ResultBuilder out(t);
    out.add("hdi", Sex::total, std::move(r.hdi));
    out.add("hdi_health_index", Sex::total, std::move(r.health));
    out.add("hdi_education_index", Sex::total, std::move(r.education));
    out.add("hdi_income_index", Sex::total, std::move(r.income));
    out.add_codes("hdi_group", r.group);
    out.add_rank("hdi_rank", "hdi", rank_order::descending);
    return out.finish(v, options);
}

}  // namespace gendex
