// The index inputs straight from rows, in one call: the point pass
// (index_inputs.hpp), then, for linearised SEs, one more pass over the rows
// that scores every indicator at once (score_variance.hpp) instead of a cell
// per (PSU, region x sex): when regions cross PSUs, or every row is its own
// PSU, the cells are nearly one per row and cost several times the point pass.
//
// Indicator k's score in domain d (region x sex) is
//   ratio         z = w (y - R_d x) / X_d     y, x its derived variables, R_d = Y_d / X_d
//   population    z = w
//   income share  z = w e (1 - S_r) / E_r (women), -w e S_r / E_r (men), added per region r
// the scores of estimate_index_inputs' cell path (R's svyratio, svytotal and
// the female share of the region), so the variances are the same but for
// rounding. Where the cells are few (PSUs nested in regions: two per PSU) or
// the score pass does not apply (a stratum with one PSU: the lonely-PSU rules;
// replicate and bootstrap SEs) the call goes through an accumulator with cells
// or replicate sums, as before.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "gendex/micro/accumulator.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/estimate.hpp"
#include "gendex/micro/index_inputs.hpp"
#include "gendex/micro/person_columns.hpp"
#include "gendex/micro/score_variance.hpp"

namespace gendex::micro {

namespace detail {

static_assert(score_chunk_rows <= chunk_rows, "a score chunk fits the derived variables' chunk buffers");

/// One score of the index-input score pass: z = w (alpha[d] Y + beta[d] X), Y and X derived
/// variables (their place in PersonScores::vars; none: 1).
struct InputScore {
    static constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    std::size_t y = none, x = none;
    std::vector<double> alpha, beta;  // [domain]; 0 where the indicator has no estimate
};

/// The score source (score_variance.hpp) of the index inputs: every row in its region x sex
/// domain, one score per indicator from the derived variables of its chunk (person_columns.hpp).
struct PersonScores {
    const DeriveContext& x;
    std::span<const Derived> vars;
    code32 regions;
    std::span<const double> weights;
    std::span<const InputScore> scores;

