// Variance machinery behind the estimators (estimate.hpp): Taylor
// linearisation over (PSU, domain) score totals, R's replicate-variance
// formula, and the internal Rao-Wu rescaled bootstrap.
//
// Linearisation (R: svyrecvar with one sampling stage, with-replacement PSUs).
// For a domain d and a linear score z_i (0 for rows outside d), with z_hj the
// score total of PSU j in stratum h, n_h the stratum's PSUs in the whole
// design (PSUs without rows of d count with z_hj = 0):
//   v_d = sum_h n_h / (n_h - 1) * sum_j (z_hj - zbar_h)^2,  zbar_h = sum_j z_hj / n_h.
// Strata where d has no rows contribute nothing; a stratum with n_h = 1 where
// d has rows follows the LonelyPsu option (see design.hpp). With finite
// population corrections (Design::with_fpc) stratum h is multiplied by
// f_h = (N_h - n_h) / N_h, a lonely PSU's term too, and a census stratum
// (f_h < census_fpc) contributes nothing (R's onestrat()).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/micro/accumulator.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/threads.hpp"

namespace gendex::micro {

// ----------------------------------------------------------------- strata

/// PSUs grouped by stratum: strata in increasing code order, each stratum's
/// PSUs in increasing code order. Stratum codes need not be dense.
struct StrataLayout {
    std::vector<code32> stratum_code;        // [stratum index] original code
    std::vector<std::uint32_t> psu_start;    // [stratum index + 1] offsets into psus
    std::vector<code32> psus;                // PSU codes grouped by stratum
    std::vector<std::uint32_t> psu_stratum;  // [PSU code] stratum index, no_code if unused

    explicit StrataLayout(std::span<const code32> psu_stratum_codes) {
        // Dense index of the stratum codes in use: by counting when the codes
        // are small (the usual case), by sorting otherwise.
        code32 largest = 0;
        std::size_t used = 0;
        for (code32 h : psu_stratum_codes)
            if (h != no_code) largest = std::max(largest, h), ++used;
        std::vector<std::uint32_t> index_of;  // [code] -> stratum index (dense path)
        if (used > 0 && largest <= 4 * used + 1024) {
            index_of.assign(static_cast<std::size_t>(largest) + 1, no_code);
            for (code32 h : psu_stratum_codes)
                if (h != no_code) index_of[h] = 0;
            for (std::size_t h = 0; h < index_of.size(); ++h)
                if (index_of[h] == 0)
                    index_of[h] = static_cast<std::uint32_t>(stratum_code.size()),
                    stratum_code.push_back(static_cast<code32>(h));
        } else {
            for (code32 h : psu_stratum_codes)
                if (h != no_code) stratum_code.push_back(h);
            std::sort(stratum_code.begin(), stratum_code.end());
            stratum_code.erase(std::unique(stratum_code.begin(), stratum_code.end()), stratum_code.end());
        }
        auto index = [&](code32 h) -> std::uint32_t {
            if (!index_of.empty()) return index_of[h];
            return static_cast<std::uint32_t>(std::lower_bound(stratum_code.begin(), stratum_code.end(), h) -
                                              stratum_code.begin());
        };
        psu_stratum.assign(psu_stratum_codes.size(), no_code);
        psu_start.assign(stratum_code.size() + 1, 0);
        for (std::size_t q = 0; q < psu_stratum_codes.size(); ++q) {
            if (psu_stratum_codes[q] == no_code) continue;
            const std::uint32_t h = index(psu_stratum_codes[q]);
            psu_stratum[q] = h;
            ++psu_start[h + 1];
        }
        for (std::size_t h = 0; h < stratum_code.size(); ++h) psu_start[h + 1] += psu_start[h];
        psus.resize(psu_start.back());
        std::vector<std::uint32_t> next(psu_start.begin(), psu_start.end() - 1);
        for (std::size_t q = 0; q < psu_stratum.size(); ++q)
            if (psu_stratum[q] != no_code) psus[next[psu_stratum[q]]++] = static_cast<code32>(q);
    }

