// Human Development Index (UNDP Technical note 1), plus the pieces every UNDP
// kernel shares: the per-unit status, column-shape checks and a fast cube root.
//
// Kernel shape, used by every header in indices/:
//   batch:  X(edition, X_columns, X_outputs)  writes into caller spans
//           X(edition, X_columns) -> X_results (owning vectors)
//   scalar: X(edition, X_input)   -> X_value
// The scalar form runs the batch loop on one unit, so both give bit-identical
// results whatever the compiler flags. An empty output span means "not
// wanted"; a non-empty one must be as long as the inputs.
//
// Invalid inputs never yield a number: the unit's outputs are NaN and its
// status names the first offending input (by position in X_input_names, whose
// entries are the data contract's indicator ids and sexes) and the reason.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/error.hpp"
#include "gendex/rounding.hpp"

namespace gendex::undp {

// ---------------------------------------------------------------- unit status

/// Why a unit has no result.
enum class fault : std::uint8_t {
    none = 0,
    not_finite,     // NaN (missing) or infinite
    below_minimum,  // below the edition minimum (LE, GNI), negative (schooling, rates), ...
    above_maximum,  // a share above 100 percent or a fraction above 1
};

/// Outcome of one unit: ok, or which input is invalid and why.
struct unit_status {
    fault reason = fault::none;
    std::uint8_t input = 0;  // position in the kernel's *_input_names

