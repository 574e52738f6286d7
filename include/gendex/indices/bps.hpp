// BPS (Statistics Indonesia) indices: IPM (total and by sex), IPG, IDG, IKG.
//
// IPM "metode baru" is UNDP's HDI with Indonesian adjusted per-capita
// expenditure in place of GNI, on a 0-100 scale; it runs through the HDI block
// code with the expenditure goalposts of the edition. IPG, IDG and IKG follow
// docs/bps-indices.md. Shapes as in the UNDP kernels (indices/kernel.hpp): a
// batch form over columns and a scalar form that runs the same code on one
// unit; invalid units get NaN outputs and a status naming the input, never a
// silent number.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/indices/kernel.hpp"
#include "gendex/sex.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::bps {

using kernel::fault;
using kernel::input_name;
using kernel::unit_status;

// ---------------------------------------------------------------- IPM

struct ipm_input {
    double life_expectancy;         // UHH, years
    double expected_schooling;      // HLS, years
    double mean_schooling;          // RLS, years, 25+
    double per_capita_expenditure;  // PPK, thousand Rp/person/year (2012 prices, adjusted)
};

inline constexpr std::array<input_name, 4> ipm_input_names{{
    {"life_expectancy", "as given"},
    {"expected_schooling", "as given"},
    {"mean_schooling", "as given"},
    {"per_capita_expenditure", "as given"},
}};

struct ipm_value {
    double health, education, expenditure, ipm;  // dimension indices 0-1; IPM 0-100
    unit_status status;
};

struct ipm_columns {
    std::span<const double> life_expectancy, expected_schooling, mean_schooling, per_capita_expenditure;
};

struct ipm_results {
    std::vector<double> health, education, expenditure, ipm;
    std::vector<unit_status> status;
};

namespace detail {

/// The HDI goalposts with BPS's expenditure in place of GNI; life expectancy
/// by sex as for UNDP's GDI (women 22.5-87.5, men 17.5-82.5), total 20-85.
[[nodiscard]] inline kernel::detail::hdi_goalposts ipm_goalposts(const Edition& ed, Sex sex) {
    const auto& lo = sex == Sex::female ? ed.life_expectancy_f_min
                     : sex == Sex::male ? ed.life_expectancy_m_min
                                        : ed.life_expectancy_min;
    const auto& hi = sex == Sex::female ? ed.life_expectancy_f_max
                     : sex == Sex::male ? ed.life_expectancy_m_max
                                        : ed.life_expectancy_max;
    return kernel::detail::make_goalposts(ed, lo.value, hi.value, ed.expenditure_min.value, ed.expenditure_max.value);
}

}  // namespace detail

/// IPM of every unit, for one sex's goalposts (Sex::total: the IPM itself).
[[nodiscard]] inline ipm_results ipm(const Edition& ed, const ipm_columns& in, Sex sex) {
    const std::size_t n = kernel::detail::common_length<4>(
        "ipm", {"life_expectancy", "expected_schooling", "mean_schooling", "per_capita_expenditure"},
        {in.life_expectancy.size(), in.expected_schooling.size(), in.mean_schooling.size(),
         in.per_capita_expenditure.size()});
    const auto g = detail::ipm_goalposts(ed, sex);
    const double scale = ed.bps_index_scale.value;
    ipm_results out;
    for (auto* v : {&out.health, &out.education, &out.expenditure, &out.ipm}) v->resize(n);
    out.status.resize(n);
    kernel::detail::hdi_block b;
    for (std::size_t base = 0; base < n; base += kernel::detail::block_size) {
        const std::size_t m = std::min(kernel::detail::block_size, n - base);
        for (std::size_t k = 0; k < m; ++k)
            b.gather(g, k, in.life_expectancy[base + k], in.expected_schooling[base + k], in.mean_schooling[base + k],
                     in.per_capita_expenditure[base + k]);
        b.pad(g, m);
        b.compute(g);
        for (std::size_t k = 0; k < m; ++k) {
            const std::size_t i = base + k;
            const auto d = b.lane(k);
            out.health[i] = d.health, out.education[i] = d.education, out.expenditure[i] = d.income;
            out.ipm[i] = scale * d.hdi;
            out.status[i] = b.ok[k]
                                ? unit_status{}
                                : kernel::detail::check_hdi_unit(g, in.life_expectancy[i], in.expected_schooling[i],
                                                                 in.mean_schooling[i], in.per_capita_expenditure[i], 0);
        }
    }
    return out;
}

