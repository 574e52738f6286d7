// BPS (Statistics Indonesia) indices: IPM (total and by sex), IPG, IDG, IKG.
//
// IPM "metode baru" is UNDP's HDI with Indonesian adjusted per-capita
// expenditure in place of GNI, on a 0-100 scale; it runs through the HDI block
// code with the expenditure goalposts of the edition. IPG, IDG and IKG follow
// methodology/bps.md. Shapes as in the UNDP kernels: a batch form over spans
// and a scalar form that runs the same code on one unit; invalid units get NaN
// outputs and a status naming the input, never a silent number.
#pragma once

#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/indices/gem.hpp"
#include "gendex/indices/hdi.hpp"
#include "gendex/sex.hpp"

GENDEX_KERNELS_BEGIN

namespace gendex::bps {

using undp::fault;
using undp::input_name;
using undp::unit_status;

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
[[nodiscard]] inline undp::detail::hdi_goalposts ipm_goalposts(const Edition& ed, Sex sex) {
    const auto& lo = sex == Sex::female ? ed.life_expectancy_f_min
                     : sex == Sex::male ? ed.life_expectancy_m_min
                                        : ed.life_expectancy_min;
    const auto& hi = sex == Sex::female ? ed.life_expectancy_f_max
                     : sex == Sex::male ? ed.life_expectancy_m_max
                                        : ed.life_expectancy_max;
    const double le_min = lo.value, le_max = hi.value;
    const double eys_min = ed.expected_schooling_min.value, eys_max = ed.expected_schooling_max.value;
    const double mys_min = ed.mean_schooling_min.value, mys_max = ed.mean_schooling_max.value;
    const double x_min = ed.expenditure_min.value, x_max = ed.expenditure_max.value;
    return {le_min,
            le_max,
            1.0 / (le_max - le_min),
            eys_min,
            eys_max,
            1.0 / (eys_max - eys_min),
            mys_min,
            mys_max,
            1.0 / (mys_max - mys_min),
            x_min,
            x_max,
            undp::detail::log(x_min),
            1.0 / (undp::detail::log(x_max) - undp::detail::log(x_min))};
}

}  // namespace detail

/// IPM of every unit, for one sex's goalposts (Sex::total: the IPM itself).
[[nodiscard]] inline ipm_results ipm(const Edition& ed, const ipm_columns& in, Sex sex) {
    const std::size_t n = undp::detail::common_length<4>(
        "ipm", {"life_expectancy", "expected_schooling", "mean_schooling", "per_capita_expenditure"},
        {in.life_expectancy.size(), in.expected_schooling.size(), in.mean_schooling.size(),
         in.per_capita_expenditure.size()});
    const auto g = detail::ipm_goalposts(ed, sex);
    const double scale = ed.bps_index_scale.value;
    ipm_results out;
    for (auto* v : {&out.health, &out.education, &out.expenditure, &out.ipm}) v->resize(n);
    out.status.resize(n);
    undp::detail::hdi_block b;
    for (std::size_t base = 0; base < n; base += undp::detail::block_size) {
        const std::size_t m = std::min(undp::detail::block_size, n - base);
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
                                : undp::detail::check_hdi_unit(g, in.life_expectancy[i], in.expected_schooling[i],
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
/// components the ratio amplifies the components' rounding (bps.md).
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

namespace detail {

[[nodiscard]] inline unit_status check_ikg(const ikg_input& x) {
    const std::array<double, 8> v{x.births_outside_facility,      x.first_birth_before_20,
                                  x.parliament_share_f,           x.parliament_share_m,
                                  x.upper_secondary_education_f,  x.upper_secondary_education_m,
                                  x.labour_force_participation_f, x.labour_force_participation_m};
    constexpr double hundred = undp::detail::percent;
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

}  // namespace detail

/// IKG of one unit (bps.md section 4): the UNDP GII structure with BPS's
/// reproductive-health term sqrt(c / (max(MTF, floor) * MHPK20)).
[[nodiscard]] inline ikg_value ikg(const Edition& ed, const ikg_input& x) {
    const double nan = undp::detail::not_a_number;
    const unit_status s = detail::check_ikg(x);
    if (!s.ok()) return {nan, nan, nan, nan, nan, nan, nan, nan, s};
    constexpr double hundred = undp::detail::percent;
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
    return {h, e_f, e_m, g_f, g_m, harmonic, reference, 1.0 - harmonic / reference, s};
}

/// IKG of every unit (the scalar form per unit, so both agree bit for bit).
[[nodiscard]] inline std::vector<ikg_value> ikg(const Edition& ed, std::span<const ikg_input> units) {
    std::vector<ikg_value> out;
    out.reserve(units.size());
    for (const auto& x : units) out.push_back(ikg(ed, x));
    return out;
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

/// IDG of one unit (bps.md section 3). The two participation indices are the
/// confirmed part; the income index follows the older BPS/UNDP notes and its
/// goalposts are edition constants marked unconfirmed.
[[nodiscard]] inline idg_value idg(const Edition& ed, const idg_input& x) {
    const double nan = undp::detail::not_a_number;
    constexpr double hundred = undp::detail::percent;
    const std::array<double, 3> shares{x.parliament_share_f, x.professional_share_f, x.income_share_f};
    for (std::uint8_t k = 0; k < shares.size(); ++k) {
        const auto s = undp::detail::check_within(shares[k], 0.0, hundred, k);
        if (!s.ok()) return {nan, nan, nan, nan, s};
    }
    if (auto s = undp::detail::check_within(x.population_share_f, 0.0, 1.0, 3);
        !s.ok() || x.population_share_f == 0.0 || x.population_share_f == 1.0)
        return {nan, nan, nan, nan, s.ok() ? unit_status{fault::below_minimum, 3} : s};
    if (auto s = undp::detail::check_at_least(x.purchasing_power, 0.0, 4); !s.ok()) return {nan, nan, nan, nan, s};
    const double eps = ed.gem_epsilon.value, parity = ed.gem_parity_share.value;
    const double p_f = x.population_share_f, p_m = 1.0 - p_f;
    auto participation = [&](double share_f) { return undp::edep(p_f, share_f, p_m, hundred - share_f, eps) / parity; };
    const double s_f = x.income_share_f / hundred, s_m = 1.0 - s_f;
    const double income_ede = undp::edep(p_f, s_f / p_f, p_m, s_m / p_m, eps);
    const double income = (income_ede * x.purchasing_power - ed.idg_income_min.value) /
                          (ed.idg_income_max.value - ed.idg_income_min.value);
    const double parl = participation(x.parliament_share_f), prof = participation(x.professional_share_f);
    return {parl, prof, income, ed.bps_index_scale.value * (parl + prof + income) / 3.0, {}};
}

}  // namespace gendex::bps

GENDEX_KERNELS_END