    [[nodiscard]] constexpr bool ok() const noexcept { return reason == fault::none; }
    friend constexpr bool operator==(unit_status, unit_status) = default;
};

/// An input of a kernel, named as in the data contract.
struct input_name {
    std::string_view indicator;
    std::string_view sex;
};

[[nodiscard]] inline std::string_view to_string(fault f) {
    switch (f) {
        case fault::none: return "ok";
        case fault::not_finite: return "is missing or not finite";
        case fault::below_minimum: return "is below the minimum";
        case fault::above_maximum: return "is above the maximum";
    }
    return "has an unknown fault";
}

/// "mean_schooling (total) is below the minimum", for error messages and reports.
[[nodiscard]] inline std::string describe(unit_status s, std::span<const input_name> inputs) {
    if (s.ok()) return "ok";
    std::string who = s.input < inputs.size()
                          ? std::string(inputs[s.input].indicator) + " (" +
                                std::string(inputs[s.input].sex) + ")"
                          : "input #" + std::to_string(s.input);
    return who + " " + std::string(to_string(s.reason));
}

namespace detail {

inline constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
inline constexpr double percent = 100.0;  // unit conversion, not a method constant

// Status of one input that must be finite and at least `min`.
[[nodiscard]] inline unit_status check_at_least(double x, double min, std::uint8_t input) {
    if (x >= min && x <= DBL_MAX) [[likely]] return {};
    return {std::isnan(x) || std::isinf(x) ? fault::not_finite : fault::below_minimum, input};
}

// Status of one input that must be finite and within [min, max].
[[nodiscard]] inline unit_status check_within(double x, double min, double max,
                                              std::uint8_t input) {
    if (x >= min && x <= max) [[likely]] return {};
    if (std::isnan(x) || std::isinf(x)) return {fault::not_finite, input};
    return {x < min ? fault::below_minimum : fault::above_maximum, input};
}

// Cube root of a finite positive normal double, error < 0.67 ulp (glibc's
// cbrt is not correctly rounded either, and takes twice as long). Everything
// else goes to std::cbrt.
//
// Why: every index is a geometric mean of three terms, so cube roots dominate
// the batch cost. The seed divides the exponent by 3 through the high word
// (the 0x2A9F7893 bias re-centres it, error < 1/32), two Halley steps reach
// ~45 bits, the value is then cut to 23 bits so t*t is exact, and a last
// Newton-type step computed from x/t^2 rounds it.
[[nodiscard]] inline double cbrt(double x) {
    if (!(x >= DBL_MIN && x <= DBL_MAX)) [[unlikely]] return std::cbrt(x);
    const auto hi = static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(x) >> 32);
    double t = std::bit_cast<double>(std::uint64_t{hi / 3u + 0x2A9F7893u} << 32);
    for (int step = 0; step < 2; ++step) {
        const double t3 = t * t * t;
        t = t * (t3 + x + x) / (t3 + t3 + x);
    }
    t = std::bit_cast<double>((std::bit_cast<std::uint64_t>(t) + 0x80000000u) &
                              0xffffffffc0000000u);
    const double s = t * t;
    double r = x / s;
    r = (r - t) / (t + t + r);
    return t + t * r;
}

// Length of the batch, after checking that every input column has it.
template <std::size_t N>
[[nodiscard]] std::size_t common_length(std::string_view kernel,
                                        const std::array<std::string_view, N>& names,
                                        const std::array<std::size_t, N>& sizes) {
    for (std::size_t k = 1; k < N; ++k)
        if (sizes[k] != sizes[0])
            throw value_error(std::string(kernel) + ": input column '" + std::string(names[k]) +
                              "' has " + std::to_string(sizes[k]) + " values but '" +
                              std::string(names[0]) + "' has " + std::to_string(sizes[0]));
    return sizes[0];
}

// Output spans are optional (empty) or exactly n long.
inline void check_output(std::string_view kernel, std::string_view name, std::size_t size,
                         std::size_t n) {
    if (size != 0 && size != n)
        throw value_error(std::string(kernel) + ": output '" + std::string(name) + "' has room for " +
                          std::to_string(size) + " values but there are " + std::to_string(n) +
                          " units (pass an empty span to skip it)");
}

// Store into an optional output.
template <class T>
inline void put(T* out, std::size_t i, T value) {
    if (out != nullptr) out[i] = value;
}
template <class T>
[[nodiscard]] inline T* wanted(std::span<T> s) {
    return s.empty() ? nullptr : s.data();
}

// HDI goalposts hoisted out of the unit loop. The same shape serves the
// sex-specific HDIs of the GDI, which differ only in life expectancy.
struct hdi_goalposts {
    double le_min, le_max, le_range;
    double eys_min, eys_max, eys_range;
    double mys_min, mys_max, mys_range;
    double gni_min, gni_max, log_gni_min, log_gni_range;
};

[[nodiscard]] inline hdi_goalposts make_hdi_goalposts(const Edition& ed, double le_min,
                                                      double le_max) {
    const double eys_min = ed.expected_schooling_min.value;
    const double eys_max = ed.expected_schooling_max.value;
    const double mys_min = ed.mean_schooling_min.value;
    const double mys_max = ed.mean_schooling_max.value;
    const double gni_min = ed.gni_per_capita_min.value;
    const double gni_max = ed.gni_per_capita_max.value;
    return {le_min,  le_max,  le_max - le_min,
            eys_min, eys_max, eys_max - eys_min,
            mys_min, mys_max, mys_max - mys_min,
            gni_min, gni_max, std::log(gni_min), std::log(gni_max) - std::log(gni_min)};
}

struct hdi_dimensions {
    double health, education, income, hdi;
};

inline constexpr hdi_dimensions no_dimensions{not_a_number, not_a_number, not_a_number,
                                              not_a_number};

// First invalid input of one unit; inputs are numbered from `first`.
[[nodiscard]] inline unit_status check_hdi_unit(const hdi_goalposts& g, double le, double eys,
                                                double mys, double gni, std::uint8_t first) {
    unit_status s = check_at_least(le, g.le_min, first);
    if (s.ok()) s = check_at_least(eys, g.eys_min, static_cast<std::uint8_t>(first + 1));
    if (s.ok()) s = check_at_least(mys, g.mys_min, static_cast<std::uint8_t>(first + 2));
    if (s.ok()) s = check_at_least(gni, g.gni_min, static_cast<std::uint8_t>(first + 3));
    return s;
}

// Dimension indices and HDI of one valid unit; values above a maximum are capped.
[[nodiscard]] inline hdi_dimensions hdi_unit(const hdi_goalposts& g, double le, double eys,
                                             double mys, double gni) {
    hdi_dimensions d;
    d.health = (std::min(le, g.le_max) - g.le_min) / g.le_range;
    d.education = ((std::min(eys, g.eys_max) - g.eys_min) / g.eys_range +
                   (std::min(mys, g.mys_max) - g.mys_min) / g.mys_range) /
                  2.0;
    d.income = (std::log(std::min(gni, g.gni_max)) - g.log_gni_min) / g.log_gni_range;
    d.hdi = cbrt(d.health * d.education * d.income);
    return d;
}

// Rounded-value thresholds, as counts of 10^-digits units, hoisted for the loop.
struct decimal_units {
    double scale;
    [[nodiscard]] double of(double x) const { return gendex::detail::rounded_units(x, scale); }
};

[[nodiscard]] inline decimal_units make_decimal_units(const Edition& ed) {
    return {gendex::detail::power_of_ten(ed.rounding_digits.value)};
}

}  // namespace detail

// ---------------------------------------------------------------- HDI groups

enum class hdi_group : std::uint8_t { none = 0, low, medium, high, very_high };

/// The group's label as in the HDR files' `hdicode` column.
[[nodiscard]] inline std::string_view to_string(hdi_group g) {
    switch (g) {
        case hdi_group::none: return "";
        case hdi_group::low: return "Low";
        case hdi_group::medium: return "Medium";
        case hdi_group::high: return "High";
        case hdi_group::very_high: return "Very High";
    }
    return "";
}

namespace detail {

struct hdi_grouping {
    decimal_units units;
    double medium, high, very_high;  // cut-offs in units

    [[nodiscard]] hdi_group of(double hdi) const {
        if (!(hdi >= 0.0)) return hdi_group::none;
        const double u = units.of(hdi);
        return u >= very_high ? hdi_group::very_high
               : u >= high    ? hdi_group::high
               : u >= medium  ? hdi_group::medium
                              : hdi_group::low;
    }
};

[[nodiscard]] inline hdi_grouping make_hdi_grouping(const Edition& ed) {
    const decimal_units u = make_decimal_units(ed);
    return {u, u.of(ed.hdi_medium_min.value), u.of(ed.hdi_high_min.value),
            u.of(ed.hdi_very_high_min.value)};
}

}  // namespace detail

