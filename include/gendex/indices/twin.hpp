// UNDP / UN Women twin indices of The Paths to Equal (2023): the Women's
// Empowerment Index (WEI) and the Global Gender Parity Index (GGPI).
//
// The report's technical note could not be obtained; the formulas are those
// that reproduce every published country value at 3 decimals (the shared
// methodology note wei-ggpi.md, docs/wei-ggpi.md), and their constants are
// fitted edition data (paths-to-equal-2023).
//
//   WEI: indicators normalised linearly from 0 to their goalpost (percentages
//   to 100; the adolescent birth rate, NEET and violence reversed), averaged
//   within each of five dimensions, geometric mean of the five.
//   GGPI: female-to-male ratios (decision-making: the women's share s over
//   the men's 100 - s), geometric mean within each of four dimensions and
//   across them; no cap at 1.
//
// Rules for what the 2023 data never show (documented choices): a WEI value
// beyond its goalpost is capped there (index 0 or 1), and a zero dimension
// index makes the geometric mean 0, as the product does; a GGPI ratio of 0
// makes the GGPI 0, a zero denominator (men's value 0, women's share 100) is
// an invalid input.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/indices/kernel.hpp"
#include "gendex/rounding.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::paths {

using kernel::fault;
using kernel::input_name;
using kernel::unit_status;

/// Groups of both indices on the value rounded to the edition's digits: 1 low,
/// 2 lower-middle, 3 upper-middle, 4 high; 0 none (no value).
[[nodiscard]] inline std::uint8_t twin_group(const Edition& ed, double value) {
    if (!std::isfinite(value)) return 0;
    const double v = round_half_up(value, ed.rounding_digits.value);
    return static_cast<std::uint8_t>(1 + static_cast<int>(v >= ed.twin_lower_middle_min.value) +
                                     static_cast<int>(v >= ed.twin_upper_middle_min.value) +
                                     static_cast<int>(v >= ed.twin_high_min.value));
}

// ---------------------------------------------------------------- WEI

inline constexpr std::size_t wei_input_count = 10;

/// Women's values, percent unless stated.
inline constexpr std::array<input_name, wei_input_count> wei_input_names{{
    {"family_planning_satisfied", "female"},
    {"adolescent_birth_rate", "female"},  // births per 1,000 women 15-19
    {"upper_secondary_education", "female"},
    {"neet_rate", "female"},
    {"lfpr_couple_young_child", "female"},
    {"account_ownership", "female"},
    {"parliament_share", "female"},
    {"local_government_share", "female"},  // the parliament share where there is no local government
    {"managers_share", "female"},
    {"intimate_partner_violence", "female"},
}};

using wei_array = std::array<double, wei_input_count>;

/// Dimension names, in the order of twin_value::dimension; output ids are "<index>_<name>".
inline constexpr std::array<std::string_view, 5> wei_dimensions{
    {"health", "education", "labour", "decision", "violence"}};

/// One unit of either index: the index, its dimension indices (the GGPI has four), the status.
struct twin_value {
    double index;
    std::array<double, 5> dimension;
    unit_status status;
};

struct twin_results {
    std::vector<double> index;
    std::array<std::vector<double>, 5> dimension;
    std::vector<unit_status> status;
};

namespace detail {
using namespace kernel::detail;

// Normalised on [0, goalpost], capped at both ends; reversed: (goalpost - x) / goalpost.
[[nodiscard]] inline double up_to(double x, double goalpost) { return std::clamp(x / goalpost, 0.0, 1.0); }
[[nodiscard]] inline double down_from(double x, double goalpost) {
    return std::clamp((goalpost - x) / goalpost, 0.0, 1.0);
}

}  // namespace detail

/// One WEI input's term in its dimension: x / goalpost, or (goalpost - x) / goalpost when
/// reversed, capped to [0, 1]; a dimension index is the mean of its terms.
struct wei_term {
    std::uint8_t dimension;
    bool reversed;
    double (*goalpost)(const Edition&);
};

/// In wei_input_names order.
inline constexpr std::array<wei_term, wei_input_count> wei_terms{{
    {0, false, [](const Edition&) { return kernel::detail::percent; }},
    {0, true, [](const Edition& ed) { return ed.wei_adolescent_birth_max.value; }},
    {1, false, [](const Edition&) { return kernel::detail::percent; }},
    {1, true, [](const Edition& ed) { return ed.wei_neet_max.value; }},
    {2, false, [](const Edition&) { return kernel::detail::percent; }},
    {2, false, [](const Edition&) { return kernel::detail::percent; }},
    {3, false, [](const Edition& ed) { return ed.wei_decision_max.value; }},
    {3, false, [](const Edition& ed) { return ed.wei_decision_max.value; }},
    {3, false, [](const Edition& ed) { return ed.wei_decision_max.value; }},
    {4, true, [](const Edition& ed) { return ed.wei_violence_max.value; }},
}};

/// How many terms each WEI dimension averages.
[[nodiscard]] constexpr std::array<double, 5> wei_term_counts() {
    std::array<double, 5> n{};
    for (const wei_term& t : wei_terms) n[t.dimension] += 1.0;
    return n;
}

