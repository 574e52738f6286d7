// Linearised variances from the rows' scores, without a cell per (PSU,
// domain): after the point pass, one more pass computes each row's scores
// z_ik (k < width: one per estimate, such as each index input) in its domain
// d, and per stratum h, group g and score k the centred sum of squares of the
// PSU totals z_hjgk (a group is a domain, or several: the income share's
// region adds both sexes' scores); the stratum's term is
//   f_h n_h / (n_h - 1) * sum_j (z_hj - zbar_h)^2,
// n_h the PSUs of stratum h in the design, those without rows of the group
// adding (0 - zbar_h)^2 each, f_h = (N_h - n_h) / N_h or 1: variance.hpp's
// formula, and like it never below 0 (a domain inside one PSU has variance 0
// in exact arithmetic; its computed one is rounding noise).
//
// Element designs (every row its own PSU, R's ids = ~1) sum the rows' scores
// and their squares per (stratum, domain), then per group (a row is in one
// domain), and take sum z^2 - (sum z)^2 / n_h (a pair that lost 8 digits or
// more to cancellation is summed again from centred scores). With PSUs, the
// rows' scores are first grouped by PSU (4 + 8 width bytes per row inside the
// filter: by blocks of PSU codes into pages, block_pages.hpp, then a counting
// sort within each block), then each PSU's domain
// totals are added in a dense scratch array, and they and their squares into
// per-stratum sums (Welford's moments, in a second run of that step, where a
// pair lost 8 digits or more to cancellation). Where few rows share their
// (PSU, group) and rows have several scores, the rows are summed as an element
// design's and only the shared cells' totals are added (few_shared_centred).
// Either way the cost does not depend on how many domains a PSU holds; the cell index
// (cell_index.hpp) slows down when domains cross PSUs (nearly a cell per row).
// It needs the estimates first, so it serves the one-call estimators, which
// hold the rows; an Accumulator keeps cells instead. Threads: threads.hpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "gendex/batch_compile.hpp"
#include "gendex/micro/block_pages.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/large_array.hpp"
#include "gendex/micro/threads.hpp"

namespace gendex::micro {

/// Most strata x domains x scores sums the pass keeps (192 MiB of moments); beyond it the cell path
/// is used.
inline constexpr std::size_t score_variance_max_pairs = std::size_t{1} << 23;

/// Most domains (a row's key in the PSU sort holds its domain in 21 bits).
inline constexpr std::size_t score_variance_max_domains = std::size_t{1} << 21;

/// Rows per part of the threaded steps that read rows (fixed: the parts, and so the results, do
/// not depend on the number of threads).
inline constexpr std::size_t score_rows_per_part = std::size_t{1} << 20;

/// Rows a score source fills at a time (a source may keep per-chunk scratch of this size).
inline constexpr std::size_t score_chunk_rows = 2048;

/// Where a score pass adds the rows' scores: `width` scores per row; score k of a row in domain d
/// adds to group target[k * domains + d] (empty: group d). Groups are numbered like domains.
struct ScoreLayout {
    code32 domains = 0;
    std::size_t width = 1;
    std::span<const code32> target;
};

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
    [[nodiscard]] bool touched() const noexcept { return count > 0; }
    [[nodiscard]] static bool kept_digits(double) noexcept { return true; }
};

/// The plain sums of the PSU totals added so far and of their squares: two adds a total where
/// Welford's update divides (most of the pass when PSUs hold a row per group). Their
/// sum z^2 - (sum z)^2 / n loses digits to cancellation when the totals are nearly alike: then
/// PsuMoments are used.
struct PsuSums {
    double sum = 0, squares = 0;
    void add(double t) noexcept { sum += t, squares += t * t; }
    void merge(const PsuSums& o) noexcept { sum += o.sum, squares += o.squares; }
    [[nodiscard]] double centred_squares(double psus) const noexcept { return squares - sum * (sum / psus); }
    [[nodiscard]] bool touched() const noexcept { return squares != 0; }
    /// Whether `centred` (centred_squares) kept 8 digits or more of the squares (as the element path asks).
    [[nodiscard]] bool kept_digits(double centred) const noexcept { return centred >= 1e-8 * squares; }
};

/// out[j] = map[code[j]] where in[j] (in null: every row), else `none`: rows' domains, or `none` for a
/// row outside the filter or in an inactive domain (map[d] = none). The AVX2 and AVX-512 clones are
/// vector loops (GCC 12 loads the table's entries into vector lanes one by one; its generic tuning
/// uses no gather instruction); __restrict, without which GCC kept every clone scalar (out might
/// alias map), as in linear_scores (tests/cpp/batch_clones_vectorised.sh).
GENDEX_BATCH_CLONES inline void mapped_domains(const code32* __restrict code, const std::uint8_t* __restrict in,
                                               const code32* __restrict map, code32 none, std::size_t m,
                                               code32* __restrict out) noexcept {
    if (in == nullptr) {
        for (std::size_t j = 0; j < m; ++j) out[j] = map[code[j]];
        return;
    }
    for (std::size_t j = 0; j < m; ++j) {
        const code32 keep = 0u - static_cast<code32>(in[j] != 0);  // masks, not branches: the filter is random
        out[j] = (map[code[j]] & keep) | (none & ~keep);
    }
}

/// z[j] = w[j] (a[code[j]] y[j] + b[code[j]] x[j]) (x null: 1), a clone per instruction set (vector
/// loops, the lookups of a and b loaded lane by lane), never contracted to a fused multiply-add (the
/// same bits in every clone).
GENDEX_KERNEL_MATH GENDEX_BATCH_CLONES inline void linear_scores(const double* __restrict w, const double* __restrict y,
                                                                 const double* __restrict x, const double* __restrict a,
                                                                 const double* __restrict b,
                                                                 const code32* __restrict code, std::size_t m,
                                                                 double* __restrict z) noexcept {
    if (x == nullptr) {
        for (std::size_t j = 0; j < m; ++j) z[j] = w[j] * (a[code[j]] * y[j] + b[code[j]] * 1.0);
    } else {
        for (std::size_t j = 0; j < m; ++j) z[j] = w[j] * (a[code[j]] * y[j] + b[code[j]] * x[j]);
    }
}