    [[nodiscard]] std::size_t strata() const noexcept { return stratum_code.size(); }
    [[nodiscard]] std::uint32_t psus_in(std::size_t h) const noexcept { return psu_start[h + 1] - psu_start[h]; }
};

// ----------------------------------------------------------------- random numbers

/// splitmix64 (Steele, Lea, Flood 2014): seeds the generator below.
struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next() noexcept {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
};

/// xoshiro256** 1.0 (Blackman and Vigna 2018). Fully specified, so a seed
/// gives the same replicates on every platform and compiler (unlike the
/// standard library's distributions).
class Xoshiro256 {
public:
    explicit Xoshiro256(std::uint64_t seed) noexcept {
        SplitMix64 sm{seed};
        for (auto& w : s_) w = sm.next();
    }
    std::uint64_t next() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0], s_[3] ^= s_[1], s_[1] ^= s_[2], s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform integer in [0, n), n >= 1, without bias (Lemire 2019: multiply,
    /// reject the low part below 2^64 mod n).
    std::uint64_t below(std::uint64_t n) noexcept {
        std::uint64_t high = 0, low = 0;
        multiply(next(), n, high, low);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) multiply(next(), n, high, low);
        }
        return high;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
    /// Full 128-bit product of two 64-bit numbers, in portable C++.
    static void multiply(std::uint64_t a, std::uint64_t b, std::uint64_t& high, std::uint64_t& low) noexcept {
        const std::uint64_t a0 = a & 0xffffffffULL, a1 = a >> 32, b0 = b & 0xffffffffULL, b1 = b >> 32;
        const std::uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
        const std::uint64_t middle = (p00 >> 32) + (p01 & 0xffffffffULL) + (p10 & 0xffffffffULL);
        low = (middle << 32) | (p00 & 0xffffffffULL);
        high = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
    }
    std::uint64_t s_[4];
};

// ----------------------------------------------------------------- Rao-Wu bootstrap

/// The Rao-Wu rescaled bootstrap (Rao, Wu and Yue 1992), as R's
/// as.svrepdesign(type = "subbootstrap"): in every stratum h, n_h - 1 of its
/// n_h PSUs are drawn with replacement and PSU j's weights are multiplied by
///   f_hj = m_hj * n_h / (n_h - 1),  m_hj = times drawn.
/// Replicates are never materialised per row: a replicate is one factor per
/// PSU, applied to the per-(PSU, domain) sums.
///
/// Random numbers: replicate r (0-based) has its own xoshiro256** generator,
/// seeded through splitmix64 from seed + r * 0x9e3779b97f4a7c15 (mod 2^64),
/// so replicates do not depend on each other or on how many are asked for.
/// Strata are visited in increasing code order, each drawing n_h - 1 indices
/// uniformly from its PSUs sorted by PSU code (Xoshiro256::below). The result
/// depends only on the seed and the (PSU, stratum) codes, not on row order or
/// partitioning. A stratum with one PSU cannot be resampled: an error under
/// LonelyPsu::fail, otherwise its PSU keeps factor 1 (no contribution).
class RaoWuBootstrap {
public:
    RaoWuBootstrap(std::span<const code32> psu_stratum, std::uint64_t seed, LonelyPsu lonely,
                   const DesignNames& names = {})
        : layout_(psu_stratum), seed_(seed) {
        if (lonely == LonelyPsu::fail)
            for (std::size_t h = 0; h < layout_.strata(); ++h)
                if (layout_.psus_in(h) == 1)
                    throw value_error(
                        detail::lonely_psu_stratum(names, layout_.stratum_code[h], layout_.psus[layout_.psu_start[h]]) +
                        " and cannot be bootstrapped; choose lonely_psu = remove, certainty, adjust or average to "
                        "keep its PSU at factor 1");
    }

    [[nodiscard]] const StrataLayout& layout() const noexcept { return layout_; }

    /// Factor of every PSU code in replicate r (0 for codes without rows).
    void factors(std::uint32_t r, std::span<double> out) const {
        std::fill(out.begin(), out.end(), 0.0);
        Xoshiro256 rng(seed_ + static_cast<std::uint64_t>(r) * 0x9e3779b97f4a7c15ULL);
        for (std::size_t h = 0; h < layout_.strata(); ++h) {
            const std::uint32_t nh = layout_.psus_in(h), first = layout_.psu_start[h];
            if (nh == 1) {
                out[layout_.psus[first]] = 1.0;
                continue;
            }
            for (std::uint32_t draw = 0; draw + 1 < nh; ++draw) out[layout_.psus[first + rng.below(nh)]] += 1.0;
            const double rescale = static_cast<double>(nh) / static_cast<double>(nh - 1);
            for (std::uint32_t j = 0; j < nh; ++j) out[layout_.psus[first + j]] *= rescale;
        }
    }

private:
    StrataLayout layout_;
    std::uint64_t seed_;
};