[[nodiscard]] inline ipm_value ipm(const Edition& ed, const ipm_input& x, Sex sex) {
    const auto r = ipm(ed,
                       ipm_columns{{&x.life_expectancy, 1},
                                   {&x.expected_schooling, 1},
                                   {&x.mean_schooling, 1},
                                   {&x.per_capita_expenditure, 1}},
                       sex);
    return {r.health[0], r.education[0], r.expenditure[0], r.ipm[0], r.status[0]};
}

// ---------------------------------------------------------------- IPG

/// IPG = scale * IPM_P / IPM_L (BPS). From published IPMs this reproduces
/// BPS's IPG within print rounding; from IPMs recomputed from rounded
/// components the ratio amplifies the components' rounding (docs/bps-indices.md).
[[nodiscard]] inline double ipg(const Edition& ed, double ipm_female, double ipm_male) {
    return ed.bps_index_scale.value * ipm_female / ipm_male;
}

// ---------------------------------------------------------------- IKG

struct ikg_input {
    double births_outside_facility;                 // MTF, percent of recent live births not in a facility
    double first_birth_before_20;                   // MHPK20, percent of ever-married women 15-49
    double parliament_share_f, parliament_share_m;  // percent of legislature seats
    double upper_secondary_education_f, upper_secondary_education_m;    // percent of 25+ with SMA+
    double labour_force_participation_f, labour_force_participation_m;  // TPAK, percent
};

inline constexpr std::array<input_name, 8> ikg_input_names{{
    {"births_outside_facility", "female"},
    {"first_birth_before_20", "female"},
    {"parliament_share", "female"},
    {"parliament_share", "male"},
    {"upper_secondary_education", "female"},
    {"upper_secondary_education", "male"},
    {"labour_force_participation", "female"},
    {"labour_force_participation", "male"},
}};

struct ikg_value {
    double health;                         // women's reproductive-health term h_F
    double empowerment_f, empowerment_m;   // sqrt(PR * SE), fractions
    double g_f, g_m, harmonic, reference;  // G_F, G_M, HARM(G_F, G_M), G_F,M
    double ikg;
    unit_status status;
};

struct ikg_columns {
    std::span<const double> births_outside_facility, first_birth_before_20;
    std::span<const double> parliament_share_f, parliament_share_m;
    std::span<const double> upper_secondary_education_f, upper_secondary_education_m;
    std::span<const double> labour_force_participation_f, labour_force_participation_m;
};

/// Outputs of the batch IKG; an empty span is not written.
struct ikg_outputs {
    std::span<double> health, empowerment_f, empowerment_m, g_f, g_m, harmonic, reference, ikg;
    std::span<unit_status> status;
};

struct ikg_results {
    std::vector<double> health, empowerment_f, empowerment_m, g_f, g_m, harmonic, reference, ikg;
    std::vector<unit_status> status;
};

