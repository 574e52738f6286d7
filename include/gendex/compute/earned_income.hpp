// Female and male estimated earned income of the units of a computation:
// taken from gni_per_capita female/male when the data has both, otherwise
// estimated from the total with UNDP's wage-bill step (TN 3, step 1). BPS
// splits per-capita expenditure the same way for the IPG, so the income
// indicator is a parameter (gni_per_capita or per_capita_expenditure).
//
// Inputs of the estimate, per unit:
//  - gni_per_capita (total);
//  - wage_ratio (total), female/male; the edition default when absent (noted);
//  - economically_active_share (female, or male as its complement), the
//    women's share of the economically active population in percent; when
//    absent it is derived as LFPR_f*N_f / (LFPR_f*N_f + LFPR_m*N_m) from
//    labour_force_participation and population by sex (noted). The derivation
//    weights by the whole population of each sex, not the population 15+ that
//    the participation rates refer to; give the shares when you have them;
//  - population female and male (or one sex and the total) for P_f = N_f/N.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "gendex/compute/computation.hpp"
#include "gendex/compute/result_builder.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/gdi.hpp"

namespace gendex::detail {

/// Columns the earned-income step and the population shares read; an index
/// appends them to its own aligned columns.
[[nodiscard]] inline std::vector<AlignedColumn> earned_income_columns(std::string_view income = "gni_per_capita") {
    const std::string id(income);
    return {{id, Sex::female},
            {id, Sex::male},
            {id, Sex::total},
            {"wage_ratio", Sex::total},
            {"economically_active_share", Sex::female},
            {"economically_active_share", Sex::male},
            {"labour_force_participation", Sex::female},
            {"labour_force_participation", Sex::male},
            {"population", Sex::female},
            {"population", Sex::male},
            {"population", Sex::total}};
}

/// The income by sex an index needs: given by sex, or estimated from its total
/// (the wage ratio optional) with the women's share of the economically
/// active or the participation rates, and population by sex.
[[nodiscard]] inline InputRequirement earned_income_requirement(std::string_view income = "gni_per_capita") {
    const std::string id(income);
    const std::vector<Sex> both{Sex::female, Sex::male};
    auto from_total = [&](std::vector<RequiredInput> active) {
        InputAlternative a{{id, {Sex::total}}, {"wage_ratio", {Sex::total}, true}};
        for (auto& in : active) a.push_back(std::move(in));
        a.push_back({"population", both});
        return a;
    };
    return needs_one_of({{{id, both}},
                         from_total({{"economically_active_share", {Sex::female}}}),
                         from_total({{"labour_force_participation", both}})});
}

// The earned_income kernel's inputs, for messages (shares as fractions).
inline constexpr std::array<InputSpec, 4> earned_income_inputs{{
    {"gni_per_capita", Sex::total},
    {"wage_ratio", Sex::total, {}, 0.0, std::numeric_limits<double>::infinity(), true},
    {"economically_active_share", Sex::female, {}, 0.0, 1.0},
    {"population_share", Sex::female, {}, 0.0, 1.0, true},
}};

/// Female and male population of unit u, from female and male or from one
/// sex and the total; false when neither pair is there.
[[nodiscard]] inline bool population_by_sex(const UnitTable& t, std::size_t u, double& female, double& male) {
    const std::size_t jf = t.column("population", Sex::female), jm = t.column("population", Sex::male),
                      jt = t.column("population", Sex::total);
    const bool f = t.present(jf, u), m = t.present(jm, u), tot = t.present(jt, u);
    if (f && m) {
        female = t.value(jf, u), male = t.value(jm, u);
    } else if (f && tot) {
        female = t.value(jf, u), male = t.value(jt, u) - female;
    } else if (m && tot) {
        male = t.value(jm, u), female = t.value(jt, u) - male;
    } else {
        return false;
    }
    return true;
}

/// Women's share of the population of every unit (NaN where population by
/// sex is not there); units in `needed` without it are rejected, the reason
/// starting with `context`.
[[nodiscard]] inline std::vector<double> population_share_f(const UnitTable& t, Verdicts& v,
                                                            const std::vector<bool>& needed, std::string_view context) {
    std::vector<double> share(t.units(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t u = 0; u < t.units(); ++u) {
        double female = 0, male = 0;
        if (population_by_sex(t, u, female, male)) {
            share[u] = female / (female + male);
        } else if (needed[u]) {
            v.reject(u, "population", Sex::female, Problem::missing,
                     std::string(context) + "population by sex is missing (female and male, or one sex and the total)");
        }
    }
    return share;
}

struct EarnedIncome {
    std::vector<double> female, male;  // PPP$ per person of each sex; NaN where rejected
    std::vector<double> share_f;       // women's share of earned income (0-1) where estimated, else NaN
    bool any_estimated = false;
};

/// Given or estimated earned income by sex of every unit still ok in `v`.
/// `fallback` picks the edition's default wage ratio (GDI or GEM).
[[nodiscard]] inline EarnedIncome earned_income(const UnitTable& t, Verdicts& v, const Edition& ed,
                                                undp::wage_ratio_default fallback,
                                                std::string_view income = "gni_per_capita") {
    const std::size_t n = t.units();
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    const std::string id(income);
    const std::size_t jf = t.column(id, Sex::female), jm = t.column(id, Sex::male);
    const std::size_t jt = t.column(id, Sex::total), jw = t.column("wage_ratio", Sex::total);
    const std::size_t jea = t.column("economically_active_share", Sex::female);
    const std::size_t jlf = t.column("labour_force_participation", Sex::female),
                      jlm = t.column("labour_force_participation", Sex::male);

    EarnedIncome out{std::vector<double>(n, nan), std::vector<double>(n, nan), std::vector<double>(n, nan), false};
    std::vector<bool> estimate(n, false);
    for (std::size_t u = 0; u < n; ++u) {
        if (!v.ok(u)) continue;
        const bool f = t.present(jf, u), m = t.present(jm, u);
        if (f && m) {
            out.female[u] = t.value(jf, u), out.male[u] = t.value(jm, u);
        } else if (f || m) {  // half a pair is a gap in the data, not a reason to estimate
            v.reject(u, id, f ? Sex::male : Sex::female, Problem::missing,
                     input_label(id, f ? Sex::male : Sex::female) + " is missing");
        } else if (!t.present(jt, u)) {
            v.reject(u, id, Sex::female, Problem::missing,
                     id + " by sex is not given and cannot be estimated: " + id + " (total) is missing");
        } else {
            estimate[u] = true;
        }
    }
    if (std::none_of(estimate.begin(), estimate.end(), [](bool e) { return e; })) return out;
    const std::vector<double> pop_f =
        population_share_f(t, v, estimate, id + " by sex is not given and cannot be estimated: ");

    std::vector<double> active_f(n, nan), ratio(n, nan), gni(n, nan);
    for (std::size_t u = 0; u < n; ++u) {
        if (!estimate[u] || !v.ok(u)) continue;
        gni[u] = t.value(jt, u);
        if (t.present(jw, u)) ratio[u] = t.value(jw, u);
        double female = 0, male = 0;
        if (t.present(jea, u)) {
            active_f[u] = t.value(jea, u) / undp::detail::percent;
        } else if (t.present(jlf, u) && t.present(jlm, u) && population_by_sex(t, u, female, male)) {
            const double active_women = t.value(jlf, u) * female, active_men = t.value(jlm, u) * male;
            active_f[u] = active_women / (active_women + active_men);
            v.note(u, "economically_active_share derived from labour_force_participation and population by sex");
        } else {
            v.reject(u, "economically_active_share", Sex::female, Problem::missing,
                     id + " by sex is not given and cannot be estimated: economically_active_share "
                          "(female) is missing (labour_force_participation and population by sex would do)");
        }
    }
    // The kernel runs over every unit; only the estimated units' results are read.
    const auto est = undp::earned_income(ed, {gni, ratio, active_f, pop_f}, fallback);
    const std::array<std::span<const double>, 4> used{gni, ratio, active_f, pop_f};
    std::vector<undp::unit_status> status(est.status);
    for (std::size_t u = 0; u < n; ++u)
        if (!estimate[u]) status[u] = {};
    std::array<InputSpec, 4> inputs = earned_income_inputs;
    inputs[0].indicator = income;
    v.reject_faults(status, inputs, used);
    for (std::size_t u = 0; u < n; ++u) {
        if (!estimate[u] || !v.ok(u)) continue;
        out.female[u] = est.gni_per_capita_f[u];
        out.male[u] = est.gni_per_capita_m[u];
        out.share_f[u] = est.wage_bill_share_f[u];
        out.any_estimated = true;
        v.note(u, id + " by sex estimated from " + id + " (total)");
        if (est.wage_ratio_defaulted[u])
            v.note(u, "default wage ratio " + format_number(est.wage_ratio[u]) + " used (wage_ratio not given)");
    }
    return out;
}

/// An index's own columns followed by the earned-income columns. `scope`
/// becomes the number of columns that define the units: the index's own and
/// gni_per_capita female and male (the first two earned-income columns); the
/// other earned-income columns only serve those units.
[[nodiscard]] inline std::vector<AlignedColumn> with_earned_income(std::vector<AlignedColumn> columns,
                                                                   std::size_t& scope,
                                                                   std::string_view income = "gni_per_capita") {
    scope = columns.size() + 2;  // ... + the income female and male
    for (auto& c : earned_income_columns(income)) columns.push_back(std::move(c));
    return columns;
}

/// The opening of an index whose income by sex may be estimated: the units are
/// the region-periods with one of `required` or the income by sex, and the
/// earned-income columns are read for them.
template <std::size_t N>
[[nodiscard]] Computation income_computation(const Dataset& ds, const Edition& ed, std::string_view index,
                                             const InputRequirements& requirements,
                                             const std::array<InputSpec, N>& required,
                                             std::string_view income = "gni_per_capita",
                                             Complements complements = Complements::imply) {
    std::size_t scope = 0;
    auto columns = with_earned_income(columns_of(required), scope, income);
    return Computation(ds, ed, index, requirements, std::move(columns), scope, required, complements);
}

/// Estimated incomes and income shares (percent) as optional outputs: rows
/// only for the units whose incomes were estimated.
inline void add_income_outputs(ResultBuilder& out, const EarnedIncome& income,
                               std::string_view indicator = "gni_per_capita") {
    if (!income.any_estimated) return;
    std::vector<double> share_f(income.share_f.size()), share_m(income.share_f.size());
    std::vector<double> gni_f(income.female.size()), gni_m(income.male.size());
    for (std::size_t u = 0; u < share_f.size(); ++u) {
        const bool estimated = !std::isnan(income.share_f[u]);
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        share_f[u] = estimated ? undp::detail::percent * income.share_f[u] : nan;
        share_m[u] = estimated ? undp::detail::percent * (1.0 - income.share_f[u]) : nan;
        gni_f[u] = estimated ? income.female[u] : nan;
        gni_m[u] = estimated ? income.male[u] : nan;
    }
    out.add(indicator, Sex::female, std::move(gni_f), true);
    out.add(indicator, Sex::male, std::move(gni_m), true);
    out.add("income_share", Sex::female, std::move(share_f), true);
    out.add("income_share", Sex::male, std::move(share_m), true);
}

}  // namespace gendex::detail