// ----------------------------------------------------------------- replicate variance

/// R's svrVar for one estimate: replicates whose estimate is NaN (undefined,
/// e.g. a domain with no weight in that replicate) are discarded as R's
/// na.omit does, with their rscales; `dropped` says how many. Returns NaN when
/// every replicate was discarded.
[[nodiscard]] inline double replicate_variance(std::span<const double> thetas, double full_sample, double scale,
                                               std::span<const double> rscales, bool mse, std::uint32_t& dropped) {
    dropped = 0;
    double centre = full_sample;
    if (!mse) {
        double sum = 0;
        std::size_t used = 0;
        for (std::size_t r = 0; r < thetas.size(); ++r)
            if (!std::isnan(thetas[r]) && rscales[r] > 0) sum += thetas[r], ++used;
        centre = sum / static_cast<double>(used);
    }
    double v = 0;
    for (std::size_t r = 0; r < thetas.size(); ++r) {
        if (std::isnan(thetas[r])) {
            ++dropped;
            continue;
        }
        const double dev = thetas[r] - centre;
        v += dev * dev * rscales[r];
    }
    if (dropped == thetas.size()) return std::numeric_limits<double>::quiet_NaN();
    return v * scale;
}

// ----------------------------------------------------------------- the result cache

struct LinearizationLayout;

namespace detail {
/// What the estimators derive from an accumulator's sums and reuse across
/// calls (several indicators from one accumulator build these once): the
/// per-domain linearisation layout and the last bootstrap replicate sums.
struct ResultCache {
    std::shared_ptr<const LinearizationLayout> layout;
    std::uint64_t bootstrap_seed = 0;
    std::uint32_t bootstrap_replicates = 0;
    LonelyPsu bootstrap_lonely = LonelyPsu::fail;
    std::shared_ptr<const std::vector<double>> bootstrap_sums;  // [domain][replicate][K + 1]
};

/// The accumulator's cache; the caller holds acc.cache().mutex.
inline ResultCache& result_cache(const Accumulator& acc) {
    auto& slot = acc.cache();
    if (!slot.data) slot.data = std::make_shared<ResultCache>();
    return *static_cast<ResultCache*>(slot.data.get());
}
}  // namespace detail

// ----------------------------------------------------------------- linearisation

/// Cells grouped for linearisation: by group of domains, then stratum, then
/// PSU. An estimate whose score lives in one domain (total, mean, ratio)
/// has one group per domain (the layout every accumulator caches); one whose
/// score spans several domains (a region's female share across its two sexes)
/// groups them. Cells without rows (all filtered out) are left out: the
/// domain is not there.
struct LinearizationLayout {
    StrataLayout strata;
    std::vector<std::uint32_t> order;          // cell numbers by (group, stratum, PSU)
    std::vector<std::uint32_t> group_start;    // [group + 1] offsets into order
    std::vector<std::uint32_t> order_stratum;  // [offset into order] stratum index
    std::vector<std::uint32_t> position;       // [cell] offset into order, no_code when left out

    /// One group per domain.
    explicit LinearizationLayout(const AccumulatorParts& p) : LinearizationLayout(p, {}, p.domains) {}

