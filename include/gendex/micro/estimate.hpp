// Domain estimators from an Accumulator: total, mean, proportion and ratio,
// each with a standard error by Taylor linearisation, supplied replicate
// weights, or the internal Rao-Wu bootstrap. Definitions follow R's survey
// package (svytotal, svymean, svyratio under svyby); docs/micro.md has the
// formulas and the R calls that give the same numbers.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/micro/accumulate.hpp"
#include "gendex/micro/accumulator.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/design_effect.hpp"
#include "gendex/micro/score_variance.hpp"
#include "gendex/micro/run_control.hpp"
#include "gendex/micro/variance.hpp"

namespace gendex::micro {

enum class Variance : std::uint8_t {
    none,           ///< point estimates only (se left empty)
    linearization,  ///< Taylor linearisation, stratified with-replacement PSUs (svydesign)
    replicates,     ///< the design's supplied replicate weights (svrepdesign)
    bootstrap,      ///< internal Rao-Wu rescaled bootstrap (as.svrepdesign(type = "subbootstrap"))
};

[[nodiscard]] constexpr std::string_view to_string(Variance v) noexcept {
    switch (v) {
        case Variance::none: return "none";
        case Variance::linearization: return "linearization";
        case Variance::replicates: return "replicates";
        case Variance::bootstrap: return "bootstrap";
    }
    return "none";
}

[[nodiscard]] inline Variance parse_variance(std::string_view text) {
    for (auto v : {Variance::none, Variance::linearization, Variance::replicates, Variance::bootstrap})
        if (text == to_string(v)) return v;
    if (text == "linearisation" || text == "taylor") return Variance::linearization;
    throw value_error("unknown variance method '" + std::string(text) +
                      "' (use none, linearization, replicates or bootstrap)");
}

/// What to do where a domain has no estimate (no rows, zero denominator) or
/// no standard error (every replicate undefined, only lonely strata under
/// LonelyPsu::average).
enum class EmptyDomain : std::uint8_t {
    error,        ///< value_error naming the domain (default)
    no_estimate,  ///< mark it in Estimates::status; its numbers are NaN
};

enum class EstimateStatus : std::uint8_t {
    ok,                ///< estimate and se
    no_rows,           ///< no rows of the domain pass the row filter
    zero_denominator,  ///< ratio with a zero denominator total
    no_variance,       ///< an estimate but no standard error (se NaN)
};

[[nodiscard]] constexpr std::string_view to_string(EstimateStatus s) noexcept {
    switch (s) {
        case EstimateStatus::ok: return "ok";
        case EstimateStatus::no_rows: return "no_rows";
        case EstimateStatus::zero_denominator: return "zero_denominator";
        case EstimateStatus::no_variance: return "no_variance";
    }
    return "ok";
}

struct BootstrapOptions {
    std::uint32_t replicates = 100;
    std::uint64_t seed = 1;
    bool mse = false;  ///< centre on the full-sample estimate instead of the replicates' mean
};

struct EstimateOptions {
    Variance variance = Variance::linearization;
    std::optional<LonelyPsu> lonely_psu;  ///< overrides the design's option
    EmptyDomain empty_domain = EmptyDomain::error;
    BootstrapOptions bootstrap;
    /// Names a domain code in messages (default "domain N").
    std::function<std::string(code32)> domain_name;
    /// Names the design's stratum and PSU codes in messages (default: the codes).
    DesignNames design_names;
    /// Row filter for the estimators that read rows (see AccumulateOptions::where).
    std::span<const std::uint8_t> where;
    /// Reused cell index for the estimators that read rows.
    const CellIndex* cells = nullptr;
    /// Design effects (Estimates::deff), computed by the estimators that read
    /// rows (a second, light pass); from an accumulator alone there are none.
    DesignEffect design_effect = DesignEffect::none;
    /// Threads of the passes over rows (the point pass without cells, the linearisation scores of
    /// score_variance.hpp); 0: every core. Results are the same bit for bit for any number.
    unsigned threads = 0;
    /// Follows (and may stop) the long steps: the pass over rows, the bootstrap replicates.
    Progress progress;
};

// ----------------------------------------------------------------- replicate sums

/// Per-domain sums under every replicate, and the variance formula that goes with them.
struct ReplicateSums {
    Variance variance = Variance::none;  ///< replicates or bootstrap
    std::uint32_t count = 0;
    double scale = 0;
    std::vector<double> rscales;
    bool mse = false;
    std::uint64_t seed = 0;  ///< bootstrap only
    ReplicateSpec spec;      ///< supplied replicates only
    /// [domain][replicate][K + 1]; for supplied replicates a view of the
    /// accumulator's own sums (the accumulator must outlive this).
    std::shared_ptr<const std::vector<double>> sums;
    std::size_t stride = 0;