/// The rows' score z_i = w_i (alpha_d y_i + beta_d x_i) in their domain d (x empty: 1), for the
/// rows inside `where` (empty: all) in an active domain: the one-call estimators' source (one score
/// per row). Held by value: a loop over a local copy keeps the spans in registers, where a lambda
/// capturing them by reference reloaded them on every row (2.5 times slower).
struct RowScores {
    std::span<const double> w, y, x, alpha, beta;
    std::span<const code32> codes;
    std::span<const std::uint8_t> where;
    /// Per domain: the domain where it is active, else `outside`.
    std::span<const code32> active_domain;
    code32 outside;  ///< the domain count: the code of rows without a score

    /// Each row's domain, or `outside`.
    void domains(std::size_t b0, std::size_t m, code32* out) const noexcept {
        mapped_domains(codes.data() + b0, where.empty() ? nullptr : where.data() + b0, active_domain.data(), outside, m,
                       out);
    }
    struct Scratch {};
    [[nodiscard]] Scratch scratch() const noexcept { return {}; }
    /// Each row's domain, or `outside`, and score (rows outside: any number, NaN included; never read).
    void fill(std::size_t b0, std::size_t m, code32* domain, double* z, Scratch&) const noexcept {
        domains(b0, m, domain);
        linear_scores(w.data() + b0, y.data() + b0, x.empty() ? nullptr : x.data() + b0, alpha.data(), beta.data(),
                      codes.data() + b0, m, z);
    }
};

/// The groups of every (score, domain), and of rows outside (domain `domains`: group `domains`):
/// [k * (domains + 1) + d].
inline std::vector<code32> score_groups(const ScoreLayout& layout) {
    const std::size_t nd = layout.domains, width = layout.width;
    std::vector<code32> group(width * (nd + 1));
    for (std::size_t k = 0; k < width; ++k) {
        for (std::size_t d = 0; d < nd; ++d)
            group[k * (nd + 1) + d] = layout.target.empty() ? static_cast<code32>(d) : layout.target[k * nd + d];
        group[k * (nd + 1) + nd] = layout.domains;
    }
    return group;
}

/// Rows [b0, b0 + m) of an element design, scores z[k * score_chunk_rows + j] in domains `domain`:
/// per (stratum, domain) block of 2 width sums, t[k] += z_k and t[width + k] += z_k^2 (a spare
/// domain nd per stratum). Width > 0: fixed at compile time.
template <std::size_t Width>
inline void add_element_scores(double* t, std::span<const code32> strata, std::size_t nd, std::size_t width,
                               std::size_t b0, std::size_t m, const code32* domain, const double* z) noexcept {
    const std::size_t w = Width > 0 ? Width : width, domains = nd + 1;
    const code32* const stratum = strata.empty() ? nullptr : strata.data() + b0;
    auto sums_of = [&](std::size_t j) {
        return t + 2 * w * ((stratum ? std::size_t{stratum[j]} : 0) * domains + domain[j]);
    };
    for (std::size_t j = 0; j < m; ++j) {
        double* const at = sums_of(j);
#if defined(__GNUC__)
        // With strata the sums outgrow the caches (50 strata x 1,000 domains x 7 scores: 5.6 MB): the
        // sums of the row 16 ahead are fetched while this one adds.
        if (stratum != nullptr && j + 16 < m) {
            const double* ahead = sums_of(j + 16);
            for (std::size_t b = 0; b < 2 * w; b += 8) __builtin_prefetch(ahead + b, 1);
            __builtin_prefetch(ahead + 2 * w - 1, 1);
        }
#endif
        for (std::size_t k = 0; k < w; ++k) {
            const double zk = z[k * score_chunk_rows + j];
            at[k] += zk;
            at[w + k] += zk * zk;
        }
    }
}

/// add_element_scores with the width compiled in where it is small (the index inputs have at most 9).
inline void add_element_scores_of(double* t, std::span<const code32> strata, std::size_t nd, std::size_t width,
                                  std::size_t b0, std::size_t m, const code32* domain, const double* z) noexcept {
    // clang-format off
    switch (width) {
#define GENDEX_SCORE_CASE(W) \
    case W: add_element_scores<W>(t, strata, nd, W, b0, m, domain, z); break;
        GENDEX_SCORE_CASE(1) GENDEX_SCORE_CASE(2) GENDEX_SCORE_CASE(3) GENDEX_SCORE_CASE(4) GENDEX_SCORE_CASE(5)
        GENDEX_SCORE_CASE(6) GENDEX_SCORE_CASE(7) GENDEX_SCORE_CASE(8) GENDEX_SCORE_CASE(9)
#undef GENDEX_SCORE_CASE
        default: add_element_scores<0>(t, strata, nd, width, b0, m, domain, z); break;
        // clang-format on
    }
}

/// Calls body(b0, m, domain, z) for the chunks of rows [first, last), with the source's domains
/// and scores (z[k * score_chunk_rows + j]: score by score).
template <class Source, class Body>
void for_score_chunks(const Source& source, std::size_t width, std::size_t first, std::size_t last, Body&& body) {
    std::vector<code32> domain(score_chunk_rows);
    std::vector<double> z(score_chunk_rows * width);
    auto scratch = source.scratch();
    for (std::size_t b0 = first; b0 < last; b0 += score_chunk_rows) {
        const std::size_t m = std::min(score_chunk_rows, last - b0);
        source.fill(b0, m, domain.data(), z.data(), scratch);
        body(b0, m, domain.data(), z.data());
    }
}
}  // namespace detail