/// HDI group of an HDI, decided on the value rounded to the edition's digits,
/// lower bounds inclusive (0.7995 rounds to 0.800: Very High). NaN: none.
[[nodiscard]] inline hdi_group hdi_group_of(const Edition& ed, double hdi) {
    return detail::make_hdi_grouping(ed).of(hdi);
}

// ---------------------------------------------------------------- HDI kernel

struct hdi_input {
    double life_expectancy;     // years
    double expected_schooling;  // years
    double mean_schooling;      // years, population 25+
    double gni_per_capita;      // PPP$
};

inline constexpr std::array<input_name, 4> hdi_input_names{{
    {"life_expectancy", "total"},
    {"expected_schooling", "total"},
    {"mean_schooling", "total"},
    {"gni_per_capita", "total"},
}};

struct hdi_value {
    double health, education, income, hdi;
    hdi_group group;
    unit_status status;
};

struct hdi_columns {
    std::span<const double> life_expectancy, expected_schooling, mean_schooling, gni_per_capita;
};

struct hdi_outputs {
    std::span<double> health, education, income, hdi;
    std::span<hdi_group> group;
    std::span<unit_status> status;
};

struct hdi_results {
    std::vector<double> health, education, income, hdi;
    std::vector<hdi_group> group;
    std::vector<unit_status> status;
};

/// HDI of every unit into caller-provided spans.
[[gnu::noinline]] inline void hdi(const Edition& ed, const hdi_columns& in,
                                  const hdi_outputs& out) {
    const std::size_t n = detail::common_length<4>(
        "hdi", {"life_expectancy", "expected_schooling", "mean_schooling", "gni_per_capita"},
        {in.life_expectancy.size(), in.expected_schooling.size(), in.mean_schooling.size(),
         in.gni_per_capita.size()});
    detail::check_output("hdi", "health", out.health.size(), n);
    detail::check_output("hdi", "education", out.education.size(), n);
    detail::check_output("hdi", "income", out.income.size(), n);
    detail::check_output("hdi", "hdi", out.hdi.size(), n);
    detail::check_output("hdi", "group", out.group.size(), n);
    detail::check_output("hdi", "status", out.status.size(), n);

    const detail::hdi_goalposts g =
        detail::make_hdi_goalposts(ed, ed.life_expectancy_min.value, ed.life_expectancy_max.value);
    const detail::hdi_grouping grouping = detail::make_hdi_grouping(ed);
    const double* le = in.life_expectancy.data();
    const double* eys = in.expected_schooling.data();
    const double* mys = in.mean_schooling.data();
    const double* gni = in.gni_per_capita.data();
    double* o_health = detail::wanted(out.health);
    double* o_education = detail::wanted(out.education);
    double* o_income = detail::wanted(out.income);
    double* o_hdi = detail::wanted(out.hdi);
    hdi_group* o_group = detail::wanted(out.group);
    unit_status* o_status = detail::wanted(out.status);

    for (std::size_t i = 0; i < n; ++i) {
        const unit_status s = detail::check_hdi_unit(g, le[i], eys[i], mys[i], gni[i], 0);
        const detail::hdi_dimensions d =
            s.ok() ? detail::hdi_unit(g, le[i], eys[i], mys[i], gni[i]) : detail::no_dimensions;
        detail::put(o_health, i, d.health);
        detail::put(o_education, i, d.education);
        detail::put(o_income, i, d.income);
        detail::put(o_hdi, i, d.hdi);
        if (o_group != nullptr) o_group[i] = grouping.of(d.hdi);
        detail::put(o_status, i, s);
    }
}

/// HDI of every unit, all outputs.
[[nodiscard]] inline hdi_results hdi(const Edition& ed, const hdi_columns& in) {
    const std::size_t n = in.life_expectancy.size();
    hdi_results r{std::vector<double>(n), std::vector<double>(n), std::vector<double>(n),
                  std::vector<double>(n), std::vector<hdi_group>(n), std::vector<unit_status>(n)};
    hdi(ed, in, {r.health, r.education, r.income, r.hdi, r.group, r.status});
    return r;
}

/// HDI of one unit (the batch loop on one unit).
[[nodiscard]] inline hdi_value hdi(const Edition& ed, const hdi_input& in) {
    hdi_value v{};
    hdi(ed,
        {{&in.life_expectancy, 1}, {&in.expected_schooling, 1}, {&in.mean_schooling, 1},
         {&in.gni_per_capita, 1}},
        {{&v.health, 1}, {&v.education, 1}, {&v.income, 1}, {&v.hdi, 1}, {&v.group, 1},
         {&v.status, 1}});
    return v;
}

}  // namespace gendex::undp
