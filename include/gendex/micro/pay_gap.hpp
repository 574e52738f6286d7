// The gender pay gap per group (e.g. province x year), ILO's definition:
//   gap = (E_men - E_women) / E_men x 100,
// E the mean or the median hourly earnings of each sex's employees (SDG 8.5.1
// reports the average hourly earnings by sex; docs/micro.md cites the
// metadata). Standard errors by replicates (supplied or the internal
// bootstrap: the gap recomputed under every replicate, R's svrVar) or by
// Taylor linearisation (the delta method; for the median, through the
// Woodruff interval's slope, see docs/micro.md).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/estimate.hpp"
#include "gendex/micro/quantile.hpp"
#include "gendex/micro/variance.hpp"

namespace gendex::micro {

enum class PayGapStatistic : std::uint8_t { mean, median };

[[nodiscard]] inline PayGapStatistic parse_pay_gap_statistic(std::string_view text) {
    if (text == "mean") return PayGapStatistic::mean;
    if (text == "median") return PayGapStatistic::median;
    throw value_error("unknown pay-gap statistic '" + std::string(text) + "' (use median or mean)");
}

struct PayGapOptions {
    PayGapStatistic statistic = PayGapStatistic::median;
    double level = 0.95;       ///< of the Woodruff interval whose slope linearises the median
    std::optional<double> df;  ///< its t quantile's degrees of freedom (empty: the design's, as quantile())
};

/// One pay gap per group, in percent of men's hourly earnings.
struct PayGaps {
    PayGapStatistic statistic = PayGapStatistic::median;
    Variance variance = Variance::none;
    std::vector<double> gap, se;       ///< se empty for Variance::none
    std::vector<double> female, male;  ///< each sex's mean or median hourly earnings
    std::vector<std::uint64_t> female_rows, male_rows;
    std::vector<EstimateStatus> status;
    std::vector<std::uint32_t> replicates_dropped;  ///< replicate methods
};

/// Hourly earnings earnings / hours of the rows inside `where` (NaN outside):
/// hours must be a finite number > 0 there, earnings finite.
[[nodiscard]] inline std::vector<double> hourly_earnings(const Variable& earnings, const Variable& hours,
                                                         std::span<const std::uint8_t> where) {
    const std::size_t n = earnings.values.size();
    if (hours.values.size() != n)
        throw value_error("column '" + hours.name + "' has " + std::to_string(hours.values.size()) + " rows, '" +
                          earnings.name + "' " + std::to_string(n));
    std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < n; ++i) {
        if (!where.empty() && where[i] == 0) continue;
        const double h = hours.values[i], e = earnings.values[i];
        if (!(h > 0 && std::isfinite(h)))
            throw value_error(detail::row_column(i, hours.name),
                              "hours worked " + detail::number(h) +
                                  " must be a finite number > 0 for an employee (put the row outside 'where')");
        if (!std::isfinite(e))
            throw value_error(detail::row_column(i, earnings.name),
                              "earnings " + detail::number(e) + " is not a finite number");
        out[i] = e / h;
    }
    return out;
}

namespace detail {

/// 100 (m - f) / m; NaN when m is 0 or either is NaN.
inline double gap_percent(double female, double male) {
    return male == 0.0 ? std::numeric_limits<double>::quiet_NaN() : 100.0 * (male - female) / male;
}

}  // namespace detail