/// Whether score_variances gives the linearised variances of `design` over
/// `domains` domains and `width` scores per row: no stratum has a single PSU
/// (the lonely-PSU rules need the cell path), the strata x domains x scores
/// sums stay within score_variance_max_pairs and the domains within
/// score_variance_max_domains.
[[nodiscard]] inline bool score_variances_apply(const Design& design, code32 domains, std::size_t width = 1) {
    if (domains > score_variance_max_domains ||
        static_cast<std::size_t>(design.strata_count()) * domains * width > score_variance_max_pairs)
        return false;
    for (code32 h = 0; h < design.strata_count(); ++h)
        if (design.psus_in_stratum(h) == 1) return false;
    return true;
}

namespace detail {
/// How the score pass of a PSU design finds the PSU totals: choose by a sample (automatic), group
/// every row's scores by PSU (sorted), or sum the rows alone in their (PSU, group) as an element
/// design would and only the others' totals (few_shared). The last two are for tests.
enum class PsuPass { automatic, sorted, few_shared };

/// PSU codes sampled to choose the PSU pass: those with code % psu_sample_every == 0.
inline constexpr code32 psu_sample_every = 256;

/// The few_shared pass is tried from this many scores a row (the sorted pass moves 4 + 8 width bytes
/// a row, 36 or more, where it moves 8 twice; with one score, the mean's, the sorted pass is faster:
/// 10 M rows, 150 against 210 ms) and where its per (stratum, domain) sums, added to at random,
/// stay within few_shared_max_sums bytes, a cache's worth (10 M rows, index inputs by 1,000 regions
/// and sexes: 50 strata, 5.6 MB, 530 against 700 ms; 1,000 strata, 112 MB, 1,340 against 800 ms).
inline constexpr std::size_t few_shared_min_width = 4;
inline constexpr std::size_t few_shared_max_sums = std::size_t{16} << 20;

/// The coarse group of every domain ([nd]: the count, the code of rows outside): domains that some
/// score puts in one group (the income share's region adds both sexes) share one, so a row alone
/// in its (PSU, coarse group) is alone in its (PSU, group) for every score.
inline std::vector<code32> coarse_groups(const ScoreLayout& layout, const std::vector<code32>& group) {
    const code32 nd = layout.domains;
    std::vector<code32> parent(nd);
    for (code32 d = 0; d < nd; ++d) parent[d] = d;
    auto root = [&](code32 d) {
        while (parent[d] != d) d = parent[d] = parent[parent[d]];
        return d;
    };
    if (!layout.target.empty()) {
        std::vector<code32> member(nd);  // per group: a domain in it (no_code: none yet)
        for (std::size_t k = 0; k < layout.width; ++k) {
            std::fill(member.begin(), member.end(), no_code);
            for (code32 d = 0; d < nd; ++d) {
                code32& m = member[group[k * (nd + 1) + d]];
                if (m == no_code) {
                    m = d;
                    continue;
                }
                const code32 a = root(m), b = root(d);
                parent[std::max(a, b)] = std::min(a, b);
            }
        }
    }
    std::vector<code32> coarse(std::size_t{nd} + 1), number(nd, no_code);
    code32 count = 0;
    for (code32 d = 0; d < nd; ++d) {
        code32& r = number[root(d)];
        if (r == no_code) r = count++;
        coarse[d] = r;
    }
    coarse[nd] = count;
    return coarse;
}

/// Whether the sampled (PSU, coarse group) keys of rows (one per row) show few rows sharing theirs:
/// at most a quarter. Then the few_shared pass moves 8 bytes a row where the sorted one moves
/// 4 + 8 width.
[[nodiscard]] inline bool few_shared_cells(std::vector<std::uint64_t>& sample) {
    std::sort(sample.begin(), sample.end());
    std::size_t shared = 0;
    for (std::size_t i = 0; i < sample.size();) {
        std::size_t j = i + 1;
        while (j < sample.size() && sample[j] == sample[i]) ++j;
        shared += j - i > 1 ? j - i : 0;
        i = j;
    }
    return 4 * shared <= sample.size();
}

/// Per (stratum, group, score) pair [2 pair]: the sum and the sum of squares of the rows' scores,
/// from the per (stratum, domain) sums [(h * (nd + 1) + d) * 2 width + {k, width + k}] (a row is in
/// one domain, so a group's sums are its domains'), in domain order.
inline std::vector<double> group_element_sums(const std::vector<double>& sums, std::size_t nh, std::size_t nd,
                                              std::size_t width, const std::vector<code32>& group) {
    std::vector<double> out(2 * nh * nd * width, 0.0);
    for (std::size_t h = 0; h < nh; ++h)
        for (std::size_t d = 0; d < nd; ++d) {
            const double* from = sums.data() + 2 * width * (h * (nd + 1) + d);
            for (std::size_t k = 0; k < width; ++k) {
                double* to = out.data() + 2 * ((h * nd + group[k * (nd + 1) + d]) * width + k);
                to[0] += from[k], to[1] += from[width + k];
            }
        }
    return out;
}

/// Parts of the sums: as many as rows or PSU blocks allow, at most 4 (each starts cold) and within
/// score_part_budget together.
inline constexpr std::size_t score_part_budget = std::size_t{256} << 20;
[[nodiscard]] inline std::size_t score_sum_parts(std::size_t units, std::size_t bytes_per_part) {
    return std::max<std::size_t>(1, std::min({units, std::size_t{4}, score_part_budget / bytes_per_part}));
}

/// The PSU passes group rows by blocks of 2^11 PSU codes first (one pass into every PSU would write
/// to as many places at random, 250,000 in a large survey, and wait on memory).
inline constexpr unsigned psu_block_bits = 11;

/// The place of a row in the few-shared pass's stable scatter by block of PSU codes, counted first (the
/// sorted pass writes pages instead, block_pages.hpp; `next`: the row part's next place
/// in each block): its block's next place, or, outside the filter, the part's `spare` place (written,
/// never read), without a branch.
inline std::size_t block_place(std::uint32_t* next, code32 psu, bool in, std::size_t spare) noexcept {
    std::uint32_t& cursor = next[psu >> psu_block_bits];
    const std::size_t at = in ? cursor : spare;
    cursor += in ? 1u : 0u;
    return at;
}

/// The centred sums of squares of the PSU totals [pair] (as score_variances_of) where few rows
/// share their (PSU, coarse group) with another: every row's scores and their squares summed per
/// (stratum, domain) as in an element design, plus, per (stratum, group, score), T^2 - sum z^2 of
/// each (PSU, group) total T of several rows, z its rows' scores. The rows sharing a cell are found
/// from 8 bytes a row (key and row number, grouped by PSU in two counting sorts); only they are
/// kept with their scores. `place` and `block_start` are the counting pass's places (rows inside per
/// row part and block of PSU codes). False, and `centred` to be cleared, where a pair lost 8
/// digits or more to cancellation.
template <std::size_t Width, class Source>
[[nodiscard]] bool few_shared_centred(const Design& design, const ScoreLayout& layout, const Source& source,
                                      unsigned workers, const std::vector<code32>& group,
                                      const std::vector<code32>& coarse, std::vector<std::uint32_t> place,
                                      const std::vector<std::uint32_t>& block_start, std::vector<double>& centred) {
    constexpr unsigned bits = psu_block_bits;
    constexpr code32 low = (code32{1} << bits) - 1;
    const std::size_t nd = layout.domains, width = Width > 0 ? Width : layout.width, nh = design.strata_count();
    const std::size_t n = design.rows(), blocks = (design.psu_count() >> bits) + 1;
    const std::size_t row_parts = (n + score_rows_per_part - 1) / score_rows_per_part;
    const auto psu = design.psu();
    // 1. Every row inside: (coarse group << bits | PSU's low bits) << 32 | row, by block of PSU codes
    // (a spare place per row part for the rows outside, written and never read: block_place).
    LargeArray<std::uint64_t> items(std::size_t{block_start[blocks]} + row_parts);
    std::uint64_t* const item = items.data();
    run_blocks(
        row_parts, workers,
        [&](std::size_t r) {
            std::uint32_t* next = place.data() + r * blocks;
            const std::size_t spare = std::size_t{block_start[blocks]} + r;
            std::vector<code32> domain(score_chunk_rows);
            const std::size_t first = r * score_rows_per_part, last = std::min(n, first + score_rows_per_part);
            for (std::size_t b0 = first; b0 < last; b0 += score_chunk_rows) {
                const std::size_t m = std::min(score_chunk_rows, last - b0);
                source.domains(b0, m, domain.data());
                for (std::size_t j = 0; j < m; ++j) {
                    const std::size_t i = b0 + j;
                    item[block_place(next, psu[i], domain[j] != nd, spare)] =
                        std::uint64_t{coarse[domain[j]] << bits | (psu[i] & low)} << 32 | i;
                }
            }
        },
        [](std::size_t) {});
    // 2. Per block by PSU; within a PSU, the rows sharing a coarse group are given places next to
    // each other, a cell's in row order (cell[row] = 1 + place within the part of blocks; 0: alone),
    // and the cell its first place and stratum. Parts of blocks fixed by the blocks.
    const code32 groups = coarse[nd];
    const std::size_t parts = std::min<std::size_t>(blocks, 8), per_part = (blocks + parts - 1) / parts;
    LargeArray<std::uint32_t> places(n, true);
    std::uint32_t* const cell = places.data();
    std::vector<std::vector<std::uint32_t>> cell_first(parts), cell_stratum(parts);
    std::vector<std::uint32_t> part_first(parts + 1, 0);  // places per part, then each part's first
    run_blocks(
        parts, workers,
        [&](std::size_t part) {
            std::vector<std::uint32_t> local(std::size_t{low} + 2), seen(groups, 0), rows(groups), cursor(groups);
            std::vector<std::uint64_t> sorted;
            std::uint32_t mark = 0, placed = 0;
            for (std::size_t b = part * per_part; b < std::min(blocks, (part + 1) * per_part); ++b) {
                const std::uint32_t first = block_start[b], size = block_start[b + 1] - first;
                std::fill(local.begin(), local.end(), 0u);
                for (std::uint32_t k = first; k < first + size; ++k) ++local[((item[k] >> 32) & low) + 1];
                for (std::size_t q = 0; q <= low; ++q) local[q + 1] += local[q];
                sorted.resize(size);
                for (std::uint32_t k = first; k < first + size; ++k) sorted[local[(item[k] >> 32) & low]++] = item[k];
                std::uint32_t k = 0;
                for (code32 q = 0; q <= low; ++q) {  // local[q]: the end of PSU q's rows
                    const std::uint32_t end = local[q];
                    if (k == end) continue;
                    ++mark;
                    for (std::uint32_t j = k; j < end; ++j) {
                        const auto c = static_cast<code32>(sorted[j] >> (32 + bits));
                        if (seen[c] != mark) seen[c] = mark, rows[c] = 0;
                        ++rows[c];
                    }
                    for (; k < end; ++k) {
                        const auto c = static_cast<code32>(sorted[k] >> (32 + bits));
                        if (rows[c] < 2) continue;
                        if (rows[c] != no_code) {  // the cell's first row: its places
                            cursor[c] = placed, placed += rows[c], rows[c] = no_code;
                            cell_first[part].push_back(cursor[c]);
                            cell_stratum[part].push_back(design.stratum_of_psu(static_cast<code32>(b << bits | q)));
                        }
                        cell[static_cast<std::uint32_t>(sorted[k])] = 1 + cursor[c]++;
                    }
                }
            }
            part_first[part + 1] = placed;
        },
        [](std::size_t) {});
    for (std::size_t part = 0; part < parts; ++part) part_first[part + 1] += part_first[part];
    const std::size_t kept = part_first[parts];
    // 3. The rows' scores per (stratum, domain), as an element design's; the rows sharing a cell
    // written to their places with their domain.
    const auto strata = design.strata();
    const std::size_t spread = (nd + 1) * width;  // a stratum's sums, the spare domain's included
    const std::size_t sum_parts = score_sum_parts(row_parts, 2 * nh * spread * sizeof(double));
    const std::size_t rows_per_part = (n + sum_parts - 1) / sum_parts;
    std::vector<std::vector<double>> sums(sum_parts, std::vector<double>(2 * nh * spread, 0.0));
    LargeArray<code32> kept_domain(kept);
    LargeArray<double> kept_z(kept * width);
    run_blocks(
        sum_parts, workers,
        [&](std::size_t part) {
            double* const t = sums[part].data();
            code32* const to_domain = kept_domain.data();
            double* const to_z = kept_z.data();
            for_score_chunks(source, width, part * rows_per_part, std::min(n, (part + 1) * rows_per_part),
                             [&](std::size_t b0, std::size_t m, const code32* domain, const double* z) {
                                 add_element_scores_of(t, strata, nd, width, b0, m, domain, z);
                                 for (std::size_t j = 0; j < m; ++j) {
                                     const std::size_t i = b0 + j;
                                     if (cell[i] == 0) continue;  // alone (rows outside too)
                                     const std::size_t at = part_first[(psu[i] >> bits) / per_part] + cell[i] - 1;
                                     to_domain[at] = domain[j];
                                     for (std::size_t k = 0; k < width; ++k)
                                         to_z[at * width + k] = z[k * score_chunk_rows + j];
                                 }
                             });
        },
        [](std::size_t) {});
    for (std::size_t part = 1; part < sum_parts; ++part)
        for (std::size_t j = 0; j < sums[0].size(); ++j) sums[0][j] += sums[part][j];
    // 4. Per shared cell, in cell order, per group and score: T^2 - sum z^2 of its rows (row order).
    const std::size_t pairs = nh * nd * width;
    std::vector<double> shared(pairs, 0.0), total(nd * width), squares(nd * width);
    std::vector<std::uint32_t> stamp(nd * width, 0);
    std::vector<std::size_t> touched;
    std::uint32_t stamped = 0;
    for (std::size_t part = 0; part < parts; ++part)
        for (std::size_t c = 0; c < cell_first[part].size(); ++c) {
            const std::size_t first = part_first[part] + cell_first[part][c];
            const std::size_t last =
                c + 1 < cell_first[part].size() ? part_first[part] + cell_first[part][c + 1] : part_first[part + 1];
            const std::size_t h = cell_stratum[part][c];
            touched.clear();
            ++stamped;
            for (std::size_t at = first; at < last; ++at) {
                const code32 d = kept_domain.data()[at];
                for (std::size_t s = 0; s < width; ++s) {
                    const std::size_t g = std::size_t{group[s * (nd + 1) + d]} * width + s;
                    if (stamp[g] != stamped) stamp[g] = stamped, total[g] = 0, squares[g] = 0, touched.push_back(g);
                    const double z = kept_z.data()[at * width + s];
                    total[g] += z, squares[g] += z * z;
                }
            }
            for (std::size_t g : touched) shared[h * nd * width + g] += total[g] * total[g] - squares[g];
        }
    // 5. sum_j z_hj^2 = the rows' squares + the shared cells' T^2 - sum z^2; centred with n_h PSUs.
    const std::vector<double> group_sums = group_element_sums(sums[0], nh, nd, width, group);
    for (std::size_t j = 0; j < pairs; ++j) {
        const double sum = group_sums[2 * j], s2 = group_sums[2 * j + 1] + shared[j];
        const double m = design.psus_in_stratum(static_cast<code32>(j / (nd * width)));
        if (s2 == 0.0 || m < 2) continue;
        const double c = s2 - sum * (sum / m);
        if (!(c >= 1e-8 * s2)) return false;
        centred[j] = c;
    }
    return true;
}

/// The rows grouped by PSU, as packed records of their 32-bit key and `width` scores (4 + 8 width
/// bytes): the scatter by block of PSU codes writes one stream per block, where a key array and a
/// score array made two (on two threads 11-22 % faster, the same on one: 10 M rows, strata + PSU mean).
template <std::size_t Width>
struct RowRecords {
    std::size_t run_width;  // Width 0: the width known at run time
    explicit RowRecords(std::size_t w) : run_width(w) {}
    // Constants for a compile-time width: the record loops need not reload them after each store.
    [[nodiscard]] std::size_t width() const noexcept { return Width > 0 ? Width : run_width; }
    [[nodiscard]] std::size_t stride() const noexcept { return sizeof(code32) + width() * sizeof(double); }
    void put(std::byte* r, code32 key, const double* z, std::size_t step) const noexcept {
        std::memcpy(r, &key, sizeof key);
        for (std::size_t k = 0; k < width(); ++k)
            std::memcpy(r + sizeof key + k * sizeof(double), z + k * step, sizeof(double));
    }
    [[nodiscard]] code32 key(const std::byte* base, std::size_t at) const noexcept {
        code32 k;
        std::memcpy(&k, base + at * stride(), sizeof k);
        return k;
    }
    [[nodiscard]] double score(const std::byte* base, std::size_t at, std::size_t k) const noexcept {
        double z;
        std::memcpy(&z, base + at * stride() + sizeof(code32) + k * sizeof(double), sizeof z);
        return z;
    }
    void copy(std::byte* to, std::size_t to_at, const std::byte* from, std::size_t from_at) const noexcept {
        std::memcpy(to + to_at * stride(), from + from_at * stride(), stride());
    }
};

/// score_variances with Width scores per row (0: layout.width, known at run time).
template <std::size_t Width, class Source>
[[nodiscard]] std::vector<double> score_variances_of(const Design& design, const ScoreLayout& layout,
                                                     const Source& source, unsigned threads,
                                                     PsuPass pass = PsuPass::automatic) {
    // A compile-time width of 1 (the one-call estimators) keeps the row loops as tight as a single score's.
    const std::size_t nd = layout.domains, width = Width > 0 ? Width : layout.width, nh = design.strata_count();
    const std::size_t n = design.rows();
    const std::size_t pairs = nh * nd * width;  // [(stratum * nd + group) * width + score]
    const unsigned workers = resolve_threads(threads);
    const std::vector<code32> group = score_groups(layout);  // [k * (nd + 1) + d]
    const auto parts_for = score_sum_parts;
    auto psus = [&](std::size_t h) { return static_cast<double>(design.psus_in_stratum(static_cast<code32>(h))); };
    std::vector<double> centred(pairs, 0.0);  // sum_j (z_hj - zbar_h)^2
    if (!design.has_psu()) {
        // Every row its own PSU: parts of rows, each summing its rows' scores and their squares
        // (plain sums: the hot loop stays two adds), merged in part order. A stratum's
        // sum z^2 - (sum z)^2 / n_h that lost 8 or more digits to cancellation (a stratum whose rows
        // all score nearly alike) is computed again from the centred scores in one more pass. Rows
        // without scores add to a spare domain (nd) of every stratum, never read.
        const auto strata = design.strata();
        const std::size_t spread = (nd + 1) * width;  // a stratum's sums, the spare domain's included
        const std::size_t parts =
            parts_for((n + score_rows_per_part - 1) / score_rows_per_part, 2 * nh * spread * sizeof(double));
        const std::size_t rows_per_part = (n + parts - 1) / parts;
        std::vector<std::vector<double>> sums(parts, std::vector<double>(2 * nh * spread, 0.0));  // sum, squares
        run_blocks(
            parts, workers,
            [&](std::size_t part) {
                double* const t = sums[part].data();
                for_score_chunks(source, width, part * rows_per_part, std::min(n, (part + 1) * rows_per_part),
                                 [&](std::size_t b0, std::size_t m, const code32* domain, const double* z) {
                                     add_element_scores_of(t, strata, nd, width, b0, m, domain, z);
                                 });
            },
            [](std::size_t) {});
        for (std::size_t part = 1; part < parts; ++part)
            for (std::size_t j = 0; j < 2 * nh * spread; ++j) sums[0][j] += sums[part][j];
        const std::vector<double> group_sums = group_element_sums(sums[0], nh, nd, width, group);  // [2 pair]
        auto sum_at = [&](std::size_t j) { return group_sums.data() + 2 * j; };
        std::vector<std::uint8_t> again(pairs, 0);
        bool any_again = false;
        for (std::size_t j = 0; j < pairs; ++j) {
            const double* s = sum_at(j);
            const double sum = s[0], squares = s[1], m = psus(j / (nd * width));
            if (squares == 0.0 || m < 2) continue;
            centred[j] = squares - sum * (sum / m);
            if (!(centred[j] >= 1e-8 * squares)) again[j] = 1, any_again = true;
        }
        if (any_again) {
            std::vector<double> rows_in(pairs, 0.0);
            for (std::size_t j = 0; j < pairs; ++j)
                if (again[j]) centred[j] = 0.0;
            for_score_chunks(source, width, 0, n,
                             [&](std::size_t b0, std::size_t m, const code32* domain, const double* z) {
                                 for (std::size_t r = 0; r < m; ++r) {
                                     if (domain[r] == nd) continue;
                                     const std::size_t h = strata.empty() ? 0 : strata[b0 + r];
                                     for (std::size_t k = 0; k < width; ++k) {
                                         const std::size_t j = (h * nd + group[k * (nd + 1) + domain[r]]) * width + k;
                                         if (!again[j]) continue;
                                         const double d = z[k * score_chunk_rows + r] - sum_at(j)[0] / psus(h);
                                         centred[j] += d * d;
                                         rows_in[j] += 1;
                                     }
                                 }
                             });
            for (std::size_t j = 0; j < pairs; ++j)
                if (again[j]) {  // the stratum's other rows score 0: (0 - zbar)^2 each
                    const double m = psus(j / (nd * width)), zbar = sum_at(j)[0] / m;
                    centred[j] += (m - rows_in[j]) * zbar * zbar;
                }
        }
    } else {
        // Rows with scores grouped by PSU (stable), with their scores: by blocks of 2,048 PSU codes
        // into pages (block_pages.hpp: parts of rows on threads, read back part by part, the order
        // of a sequential stable sort), then by PSU within each block (a counting sort). One sort
        // into every PSU would write to as many places at random (250,000 in a large survey) and
        // wait on memory. A row's key is its domain and the low bits of its PSU (domains < 2^21:
        // score_variance_max_domains).
        constexpr unsigned block_bits = psu_block_bits;
        static_assert(score_variance_max_domains <= (std::size_t{1} << (32 - block_bits)));
        constexpr code32 low = (code32{1} << block_bits) - 1;
        const auto psu = design.psu();
        const std::size_t np = design.psu_count(), blocks = (np >> block_bits) + 1;
        const std::size_t row_parts = (n + score_rows_per_part - 1) / score_rows_per_part;
        auto part_rows = [&](std::size_t r) {
            return std::pair{r * score_rows_per_part, std::min(n, (r + 1) * score_rows_per_part)};
        };
        // The keys (PSU << 32 | coarse group) of the rows of every psu_sample_every-th PSU, to
        // choose the pass (automatic only).
        const bool may_share = pass == PsuPass::automatic && width >= few_shared_min_width &&
                               2 * nh * (nd + 1) * width * sizeof(double) <= few_shared_max_sums;
        const std::vector<code32> coarse =
            may_share || pass == PsuPass::few_shared ? coarse_groups(layout, group) : std::vector<code32>{};
        std::vector<std::vector<std::uint64_t>> sample(may_share ? row_parts : 0);
        // The rows inside per row part and block: the few-shared pass's places (the general pass
        // writes pages instead, without counting).
        const bool counted = may_share || pass == PsuPass::few_shared;
        std::vector<std::uint32_t> start(counted ? row_parts * blocks + 1 : 0, 0);  // [row part][block]
        run_blocks(
            counted ? row_parts : 0, workers,
            [&](std::size_t r) {
                std::uint32_t* count = start.data() + r * blocks + 1;  // shifted by one: counts, then starts
                std::vector<code32> domain(score_chunk_rows);
                const auto [first, last] = part_rows(r);
                for (std::size_t b0 = first; b0 < last; b0 += score_chunk_rows) {
                    const std::size_t m = std::min(score_chunk_rows, last - b0);
                    source.domains(b0, m, domain.data());
                    for (std::size_t j = 0; j < m; ++j)  // no branch: `where` is random
                        count[psu[b0 + j] >> block_bits] += domain[j] != nd ? 1u : 0u;
                    if (sample.empty()) continue;
                    for (std::size_t j = 0; j < m; ++j)
                        if (psu[b0 + j] % psu_sample_every == 0 && domain[j] != nd)
                            sample[r].push_back(std::uint64_t{psu[b0 + j]} << 32 | coarse[domain[j]]);
                }
            },
            [](std::size_t) {});
        bool few_shared = pass == PsuPass::few_shared;
        if (may_share && row_parts > 0) {
            for (std::size_t r = 1; r < row_parts; ++r)
                sample[0].insert(sample[0].end(), sample[r].begin(), sample[r].end());
            few_shared = few_shared_cells(sample[0]);
        }
        // Block-major places: block b's rows of part 0, of part 1, ...; block_start[b] its first.
        std::vector<std::uint32_t> place(counted ? row_parts * blocks : 0), block_start(blocks + 1, 0);
        if (counted) {
            std::uint32_t at = 0;
            for (std::size_t b = 0; b < blocks; ++b) {
                block_start[b] = at;
                for (std::size_t r = 0; r < row_parts; ++r) place[r * blocks + b] = at, at += start[r * blocks + b + 1];
            }
            block_start[blocks] = at;
        }
        if (few_shared &&
            few_shared_centred<Width>(design, layout, source, workers, group, coarse, place, block_start, centred)) {
            // done: few rows shared their (PSU, group)
        } else {
            std::fill(centred.begin(), centred.end(), 0.0);
            // Rows inside written as records to their block's pages (block_pages.hpp): part r's pages
            // from its own range of places, its rows plus a partly filled page per block.
            const RowRecords<Width> rec{width};
            BlockPages pages(row_parts, blocks, block_page_records(score_rows_per_part, blocks), score_rows_per_part);
            LargeArray<std::byte> records(row_parts * pages.part_places * rec.stride());
            std::byte* const all = records.data();
            run_blocks(
                row_parts, workers,
                [&](std::size_t r) {
                    PageWriter writer(pages, r, all, rec.stride());
                    const auto [first, last] = part_rows(r);
                    for_score_chunks(source, width, first, last,
                                     [&](std::size_t b0, std::size_t m, const code32* domain, const double* z) {
                                         for (std::size_t j = 0; j < m; ++j) {
                                             const std::size_t i = b0 + j, b = psu[i] >> block_bits;
                                             const code32 key = domain[j] << block_bits | (psu[i] & low);
                                             writer.add(b, domain[j] != nd, [&](std::byte* slot) {
                                                 rec.put(slot, key, z + j, score_chunk_rows);
                                             });
                                         }
                                     });
                    writer.flush();
                },
                [](std::size_t) {});
            // Within a block: by PSU, then each PSU's group totals in a dense scratch array, added to
            // its stratum's moments (one update per PSU and group, not per row): parts of consecutive blocks on threads, merged in part order. A
            // part keeps moments for the strata its PSUs are in, from the lowest to the highest: PSU
            // codes numbered within strata (as micro.Design codes them) give each part a quarter of the
            // strata, not all.
            const std::size_t spread = nd * width;  // a stratum's moments
            // Each part's strata [lowest, highest]: as many parts as fit the budget together.
            std::size_t parts = 0, blocks_per_part = 0;
            std::vector<code32> lowest, highest;
            for (std::size_t tried = std::min<std::size_t>(blocks, 4);; --tried) {
                parts = tried, blocks_per_part = (blocks + parts - 1) / parts;
                lowest.assign(parts, no_code), highest.assign(parts, 0);
                std::size_t held = 0;  // strata over all parts
                for (std::size_t part = 0; part < parts; ++part) {
                    const std::size_t first = part * blocks_per_part << block_bits;
                    for (std::size_t p = first; p < std::min(np, first + (blocks_per_part << block_bits)); ++p) {
                        const code32 h = design.stratum_of_psu(static_cast<code32>(p));
                        if (h == no_code) continue;  // a PSU code without rows
                        lowest[part] = std::min(lowest[part], h), highest[part] = std::max(highest[part], h);
                    }
                    held += lowest[part] == no_code ? 0 : highest[part] - lowest[part] + std::size_t{1};
                }
                if (parts == 1 || held * spread * sizeof(PsuMoments) <= score_part_budget) break;
            }
            const code32* const to = layout.target.empty() ? nullptr : group.data();  // null: a group per domain
            // The moments pass, with plain sums of the PSU totals and their squares first (PsuSums), or
            // Welford's moments (PsuMoments) where a pair lost 8 digits or more to cancellation: false.
            auto moments_pass = [&]<class Moments>(std::type_identity<Moments>) {
                std::vector<LargeArray<Moments>> moments(parts);
                run_blocks(
                    parts, workers,
                    [&](std::size_t part) {
                        const std::size_t b0 = part * blocks_per_part,
                                          b1 = std::min(blocks, (part + 1) * blocks_per_part);
                        const code32 lo = lowest[part];
                        if (lo == no_code) return;  // no PSUs
                        moments[part] = LargeArray<Moments>((highest[part] - lo + std::size_t{1}) * spread, true);
                        Moments* const mo = moments[part].data();
                        std::vector<std::byte> block;            // the block's records by PSU
                        std::vector<double> total(spread, 0.0);  // the PSU's [group * width + score]
                        std::vector<code32> touched;
                        std::vector<std::uint32_t> local(std::size_t{low} + 2);
                        // The PSU (counted from 1) that last touched a domain, and that last added a group's
                        // total to the moments: 32-bit marks, not bytes (a byte store may alias the totals,
                        // and the loads after it wait).
                        std::vector<std::uint32_t> seen(nd, 0), added(to ? spread : 0, 0);
                        std::uint32_t mark = 0;
                        for (std::size_t b = b0; b < b1; ++b) {
                            std::fill(local.begin(), local.end(), 0u);
                            pages.for_block(b, [&](std::size_t first, std::size_t last) {
                                for (std::size_t k = first; k < last; ++k) ++local[(rec.key(all, k) & low) + 1];
                            });
                            for (std::size_t q = 0; q <= low; ++q) local[q + 1] += local[q];
                            block.resize(pages.block_size(b) * rec.stride());
                            pages.for_block(b, [&](std::size_t first, std::size_t last) {
                                for (std::size_t k = first; k < last; ++k)  // local[q] ends as PSU q's end
                                    rec.copy(block.data(), local[rec.key(all, k) & low]++, all, k);
                            });
                            std::uint32_t k = 0;
                            for (code32 q = 0; q <= low; ++q) {
                                const std::uint32_t end = local[q];
                                if (k == end) continue;
                                ++mark;
                                touched.clear();
                                for (; k < end; ++k) {
                                    const code32 d = rec.key(block.data(), k) >> block_bits;
                                    if (seen[d] != mark) seen[d] = mark, touched.push_back(d);
                                    for (std::size_t s = 0; s < width; ++s)
                                        total[(to ? to[s * (nd + 1) + d] : d) * width + s] +=
                                            rec.score(block.data(), k, s);
                                }
                                const code32 p = static_cast<code32>(b << block_bits | q);
                                Moments* const row = mo + (design.stratum_of_psu(p) - lo) * spread;
                                for (code32 d : touched)
                                    for (std::size_t s = 0; s < width; ++s) {
                                        const std::size_t at = (to ? to[s * (nd + 1) + d] : d) * width + s;
                                        if (to) {  // a group of several domains: added once
                                            if (added[at] == mark) continue;
                                            added[at] = mark;
                                        }
                                        row[at].add(total[at]);
                                        total[at] = 0.0;
                                    }
                            }
                        }
                    },
                    [](std::size_t) {});
                // Per stratum, the parts that hold it, merged in part order (no array of all pairs).
                std::vector<Moments> merged(spread);
                for (std::size_t h = 0; h < nh; ++h) {
                    std::fill(merged.begin(), merged.end(), Moments{});
                    for (std::size_t part = 0; part < parts; ++part) {
                        const std::size_t held = moments[part].size() / spread;  // strata lowest[part] ...
                        if (h < lowest[part] || h >= lowest[part] + held) continue;
                        const Moments* from = moments[part].data() + (h - lowest[part]) * spread;
                        for (std::size_t j = 0; j < spread; ++j) merged[j].merge(from[j]);
                    }
                    for (std::size_t j = 0; j < spread; ++j) {
                        if (!merged[j].touched()) continue;
                        const double c = merged[j].centred_squares(psus(h));
                        if (!merged[j].kept_digits(c)) return false;
                        centred[h * spread + j] = c;
                    }
                }
                return true;
            };
            if (!moments_pass(std::type_identity<PsuSums>{})) {
                std::fill(centred.begin(), centred.end(), 0.0);
                moments_pass(std::type_identity<PsuMoments>{});
            }
        }
    }
    const auto& population = design.stratum_population();
    std::vector<double> variance(nd * width, 0.0);
    for (std::size_t h = 0; h < nh; ++h) {
        const double m = psus(h);
        if (m < 2) continue;  // no PSUs (a single one: score_variances_apply said no)
        const double f = population.empty() ? 1.0 : (population[h] - m) / population[h];
        if (f < census_fpc) continue;
        for (std::size_t j = 0; j < nd * width; ++j) variance[j] += f * m / (m - 1.0) * centred[h * nd * width + j];
    }
    return variance;
}
}  // namespace detail

