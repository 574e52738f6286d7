// What every index kernel (indices/) uses, UNDP's and BPS's alike: the
// per-unit status and its description, the input and output column checks,
// optional outputs, rounding-based thresholds, the HDI-shaped block (three
// dimension indices and their geometric mean: HDI, the GDI's sex-specific
// HDIs, BPS's IPM) and the equally distributed equivalent (GEM, IDG).
//
// Kernel shape, used by every header in indices/:
//   batch:  X(edition, X_columns, X_outputs)  writes into caller spans
//           X(edition, X_columns) -> X_results (owning vectors)
//   scalar: X(edition, X_input)   -> X_value
// The scalar form runs the batch code on one unit, so both give bit-identical
// results in any one build. An empty output span means "not wanted"; a
// non-empty one must be as long as the inputs. Shape errors throw value_error
// naming the column.
//
// Invalid inputs never yield a number: the unit's outputs are NaN and its
// status names the first offending input (by position in X_input_names, whose
// entries are the data contract's indicator ids and sexes) and the reason.
#pragma once

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "gendex/edition.hpp"
#include "gendex/error.hpp"
#include "gendex/indices/batch_math.hpp"
#include "gendex/rounding.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::kernel {

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
                          ? std::string(inputs[s.input].indicator) + " (" + std::string(inputs[s.input].sex) + ")"
                          : "input #" + std::to_string(s.input);
    return who + " " + std::string(to_string(s.reason));
}

