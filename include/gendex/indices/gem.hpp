// Gender Empowerment Measure (HDR 1995-2009).
//
// Rebuilt from secondary sources: the HDR technical note itself was not
// available. What the sources fix: EDEP with epsilon = 2 and population
// shares, participation EDEPs divided by 50, managers and professional/
// technical averaged, GEM = mean of the three dimensions, EDEP = 0 when a
// share is 0. What they leave open is edition data, marked UNVERIFIED in the
// edition's sources: the income index form (linear by numerical evidence),
// whether incomes are capped at the maximum, and the earned-income default
// wage ratio (see earned_income with wage_ratio_default::gem).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/indices/hdi.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::undp {

using kernel::edep;

struct gem_input {
    double parliament_share_f, parliament_share_m;                          // percent of seats
    double managers_share_f, managers_share_m;                              // percent
    double professional_technical_share_f, professional_technical_share_m;  // percent
    double earned_income_f, earned_income_m;                                // PPP$
    double population_share_f, population_share_m;                          // fractions
};

inline constexpr std::array<input_name, 10> gem_input_names{{
    {"parliament_share", "female"},
    {"parliament_share", "male"},
    {"managers_share", "female"},
    {"managers_share", "male"},
    {"professional_technical_share", "female"},
    {"professional_technical_share", "male"},
    {"gni_per_capita", "female"},
    {"gni_per_capita", "male"},
    {"population_share", "female"},
    {"population_share", "male"},
}};

struct gem_value {
    double parliament_edep, managers_edep, professional_technical_edep;  // percent
    double political;                                                    // parliament EDEP / parity share
    double economic;                                                     // mean of the two indexed occupational EDEPs
    double income_index_f, income_index_m;
    double income;  // EDEP of the two income indices
    double gem;
    unit_status status;
};

struct gem_columns {
    std::span<const double> parliament_share_f, parliament_share_m;
    std::span<const double> managers_share_f, managers_share_m;
    std::span<const double> professional_technical_share_f, professional_technical_share_m;
    std::span<const double> earned_income_f, earned_income_m;
    std::span<const double> population_share_f, population_share_m;
};

struct gem_outputs {
    std::span<double> parliament_edep, managers_edep, professional_technical_edep;
    std::span<double> political, economic, income_index_f, income_index_m, income, gem;
    std::span<unit_status> status;
};

struct gem_results {
    std::vector<double> parliament_edep, managers_edep, professional_technical_edep;
    std::vector<double> political, economic, income_index_f, income_index_m, income, gem;
    std::vector<unit_status> status;
};

namespace detail {

struct gem_rules {
    double epsilon, parity;
    double income_min, income_max, log_income_min, log_income_range;
    bool income_log, income_capped;

    [[nodiscard]] double income_index(double y) const {
        if (income_capped) y = std::min(y, income_max);
        return income_log ? (std::log(y) - log_income_min) / log_income_range
                          : (y - income_min) / (income_max - income_min);
    }
};

[[nodiscard]] inline gem_rules make_gem_rules(const Edition& ed) {
    const double lo = ed.gem_income_min.value;
    const double hi = ed.gem_income_max.value;
    const bool log_scale = ed.gem_income_log.value;
    return {ed.gem_epsilon.value,
            ed.gem_parity_share.value,
            lo,
            hi,
            log_scale ? std::log(lo) : not_a_number,
            log_scale ? std::log(hi) - std::log(lo) : not_a_number,
            log_scale,
            ed.gem_income_capped.value};
}

}  // namespace detail

