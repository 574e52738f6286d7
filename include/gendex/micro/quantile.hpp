// Domain quantiles of a survey variable, as R's svyquantile (survey 4.1)
// with its defaults: the quantile rule qrule = "math" and the Woodruff
// confidence interval (interval.type = "mean") at the design's degrees of
// freedom. docs/micro.md has the definitions and the R calls.
//
//   quantile      q(p) = x_(pos) if C_pos / W == p exactly, else x_(pos+1), with x sorted (ties in row
//                 order), C_i the running sum of their weights and pos the last i with C_i <= p W
//                 (the first when there is none); R's qs() and qrule_math().
//   Woodruff CI   p^ = the domain mean of 1[x <= q(p)] and its SE (linearised, replicate or bootstrap:
//                 the design's mean estimator); (L, U) = (q(p^ - t se), q(p^ + t se)) with t the
//                 Student quantile at the domain's degrees of freedom; a bound whose probability
//                 falls outside [0, 1] has no value (R: NaN). SE = (U - L) / (2 t), as R reports it.
#pragma once

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/micro/accumulate.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/estimate.hpp"

namespace gendex::micro {

struct QuantileOptions {
    std::vector<double> probabilities{0.5};  ///< each in [0, 1]
    double level = 0.95;                     ///< of the Woodruff interval
    /// Degrees of freedom of the interval's t quantile. Empty: the domain's,
    /// as R's degf() of the domain's design (PSUs - strata with rows of the
    /// domain; replicate designs: rank of the domain's replicate weights - 1);
    /// infinity: the normal quantile.
    std::optional<double> df;
};

/// What a quantile's Woodruff interval lacks (R gives NaN for the missing parts).
enum class QuantileInterval : std::uint8_t {
    ok,                     ///< both bounds
    lower_outside,          ///< p^ - t se < 0: no lower bound
    upper_outside,          ///< p^ + t se > 1: no upper bound
    both_outside,           ///< neither bound
    no_degrees_of_freedom,  ///< df <= 0 (the domain is in one PSU per stratum): no interval
    no_variance,            ///< no SE of p^ (see the domain's status): no interval
    not_computed,           ///< Variance::none, or the domain has no estimate
};

[[nodiscard]] constexpr std::string_view to_string(QuantileInterval s) noexcept {
    switch (s) {
        case QuantileInterval::ok: return "ok";
        case QuantileInterval::lower_outside: return "lower_outside";
        case QuantileInterval::upper_outside: return "upper_outside";
        case QuantileInterval::both_outside: return "both_outside";
        case QuantileInterval::no_degrees_of_freedom: return "no_degrees_of_freedom";
        case QuantileInterval::no_variance: return "no_variance";
        case QuantileInterval::not_computed: return "not_computed";
    }
    return "ok";
}

/// Quantiles per domain and probability: entry d * probabilities.size() + k.
struct Quantiles {
    std::string variable;
    std::vector<double> probabilities;
    Variance variance = Variance::none;
    double level = 0.95;
    std::vector<double> estimate;
    std::vector<double> lower, upper, se;  ///< Woodruff bounds and R's SE; empty for Variance::none
    std::vector<double> cdf, cdf_se;       ///< p^ and its SE
    std::vector<double> df;                ///< degrees of freedom of the t quantile
    std::vector<QuantileInterval> interval;
    std::vector<std::uint32_t> replicates_dropped;  ///< of p^'s variance (replicate methods)
    // Per domain.
    std::vector<std::uint64_t> rows;
    std::vector<double> weight_sum;
    std::vector<EstimateStatus> status;

