// Linearised variances of an element design (every row its own PSU, R's
// ids = ~1) without a cell per row: one pass over the rows sums each domain's
// scores z_i = w_i (alpha_d y_i + beta_d x_i) and their squares per stratum,
// and the stratum's term is
//   f_h n_h / (n_h - 1) * (sum z^2 - (sum z)^2 / n_h),
// n_h the rows of stratum h (all of them: rows outside the domain are PSUs
// with score 0), f_h = (N_h - n_h) / N_h or 1. This is variance.hpp's
// formula with the PSU totals of the stratum written as sums; the scores are
// centred on the domain's estimate, so the squares do not cancel. It needs
// the estimates first (a point pass), so it serves the one-call estimators,
// which hold the rows; an Accumulator keeps cells instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "gendex/micro/design.hpp"

namespace gendex::micro {

/// Most strata x domains sums the pass allocates (two doubles each); beyond it the cell path is used.
inline constexpr std::size_t element_variance_max_pairs = std::size_t{1} << 22;

/// Whether element_linearized_variances gives the linearised variances of `design` over
/// `domains` domains: rows are PSUs, no stratum has a single row (the lonely-PSU rules need
/// the cell path), and the strata x domains sums stay small.
[[nodiscard]] inline bool element_variances_apply(const Design& design, code32 domains) {
    if (design.has_psu()) return false;
    if (static_cast<std::size_t>(design.strata_count()) * domains > element_variance_max_pairs) return false;
    for (code32 h = 0; h < design.strata_count(); ++h)
        if (design.psus_in_stratum(h) == 1) return false;
    return true;
}

/// Per domain, the linearised variance of the estimate whose score is
/// z_i = w_i (alpha[d] y_i + beta[d] x_i) (x empty: 1) over the rows inside
/// `where` (empty: all) of domain d; NaN where active[d] is 0. Call only where
/// element_variances_apply.
[[nodiscard]] inline std::vector<double> element_linearized_variances(
    const Design& design, std::span<const code32> codes, code32 domains, std::span<const double> y,
    std::span<const double> x, std::span<const std::uint8_t> where, std::span<const double> alpha,
    std::span<const double> beta, std::span<const std::uint8_t> active) {
    const std::size_t nd = domains, nh = design.strata_count();
    std::vector<double> sum(nh * nd, 0.0), squares(nh * nd, 0.0);
    const auto w = design.weights();
    const auto strata = design.strata();
    for (std::size_t i = 0; i < design.rows(); ++i) {
        if (!where.empty() && where[i] == 0) continue;
        const code32 d = codes[i];
        if (!active[d]) continue;
        const double z = w[i] * (alpha[d] * y[i] + beta[d] * (x.empty() ? 1.0 : x[i]));
        const std::size_t at = (strata.empty() ? 0 : static_cast<std::size_t>(strata[i])) * nd + d;
        sum[at] += z;
        squares[at] += z * z;
    }
    const auto& population = design.stratum_population();
    std::vector<double> variance(nd, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t d = 0; d < nd; ++d) {
        if (!active[d]) continue;
        double v = 0;
        for (std::size_t h = 0; h < nh; ++h) {
            const double n = design.psus_in_stratum(static_cast<code32>(h));
            if (n < 2) continue;  // no rows (a single row: element_variances_apply said no)
            const double f = population.empty() ? 1.0 : (population[h] - n) / population[h];
            if (f < census_fpc) continue;
            const double s = sum[h * nd + d];
            v += f * n / (n - 1.0) * (squares[h * nd + d] - s * s / n);
        }
        variance[d] = v;
    }
    return variance;
}

}  // namespace gendex::micro
