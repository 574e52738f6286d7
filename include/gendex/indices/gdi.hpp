// Gender Development Index (UNDP Technical note 3) and the earned-income step
// that splits GNI per capita into female and male estimated earned income.
//
// GDI = HDI_f / HDI_m from the unrounded sex-specific HDIs; only the GDI
// itself is rounded, and the GDI group is read from that rounded value
// (dividing rounded HDIs instead misses 45% of published GDIs).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/indices/hdi.hpp"
#include "gendex/rounding.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::undp {

// ---------------------------------------------------------------- GDI groups

namespace detail {

// Group b holds the GDIs whose rounded value lies within bound b of parity.
// As thresholds on the unrounded GDI (see rounding_threshold): rounded >= P - B
// is gdi >= lower[b], and rounded <= P + B (whole units) is gdi < upper[b].
struct gdi_grouping {
    std::array<double, 4> lower, upper;

    [[nodiscard]] std::uint8_t of(double gdi) const {
        int group = 1;
        for (std::size_t b = 0; b < 4; ++b)
            group += static_cast<int>(gdi < lower[b]) + static_cast<int>(gdi >= upper[b]);
        return gdi >= 0.0 ? static_cast<std::uint8_t>(group) : std::uint8_t{0};
    }
};

[[nodiscard]] inline gdi_grouping make_gdi_grouping(const Edition& ed) {
    const decimal_units u = make_decimal_units(ed);
    const double parity = u.scale;  // 1.0 in units of 10^-digits
    gdi_grouping g{};
    const std::array<double, 4> bounds{ed.gdi_group1_max.value, ed.gdi_group2_max.value, ed.gdi_group3_max.value,
                                       ed.gdi_group4_max.value};
    for (std::size_t b = 0; b < 4; ++b) {
        // Bounds are percentages of deviation. Rounded values are whole units, so
        // a bound counts by its whole part (after dropping conversion noise).
        const double within = std::floor(round_half_up(bounds[b] / percent * u.scale, 9));
        g.lower[b] = gendex::detail::rounding_threshold(parity - within, u.scale);
        g.upper[b] = gendex::detail::rounding_threshold(parity + within + 1.0, u.scale);
    }
    return g;
}

}  // namespace detail

/// GDI group 1..5 from 100*|GDI - 1| of the GDI rounded to the edition's
/// digits, upper bounds inclusive (0.975 and 1.025 are group 1). NaN: 0.
[[nodiscard]] inline std::uint8_t gdi_group_of(const Edition& ed, double gdi) {
    return detail::make_gdi_grouping(ed).of(gdi);
}

// ---------------------------------------------------------------- earned income

/// Female share of the wage bill, S_f = r*EA_f / (r*EA_f + EA_m), with
/// EA_m = 1 - EA_f (shares of the economically active population).
[[nodiscard]] inline double female_wage_bill_share(double wage_ratio, double active_share_f) {
    const double weighted_f = wage_ratio * active_share_f;
    return weighted_f / (weighted_f + (1.0 - active_share_f));
}

struct income_by_sex {
    double female, male;
};

/// GNIpc_f = GNIpc*S_f/P_f and GNIpc_m = GNIpc*(1 - S_f)/(1 - P_f), where P_f
/// is the female share of the population.
[[nodiscard]] inline income_by_sex earned_income_by_sex(double gni_per_capita, double wage_bill_share_f,
                                                        double population_share_f) {
    return {gni_per_capita * wage_bill_share_f / population_share_f,
            gni_per_capita * (1.0 - wage_bill_share_f) / (1.0 - population_share_f)};
}

/// Which default stands in for a missing wage ratio: the current GDI's
/// (all-sector wages) or the GEM/old GDI's (non-agricultural wages).
enum class wage_ratio_default { gdi, gem };

struct earned_income_input {
    double gni_per_capita;      // PPP$ (GDP per capita for the GEM)
    double wage_ratio;          // female/male wage; NaN = missing -> edition default
    double active_share_f;      // female share of the economically active, 0..1
    double population_share_f;  // female share of the population, 0..1
};

