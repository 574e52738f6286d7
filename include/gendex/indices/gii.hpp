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

GENDEX_KERNELS_BEGIN

namespace gendex::undp {

struct gii_input {
    double maternal_mortality;                                          // deaths per 100,000 live births
    double adolescent_birth_rate;                                       // births per 1,000 women 15-19
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
    double g_f, g_m, harm, g_fm;         // within-sex means, harmonic mean, reference
    double health, empowerment, labour;  // the reference standard's dimension terms
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
    return {ed.maternal_mortality_min.value,
            ed.maternal_mortality_max.value,
            ed.gii_component_floor.value,
            ed.gii_parliament_floor.value,
            ed.gii_parliament_male_complement.value,
            percent - ed.gii_parliament_floor.value};
}

[[nodiscard]] inline unit_status check_gii_unit(const gii_input& x) {
    unit_status s = check_at_least(x.maternal_mortality, 0.0, 0);
    if (s.ok()) s = check_at_least(x.adolescent_birth_rate, 0.0, 1);
    const std::array<double, 6> shares{x.parliament_share_f,           x.parliament_share_m,
                                       x.secondary_education_f,        x.secondary_education_m,
                                       x.labour_force_participation_f, x.labour_force_participation_m};
    for (std::uint8_t k = 0; k < shares.size() && s.ok(); ++k)
        s = check_within(shares[k], 0.0, percent, static_cast<std::uint8_t>(k + 2));
    return s;
}

// One block of GII units (see batch_math.hpp for the stages).
struct gii_block {
    // Stage 1: the radicands of the square-root terms (percent^2 scale) and
    // the floored participation rates of valid units; stand-ins where !ok.
    double health_f_squared[block_size];                // 10/MMR * 1/ABR
    double empower_f_squared[block_size];               // PR_F * SE_F
    double empower_m_squared[block_size];               // PR_M * SE_M
    double labour_f[block_size], labour_m[block_size];  // percent
    lane_flag ok[block_size];
    // Stage 2.
    double health_f[block_size];        // (10/MMR * 1/ABR)^(1/2)
    double root_empower_f[block_size];  // (PR_F * SE_F)^(1/2), percent
    double root_empower_m[block_size];  // (PR_M * SE_M)^(1/2), percent
    double empowerment_f[block_size], empowerment_m[block_size];
    double cube_f[block_size], cube_m[block_size], cube_fm[block_size];
    double g_f[block_size], g_m[block_size], g_fm[block_size];
    double health[block_size], empowerment[block_size], labour[block_size];
    double harm[block_size], gii[block_size];

    // Branch-free, so that the gather loop vectorises: every lane computes the
    // same terms, invalid ones from safe stand-ins (MMR at its lower bound, the
    // other inputs 100), whose results the store stage overwrites.
    GENDEX_BLOCK_INLINE void gather(const gii_rules& r, std::size_t k, const gii_input& x) {
        const bool valid =
            outside(x.maternal_mortality, 0.0) + outside(x.adolescent_birth_rate, 0.0) +
                outside(x.parliament_share_f, 0.0, percent) + outside(x.parliament_share_m, 0.0, percent) +
                outside(x.secondary_education_f, 0.0, percent) + outside(x.secondary_education_m, 0.0, percent) +
                outside(x.labour_force_participation_f, 0.0, percent) +
                outside(x.labour_force_participation_m, 0.0, percent) ==
            0;
        ok[k] = valid;
        auto either = [valid](double value, double stand_in) { return valid ? value : stand_in; };
        const double mmr = lesser(greater(either(x.maternal_mortality, r.mmr_min), r.mmr_min), r.mmr_max);
        const double abr = greater(either(x.adolescent_birth_rate, percent), r.floor);
        double pr_f = either(x.parliament_share_f, percent);
        double pr_m = either(x.parliament_share_m, percent);
        const bool no_women = pr_f < r.parliament_floor;
        pr_f = no_women ? r.parliament_floor : pr_f;
        pr_m = (no_women & r.male_complement) ? r.male_share_when_floored : pr_m;
        pr_m = greater(pr_m, r.floor);
        const double se_f = greater(either(x.secondary_education_f, percent), r.floor);
        const double se_m = greater(either(x.secondary_education_m, percent), r.floor);
        // The MMR lower bound is also the 10 of 10/MMR: the ratio is 1 at the bound.
        health_f_squared[k] = r.mmr_min / (mmr * abr);
        empower_f_squared[k] = pr_f * se_f;
        empower_m_squared[k] = pr_m * se_m;
        labour_f[k] = greater(either(x.labour_force_participation_f, percent), r.floor);
        labour_m[k] = greater(either(x.labour_force_participation_m, percent), r.floor);
    }