namespace detail {

[[nodiscard]] inline unit_status check_ikg(const ikg_input& x) {
    const std::array<double, 8> v{x.births_outside_facility,      x.first_birth_before_20,
                                  x.parliament_share_f,           x.parliament_share_m,
                                  x.upper_secondary_education_f,  x.upper_secondary_education_m,
                                  x.labour_force_participation_f, x.labour_force_participation_m};
    constexpr double hundred = kernel::detail::percent;
    for (std::uint8_t k = 0; k < v.size(); ++k) {
        if (!std::isfinite(v[k])) return {fault::not_finite, k};
        if (v[k] < 0.0) return {fault::below_minimum, k};
        if (v[k] > hundred) return {fault::above_maximum, k};
    }
    // Geometric means cannot take zeros: only MTF and women's seats have a
    // floor (edition data); a zero anywhere else is an error, not a guess.
    for (std::uint8_t k :
         {std::uint8_t{1}, std::uint8_t{3}, std::uint8_t{4}, std::uint8_t{5}, std::uint8_t{6}, std::uint8_t{7}})
        if (v[k] == 0.0) return {fault::below_minimum, k};
    return {};
}

/// IKG of one unit: the UNDP GII structure with BPS's reproductive-health
/// term sqrt(c / (max(MTF, floor) * MHPK20)).
[[nodiscard]] inline ikg_value ikg_unit(const Edition& ed, const ikg_input& x) {
    const double nan = kernel::detail::not_a_number;
    const unit_status s = detail::check_ikg(x);
    if (!s.ok()) return {nan, nan, nan, nan, nan, nan, nan, nan, s};
    constexpr double hundred = kernel::detail::percent;
    const double floor = ed.ikg_parliament_floor.value;
    double pr_f = x.parliament_share_f, pr_m = x.parliament_share_m;
    if (pr_f < floor) pr_f = floor, pr_m = hundred - floor;  // shares of one whole stay complementary
    const double h = std::sqrt(ed.ikg_health_constant.value /
                               (std::max(x.births_outside_facility, ed.ikg_mtf_floor.value) * x.first_birth_before_20));
    const double e_f = std::sqrt(pr_f / hundred * x.upper_secondary_education_f / hundred);
    const double e_m = std::sqrt(pr_m / hundred * x.upper_secondary_education_m / hundred);
    const double l_f = x.labour_force_participation_f / hundred, l_m = x.labour_force_participation_m / hundred;
    const double g_f = std::cbrt(h * e_f * l_f);
    const double g_m = std::cbrt(e_m * l_m);  // men's health term is 1
    const double harmonic = 2.0 / (1.0 / g_f + 1.0 / g_m);
    const double reference = std::cbrt((h + 1.0) / 2.0 * ((e_f + e_m) / 2.0) * ((l_f + l_m) / 2.0));
    // IKG >= 0 (HARM <= G_FM): a -2e-16 at parity is rounding, not inequality.
    return {h, e_f, e_m, g_f, g_m, harmonic, reference, std::max(1.0 - harmonic / reference, 0.0), s};
}

}  // namespace detail

/// IKG of every unit (docs/bps-indices.md).
inline void ikg(const Edition& ed, const ikg_columns& in, const ikg_outputs& out) {
    const std::size_t n = kernel::detail::common_length<8>(
        "ikg",
        {"births_outside_facility", "first_birth_before_20", "parliament_share_f", "parliament_share_m",
         "upper_secondary_education_f", "upper_secondary_education_m", "labour_force_participation_f",
         "labour_force_participation_m"},
        {in.births_outside_facility.size(), in.first_birth_before_20.size(), in.parliament_share_f.size(),
         in.parliament_share_m.size(), in.upper_secondary_education_f.size(), in.upper_secondary_education_m.size(),
         in.labour_force_participation_f.size(), in.labour_force_participation_m.size()});
    using kernel::detail::check_output;
    check_output("ikg", "health", out.health.size(), n);
    check_output("ikg", "empowerment_f", out.empowerment_f.size(), n);
    check_output("ikg", "empowerment_m", out.empowerment_m.size(), n);
    check_output("ikg", "g_f", out.g_f.size(), n);
    check_output("ikg", "g_m", out.g_m.size(), n);
    check_output("ikg", "harmonic", out.harmonic.size(), n);
    check_output("ikg", "reference", out.reference.size(), n);
    check_output("ikg", "ikg", out.ikg.size(), n);
    check_output("ikg", "status", out.status.size(), n);
    using kernel::detail::put;
    using kernel::detail::wanted;
    double *o_h = wanted(out.health), *o_ef = wanted(out.empowerment_f), *o_em = wanted(out.empowerment_m);
    double *o_gf = wanted(out.g_f), *o_gm = wanted(out.g_m), *o_harm = wanted(out.harmonic);
    double *o_ref = wanted(out.reference), *o_ikg = wanted(out.ikg);
    unit_status* o_status = wanted(out.status);
    for (std::size_t i = 0; i < n; ++i) {
        const ikg_value v = detail::ikg_unit(
            ed, {in.births_outside_facility[i], in.first_birth_before_20[i], in.parliament_share_f[i],
                 in.parliament_share_m[i], in.upper_secondary_education_f[i], in.upper_secondary_education_m[i],
                 in.labour_force_participation_f[i], in.labour_force_participation_m[i]});
        put(o_h, i, v.health), put(o_ef, i, v.empowerment_f), put(o_em, i, v.empowerment_m);
        put(o_gf, i, v.g_f), put(o_gm, i, v.g_m), put(o_harm, i, v.harmonic), put(o_ref, i, v.reference);
        put(o_ikg, i, v.ikg), put(o_status, i, v.status);
    }
}

