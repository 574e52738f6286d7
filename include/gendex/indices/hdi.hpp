// Human Development Index (UNDP Technical note 1), plus the pieces every UNDP
// kernel shares: the per-unit status, column-shape checks and a fast cube root.
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
#include "gendex/indices/batch_math.hpp"
#include "gendex/rounding.hpp"

GENDEX_KERNELS_BEGIN

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
// sex-specific HDIs of the GDI, which differ only in life expectancy.
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

[[nodiscard]] inline hdi_goalposts make_hdi_goalposts(const Edition& ed, double le_min, double le_max) {
    const double eys_min = ed.expected_schooling_min.value;
    const double eys_max = ed.expected_schooling_max.value;
    const double mys_min = ed.mean_schooling_min.value;
    const double mys_max = ed.mean_schooling_max.value;
    const double gni_min = ed.gni_per_capita_min.value;
    const double gni_max = ed.gni_per_capita_max.value;
    return {le_min,
            le_max,
            1.0 / (le_max - le_min),
            eys_min,
            eys_max,
            1.0 / (eys_max - eys_min),
            mys_min,
            mys_max,
            1.0 / (mys_max - mys_min),
            gni_min,
            gni_max,
            detail::log(gni_min),
            1.0 / (detail::log(gni_max) - detail::log(gni_min))};
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

// Cut-offs as thresholds on the unrounded HDI (see rounding_threshold): the
// same decision as comparing rounded values, at the cost of three compares.
struct hdi_grouping {
    double medium, high, very_high;

    [[nodiscard]] hdi_group of(double hdi) const {
        const int group = static_cast<int>(hdi_group::low) + static_cast<int>(hdi >= medium) +
                          static_cast<int>(hdi >= high) + static_cast<int>(hdi >= very_high);
        return hdi >= 0.0 ? static_cast<hdi_group>(group) : hdi_group::none;
    }
};

[[nodiscard]] inline hdi_grouping make_hdi_grouping(const Edition& ed) {
    const decimal_units u = make_decimal_units(ed);
    auto threshold = [&](double cut) { return gendex::detail::rounding_threshold(u.of(cut), u.scale); };
    return {threshold(ed.hdi_medium_min.value), threshold(ed.hdi_high_min.value),
            threshold(ed.hdi_very_high_min.value)};
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

namespace detail {

// The block loop of hdi(), compiled once per clone. It must not throw:
// exceptions do not unwind through target_clones dispatch, so every check
// happens in the caller.
[[gnu::noinline]] GENDEX_BATCH_CLONES inline void hdi_blocks(const hdi_goalposts g, const hdi_grouping grouping,
                                                             const hdi_columns& in, const hdi_outputs& out,
                                                             std::size_t n) noexcept {
    const double* le = in.life_expectancy.data();
    const double* eys = in.expected_schooling.data();
    const double* mys = in.mean_schooling.data();
    const double* gni = in.gni_per_capita.data();
    double* o_health = wanted(out.health);
    double* o_education = wanted(out.education);
    double* o_income = wanted(out.income);
    double* o_hdi = wanted(out.hdi);
    hdi_group* o_group = wanted(out.group);
    unit_status* o_status = wanted(out.status);

    hdi_block b;
    for (std::size_t base = 0; base < n; base += block_size) {
        const std::size_t m = std::min(block_size, n - base);
        for (const double* column : {le, eys, mys, gni}) prefetch_ahead(column, base, n);
        for (std::size_t k = 0; k < m; ++k) b.gather(g, k, le[base + k], eys[base + k], mys[base + k], gni[base + k]);
        b.pad(g, m);
        b.compute(g);
        store(o_health, base, b.health, m);
        store(o_education, base, b.education, m);
        store(o_income, base, b.income, m);
        store(o_hdi, base, b.hdi, m);
        if (o_group != nullptr)
            for (std::size_t k = 0; k < m; ++k) o_group[base + k] = grouping.of(b.hdi[k]);
        fill(o_status, base, unit_status{}, m);
        if (all_valid(b.ok, m)) [[likely]]
            continue;
        for (std::size_t k = 0; k < m; ++k) {
            if (b.ok[k]) continue;
            const std::size_t i = base + k;
            const double nan = not_a_number;
            put(o_health, i, nan);
            put(o_education, i, nan);
            put(o_income, i, nan);
            put(o_hdi, i, nan);
            put(o_group, i, hdi_group::none);
            put(o_status, i, check_hdi_unit(g, le[i], eys[i], mys[i], gni[i], 0));
        }
    }
}

}  // namespace detail

/// HDI of every unit into caller-provided spans.
inline void hdi(const Edition& ed, const hdi_columns& in, const hdi_outputs& out) {
    const std::size_t n = detail::common_length<4>(
        "hdi", {"life_expectancy", "expected_schooling", "mean_schooling", "gni_per_capita"},
        {in.life_expectancy.size(), in.expected_schooling.size(), in.mean_schooling.size(), in.gni_per_capita.size()});
    detail::check_output("hdi", "health", out.health.size(), n);
    detail::check_output("hdi", "education", out.education.size(), n);
    detail::check_output("hdi", "income", out.income.size(), n);
    detail::check_output("hdi", "hdi", out.hdi.size(), n);
    detail::check_output("hdi", "group", out.group.size(), n);
    detail::check_output("hdi", "status", out.status.size(), n);

    const detail::hdi_goalposts g =
        detail::make_hdi_goalposts(ed, ed.life_expectancy_min.value, ed.life_expectancy_max.value);
    const detail::hdi_grouping grouping = detail::make_hdi_grouping(ed);
    detail::hdi_blocks(g, grouping, in, out, n);
}

/// HDI of every unit, all outputs.
[[nodiscard]] inline hdi_results hdi(const Edition& ed, const hdi_columns& in) {
    const std::size_t n = in.life_expectancy.size();
    hdi_results r{std::vector<double>(n), std::vector<double>(n),    std::vector<double>(n),
                  std::vector<double>(n), std::vector<hdi_group>(n), std::vector<unit_status>(n)};
    hdi(ed, in, {r.health, r.education, r.income, r.hdi, r.group, r.status});
    return r;
}

/// HDI of one unit (the batch loop on one unit).
[[nodiscard]] inline hdi_value hdi(const Edition& ed, const hdi_input& in) {
    hdi_value v{};
    hdi(ed, {{&in.life_expectancy, 1}, {&in.expected_schooling, 1}, {&in.mean_schooling, 1}, {&in.gni_per_capita, 1}},
        {{&v.health, 1}, {&v.education, 1}, {&v.income, 1}, {&v.hdi, 1}, {&v.group, 1}, {&v.status, 1}});
    return v;
}

}  // namespace gendex::undp

GENDEX_KERNELS_END