/// GEM of every unit into caller-provided spans.
[[gnu::noinline]] inline void gem(const Edition& ed, const gem_columns& in, const gem_outputs& out) {
    const std::size_t n = detail::common_length<10>(
        "gem",
        {"parliament_share_f", "parliament_share_m", "managers_share_f", "managers_share_m",
         "professional_technical_share_f", "professional_technical_share_m", "earned_income_f", "earned_income_m",
         "population_share_f", "population_share_m"},
        {in.parliament_share_f.size(), in.parliament_share_m.size(), in.managers_share_f.size(),
         in.managers_share_m.size(), in.professional_technical_share_f.size(), in.professional_technical_share_m.size(),
         in.earned_income_f.size(), in.earned_income_m.size(), in.population_share_f.size(),
         in.population_share_m.size()});
    detail::check_output("gem", "parliament_edep", out.parliament_edep.size(), n);
    detail::check_output("gem", "managers_edep", out.managers_edep.size(), n);
    detail::check_output("gem", "professional_technical_edep", out.professional_technical_edep.size(), n);
    detail::check_output("gem", "political", out.political.size(), n);
    detail::check_output("gem", "economic", out.economic.size(), n);
    detail::check_output("gem", "income_index_f", out.income_index_f.size(), n);
    detail::check_output("gem", "income_index_m", out.income_index_m.size(), n);
    detail::check_output("gem", "income", out.income.size(), n);
    detail::check_output("gem", "gem", out.gem.size(), n);
    detail::check_output("gem", "status", out.status.size(), n);

    const detail::gem_rules rules = detail::make_gem_rules(ed);
    double* o_parl = detail::wanted(out.parliament_edep);
    double* o_mgr = detail::wanted(out.managers_edep);
    double* o_prof = detail::wanted(out.professional_technical_edep);
    double* o_political = detail::wanted(out.political);
    double* o_economic = detail::wanted(out.economic);
    double* o_income_f = detail::wanted(out.income_index_f);
    double* o_income_m = detail::wanted(out.income_index_m);
    double* o_income = detail::wanted(out.income);
    double* o_gem = detail::wanted(out.gem);
    unit_status* o_status = detail::wanted(out.status);

    for (std::size_t i = 0; i < n; ++i) {
        const std::array<double, 6> shares{in.parliament_share_f[i],
                                           in.parliament_share_m[i],
                                           in.managers_share_f[i],
                                           in.managers_share_m[i],
                                           in.professional_technical_share_f[i],
                                           in.professional_technical_share_m[i]};
        const double y_f = in.earned_income_f[i];
        const double y_m = in.earned_income_m[i];
        const double p_f = in.population_share_f[i];
        const double p_m = in.population_share_m[i];

        unit_status s{};
        for (std::uint8_t k = 0; k < shares.size() && s.ok(); ++k)
            s = detail::check_within(shares[k], 0.0, detail::percent, k);
        if (s.ok()) s = detail::check_at_least(y_f, rules.income_min, 6);
        if (s.ok()) s = detail::check_at_least(y_m, rules.income_min, 7);
        if (s.ok()) s = detail::check_within(p_f, 0.0, 1.0, 8);
        if (s.ok()) s = detail::check_within(p_m, 0.0, 1.0, 9);

        const double nan = detail::not_a_number;
        gem_value v{nan, nan, nan, nan, nan, nan, nan, nan, nan, s};
        if (s.ok()) {
            const double eps = rules.epsilon;
            v.parliament_edep = edep(p_f, shares[0], p_m, shares[1], eps);
            v.managers_edep = edep(p_f, shares[2], p_m, shares[3], eps);
            v.professional_technical_edep = edep(p_f, shares[4], p_m, shares[5], eps);
            v.political = v.parliament_edep / rules.parity;
            v.economic = (v.managers_edep / rules.parity + v.professional_technical_edep / rules.parity) / 2.0;
            v.income_index_f = rules.income_index(y_f);
            v.income_index_m = rules.income_index(y_m);
            v.income = edep(p_f, v.income_index_f, p_m, v.income_index_m, eps);
            v.gem = (v.political + v.economic + v.income) / 3.0;
        }
        detail::put(o_parl, i, v.parliament_edep);
        detail::put(o_mgr, i, v.managers_edep);
        detail::put(o_prof, i, v.professional_technical_edep);
        detail::put(o_political, i, v.political);
        detail::put(o_economic, i, v.economic);
        detail::put(o_income_f, i, v.income_index_f);
        detail::put(o_income_m, i, v.income_index_m);
        detail::put(o_income, i, v.income);
        detail::put(o_gem, i, v.gem);
        detail::put(o_status, i, s);
    }
}

/// GEM of every unit, all outputs.
[[nodiscard]] inline gem_results gem(const Edition& ed, const gem_columns& in) {
    const std::size_t n = in.parliament_share_f.size();
    auto v = [n] { return std::vector<double>(n); };
    gem_results r{v(), v(), v(), v(), v(), v(), v(), v(), v(), std::vector<unit_status>(n)};
    gem(ed, in,
        {r.parliament_edep, r.managers_edep, r.professional_technical_edep, r.political, r.economic, r.income_index_f,
         r.income_index_m, r.income, r.gem, r.status});
    return r;
}

/// GEM of one unit (the batch loop on one unit).
[[nodiscard]] inline gem_value gem(const Edition& ed, const gem_input& in) {
    gem_value v{};
    gem(ed,
        {{&in.parliament_share_f, 1},
         {&in.parliament_share_m, 1},
         {&in.managers_share_f, 1},
         {&in.managers_share_m, 1},
         {&in.professional_technical_share_f, 1},
         {&in.professional_technical_share_m, 1},
         {&in.earned_income_f, 1},
         {&in.earned_income_m, 1},
         {&in.population_share_f, 1},
         {&in.population_share_m, 1}},
        {{&v.parliament_edep, 1},
         {&v.managers_edep, 1},
         {&v.professional_technical_edep, 1},
         {&v.political, 1},
         {&v.economic, 1},
         {&v.income_index_f, 1},
         {&v.income_index_m, 1},
         {&v.income, 1},
         {&v.gem, 1},
         {&v.status, 1}});
    return v;
}

}  // namespace gendex::undp

GENDEX_KERNELS_END