[[nodiscard]] inline ikg_results ikg(const Edition& ed, const ikg_columns& in) {
    const std::size_t n = in.births_outside_facility.size();
    ikg_results r;
    for (auto* v : {&r.health, &r.empowerment_f, &r.empowerment_m, &r.g_f, &r.g_m, &r.harmonic, &r.reference, &r.ikg})
        v->resize(n);
    r.status.resize(n);
    ikg(ed, in, {r.health, r.empowerment_f, r.empowerment_m, r.g_f, r.g_m, r.harmonic, r.reference, r.ikg, r.status});
    return r;
}

/// IKG of one unit (the batch code on one unit).
[[nodiscard]] inline ikg_value ikg(const Edition& ed, const ikg_input& x) {
    ikg_value v{};
    ikg(ed,
        {{&x.births_outside_facility, 1},
         {&x.first_birth_before_20, 1},
         {&x.parliament_share_f, 1},
         {&x.parliament_share_m, 1},
         {&x.upper_secondary_education_f, 1},
         {&x.upper_secondary_education_m, 1},
         {&x.labour_force_participation_f, 1},
         {&x.labour_force_participation_m, 1}},
        {{&v.health, 1},
         {&v.empowerment_f, 1},
         {&v.empowerment_m, 1},
         {&v.g_f, 1},
         {&v.g_m, 1},
         {&v.harmonic, 1},
         {&v.reference, 1},
         {&v.ikg, 1},
         {&v.status, 1}});
    return v;
}

// ---------------------------------------------------------------- IDG

/// BPS publishes women's shares only; men's are 100 minus them.
struct idg_input {
    double parliament_share_f;    // percent of legislature seats
    double professional_share_f;  // percent of professional, managerial, administrative, technical workers
    double income_share_f;        // percent of earned income (sumbangan pendapatan)
    double population_share_f;    // fraction of the population that is female
    double purchasing_power;      // thousand Rp: the income step's PPP level (unconfirmed, see edition)
};

inline constexpr std::array<input_name, 5> idg_input_names{{
    {"parliament_share", "female"},
    {"professional_share", "female"},
    {"income_share", "female"},
    {"population", "female share"},
    {"purchasing_power", "total"},
}};

struct idg_value {
    double parliament_index;    // EDEP(%F, %M) / 50 [confirmed]
    double professional_index;  // EDEP(%F, %M) / 50 [confirmed]
    double income_index;        // unconfirmed income step
    double idg;                 // scale * mean of the three
    unit_status status;
};

struct idg_columns {
    std::span<const double> parliament_share_f, professional_share_f, income_share_f, population_share_f,
        purchasing_power;
};

/// Outputs of the batch IDG; an empty span is not written.
struct idg_outputs {
    std::span<double> parliament_index, professional_index, income_index, idg;
    std::span<unit_status> status;
};