    /// Domain d in group group_of_domain[d] (no_code: in none); empty: group d.
    LinearizationLayout(const AccumulatorParts& p, std::span<const code32> group_of_domain, code32 groups)
        : strata(p.psu_stratum) {
        const std::size_t cells = p.cell_psu.size(), nh = strata.strata();
        auto group = [&](std::uint32_t c) {
            return group_of_domain.empty() ? p.cell_domain[c] : group_of_domain[p.cell_domain[c]];
        };
        std::vector<std::uint32_t> cell_stratum(cells);
        for (std::size_t c = 0; c < cells; ++c) cell_stratum[c] = strata.psu_stratum[p.cell_psu[c]];
        // Two stable counting sorts: by stratum, then by group.
        std::vector<std::uint32_t> by_stratum;
        std::vector<std::uint32_t> start(nh + 1, 0);
        for (std::size_t c = 0; c < cells; ++c)
            if (p.cell_rows[c] > 0) ++start[cell_stratum[c] + 1];
        for (std::size_t h = 0; h < nh; ++h) start[h + 1] += start[h];
        by_stratum.resize(start[nh]);
        for (std::size_t c = 0; c < cells; ++c)
            if (p.cell_rows[c] > 0) by_stratum[start[cell_stratum[c]]++] = static_cast<std::uint32_t>(c);
        group_start.assign(static_cast<std::size_t>(groups) + 1, 0);
        for (std::uint32_t c : by_stratum)
            if (group(c) != no_code) ++group_start[group(c) + 1];
        for (std::size_t g = 0; g < groups; ++g) group_start[g + 1] += group_start[g];
        std::vector<std::uint32_t> next(group_start.begin(), group_start.end() - 1);
        order.resize(group_start.back());
        for (std::uint32_t c : by_stratum)
            if (group(c) != no_code) order[next[group(c)]++] = c;
        order_stratum.resize(order.size());
        position.assign(cells, no_code);
        for (std::size_t g = 0; g < order.size(); ++g) {
            order_stratum[g] = cell_stratum[order[g]];
            position[order[g]] = static_cast<std::uint32_t>(g);
        }
    }

    [[nodiscard]] code32 groups() const noexcept { return static_cast<code32>(group_start.size() - 1); }
};

/// The accumulator's per-domain layout, built on first use.
[[nodiscard]] inline std::shared_ptr<const LinearizationLayout> linearization_layout(const Accumulator& acc) {
    std::lock_guard lock(acc.cache().mutex);
    auto& cache = detail::result_cache(acc);
    if (!cache.layout) cache.layout = std::make_shared<const LinearizationLayout>(acc.parts());
    return cache.layout;
}

/// A linear score per cell: z_c = alpha[d] * sums[c][num] + beta[d] * sums[c][den]
/// (total: alpha 1, beta 0; mean: 1/W, -mean/W with den = the weight slot;
/// ratio: 1/X, -R/X with den = the denominator's slot).
struct LinearScore {
    std::size_t num = 0, den = 0;
    std::vector<double> alpha, beta;
    std::vector<std::uint8_t> active;  // domains to compute (others get NaN)
};

/// Why a domain's linearised variance could not be computed.
enum class LinearizationGap : std::uint8_t { none, only_lonely_strata };

