// The standard index inputs from person-level survey rows, by region x sex,
// with design-based standard errors (as a Dataset: to_dataset.hpp).
//
//   mean_schooling              years of schooling, persons aged >= 25         ratio
//   secondary_education         % of 25+ with education >= a threshold         ratio x 100
//   upper_secondary_education   % of 25+ with education >= another threshold  ratio x 100
//   labour_force_participation  % of 15+ in the labour force                   ratio x 100
//   population                  weighted count                                 total
//   income_share                % of the region's earnings going to the sex    ratio across the two sexes x 100
//   births_outside_facility     % of relevant births outside a facility        ratio x 100 (women)
//   first_birth_before_20       % of relevant women, first birth before 20     ratio x 100 (women)
//   adolescent_birth_rate       births per 1,000 women aged 15-19              ratio x 1000 (women)
//
// One pass over the rows (accumulate_index_inputs) feeds the summing engine
// (accumulate.hpp) with derived variables computed chunk by chunk
// (person_columns.hpp): each indicator restricted to a population (25+, 15+,
// relevant women) is the ratio of two derived variables, y * 1[in population]
// over 1[in population]. Its linearised variance is that of the domain mean
// over the population (R: svyby(~y, ~region + sex, subset(design, age >= 25),
// svymean)), except that strata where the domain has rows but none in the
// population count as touched (R's svyratio of the derived variables): it
// matters only for lonely_psu = fail (an error there) and average (the scaling).
//
// The result is an ordinary Accumulator: it merges with the accumulators of
// other partitions (same codes), pickles through its archive, and the
// generic estimators (ratio, total, ...) work on its derived variables.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
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
#include "gendex/micro/cell_index.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/estimate.hpp"
#include "gendex/micro/person_columns.hpp"
#include "gendex/micro/variance.hpp"

