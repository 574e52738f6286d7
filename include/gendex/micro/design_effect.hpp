// Design effects (R's deff): the variance of a domain estimate over the
// variance it would have from a simple random sample of the same number of
// rows, estimated from the same rows (Kish's deff, as R's survey 4.1-1).
//
// For a domain with n rows, weights w summing to N, and residuals
// r_i = y_i - c x_i (mean and total: x = 1 and c the domain mean; ratio: c = R,
// x the denominator), with D = N for a mean, 1 for a total, sum w x for a ratio:
//   v_srs = S / (D^2 (n - 1)) * (N - n)   (srswor: R's deff = TRUE)
//   v_srs = S / (D^2 (n - 1)) * N         (srswr:  R's deff = "replace"),  S = sum w r^2.
// This is R's svyvar(x, design) * n/(n-1) weighting (svymean, svytotal) and
// deff(svytotal((y - R x) / X)) for svyratio, the same for replicate designs.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/threads.hpp"

namespace gendex::micro {

/// Which simple random sample the design effect compares with.
enum class DesignEffect : std::uint8_t {
    none,    ///< not computed
    srswor,  ///< without replacement, population N = sum of the domain's weights (R: deff = TRUE)
    srswr,   ///< with replacement (R: deff = "replace")
};

[[nodiscard]] constexpr std::string_view to_string(DesignEffect k) noexcept {
    switch (k) {
        case DesignEffect::none: return "none";
        case DesignEffect::srswor: return "srswor";
        case DesignEffect::srswr: return "srswr";
    }
    return "none";
}

[[nodiscard]] inline DesignEffect parse_design_effect(std::string_view text) {
    for (auto k : {DesignEffect::none, DesignEffect::srswor, DesignEffect::srswr})
        if (text == to_string(k)) return k;
    throw value_error("unknown design-effect option '" + std::string(text) +
                      "' (use srswor as R's deff = TRUE, srswr as R's deff = \"replace\", or none)");
}

/// Per domain, over the rows inside `where` (empty: all): S = sum w (y - c x)^2
/// and sum w x (x empty: x = 1). `centre` holds c per domain; domains whose
/// centre is NaN (no estimate) get NaN sums.
struct ResidualSums {
    std::vector<double> squares;  ///< S
    std::vector<double> x_total;  ///< sum w x
};

namespace detail {
/// Rows [first, last) into `out` (sized domains + 1); spans by value, so the loop keeps them in
/// registers. Rows outside `where` add to the extra slot (`trash`), not past a branch: the filter is
/// as random as the rows, and its mispredictions took a third of the loop. The sums of a skipped
/// domain (NaN centre) go NaN and are never read.
inline void add_residuals(std::span<const double> w, std::span<const code32> code, std::span<const double> y,
                          std::span<const double> x, std::span<const double> centre,
                          std::span<const std::uint8_t> where, std::size_t first, std::size_t last, code32 trash,
                          ResidualSums& out) {
    double* const squares = out.squares.data();
    double* const x_total = out.x_total.data();
    for (std::size_t i = first; i < last; ++i) {
        const code32 d = code[i];
        const code32 in = where.empty() ? ~code32{0} : 0u - static_cast<code32>(where[i] != 0);  // all ones inside
        const code32 slot = (d & in) | (trash & ~in);
        const double xi = x.empty() ? 1.0 : x[i], r = y[i] - centre[d] * xi;
        squares[slot] += w[i] * r * r;
        x_total[slot] += w[i] * xi;
    }
}
}  // namespace detail

/// On `threads` threads (0: every core) in blocks of pass_block_rows rows, added in block order: the
/// same sums for any thread count.
[[nodiscard]] inline ResidualSums residual_sums(const Design& design, const Domains& domains, std::span<const double> y,
                                                std::span<const double> x, std::span<const double> centre,
                                                std::span<const std::uint8_t> where, unsigned threads = 0) {
    const std::size_t nd = domains.count();
    ResidualSums sums = sum_blocks_in_order<ResidualSums>(
        design.rows(), threads,
        [&](std::size_t first, std::size_t last) {
            ResidualSums part{std::vector<double>(nd + 1, 0.0), std::vector<double>(nd + 1, 0.0)};
            detail::add_residuals(design.weights(), domains.codes(), y, x, centre, where, first, last,
                                  static_cast<code32>(nd), part);
            return part;
        },
        [nd](ResidualSums& total, const ResidualSums& part) {
            for (std::size_t d = 0; d < nd; ++d)
                total.squares[d] += part.squares[d], total.x_total[d] += part.x_total[d];
        },
        [](std::size_t) {});
    sums.squares.resize(nd), sums.x_total.resize(nd);  // the rows outside
    return sums;
}

/// Per domain, over the rows inside `where` (empty: all), sum w*a*b for every pair of slots
/// a <= b of (1, v_1, ..., v_K), in AccumulatorParts::product_index order: what an accumulator keeps
/// to give design effects without the rows (moment_squares).
[[nodiscard]] inline std::vector<double> domain_products(const Design& design, std::span<const code32> codes,
                                                         code32 domains, std::span<const double* const> variables,
                                                         std::span<const std::uint8_t> where) {
    const std::size_t slots = variables.size() + 1, pairs = slots * (slots + 1) / 2;
    std::vector<double> out(static_cast<std::size_t>(domains) * pairs, 0.0);
    std::vector<double> v(slots, 1.0);
    const auto w = design.weights();
    for (std::size_t i = 0; i < design.rows(); ++i) {
        if (!where.empty() && where[i] == 0) continue;
        for (std::size_t j = 1; j < slots; ++j) v[j] = variables[j - 1][i];
        double* s = out.data() + static_cast<std::size_t>(codes[i]) * pairs;
        for (std::size_t a = 0; a < slots; ++a) {
            const double wa = w[i] * v[a];
            for (std::size_t b = a; b < slots; ++b) *s++ += wa * v[b];
        }
    }
    return out;
}

/// S = sum w (y - c x)^2 from a domain's second moments: m(y, y) - 2 c m(x, y) + c^2 m(x, x)
/// (x = slot 0, i.e. 1, for a mean or total). One pass, so it loses digits when the variable's
/// mean is large against its spread (about log10((mean / sd)^2) of 16); the one-call estimators
/// read the rows twice instead (residual_sums).
[[nodiscard]] inline double moment_squares(double yy, double xy, double xx, double c) {
    return yy - 2.0 * c * xy + c * c * xx;
}

/// variance / v_srs (see the top of this file); NaN where R's has none: fewer
/// than 2 rows, no residual variation (S = 0), or for srswor a population
/// N <= n (R: NA, "are weights correctly scaled?").
[[nodiscard]] inline double design_effect(double variance, double squares, double scale, std::uint64_t rows,
                                          double population, DesignEffect kind) {
    const double n = static_cast<double>(rows);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (rows < 2 || !(squares > 0) || std::isnan(variance)) return nan;
    if (kind == DesignEffect::srswor && !(population > n)) return nan;
    const double srs =
        squares / (scale * scale * (n - 1.0)) * (kind == DesignEffect::srswor ? population - n : population);
    return variance / srs;
}

}  // namespace gendex::micro
