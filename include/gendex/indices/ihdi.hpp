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

/// IHDI of every unit into caller-provided spans.
[[gnu::noinline]] inline void ihdi(const Edition& ed, const ihdi_columns& in,
                                   const ihdi_outputs& out) {
    const std::size_t n = detail::common_length<7>(
        "ihdi",
        {"life_expectancy", "expected_schooling", "mean_schooling", "gni_per_capita",
         "inequality_life_expectancy", "inequality_education", "inequality_income"},
        {in.life_expectancy.size(), in.expected_schooling.size(), in.mean_schooling.size(),
         in.gni_per_capita.size(), in.inequality_life_expectancy.size(),
         in.inequality_education.size(), in.inequality_income.size()});
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
    double* o_health = detail::wanted(out.health);
    double* o_education = detail::wanted(out.education);
    double* o_income = detail::wanted(out.income);
    double* o_hdi = detail::wanted(out.hdi);
    double* o_adj_health = detail::wanted(out.adjusted_health);
    double* o_adj_education = detail::wanted(out.adjusted_education);
    double* o_adj_income = detail::wanted(out.adjusted_income);
    double* o_ihdi = detail::wanted(out.ihdi);
    double* o_coef = detail::wanted(out.coefficient_of_inequality);
    double* o_loss = detail::wanted(out.loss);
    unit_status* o_status = detail::wanted(out.status);

    for (std::size_t i = 0; i < n; ++i) {
        const double le = in.life_expectancy[i];
        const double eys = in.expected_schooling[i];
        const double mys = in.mean_schooling[i];
        const double gni = in.gni_per_capita[i];
        const double a_h = in.inequality_life_expectancy[i];
        const double a_e = in.inequality_education[i];
        const double a_i = in.inequality_income[i];

        unit_status s = detail::check_hdi_unit(g, le, eys, mys, gni, 0);
        if (s.ok()) s = detail::check_within(a_h, 0.0, detail::percent, 4);
        if (s.ok()) s = detail::check_within(a_e, 0.0, detail::percent, 5);
        if (s.ok()) s = detail::check_within(a_i, 0.0, detail::percent, 6);

        const double nan = detail::not_a_number;
        ihdi_value v{nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, s};
        if (s.ok()) {
            const detail::hdi_dimensions d = detail::hdi_unit(g, le, eys, mys, gni);
            const double keep_h = 1.0 - a_h / detail::percent;
            const double keep_e = 1.0 - a_e / detail::percent;
            const double keep_i = 1.0 - a_i / detail::percent;
            v.health = d.health;
            v.education = d.education;
            v.income = d.income;
            v.hdi = d.hdi;
            v.adjusted_health = keep_h * d.health;
            v.adjusted_education = keep_e * d.education;
            v.adjusted_income = keep_i * d.income;
            v.ihdi = detail::cbrt(keep_h * keep_e * keep_i) * d.hdi;
            v.coefficient_of_inequality = (a_h + a_e + a_i) / 3.0;
            // Ratio of unit counts equals the ratio of the rounded indices.
            v.loss = detail::percent * (1.0 - units.of(v.ihdi) / units.of(v.hdi));
        }
        detail::put(o_health, i, v.health);
        detail::put(o_education, i, v.education);
        detail::put(o_income, i, v.income);
        detail::put(o_hdi, i, v.hdi);
        detail::put(o_adj_health, i, v.adjusted_health);
        detail::put(o_adj_education, i, v.adjusted_education);
        detail::put(o_adj_income, i, v.adjusted_income);
        detail::put(o_ihdi, i, v.ihdi);
        detail::put(o_coef, i, v.coefficient_of_inequality);
        detail::put(o_loss, i, v.loss);
        detail::put(o_status, i, s);
    }
}

/// IHDI of every unit, all outputs.
[[nodiscard]] inline ihdi_results ihdi(const Edition& ed, const ihdi_columns& in) {
    const std::size_t n = in.life_expectancy.size();
    auto v = [n] { return std::vector<double>(n); };
    ihdi_results r{v(), v(), v(), v(), v(), v(), v(), v(), v(), v(), std::vector<unit_status>(n)};
    ihdi(ed, in,
         {r.health, r.education, r.income, r.hdi, r.adjusted_health, r.adjusted_education,
          r.adjusted_income, r.ihdi, r.coefficient_of_inequality, r.loss, r.status});
    return r;
}

/// IHDI of one unit (the batch loop on one unit).
[[nodiscard]] inline ihdi_value ihdi(const Edition& ed, const ihdi_input& in) {
    ihdi_value v{};
    ihdi(ed,
         {{&in.life_expectancy, 1}, {&in.expected_schooling, 1}, {&in.mean_schooling, 1},
          {&in.gni_per_capita, 1}, {&in.inequality_life_expectancy, 1},
          {&in.inequality_education, 1}, {&in.inequality_income, 1}},
         {{&v.health, 1}, {&v.education, 1}, {&v.income, 1}, {&v.hdi, 1},
          {&v.adjusted_health, 1}, {&v.adjusted_education, 1}, {&v.adjusted_income, 1},
          {&v.ihdi, 1}, {&v.coefficient_of_inequality, 1}, {&v.loss, 1}, {&v.status, 1}});
    return v;
}

}  // namespace gendex::undp