    void pad(std::size_t from) {
        for (std::size_t k = from; k < block_size; ++k) {
            ok[k] = false;
            health_f_squared[k] = 1.0;
            empower_f_squared[k] = empower_m_squared[k] = percent * percent;
            labour_f[k] = labour_m[k] = percent;
        }
    }

    // Percentages become fractions by multiplying with 1/100 (within 1 ulp of
    // dividing; the divider is the bottleneck of this kernel).
    GENDEX_BLOCK_INLINE void compute() {
        constexpr double per_percent = 1.0 / percent;
        square_roots(health_f_squared, health_f);
        square_roots(empower_f_squared, root_empower_f);
        square_roots(empower_m_squared, root_empower_m);
        for (std::size_t k = 0; k < block_size; ++k) {
            empowerment_f[k] = root_empower_f[k] * per_percent;
            empowerment_m[k] = root_empower_m[k] * per_percent;
            const double lf = labour_f[k] * per_percent;
            const double lm = labour_m[k] * per_percent;
            cube_f[k] = health_f[k] * empowerment_f[k] * lf;
            cube_m[k] = empowerment_m[k] * lm;  // men's health term is 1
            health[k] = (health_f[k] + 1.0) * 0.5;
            empowerment[k] = (empowerment_f[k] + empowerment_m[k]) * 0.5;
            labour[k] = (lf + lm) * 0.5;
            cube_fm[k] = health[k] * empowerment[k] * labour[k];
        }
        cube_roots(cube_f, g_f);
        cube_roots(cube_m, g_m);
        cube_roots(cube_fm, g_fm);
        // HARM = 2 / (1/G_F + 1/G_M), written with one division.
        for (std::size_t k = 0; k < block_size; ++k) {
            harm[k] = 2.0 * g_f[k] * g_m[k] / (g_f[k] + g_m[k]);
            // GII >= 0 (HARM <= G_FM); at parity the two agree to the last bit or one ulp apart,
            // and the -2e-16 that can leave is rounding, not inequality.
            gii[k] = greater(1.0 - harm[k] / g_fm[k], 0.0);
        }
    }
};

}  // namespace detail

