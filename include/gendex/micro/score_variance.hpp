// Linearised variances from the rows' scores, without a cell per (PSU,
// domain): after the point pass, one more pass computes each row's score
// z_i = w_i (alpha_d y_i + beta_d x_i) in its domain d, and per stratum h and
// domain the centred sum of squares of the PSU totals z_hj; the stratum's term is
//   f_h n_h / (n_h - 1) * sum_j (z_hj - zbar_h)^2,
// n_h the PSUs of stratum h in the design, those without rows of the domain
// adding (0 - zbar_h)^2 each, f_h = (N_h - n_h) / N_h or 1: variance.hpp's
// formula, and like it never below 0 (a domain inside one PSU has variance 0
// in exact arithmetic; its computed one is rounding noise).
//
// Element designs (every row its own PSU, R's ids = ~1) sum the rows' scores
// and their squares (sum z^2 - (sum z)^2 / n_h; a pair that lost 8 digits or
// more to cancellation is summed again from centred scores). With PSUs, the
// rows' scores are first grouped by PSU (two counting sorts: 12 bytes per row
// inside the filter, and a block's worth), then each PSU's domain totals are
// added in a dense scratch array and into Welford moments. Either way the cost
// does not depend on how many domains a PSU holds; the cell index
// (cell_index.hpp) slows down when domains cross PSUs (nearly a cell per row).
// It needs the estimates first, so it serves the one-call estimators, which
// hold the rows; an Accumulator keeps cells instead. Threads: threads.hpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "gendex/micro/design.hpp"
#include "gendex/micro/large_array.hpp"
#include "gendex/micro/threads.hpp"

namespace gendex::micro {

/// Most strata x domains moments the pass allocates (three doubles each); beyond it the cell path is used.
inline constexpr std::size_t score_variance_max_pairs = std::size_t{1} << 21;

/// Rows per part of the threaded steps that read rows (fixed: the parts, and so the results, do
/// not depend on the number of threads).
inline constexpr std::size_t score_rows_per_part = std::size_t{1} << 20;

namespace detail {
/// Count, mean and centred sum of squares of the PSU totals added so far (Welford 1962).
struct PsuMoments {
    double count = 0, mean = 0, squares = 0;
    void add(double t) noexcept {
        count += 1;
        const double delta = t - mean;
        mean += delta / count;
        squares += delta * (t - mean);
    }
    /// Adds the totals another part added (Chan, Golub and LeVeque 1979).
    void merge(const PsuMoments& o) noexcept {
        if (o.count == 0) return;
        if (count == 0) {
            *this = o;
            return;
        }
        const double n = count + o.count, delta = o.mean - mean;
        mean += delta * (o.count / n);
        squares += o.squares + delta * delta * (count * o.count / n);
        count = n;
    }
    /// sum_j (z_j - zbar)^2 over `psus` PSUs, the ones not added scoring 0: Chan et al.'s merge
    /// of these moments with psus - count zeros.
    [[nodiscard]] double centred_squares(double psus) const noexcept {
        const double overall = count * mean / psus;
        return squares + count * (mean - overall) * (mean - overall) + (psus - count) * overall * overall;
    }
};

/// The rows' scores z_i = w_i (alpha_d y_i + beta_d x_i) in their domain d (x empty: 1), and which
/// rows have one: inside `where` (empty: all), in an active domain. Held by value: a loop over a
/// local copy keeps the spans in registers, where a lambda capturing them by reference reloaded them
/// on every row (2.5 times slower).
struct RowScores {
    std::span<const double> w, y, x, alpha, beta;
    std::span<const code32> codes;
    std::span<const std::uint8_t> where, active;