    [[nodiscard]] const double* at(code32 domain, std::uint32_t r) const {
        return sums->data() + (static_cast<std::size_t>(domain) * count + r) * stride;
    }
};

/// The replicate sums an estimator with options `o` uses: the accumulator's
/// supplied replicates, or the internal Rao-Wu bootstrap (cached in the
/// accumulator, variance.hpp), reporting progress to `progress` (empty: o.progress)
/// after every replicate. A bootstrap whose sums would pass replicate_memory_limit is refused.
[[nodiscard]] inline ReplicateSums replicate_sums(const Accumulator& acc, const EstimateOptions& o,
                                                  const Progress& progress = {}) {
    const Progress& report = progress ? progress : o.progress;
    const AccumulatorParts& p = acc.parts();
    ReplicateSums out;
    out.variance = o.variance;
    out.stride = p.stride();
    if (o.variance == Variance::replicates) {
        if (p.replicates == 0)
            throw value_error(
                "replicate standard errors need replicate weights: attach them to the design "
                "(Design::with_replicates) and accumulate with replicates = true");
        out.count = p.replicates;
        out.scale = p.replicate_spec.resolved_scale(out.count);
        out.rscales = p.replicate_spec.resolved_rscales(out.count);
        out.mse = p.replicate_spec.mse;
        out.spec = p.replicate_spec;
        out.sums = std::shared_ptr<const std::vector<double>>(std::shared_ptr<void>{}, &p.replicate_sums);
        if (report) report(out.count, out.count);
        return out;
    }
    if (o.variance != Variance::bootstrap)
        throw value_error("replicate sums need variance = replicates or bootstrap, got " +
                          std::string(to_string(o.variance)));
    if (!p.has_cells)
        throw value_error("the internal bootstrap needs per-PSU sums: accumulate with linearization = true");
    if (o.bootstrap.replicates < 2) throw value_error("the bootstrap needs at least 2 replicates");
    const std::uint32_t reps = o.bootstrap.replicates;
    check_replicate_memory("the bootstrap", p.domains, reps, out.stride);
    const LonelyPsu lonely = o.lonely_psu.value_or(p.lonely_psu);
    out.count = reps;
    out.scale = 1.0 / (reps - 1.0);
    out.rscales.assign(reps, 1.0);
    out.mse = o.bootstrap.mse;
    out.seed = o.bootstrap.seed;
    out.sums = bootstrap_sums(
        acc, reps, out.seed, lonely,
        [&](std::uint32_t done) {
            if (report) report(done, reps);
        },
        o.threads, o.design_names);
    return out;
}

/// One estimate per domain code, in code order.
struct Estimates {
    std::string statistic;    ///< total, mean, proportion or ratio
    std::string variable;     ///< numerator
    std::string denominator;  ///< ratio only
    Variance variance = Variance::none;
    std::vector<double> estimate;
    std::vector<double> se;           ///< empty for Variance::none
    std::vector<std::uint64_t> rows;  ///< sample rows in the domain (after the row filter)
    std::vector<double> weight_sum;   ///< estimated population of the domain (sum of weights)
    std::vector<EstimateStatus> status;
    /// Replicates whose estimate was undefined and were left out (R drops
    /// them with a warning); empty unless the variance is replicate-based.
    std::vector<std::uint32_t> replicates_dropped;
    std::uint32_t replicates_used = 0;  ///< replicates in the variance (replicate methods)
    /// se^2 over the simple-random-sampling variance (design_effect.hpp), NaN
    /// where undefined; empty unless EstimateOptions::design_effect was asked
    /// for (and a variance computed).
    std::vector<double> deff;