/// Linearised variances of `width` scores at once over the groups of a layout: one pass over the
/// cell sums and the layout for all of them (each pass reads every cell's sums, 500,000 cells x 10
/// sums in a survey file's shape). `score(domain, sums, out)` writes the width scores of a cell
/// with those sums; z_hj adds the scores of PSU j's cells in the group; score k of group g is
/// computed where `active(k, g)`, into variance[k * groups + g] (NaN elsewhere). Each score's
/// arithmetic is that of a pass of its own. `lonely_error(k, stratum code, PSU code, group)` is
/// called for LonelyPsu::fail; when it returns (it may only note the PSU, as the index inputs'
/// pass does to report it in their order), the stratum adds nothing to score k.
template <class Active, class Score, class LonelyError>
void wide_layout_variances(const AccumulatorParts& p, const LinearizationLayout& layout, std::size_t width,
                           Active&& active, Score&& score, LonelyPsu lonely, std::vector<double>& variance,
                           std::vector<LinearizationGap>& gap, LonelyError&& lonely_error) {
    const std::size_t stride = p.stride(), cells = p.cell_psu.size(), K = width;
    const code32 groups = layout.groups();
    variance.assign(K * groups, std::numeric_limits<double>::quiet_NaN());
    gap.assign(K * groups, LinearizationGap::none);
    // Scores in layout order, from one sequential pass over the cell sums
    // (walking the cells in layout order would read them at random).
    std::vector<double> zc(layout.order.size() * K);
    for (std::size_t c = 0; c < cells; ++c) {
        const std::uint32_t at = layout.position[c];
        if (at == no_code) continue;
        score(p.cell_domain[c], p.cell_sums.data() + c * stride, zc.data() + at * K);
    }
    // R's (N_h - n_h) / N_h; 1 without finite population corrections.
    auto fpc = [&](code32 stratum, std::uint32_t n) {
        if (p.stratum_population.empty()) return 1.0;
        const double population = p.stratum_population[stratum];
        return (population - n) / population;
    };
    std::vector<double> z;  // [PSU of the stratum in the group][k]
    std::vector<double> v(K);
    std::vector<std::uint8_t> on(K);
    std::vector<std::uint32_t> strata_lonely(K);
    for (code32 g = 0; g < groups; ++g) {
        bool any = false;
        for (std::size_t k = 0; k < K; ++k) any |= (on[k] = active(k, g) ? 1 : 0) != 0;
        if (!any) continue;
        const std::uint32_t end = layout.group_start[g + 1];
        std::fill(v.begin(), v.end(), 0.0);
        std::fill(strata_lonely.begin(), strata_lonely.end(), 0);
        std::uint32_t strata_touched = 0;
        for (std::uint32_t at = layout.group_start[g]; at < end;) {
            const std::uint32_t h = layout.order_stratum[at];
            z.clear();  // the group's PSU totals in stratum h
            code32 last_psu = no_code;
            for (; at < end && layout.order_stratum[at] == h; ++at) {
                const code32 q = p.cell_psu[layout.order[at]];
                const double* add = zc.data() + static_cast<std::size_t>(at) * K;
                if (q == last_psu)
                    for (std::size_t k = 0; k < K; ++k) z[z.size() - K + k] += add[k];
                else
                    z.insert(z.end(), add, add + K);
                last_psu = q;
            }
            ++strata_touched;
            const std::uint32_t n = layout.strata.psus_in(h);
            const double f = fpc(layout.strata.stratum_code[h], n);
            if (f < census_fpc) continue;
            const std::size_t psus = z.size() / K;
            for (std::size_t k = 0; k < K; ++k) {
                if (on[k] == 0) continue;
                if (n == 1) {
                    switch (lonely) {
                        case LonelyPsu::fail: lonely_error(k, layout.strata.stratum_code[h], last_psu, g); break;
                        case LonelyPsu::remove:
                        case LonelyPsu::certainty: break;
                        case LonelyPsu::adjust: v[k] += f * z[k] * z[k]; break;  // R 4.1: not centred, scale f
                        case LonelyPsu::average: ++strata_lonely[k]; break;
                    }
                    continue;
                }
                double total = 0;
                for (std::size_t j = 0; j < psus; ++j) total += z[j * K + k];
                const double mean = total / n;
                double ss = static_cast<double>(n - psus) * mean * mean;  // the stratum's PSUs without the group
                for (std::size_t j = 0; j < psus; ++j) ss += (z[j * K + k] - mean) * (z[j * K + k] - mean);
                v[k] += f * static_cast<double>(n) / static_cast<double>(n - 1) * ss;
            }
        }
        for (std::size_t k = 0; k < K; ++k) {
            if (on[k] == 0) continue;
            const std::size_t at = k * groups + g;
            if (strata_lonely[k] > 0) {
                if (strata_lonely[k] == strata_touched) {
                    gap[at] = LinearizationGap::only_lonely_strata;
                    continue;
                }
                v[k] *= static_cast<double>(strata_touched) / static_cast<double>(strata_touched - strata_lonely[k]);
            }
            variance[at] = v[k];
        }
    }
}

/// Linearised variances of the groups of a layout for which `active(g)`:
/// `score(domain, sums)` is the score of a cell with those sums, z_hj adds
/// the scores of PSU j's cells in the group. `lonely_error(stratum code, PSU
/// code, group)` is called (and must throw) for LonelyPsu::fail.
template <class Active, class Score, class LonelyError>
void layout_variances(const AccumulatorParts& p, const LinearizationLayout& layout, Active&& active, Score&& score,
                      LonelyPsu lonely, std::vector<double>& variance, std::vector<LinearizationGap>& gap,
                      LonelyError&& lonely_error) {
    wide_layout_variances(
        p, layout, 1, [&](std::size_t, code32 g) { return active(g); },
        [&](code32 d, const double* sums, double* out) { *out = score(d, sums); }, lonely, variance, gap,
        [&](std::size_t, code32 stratum, code32 psu, code32 g) { lonely_error(stratum, psu, g); });
}