namespace gendex::micro {

// ----------------------------------------------------------------- the pass

/// One pass over the rows: the derived variables of every indicator whose
/// columns are given, summed per region x sex domain (code region * 2 + sex),
/// per (PSU, domain) cell and per supplied replicate. value_error naming the
/// row and column for a missing or invalid value.
[[nodiscard]] inline Accumulator accumulate_index_inputs(const Design& design, const PersonColumns& c,
                                                         const IndexInputOptions& o = {}) {
    using detail::Derived;
    const std::size_t n = design.rows();
    auto check_length = [&](std::size_t size, const std::string& name) {
        if (size != n)
            throw value_error("column '" + name + "' has " + std::to_string(size) + " rows, the design " +
                              std::to_string(n));
    };
    check_length(c.region.size(), c.region_name);
    check_length(c.sex.size(), c.sex_name);
    for (const NamedColumn* col : {&c.age, &c.schooling, &c.education, &c.labour_force, &c.earnings,
                                   &c.births_outside_facility, &c.first_birth_before_20, &c.adolescent_births})
        if (col->given()) check_length(col->values.size(), col->name);
    code32 regions = o.regions;
    if (regions == 0)
        for (code32 r : c.region) regions = std::max(regions, r == no_code ? r : r + 1);
    if (regions == 0) regions = 1;
    if (regions > (no_code - 1) / 2) throw value_error("too many regions for 32-bit region x sex codes");
    // The derived variables of the indicators whose columns are given.
    std::vector<Derived> vars;
    auto add = [&](Derived v) {
        if (std::find(vars.begin(), vars.end(), v) == vars.end()) vars.push_back(v);
    };
    const bool want_secondary = !std::isnan(o.secondary_threshold);
    const bool want_upper = !std::isnan(o.upper_secondary_threshold);
    for (double t : {o.secondary_threshold, o.upper_secondary_threshold})
        if (std::isinf(t)) throw value_error("education thresholds must be finite numbers (or NaN: not built)");
    if (c.education.given() && !want_secondary && !want_upper)
        throw value_error("column '" + c.education.name +
                          "' is given but neither secondary_threshold nor upper_secondary_threshold");
    if ((want_secondary || want_upper) && !c.education.given() && !c.schooling.given())
        throw value_error(
            "the secondary-education shares need an education column or a schooling column "
            "(education >= threshold)");
    if (c.schooling.given()) add(Derived::schooling_universe), add(Derived::schooling_years);
    if (want_secondary) add(Derived::schooling_universe), add(Derived::secondary);
    if (want_upper) add(Derived::schooling_universe), add(Derived::upper_secondary);
    if (c.labour_force.given()) add(Derived::labour_universe), add(Derived::labour_force);
    if (c.earnings.given()) add(Derived::earnings);
    if (c.births_outside_facility.given()) add(Derived::births_universe), add(Derived::births_outside);
    if (c.first_birth_before_20.given()) add(Derived::first_birth_universe), add(Derived::first_birth_before_20);
    if (c.adolescent_births.given()) add(Derived::adolescent_women), add(Derived::adolescent_births);
    std::sort(vars.begin(), vars.end());  // the kernels' (and the accumulator's) order
    const bool needs_age =
        c.schooling.given() || want_secondary || want_upper || c.labour_force.given() || c.adolescent_births.given();
    if (needs_age && !c.age.given())
        throw value_error(
            "an age column is needed for mean_schooling, the education shares, labour-force "
            "participation and the adolescent birth rate");
    for (double a : {o.schooling_age, o.labour_age, o.adolescent_age_min, o.adolescent_age_max})
        if (!std::isfinite(a)) throw value_error("age limits must be finite numbers");
    detail::DeriveContext ctx{&c, &o, c.education.given() ? c.education.values.data() : c.schooling.values.data(),
                              c.education.given() ? c.education.name : c.schooling.name};
    std::vector<std::string> names;
    for (Derived v : vars) names.emplace_back(detail::derived_name(v));
    const code32 nd = regions * 2;

    // Cells: a given index, or one built from region x sex codes made chunk by chunk.
    std::optional<CellIndex> built;
    const CellIndex* index = nullptr;
    if (o.linearization) {
        index = o.cells;
        if (index == nullptr)
            index = &built.emplace(design, nd, [&](std::size_t b0, std::size_t m, code32* scratch) {
                if (!detail::domain_codes(c, regions, b0, m, scratch)) detail::throw_domain_code(c, regions);
                return static_cast<const code32*>(scratch);
            });
        if (index->rows() != n || index->domain_count() != nd || index->psu_count() != design.psu_count())
            throw value_error("the cell index was built for another design or another region x sex coding");
    }
    const bool replicates = o.replicates && design.has_replicates();
    AccumulatorParts p;
    auto source = [&] { return detail::PersonChunks{ctx, vars, regions}; };
    if (index == nullptr && !replicates && n > pass_block_rows) {
        p = detail::point_pass_on_threads(n, o.threads, o.progress, [&](detail::RowRange rows) {
            return detail::sum_chunks(design, names, nd, nullptr, false, {}, source, {}, rows);
        });
    } else {
        p = detail::sum_chunks(design, std::move(names), nd, index, replicates, {}, source, o.progress, {}, o.threads);
    }
    if (!detail::all_finite(p.domain_sums) || !detail::all_finite(p.replicate_sums)) {
        // A missing or infinite value inside a population reached the sums: name it.
        if (needs_age)
            for (std::size_t i = 0; i < n; ++i)
                if (!detail::finite(c.age.values[i]))
                    throw value_error(detail::row_column(i, c.age.name),
                                      "age " + detail::number(c.age.values[i]) + " is not a finite number");
        for (Derived v : vars) detail::check_derived(v, ctx, 0, n);
        throw value_error("weighted sums overflowed the range of double (values or weights too large)");
    }
    return Accumulator::from_parts(std::move(p));
}

// ----------------------------------------------------------------- indicators

/// How an indicator is computed from the domain sums.
enum class InputKind : std::uint8_t {
    ratio,         ///< scale * sum(w y) / sum(w x) within the domain
    population,    ///< sum(w) of the domain
    female_share,  ///< scale * sum_F(w y) / (sum_F(w y) + sum_M(w y)) within the region; male: scale - female
};

struct InputIndicator {
    std::string_view id;  ///< data-contract id
    InputKind kind;
    std::string_view numerator, denominator;  ///< derived variables
    double scale;
    bool female_only;
};

/// The standard index inputs in output order.
inline constexpr std::array<InputIndicator, 9> input_indicators{{
    {"mean_schooling", InputKind::ratio, input_variable::schooling_years, input_variable::schooling_universe, 1.0,
     false},
    {"secondary_education", InputKind::ratio, input_variable::secondary, input_variable::schooling_universe, 100.0,
     false},
    {"upper_secondary_education", InputKind::ratio, input_variable::upper_secondary, input_variable::schooling_universe,
     100.0, false},
    {"labour_force_participation", InputKind::ratio, input_variable::labour_force, input_variable::labour_universe,
     100.0, false},
    {"population", InputKind::population, "", "", 1.0, false},
    {"income_share", InputKind::female_share, input_variable::earnings, "", 100.0, false},
    {"births_outside_facility", InputKind::ratio, input_variable::births_outside_facility,
     input_variable::births_universe, 100.0, true},
    {"first_birth_before_20", InputKind::ratio, input_variable::first_birth_before_20,
     input_variable::first_birth_universe, 100.0, true},
    {"adolescent_birth_rate", InputKind::ratio, input_variable::adolescent_births, input_variable::adolescent_women,
     1000.0, true},
}};

/// The input indicator of a data-contract id; key_error when it is not one.
[[nodiscard]] inline const InputIndicator& input_indicator(std::string_view id) {
    for (const auto& ind : input_indicators)
        if (ind.id == id) return ind;
    std::string known;
    for (const auto& ind : input_indicators) known += (known.empty() ? "" : ", ") + std::string(ind.id);
    throw key_error(Location{.key = std::string(id)},
                    "'" + std::string(id) + "' is not a survey index input (known: " + known + ")");
}

/// Whether the accumulator holds the variables of an indicator.
[[nodiscard]] inline bool has_input(const Accumulator& acc, const InputIndicator& ind) {
    auto has = [&](std::string_view v) {
        return v.empty() || std::find(acc.variables().begin(), acc.variables().end(), v) != acc.variables().end();
    };
    return has(ind.numerator) && has(ind.denominator);
}

/// Sum slots of an indicator in an accumulator.
struct InputSlots {
    std::size_t num = 0, den = 0;
};

[[nodiscard]] inline InputSlots input_slots(const Accumulator& acc, const InputIndicator& ind) {
    InputSlots s;
    if (!ind.numerator.empty()) s.num = acc.slot(ind.numerator);
    if (!ind.denominator.empty()) s.den = acc.slot(ind.denominator);
    return s;
}

/// The value of an indicator in domain d from per-domain sums `at(domain)`
/// (stride K + 1). NaN when undefined (zero denominator); `infinite` is set
/// when a ratio's denominator is 0 but its numerator is not.
template <class At>
[[nodiscard]] inline double input_value(const InputIndicator& ind, InputSlots s, code32 d, At&& at, bool& infinite) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    switch (ind.kind) {
        case InputKind::ratio: {
            const double* x = at(d);
            if (x[s.den] == 0.0) {
                infinite |= x[s.num] != 0.0;
                return nan;
            }
            return ind.scale * (x[s.num] / x[s.den]);
        }
        case InputKind::population: return at(d)[0];
        case InputKind::female_share: {
            const code32 f = d & ~code32{1};
            const double ef = at(f)[s.num], em = at(f + 1)[s.num], total = ef + em;
            if (total == 0.0) return nan;
            const double female = ind.scale * (ef / total);
            return (d & 1) == 0 ? female : ind.scale - female;
        }
    }
    return nan;
}

