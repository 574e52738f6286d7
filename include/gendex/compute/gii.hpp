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
#include <string>
#include <utility>
#include <vector>

#include "gendex/compute/computation.hpp"
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

/// The requirements of a GII-shaped index (the GII, BPS's IKG): two reproductive-health
/// inputs of women; parliament_share, an education share and labour_force_participation by sex.
[[nodiscard]] inline InputRequirements gii_shaped_requirements(std::string health_a, std::string health_b,
                                                               std::string education) {
    const std::vector<Sex> both{Sex::female, Sex::male};
    return {
        needs_all({{std::move(health_a), {Sex::female}}, {std::move(health_b), {Sex::female}}}),
        needs_all({{"parliament_share", both}, {std::move(education), both}, {"labour_force_participation", both}})};
}

[[nodiscard]] inline const InputRequirements& gii_requirements() {
    static const InputRequirements r =
        gii_shaped_requirements("maternal_mortality", "adolescent_birth_rate", "secondary_education");
    return r;
}

}  // namespace detail

[[nodiscard]] inline IndexResult compute_gii(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    const auto& inputs = detail::gii_inputs;
    detail::Computation c(ds, ed, "gii", detail::gii_requirements(), inputs, detail::Complements::imply);
    const auto in = c.spans(inputs);
    undp::gii_results r = undp::gii(ed, undp::gii_columns{in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7]});
    c.verdicts.reject_faults(r.status, inputs, in);
    c.out.add("gii", Sex::total, std::move(r.gii));
    c.out.add_rank("gii_rank", "gii", RankOrder::ascending);
    c.out.add_by_sex("gii_geometric_mean", r.g_f, r.g_m);
    c.out.add_all(Sex::total, {"gii_harmonic_mean", "gii_reference", "gii_health", "gii_empowerment", "gii_labour"},
                  {&r.harm, &r.g_fm, &r.health, &r.empowerment, &r.labour});
    return c.finish(options);
}

}  // namespace gendex