/// Linearised variances of every active domain (one group per domain).
/// `lonely_error(stratum code, PSU code, domain)` must throw.
template <class LonelyError>
void linearized_variances(const AccumulatorParts& p, const LinearizationLayout& layout, const LinearScore& score,
                          LonelyPsu lonely, std::vector<double>& variance, std::vector<LinearizationGap>& gap,
                          LonelyError&& lonely_error) {
    layout_variances(
        p, layout, [&](code32 d) { return score.active[d] != 0; },
        [&](code32 d, const double* s) { return score.alpha[d] * s[score.num] + score.beta[d] * s[score.den]; }, lonely,
        variance, gap, lonely_error);
}

/// linearized_variances() of several scores (each with its own num, den, alpha, beta and active
/// domains) in one pass over the cells: variance and gap [k * domains + d]. `lonely_error(k,
/// stratum code, PSU code, domain)` must throw.
template <class LonelyError>
void linearized_variances(const AccumulatorParts& p, const LinearizationLayout& layout,
                          std::span<const LinearScore> scores, LonelyPsu lonely, std::vector<double>& variance,
                          std::vector<LinearizationGap>& gap, LonelyError&& lonely_error) {
    wide_layout_variances(
        p, layout, scores.size(), [&](std::size_t k, code32 d) { return scores[k].active[d] != 0; },
        [&](code32 d, const double* s, double* out) {
            for (std::size_t k = 0; k < scores.size(); ++k) {
                const LinearScore& c = scores[k];
                out[k] = c.alpha[d] * s[c.num] + c.beta[d] * s[c.den];
            }
        },
        lonely, variance, gap, lonely_error);
}

/// Linearised variances of estimates whose score spans several domains: the
/// score of a (PSU, domain) cell c is z_c = sum_j coef[d_c * (K + 1) + j] *
/// cell_sums[c][j], and estimate g sums the scores of the domains d with
/// group_of_domain[d] == g (no_code: none). Every group with cells is computed.
/// `lonely_error(stratum code, PSU code, group)` must throw.
template <class LonelyError>
void grouped_linearized_variances(const AccumulatorParts& p, std::span<const code32> group_of_domain, code32 groups,
                                  std::span<const double> coef, LonelyPsu lonely, std::vector<double>& variance,
                                  std::vector<LinearizationGap>& gap, LonelyError&& lonely_error) {
    const std::size_t stride = p.stride();
    if (group_of_domain.size() != p.domains || coef.size() != static_cast<std::size_t>(p.domains) * stride)
        throw value_error("grouped linearisation: group or coefficient arrays do not match the domains");
    const LinearizationLayout layout(p, group_of_domain, groups);
    layout_variances(
        p, layout, [](code32) { return true; },
        [&](code32 d, const double* s) {
            const double* a = coef.data() + static_cast<std::size_t>(d) * stride;
            double score = 0;
            for (std::size_t j = 0; j < stride; ++j) score += a[j] * s[j];
            return score;
        },
        lonely, variance, gap, lonely_error);
}

// ----------------------------------------------------------------- bootstrap sums

