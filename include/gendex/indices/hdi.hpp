// Human Development Index (UNDP Technical note 1) and its groups. The kernel
// shape and the code every kernel shares are in indices/kernel.hpp.
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
#include "gendex/indices/kernel.hpp"
#include "gendex/rounding.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::undp {

// The kernel core (indices/kernel.hpp) under the names UNDP's kernels and their callers use.
using kernel::describe;
using kernel::fault;
using kernel::input_name;
using kernel::to_string;
using kernel::unit_status;
namespace detail {
using namespace kernel::detail;

[[nodiscard]] inline hdi_goalposts make_hdi_goalposts(const Edition& ed, double le_min, double le_max) {
    return make_goalposts(ed, le_min, le_max, ed.gni_per_capita_min.value, ed.gni_per_capita_max.value);
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
// every check happens in the caller (batch_compile.hpp).
GENDEX_BATCH_FUNCTION(hdi_blocks,
                      (const hdi_goalposts g, const hdi_grouping grouping, const hdi_columns& in,
                       const hdi_outputs& out, std::size_t n),
                      (g, grouping, in, out, n)) {
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