    [[nodiscard]] std::size_t size() const noexcept { return estimate.size(); }
};

namespace detail {

enum class Kind : std::uint8_t { total, mean, ratio };

inline std::string domain_label(const EstimateOptions& o, code32 d) {
    return o.domain_name ? o.domain_name(d) : "domain " + std::to_string(d);
}

/// Replicate estimate from replicate sums: total = num; mean and ratio = num / den.
inline double replicate_estimate(Kind kind, double num, double den, const std::string& where) {
    if (kind == Kind::total) return num;
    if (den == 0.0) {
        if (num == 0.0) return std::numeric_limits<double>::quiet_NaN();  // no weight here: R drops the replicate
        throw value_error(where +
                          ": a replicate has a zero denominator total but a non-zero numerator; "
                          "its ratio is infinite");
    }
    return num / den;
}

/// The linearisation score of an estimate of `kind` from the sums' slots `num` and `den` (a
/// ratio's denominator; slot 0, the weights, otherwise), active in the domains that have an
/// estimate: z = alpha y + beta x with total: 1, 0; mean: 1 / W, -mean / W; ratio: 1 / X, -R / X.
inline LinearScore linear_score(const AccumulatorParts& p, Kind kind, std::size_t num, std::size_t den) {
    const std::size_t nd = p.domains, stride = p.stride();
    LinearScore score;
    score.num = num, score.den = den;
    score.alpha.assign(nd, 0.0), score.beta.assign(nd, 0.0), score.active.assign(nd, 0);
    for (code32 d = 0; d < nd; ++d) {
        const double* s = p.domain_sums.data() + static_cast<std::size_t>(d) * stride;
        if (p.domain_rows[d] == 0) continue;
        switch (kind) {
            case Kind::total: score.alpha[d] = 1.0; break;
            case Kind::mean:
                score.alpha[d] = 1.0 / s[0];
                score.beta[d] = -(s[num] / s[0]) / s[0];
                break;
            case Kind::ratio:
                if (s[den] == 0.0) continue;
                score.alpha[d] = 1.0 / s[den];
                score.beta[d] = -(s[num] / s[den]) / s[den];
                break;
        }
        score.active[d] = 1;
    }
    return score;
}

inline Estimates estimate_from_sums(const Accumulator& acc, Kind kind, std::string_view statistic,
                                    std::string_view variable, std::string_view denominator,
                                    const EstimateOptions& opt) {
    const AccumulatorParts& p = acc.parts();
    const std::size_t nd = p.domains, stride = p.stride();
    const std::size_t num = acc.slot(variable);
    const std::size_t den = kind == Kind::ratio ? acc.slot(denominator) : 0;  // slot 0: sum of weights

    Estimates out;
    out.statistic = statistic;
    out.variable = variable;
    if (kind == Kind::ratio) out.denominator = denominator;
    out.variance = opt.variance;
    out.estimate.assign(nd, std::numeric_limits<double>::quiet_NaN());
    out.rows = p.domain_rows;
    out.weight_sum.resize(nd);
    out.status.assign(nd, EstimateStatus::ok);

    auto fail_or_mark = [&](code32 d, EstimateStatus s, const std::string& why) {
        if (opt.empty_domain == EmptyDomain::error)
            throw value_error(domain_label(opt, d) + ": " + why +
                              " (estimate with empty_domain = no_estimate to get an explicit 'no estimate')");
        out.status[d] = s;
    };

    // Point estimates.
    const LinearScore score = linear_score(p, kind, num, den);
    for (code32 d = 0; d < nd; ++d) {
        const double* s = p.domain_sums.data() + static_cast<std::size_t>(d) * stride;
        out.weight_sum[d] = s[0];
        if (p.domain_rows[d] == 0) {
            fail_or_mark(d, EstimateStatus::no_rows, "no rows in the domain (after the row filter)");
            continue;
        }
        if (kind == Kind::ratio && s[den] == 0.0) {
            fail_or_mark(d, EstimateStatus::zero_denominator,
                         "the weighted total of '" + std::string(denominator) + "' is 0, so the ratio is undefined");
            continue;
        }
        out.estimate[d] = kind == Kind::total ? s[num] : s[num] / s[kind == Kind::mean ? 0 : den];
    }
    if (opt.variance == Variance::none) return out;

    out.se.assign(nd, std::numeric_limits<double>::quiet_NaN());
    auto no_variance = [&](code32 d, const std::string& why) { fail_or_mark(d, EstimateStatus::no_variance, why); };
    const LonelyPsu lonely = opt.lonely_psu.value_or(p.lonely_psu);

    if (opt.variance == Variance::linearization) {
        if (!p.has_cells)
            throw value_error("linearised standard errors need per-PSU sums: accumulate with linearization = true");
        std::vector<double> var;
        std::vector<LinearizationGap> gap;
        const auto layout = linearization_layout(acc);
        linearized_variances(p, *layout, score, lonely, var, gap, [&](code32 stratum, code32 psu, code32 d) {
            throw value_error(lonely_psu_message(opt.design_names, stratum, psu, domain_label(opt, d)));
        });
        for (code32 d = 0; d < nd; ++d) {
            if (!score.active[d]) continue;
            if (gap[d] == LinearizationGap::only_lonely_strata)
                no_variance(d, "all its strata have a single PSU, so lonely_psu = average has nothing to average");
            else
                out.se[d] = std::sqrt(var[d]);
        }
        return out;
    }

    // Replicate-based: per domain, one estimate per replicate, then R's svrVar.
    const ReplicateSums rs = replicate_sums(acc, opt);
    const std::uint32_t reps = rs.count;
    const std::vector<double>* sums = rs.sums.get();  // [domain][replicate][K + 1]
    std::vector<double> rep_num(nd * reps), rep_den(nd * reps);
    for (std::size_t d = 0; d < nd; ++d)
        for (std::size_t r = 0; r < reps; ++r) {
            const double* s = sums->data() + (d * reps + r) * stride;
            rep_num[d * reps + r] = s[num];
            rep_den[d * reps + r] = s[den];
        }
    out.replicates_used = reps;
    out.replicates_dropped.assign(nd, 0);
    std::vector<double> theta(reps);
    for (code32 d = 0; d < nd; ++d) {
        if (!score.active[d]) continue;
        const std::string label = domain_label(opt, d);
        for (std::size_t r = 0; r < reps; ++r)
            theta[r] = replicate_estimate(kind, rep_num[d * reps + r], rep_den[d * reps + r], label);
        const double v =
            replicate_variance(theta, out.estimate[d], rs.scale, rs.rscales, rs.mse, out.replicates_dropped[d]);
        if (std::isnan(v))
            no_variance(d, "every replicate leaves the domain without weight, so no replicate estimate exists");
        else
            out.se[d] = std::sqrt(v);
    }
    return out;
}

/// The estimates of an accumulator, with design effects from its second moments where it kept
/// them (AccumulateOptions::moments; design_effect.hpp): the same formulas as add_design_effects,
/// S = m(y, y) - 2 c m(x, y) + c^2 m(x, x) with x = 1 (mean, proportion, total) or the denominator.
inline Estimates estimate(const Accumulator& acc, Kind kind, std::string_view statistic, std::string_view variable,
                          std::string_view denominator, const EstimateOptions& opt) {
    Estimates e = estimate_from_sums(acc, kind, statistic, variable, denominator, opt);
    const AccumulatorParts& p = acc.parts();
    if (opt.design_effect == DesignEffect::none || e.se.empty() || p.domain_products.empty()) return e;
    const std::size_t y = acc.slot(variable), x = kind == Kind::ratio ? acc.slot(denominator) : 0;
    const std::size_t yy = p.product_index(y, y), xy = p.product_index(x, y), xx = p.product_index(x, x);
    e.deff.assign(e.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t d = 0; d < e.size(); ++d) {
        if (e.status[d] != EstimateStatus::ok && e.status[d] != EstimateStatus::no_variance) continue;
        const double* m = p.domain_products.data() + d * p.products();
        const double c = kind == Kind::total ? e.estimate[d] / e.weight_sum[d] : e.estimate[d];
        const double scale = kind == Kind::total ? 1.0 : m[p.product_index(0, x)];  // N (x = 1) or sum w x
        e.deff[d] = design_effect(e.se[d] * e.se[d], moment_squares(m[yy], m[xy], m[xx], c), scale, e.rows[d],
                                  e.weight_sum[d], opt.design_effect);
    }
    return e;
}

/// Fill e.deff from a second pass over the rows (design_effect.hpp): the
/// residuals around the domain mean (mean, proportion, total) or y - R x (ratio).
inline void add_design_effects(const Design& design, const Domains& domains, const Variable& y, const Variable* x,
                               const EstimateOptions& opt, Estimates& e) {
    if (opt.design_effect == DesignEffect::none || e.se.empty()) return;
    const bool total = e.statistic == "total";
    std::vector<double> centre(e.size());
    for (std::size_t d = 0; d < e.size(); ++d)
        centre[d] = e.status[d] == EstimateStatus::ok || e.status[d] == EstimateStatus::no_variance
                        ? (total ? e.estimate[d] / e.weight_sum[d] : e.estimate[d])
                        : std::numeric_limits<double>::quiet_NaN();
    const ResidualSums sums = residual_sums(design, domains, y.values, x ? x->values : std::span<const double>{},
                                            centre, opt.where, opt.threads);
    e.deff.assign(e.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t d = 0; d < e.size(); ++d) {
        if (std::isnan(centre[d])) continue;
        const double scale = total ? 1.0 : (x ? sums.x_total[d] : e.weight_sum[d]);
        e.deff[d] =
            design_effect(e.se[d] * e.se[d], sums.squares[d], scale, e.rows[d], e.weight_sum[d], opt.design_effect);
    }
}

inline Accumulator accumulate_for(const Design& design, const Domains& domains, std::span<const Variable> vars,
                                  const EstimateOptions& opt) {
    AccumulateOptions a;
    a.where = opt.where;
    a.linearization = opt.variance == Variance::linearization || opt.variance == Variance::bootstrap;
    a.replicates = opt.variance == Variance::replicates;
    a.cells = opt.cells;
    a.progress = opt.progress;
    a.threads = opt.threads;
    return accumulate(design, domains, vars, a);
}

/// A one-call estimate of vars[0] (over vars[1] for a ratio): with linearisation, from the point
/// pass and one more pass over the rows' scores (score_variance.hpp) where it applies, otherwise
/// from an accumulator with a cell per (PSU, domain). `from(acc, options)` estimates from an
/// accumulator.
template <class FromAccumulator>
[[nodiscard]] Estimates one_call(const Design& design, const Domains& domains, std::span<const Variable> vars,
                                 Kind kind, FromAccumulator&& from, const EstimateOptions& o) {
    if (o.variance != Variance::linearization || o.cells != nullptr || !score_variances_apply(design, domains.count()))
        return from(accumulate_for(design, domains, vars, o), o);
    EstimateOptions point = o;
    point.variance = Variance::none;
    const Accumulator acc = accumulate_for(design, domains, vars, point);
    Estimates e = from(acc, point);
    e.variance = o.variance;
    // The scores of estimate_from_sums: z = w (alpha y + beta x), x = 1 but for a ratio.
    const AccumulatorParts& p = acc.parts();
    const std::size_t nd = p.domains, stride = p.stride(), den = kind == Kind::ratio ? 2 : 0;
    std::vector<double> alpha(nd, 0.0), beta(nd, 0.0);
    std::vector<std::uint8_t> active(nd, 0);
    for (std::size_t d = 0; d < nd; ++d) {
        if (e.status[d] != EstimateStatus::ok) continue;
        const double* s = p.domain_sums.data() + d * stride;
        active[d] = 1;
        alpha[d] = kind == Kind::total ? 1.0 : 1.0 / s[den];
        beta[d] = kind == Kind::total ? 0.0 : -e.estimate[d] / s[den];
    }
    const std::vector<double> v = score_linearized_variances(
        design, domains.codes(), domains.count(), vars[0].values,
        kind == Kind::ratio ? vars[1].values : std::span<const double>{}, o.where, alpha, beta, active, o.threads);
    e.se.assign(nd, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t d = 0; d < nd; ++d)
        if (active[d]) e.se[d] = std::sqrt(v[d]);
    return e;
}

}  // namespace detail

// ----------------------------------------------------------------- from an accumulator

/// Domain totals of a variable: sum w*y (svytotal).
[[nodiscard]] inline Estimates total(const Accumulator& acc, std::string_view variable, const EstimateOptions& o = {}) {
    return detail::estimate(acc, detail::Kind::total, "total", variable, {}, o);
}

/// Domain means: sum w*y / sum w (svymean). Score (y - mean) * w / sum w.
[[nodiscard]] inline Estimates mean(const Accumulator& acc, std::string_view variable, const EstimateOptions& o = {}) {
    return detail::estimate(acc, detail::Kind::mean, "mean", variable, {}, o);
}

/// A proportion is the mean of a 0/1 variable (the row-reading form checks the 0/1).
[[nodiscard]] inline Estimates proportion(const Accumulator& acc, std::string_view variable,
                                          const EstimateOptions& o = {}) {
    return detail::estimate(acc, detail::Kind::mean, "proportion", variable, {}, o);
}

/// Domain ratios: sum w*y / sum w*x (svyratio). Score (y - R x) * w / sum w*x.
[[nodiscard]] inline Estimates ratio(const Accumulator& acc, std::string_view numerator, std::string_view denominator,
                                     const EstimateOptions& o = {}) {
    return detail::estimate(acc, detail::Kind::ratio, "ratio", numerator, denominator, o);
}

// ----------------------------------------------------------------- from rows (one pass each)

[[nodiscard]] inline Estimates total(const Design& design, const Domains& domains, const Variable& y,
                                     const EstimateOptions& o = {}) {
    Estimates e = detail::one_call(
        design, domains, std::span<const Variable>(&y, 1), detail::Kind::total,
        [&](const Accumulator& acc, const EstimateOptions& opt) { return total(acc, y.name, opt); }, o);
    detail::add_design_effects(design, domains, y, nullptr, o, e);
    return e;
}

[[nodiscard]] inline Estimates mean(const Design& design, const Domains& domains, const Variable& y,
                                    const EstimateOptions& o = {}) {
    Estimates e = detail::one_call(
        design, domains, std::span<const Variable>(&y, 1), detail::Kind::mean,
        [&](const Accumulator& acc, const EstimateOptions& opt) { return mean(acc, y.name, opt); }, o);
    detail::add_design_effects(design, domains, y, nullptr, o, e);
    return e;
}

/// Checks that every row inside the filter is 0 or 1, naming the first that is not.
[[nodiscard]] inline Estimates proportion(const Design& design, const Domains& domains, const Variable& y,
                                          const EstimateOptions& o = {}) {
    for (std::size_t i = 0; i < y.values.size(); ++i) {
        if (!o.where.empty() && i < o.where.size() && o.where[i] == 0) continue;
        if (y.values[i] != 0.0 && y.values[i] != 1.0)
            throw value_error(detail::row_column(i, y.name),
                              "a proportion needs 0 or 1, got " + detail::number(y.values[i]));
    }
    Estimates e = detail::one_call(
        design, domains, std::span<const Variable>(&y, 1), detail::Kind::mean,
        [&](const Accumulator& acc, const EstimateOptions& opt) { return proportion(acc, y.name, opt); }, o);
    detail::add_design_effects(design, domains, y, nullptr, o, e);
    return e;
}

[[nodiscard]] inline Estimates ratio(const Design& design, const Domains& domains, const Variable& numerator,
                                     const Variable& denominator, const EstimateOptions& o = {}) {
    const Variable both[] = {numerator, denominator};
    Estimates e = detail::one_call(
        design, domains, both, detail::Kind::ratio,
        [&](const Accumulator& acc, const EstimateOptions& opt) {
            return ratio(acc, numerator.name, denominator.name, opt);
        },
        o);
    detail::add_design_effects(design, domains, numerator, &denominator, o, e);
    return e;
}

}  // namespace gendex::micro
