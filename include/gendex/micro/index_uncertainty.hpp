// Standard errors of indices computed from survey microdata.
//
// The pipeline survey indicators -> index runs on the full sample and on
// every replicate (supplied replicate weights, or the internal Rao-Wu
// bootstrap): an index-input accumulator (index_inputs.hpp) already holds the
// per-replicate domain sums, so each replicate's indicators are a few
// divisions, and the batch kernels of indices/ run once over replicates x
// regions laid out as structure-of-arrays (unit = replicate * regions + region,
// replicate 0 being the full sample). The index's variance is the design's
// replicate formula (scale, rscales, mse: R's svrVar; replicates whose index
// is undefined are dropped as R drops NA replicates).
//
//   GII (UNDP)  secondary_education, labour_force_participation by sex from the
//               survey; maternal_mortality, parliament_share given;
//               adolescent_birth_rate given or from the survey
//   IKG (BPS)   births_outside_facility, first_birth_before_20,
//               upper_secondary_education, labour_force_participation from the
//               survey; parliament_share given
//   GDI (UNDP)  HDI by sex: life_expectancy and expected_schooling by sex given;
//               mean_schooling by sex from the survey; GNI per capita given and
//               split by sex as UNDP's earned income, GNIpc_f = GNIpc * S_f / P_f,
//               with S_f the survey's female income_share and P_f its female
//               population share
//   IPG (BPS)   IPM by sex the same way with per-capita expenditure (PPK) in
//               place of GNI (BPS follows UNDP's split; docs/bps-indices.md)
//
// Given inputs carry no sampling error: they are the same in every replicate.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/compute/index_table.hpp"
#include "gendex/edition.hpp"
#include "gendex/error.hpp"
#include "gendex/indicator.hpp"
#include "gendex/indices/bps.hpp"
#include "gendex/indices/gdi.hpp"
#include "gendex/indices/gii.hpp"
#include "gendex/indices/hdi.hpp"
#include "gendex/micro/index_inputs.hpp"
#include "gendex/micro/run_control.hpp"
#include "gendex/sex.hpp"

namespace gendex::micro {

enum class SurveyIndex : std::uint8_t { gii, ikg, gdi, ipg };

[[nodiscard]] constexpr std::string_view to_string(SurveyIndex i) noexcept {
    switch (i) {
        case SurveyIndex::gii: return "gii";
        case SurveyIndex::ikg: return "ikg";
        case SurveyIndex::gdi: return "gdi";
        case SurveyIndex::ipg: return "ipg";
    }
    return "gii";
}

/// The indices with a survey path, in the order this layer dispatches them; a test checks
/// that they are exactly the index table's entries marked `survey`.
inline constexpr std::array<SurveyIndex, 4> survey_indices{SurveyIndex::gii, SurveyIndex::ikg, SurveyIndex::gdi,
                                                           SurveyIndex::ipg};

[[nodiscard]] inline SurveyIndex parse_survey_index(std::string_view text) {
    std::string known;
    for (std::size_t k = 0; k < survey_indices.size(); ++k) {
        if (text == to_string(survey_indices[k])) return survey_indices[k];
        known += (k == 0                           ? ""
                  : k + 1 == survey_indices.size() ? " or "
                                                   : ", ") +
                 std::string(to_string(survey_indices[k]));
    }
    throw value_error("unknown index '" + std::string(text) + "' for survey uncertainty (use " + known + ")");
}

/// The edition an index uses unless told otherwise: the index table's.
[[nodiscard]] inline std::string_view default_edition(SurveyIndex i) {
    return index_descriptor(to_string(i)).default_edition;
}

/// Inputs without sampling error, per region code (one value: every region;
/// empty: not given).
struct GivenInputs {
    std::vector<double> life_expectancy_f, life_expectancy_m;        ///< GDI, IPG
    std::vector<double> expected_schooling_f, expected_schooling_m;  ///< GDI, IPG
    std::vector<double> maternal_mortality;                          ///< GII
    std::vector<double> adolescent_birth_rate;                       ///< GII; empty: the survey's (adolescent_births)
    std::vector<double> parliament_share_f;                          ///< GII, IKG (percent)
    std::vector<double> parliament_share_m;                          ///< empty: 100 - female
    std::vector<double> gni_per_capita;          ///< GDI: total, split by sex with the survey's shares
    std::vector<double> per_capita_expenditure;  ///< IPG: total PPK, split the same way
};

/// One output of the pipeline per region, with its replicates.
struct IndexSeries {
    std::string indicator;  ///< data-contract id: gii, ikg, gdi, hdi, ipg, ipm
    Sex sex = Sex::total;
    std::vector<double> estimate;                   ///< [region], full sample
    std::vector<double> replicates;                 ///< [replicate * regions + region]
    std::vector<double> se;                         ///< [region]
    std::vector<std::uint32_t> replicates_dropped;  ///< [region] replicates with an undefined value
    std::vector<std::string> problem;               ///< [region] why there is no estimate or se; empty: fine
};

struct IndexUncertainty {
    SurveyIndex index = SurveyIndex::gii;
    std::string edition;
    code32 regions = 0;
    Variance variance = Variance::bootstrap;  ///< replicates or bootstrap
    std::uint32_t replicate_count = 0;
    double scale = 0;
    std::vector<double> rscales;
    bool mse = false;
    std::uint64_t seed = 0;  ///< bootstrap
    ReplicateSpec spec;      ///< supplied replicates
    /// [0] the index; then its by-sex components (GDI: HDI female, male; IPG: IPM female, male).
    std::vector<IndexSeries> series;

