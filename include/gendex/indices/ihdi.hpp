// Inequality-adjusted HDI (UNDP Technical note 2).
//
// The Atkinson measures (epsilon = 1) come in as published percentages; the
// kernel does not estimate them from distributions. IHDI uses the unrounded
// HDI; the loss is the publisher's 100*(1 - IHDI/HDI) on the rounded indices
// (with unrounded ones it is off by up to 0.2 points).
#pragma once

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

struct ihdi_input {
    double life_expectancy, expected_schooling, mean_schooling, gni_per_capita;
    double inequality_life_expectancy;  // Atkinson, percent
    double inequality_education;        // Atkinson, percent
    double inequality_income;           // Atkinson, percent
};

inline constexpr std::array<input_name, 7> ihdi_input_names{{
    {"life_expectancy", "total"},
    {"expected_schooling", "total"},
    {"mean_schooling", "total"},
    {"gni_per_capita", "total"},
    {"inequality_life_expectancy", "total"},
    {"inequality_education", "total"},
    {"inequality_income", "total"},
}};

struct ihdi_value {
    double health, education, income, hdi;
    double adjusted_health, adjusted_education, adjusted_income;
    double ihdi;
    double coefficient_of_inequality;  // percent
    double loss;                       // percent, from the rounded IHDI and HDI
    unit_status status;
};

struct ihdi_columns {
    std::span<const double> life_expectancy, expected_schooling, mean_schooling, gni_per_capita;
    std::span<const double> inequality_life_expectancy, inequality_education, inequality_income;
};

struct ihdi_outputs {
    std::span<double> health, education, income, hdi;
    std::span<double> adjusted_health, adjusted_education, adjusted_income;
    std::span<double> ihdi, coefficient_of_inequality, loss;
    std::span<unit_status> status;
};

struct ihdi_results {
    std::vector<double> health, education, income, hdi;
    std::vector<double> adjusted_health, adjusted_education, adjusted_income;
    std::vector<double> ihdi, coefficient_of_inequality, loss;
    std::vector<unit_status> status;
};

namespace detail {

// The block loop of ihdi(), compiled once per clone. It must not throw:
// every check happens in the caller (batch_compile.hpp).
GENDEX_BATCH_FUNCTION(ihdi_blocks,
                      (const hdi_goalposts g, const decimal_units units, const ihdi_columns& in,
                       const ihdi_outputs& out, std::size_t n),
                      (g, units, in, out, n)) {
    double* o_health = wanted(out.health);
    double* o_education = wanted(out.education);
    double* o_income = wanted(out.income);
    double* o_hdi = wanted(out.hdi);
    double* o_adj_health = wanted(out.adjusted_health);
    double* o_adj_education = wanted(out.adjusted_education);
    double* o_adj_income = wanted(out.adjusted_income);
    double* o_ihdi = wanted(out.ihdi);
    double* o_coef = wanted(out.coefficient_of_inequality);
    double* o_loss = wanted(out.loss);
    unit_status* o_status = wanted(out.status);

    hdi_block b;
    // Share of each dimension kept after inequality, 1 - A/100, per lane.
    double keep_h[block_size], keep_e[block_size], keep_i[block_size];
    double keep[block_size], keep_root[block_size], ihdi_lane[block_size];
    lane_flag ok[block_size];
    for (std::size_t base = 0; base < n; base += block_size) {
        const std::size_t m = std::min(block_size, n - base);
        for (std::size_t k = 0; k < m; ++k) {
            const std::size_t i = base + k;
            b.gather(g, k, in.life_expectancy[i], in.expected_schooling[i], in.mean_schooling[i], in.gni_per_capita[i]);
            const double a_h = in.inequality_life_expectancy[i];
            const double a_e = in.inequality_education[i];
            const double a_i = in.inequality_income[i];
            ok[k] =
                b.ok[k] && outside(a_h, 0.0, percent) + outside(a_e, 0.0, percent) + outside(a_i, 0.0, percent) == 0;
            keep_h[k] = ok[k] ? 1.0 - a_h / percent : 1.0;
            keep_e[k] = ok[k] ? 1.0 - a_e / percent : 1.0;
            keep_i[k] = ok[k] ? 1.0 - a_i / percent : 1.0;
        }
        b.pad(g, m);
        for (std::size_t k = m; k < block_size; ++k) keep_h[k] = keep_e[k] = keep_i[k] = 1.0;
        b.compute(g);
        for (std::size_t k = 0; k < block_size; ++k) keep[k] = keep_h[k] * keep_e[k] * keep_i[k];
        cube_roots(keep, keep_root);
        for (std::size_t k = 0; k < block_size; ++k) ihdi_lane[k] = keep_root[k] * b.hdi[k];

        for (std::size_t k = 0; k < m; ++k) {
            const std::size_t i = base + k;
            const double nan = not_a_number;
            ihdi_value v{nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, {}};
            if (ok[k]) {
                const hdi_dimensions d = b.lane(k);
                v.health = d.health;
                v.education = d.education;
                v.income = d.income;
                v.hdi = d.hdi;
                v.adjusted_health = keep_h[k] * d.health;
                v.adjusted_education = keep_e[k] * d.education;
                v.adjusted_income = keep_i[k] * d.income;
                v.ihdi = ihdi_lane[k];
                v.coefficient_of_inequality =
                    (in.inequality_life_expectancy[i] + in.inequality_education[i] + in.inequality_income[i]) / 3.0;
                // Ratio of unit counts equals the ratio of the rounded indices.
                v.loss = percent * (1.0 - units.of(v.ihdi) / units.of(v.hdi));
            } else {
                v.status = check_hdi_unit(g, in.life_expectancy[i], in.expected_schooling[i], in.mean_schooling[i],
                                          in.gni_per_capita[i], 0);
                if (v.status.ok()) v.status = check_within(in.inequality_life_expectancy[i], 0.0, percent, 4);
                if (v.status.ok()) v.status = check_within(in.inequality_education[i], 0.0, percent, 5);
                if (v.status.ok()) v.status = check_within(in.inequality_income[i], 0.0, percent, 6);
            }
            put(o_health, i, v.health);
            put(o_education, i, v.education);
            put(o_income, i, v.income);
            put(o_hdi, i, v.hdi);
            put(o_adj_health, i, v.adjusted_health);
            put(o_adj_education, i, v.adjusted_education);
            put(o_adj_income, i, v.adjusted_income);
            put(o_ihdi, i, v.ihdi);
            put(o_coef, i, v.coefficient_of_inequality);
            put(o_loss, i, v.loss);
            put(o_status, i, v.status);
        }
    }
}

}  // namespace detail