struct idg_results {
    std::vector<double> parliament_index, professional_index, income_index, idg;
    std::vector<unit_status> status;
};

/// The income step of the IDG, as the worked examples print it (docs/bps-indices.md).
struct idg_income_value {
    double proportional_share_f;  // S_f / p_f (women's income share over their population share)
    double proportional_share_m;  // S_m / p_m
    double income_ede;            // X_ede: EDEP of the two, epsilon 2
    double income_index;          // (X_ede * purchasing power - offset) / (max - min)
};

/// The income step for a women's income share in percent (BPS's "sumbangan pendapatan"), the female
/// population share as a fraction and the old-method purchasing power in thousand Rp. Inputs are
/// checked by the callers.
[[nodiscard]] inline idg_income_value idg_income(const Edition& ed, double income_share_f, double population_share_f,
                                                 double purchasing_power) {
    const double p_f = population_share_f, p_m = 1.0 - p_f;
    const double s_f = income_share_f / kernel::detail::percent, s_m = 1.0 - s_f;
    const double ede = kernel::edep(p_f, s_f / p_f, p_m, s_m / p_m, ed.gem_epsilon.value);
    return {
        s_f / p_f, s_m / p_m, ede,
        (ede * purchasing_power - ed.idg_income_offset.value) / (ed.idg_income_max.value - ed.idg_income_min.value)};
}

/// The purchasing power an IDG implies, the one unknown of the income step once the three shares and
/// the female population share are given: the consistency check of docs/bps-indices.md. NaN when the
/// shares or the population share are out of range; an income index outside [0, 1] is returned as
/// computed (a plausibility question for the caller, not an error).
[[nodiscard]] inline double idg_implied_purchasing_power(const Edition& ed, double idg, double parliament_share_f,
                                                         double professional_share_f, double income_share_f,
                                                         double population_share_f);

namespace detail {

/// A fault in one of the shares (percent) or the female population share (a fraction strictly
/// between 0 and 1); the status names the input.
[[nodiscard]] inline unit_status idg_share_status(double parliament_share_f, double professional_share_f,
                                                  double income_share_f, double population_share_f) {
    const std::array<double, 3> shares{parliament_share_f, professional_share_f, income_share_f};
    for (std::uint8_t k = 0; k < shares.size(); ++k)
        if (const auto s = kernel::detail::check_within(shares[k], 0.0, kernel::detail::percent, k); !s.ok()) return s;
    const auto s = kernel::detail::check_within(population_share_f, 0.0, 1.0, 3);
    if (!s.ok()) return s;
    if (population_share_f == 0.0 || population_share_f == 1.0) return {fault::below_minimum, 3};
    return {};
}

/// EDEP(%F, %M) / parity share of one participation share (0 when there are no women: EDEP of a
/// zero share is zero, the harmonic mean's limit).
[[nodiscard]] inline double idg_participation(const Edition& ed, double share_f, double population_share_f) {
    constexpr double hundred = kernel::detail::percent;
    return kernel::edep(population_share_f, share_f, 1.0 - population_share_f, hundred - share_f,
                        ed.gem_epsilon.value) /
           ed.gem_parity_share.value;
}

/// IDG of one unit. The two participation indices are the confirmed part;
/// the income index follows the older BPS/UNDP notes and its goalposts are
/// edition constants marked unconfirmed.
[[nodiscard]] inline idg_value idg_unit(const Edition& ed, const idg_input& x) {
    const double nan = kernel::detail::not_a_number;
    if (const auto s =
            idg_share_status(x.parliament_share_f, x.professional_share_f, x.income_share_f, x.population_share_f);
        !s.ok())
        return {nan, nan, nan, nan, s};
    if (auto s = kernel::detail::check_at_least(x.purchasing_power, 0.0, 4); !s.ok()) return {nan, nan, nan, nan, s};
    const double income = idg_income(ed, x.income_share_f, x.population_share_f, x.purchasing_power).income_index;
    const double parl = idg_participation(ed, x.parliament_share_f, x.population_share_f);
    const double prof = idg_participation(ed, x.professional_share_f, x.population_share_f);
    return {parl, prof, income, ed.bps_index_scale.value * (parl + prof + income) / 3.0, {}};
}

}  // namespace detail