/// The linearised variance of every group and score, [g * width + k], of the
/// rows' scores from `source`, which has
///   void domains(std::size_t b0, std::size_t m, code32* out) const;
///     // rows [b0, b0 + m)'s domains; layout.domains for a row without scores
///   Scratch scratch() const;  // a thread's working memory for fill
///   void fill(std::size_t b0, std::size_t m, code32* domain, double* z, Scratch&) const;
///     // their domains and scores, z[k * score_chunk_rows + j] (rows without scores: never read)
/// with m <= score_chunk_rows. Call only where score_variances_apply. On
/// `threads` threads (0: every core), the same bit for bit for any number: rows
/// and PSUs are cut into parts fixed by the data's shape, and the parts' sums
/// (element designs) or moments (PSU designs, Chan et al.) are merged in part
/// order.
template <class Source>
[[nodiscard]] std::vector<double> score_variances(const Design& design, const ScoreLayout& layout, const Source& source,
                                                  unsigned threads = 0) {
    return layout.width == 1 ? detail::score_variances_of<1>(design, layout, source, threads)
                             : detail::score_variances_of<0>(design, layout, source, threads);
}

/// Per domain, the linearised variance of the estimate whose score is
/// z_i = w_i (alpha[d] y_i + beta[d] x_i) (x empty: 1) over the rows inside
/// `where` (empty: all) of domain d; NaN where active[d] is 0. Call only where
/// score_variances_apply; threads as score_variances.
[[nodiscard]] inline std::vector<double> score_linearized_variances(
    const Design& design, std::span<const code32> codes, code32 domains, std::span<const double> y,
    std::span<const double> x, std::span<const std::uint8_t> where, std::span<const double> alpha,
    std::span<const double> beta, std::span<const std::uint8_t> active, unsigned threads = 0) {
    std::vector<code32> active_domain(domains);
    for (code32 d = 0; d < domains; ++d) active_domain[d] = active[d] ? d : domains;
    const detail::RowScores rows{design.weights(), y, x, alpha, beta, codes, where, active_domain, domains};
    std::vector<double> variance = score_variances(design, ScoreLayout{domains, 1, {}}, rows, threads);
    for (std::size_t d = 0; d < domains; ++d)
        if (!active[d]) variance[d] = std::numeric_limits<double>::quiet_NaN();
    return variance;
}

}  // namespace gendex::micro