/// IHDI of every unit into caller-provided spans.
inline void ihdi(const Edition& ed, const ihdi_columns& in, const ihdi_outputs& out) {
    const std::size_t n = detail::common_length<7>(
        "ihdi",
        {"life_expectancy", "expected_schooling", "mean_schooling", "gni_per_capita", "inequality_life_expectancy",
         "inequality_education", "inequality_income"},
        {in.life_expectancy.size(), in.expected_schooling.size(), in.mean_schooling.size(), in.gni_per_capita.size(),
         in.inequality_life_expectancy.size(), in.inequality_education.size(), in.inequality_income.size()});
    detail::check_output("ihdi", "health", out.health.size(), n);
    detail::check_output("ihdi", "education", out.education.size(), n);
    detail::check_output("ihdi", "income", out.income.size(), n);
    detail::check_output("ihdi", "hdi", out.hdi.size(), n);
    detail::check_output("ihdi", "adjusted_health", out.adjusted_health.size(), n);
    detail::check_output("ihdi", "adjusted_education", out.adjusted_education.size(), n);
    detail::check_output("ihdi", "adjusted_income", out.adjusted_income.size(), n);
    detail::check_output("ihdi", "ihdi", out.ihdi.size(), n);
    detail::check_output("ihdi", "coefficient_of_inequality", out.coefficient_of_inequality.size(), n);
    detail::check_output("ihdi", "loss", out.loss.size(), n);
    detail::check_output("ihdi", "status", out.status.size(), n);

    const detail::hdi_goalposts g =
        detail::make_hdi_goalposts(ed, ed.life_expectancy_min.value, ed.life_expectancy_max.value);
    const detail::decimal_units units = detail::make_decimal_units(ed);
    detail::ihdi_blocks(g, units, in, out, n);
}

/// IHDI of every unit, all outputs.
[[nodiscard]] inline ihdi_results ihdi(const Edition& ed, const ihdi_columns& in) {
    const std::size_t n = in.life_expectancy.size();
    auto v = [n] { return std::vector<double>(n); };
    ihdi_results r{v(), v(), v(), v(), v(), v(), v(), v(), v(), v(), std::vector<unit_status>(n)};
    ihdi(ed, in,
         {r.health, r.education, r.income, r.hdi, r.adjusted_health, r.adjusted_education, r.adjusted_income, r.ihdi,
          r.coefficient_of_inequality, r.loss, r.status});
    return r;
}

/// IHDI of one unit (the batch loop on one unit).
[[nodiscard]] inline ihdi_value ihdi(const Edition& ed, const ihdi_input& in) {
    ihdi_value v{};
    ihdi(ed,
         {{&in.life_expectancy, 1},
          {&in.expected_schooling, 1},
          {&in.mean_schooling, 1},
          {&in.gni_per_capita, 1},
          {&in.inequality_life_expectancy, 1},
          {&in.inequality_education, 1},
          {&in.inequality_income, 1}},
         {{&v.health, 1},
          {&v.education, 1},
          {&v.income, 1},
          {&v.hdi, 1},
          {&v.adjusted_health, 1},
          {&v.adjusted_education, 1},
          {&v.adjusted_income, 1},
          {&v.ihdi, 1},
          {&v.coefficient_of_inequality, 1},
          {&v.loss, 1},
          {&v.status, 1}});
    return v;
}

}  // namespace gendex::undp

GENDEX_KERNELS_END