/// One indicator's estimates per region x sex domain.
struct InputEstimate {
    std::string indicator;
    bool female_only = false;
    std::vector<double> estimate;                   ///< [domain]; NaN without an estimate
    std::vector<double> se;                         ///< [domain]; empty for Variance::none
    std::vector<EstimateStatus> status;             ///< male domains of female-only indicators: no_rows
    std::vector<std::uint32_t> replicates_dropped;  ///< replicate methods only
};

struct IndexInputEstimates {
    code32 regions = 0;
    Variance variance = Variance::none;
    std::uint32_t replicates_used = 0;
    std::vector<InputEstimate> indicators;  ///< those the accumulator has variables for, in input_indicators order

    [[nodiscard]] const InputEstimate* find(std::string_view id) const {
        for (const auto& e : indicators)
            if (e.indicator == id) return &e;
        return nullptr;
    }
};

// ----------------------------------------------------------------- estimates

namespace detail {

inline std::string region_sex_label(const EstimateOptions& o, code32 d) {
    if (o.domain_name) return o.domain_name(d);
    return "region " + std::to_string(d / 2) + ", " + (d % 2 == 0 ? "female" : "male");
}

}  // namespace detail

/// Estimates and standard errors of every index input the accumulator (from
/// accumulate_index_inputs) has variables for. `o.variance`: none,
/// linearization, replicates or bootstrap; `o.domain_name` names region x sex
/// codes in messages; `o.empty_domain` as for the estimators (a domain without
/// an estimate is an error, or marked in status with NaN numbers).
/// Percentages and their SEs are scaled alike (x 100; adolescent births x 1000).
[[nodiscard]] inline IndexInputEstimates estimate_index_inputs(const Accumulator& acc, const EstimateOptions& o = {},
                                                               const Progress& progress = {}) {
    const AccumulatorParts& p = acc.parts();
    if (p.domains % 2 != 0)
        throw value_error("an index-input accumulator has region x sex domains (an even count), this one has " +
                          std::to_string(p.domains));
    const code32 nd = p.domains, regions = nd / 2;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    IndexInputEstimates out;
    out.regions = regions;
    out.variance = o.variance;

    std::optional<ReplicateSums> reps;
    if (o.variance == Variance::replicates || o.variance == Variance::bootstrap) {
        reps.emplace(replicate_sums(acc, o, progress));
        out.replicates_used = reps->count;
    }
    const LonelyPsu lonely = o.lonely_psu.value_or(p.lonely_psu);
    auto full = [&](code32 d) { return p.domain_sums.data() + static_cast<std::size_t>(d) * p.stride(); };
    // `indicator, ` (none for a ratio, as R's svyratio names the domain only), region and sex.
    auto lonely_message = [&](std::string_view indicator, code32 stratum, code32 psu, code32 d) {
        return detail::lonely_psu_message(o.design_names, stratum, psu,
                                          std::string(indicator) + detail::region_sex_label(o, d));
    };

    // The linearised variances of the ratios (R's svyratio, the scores of estimate.hpp) and of the
    // population, one group per domain, in one pass over the cells: a pass each read every cell's
    // sums seven times. A lonely PSU under lonely_psu = fail is only noted here and reported at
    // its indicator's turn below, so that errors come in the indicators' order.
    struct LonelyPsuSeen {
        code32 stratum = no_code, psu = 0, domain = 0;
    };
    std::vector<std::size_t> batch_of(input_indicators.size(), input_indicators.size());  // none: size()
    std::vector<LinearScore> batch;
    std::vector<LonelyPsuSeen> seen;
    std::vector<double> batch_var;
    std::vector<LinearizationGap> batch_gap;
    if (o.variance == Variance::linearization && p.has_cells) {
        for (std::size_t i = 0; i < input_indicators.size(); ++i) {
            const InputIndicator& ind = input_indicators[i];
            if (!has_input(acc, ind) || ind.kind == InputKind::female_share) continue;
            const InputSlots slots = input_slots(acc, ind);
            batch_of[i] = batch.size();
            batch.push_back(ind.kind == InputKind::ratio
                                ? detail::linear_score(p, detail::Kind::ratio, slots.num, slots.den)
                                : detail::linear_score(p, detail::Kind::total, 0, 0));  // sum(w): slot 0
        }
        seen.resize(batch.size());
        linearized_variances(p, *linearization_layout(acc), batch, lonely, batch_var, batch_gap,
                             [&](std::size_t k, code32 stratum, code32 psu, code32 d) {
                                 if (seen[k].stratum == no_code) seen[k] = {stratum, psu, d};
                             });
    }

    for (const InputIndicator& ind : input_indicators) {
        if (!has_input(acc, ind)) continue;
        const std::size_t in_batch = batch_of[static_cast<std::size_t>(&ind - input_indicators.data())];
        const InputSlots slots = input_slots(acc, ind);
        InputEstimate e;
        e.indicator = ind.id;
        e.female_only = ind.female_only;
        e.estimate.assign(nd, nan);
        e.status.assign(nd, EstimateStatus::ok);
        std::vector<std::uint8_t> active(nd, 0);
        auto fail_or_mark = [&](code32 d, EstimateStatus s, const std::string& why) {
            if (o.empty_domain == EmptyDomain::error)
                throw value_error(std::string(ind.id) + ", " + detail::region_sex_label(o, d) + ": " + why +
                                  " (estimate with empty_domain = no_estimate to get an explicit 'no estimate')");
            e.status[d] = s;
        };
        for (code32 d = 0; d < nd; ++d) {
            if (ind.female_only && d % 2 == 1) {
                e.status[d] = EstimateStatus::no_rows;
                continue;
            }
            if (p.domain_rows[d] == 0) {
                fail_or_mark(d, EstimateStatus::no_rows, "no rows in the domain");
                continue;
            }
            bool infinite = false;
            const double value = input_value(ind, slots, d, full, infinite);
            if (std::isnan(value)) {
                const std::string what =
                    ind.kind == InputKind::female_share
                        ? "the region's weighted total of '" + std::string(ind.numerator) + "' is 0"
                        : "no rows in the indicator's population (the weighted total of '" +
                              std::string(ind.denominator) + "' is 0)";
                fail_or_mark(d, EstimateStatus::zero_denominator, what);
                continue;
            }
            e.estimate[d] = value;
            active[d] = 1;
        }
        if (o.variance == Variance::none) {
            out.indicators.push_back(std::move(e));
            continue;
        }
        e.se.assign(nd, nan);
        auto no_variance = [&](code32 d, const std::string& why) { fail_or_mark(d, EstimateStatus::no_variance, why); };

        if (o.variance == Variance::linearization) {
            if (!p.has_cells)
                throw value_error("linearised standard errors need per-PSU sums: accumulate with linearization = true");
            if (in_batch < batch.size()) {
                const LonelyPsuSeen& lone = seen[in_batch];
                if (lone.stratum != no_code)
                    throw value_error(lonely_message(ind.kind == InputKind::ratio ? "" : std::string(ind.id) + ", ",
                                                     lone.stratum, lone.psu, lone.domain));
                for (code32 d = 0; d < nd; ++d) {
                    if (!active[d]) continue;
                    const std::size_t at = in_batch * nd + d;
                    if (batch_gap[at] == LinearizationGap::only_lonely_strata)
                        no_variance(d,
                                    "all its strata have a single PSU, so lonely_psu = average has nothing to average");
                    else
                        e.se[d] = ind.scale * std::sqrt(batch_var[at]);
                }
            } else {
                // The female share of the region: a score across its two domains.
                const std::size_t stride = p.stride();
                std::vector<code32> group(nd);
                std::vector<double> coef(static_cast<std::size_t>(nd) * stride, 0.0);
                for (code32 g = 0; g < regions; ++g) {
                    const code32 f = 2 * g;
                    const bool on = active[f] || active[f + 1];
                    group[f] = group[f + 1] = on ? g : no_code;
                    if (!on) continue;
                    const double total = full(f)[slots.num] + full(f + 1)[slots.num];
                    const double share = full(f)[slots.num] / total;
                    coef[f * stride + slots.num] = (1.0 - share) / total;
                    coef[(f + 1) * stride + slots.num] = -share / total;
                }
                std::vector<double> var;
                std::vector<LinearizationGap> gap;
                grouped_linearized_variances(
                    p, group, regions, coef, lonely, var, gap, [&](code32 stratum, code32 psu, code32 g) {
                        throw value_error(lonely_message(std::string(ind.id) + ", ", stratum, psu, 2 * g));
                    });
                for (code32 d = 0; d < nd; ++d) {
                    if (!active[d]) continue;
                    if (gap[d / 2] == LinearizationGap::only_lonely_strata)
                        no_variance(d,
                                    "all its strata have a single PSU, so lonely_psu = average has nothing to average");
                    else
                        e.se[d] = ind.scale * std::sqrt(var[d / 2]);
                }
            }
            out.indicators.push_back(std::move(e));
            continue;
        }

        // Replicates: the indicator under every replicate, R's svrVar.
        const ReplicateSums& rs = *reps;
        e.replicates_dropped.assign(nd, 0);
        std::vector<double> theta(rs.count);
        for (code32 d = 0; d < nd; ++d) {
            if (!active[d]) continue;
            for (std::uint32_t r = 0; r < rs.count; ++r) {
                bool infinite = false;
                theta[r] = input_value(
                    ind, slots, d, [&](code32 x) { return rs.at(x, r); }, infinite);
                if (infinite)
                    throw value_error(std::string(ind.id) + ", " + detail::region_sex_label(o, d) +
                                      ": a replicate has a zero denominator total but a non-zero numerator; "
                                      "its ratio is infinite");
            }
            const double v =
                replicate_variance(theta, e.estimate[d], rs.scale, rs.rscales, rs.mse, e.replicates_dropped[d]);
            if (std::isnan(v))
                no_variance(d, "every replicate leaves the domain without weight, so no replicate estimate exists");
            else
                e.se[d] = std::sqrt(v);
        }
        out.indicators.push_back(std::move(e));
    }
    return out;
}

}  // namespace gendex::micro