    /// The same results for `codes` (region codes, in that order): align two
    /// periods' regions before index_change.
    [[nodiscard]] IndexUncertainty select(std::span<const code32> codes) const {
        IndexUncertainty out = *this;
        out.regions = static_cast<code32>(codes.size());
        for (code32 c : codes)
            if (c >= regions)
                throw value_error("select: region code " + std::to_string(c) + " is not below " +
                                  std::to_string(regions));
        for (std::size_t k = 0; k < series.size(); ++k) {
            const IndexSeries& a = series[k];
            IndexSeries& b = out.series[k];
            b.estimate.clear(), b.se.clear(), b.replicates_dropped.clear(), b.problem.clear();
            b.replicates.assign(static_cast<std::size_t>(replicate_count) * codes.size(), 0.0);
            for (std::size_t j = 0; j < codes.size(); ++j) {
                b.estimate.push_back(a.estimate[codes[j]]);
                b.se.push_back(a.se[codes[j]]);
                b.replicates_dropped.push_back(a.replicates_dropped[codes[j]]);
                b.problem.push_back(a.problem[codes[j]]);
                for (std::uint32_t r = 0; r < replicate_count; ++r)
                    b.replicates[r * codes.size() + j] = a.replicates[static_cast<std::size_t>(r) * regions + codes[j]];
            }
        }
        return out;
    }
};

struct IndexOptions {
    /// variance (replicates or bootstrap), bootstrap {replicates, seed, mse},
    /// lonely_psu, empty_domain (error, or NaN and a `problem` text).
    EstimateOptions estimate = [] {
        EstimateOptions e;
        e.variance = Variance::bootstrap;
        return e;
    }();
    std::function<std::string(code32)> region_name;  ///< names region codes in messages
    Progress progress;  ///< replicate sums (bootstrap), then between the steps over all replicates
};

/// The numbers index_uncertainty keeps per region and replicate besides the replicate sums, at most (the
/// index's inputs, its results and their intermediates), for its memory check (run_control.hpp).
inline constexpr std::uint64_t index_uncertainty_columns = 48;

namespace detail {

inline std::string region_label(const IndexOptions& o, code32 g) {
    return o.region_name ? o.region_name(g) : "region " + std::to_string(g);
}

/// How to get a survey indicator into an index-input accumulator.
inline std::string how_to_build(std::string_view id) {
    if (id == "mean_schooling") return "give a schooling column";
    if (id == "secondary_education") return "give an education (or schooling) column and secondary_threshold";
    if (id == "upper_secondary_education")
        return "give an education (or schooling) column and upper_secondary_threshold";
    if (id == "labour_force_participation") return "give a labour_force column";
    if (id == "income_share") return "give an earnings column";
    if (id == "births_outside_facility") return "give a births_outside_facility column";
    if (id == "first_birth_before_20") return "give a first_birth_before_20 column";
    if (id == "adolescent_birth_rate")
        return "give an adolescent_births column, or adolescent_birth_rate as a given input";
    return "";
}

}  // namespace detail

/// The index per region on the full sample and on every replicate, with the
/// design's replicate variance. value_error when an input is missing (naming
/// it and how to supply it) or, under EmptyDomain::error, when a region has no
/// index (naming the region and the offending input).
[[nodiscard]] inline IndexUncertainty index_uncertainty(const Edition& ed, SurveyIndex index, const Accumulator& acc,
                                                        const GivenInputs& given, const IndexOptions& o = {}) {
    const AccumulatorParts& p = acc.parts();
    const std::string name(to_string(index));
    if (p.domains % 2 != 0)
        throw value_error(name +
                          ": an index-input accumulator has region x sex domains (an even count), this one has " +
                          std::to_string(p.domains));
    if (o.estimate.variance != Variance::replicates && o.estimate.variance != Variance::bootstrap)
        throw value_error(name +
                          ": index standard errors come from replicates; use variance = bootstrap (the internal "
                          "Rao-Wu bootstrap) or replicates (the design's replicate weights), not " +
                          std::string(to_string(o.estimate.variance)));
    const code32 G = p.domains / 2;
    const std::uint64_t planned =
        o.estimate.variance == Variance::bootstrap ? o.estimate.bootstrap.replicates : p.replicates;
    check_replicate_memory(name + " uncertainty", G, planned + 1, index_uncertainty_columns + 2 * p.stride());
    const ReplicateSums rs = replicate_sums(acc, o.estimate, o.progress);
    const std::uint32_t R = rs.count;
    // Between the steps over all replicates: the caller may stop the run (each step is one pass over them).
    auto checkpoint = [&] {
        if (o.progress) o.progress(R, R);
    };
    const std::size_t U = static_cast<std::size_t>(R + 1) * G;
    const std::size_t stride = p.stride();

    // Survey indicators over all units (replicate 0 = full sample).
    auto survey = [&](std::string_view id, std::uint8_t sex) {
        const InputIndicator& ind = input_indicator(id);
        if (!has_input(acc, ind))
            throw value_error(name + " needs the survey indicator '" + std::string(id) +
                              "', which the accumulator does not have: " + detail::how_to_build(id));
        const InputSlots slots = input_slots(acc, ind);
        std::vector<double> v(U);
        for (std::uint32_t rep = 0; rep <= R; ++rep) {
            auto at = [&](code32 d) {
                return rep == 0 ? p.domain_sums.data() + static_cast<std::size_t>(d) * stride : rs.at(d, rep - 1);
            };
            for (code32 g = 0; g < G; ++g) {
                bool infinite = false;
                v[static_cast<std::size_t>(rep) * G + g] =
                    input_value(ind, slots, region_sex_domain(g, sex), at, infinite);
                if (infinite)
                    throw value_error(name + ", " + detail::region_label(o, g) + ": " + std::string(id) +
                                      " has a replicate with a zero denominator total but a non-zero numerator");
            }
        }
        checkpoint();
        return v;
    };
    auto given_column = [&](const std::vector<double>& v, std::string_view id, std::string_view sex) {
        if (v.empty())
            throw value_error(name + " needs " + std::string(id) + " (" + std::string(sex) +
                              ") as a given input (a value without sampling error: one for every region, or one per "
                              "region)");
        if (v.size() != 1 && v.size() != G)
            throw value_error(name + ": given input " + std::string(id) + " (" + std::string(sex) + ") has " +
                              std::to_string(v.size()) + " values for " + std::to_string(G) +
                              " regions (give 1 or one per region)");
        std::vector<double> out(U);
        for (std::size_t u = 0; u < U; ++u) out[u] = v.size() == 1 ? v[0] : v[u % G];
        checkpoint();
        return out;
    };

    IndexUncertainty out;
    out.index = index;
    out.edition = ed.id;
    out.regions = G;
    out.variance = rs.variance;
    out.replicate_count = R;
    out.scale = rs.scale;
    out.rscales = rs.rscales;
    out.mse = rs.mse;
    out.seed = rs.seed;
    out.spec = rs.spec;

    // Each output: all units' values and (for the full sample) why a value is missing.
    struct Output {
        std::string indicator;
        Sex sex;
        std::vector<double> values;                   // [unit]
        std::function<std::string(std::size_t)> why;  // unit -> description of the invalid input
    };
    std::vector<Output> outputs;

    // Women's given parliament shares, and men's: given, or the rest of the whole (the registry's `whole`).
    auto parliament_shares = [&] {
        std::pair<std::vector<double>, std::vector<double>> out{
            given_column(given.parliament_share_f, "parliament_share", "female"), std::vector<double>(U)};
        if (given.parliament_share_m.empty()) {
            const double whole = IndicatorRegistry::standard().at("parliament_share").whole;
            for (std::size_t u = 0; u < U; ++u) out.second[u] = whole - out.first[u];
        } else {
            out.second = given_column(given.parliament_share_m, "parliament_share", "male");
        }
        return out;
    };

    switch (index) {
        case SurveyIndex::gii: {
            const auto mmr = given_column(given.maternal_mortality, "maternal_mortality", "female");
            const auto abr = given.adolescent_birth_rate.empty()
                                 ? survey("adolescent_birth_rate", 0)
                                 : given_column(given.adolescent_birth_rate, "adolescent_birth_rate", "female");
            const auto [pr_f, pr_m] = parliament_shares();
            const auto se_f = survey("secondary_education", 0), se_m = survey("secondary_education", 1);
            const auto lf_f = survey("labour_force_participation", 0), lf_m = survey("labour_force_participation", 1);
            auto r = std::make_shared<undp::gii_results>(
                undp::gii(ed, undp::gii_columns{mmr, abr, pr_f, pr_m, se_f, se_m, lf_f, lf_m}));
            outputs.push_back({"gii", Sex::total, r->gii,
                               [r](std::size_t u) { return kernel::describe(r->status[u], undp::gii_input_names); }});
            break;
        }
        case SurveyIndex::ikg: {
            const auto mtf = survey("births_outside_facility", 0), mh = survey("first_birth_before_20", 0);
            const auto [pr_f, pr_m] = parliament_shares();
            const auto sma_f = survey("upper_secondary_education", 0), sma_m = survey("upper_secondary_education", 1);
            const auto lf_f = survey("labour_force_participation", 0), lf_m = survey("labour_force_participation", 1);
            auto r = std::make_shared<bps::ikg_results>(
                bps::ikg(ed, bps::ikg_columns{mtf, mh, pr_f, pr_m, sma_f, sma_m, lf_f, lf_m}));
            outputs.push_back({"ikg", Sex::total, r->ikg,
                               [r](std::size_t u) { return kernel::describe(r->status[u], bps::ikg_input_names); }});
            break;
        }
        case SurveyIndex::gdi:
        case SurveyIndex::ipg: {
            const bool gdi = index == SurveyIndex::gdi;
            const auto le_f = given_column(given.life_expectancy_f, "life_expectancy", "female");
            const auto le_m = given_column(given.life_expectancy_m, "life_expectancy", "male");
            const auto eys_f = given_column(given.expected_schooling_f, "expected_schooling", "female");
            const auto eys_m = given_column(given.expected_schooling_m, "expected_schooling", "male");
            const auto income = gdi ? given_column(given.gni_per_capita, "gni_per_capita", "total")
                                    : given_column(given.per_capita_expenditure, "per_capita_expenditure", "total");
            const auto mys_f = survey("mean_schooling", 0), mys_m = survey("mean_schooling", 1);
            const auto share = survey("income_share", 0);
            const auto pop_f = survey("population", 0), pop_m = survey("population", 1);
            std::vector<double> inc_f(U), inc_m(U);
            for (std::size_t u = 0; u < U; ++u) {
                const auto split =
                    undp::earned_income_by_sex(income[u], share[u] / 100.0, pop_f[u] / (pop_f[u] + pop_m[u]));
                inc_f[u] = split.female, inc_m[u] = split.male;
            }
            if (gdi) {
                auto r = std::make_shared<undp::gdi_results>(
                    undp::gdi(ed, undp::gdi_columns{le_f, eys_f, mys_f, inc_f, le_m, eys_m, mys_m, inc_m}));
                auto why = [r](std::size_t u) { return kernel::describe(r->status[u], undp::gdi_input_names); };
                outputs.push_back({"gdi", Sex::total, r->gdi, why});
                outputs.push_back({"hdi", Sex::female, r->hdi_f, why});
                outputs.push_back({"hdi", Sex::male, r->hdi_m, why});
            } else {
                auto f = std::make_shared<bps::ipm_results>(
                    bps::ipm(ed, bps::ipm_columns{le_f, eys_f, mys_f, inc_f}, Sex::female));
                auto m = std::make_shared<bps::ipm_results>(
                    bps::ipm(ed, bps::ipm_columns{le_m, eys_m, mys_m, inc_m}, Sex::male));
                std::vector<double> ipg(U);
                for (std::size_t u = 0; u < U; ++u) ipg[u] = bps::ipg(ed, f->ipm[u], m->ipm[u]);
                auto why_f = [f](std::size_t u) {
                    return "female: " + kernel::describe(f->status[u], bps::ipm_input_names);
                };
                auto why_m = [m](std::size_t u) {
                    return "male: " + kernel::describe(m->status[u], bps::ipm_input_names);
                };
                auto why = [f, m](std::size_t u) {
                    return !f->status[u].ok() ? "female: " + kernel::describe(f->status[u], bps::ipm_input_names)
                                              : "male: " + kernel::describe(m->status[u], bps::ipm_input_names);
                };
                outputs.push_back({"ipg", Sex::total, std::move(ipg), why});
                outputs.push_back({"ipm", Sex::female, f->ipm, why_f});
                outputs.push_back({"ipm", Sex::male, m->ipm, why_m});
            }
            break;
        }
    }

    // Replicate variance per region and output.
    std::vector<double> theta(R);
    for (Output& x : outputs) {
        checkpoint();
        IndexSeries s;
        s.indicator = x.indicator;
        s.sex = x.sex;
        s.estimate.assign(x.values.begin(), x.values.begin() + G);
        s.replicates.assign(x.values.begin() + G, x.values.end());
        s.se.assign(G, std::numeric_limits<double>::quiet_NaN());
        s.replicates_dropped.assign(G, 0);
        s.problem.assign(G, std::string());
        for (code32 g = 0; g < G; ++g) {
            if (std::isnan(s.estimate[g])) {
                s.problem[g] = x.why(g);
                if (s.problem[g] == "ok" || s.problem[g].empty()) s.problem[g] = "no value";
                if (o.estimate.empty_domain == EmptyDomain::error)
                    throw value_error(x.indicator +
                                      (x.sex == Sex::total ? "" : " (" + std::string(to_string(x.sex)) + ")") + ", " +
                                      detail::region_label(o, g) + ": no estimate, " + s.problem[g] +
                                      " (use empty_domain = no_estimate to get NaN instead)");
                continue;
            }
            for (std::uint32_t r = 0; r < R; ++r) theta[r] = s.replicates[static_cast<std::size_t>(r) * G + g];
            const double v =
                replicate_variance(theta, s.estimate[g], rs.scale, rs.rscales, rs.mse, s.replicates_dropped[g]);
            if (std::isnan(v)) {
                s.problem[g] = "no replicate has a value";
                if (o.estimate.empty_domain == EmptyDomain::error)
                    throw value_error(x.indicator + ", " + detail::region_label(o, g) +
                                      ": no standard error, every replicate's value is undefined");
                continue;
            }
            s.se[g] = std::sqrt(v);
        }
        out.series.push_back(std::move(s));
    }
    return out;
}

// ----------------------------------------------------------------- change between periods

/// How two periods' estimates relate.
enum class ChangeAssumption : std::uint8_t {
    /// Two independent samples: var(later - earlier) = var(later) + var(earlier).
    independent,
    /// The same sample and the same replicates in both periods (a panel, or
    /// one survey measured twice): the variance of the replicate differences
    /// with the design's formula, which keeps their covariance.
    same_replicates,
};

[[nodiscard]] constexpr std::string_view to_string(ChangeAssumption a) noexcept {
    return a == ChangeAssumption::independent ? "independent" : "same_replicates";
}

[[nodiscard]] inline ChangeAssumption parse_change_assumption(std::string_view text) {
    if (text == "independent") return ChangeAssumption::independent;
    if (text == "same_replicates" || text == "paired") return ChangeAssumption::same_replicates;
    throw value_error("unknown change assumption '" + std::string(text) + "' (use independent or same_replicates)");
}

struct IndexChange {
    std::string indicator;
    Sex sex = Sex::total;
    std::vector<double> earlier, later, change, se;  ///< [region]
    std::vector<std::uint32_t> replicates_dropped;   ///< same_replicates only
};

/// later - earlier per region and series, with its standard error. Both must
/// have the same regions in the same order (align them with select()).
[[nodiscard]] inline std::vector<IndexChange> index_change(const IndexUncertainty& earlier,
                                                           const IndexUncertainty& later, ChangeAssumption a) {
    const std::string who = "index change: ";
    if (earlier.index != later.index)
        throw value_error(who + "the two results are of different indices (" + std::string(to_string(earlier.index)) +
                          " and " + std::string(to_string(later.index)) + ")");
    if (earlier.regions != later.regions || earlier.series.size() != later.series.size())
        throw value_error(who + "the two results have " + std::to_string(earlier.regions) + " and " +
                          std::to_string(later.regions) + " regions; align them first (select)");
    if (a == ChangeAssumption::same_replicates) {
        if (earlier.variance != later.variance || earlier.replicate_count != later.replicate_count ||
            earlier.scale != later.scale || earlier.rscales != later.rscales || earlier.mse != later.mse)
            throw value_error(who +
                              "same_replicates needs the same replicate method, count, scale, rscales and mse "
                              "in both periods (" +
                              std::to_string(earlier.replicate_count) + " " + std::string(to_string(earlier.variance)) +
                              " and " + std::to_string(later.replicate_count) + " " +
                              std::string(to_string(later.variance)) + " replicates)");
        if (earlier.variance == Variance::bootstrap && earlier.seed != later.seed)
            throw value_error(who +
                              "same_replicates with the internal bootstrap needs the same seed in both periods (" +
                              std::to_string(earlier.seed) + " and " + std::to_string(later.seed) + ")");
    }
    const code32 G = earlier.regions;
    const std::uint32_t R = earlier.replicate_count;
    std::vector<IndexChange> out;
    std::vector<double> diff(R);
    for (std::size_t k = 0; k < earlier.series.size(); ++k) {
        const IndexSeries &e = earlier.series[k], &l = later.series[k];
        IndexChange c;
        c.indicator = e.indicator;
        c.sex = e.sex;
        c.earlier = e.estimate;
        c.later = l.estimate;
        c.change.resize(G), c.se.assign(G, std::numeric_limits<double>::quiet_NaN());
        c.replicates_dropped.assign(G, 0);
        for (code32 g = 0; g < G; ++g) {
            c.change[g] = l.estimate[g] - e.estimate[g];
            if (a == ChangeAssumption::independent) {
                c.se[g] = std::sqrt(e.se[g] * e.se[g] + l.se[g] * l.se[g]);
                continue;
            }
            if (std::isnan(c.change[g])) continue;
            for (std::uint32_t r = 0; r < R; ++r)
                diff[r] = l.replicates[static_cast<std::size_t>(r) * G + g] -
                          e.replicates[static_cast<std::size_t>(r) * G + g];
            const double v = replicate_variance(diff, c.change[g], earlier.scale, earlier.rscales, earlier.mse,
                                                c.replicates_dropped[g]);
            c.se[g] = std::sqrt(v);
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace gendex::micro