inline constexpr std::array<input_name, 4> earned_income_input_names{{
    {"gni_per_capita", "total"},
    {"wage_ratio", "total"},
    {"economically_active_share", "female"},
    {"population_share", "female"},
}};

struct earned_income_value {
    double wage_ratio;                  // the ratio used
    std::uint8_t wage_ratio_defaulted;  // 1 when the edition default was used
    double wage_bill_share_f;
    double gni_per_capita_f, gni_per_capita_m;
    unit_status status;
};

struct earned_income_columns {
    std::span<const double> gni_per_capita;
    std::span<const double> wage_ratio;  // may be empty: every unit takes the default
    std::span<const double> active_share_f, population_share_f;
};

struct earned_income_outputs {
    std::span<double> wage_ratio;
    std::span<std::uint8_t> wage_ratio_defaulted;
    std::span<double> wage_bill_share_f, gni_per_capita_f, gni_per_capita_m;
    std::span<unit_status> status;
};

struct earned_income_results {
    std::vector<double> wage_ratio;
    std::vector<std::uint8_t> wage_ratio_defaulted;
    std::vector<double> wage_bill_share_f, gni_per_capita_f, gni_per_capita_m;
    std::vector<unit_status> status;
};

/// Female and male estimated earned income of every unit.
[[gnu::noinline]] inline void earned_income(const Edition& ed, const earned_income_columns& in,
                                            const earned_income_outputs& out,
                                            wage_ratio_default fallback = wage_ratio_default::gdi) {
    const bool have_ratio = !in.wage_ratio.empty();
    const std::size_t n = detail::common_length<3>(
        "earned_income", {"gni_per_capita", "economically_active_share_f", "population_share_f"},
        {in.gni_per_capita.size(), in.active_share_f.size(), in.population_share_f.size()});
    if (have_ratio && in.wage_ratio.size() != n)
        throw value_error("earned_income: input column 'wage_ratio' has " + std::to_string(in.wage_ratio.size()) +
                          " values but 'gni_per_capita' has " + std::to_string(n) +
                          " (pass an empty span to use the default for all)");
    detail::check_output("earned_income", "wage_ratio", out.wage_ratio.size(), n);
    detail::check_output("earned_income", "wage_ratio_defaulted", out.wage_ratio_defaulted.size(), n);
    detail::check_output("earned_income", "wage_bill_share_f", out.wage_bill_share_f.size(), n);
    detail::check_output("earned_income", "gni_per_capita_f", out.gni_per_capita_f.size(), n);
    detail::check_output("earned_income", "gni_per_capita_m", out.gni_per_capita_m.size(), n);
    detail::check_output("earned_income", "status", out.status.size(), n);

    const double default_ratio =
        fallback == wage_ratio_default::gdi ? ed.gdi_default_wage_ratio.value : ed.gem_default_wage_ratio.value;
    double* o_ratio = detail::wanted(out.wage_ratio);
    std::uint8_t* o_defaulted = detail::wanted(out.wage_ratio_defaulted);
    double* o_share = detail::wanted(out.wage_bill_share_f);
    double* o_f = detail::wanted(out.gni_per_capita_f);
    double* o_m = detail::wanted(out.gni_per_capita_m);
    unit_status* o_status = detail::wanted(out.status);

    for (std::size_t i = 0; i < n; ++i) {
        const double gni = in.gni_per_capita[i];
        const double given = have_ratio ? in.wage_ratio[i] : detail::not_a_number;
        const bool defaulted = std::isnan(given);
        const double ratio = defaulted ? default_ratio : given;
        const double active_f = in.active_share_f[i];
        const double pop_f = in.population_share_f[i];

        unit_status s = detail::check_at_least(gni, 0.0, 0);
        if (s.ok() && !(ratio > 0.0 && ratio <= DBL_MAX))
            s = {std::isinf(ratio) ? fault::not_finite : fault::below_minimum, 1};
        if (s.ok()) s = detail::check_within(active_f, 0.0, 1.0, 2);
        if (s.ok() && !(pop_f > 0.0 && pop_f < 1.0))  // both sexes must be present: it divides
            s = {std::isnan(pop_f) ? fault::not_finite : pop_f <= 0.0 ? fault::below_minimum : fault::above_maximum, 3};

        double share = detail::not_a_number;
        income_by_sex income{detail::not_a_number, detail::not_a_number};
        if (s.ok()) {
            share = female_wage_bill_share(ratio, active_f);
            income = earned_income_by_sex(gni, share, pop_f);
        }
        detail::put(o_ratio, i, s.ok() ? ratio : detail::not_a_number);
        detail::put(o_defaulted, i, static_cast<std::uint8_t>(defaulted));
        detail::put(o_share, i, share);
        detail::put(o_f, i, income.female);
        detail::put(o_m, i, income.male);
        detail::put(o_status, i, s);
    }
}

