// Branch-free arithmetic for the block kernels of indices/: how a batch is cut
// into blocks, and the square root, cube root, logarithm, min/max and bit
// casts the block stages use (see batch_compile.hpp for why they are ours).
#pragma once

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "gendex/batch_compile.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::kernel::detail {

// Batches run in blocks of block_size units, in four stages:
//  1. gather: validate each unit, cap it, and give invalid units and lanes
//     past the end a safe stand-in (the goalpost maxima), so later stages
//     never see NaN or a negative argument; branch-free, it vectorises;
//  2. compute: branch-free arithmetic over the whole block, a fixed trip count;
//  3. fix-up (scalar): the rare lanes a vector stage cannot handle exactly;
//  4. store (scalar): wanted outputs, rounding-based groups, statuses.
// Every unit, the scalar API's included, goes through the same block code.
// The block loops take goalposts and rules by value: loads from a local copy
// may be hoisted and made unconditional, which if-conversion needs.
inline constexpr std::size_t block_size = 64;

// A kernel reads eight columns and writes a few more; without help its
// compute stage waits for memory, then memory for compute. Asking for the
// inputs of the block prefetch_distance blocks ahead lets the two overlap.
inline constexpr std::size_t prefetch_distance = 16;

GENDEX_BLOCK_INLINE inline void prefetch_ahead(const double* column, std::size_t base, std::size_t n) {
    constexpr std::size_t line = 64 / sizeof(double);
    const std::size_t ahead = base + prefetch_distance * block_size;
    if (ahead >= n) return;
    for (std::size_t k = 0; k < block_size; k += line) __builtin_prefetch(column + ahead + k);
}

/// std::min and std::max of doubles (the same operand order and NaN
/// behaviour), defined inside the region so that they inline and vectorise.
[[nodiscard]] GENDEX_BLOCK_INLINE inline double lesser(double a, double b) { return b < a ? b : a; }
[[nodiscard]] GENDEX_BLOCK_INLINE inline double greater(double a, double b) { return a < b ? b : a; }

/// std::bit_cast between a double and its bits, for the same reason.
[[nodiscard]] GENDEX_BLOCK_INLINE inline std::uint64_t bits_of(double x) {
    return __builtin_bit_cast(std::uint64_t, x);
}
[[nodiscard]] GENDEX_BLOCK_INLINE inline double from_bits(std::uint64_t bits) {
    return __builtin_bit_cast(double, bits);
}

/// A lane's flag (1 = valid), as wide as a double: narrower flags would make
/// the vectorised gather loops pack and unpack lanes.
using lane_flag = std::uint64_t;

// Whether the first m lanes are all valid: one vectorised pass per block, so
// that the fix-up stage costs nothing in the common case of no invalid unit.
[[nodiscard]] GENDEX_BLOCK_INLINE inline bool all_valid(const lane_flag* ok, std::size_t m) {
    lane_flag all = 1;
    for (std::size_t k = 0; k < m; ++k) all &= ok[k];
    return all != 0;
}

// 1 when x is NaN, infinite or outside [lo, hi]. Branch-free (no &&), so
// that the gather loops vectorise.
[[nodiscard]] GENDEX_BLOCK_INLINE inline lane_flag outside(double x, double lo, double hi = DBL_MAX) {
    return static_cast<lane_flag>(!(x >= lo)) | static_cast<lane_flag>(!(x <= hi));
}

// ---------------------------------------------------------------- cube root

// Range on which cbrt_core and sqrt_core are accurate.
inline constexpr double root_core_min = 0x1p-600;
inline constexpr double root_core_max = 0x1p600;

[[nodiscard]] GENDEX_BLOCK_INLINE inline bool in_root_core_range(double x) {
    return x >= root_core_min && x <= root_core_max;
}

// Cube root of x in [2^-600, 2^600], within 0.77 ulp of the exact value
// (measured on 2e7 values against a long double reference: 8% of results are
// not the correctly rounded double; glibc's cbrt misses 56%). Other inputs
// give garbage without trapping; cube_roots and cbrt route them to std::cbrt.
//
// Why not std::cbrt: every index is a geometric mean of three terms, so cube
// roots dominate the batch cost; glibc's takes ~11 ns and, being a call, stops
// the block loops from vectorising. This is straight-line arithmetic:
//  - the seed for x^(-1/3) divides the high word by 3 (0x553EF100 re-centres
//    the exponent; error < 3.5%); one third-order step, y(1 + r/3 + 2r^2/9)
//    with r = 1 - x*y^3, and one Newton step take it to ~2^-23 without a
//    division;
//  - t = x*y^2 is cut to 26 bits so that t*t is exact, and one Halley step in
//    correction form, t + t(x - t^3)/(2t^3 + x), rounds it.
[[nodiscard]] GENDEX_BLOCK_INLINE inline double cbrt_core(double x) {
    const auto high = static_cast<std::uint32_t>(bits_of(x) >> 32);
    double y = from_bits(std::uint64_t{0x553EF100u - high / 3u} << 32);
    constexpr double third = 1.0 / 3.0;
    constexpr double two_ninths = 2.0 / 9.0;
    const double r = 1.0 - x * (y * y * y);
    y += y * (r * (third + r * two_ninths));
    y += y * ((1.0 - x * (y * y * y)) * third);
    double t = x * (y * y);
    t = from_bits(bits_of(t) & 0xFFFFFFFFF8000000u);
    const double t3 = t * t * t;
    return t + t * ((x - t3) / (t3 + t3 + x));
}

/// Cube root of any double; the same values cube_roots gives lane by lane.
[[nodiscard]] inline double cbrt(double x) { return in_root_core_range(x) ? cbrt_core(x) : std::cbrt(x); }

// ---------------------------------------------------------------- square root