namespace detail {

inline constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
inline constexpr double percent = 100.0;  // unit conversion, not a method constant

// Status of one input that must be finite and at least `min`.
[[nodiscard]] inline unit_status check_at_least(double x, double min, std::uint8_t input) {
    if (x >= min && x <= DBL_MAX) [[likely]]
        return {};
    return {std::isnan(x) || std::isinf(x) ? fault::not_finite : fault::below_minimum, input};
}

// Status of one input that must be finite and within [min, max].
[[nodiscard]] inline unit_status check_within(double x, double min, double max, std::uint8_t input) {
    if (x >= min && x <= max) [[likely]]
        return {};
    if (std::isnan(x) || std::isinf(x)) return {fault::not_finite, input};
    return {x < min ? fault::below_minimum : fault::above_maximum, input};
}

// Length of the batch, after checking that every input column has it.
template <std::size_t N>
[[nodiscard]] std::size_t common_length(std::string_view kernel, const std::array<std::string_view, N>& names,
                                        const std::array<std::size_t, N>& sizes) {
    for (std::size_t k = 1; k < N; ++k)
        if (sizes[k] != sizes[0])
            throw value_error(std::string(kernel) + ": input column '" + std::string(names[k]) + "' has " +
                              std::to_string(sizes[k]) + " values but '" + std::string(names[0]) + "' has " +
                              std::to_string(sizes[0]));
    return sizes[0];
}

// Output spans are optional (empty) or exactly n long.
inline void check_output(std::string_view kernel, std::string_view name, std::size_t size, std::size_t n) {
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

// Store stage: the first m lanes of a block result into an optional output
// starting at unit `base`. Invalid lanes are overwritten afterwards.
template <class T>
inline void store(T* out, std::size_t base, const T* lanes, std::size_t m) {
    if (out != nullptr) std::copy_n(lanes, m, out + base);
}
template <class T>
inline void fill(T* out, std::size_t base, T value, std::size_t m) {
    if (out != nullptr) std::fill_n(out + base, m, value);
}

// HDI goalposts hoisted out of the unit loop. The same shape serves the
// sex-specific HDIs of the GDI, which differ only in life expectancy, and
// BPS's IPM, which has expenditure in place of GNI.
//
// Why reciprocals: dividing by a range costs a divider slot, and the divider
// is the bottleneck of every kernel. x * (1/range) is within 1 ulp of
// x / range, and it can never exceed 1 at the cap (fl(r * fl(1/r)) <= 1).
struct hdi_goalposts {
    double le_min, le_max, le_scale;
    double eys_min, eys_max, eys_scale;
    double mys_min, mys_max, mys_scale;
    double gni_min, gni_max, log_gni_min, log_gni_scale;

    // Every input finite and at least its minimum (values above a maximum are capped).
    [[nodiscard]] bool accepts(double le, double eys, double mys, double gni) const {
        return outside(le, le_min) + outside(eys, eys_min) + outside(mys, mys_min) + outside(gni, gni_min) == 0;
    }
};

/// The goalposts of an HDI-shaped index: life expectancy in [le_min, le_max],
/// the edition's schooling goalposts, and an income variable in [income_min,
/// income_max] on a log scale (GNI per capita for UNDP, adjusted per-capita
/// expenditure for BPS's IPM).
[[nodiscard]] inline hdi_goalposts make_goalposts(const Edition& ed, double le_min, double le_max, double income_min,
                                                  double income_max) {
    const double eys_min = ed.expected_schooling_min.value;
    const double eys_max = ed.expected_schooling_max.value;
    const double mys_min = ed.mean_schooling_min.value;
    const double mys_max = ed.mean_schooling_max.value;
    return {le_min,
            le_max,
            1.0 / (le_max - le_min),
            eys_min,
            eys_max,
            1.0 / (eys_max - eys_min),
            mys_min,
            mys_max,
            1.0 / (mys_max - mys_min),
            income_min,
            income_max,
            detail::log(income_min),
            1.0 / (detail::log(income_max) - detail::log(income_min))};
}

struct hdi_dimensions {
    double health, education, income, hdi;
};

inline constexpr hdi_dimensions no_dimensions{not_a_number, not_a_number, not_a_number, not_a_number};

// First invalid input of one unit; inputs are numbered from `first`.
[[nodiscard]] inline unit_status check_hdi_unit(const hdi_goalposts& g, double le, double eys, double mys, double gni,
                                                std::uint8_t first) {
    unit_status s = check_at_least(le, g.le_min, first);
    if (s.ok()) s = check_at_least(eys, g.eys_min, static_cast<std::uint8_t>(first + 1));
    if (s.ok()) s = check_at_least(mys, g.mys_min, static_cast<std::uint8_t>(first + 2));
    if (s.ok()) s = check_at_least(gni, g.gni_min, static_cast<std::uint8_t>(first + 3));
    return s;
}

// One block of HDI units in structure-of-arrays form.
struct hdi_block {
    // Stage 1 results: capped inputs (stand-ins where !ok) and the income log.
    double le[block_size], eys[block_size], mys[block_size], log_gni[block_size];
    lane_flag ok[block_size];
    // Stage 2 results.
    double health[block_size], education[block_size], income[block_size];
    double product[block_size], hdi[block_size];

    // Lane k takes the unit's capped inputs when valid, else the goalpost maxima.
    GENDEX_BLOCK_INLINE void gather(const hdi_goalposts& g, std::size_t k, double le_in, double eys_in, double mys_in,
                                    double gni_in) {
        const bool valid = g.accepts(le_in, eys_in, mys_in, gni_in);
        ok[k] = valid;
        le[k] = valid ? lesser(le_in, g.le_max) : g.le_max;
        eys[k] = valid ? lesser(eys_in, g.eys_max) : g.eys_max;
        mys[k] = valid ? lesser(mys_in, g.mys_max) : g.mys_max;
        // In [gni_min, gni_max], normal numbers (Edition checks gni_min), so
        // log_core applies; it stays in this loop, where it vectorises best.
        log_gni[k] = log_core(valid ? lesser(gni_in, g.gni_max) : g.gni_max);
    }

    // Lanes past the end of the batch take the goalpost maxima too.
    void pad(const hdi_goalposts& g, std::size_t from) {
        if (from == block_size) return;
        for (std::size_t k = from; k < block_size; ++k) {
            ok[k] = false;
            le[k] = g.le_max;
            eys[k] = g.eys_max;
            mys[k] = g.mys_max;
            log_gni[k] = log_core(g.gni_max);
        }
    }

    GENDEX_BLOCK_INLINE void compute(const hdi_goalposts& g) {
        const double le_min = g.le_min, le_scale = g.le_scale;
        const double eys_min = g.eys_min, eys_scale = g.eys_scale;
        const double mys_min = g.mys_min, mys_scale = g.mys_scale;
        const double log_gni_min = g.log_gni_min, log_gni_scale = g.log_gni_scale;
        for (std::size_t k = 0; k < block_size; ++k) {
            health[k] = (le[k] - le_min) * le_scale;
            education[k] = ((eys[k] - eys_min) * eys_scale + (mys[k] - mys_min) * mys_scale) / 2.0;
            income[k] = (log_gni[k] - log_gni_min) * log_gni_scale;
            product[k] = health[k] * education[k] * income[k];
        }
        cube_roots(product, hdi);
    }

    [[nodiscard]] hdi_dimensions lane(std::size_t k) const {
        return ok[k] ? hdi_dimensions{health[k], education[k], income[k], hdi[k]} : no_dimensions;
    }
};

// Rounded-value thresholds, as counts of 10^-digits units, hoisted for the loop.
struct decimal_units {
    double scale;
    [[nodiscard]] double of(double x) const { return gendex::detail::rounded_units(x, scale); }
};

[[nodiscard]] inline decimal_units make_decimal_units(const Edition& ed) {
    return {gendex::detail::power_of_ten(ed.rounding_digits.value)};
}

}  // namespace detail

// ---------------------------------------------------------------- EDEP

/// Equally distributed equivalent of (x_f, x_m) under population weights
/// (p_f, p_m) and inequality aversion epsilon:
/// {p_f x_f^(1-e) + p_m x_m^(1-e)}^(1/(1-e)); with e = 2 this is
/// [p_f/x_f + p_m/x_m]^-1. For e >= 1 a zero value gives 0 (the limit); e = 1
/// is the weighted geometric mean. Weights are used as given (the HDR examples
/// do not always sum to 1).
[[nodiscard]] inline double edep(double p_f, double x_f, double p_m, double x_m, double epsilon) {
    if (epsilon >= 1.0 && (x_f == 0.0 || x_m == 0.0)) return 0.0;
    if (epsilon == 1.0) return std::pow(x_f, p_f) * std::pow(x_m, p_m);
    const double e = 1.0 - epsilon;
    return std::pow(p_f * std::pow(x_f, e) + p_m * std::pow(x_m, e), 1.0 / e);
}

}  // namespace gendex::kernel

GENDEX_KERNELS_END
