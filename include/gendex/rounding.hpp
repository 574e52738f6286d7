// Publisher rounding and ranking.
//
// UNDP prints indices rounded half up to 3 decimals and derives groups, ranks
// and the IHDI loss from the printed values, not from full precision. These
// helpers reproduce that: they are the only place where rounding happens.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "gendex/error.hpp"

namespace gendex {

namespace detail {

inline void check_digits(int digits) {
    if (digits < 0 || digits > 15)
        throw value_error("rounding: digits must be between 0 and 15, got " + std::to_string(digits));
}

// 10^digits, exact for digits <= 22 (every power of ten up to 1e22 is a double).
inline double power_of_ten(int digits) {
    double p = 1.0;
    for (int i = 0; i < digits; ++i) p *= 10.0;
    return p;
}

// Unchecked core shared by the kernels (digits already validated by the edition).
// Returns |x| * 10^digits rounded half up, i.e. the count of 10^-digits units.
//
// Why the guard: a decimal tie such as 0.0005 or 2.675 has no exact binary
// value, and both its representation and the multiplication by 10^digits can
// land up to ~1.5 ulp below the half. Anything within 4-8 ulp (relative
// 2^-50) of a half is therefore treated as the tie the publisher saw in
// decimal. A genuine value that close to a tie does not occur in practice
// (the nearest in the UNDP files is 1.1e-9 away).
inline double rounded_units(double abs_x, double scale) {
    const double a = abs_x * scale;
    if (!(a < 0x1p52)) return a;  // already integral at this scale (or not finite)
    // Truncation is floor for a >= 0; the integer conversion is one instruction
    // where std::floor is a library call on baseline x86-64.
    const double whole = static_cast<double>(static_cast<std::int64_t>(a));
    const double frac = a - whole;  // exact for a < 2^52
    return whole + static_cast<double>(frac >= 0.5 - a * 0x1p-50);
}

// The smallest x >= 0 whose rounded unit count (see rounded_units) is at least
// `units`. "x rounds to at least U" is then the plain comparison x >= threshold,
// which lets group cut-offs on rounded values be decided without rounding
// every unit. rounded_units is monotone, and the threshold lies within a few
// ulps of (U - 1/2)/scale, so the walks below take a handful of steps.
inline double rounding_threshold(double units, double scale) {
    if (!(units > 0.0)) return 0.0;
    auto reaches = [&](double x) { return rounded_units(x, scale) >= units; };
    double x = (units - 0.5) / scale;
    while (!reaches(x)) x = std::nextafter(x, HUGE_VAL);
    while (x > 0.0 && reaches(std::nextafter(x, 0.0))) x = std::nextafter(x, 0.0);
    return x;
}

}  // namespace detail

/// Round half up (away from zero for negatives, as spreadsheets do) to
/// `digits` decimals. Non-finite values pass through. The result is the double
/// nearest to the decimal value, so it prints as the publisher printed it.
/// Throws value_error unless 0 <= digits <= 15.
[[nodiscard]] inline double round_half_up(double x, int digits) {
    detail::check_digits(digits);
    if (!std::isfinite(x)) return x;
    const double scale = detail::power_of_ten(digits);
    return std::copysign(detail::rounded_units(std::fabs(x), scale) / scale, x);
}

/// Which end of the scale gets rank 1.
enum class RankOrder {
    descending,  // highest value first (HDI, IHDI)
    ascending,   // lowest value first (GII)
};

/// Competition ranking ("1224") on values rounded half up to `digits`: units
/// whose rounded values are equal share the best rank of the group, and the
/// next rank skips the tied places. NaN values are not ranked and get rank 0.
[[nodiscard]] inline std::vector<std::int32_t> competition_rank(std::span<const double> values, int digits,
                                                                RankOrder order) {
    detail::check_digits(digits);
    const double scale = detail::power_of_ten(digits);
    const std::size_t n = values.size();
    std::vector<double> key(n);
    std::vector<std::size_t> idx;
    idx.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double v = values[i];
        if (std::isnan(v)) continue;
        // Rank on signed unit counts so equal printed values compare equal exactly.
        key[i] = std::copysign(detail::rounded_units(std::fabs(v), scale), v);
        idx.push_back(i);
    }
    auto before = [&](std::size_t a, std::size_t b) {
        return order == RankOrder::descending ? key[a] > key[b] : key[a] < key[b];
    };
    std::stable_sort(idx.begin(), idx.end(), before);
    std::vector<std::int32_t> rank(n, 0);
    for (std::size_t pos = 0; pos < idx.size(); ++pos) {
        const bool tied = pos > 0 && key[idx[pos]] == key[idx[pos - 1]];
        rank[idx[pos]] = tied ? rank[idx[pos - 1]] : static_cast<std::int32_t>(pos + 1);
    }
    return rank;
}

}  // namespace gendex