namespace detail {

// The block loop of gii(), compiled once per clone. It must not throw:
// every check happens in the caller (batch_compile.hpp).
GENDEX_BATCH_FUNCTION(gii_blocks, (const gii_rules rules, const gii_columns& in, const gii_outputs& out, std::size_t n),
                      (rules, in, out, n)) {
    double* o_g_f = wanted(out.g_f);
    double* o_g_m = wanted(out.g_m);
    double* o_harm = wanted(out.harm);
    double* o_g_fm = wanted(out.g_fm);
    double* o_health = wanted(out.health);
    double* o_empowerment = wanted(out.empowerment);
    double* o_labour = wanted(out.labour);
    double* o_gii = wanted(out.gii);
    unit_status* o_status = wanted(out.status);

    gii_block b;
    for (std::size_t base = 0; base < n; base += block_size) {
        const std::size_t m = std::min(block_size, n - base);
        for (const auto& column : {in.maternal_mortality, in.adolescent_birth_rate, in.parliament_share_f,
                                   in.parliament_share_m, in.secondary_education_f, in.secondary_education_m,
                                   in.labour_force_participation_f, in.labour_force_participation_m})
            prefetch_ahead(column.data(), base, n);
        for (std::size_t k = 0; k < m; ++k) {
            const std::size_t i = base + k;
            b.gather(rules, k,
                     {in.maternal_mortality[i], in.adolescent_birth_rate[i], in.parliament_share_f[i],
                      in.parliament_share_m[i], in.secondary_education_f[i], in.secondary_education_m[i],
                      in.labour_force_participation_f[i], in.labour_force_participation_m[i]});
        }
        b.pad(m);
        b.compute();
        store(o_g_f, base, b.g_f, m);
        store(o_g_m, base, b.g_m, m);
        store(o_harm, base, b.harm, m);
        store(o_g_fm, base, b.g_fm, m);
        store(o_health, base, b.health, m);
        store(o_empowerment, base, b.empowerment, m);
        store(o_labour, base, b.labour, m);
        store(o_gii, base, b.gii, m);
        fill(o_status, base, unit_status{}, m);
        if (all_valid(b.ok, m)) [[likely]]
            continue;
        for (std::size_t k = 0; k < m; ++k) {
            if (b.ok[k]) continue;
            const std::size_t i = base + k;
            for (double* o : {o_g_f, o_g_m, o_harm, o_g_fm, o_health, o_empowerment, o_labour, o_gii})
                put(o, i, not_a_number);
            put(o_status, i,
                check_gii_unit({in.maternal_mortality[i], in.adolescent_birth_rate[i], in.parliament_share_f[i],
                                in.parliament_share_m[i], in.secondary_education_f[i], in.secondary_education_m[i],
                                in.labour_force_participation_f[i], in.labour_force_participation_m[i]}));
        }
    }
}

}  // namespace detail

/// GII of every unit into caller-provided spans.
inline void gii(const Edition& ed, const gii_columns& in, const gii_outputs& out) {
    const std::size_t n = detail::common_length<8>(
        "gii",
        {"maternal_mortality", "adolescent_birth_rate", "parliament_share_f", "parliament_share_m",
         "secondary_education_f", "secondary_education_m", "labour_force_participation_f",
         "labour_force_participation_m"},
        {in.maternal_mortality.size(), in.adolescent_birth_rate.size(), in.parliament_share_f.size(),
         in.parliament_share_m.size(), in.secondary_education_f.size(), in.secondary_education_m.size(),
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
    detail::gii_blocks(rules, in, out, n);
}

/// GII of every unit, all outputs.
[[nodiscard]] inline gii_results gii(const Edition& ed, const gii_columns& in) {
    const std::size_t n = in.maternal_mortality.size();
    auto v = [n] { return std::vector<double>(n); };
    gii_results r{v(), v(), v(), v(), v(), v(), v(), v(), std::vector<unit_status>(n)};
    gii(ed, in, {r.g_f, r.g_m, r.harm, r.g_fm, r.health, r.empowerment, r.labour, r.gii, r.status});
    return r;
}

/// GII of one unit (the batch loop on one unit).
[[nodiscard]] inline gii_value gii(const Edition& ed, const gii_input& in) {
    gii_value v{};
    gii(ed,
        {{&in.maternal_mortality, 1},
         {&in.adolescent_birth_rate, 1},
         {&in.parliament_share_f, 1},
         {&in.parliament_share_m, 1},
         {&in.secondary_education_f, 1},
         {&in.secondary_education_m, 1},
         {&in.labour_force_participation_f, 1},
         {&in.labour_force_participation_m, 1}},
        {{&v.g_f, 1},
         {&v.g_m, 1},
         {&v.harm, 1},
         {&v.g_fm, 1},
         {&v.health, 1},
         {&v.empowerment, 1},
         {&v.labour, 1},
         {&v.gii, 1},
         {&v.status, 1}});
    return v;
}

}  // namespace gendex::undp

GENDEX_KERNELS_END