    [[nodiscard]] bool inside(std::size_t i) const noexcept {
        return (where.empty() || where[i] != 0) && active[codes[i]] != 0;
    }
    [[nodiscard]] double score(std::size_t i) const noexcept {
        const code32 d = codes[i];
        return w[i] * (alpha[d] * y[i] + beta[d] * (x.empty() ? 1.0 : x[i]));
    }
    /// Row i's (stratum, domain) pair, stratum-major (strata empty: one stratum).
    [[nodiscard]] std::size_t pair(std::span<const code32> strata, std::size_t nd, std::size_t i) const noexcept {
        return (strata.empty() ? 0 : static_cast<std::size_t>(strata[i])) * nd + codes[i];
    }
};

/// Rows [first, last) of an element design: per (stratum, domain) pair j, t[2 j] += z and
/// t[2 j + 1] += z^2.
inline void sum_element_scores(const RowScores rows, std::span<const code32> strata, std::size_t nd, std::size_t first,
                               std::size_t last, double* t) {
    for (std::size_t i = first; i < last; ++i) {
        if (!rows.inside(i)) continue;
        const double z = rows.score(i);
        double* at = t + 2 * rows.pair(strata, nd, i);
        at[0] += z;
        at[1] += z * z;
    }
}
}  // namespace detail

/// Whether score_linearized_variances gives the linearised variances of
/// `design` over `domains` domains: no stratum has a single PSU (the
/// lonely-PSU rules need the cell path) and the strata x domains sums stay
/// small.
[[nodiscard]] inline bool score_variances_apply(const Design& design, code32 domains) {
    if (static_cast<std::size_t>(design.strata_count()) * domains > score_variance_max_pairs) return false;
    for (code32 h = 0; h < design.strata_count(); ++h)
        if (design.psus_in_stratum(h) == 1) return false;
    return true;
}

/// Per domain, the linearised variance of the estimate whose score is
/// z_i = w_i (alpha[d] y_i + beta[d] x_i) (x empty: 1) over the rows inside
/// `where` (empty: all) of domain d; NaN where active[d] is 0. Call only where
/// score_variances_apply. On `threads` threads (0: every core), the same bit
/// for bit for any number: rows and PSUs are cut into parts fixed by the data's
/// shape, and the parts' sums (element designs) or moments (PSU designs, Chan
/// et al.) are merged in part order.
[[nodiscard]] inline std::vector<double> score_linearized_variances(
    const Design& design, std::span<const code32> codes, code32 domains, std::span<const double> y,
    std::span<const double> x, std::span<const std::uint8_t> where, std::span<const double> alpha,
    std::span<const double> beta, std::span<const std::uint8_t> active, unsigned threads = 0) {
    const std::size_t nd = domains, nh = design.strata_count(), n = design.rows(), pairs = nh * nd;
    const unsigned workers = resolve_threads(threads);
    const auto w = design.weights();
    const detail::RowScores rows{w, y, x, alpha, beta, codes, where, active};
    // Parts of the sums: as many as rows or PSU blocks allow, at most 4 (each starts cold) and within
    // 256 MiB.
    auto parts_for = [&](std::size_t units) {
        const std::size_t budget = (std::size_t{256} << 20) / (pairs * sizeof(detail::PsuMoments));
        return std::max<std::size_t>(1, std::min({units, std::size_t{4}, budget}));
    };
    auto psus = [&](std::size_t h) { return static_cast<double>(design.psus_in_stratum(static_cast<code32>(h))); };
    std::vector<double> centred(pairs, 0.0);  // [stratum * nd + domain]: sum_j (z_hj - zbar_h)^2
    if (!design.has_psu()) {
        // Every row its own PSU: parts of rows, each summing its rows' scores and their squares
        // (plain sums: the hot loop stays two adds), merged in part order. A stratum's
        // sum z^2 - (sum z)^2 / n_h that lost 8 or more digits to cancellation (a stratum whose rows
        // all score nearly alike) is computed again from the centred scores in one more pass.
        const auto strata = design.strata();
        const std::size_t parts = parts_for((n + score_rows_per_part - 1) / score_rows_per_part);
        const std::size_t rows_per_part = (n + parts - 1) / parts;
        std::vector<std::vector<double>> sums(parts, std::vector<double>(2 * pairs, 0.0));  // [pair]: sum, squares
        run_blocks(
            parts, workers,
            [&](std::size_t part) {
                detail::sum_element_scores(rows, strata, nd, part * rows_per_part,
                                           std::min(n, (part + 1) * rows_per_part), sums[part].data());
            },
            [](std::size_t) {});
        for (std::size_t part = 1; part < parts; ++part)
            for (std::size_t j = 0; j < 2 * pairs; ++j) sums[0][j] += sums[part][j];
        std::vector<std::uint8_t> again(pairs, 0);
        bool any_again = false;
        for (std::size_t j = 0; j < pairs; ++j) {
            const double sum = sums[0][2 * j], squares = sums[0][2 * j + 1], m = psus(j / nd);
            if (squares == 0.0 || m < 2) continue;
            centred[j] = squares - sum * (sum / m);
            if (!(centred[j] >= 1e-8 * squares)) again[j] = 1, any_again = true;
        }
        if (any_again) {
            std::vector<double> rows_in(pairs, 0.0);
            for (std::size_t j = 0; j < pairs; ++j)
                if (again[j]) centred[j] = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                if (!rows.inside(i)) continue;
                const std::size_t j = rows.pair(strata, nd, i);
                if (!again[j]) continue;
                const double r = rows.score(i) - sums[0][2 * j] / psus(j / nd);
                centred[j] += r * r;
                rows_in[j] += 1;
            }
            for (std::size_t j = 0; j < pairs; ++j)
                if (again[j]) {  // the stratum's other rows score 0: (0 - zbar)^2 each
                    const double zbar = sums[0][2 * j] / psus(j / nd);
                    centred[j] += (psus(j / nd) - rows_in[j]) * zbar * zbar;
                }
        }
    } else {
        // Rows inside grouped by PSU (stable), with their scores, in two counting sorts: by blocks
        // of 2,048 PSU codes, then by PSU within each block. One sort into every PSU would write to
        // as many places at random (250,000 in a large survey) and wait on memory. A row's key is
        // its domain and the low bits of its PSU (domains < 2^21: score_variance_max_pairs). The
        // first sort runs over parts of rows on threads, each part writing after the parts before
        // it in every block: the layout of a sequential stable sort.
        constexpr unsigned block_bits = 11;
        static_assert(score_variance_max_pairs <= (std::size_t{1} << (32 - block_bits)));
        constexpr code32 low = (code32{1} << block_bits) - 1;
        const auto psu = design.psu();
        const std::size_t np = design.psu_count(), blocks = (np >> block_bits) + 1;
        const std::size_t row_parts = (n + score_rows_per_part - 1) / score_rows_per_part;
        std::vector<std::uint32_t> start(row_parts * blocks + 1, 0);  // [row part][block] -> first place
        run_blocks(
            row_parts, workers,
            [&](std::size_t r) {
                const detail::RowScores local = rows;
                std::uint32_t* count = start.data() + r * blocks + 1;  // shifted by one: counts, then starts
                for (std::size_t i = r * score_rows_per_part; i < std::min(n, (r + 1) * score_rows_per_part); ++i)
                    count[psu[i] >> block_bits] += local.inside(i) ? 1u : 0u;  // no branch: `where` is random
            },
            [](std::size_t) {});
        // Block-major places: block b's rows of part 0, of part 1, ...; block_start[b] its first.
        std::vector<std::uint32_t> place(row_parts * blocks), block_start(blocks + 1, 0);
        {
            std::uint32_t at = 0;
            for (std::size_t b = 0; b < blocks; ++b) {
                block_start[b] = at;
                for (std::size_t r = 0; r < row_parts; ++r) place[r * blocks + b] = at, at += start[r * blocks + b + 1];
            }
            block_start[blocks] = at;
        }
        // Not zeroed: every place is written. One spare place per row part, where its rows outside
        // are written (no branch) and never read.
        detail::LargeArray<double> scores(std::size_t{block_start[blocks]} + row_parts);
        detail::LargeArray<code32> keys(std::size_t{block_start[blocks]} + row_parts);
        double* const z = scores.data();
        code32* const key = keys.data();
        run_blocks(
            row_parts, workers,
            [&](std::size_t r) {
                const detail::RowScores local = rows;
                std::uint32_t* next = place.data() + r * blocks;
                const std::size_t spare = std::size_t{block_start[blocks]} + r;
                for (std::size_t i = r * score_rows_per_part; i < std::min(n, (r + 1) * score_rows_per_part); ++i) {
                    const bool in = local.inside(i);
                    std::uint32_t& cursor = next[psu[i] >> block_bits];
                    const std::size_t at = in ? cursor : spare;
                    cursor += in ? 1u : 0u;
                    z[at] = local.score(i);  // outside: a missing y may make it NaN, at the spare place
                    key[at] = local.codes[i] << block_bits | (psu[i] & low);
                }
            },
            [](std::size_t) {});
        // Within a block: by PSU, then each PSU's domain totals in a dense scratch array, added to
        // its stratum's moments (Welford's update: there is one per PSU and domain, not per row):
        // parts of consecutive blocks on threads, merged in part order. A part keeps moments for
        // the strata its PSUs are in, from the lowest to the highest: PSU codes numbered within
        // strata (as micro.Design codes them) give each part a quarter of the strata, not all.
        const std::size_t parts = parts_for(blocks), blocks_per_part = (blocks + parts - 1) / parts;
        std::vector<detail::LargeArray<detail::PsuMoments>> moments(parts);
        std::vector<code32> lowest(parts, 0);  // a part's first stratum
        run_blocks(
            parts, workers,
            [&](std::size_t part) {
                const std::size_t b0 = part * blocks_per_part, b1 = std::min(blocks, (part + 1) * blocks_per_part);
                code32 lo = no_code, hi = 0;
                for (std::size_t p = b0 << block_bits; p < std::min(np, b1 << block_bits); ++p) {
                    const code32 h = design.stratum_of_psu(static_cast<code32>(p));
                    if (h == no_code) continue;  // a PSU code without rows
                    lo = std::min(lo, h), hi = std::max(hi, h);
                }
                if (lo == no_code) return;  // no PSUs
                lowest[part] = lo;
                moments[part] = detail::LargeArray<detail::PsuMoments>((hi - lo + std::size_t{1}) * nd, true);
                detail::PsuMoments* const m = moments[part].data();
                std::vector<double> block_z, total(nd, 0.0);
                std::vector<code32> block_domain, touched;
                std::vector<std::uint32_t> local(std::size_t{low} + 2);
                std::vector<std::uint8_t> listed(nd, 0);
                for (std::size_t b = b0; b < b1; ++b) {
                    const std::uint32_t first = block_start[b], size = block_start[b + 1] - first;
                    std::fill(local.begin(), local.end(), 0u);
                    for (std::uint32_t k = first; k < first + size; ++k) ++local[(key[k] & low) + 1];
                    for (std::size_t q = 0; q <= low; ++q) local[q + 1] += local[q];
                    block_z.resize(size), block_domain.resize(size);
                    for (std::uint32_t k = first; k < first + size; ++k) {
                        const std::uint32_t at = local[key[k] & low]++;  // local[q] ends as PSU q's end
                        block_z[at] = z[k];
                        block_domain[at] = key[k] >> block_bits;
                    }
                    std::uint32_t k = 0;
                    for (code32 q = 0; q <= low; ++q) {
                        const std::uint32_t end = local[q];
                        if (k == end) continue;
                        touched.clear();
                        for (; k < end; ++k) {
                            const code32 d = block_domain[k];
                            if (!listed[d]) listed[d] = 1, touched.push_back(d);
                            total[d] += block_z[k];
                        }
                        const code32 p = static_cast<code32>(b << block_bits | q);
                        const std::size_t row = static_cast<std::size_t>(design.stratum_of_psu(p) - lo) * nd;
                        for (code32 d : touched) {
                            m[row + d].add(total[d]);
                            total[d] = 0.0, listed[d] = 0;
                        }
                    }
                }
            },
            [](std::size_t) {});
        // Per stratum, the parts that hold it, merged in part order (no array of all pairs).
        std::vector<detail::PsuMoments> merged(nd);
        for (std::size_t h = 0; h < nh; ++h) {
            std::fill(merged.begin(), merged.end(), detail::PsuMoments{});
            for (std::size_t part = 0; part < parts; ++part) {
                const std::size_t held = moments[part].size() / nd;  // strata lowest[part] ...
                if (h < lowest[part] || h >= lowest[part] + held) continue;
                const detail::PsuMoments* from = moments[part].data() + (h - lowest[part]) * nd;
                for (std::size_t d = 0; d < nd; ++d) merged[d].merge(from[d]);
            }
            for (std::size_t d = 0; d < nd; ++d)
                if (merged[d].count > 0) centred[h * nd + d] = merged[d].centred_squares(psus(h));
        }
    }
    const auto& population = design.stratum_population();
    std::vector<double> variance(nd, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t d = 0; d < nd; ++d) {
        if (!active[d]) continue;
        double v = 0;
        for (std::size_t h = 0; h < nh; ++h) {
            const double m = psus(h);
            if (m < 2) continue;  // no PSUs (a single one: score_variances_apply said no)
            const double f = population.empty() ? 1.0 : (population[h] - m) / population[h];
            if (f < census_fpc) continue;
            v += f * m / (m - 1.0) * centred[h * nd + d];
        }
        variance[d] = v;
    }
    return variance;
}

}  // namespace gendex::micro
