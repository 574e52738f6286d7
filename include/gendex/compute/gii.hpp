// GII of every region-period of a Dataset (UNDP Technical note 4).
//
// Inputs: maternal_mortality and adolescent_birth_rate (female),
// parliament_share, secondary_education and labour_force_participation
// (female and male; a parliament share given for one sex implies the other as
// 100 - it, noted). Outputs: gii, gii_rank (competition ranks per period on the
// rounded GII, lowest first; aggregates not ranked), gii_geometric_mean
// female/male (G_F, G_M), gii_harmonic_mean, gii_reference (G_FM), gii_health,
// gii_empowerment, gii_labour.
#pragma once

#include <array>
#include <limits>
#include <span>
#include <vector>

#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/result_builder.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/gii.hpp"

namespace gendex {

namespace detail {

inline constexpr double no_max = std::numeric_limits<double>::infinity();

// In the kernel's order (undp::gii_input_names); shares in percent.
inline constexpr std::array<InputSpec, 8> gii_inputs{{
    {"maternal_mortality", Sex::female, {}, 0.0, no_max},
    {"adolescent_birth_rate", Sex::female, {}, 0.0, no_max},
    {"parliament_share", Sex::female, {}, 0.0, undp::detail::percent},
    {"parliament_share", Sex::male, {}, 0.0, undp::detail::percent},
    {"secondary_education", Sex::female, {}, 0.0, undp::detail::percent},
    {"secondary_education", Sex::male, {}, 0.0, undp::detail::percent},
    {"labour_force_participation", Sex::female, {}, 0.0, undp::detail::percent},
    {"labour_force_participation", Sex::male, {}, 0.0, undp::detail::percent},
}};

}  // namespace detail

[[nodiscard]] inline IndexResult compute_gii(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    const auto& inputs = detail::gii_inputs;
    detail::UnitTable t(ds, detail::columns_of(inputs), inputs.size());
    std::vector<detail::PendingNote> implied;
    t.imply_complements(IndicatorRegistry::standard(), implied);
    detail::Verdicts v(t, "gii", ed);
    v.notes(std::move(implied));
    v.require(inputs);
    const auto in = detail::spans_of(t, inputs);
    undp::gii_results r = undp::gii(ed, undp::gii_columns{in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7]});
    v.reject_faults(r.status, inputs, in);

    detail::ResultBuilder out(t);
    out.add("gii", Sex::total, std::move(r.gii));
    out.add_rank("gii_rank", "gii", rank_order::ascending);
    out.add("gii_geometric_mean", Sex::female, std::move(r.g_f));
    out.add("gii_geometric_mean", Sex::male, std::move(r.g_m));
    out.add("gii_harmonic_mean", Sex::total, std::move(r.harm));
    out.add("gii_reference", Sex::total, std::move(r.g_fm));
    out.add("gii_health", Sex::total, std::move(r.health));
    out.add("gii_empowerment", Sex::total, std::move(r.empowerment));
    out.add("gii_labour", Sex::total, std::move(r.labour));
    return out.finish(v, options);
}

}  // namespace gendex