/// Pay gaps of `hourly` (see hourly_earnings) per group: rows of group g
/// (codes below `groups`) and sex `male` (0 female, 1 male) inside opt.where.
[[nodiscard]] inline PayGaps pay_gap(const Design& design, std::span<const code32> group, code32 groups,
                                     std::span<const std::uint8_t> male, const Variable& hourly,
                                     const PayGapOptions& options = {}, const EstimateOptions& opt = {}) {
    const std::size_t n = design.rows();
    if (group.size() != n || male.size() != n)
        throw value_error("pay gap: group and sex columns need " + std::to_string(n) + " rows (the design's)");
    std::vector<code32> codes(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (group[i] >= groups)
            throw value_error(
                detail::row_column(i, "group"),
                "group code " + std::to_string(group[i]) + " is not below the group count " + std::to_string(groups));
        if (male[i] > 1) throw value_error(detail::row_column(i, "sex"), "sex code must be 0 (female) or 1 (male)");
        codes[i] = 2 * group[i] + male[i];
    }
    const Domains domains(design, codes, 2 * groups);
    const double nan = std::numeric_limits<double>::quiet_NaN();

    PayGaps out;
    out.statistic = options.statistic;
    out.variance = opt.variance;
    out.gap.assign(groups, nan), out.female.assign(groups, nan), out.male.assign(groups, nan);
    out.female_rows.assign(groups, 0), out.male_rows.assign(groups, 0);
    out.status.assign(groups, EstimateStatus::ok);
    auto fail_or_mark = [&](code32 g, EstimateStatus s, const std::string& why) {
        if (opt.empty_domain == EmptyDomain::error)
            throw value_error(detail::domain_label(opt, g) + ": " + why +
                              " (estimate with empty_domain = no_estimate to get an explicit 'no estimate')");
        if (out.status[g] == EstimateStatus::ok) out.status[g] = s;
    };

    // Each sex's statistic (domain 2g + sex), and what its variance needs.
    EstimateOptions sexes = opt;
    sexes.empty_domain = EmptyDomain::no_estimate;  // a group without one sex is named below, by group
    std::optional<detail::QuantilePass> pass;
    Accumulator means;
    std::vector<double> value(2 * groups, nan);
    std::vector<std::uint64_t> rows(2 * groups, 0);
    if (options.statistic == PayGapStatistic::median) {
        QuantileOptions q;
        q.probabilities = {0.5};
        q.level = options.level;
        q.df = options.df;
        pass.emplace(detail::quantile_pass(design, domains, hourly, q, sexes));
        value = pass->result.estimate;
        rows = pass->result.rows;
    } else {
        means = detail::accumulate_for(design, domains, std::span<const Variable>(&hourly, 1), sexes);
        const auto& p = means.parts();
        for (code32 d = 0; d < 2 * groups; ++d) {
            rows[d] = p.domain_rows[d];
            if (rows[d] > 0) value[d] = p.domain_sums[2 * d + 1] / p.domain_sums[2 * d];
        }
    }
    for (code32 g = 0; g < groups; ++g) {
        out.female[g] = value[2 * g], out.male[g] = value[2 * g + 1];
        out.female_rows[g] = rows[2 * g], out.male_rows[g] = rows[2 * g + 1];
        if (rows[2 * g] == 0 || rows[2 * g + 1] == 0) {
            fail_or_mark(
                g, EstimateStatus::no_rows,
                std::string("no ") + (rows[2 * g] == 0 ? "women" : "men") + " in the group (after the row filter)");
            continue;
        }
        if (out.male[g] == 0.0) {
            fail_or_mark(g, EstimateStatus::zero_denominator, "men's hourly earnings are 0, so the gap is undefined");
            continue;
        }
        out.gap[g] = detail::gap_percent(out.female[g], out.male[g]);
    }
    if (opt.variance == Variance::none) return out;
    out.se.assign(groups, nan);
    auto no_variance = [&](code32 g, const std::string& why) { fail_or_mark(g, EstimateStatus::no_variance, why); };

    if (opt.variance == Variance::linearization) {
        // The gap's score: dG/dE_f z_f + dG/dE_m z_m, dG/dE_f = -100/E_m, dG/dE_m = 100 E_f/E_m^2, with
        // z the score of each sex's statistic as a linear function of its cells' sums (slot 1: the
        // variable, slot 0: the weights). Mean: z = w (y - E) / W. Median: z = -k w (1[y <= E] - p^) / W,
        // k = SE(E) / SE(p^), the inverse density the Woodruff interval implies.
        const Accumulator& acc = pass ? pass->indicators : means;
        const AccumulatorParts& p = acc.parts();
        std::vector<double> coef(static_cast<std::size_t>(2 * groups) * 2, 0.0);
        for (code32 g = 0; g < groups; ++g) {
            if (out.status[g] != EstimateStatus::ok) continue;
            const double e[2] = {out.female[g], out.male[g]};
            const double slope[2] = {-100.0 / e[1], 100.0 * e[0] / (e[1] * e[1])};
            for (int s = 0; s < 2; ++s) {
                const code32 d = 2 * g + static_cast<code32>(s);
                const double w = p.domain_sums[2 * d];
                double a = 1.0 / w, b = -e[s] / w;  // the mean's score
                if (pass) {
                    const Quantiles& r = pass->result;
                    if (r.interval[d] != QuantileInterval::ok || !(r.cdf_se[d] > 0)) {
                        no_variance(
                            g, "the median's Woodruff interval of the " + std::string(s == 0 ? "women" : "men") +
                                   " is " + std::string(to_string(r.interval[d])) +
                                   (r.interval[d] == QuantileInterval::ok ? " but the share below it has SE 0" : "") +
                                   ", so the delta method has no density; use replicates");
                        break;
                    }
                    const double k = r.se[d] / r.cdf_se[d];
                    a = -k / w, b = k * r.cdf[d] / w;
                }
                coef[2 * d + 1] = slope[s] * a;
                coef[2 * d] = slope[s] * b;
            }
            if (out.status[g] != EstimateStatus::ok)
                coef[4 * g] = coef[4 * g + 1] = coef[4 * g + 2] = coef[4 * g + 3] = 0;
        }
        std::vector<code32> group_of_domain(2 * groups);
        for (code32 d = 0; d < 2 * groups; ++d) group_of_domain[d] = d / 2;
        std::vector<double> var;
        std::vector<LinearizationGap> gap;
        const LonelyPsu lonely = opt.lonely_psu.value_or(p.lonely_psu);
        grouped_linearized_variances(
            p, group_of_domain, groups, coef, lonely, var, gap, [&](code32 stratum, code32 psu, code32 g) {
                throw value_error(
                    detail::lonely_psu_message(opt.design_names, stratum, psu, detail::domain_label(opt, g)));
            });
        for (code32 g = 0; g < groups; ++g) {
            if (out.status[g] != EstimateStatus::ok) continue;
            if (gap[g] == LinearizationGap::only_lonely_strata)
                no_variance(g, "all its strata have a single PSU, so lonely_psu = average has nothing to average");
            else
                out.se[g] = std::sqrt(var[g]);
        }
        return out;
    }

    // Replicates: the gap under every replicate, then R's svrVar.
    std::uint32_t reps = 0;
    double scale = 0;
    std::vector<double> rscales;
    bool mse = false;
    std::vector<double> theta;  // [group][replicate]
    const std::vector<double> weights(design.weights().begin(), design.weights().end());
    if (pass) {
        std::vector<double> factor;
        std::optional<RaoWuBootstrap> boot;
        if (opt.variance == Variance::replicates) {
            if (!design.has_replicates())
                throw value_error("replicate standard errors need replicate weights: attach them to the design");
            reps = static_cast<std::uint32_t>(design.replicate_weights().count());
            const ReplicateSpec& spec = design.replicate_spec();
            scale = spec.resolved_scale(reps), rscales = spec.resolved_rscales(reps), mse = spec.mse;
        } else {
            if (opt.bootstrap.replicates < 2) throw value_error("the bootstrap needs at least 2 replicates");
            reps = opt.bootstrap.replicates;
            scale = 1.0 / (reps - 1.0), rscales.assign(reps, 1.0), mse = opt.bootstrap.mse;
            const AccumulatorParts& p = pass->indicators.parts();
            boot.emplace(p.psu_stratum, opt.bootstrap.seed, opt.lonely_psu.value_or(p.lonely_psu), opt.design_names);
            factor.resize(p.psu_stratum.size());
        }
        theta.assign(static_cast<std::size_t>(groups) * reps, nan);
        std::vector<double> cumulative, values;
        const ReplicateWeights& rw = design.replicate_weights();
        const bool combined = design.replicate_spec().combined_weights;
        for (std::uint32_t r = 0; r < reps; ++r) {
            if (boot) boot->factors(r, factor);
            auto weight = [&](std::uint32_t row) {
                if (boot) return weights[row] * factor[design.psu_of_row(row)];
                return rw(row, r) * (combined ? 1.0 : weights[row]);
            };
            for (code32 g = 0; g < groups; ++g) {
                if (out.status[g] != EstimateStatus::ok) continue;
                const double f = detail::reweighted_quantile(pass->sorted, 2 * g, 0.5, weight, cumulative, values);
                const double m = detail::reweighted_quantile(pass->sorted, 2 * g + 1, 0.5, weight, cumulative, values);
                theta[static_cast<std::size_t>(g) * reps + r] = detail::gap_percent(f, m);
            }
        }
    } else {
        const ReplicateSums rs = replicate_sums(means, opt);
        reps = rs.count, scale = rs.scale, rscales = rs.rscales, mse = rs.mse;
        theta.assign(static_cast<std::size_t>(groups) * reps, nan);
        for (code32 g = 0; g < groups; ++g)
            for (std::uint32_t r = 0; r < reps; ++r) {
                const double* f = rs.at(2 * g, r);
                const double* m = rs.at(2 * g + 1, r);
                const double ef = f[0] == 0.0 ? nan : f[1] / f[0], em = m[0] == 0.0 ? nan : m[1] / m[0];
                theta[static_cast<std::size_t>(g) * reps + r] = detail::gap_percent(ef, em);
            }
    }
    out.replicates_dropped.assign(groups, 0);
    for (code32 g = 0; g < groups; ++g) {
        if (out.status[g] != EstimateStatus::ok) continue;
        const double v =
            replicate_variance(std::span<const double>(theta).subspan(static_cast<std::size_t>(g) * reps, reps),
                               out.gap[g], scale, rscales, mse, out.replicates_dropped[g]);
        if (std::isnan(v))
            no_variance(g, "no replicate has both sexes with weight, so no replicate gap exists");
        else
            out.se[g] = std::sqrt(v);
    }
    return out;
}

}  // namespace gendex::micro