    /// A thread's chunk buffers: the population masks and the derived variables.
    struct Scratch {
        std::unique_ptr<ChunkMasks> masks = std::make_unique<ChunkMasks>();
        std::vector<double> values;
        std::vector<const double*> columns;
    };
    [[nodiscard]] Scratch scratch() const {
        Scratch s;
        s.values.resize(vars.size() * chunk_rows);
        s.columns.resize(vars.size());
        return s;
    }
    void domains(std::size_t b0, std::size_t m, code32* out) const {
        if (!domain_codes(*x.c, regions, b0, m, out)) throw_domain_code(*x.c, regions);
    }
    void fill(std::size_t b0, std::size_t m, code32* domain, double* z, Scratch& s) const {
        domains(b0, m, domain);
        fill_masks(x, b0, m, *s.masks);
        for (std::size_t j = 0; j < vars.size(); ++j)
            s.columns[j] = fill_derived(vars[j], x, *s.masks, b0, m, s.values.data() + j * chunk_rows);
        const double* w = weights.data() + b0;
        for (std::size_t k = 0; k < scores.size(); ++k) {
            const InputScore& score = scores[k];
            const double* alpha = score.alpha.data();
            const double* beta = score.beta.data();
            double* out = z + k * score_chunk_rows;
            if (score.y == InputScore::none) {  // the population: w
                for (std::size_t i = 0; i < m; ++i) out[i] = w[i] * alpha[domain[i]];
            } else if (score.x == InputScore::none) {  // the income share: w e alpha
                const double* y = s.columns[score.y];
                for (std::size_t i = 0; i < m; ++i) out[i] = w[i] * (alpha[domain[i]] * y[i]);
            } else {  // a ratio
                const double *y = s.columns[score.y], *x = s.columns[score.x];
                for (std::size_t i = 0; i < m; ++i) {
                    const code32 d = domain[i];
                    out[i] = w[i] * (alpha[d] * y[i] + beta[d] * x[i]);
                }
            }
        }
    }
};

/// The derived variable named `name` (an accumulator's variable).
inline Derived derived_of(std::string_view name) {
    for (auto v = static_cast<int>(Derived::schooling_universe); v <= static_cast<int>(Derived::adolescent_births); ++v)
        if (derived_name(static_cast<Derived>(v)) == name) return static_cast<Derived>(v);
    throw value_error("'" + std::string(name) + "' is not a derived variable of the index inputs");
}

/// Whether the PSUs' rows are each in one region (PSUs nested in regions, as a survey's are in its
/// districts): then there are at most two cells per PSU (its sexes), and the cells cost less than
/// the scores (10 M rows, 250,000 PSUs: 0.33 s against 0.59 s). Every 7th row is looked at (the
/// answer sets the speed, not the results), up to the first that is in another region.
[[nodiscard]] inline bool psus_within_regions(const Design& design, std::span<const code32> region) {
    const auto psu = design.psu();
    if (psu.empty() || region.size() != psu.size()) return false;  // (the pass names a short column)
    std::vector<code32> first(design.psu_count(), no_code);        // [PSU]: the region of its first row looked at
    for (std::size_t i = 0; i < psu.size(); i += 7) {
        code32& r = first[psu[i]];
        if (r == no_code) r = region[i];
        if (r != region[i]) return false;
    }
    return true;
}

}  // namespace detail

/// The estimates and standard errors of the index inputs from rows, in one
/// call (`io`: the columns' options of accumulate_index_inputs; its
/// linearization and replicates flags are set from `o.variance`). With
/// linearisation where score_variances_apply and the PSUs cross regions (or
/// every row is its own PSU), the SEs come from one pass over the rows' scores
/// (no cell per (PSU, domain)); otherwise from an accumulator with cells
/// (PSUs nested in regions, lonely-PSU rules, bootstrap) or replicate sums.
/// The same estimates as estimate_index_inputs(accumulate_index_inputs(...)),
/// and its SEs but for rounding.
[[nodiscard]] inline IndexInputEstimates estimate_index_inputs(const Design& design, const PersonColumns& c,
                                                               IndexInputOptions io, const EstimateOptions& o,
                                                               const Progress& progress = {}) {
    // A lonely PSU rules the scores out before any pass (the width-dependent limit is checked after).
    const bool scored = o.variance == Variance::linearization && io.cells == nullptr &&
                        score_variances_apply(design, 1) && !detail::psus_within_regions(design, c.region);
    io.linearization = !scored && (o.variance == Variance::linearization || o.variance == Variance::bootstrap);
    io.replicates = o.variance == Variance::replicates;
    Accumulator acc = accumulate_index_inputs(design, c, io);
    const code32 nd = acc.parts().domains;
    std::size_t width = 0;
    for (const InputIndicator& ind : input_indicators) width += has_input(acc, ind) ? 1 : 0;
    if (!scored || !score_variances_apply(design, nd, width)) {
        if (scored) {  // cells after all: too many strata x domains x scores
            io.linearization = true;
            acc = accumulate_index_inputs(design, c, io);
        }
        return estimate_index_inputs(acc, o, progress);
    }
    EstimateOptions point = o;
    point.variance = Variance::none;
    IndexInputEstimates out = estimate_index_inputs(acc, point, progress);
    out.variance = Variance::linearization;

    // One score per indicator, in out.indicators' order.
    const AccumulatorParts& p = acc.parts();
    const std::size_t stride = p.stride();
    auto sums = [&](code32 d) { return p.domain_sums.data() + static_cast<std::size_t>(d) * stride; };
    std::vector<detail::Derived> vars;
    for (const std::string& name : acc.variables()) vars.push_back(detail::derived_of(name));
    std::vector<detail::InputScore> scores(out.indicators.size());
    std::vector<code32> target(out.indicators.size() * nd);  // [k * nd + d]: the group of score k in domain d
    for (std::size_t k = 0; k < out.indicators.size(); ++k) {
        const InputEstimate& e = out.indicators[k];
        const InputIndicator& ind = input_indicator(e.indicator);
        const InputSlots slots = input_slots(acc, ind);
        detail::InputScore& s = scores[k];
        s.alpha.assign(nd, 0.0), s.beta.assign(nd, 0.0);
        for (code32 d = 0; d < nd; ++d) target[k * nd + d] = ind.kind == InputKind::female_share ? d & ~code32{1} : d;
        switch (ind.kind) {
            case InputKind::ratio:  // R's svyratio: (y - R x) / X
                s.y = slots.num - 1, s.x = slots.den - 1;
                for (code32 d = 0; d < nd; ++d)
                    if (!std::isnan(e.estimate[d])) {
                        const double* t = sums(d);
                        s.alpha[d] = 1.0 / t[slots.den];
                        s.beta[d] = -(t[slots.num] / t[slots.den]) / t[slots.den];
                    }
                break;
            case InputKind::population:
                for (code32 d = 0; d < nd; ++d) s.alpha[d] = std::isnan(e.estimate[d]) ? 0.0 : 1.0;
                break;
            case InputKind::female_share:  // the female share of the region's total E: (1 - S) / E, -S / E
                s.y = slots.num - 1;
                for (code32 f = 0; f < nd; f += 2) {
                    if (std::isnan(e.estimate[f]) && std::isnan(e.estimate[f + 1])) continue;
                    const double total = sums(f)[slots.num] + sums(f + 1)[slots.num];
                    const double share = sums(f)[slots.num] / total;
                    s.alpha[f] = (1.0 - share) / total;
                    s.alpha[f + 1] = -share / total;
                }
                break;
        }
    }
    const detail::DeriveContext ctx{&c, &io,
                                    c.education.given() ? c.education.values.data() : c.schooling.values.data(),
                                    c.education.given() ? c.education.name : c.schooling.name};
    const detail::PersonScores source{ctx, vars, nd / 2, design.weights(), scores};
    const std::vector<double> variance =
        score_variances(design, ScoreLayout{nd, scores.size(), target}, source, o.threads);
    for (std::size_t k = 0; k < out.indicators.size(); ++k) {
        InputEstimate& e = out.indicators[k];
        const double scale = input_indicator(e.indicator).scale;
        e.se.assign(nd, std::numeric_limits<double>::quiet_NaN());
        for (code32 d = 0; d < nd; ++d)
            if (!std::isnan(e.estimate[d]))
                e.se[d] = scale * std::sqrt(variance[target[k * nd + d] * scores.size() + k]);
    }
    return out;
}

}  // namespace gendex::micro