// Square root of x in [2^-600, 2^600]: the correctly rounded value except when
// the exact root lies within ~2^-19 ulp of a midpoint between two doubles.
// Why not std::sqrt: GCC turns it into the vector instruction only when errno
// is off for the whole translation unit, which a header cannot promise its
// includer; a call per unit stops the block loops from vectorising.
//  - y ~ x^(-1/2) from the classic bit-level seed (error < 3.5%) and three
//    Newton steps y(3/2 - x y^2/2), which need no division (error ~2^-35);
//  - t = x*y is split into t_hi (26 bits) + t_lo, so x - t^2 is computed with
//    exact products, and one Newton step in correction form, t + (x - t^2) y/2,
//    leaves an error of ~2^-70 before the final rounding.
[[nodiscard]] GENDEX_BLOCK_INLINE inline double sqrt_core(double x) {
    double y = from_bits(0x5FE6EB50C7B537A9u - (bits_of(x) >> 1));
    const double half_x = 0.5 * x;  // exact
    y *= 1.5 - half_x * y * y;
    y *= 1.5 - half_x * y * y;
    y *= 1.5 - half_x * y * y;
    const double t = x * y;
    const double t_hi = from_bits(bits_of(t) & 0xFFFFFFFFF8000000u);
    const double t_lo = t - t_hi;
    const double residual = ((x - t_hi * t_hi) - 2.0 * t_hi * t_lo) - t_lo * t_lo;
    return t + residual * (0.5 * y);
}

/// Square root of any double; the same values square_roots gives lane by lane.
[[nodiscard]] inline double sqrt(double x) { return in_root_core_range(x) ? sqrt_core(x) : std::sqrt(x); }

// out[k] = core(in[k]) over a block, and exact(in[k]) for the rare lanes outside
// the cores' range; `in` and `out` must not overlap.
template <class Core, class Exact>
GENDEX_BLOCK_INLINE inline void block_roots(const double* in, double* out, Core core, Exact exact) {
    lane_flag any_outside = 0;  // one branch per block, not one per lane
    for (std::size_t k = 0; k < block_size; ++k) {
        out[k] = core(in[k]);
        any_outside |= outside(in[k], root_core_min, root_core_max);
    }
    if (any_outside == 0) [[likely]]
        return;
    for (std::size_t k = 0; k < block_size; ++k)
        if (!in_root_core_range(in[k])) out[k] = exact(in[k]);
}

GENDEX_BLOCK_INLINE inline void cube_roots(const double* in, double* out) {
    block_roots(
        in, out, [](double x) { return cbrt_core(x); }, [](double x) { return std::cbrt(x); });
}

GENDEX_BLOCK_INLINE inline void square_roots(const double* in, double* out) {
    block_roots(
        in, out, [](double x) { return sqrt_core(x); }, [](double x) { return std::sqrt(x); });
}

// ---------------------------------------------------------------- logarithm

// Natural logarithm of a positive, normal, finite x, within 1 ulp (the
// classic fdlibm reduction and polynomial, as in FreeBSD's and musl's log;
// measured in test_index_kernels against std::log). Other inputs give garbage
// without trapping. Why not std::log: a call per unit stops the gather loops
// from vectorising, and the HDI's income index needs one log per unit.
//  - x = 2^k * m with m in [sqrt(2)/2, sqrt(2)), all in integer lanes;
//  - log(m) = log(1+f) = f - f^2/2 + s(f^2/2 + R(s^2)), s = f/(2+f), with the
//    fdlibm minimax R of degree 14 in s (relative error < 2^-58.45);
//  - k*log(2) in two parts, ln2_hi having 11 trailing zero bits so that k*ln2_hi is exact.
[[nodiscard]] GENDEX_BLOCK_INLINE inline double log_core(double x) {
    constexpr double ln2_hi = 6.93147180369123816490e-01;  // 0x3fe62e42fee00000
    constexpr double ln2_lo = 1.90821492927058770002e-10;  // 0x3dea39ef35793c76
    constexpr double lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01;
    constexpr double lg3 = 2.857142874366239149e-01, lg4 = 2.222219843214978396e-01;
    constexpr double lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01;
    constexpr double lg7 = 1.479819860511658591e-01;
    // Moving the high word by 1 - sqrt(2)/2 makes the exponent field carry k + 1023.
    constexpr std::uint64_t shift = 0x3ff00000u - 0x3fe6a09eu;
    const auto bits = bits_of(x);
    const std::uint64_t high = (bits >> 32) + shift;
    const std::uint64_t biased_k = high >> 20;  // k + 1023, in [0, 2047]
    const double m = from_bits((((high & 0x000fffffu) + 0x3fe6a09eu) << 32) | (bits & 0xffffffffu));
    // k as a double without an int64 conversion (AVX2 has none): 2^52 + biased_k is exact.
    const double k = from_bits(std::uint64_t{0x4330000000000000u} | biased_k) - (0x1p52 + 1023.0);
    const double f = m - 1.0;
    const double half_f2 = 0.5 * f * f;
    const double s = f / (2.0 + f);
    const double z = s * s;
    const double w = z * z;
    const double r = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7))) + w * (lg2 + w * (lg4 + w * lg6));
    return s * (half_f2 + r) + k * ln2_lo - half_f2 + f + k * ln2_hi;
}

[[nodiscard]] GENDEX_BLOCK_INLINE inline bool in_log_core_range(double x) { return x >= DBL_MIN && x <= DBL_MAX; }

/// Natural logarithm of any double; log_core where it applies.
[[nodiscard]] inline double log(double x) { return in_log_core_range(x) ? log_core(x) : std::log(x); }

}  // namespace gendex::kernel::detail

GENDEX_KERNELS_END