[[nodiscard]] inline earned_income_results earned_income(const Edition& ed, const earned_income_columns& in,
                                                         wage_ratio_default fallback = wage_ratio_default::gdi) {
    const std::size_t n = in.gni_per_capita.size();
    earned_income_results r{std::vector<double>(n), std::vector<std::uint8_t>(n), std::vector<double>(n),
                            std::vector<double>(n), std::vector<double>(n),       std::vector<unit_status>(n)};
    earned_income(
        ed, in,
        {r.wage_ratio, r.wage_ratio_defaulted, r.wage_bill_share_f, r.gni_per_capita_f, r.gni_per_capita_m, r.status},
        fallback);
    return r;
}

[[nodiscard]] inline earned_income_value earned_income(const Edition& ed, const earned_income_input& in,
                                                       wage_ratio_default fallback = wage_ratio_default::gdi) {
    earned_income_value v{};
    earned_income(ed,
                  {{&in.gni_per_capita, 1}, {&in.wage_ratio, 1}, {&in.active_share_f, 1}, {&in.population_share_f, 1}},
                  {{&v.wage_ratio, 1},
                   {&v.wage_ratio_defaulted, 1},
                   {&v.wage_bill_share_f, 1},
                   {&v.gni_per_capita_f, 1},
                   {&v.gni_per_capita_m, 1},
                   {&v.status, 1}},
                  fallback);
    return v;
}

// ---------------------------------------------------------------- GDI kernel

struct gdi_input {
    double life_expectancy_f, expected_schooling_f, mean_schooling_f, gni_per_capita_f;
    double life_expectancy_m, expected_schooling_m, mean_schooling_m, gni_per_capita_m;
};

inline constexpr std::array<input_name, 8> gdi_input_names{{
    {"life_expectancy", "female"},
    {"expected_schooling", "female"},
    {"mean_schooling", "female"},
    {"gni_per_capita", "female"},
    {"life_expectancy", "male"},
    {"expected_schooling", "male"},
    {"mean_schooling", "male"},
    {"gni_per_capita", "male"},
}};

struct gdi_value {
    double health_f, education_f, income_f, hdi_f;
    double health_m, education_m, income_m, hdi_m;
    double gdi;
    std::uint8_t group;  // 1..5, 0 = no value
    unit_status status;
};

struct gdi_columns {
    std::span<const double> life_expectancy_f, expected_schooling_f, mean_schooling_f, gni_per_capita_f;
    std::span<const double> life_expectancy_m, expected_schooling_m, mean_schooling_m, gni_per_capita_m;
};

struct gdi_outputs {
    std::span<double> health_f, education_f, income_f, hdi_f;
    std::span<double> health_m, education_m, income_m, hdi_m;
    std::span<double> gdi;
    std::span<std::uint8_t> group;
    std::span<unit_status> status;
};