    [[nodiscard]] std::size_t at(code32 domain, std::size_t k) const noexcept {
        return static_cast<std::size_t>(domain) * probabilities.size() + k;
    }
};

namespace detail {

/// One row of a domain, sorted by value (ties in row order).
struct WeightedValue {
    double value;
    double weight;
    std::uint32_t row;
};

/// An unsigned key in the order of the doubles (finite; -0 as +0, so they tie as R's order() ties them).
[[nodiscard]] inline std::uint64_t order_key(double v) noexcept {
    const auto bits = std::bit_cast<std::uint64_t>(v == 0.0 ? 0.0 : v);
    return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

/// Stable LSD radix sort of `items` by value (8 passes of one byte, passes in which every key has the same
/// byte skipped): rows gathered in row order stay in row order among equal values, as R's order().
/// Cheaper than a comparison sort on random data (no mispredicted branches); `keys` and `scratch` are reused.
inline void sort_by_value(std::span<WeightedValue> items, std::vector<std::uint64_t>& keys,
                          std::vector<std::uint64_t>& key_scratch, std::vector<WeightedValue>& scratch) {
    const std::size_t n = items.size();
    if (n < 64) {  // insertion-sized: a comparison sort is cheaper than eight histograms
        std::stable_sort(items.begin(), items.end(), [](const WeightedValue& a, const WeightedValue& b) {
            return order_key(a.value) < order_key(b.value);
        });
        return;
    }
    keys.resize(n), key_scratch.resize(n), scratch.resize(n);
    std::uint64_t all_or = 0, all_and = ~std::uint64_t{0};
    for (std::size_t i = 0; i < n; ++i) {
        keys[i] = order_key(items[i].value);
        all_or |= keys[i], all_and &= keys[i];
    }
    WeightedValue* from = items.data();
    WeightedValue* to = scratch.data();
    std::uint64_t* key_from = keys.data();
    std::uint64_t* key_to = key_scratch.data();
    for (unsigned shift = 0; shift < 64; shift += 8) {
        if (((all_or ^ all_and) >> shift & 0xFF) == 0) continue;  // every key has this byte
        std::size_t count[257] = {};
        for (std::size_t i = 0; i < n; ++i) ++count[(key_from[i] >> shift & 0xFF) + 1];
        for (std::size_t b = 0; b < 256; ++b) count[b + 1] += count[b];
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t at = count[key_from[i] >> shift & 0xFF]++;
            to[at] = from[i];
            key_to[at] = key_from[i];
        }
        std::swap(from, to);
        std::swap(key_from, key_to);
    }
    if (from != items.data()) std::copy(from, from + n, items.data());
}

/// The rows of every domain (inside the row filter) sorted by value, with
/// the running sums of their weights and their total as R forms them:
/// cumsum() and sum() accumulate in long double (80-bit on x86-64 Linux)
/// and round each result to double; the total adds the rows in row order.
class SortedDomains {
public:
    SortedDomains(std::span<const double> weights, const Domains& domains, const Variable& y,
                  std::span<const std::uint8_t> where)
        : start_(static_cast<std::size_t>(domains.count()) + 1, 0), total_(domains.count(), 0.0) {
        const std::size_t n = weights.size();
        if (y.values.size() != n)
            throw value_error("column '" + y.name + "' has " + std::to_string(y.values.size()) + " rows, the design " +
                              std::to_string(n));
        if (!where.empty() && where.size() != n)
            throw value_error("the row filter has " + std::to_string(where.size()) + " rows, the design " +
                              std::to_string(n));
        const auto codes = domains.codes();
        for (std::size_t i = 0; i < n; ++i) {
            if (!where.empty() && where[i] == 0) continue;
            if (!std::isfinite(y.values[i]))
                throw value_error(row_column(i, y.name), "value " + number(y.values[i]) +
                                                             " is not a finite number (rows inside the filter "
                                                             "need one; R gives NA)");
            ++start_[codes[i] + 1];
        }
        for (std::size_t d = 0; d + 1 < start_.size(); ++d) start_[d + 1] += start_[d];
        items_.resize(start_.back());
        std::vector<std::size_t> next(start_.begin(), start_.end() - 1);
        std::vector<long double> total(domains.count(), 0.0L);
        for (std::size_t i = 0; i < n; ++i) {
            if (!where.empty() && where[i] == 0) continue;
            items_[next[codes[i]]++] = {y.values[i], weights[i], static_cast<std::uint32_t>(i)};
            total[codes[i]] += weights[i];
        }
        row_order_.resize(items_.size());
        for (std::size_t j = 0; j < items_.size(); ++j) row_order_[j] = items_[j].row;
        cumulative_.resize(items_.size());
        std::vector<std::uint64_t> keys, key_scratch;
        std::vector<WeightedValue> scratch;
        for (std::size_t d = 0; d < total.size(); ++d) {
            total_[d] = static_cast<double>(total[d]);
            const auto first = items_.begin() + static_cast<std::ptrdiff_t>(start_[d]);
            const auto last = items_.begin() + static_cast<std::ptrdiff_t>(start_[d + 1]);
            sort_by_value(std::span<WeightedValue>(first, last), keys, key_scratch, scratch);
            long double running = 0.0L;
            for (std::size_t j = start_[d]; j < start_[d + 1]; ++j) {
                running += items_[j].weight;
                cumulative_[j] = static_cast<double>(running);
            }
        }
    }