/// The Rao-Wu replicate sums [domain][replicate][K + 1] from the (PSU, domain)
/// sums; `after_replicate(r)` is called when r replicates are done (progress),
/// on the calling thread. Replicates are computed in blocks of 8, each block
/// reading the cell sums once (one read per replicate made the sums' memory
/// traffic the cost when cells are many); every (domain, replicate, slot) still
/// adds the cells in cell order, so the sums depend neither on the blocking nor
/// on the `threads` (0: every core) the blocks run on.
template <class AfterReplicate>
[[nodiscard]] std::shared_ptr<std::vector<double>> rao_wu_sums(const AccumulatorParts& p, std::uint32_t replicates,
                                                               std::uint64_t seed, LonelyPsu lonely,
                                                               AfterReplicate&& after_replicate, unsigned threads = 0,
                                                               const DesignNames& names = {}) {
    const std::size_t nd = p.domains, stride = p.stride(), cells = p.cell_psu.size(), psus = p.psu_stratum.size();
    if (!p.stratum_population.empty())
        throw value_error(
            "the internal bootstrap takes no finite population corrections (nor does R's subbootstrap); "
            "use linearisation, or a design without fpc");
    const RaoWuBootstrap boot(p.psu_stratum, seed, lonely, names);
    auto out = std::make_shared<std::vector<double>>(nd * replicates * stride, 0.0);
    constexpr std::uint32_t block = 8;
    const std::uint32_t blocks = (replicates + block - 1) / block;
    run_blocks(
        blocks, resolve_threads(threads),
        [&](std::size_t b) {
            const std::uint32_t r0 = static_cast<std::uint32_t>(b) * block, nb = std::min(block, replicates - r0);
            std::vector<double> one_replicate(psus), factor(psus * block);  // factor: [PSU][replicate in block]
            std::vector<double> sums(nd * block * stride, 0.0);             // [domain][replicate in block][slot]
            for (std::uint32_t k = 0; k < nb; ++k) {
                boot.factors(r0 + k, one_replicate);
                for (std::size_t q = 0; q < psus; ++q) factor[q * block + k] = one_replicate[q];
            }
            for (std::size_t c = 0; c < cells; ++c) {
                const double* f = factor.data() + static_cast<std::size_t>(p.cell_psu[c]) * block;
                const double* s = p.cell_sums.data() + c * stride;
                double* o = sums.data() + static_cast<std::size_t>(p.cell_domain[c]) * block * stride;
                for (std::uint32_t k = 0; k < nb; ++k, o += stride) {
                    if (f[k] == 0.0) continue;
                    for (std::size_t j = 0; j < stride; ++j) o[j] += f[k] * s[j];
                }
            }
            for (std::size_t d = 0; d < nd; ++d)
                for (std::uint32_t k = 0; k < nb; ++k)
                    std::copy_n(sums.begin() + static_cast<std::ptrdiff_t>((d * block + k) * stride), stride,
                                out->begin() + static_cast<std::ptrdiff_t>((d * replicates + r0 + k) * stride));
        },
        [&, reported = std::uint32_t{0}](std::size_t done) mutable {  // once per new count of replicates
            const std::uint32_t now = std::min<std::uint32_t>(replicates, static_cast<std::uint32_t>(done) * block);
            if (now > reported) after_replicate(reported = now);
        });
    return out;
}

/// Per-domain sums of every slot under each Rao-Wu replicate,
/// [domain][replicate][K + 1], from the (PSU, domain) sums: replicates x
/// cells work, no pass over rows. Cached in the accumulator for the last
/// (seed, replicates, lonely option) asked for. `after_replicate(r)` is called
/// when r replicates are done (once with all of them when cached); the sums
/// are computed outside the cache's lock, so it may take its time, on
/// `threads` threads (0: every core; the same bits for any number).
template <class AfterReplicate>
[[nodiscard]] std::shared_ptr<const std::vector<double>> bootstrap_sums(
    const Accumulator& acc, std::uint32_t replicates, std::uint64_t seed, LonelyPsu lonely,
    AfterReplicate&& after_replicate, unsigned threads = 0, const DesignNames& names = {}) {
    auto& mutex = acc.cache().mutex;
    {
        std::lock_guard lock(mutex);
        const auto& cache = detail::result_cache(acc);
        if (cache.bootstrap_sums && cache.bootstrap_seed == seed && cache.bootstrap_replicates == replicates &&
            cache.bootstrap_lonely == lonely) {
            after_replicate(replicates);
            return cache.bootstrap_sums;
        }
    }
    std::shared_ptr<const std::vector<double>> out =
        rao_wu_sums(acc.parts(), replicates, seed, lonely, after_replicate, threads, names);
    std::lock_guard lock(mutex);
    auto& cache = detail::result_cache(acc);
    cache.bootstrap_seed = seed, cache.bootstrap_replicates = replicates, cache.bootstrap_lonely = lonely;
    cache.bootstrap_sums = out;
    return out;
}

[[nodiscard]] inline std::shared_ptr<const std::vector<double>> bootstrap_sums(const Accumulator& acc,
                                                                               std::uint32_t replicates,
                                                                               std::uint64_t seed, LonelyPsu lonely) {
    return bootstrap_sums(acc, replicates, seed, lonely, [](std::uint32_t) {});
}

}  // namespace gendex::micro