namespace detail {

[[nodiscard]] inline twin_value wei_unit(const Edition& ed, const wei_array& x) {
    const double nan = not_a_number;
    unit_status s{};
    for (std::uint8_t k = 0; k < wei_input_count && s.ok(); ++k)
        s = k == 1 ? check_at_least(x[k], 0.0, k) : check_within(x[k], 0.0, percent, k);
    if (!s.ok()) return {nan, {nan, nan, nan, nan, nan}, s};
    std::array<double, 5> dim{};  // summed in input order: (a + b) / 2 as written out
    for (std::size_t k = 0; k < wei_input_count; ++k) {
        const wei_term& t = wei_terms[k];
        const double g = t.goalpost(ed);
        dim[t.dimension] += t.reversed ? down_from(x[k], g) : up_to(x[k], g);
    }
    constexpr std::array<double, 5> count = wei_term_counts();
    for (std::size_t j = 0; j < dim.size(); ++j) dim[j] /= count[j];
    return {std::pow(dim[0] * dim[1] * dim[2] * dim[3] * dim[4], 1.0 / 5.0), dim, s};
}

// Every unit of a twin index: columns checked against `names`, `unit` applied per unit.
template <std::size_t N, class Unit>
[[nodiscard]] twin_results twin_batch(std::string_view index, const std::array<input_name, N>& names,
                                      std::span<const std::span<const double>> in, Unit&& unit) {
    if (in.size() != N)
        throw value_error(std::string(index) + ": expected " + std::to_string(N) + " input columns, got " +
                          std::to_string(in.size()));
    const std::size_t n = in[0].size();
    for (std::size_t k = 1; k < N; ++k)
        if (in[k].size() != n)
            throw value_error(std::string(index) + ": input column '" + std::string(names[k].indicator) + "' has " +
                              std::to_string(in[k].size()) + " values but '" + std::string(names[0].indicator) +
                              "' has " + std::to_string(n));
    twin_results r;
    r.index.resize(n);
    for (auto& d : r.dimension) d.resize(n);
    r.status.resize(n);
    std::array<double, N> x{};
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < N; ++k) x[k] = in[k][i];
        const twin_value v = unit(x);
        r.index[i] = v.index;
        for (std::size_t j = 0; j < v.dimension.size(); ++j) r.dimension[j][i] = v.dimension[j];
        r.status[i] = v.status;
    }
    return r;
}

}  // namespace detail

/// WEI of every unit; `in` holds the columns in wei_input_names order.
[[nodiscard]] inline twin_results wei(const Edition& ed, std::span<const std::span<const double>> in) {
    return detail::twin_batch("wei", wei_input_names, in, [&](const wei_array& x) { return detail::wei_unit(ed, x); });
}

/// WEI of one unit (the batch code on one unit).
[[nodiscard]] inline twin_value wei(const Edition& ed, const wei_array& x) { return detail::wei_unit(ed, x); }

// ---------------------------------------------------------------- GGPI

inline constexpr std::size_t ggpi_input_count = 13;

/// Female and male values in percent; the three decision-making shares are women's (men's: 100 - it).
inline constexpr std::array<input_name, ggpi_input_count> ggpi_input_names{{
    {"healthy_life_share", "female"},
    {"healthy_life_share", "male"},
    {"upper_secondary_education", "female"},
    {"upper_secondary_education", "male"},
    {"neet_rate", "female"},
    {"neet_rate", "male"},
    {"lfpr_couple_young_child", "female"},
    {"lfpr_couple_young_child", "male"},
    {"account_ownership", "female"},
    {"account_ownership", "male"},
    {"parliament_share", "female"},
    {"local_government_share", "female"},
    {"managers_share", "female"},
}};

using ggpi_array = std::array<double, ggpi_input_count>;

/// Dimension names, in the order of twin_value::dimension (the fifth is NaN).
inline constexpr std::array<std::string_view, 4> ggpi_dimensions{{"health", "education", "labour", "decision"}};

namespace detail {

[[nodiscard]] inline twin_value ggpi_unit(const Edition& ed, const ggpi_array& x) {
    const double nan = not_a_number;
    const double neet_max = ed.ggpi_neet_max.value;
    unit_status s{};
    for (std::uint8_t k = 0; k < ggpi_input_count && s.ok(); ++k) {
        s = check_within(x[k], 0.0, k == 4 || k == 5 ? neet_max : percent, k);
        // Denominators: men's values above 0, men's NEET below its maximum, women's shares below 100.
        const bool male = k < 10 && k % 2 == 1;
        if (s.ok() && male && k != 5 && x[k] == 0.0) s = {fault::below_minimum, k};
        if (s.ok() && k == 5 && x[k] == neet_max) s = {fault::above_maximum, k};
        if (s.ok() && k >= 10 && x[k] == percent) s = {fault::above_maximum, k};
    }
    if (!s.ok()) return {nan, {nan, nan, nan, nan, nan}, s};
    const std::array<double, 5> dim{
        x[0] / x[1],
        std::sqrt((x[2] / x[3]) * ((neet_max - x[4]) / (neet_max - x[5]))),
        std::sqrt((x[6] / x[7]) * (x[8] / x[9])),
        std::cbrt((x[10] / (percent - x[10])) * (x[11] / (percent - x[11])) * (x[12] / (percent - x[12]))),
        nan,
    };
    return {std::pow(dim[0] * dim[1] * dim[2] * dim[3], 1.0 / 4.0), dim, s};
}

}  // namespace detail

/// GGPI of every unit; `in` holds the columns in ggpi_input_names order.
[[nodiscard]] inline twin_results ggpi(const Edition& ed, std::span<const std::span<const double>> in) {
    return detail::twin_batch("ggpi", ggpi_input_names, in,
                              [&](const ggpi_array& x) { return detail::ggpi_unit(ed, x); });
}

/// GGPI of one unit (the batch code on one unit).
[[nodiscard]] inline twin_value ggpi(const Edition& ed, const ggpi_array& x) { return detail::ggpi_unit(ed, x); }

}  // namespace gendex::paths

GENDEX_KERNELS_END