struct gdi_results {
    std::vector<double> health_f, education_f, income_f, hdi_f;
    std::vector<double> health_m, education_m, income_m, hdi_m;
    std::vector<double> gdi;
    std::vector<std::uint8_t> group;
    std::vector<unit_status> status;
};

namespace detail {

// The block loop of gdi(), compiled once per clone. It must not throw:
// every check happens in the caller (batch_compile.hpp).
GENDEX_BATCH_FUNCTION(gdi_blocks,
                      (const hdi_goalposts gf, const hdi_goalposts gm, const gdi_grouping grouping,
                       const gdi_columns& in, const gdi_outputs& out, std::size_t n),
                      (gf, gm, grouping, in, out, n)) {
    const double* le_f = in.life_expectancy_f.data();
    const double* eys_f = in.expected_schooling_f.data();
    const double* mys_f = in.mean_schooling_f.data();
    const double* gni_f = in.gni_per_capita_f.data();
    const double* le_m = in.life_expectancy_m.data();
    const double* eys_m = in.expected_schooling_m.data();
    const double* mys_m = in.mean_schooling_m.data();
    const double* gni_m = in.gni_per_capita_m.data();
    double* o_health_f = wanted(out.health_f);
    double* o_education_f = wanted(out.education_f);
    double* o_income_f = wanted(out.income_f);
    double* o_hdi_f = wanted(out.hdi_f);
    double* o_health_m = wanted(out.health_m);
    double* o_education_m = wanted(out.education_m);
    double* o_income_m = wanted(out.income_m);
    double* o_hdi_m = wanted(out.hdi_m);
    double* o_gdi = wanted(out.gdi);
    std::uint8_t* o_group = wanted(out.group);
    unit_status* o_status = wanted(out.status);

    hdi_block bf;
    hdi_block bm;
    double ratio[block_size];
    for (std::size_t base = 0; base < n; base += block_size) {
        const std::size_t m = std::min(block_size, n - base);
        for (const double* column : {le_f, eys_f, mys_f, gni_f, le_m, eys_m, mys_m, gni_m})
            prefetch_ahead(column, base, n);
        for (std::size_t k = 0; k < m; ++k) {
            const std::size_t i = base + k;
            bf.gather(gf, k, le_f[i], eys_f[i], mys_f[i], gni_f[i]);
            bm.gather(gm, k, le_m[i], eys_m[i], mys_m[i], gni_m[i]);
        }
        bf.pad(gf, m);
        bm.pad(gm, m);
        bf.compute(gf);
        bm.compute(gm);
        for (std::size_t k = 0; k < block_size; ++k) ratio[k] = bf.hdi[k] / bm.hdi[k];
        store(o_health_f, base, bf.health, m);
        store(o_education_f, base, bf.education, m);
        store(o_income_f, base, bf.income, m);
        store(o_hdi_f, base, bf.hdi, m);
        store(o_health_m, base, bm.health, m);
        store(o_education_m, base, bm.education, m);
        store(o_income_m, base, bm.income, m);
        store(o_hdi_m, base, bm.hdi, m);
        store(o_gdi, base, ratio, m);
        if (o_group != nullptr)
            for (std::size_t k = 0; k < m; ++k) o_group[base + k] = grouping.of(ratio[k]);
        fill(o_status, base, unit_status{}, m);
        if (all_valid(bf.ok, m) && all_valid(bm.ok, m)) [[likely]]
            continue;
        for (std::size_t k = 0; k < m; ++k) {
            if (bf.ok[k] && bm.ok[k]) continue;
            const std::size_t i = base + k;
            for (double* o : {o_health_f, o_education_f, o_income_f, o_hdi_f, o_health_m, o_education_m, o_income_m,
                              o_hdi_m, o_gdi})
                put(o, i, not_a_number);
            put(o_group, i, std::uint8_t{0});
            if (o_status != nullptr) {
                unit_status s = check_hdi_unit(gf, le_f[i], eys_f[i], mys_f[i], gni_f[i], 0);
                if (s.ok()) s = check_hdi_unit(gm, le_m[i], eys_m[i], mys_m[i], gni_m[i], 4);
                o_status[i] = s;
            }
        }
    }
}

}  // namespace detail