    [[nodiscard]] code32 domains() const noexcept { return static_cast<code32>(total_.size()); }
    [[nodiscard]] std::size_t rows(code32 d) const noexcept { return start_[d + 1] - start_[d]; }
    [[nodiscard]] std::span<const WeightedValue> items(code32 d) const noexcept {
        return {items_.data() + start_[d], rows(d)};
    }
    /// Domain d's rows in row order.
    [[nodiscard]] std::span<const std::uint32_t> rows_in_order(code32 d) const noexcept {
        return {row_order_.data() + start_[d], rows(d)};
    }
    [[nodiscard]] std::span<const double> cumulative(code32 d) const noexcept {
        return {cumulative_.data() + start_[d], rows(d)};
    }
    [[nodiscard]] double total(code32 d) const noexcept { return total_[d]; }

    /// R's qrule_math on domain d's rows (at least one).
    [[nodiscard]] double quantile(code32 d, double p) const noexcept {
        const auto c = cumulative(d);
        const auto x = items(d);
        return math_rule(c, total_[d], p, [&](std::size_t j) { return x[j].value; });
    }

    /// R's qs() + qrule_math(): `cumulative` non-decreasing running weight sums of values sorted
    /// ascending, `total` their sum; value(j) the j-th value.
    template <class Value>
    [[nodiscard]] static double math_rule(std::span<const double> cumulative, double total, double p,
                                          Value&& value) noexcept {
        const double target = p * total;
        const auto above = std::upper_bound(cumulative.begin(), cumulative.end(), target);
        // R's last(): the last position with C <= p W, or the first when there is none.
        const std::size_t pos =
            above == cumulative.begin() ? 0 : static_cast<std::size_t>(above - cumulative.begin()) - 1;
        const std::size_t next = pos + 1 == cumulative.size() ? pos : pos + 1;
        return p - cumulative[pos] / total == 0.0 ? value(pos) : value(next);
    }

private:
    std::vector<std::size_t> start_;
    std::vector<WeightedValue> items_;
    std::vector<std::uint32_t> row_order_;
    std::vector<double> cumulative_;
    std::vector<double> total_;
};

/// The quantile of domain d under other row weights (a replicate): rows with
/// weight 0 are left out, as R's qrule_math does; NaN when none is left.
template <class RowWeight>
[[nodiscard]] double reweighted_quantile(const SortedDomains& sorted, code32 d, double p, RowWeight&& weight,
                                         std::vector<double>& cumulative, std::vector<double>& values) {
    cumulative.clear(), values.clear();
    long double total = 0.0L, running = 0.0L;
    const auto items = sorted.items(d);
    for (std::uint32_t r : sorted.rows_in_order(d)) total += weight(r);  // R's sum(): row order
    for (const auto& it : items) {
        const double w = weight(it.row);
        if (w == 0.0) continue;
        running += w;
        cumulative.push_back(static_cast<double>(running));
        values.push_back(it.value);
    }
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    return SortedDomains::math_rule(cumulative, static_cast<double>(total), p,
                                    [&](std::size_t j) { return values[j]; });
}

/// Rank of an n x p column-major matrix as R's qr(x, tol)$rank (LINPACK
/// dqrdc2: Householder reduction, a column whose remaining norm falls below
/// tol x its original norm moves to the end and does not count).
[[nodiscard]] inline std::size_t qr_rank(std::vector<double> x, std::size_t n, std::size_t p, double tol = 1e-5) {
    auto col = [&](std::size_t j) { return x.data() + j * n; };
    auto norm = [](const double* v, std::size_t m) {
        double s = 0;
        for (std::size_t i = 0; i < m; ++i) s += v[i] * v[i];
        return std::sqrt(s);
    };
    std::vector<double> qraux(p), original(p), work(p);
    for (std::size_t j = 0; j < p; ++j) {
        qraux[j] = norm(col(j), n);
        work[j] = qraux[j];
        original[j] = qraux[j] == 0.0 ? 1.0 : qraux[j];
    }
    std::size_t k = p + 1;  // 1-based, as the Fortran
    const std::size_t lup = std::min(n, p);
    for (std::size_t l = 1; l <= lup; ++l) {
        while (l < k && qraux[l - 1] < original[l - 1] * tol) {  // negligible: rotate column l to the end
            std::vector<double> keep(col(l - 1), col(l - 1) + n);
            const double q = qraux[l - 1], w = work[l - 1], o = original[l - 1];
            for (std::size_t j = l; j < p; ++j) {
                std::copy(col(j), col(j) + n, col(j - 1));
                qraux[j - 1] = qraux[j], work[j - 1] = work[j], original[j - 1] = original[j];
            }
            std::copy(keep.begin(), keep.end(), col(p - 1));
            qraux[p - 1] = q, work[p - 1] = w, original[p - 1] = o;
            --k;
        }
        if (l == n) break;
        double* xl = col(l - 1) + (l - 1);
        const std::size_t m = n - l + 1;
        double nrmxl = norm(xl, m);
        if (nrmxl == 0.0) continue;
        if (xl[0] != 0.0) nrmxl = std::copysign(nrmxl, xl[0]);
        for (std::size_t i = 0; i < m; ++i) xl[i] /= nrmxl;
        xl[0] += 1.0;
        for (std::size_t j = l; j < p; ++j) {
            double* xj = col(j) + (l - 1);
            double dot = 0;
            for (std::size_t i = 0; i < m; ++i) dot += xl[i] * xj[i];
            const double t = -dot / xl[0];
            for (std::size_t i = 0; i < m; ++i) xj[i] += t * xl[i];
            if (qraux[j] == 0.0) continue;
            const double ratio = std::abs(xj[0]) / qraux[j];
            const double tt = std::max(1.0 - ratio * ratio, 0.0);
            if (std::abs(tt) < 1e-6) {
                qraux[j] = norm(xj + 1, m - 1);
                work[j] = qraux[j];
            } else {
                qraux[j] *= std::sqrt(tt);
            }
        }
        qraux[l - 1] = xl[0];
        xl[0] = -nrmxl;
    }
    return std::min(k - 1, n);
}

/// R's degf() of each domain's design: PSUs with rows of the domain minus
/// their strata (svydesign), or the rank of the domain's analysis replicate
/// weights minus 1 (svrepdesign; R's "[.svyrep.design" recomputes it).
[[nodiscard]] inline std::vector<double> design_degrees_of_freedom(const Design& design, const Accumulator& acc,
                                                                   const SortedDomains& sorted, Variance variance) {
    const AccumulatorParts& p = acc.parts();
    std::vector<double> out(p.domains, 0.0);
    if (variance == Variance::replicates) {
        const ReplicateWeights& rw = design.replicate_weights();
        const bool combined = design.replicate_spec().combined_weights;
        const std::size_t reps = rw.count();
        std::vector<double> x;
        for (code32 d = 0; d < p.domains; ++d) {
            const std::size_t n = sorted.rows(d);
            if (n == 0) continue;
            const auto rows = sorted.rows_in_order(d);
            x.assign(n * reps, 0.0);
            for (std::size_t r = 0; r < reps; ++r)
                for (std::size_t i = 0; i < n; ++i)
                    x[r * n + i] = rw(rows[i], r) * (combined ? 1.0 : design.weights()[rows[i]]);
            out[d] = static_cast<double>(qr_rank(std::move(x), n, reps)) - 1.0;
        }
        return out;
    }
    std::vector<code32> last_stratum(p.domains, no_code);
    std::vector<std::vector<code32>> strata(p.domains);
    for (std::size_t c = 0; c < p.cell_psu.size(); ++c) {
        if (p.cell_rows[c] == 0) continue;
        const code32 d = p.cell_domain[c];
        out[d] += 1.0;
        strata[d].push_back(p.psu_stratum[p.cell_psu[c]]);
    }
    for (code32 d = 0; d < p.domains; ++d) {
        auto& s = strata[d];
        std::sort(s.begin(), s.end());
        out[d] -= static_cast<double>(std::unique(s.begin(), s.end()) - s.begin());
    }
    return out;
}

/// Quantile of Student's t (normal for infinite df); NaN for df <= 0 (R's qt).
[[nodiscard]] inline double t_quantile(double probability, double df) {
    if (std::isinf(df)) return boost::math::quantile(boost::math::normal_distribution<double>(), probability);
    if (!(df > 0)) return std::numeric_limits<double>::quiet_NaN();
    return boost::math::quantile(boost::math::students_t_distribution<double>(df), probability);
}

/// Everything a quantile estimate computes, kept for estimators built on it (the pay gap).
struct QuantilePass {
    SortedDomains sorted;
    Accumulator indicators;  ///< variables "cdf_0", "cdf_1", ...: 1[x <= q(p_k)] per row (Variance::none: empty)
    Quantiles result;
};

inline std::string indicator_name(std::size_t k) { return "cdf_" + std::to_string(k); }

inline QuantilePass quantile_pass(const Design& design, const Domains& domains, const Variable& y,
                                  const QuantileOptions& q, const EstimateOptions& opt) {
    for (double p : q.probabilities)
        if (!(p >= 0.0 && p <= 1.0)) throw value_error("quantile probability " + number(p) + " is not between 0 and 1");
    if (q.probabilities.empty()) throw value_error("no quantile probabilities given");
    if (!(q.level > 0.0 && q.level < 1.0))
        throw value_error("confidence level must be between 0 and 1, got " + number(q.level));
    if (q.df && !(*q.df > 0)) throw value_error("degrees of freedom must be > 0, got " + number(*q.df));
    if (domains.codes().size() != design.rows())
        throw value_error("domain codes have " + std::to_string(domains.codes().size()) + " rows, the design " +
                          std::to_string(design.rows()));

    QuantilePass pass{SortedDomains(design.weights(), domains, y, opt.where), Accumulator{}, Quantiles{}};
    const SortedDomains& sorted = pass.sorted;
    Quantiles& out = pass.result;
    const code32 nd = domains.count();
    const std::size_t nq = q.probabilities.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.variable = y.name;
    out.probabilities = q.probabilities;
    out.variance = opt.variance;
    out.level = q.level;
    out.estimate.assign(nd * nq, nan);
    out.rows.resize(nd);
    out.weight_sum.resize(nd);
    out.status.assign(nd, EstimateStatus::ok);
    out.interval.assign(nd * nq, QuantileInterval::not_computed);
    for (code32 d = 0; d < nd; ++d) {
        out.rows[d] = sorted.rows(d);
        out.weight_sum[d] = sorted.total(d);
        if (sorted.rows(d) == 0) {
            if (opt.empty_domain == EmptyDomain::error)
                throw value_error(domain_label(opt, d) +
                                  ": no rows in the domain (after the row filter) (estimate with empty_domain = "
                                  "no_estimate to get an explicit 'no estimate')");
            out.status[d] = EstimateStatus::no_rows;
            continue;
        }
        for (std::size_t k = 0; k < nq; ++k) out.estimate[out.at(d, k)] = sorted.quantile(d, q.probabilities[k]);
    }
    if (opt.variance == Variance::none) return pass;

    // p^ = the domain mean of 1[x <= q^], with the design's SE.
    const std::size_t n = design.rows();
    std::vector<std::vector<double>> columns(nq, std::vector<double>(n, 0.0));
    const auto codes = domains.codes();
    for (std::size_t i = 0; i < n; ++i) {  // in row order: sequential writes
        if (!opt.where.empty() && opt.where[i] == 0) continue;
        const double* q_hat = out.estimate.data() + static_cast<std::size_t>(codes[i]) * nq;
        for (std::size_t k = 0; k < nq; ++k) columns[k][i] = y.values[i] <= q_hat[k] ? 1.0 : 0.0;
    }
    std::vector<Variable> vars;
    for (std::size_t k = 0; k < nq; ++k) vars.push_back({indicator_name(k), columns[k]});
    pass.indicators = accumulate_for(design, domains, vars, opt);
    const std::vector<double> dof = q.df ? std::vector<double>(nd, *q.df)
                                         : design_degrees_of_freedom(design, pass.indicators, sorted, opt.variance);

    out.lower.assign(nd * nq, nan), out.upper.assign(nd * nq, nan), out.se.assign(nd * nq, nan);
    out.cdf.assign(nd * nq, nan), out.cdf_se.assign(nd * nq, nan), out.df.assign(nd * nq, nan);
    out.replicates_dropped.assign(nd * nq, 0);
    const double alpha = 1.0 - q.level;
    for (std::size_t k = 0; k < nq; ++k) {
        EstimateOptions m = opt;
        m.empty_domain = EmptyDomain::no_estimate;  // empty domains were dealt with above
        const Estimates cdf = mean(pass.indicators, indicator_name(k), m);
        for (code32 d = 0; d < nd; ++d) {
            if (out.status[d] == EstimateStatus::no_rows) continue;
            const std::size_t i = out.at(d, k);
            out.cdf[i] = cdf.estimate[d];
            out.cdf_se[i] = cdf.se[d];
            out.df[i] = dof[d];
            if (!cdf.replicates_dropped.empty()) out.replicates_dropped[i] = cdf.replicates_dropped[d];
            if (cdf.status[d] == EstimateStatus::no_variance) {
                if (opt.empty_domain == EmptyDomain::error)
                    throw value_error(domain_label(opt, d) +
                                      ": the quantile's interval needs the SE of the share below it, which has none "
                                      "(estimate with empty_domain = no_estimate to get an explicit 'no estimate')");
                out.status[d] = EstimateStatus::no_variance;
                out.interval[i] = QuantileInterval::no_variance;
                continue;
            }
            if (!(dof[d] > 0)) {
                out.interval[i] = QuantileInterval::no_degrees_of_freedom;
                continue;
            }
            // R's confint(svymean(...), df): p^ + se * qt(c(a, 1 - a), df), a = (1 - level) / 2.
            const double a = (1.0 - q.level) / 2.0;
            const double lo = cdf.estimate[d] + cdf.se[d] * t_quantile(a, dof[d]);
            const double hi = cdf.estimate[d] + cdf.se[d] * t_quantile(1.0 - a, dof[d]);
            const bool has_lower = lo >= 0.0, has_upper = hi <= 1.0;
            if (has_lower) out.lower[i] = sorted.quantile(d, lo);
            if (has_upper) out.upper[i] = sorted.quantile(d, hi);
            out.interval[i] = has_lower && has_upper ? QuantileInterval::ok
                              : has_upper            ? QuantileInterval::lower_outside
                              : has_lower            ? QuantileInterval::upper_outside
                                                     : QuantileInterval::both_outside;
            out.se[i] = (out.upper[i] - out.lower[i]) / (2.0 * t_quantile(1.0 - alpha / 2.0, dof[d]));
        }
    }
    return pass;
}

}  // namespace detail

/// Quantiles of `y` per domain at `q.probabilities`, with Woodruff intervals
/// and R's SE when `opt.variance` is not none (R: svyby(~y, ~d, design,
/// svyquantile, quantiles = p, ci = TRUE), survey 4.1 defaults).
[[nodiscard]] inline Quantiles quantile(const Design& design, const Domains& domains, const Variable& y,
                                        const QuantileOptions& q = {}, const EstimateOptions& opt = {}) {
    return detail::quantile_pass(design, domains, y, q, opt).result;
}

}  // namespace gendex::micro