inline double idg_implied_purchasing_power(const Edition& ed, double idg, double parliament_share_f,
                                           double professional_share_f, double income_share_f,
                                           double population_share_f) {
    if (!detail::idg_share_status(parliament_share_f, professional_share_f, income_share_f, population_share_f).ok() ||
        !std::isfinite(idg))
        return kernel::detail::not_a_number;
    // IDG = scale (parl + prof + I) / 3 and I = (X_ede P - offset) / (max - min), solved for P.
    const double income_index = 3.0 * idg / ed.bps_index_scale.value -
                                detail::idg_participation(ed, parliament_share_f, population_share_f) -
                                detail::idg_participation(ed, professional_share_f, population_share_f);
    const double ede = idg_income(ed, income_share_f, population_share_f, 0.0).income_ede;
    if (!(ede > 0.0)) return kernel::detail::not_a_number;  // no women's income: any purchasing power fits
    return (income_index * (ed.idg_income_max.value - ed.idg_income_min.value) + ed.idg_income_offset.value) / ede;
}

/// IDG of every unit (docs/bps-indices.md).
inline void idg(const Edition& ed, const idg_columns& in, const idg_outputs& out) {
    const std::size_t n = kernel::detail::common_length<5>(
        "idg",
        {"parliament_share_f", "professional_share_f", "income_share_f", "population_share_f", "purchasing_power"},
        {in.parliament_share_f.size(), in.professional_share_f.size(), in.income_share_f.size(),
         in.population_share_f.size(), in.purchasing_power.size()});
    using kernel::detail::check_output;
    check_output("idg", "parliament_index", out.parliament_index.size(), n);
    check_output("idg", "professional_index", out.professional_index.size(), n);
    check_output("idg", "income_index", out.income_index.size(), n);
    check_output("idg", "idg", out.idg.size(), n);
    check_output("idg", "status", out.status.size(), n);
    using kernel::detail::put;
    using kernel::detail::wanted;
    double *o_parl = wanted(out.parliament_index), *o_prof = wanted(out.professional_index);
    double *o_inc = wanted(out.income_index), *o_idg = wanted(out.idg);
    unit_status* o_status = wanted(out.status);
    for (std::size_t i = 0; i < n; ++i) {
        const idg_value v =
            detail::idg_unit(ed, {in.parliament_share_f[i], in.professional_share_f[i], in.income_share_f[i],
                                  in.population_share_f[i], in.purchasing_power[i]});
        put(o_parl, i, v.parliament_index), put(o_prof, i, v.professional_index), put(o_inc, i, v.income_index);
        put(o_idg, i, v.idg), put(o_status, i, v.status);
    }
}

[[nodiscard]] inline idg_results idg(const Edition& ed, const idg_columns& in) {
    const std::size_t n = in.parliament_share_f.size();
    idg_results r;
    for (auto* v : {&r.parliament_index, &r.professional_index, &r.income_index, &r.idg}) v->resize(n);
    r.status.resize(n);
    idg(ed, in, {r.parliament_index, r.professional_index, r.income_index, r.idg, r.status});
    return r;
}

/// IDG of one unit (the batch code on one unit).
[[nodiscard]] inline idg_value idg(const Edition& ed, const idg_input& x) {
    idg_value v{};
    idg(ed,
        {{&x.parliament_share_f, 1},
         {&x.professional_share_f, 1},
         {&x.income_share_f, 1},
         {&x.population_share_f, 1},
         {&x.purchasing_power, 1}},
        {{&v.parliament_index, 1}, {&v.professional_index, 1}, {&v.income_index, 1}, {&v.idg, 1}, {&v.status, 1}});
    return v;
}

}  // namespace gendex::bps

GENDEX_KERNELS_END