/// GDI of every unit into caller-provided spans.
inline void gdi(const Edition& ed, const gdi_columns& in, const gdi_outputs& out) {
    const std::size_t n = detail::common_length<8>(
        "gdi",
        {"life_expectancy_f", "expected_schooling_f", "mean_schooling_f", "gni_per_capita_f", "life_expectancy_m",
         "expected_schooling_m", "mean_schooling_m", "gni_per_capita_m"},
        {in.life_expectancy_f.size(), in.expected_schooling_f.size(), in.mean_schooling_f.size(),
         in.gni_per_capita_f.size(), in.life_expectancy_m.size(), in.expected_schooling_m.size(),
         in.mean_schooling_m.size(), in.gni_per_capita_m.size()});
    detail::check_output("gdi", "health_f", out.health_f.size(), n);
    detail::check_output("gdi", "education_f", out.education_f.size(), n);
    detail::check_output("gdi", "income_f", out.income_f.size(), n);
    detail::check_output("gdi", "hdi_f", out.hdi_f.size(), n);
    detail::check_output("gdi", "health_m", out.health_m.size(), n);
    detail::check_output("gdi", "education_m", out.education_m.size(), n);
    detail::check_output("gdi", "income_m", out.income_m.size(), n);
    detail::check_output("gdi", "hdi_m", out.hdi_m.size(), n);
    detail::check_output("gdi", "gdi", out.gdi.size(), n);
    detail::check_output("gdi", "group", out.group.size(), n);
    detail::check_output("gdi", "status", out.status.size(), n);

    const detail::hdi_goalposts gf =
        detail::make_hdi_goalposts(ed, ed.life_expectancy_f_min.value, ed.life_expectancy_f_max.value);
    const detail::hdi_goalposts gm =
        detail::make_hdi_goalposts(ed, ed.life_expectancy_m_min.value, ed.life_expectancy_m_max.value);
    const detail::gdi_grouping grouping = detail::make_gdi_grouping(ed);
    detail::gdi_blocks(gf, gm, grouping, in, out, n);
}

/// GDI of every unit, all outputs.
[[nodiscard]] inline gdi_results gdi(const Edition& ed, const gdi_columns& in) {
    const std::size_t n = in.life_expectancy_f.size();
    auto v = [n] { return std::vector<double>(n); };
    gdi_results r{
        v(), v(), v(), v(), v(), v(), v(), v(), v(), std::vector<std::uint8_t>(n), std::vector<unit_status>(n)};
    gdi(ed, in,
        {r.health_f, r.education_f, r.income_f, r.hdi_f, r.health_m, r.education_m, r.income_m, r.hdi_m, r.gdi, r.group,
         r.status});
    return r;
}

/// GDI of one unit (the batch loop on one unit).
[[nodiscard]] inline gdi_value gdi(const Edition& ed, const gdi_input& in) {
    gdi_value v{};
    gdi(ed,
        {{&in.life_expectancy_f, 1},
         {&in.expected_schooling_f, 1},
         {&in.mean_schooling_f, 1},
         {&in.gni_per_capita_f, 1},
         {&in.life_expectancy_m, 1},
         {&in.expected_schooling_m, 1},
         {&in.mean_schooling_m, 1},
         {&in.gni_per_capita_m, 1}},
        {{&v.health_f, 1},
         {&v.education_f, 1},
         {&v.income_f, 1},
         {&v.hdi_f, 1},
         {&v.health_m, 1},
         {&v.education_m, 1},
         {&v.income_m, 1},
         {&v.hdi_m, 1},
         {&v.gdi, 1},
         {&v.group, 1},
         {&v.status, 1}});
    return v;
}

}  // namespace gendex::undp

GENDEX_KERNELS_END
