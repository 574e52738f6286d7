// Gender Inequality Index (UNDP Technical note 4).
//
// GII = 1 - HARM(G_F, G_M) / G_FM, from full-precision components after the
// MMR truncation and the floors. The female parliament floor is edition data:
// the 2023/24 and 2025 files were computed with 0.01 percent although the
// notes say 0.1, and 2021/22 also moves the male share to 100 - floor.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/indices/hdi.hpp"

namespace gendex::undp {

struct gii_input {
    double maternal_mortality;            // deaths per 100,000 live births
    double adolescent_birth_rate;         // births per 1,000 women 15-19
    double parliament_share_f, parliament_share_m;                      // percent
    double secondary_education_f, secondary_education_m;                // percent
    double labour_force_participation_f, labour_force_participation_m;  // percent
};

inline constexpr std::array<input_name, 8> gii_input_names{{
    {"maternal_mortality", "female"},
    {"adolescent_birth_rate", "female"},
    {"parliament_share", "female"},
    {"parliament_share", "male"},
    {"secondary_education", "female"},
    {"secondary_education", "male"},
    {"labour_force_participation", "female"},
    {"labour_force_participation", "male"},
}};

struct gii_value {
    double g_f, g_m, harm, g_fm;          // within-sex means, harmonic mean, reference
    double health, empowerment, labour;   // the reference standard's dimension terms
    double gii;
    unit_status status;
};

struct gii_columns {
    std::span<const double> maternal_mortality, adolescent_birth_rate;
    std::span<const double> parliament_share_f, parliament_share_m;
    std::span<const double> secondary_education_f, secondary_education_m;
    std::span<const double> labour_force_participation_f, labour_force_participation_m;
};

struct gii_outputs {
    std::span<double> g_f, g_m, harm, g_fm, health, empowerment, labour, gii;
    std::span<unit_status> status;
};

struct gii_results {
    std::vector<double> g_f, g_m, harm, g_fm, health, empowerment, labour, gii;
    std::vector<unit_status> status;
};

namespace detail {

struct gii_rules {
    double mmr_min, mmr_max, floor, parliament_floor;
    bool male_complement;
    double male_share_when_floored;  // 100 - parliament floor
};

[[nodiscard]] inline gii_rules make_gii_rules(const Edition& ed) {
    return {ed.maternal_mortality_min.value, ed.maternal_mortality_max.value,
            ed.gii_component_floor.value,    ed.gii_parliament_floor.value,
            ed.gii_parliament_male_complement.value,
            percent - ed.gii_parliament_floor.value};
}

[[nodiscard]] inline unit_status check_gii_unit(const gii_input& x) {
    unit_status s = check_at_least(x.maternal_mortality, 0.0, 0);
    if (s.ok()) s = check_at_least(x.adolescent_birth_rate, 0.0, 1);
    const std::array<double, 6> shares{x.parliament_share_f,    x.parliament_share_m,
                                       x.secondary_education_f, x.secondary_education_m,
                                       x.labour_force_participation_f,
                                       x.labour_force_participation_m};
    for (std::uint8_t k = 0; k < shares.size() && s.ok(); ++k)
        s = check_within(shares[k], 0.0, percent, static_cast<std::uint8_t>(k + 2));
    return s;
}

inline constexpr gii_value no_gii{not_a_number, not_a_number, not_a_number, not_a_number,
                                  not_a_number, not_a_number, not_a_number, not_a_number, {}};

// One valid unit, percentages as given (0..100).
[[nodiscard]] inline gii_value gii_unit(const gii_rules& r, gii_input x) {
    const double mmr = std::min(std::max(x.maternal_mortality, r.mmr_min), r.mmr_max);
    const double abr = std::max(x.adolescent_birth_rate, r.floor);
    double pr_f = x.parliament_share_f;
    double pr_m = x.parliament_share_m;
    if (pr_f < r.parliament_floor) {
        pr_f = r.parliament_floor;
        if (r.male_complement) pr_m = r.male_share_when_floored;
    }
    pr_f /= percent;
    pr_m = std::max(pr_m, r.floor) / percent;
    const double se_f = std::max(x.secondary_education_f, r.floor) / percent;
    const double se_m = std::max(x.secondary_education_m, r.floor) / percent;
    const double lf_f = std::max(x.labour_force_participation_f, r.floor) / percent;
    const double lf_m = std::max(x.labour_force_participation_m, r.floor) / percent;

    // The MMR lower bound is also the 10 of 10/MMR: the ratio is 1 at the bound.
    const double health_f = std::sqrt(r.mmr_min / mmr / abr);
    const double empowerment_f = std::sqrt(pr_f * se_f);
    const double empowerment_m = std::sqrt(pr_m * se_m);

    gii_value v;
    v.g_f = cbrt(health_f * empowerment_f * lf_f);
    v.g_m = cbrt(empowerment_m * lf_m);  // men's health term is 1
    v.harm = 2.0 / (1.0 / v.g_f + 1.0 / v.g_m);
    v.health = (health_f + 1.0) / 2.0;
    v.empowerment = (empowerment_f + empowerment_m) / 2.0;
    v.labour = (lf_f + lf_m) / 2.0;
    v.g_fm = cbrt(v.health * v.empowerment * v.labour);
    v.gii = 1.0 - v.harm / v.g_fm;
    v.status = {};
    return v;
}

}  // namespace detail

/// GII of every unit into caller-provided spans.
[[gnu::noinline]] inline void gii(const Edition& ed, const gii_columns& in,
                                  const gii_outputs& out) {
    const std::size_t n = detail::common_length<8>(
        "gii",
        {"maternal_mortality", "adolescent_birth_rate", "parliament_share_f", "parliament_share_m",
         "secondary_education_f", "secondary_education_m", "labour_force_participation_f",
         "labour_force_participation_m"},
        {in.maternal_mortality.size(), in.adolescent_birth_rate.size(),
         in.parliament_share_f.size(), in.parliament_share_m.size(),
         in.secondary_education_f.size(), in.secondary_education_m.size(),
         in.labour_force_participation_f.size(), in.labour_force_participation_m.size()});
    detail::check_output("gii", "g_f", out.g_f.size(), n);
    detail::check_output("gii", "g_m", out.g_m.size(), n);
    detail::check_output("gii", "harm", out.harm.size(), n);
    detail::check_output("gii", "g_fm", out.g_fm.size(), n);
    detail::check_output("gii", "health", out.health.size(), n);
    detail::check_output("gii", "empowerment", out.empowerment.size(), n);
    detail::check_output("gii", "labour", out.labour.size(), n);
    detail::check_output("gii", "gii", out.gii.size(), n);
    detail::check_output("gii", "status", out.status.size(), n);

    const detail::gii_rules rules = detail::make_gii_rules(ed);
    double* o_g_f = detail::wanted(out.g_f);
    double* o_g_m = detail::wanted(out.g_m);
    double* o_harm = detail::wanted(out.harm);
    double* o_g_fm = detail::wanted(out.g_fm);
    double* o_health = detail::wanted(out.health);
    double* o_empowerment = detail::wanted(out.empowerment);
    double* o_labour = detail::wanted(out.labour);
    double* o_gii = detail::wanted(out.gii);
    unit_status* o_status = detail::wanted(out.status);

    for (std::size_t i = 0; i < n; ++i) {
        const gii_input x{in.maternal_mortality[i],           in.adolescent_birth_rate[i],
                          in.parliament_share_f[i],           in.parliament_share_m[i],
                          in.secondary_education_f[i],        in.secondary_education_m[i],
                          in.labour_force_participation_f[i], in.labour_force_participation_m[i]};
        const unit_status s = detail::check_gii_unit(x);
        gii_value v = detail::no_gii;
        if (s.ok()) [[likely]] v = detail::gii_unit(rules, x);
        detail::put(o_g_f, i, v.g_f);
        detail::put(o_g_m, i, v.g_m);
        detail::put(o_harm, i, v.harm);
        detail::put(o_g_fm, i, v.g_fm);
        detail::put(o_health, i, v.health);
        detail::put(o_empowerment, i, v.empowerment);
        detail::put(o_labour, i, v.labour);
        detail::put(o_gii, i, v.gii);
        detail::put(o_status, i, s);
    }
}

/// GII of every unit, all outputs.
[[nodiscard]] inline gii_results gii(const Edition& ed, const gii_columns& in) {
    const std::size_t n = in.maternal_mortality.size();
    auto v = [n] { return std::vector<double>(n); };
    gii_results r{v(), v(), v(), v(), v(), v(), v(), v(), std::vector<unit_status>(n)};
    gii(ed, in,
        {r.g_f, r.g_m, r.harm, r.g_fm, r.health, r.empowerment, r.labour, r.gii, r.status});
    return r;
}

/// GII of one unit (the batch loop on one unit).
[[nodiscard]] inline gii_value gii(const Edition& ed, const gii_input& in) {
    gii_value v{};
    gii(ed,
        {{&in.maternal_mortality, 1}, {&in.adolescent_birth_rate, 1},
         {&in.parliament_share_f, 1}, {&in.parliament_share_m, 1},
         {&in.secondary_education_f, 1}, {&in.secondary_education_m, 1},
         {&in.labour_force_participation_f, 1}, {&in.labour_force_participation_m, 1}},
        {{&v.g_f, 1}, {&v.g_m, 1}, {&v.harm, 1}, {&v.g_fm, 1}, {&v.health, 1},
         {&v.empowerment, 1}, {&v.labour, 1}, {&v.gii, 1}, {&v.status, 1}});
    return v;
}

}  // namespace gendex::undp
