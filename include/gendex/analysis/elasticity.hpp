// Analytic gradients and elasticities of an index with respect to each of its inputs, per
// region-period (docs/planning.md). Which indices have them, and in which form, is a fact of the
// index table (compute/index_table.hpp -> compute/gradient_model.hpp); this file dispatches on the
// form: HDI and IPM (hdi), IHDI (ihdi), GDI and IPG (sex_ratio), GII and IKG (gii), GEM (gem),
// IDG (idg), GGGI (gggi), WEI (wei), GGPI (ggpi).
//
// Each input passes through at most one clamp of the method (a cap such as LE <= 85 or
// GNI <= 75,000, a floor such as MMR >= 10 or a component floor of 0.1, a share of 0 in an EDEP)
// before entering a smooth formula. The gradient is the smooth formula's partial derivative times
// the clamp's:
//   side both   strictly inside: the two-sided derivative
//   side left   at a cap: the left derivative is given (the right one is 0)
//   side right  at a floor: the right derivative is given (the left one is 0)
//   side none   beyond a cap or below a floor: the input does not move the index (0)
// elasticity = gradient * x / index (the % change of the index per % of the input).
// A share of one whole given for one sex only (seats) moves the implied other share too:
// its gradient is the total derivative; so does population by sex through the population
// shares of an EDEP. Inputs absent from the data (GDI or GEM income estimated from the total)
// get no row; the unit is named in `notes`.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/align.hpp"
#include "gendex/compute.hpp"
#include "gendex/compute/gradient_model.hpp"
#include "gendex/indices/gem.hpp"
#include "gendex/indices/gggi.hpp"
#include "gendex/indices/twin.hpp"

namespace gendex {

enum class GradientSide : std::uint8_t { both, left, right, none };

[[nodiscard]] constexpr std::string_view to_string(GradientSide s) noexcept {
    switch (s) {
        case GradientSide::both: return "both";
        case GradientSide::left: return "left";
        case GradientSide::right: return "right";
        case GradientSide::none: return "none";
    }
    return "none";
}

struct ElasticityRow {
    std::string region;
    std::int32_t period = 0;
    std::string indicator;
    Sex sex = Sex::total;
    double value = 0;     // the input
    double gradient = 0;  // d index / d input
    double elasticity = 0;
    GradientSide side = GradientSide::both;
};

struct Elasticities {
    std::string index;
    std::vector<ElasticityRow> rows;
    std::vector<UnitNote> notes;
};

namespace detail {

inline constexpr double inf = std::numeric_limits<double>::infinity();

// x clamped to [lo, hi]: the value, d/dx and the side.
struct Clamped {
    double value, slope;
    GradientSide side;
};
[[nodiscard]] inline Clamped clamp_of(double x, double lo, double hi) {
    if (x > lo && x < hi) return {x, 1.0, GradientSide::both};
    if (x == hi) return {x, 1.0, GradientSide::left};
    if (x == lo) return {x, 1.0, GradientSide::right};
    return {std::clamp(x, lo, hi), 0.0, GradientSide::none};
}

struct Partial {
    std::string indicator;
    Sex sex;
    double gradient;
    GradientSide side;
};

// d HDI-shaped / d (LE, EYS, MYS, income) with goalposts g; hdi receives the value.
[[nodiscard]] inline std::vector<Partial> hdi_partials(const kernel::detail::hdi_goalposts& g, Sex sex,
                                                       std::string_view income, double le, double eys, double mys,
                                                       double gni, double& hdi) {
    const Clamped cl = clamp_of(le, -inf, g.le_max), ce = clamp_of(eys, -inf, g.eys_max),
                  cm = clamp_of(mys, -inf, g.mys_max), cg = clamp_of(gni, -inf, g.gni_max);
    const double h = (cl.value - g.le_min) * g.le_scale;
    const double e = ((ce.value - g.eys_min) * g.eys_scale + (cm.value - g.mys_min) * g.mys_scale) / 2.0;
    const double i = (std::log(cg.value) - g.log_gni_min) * g.log_gni_scale;
    hdi = std::cbrt(h * e * i);
    return {{"life_expectancy", sex, hdi / (3 * h) * g.le_scale * cl.slope, cl.side},
            {"expected_schooling", sex, hdi / (3 * e) * g.eys_scale / 2 * ce.slope, ce.side},
            {"mean_schooling", sex, hdi / (3 * e) * g.mys_scale / 2 * cm.slope, cm.side},
            {std::string(income), sex, hdi / (3 * i) * g.log_gni_scale / cg.value * cg.slope, cg.side}};
}

// d GII-shaped / d ln of each term (h, e_f, e_m, l_f, l_m), any common unit of e and l.
struct GiiLogPartials {
    double index, h, e_f, e_m, l_f, l_m;
};
[[nodiscard]] inline GiiLogPartials gii_log_partials(double h, double e_f, double e_m, double l_f, double l_m) {
    const double g_f = std::cbrt(h * e_f * l_f), g_m = std::cbrt(e_m * l_m);
    const double harm = 2.0 / (1.0 / g_f + 1.0 / g_m);
    const double hh = (h + 1) / 2, ee = (e_f + e_m) / 2, ll = (l_f + l_m) / 2;
    const double ref = std::cbrt(hh * ee * ll);
    const double d_gf = -harm * harm / (2 * g_f * g_f) / ref, d_gm = -harm * harm / (2 * g_m * g_m) / ref;
    const double d_ref = harm / (ref * ref);
    return {1.0 - harm / ref,
            d_gf * g_f / 3 + d_ref * ref / (3 * hh) * h / 2,
            d_gf * g_f / 3 + d_ref * ref / (3 * ee) * e_f / 2,
            d_gm * g_m / 3 + d_ref * ref / (3 * ee) * e_m / 2,
            d_gf * g_f / 3 + d_ref * ref / (3 * ll) * l_f / 2,
            d_gm * g_m / 3 + d_ref * ref / (3 * ll) * l_m / 2};
}

// The GII-shaped gradient: inputs (health 1, health 2, PR_f, PR_m, SE_f, SE_m, LF_f, LF_m).
[[nodiscard]] inline std::vector<Partial> gii_partials(const GiiShape& r, const double* x, bool male_implied) {
    const Clamped h1 = clamp_of(x[0], r.h1_lo, r.h1_hi), h2 = clamp_of(x[1], r.h2_lo, inf);
    const bool floored = x[2] < r.parliament_floor;
    const Clamped pf = clamp_of(x[2], r.parliament_floor, inf);
    Clamped pm = clamp_of(x[3], r.floor, inf);
    if (floored && r.male_complement) pm = {100.0 - r.parliament_floor, 0.0, GradientSide::none};
    const Clamped sf = clamp_of(x[4], r.floor, inf), sm = clamp_of(x[5], r.floor, inf);
    const Clamped lf = clamp_of(x[6], r.floor, inf), lm = clamp_of(x[7], r.floor, inf);
    const double h = std::sqrt(r.health_constant / (h1.value * h2.value));
    const GiiLogPartials d =
        gii_log_partials(h, std::sqrt(pf.value * sf.value), std::sqrt(pm.value * sm.value), lf.value, lm.value);
    std::vector<Partial> out{{std::string(r.health_1), Sex::female, -d.h / (2 * h1.value) * h1.slope, h1.side},
                             {std::string(r.health_2), Sex::female, -d.h / (2 * h2.value) * h2.slope, h2.side},
                             {"parliament_share", Sex::female, d.e_f / (2 * pf.value) * pf.slope, pf.side},
                             {"parliament_share", Sex::male, d.e_m / (2 * pm.value) * pm.slope, pm.side},
                             {std::string(r.education), Sex::female, d.e_f / (2 * sf.value) * sf.slope, sf.side},
                             {std::string(r.education), Sex::male, d.e_m / (2 * sm.value) * sm.slope, sm.side},
                             {"labour_force_participation", Sex::female, d.l_f / lf.value * lf.slope, lf.side},
                             {"labour_force_participation", Sex::male, d.l_m / lm.value * lm.slope, lm.side}};
    if (male_implied) {  // men's seats are 100 - women's: one input, the total derivative
        out[2].gradient -= out[3].gradient;
        out.erase(out.begin() + 3);
    }
    return out;
}

// EDEP(p_f, x_f, p_m, x_m; epsilon) = (p_f x_f^(1-eps) + p_m x_m^(1-eps))^(1/(1-eps)) and its partials.
// With epsilon >= 1 a zero x makes it 0 (kernel::edep): there the zero input has its right derivative
// lim E / x = p^(1/(1-eps)) (side right) and every other partial is 0.
struct EdepPartials {
    double value, d_xf, d_xm, d_pf, d_pm;
    GradientSide side_f = GradientSide::both, side_m = GradientSide::both;
};
[[nodiscard]] inline EdepPartials edep_partials(double p_f, double x_f, double p_m, double x_m, double epsilon) {
    if (epsilon >= 1.0 && (x_f == 0.0 || x_m == 0.0)) {
        const double e = 1.0 - epsilon;
        const auto limit = [&](double p, double other) {
            return other == 0.0 ? 0.0 : e == 0.0 ? inf : std::pow(p, 1.0 / e);
        };
        EdepPartials d{0.0, x_f == 0.0 ? limit(p_f, x_m) : 0.0, x_m == 0.0 ? limit(p_m, x_f) : 0.0, 0.0, 0.0};
        if (x_f == 0.0) d.side_f = GradientSide::right;
        if (x_m == 0.0) d.side_m = GradientSide::right;
        return d;
    }
    if (epsilon == 1.0) {  // the weighted geometric mean
        const double v = std::pow(x_f, p_f) * std::pow(x_m, p_m);
        return {v, v * p_f / x_f, v * p_m / x_m, v * std::log(x_f), v * std::log(x_m)};
    }
    const double e = 1.0 - epsilon;
    const double sum = p_f * std::pow(x_f, e) + p_m * std::pow(x_m, e);
    const double v = std::pow(sum, 1.0 / e);
    return {v, v * p_f * std::pow(x_f, e - 1) / sum, v * p_m * std::pow(x_m, e - 1) / sum,
            v * std::pow(x_f, e) / (e * sum), v * std::pow(x_m, e) / (e * sum)};
}

// d / d population (female, male) of a function of p_f = P_f / (P_f + P_m) whose derivative in p_f is d.
[[nodiscard]] inline std::pair<double, double> population_partials(double d, double female, double male) {
    const double total = female + male;
    return {d * male / (total * total), -d * female / (total * total)};
}

// The side of a share x whose complement 100 - x also enters (women's share given, men's implied).
[[nodiscard]] inline GradientSide complement_side(const EdepPartials& d) {
    if (d.side_f == GradientSide::right) return GradientSide::right;
    if (d.side_m == GradientSide::right) return GradientSide::left;
    return GradientSide::both;
}

// GEM inputs: parliament, managers, professional-technical shares (f, m), income (f, m), population (f, m).
[[nodiscard]] inline std::vector<Partial> gem_partials(const Edition& ed, const double* x,
                                                       const std::vector<bool>& implied) {
    const auto rules = undp::detail::make_gem_rules(ed);
    const double p_f = x[8] / (x[8] + x[9]), p_m = 1.0 - p_f;
    const double eps = rules.epsilon, parity = rules.parity;
    const EdepPartials parl = edep_partials(p_f, x[0], p_m, x[1], eps);
    const EdepPartials mgr = edep_partials(p_f, x[2], p_m, x[3], eps);
    const EdepPartials prof = edep_partials(p_f, x[4], p_m, x[5], eps);
    // The income index: linear or log over [min, max], optionally capped at max.
    const auto income = [&](double y) {
        const Clamped c = clamp_of(y, -inf, rules.income_capped ? rules.income_max : inf);
        const double slope =
            rules.income_log ? 1.0 / (c.value * rules.log_income_range) : 1.0 / (rules.income_max - rules.income_min);
        return std::pair<double, Clamped>{rules.income_index(y), Clamped{c.value, c.slope * slope, c.side}};
    };
    const auto [i_f, c_f] = income(x[6]);
    const auto [i_m, c_m] = income(x[7]);
    const EdepPartials inc = edep_partials(p_f, i_f, p_m, i_m, eps);
    const auto side = [](GradientSide edep, GradientSide clamp) { return edep != GradientSide::both ? edep : clamp; };
    const double third = 1.0 / 3.0, half = 0.5;
    std::vector<Partial> out{
        {"parliament_share", Sex::female, parl.d_xf / parity * third, parl.side_f},
        {"parliament_share", Sex::male, parl.d_xm / parity * third, parl.side_m},
        {"managers_share", Sex::female, mgr.d_xf / parity * half * third, mgr.side_f},
        {"managers_share", Sex::male, mgr.d_xm / parity * half * third, mgr.side_m},
        {"professional_technical_share", Sex::female, prof.d_xf / parity * half * third, prof.side_f},
        {"professional_technical_share", Sex::male, prof.d_xm / parity * half * third, prof.side_m},
        {"gni_per_capita", Sex::female, inc.d_xf * c_f.slope * third, side(inc.side_f, c_f.side)},
        {"gni_per_capita", Sex::male, inc.d_xm * c_m.slope * third, side(inc.side_m, c_m.side)},
    };
    const double d_pf = ((parl.d_pf - parl.d_pm) / parity +
                         (mgr.d_pf - mgr.d_pm + prof.d_pf - prof.d_pm) / parity * half + inc.d_pf - inc.d_pm) *
                        third;
    const auto [d_female, d_male] = population_partials(d_pf, x[8], x[9]);
    out.push_back({"population", Sex::female, d_female, GradientSide::both});
    out.push_back({"population", Sex::male, d_male, GradientSide::both});
    // A share given for women only: men's is 100 - it, one input with the total derivative.
    const EdepPartials* pairs[] = {&parl, &mgr, &prof};
    for (int k = 2; k >= 0; --k) {
        if (!implied[static_cast<std::size_t>(2 * k + 1)]) continue;
        auto& f = out[static_cast<std::size_t>(2 * k)];
        f.gradient -= out[static_cast<std::size_t>(2 * k + 1)].gradient;
        f.side = complement_side(*pairs[k]);
        out.erase(out.begin() + 2 * k + 1);
    }
    return out;
}

// IDG inputs: women's parliament, professional and income shares, population (f, m), purchasing power.
[[nodiscard]] inline std::vector<Partial> idg_partials(const Edition& ed, const double* x) {
    constexpr double hundred = kernel::detail::percent;
    const double eps = ed.gem_epsilon.value, parity = ed.gem_parity_share.value;
    const double p_f = x[3] / (x[3] + x[4]), p_m = 1.0 - p_f;
    const double range = ed.idg_income_max.value - ed.idg_income_min.value, scale = ed.bps_index_scale.value / 3.0;
    const EdepPartials parl = edep_partials(p_f, x[0], p_m, hundred - x[0], eps);
    const EdepPartials prof = edep_partials(p_f, x[1], p_m, hundred - x[1], eps);
    const double s_f = x[2] / hundred, s_m = 1.0 - s_f;
    const EdepPartials inc = edep_partials(p_f, s_f / p_f, p_m, s_m / p_m, eps);
    const double pp = x[5];
    // d/dp_f with p_m = 1 - p_f; the income EDEP's arguments s/p move with p too.
    const double d_pf =
        (parl.d_pf - parl.d_pm + prof.d_pf - prof.d_pm) / parity +
        pp / range * (inc.d_pf - inc.d_pm - inc.d_xf * s_f / (p_f * p_f) + inc.d_xm * s_m / (p_m * p_m));
    const auto [d_female, d_male] = population_partials(scale * d_pf, x[3], x[4]);
    return {{"parliament_share", Sex::female, scale * (parl.d_xf - parl.d_xm) / parity, complement_side(parl)},
            {"professional_share", Sex::female, scale * (prof.d_xf - prof.d_xm) / parity, complement_side(prof)},
            {"income_share", Sex::female, scale * pp / range * (inc.d_xf / p_f - inc.d_xm / p_m) / hundred,
             complement_side(inc)},
            {"population", Sex::female, d_female, GradientSide::both},
            {"population", Sex::male, d_male, GradientSide::both},
            {"purchasing_power", Sex::total, scale * inc.value / range, GradientSide::both}};
}

// IHDI = HDI * (k_h k_e k_i)^(1/3), k = 1 - A/100: the HDI's partials times the cube root, and
// d IHDI / d A_x = -HDI (k_y k_z)^(1/3) / (300 k_x^(2/3)) (-inf at A_x = 100, its cap: side left).
[[nodiscard]] inline std::vector<Partial> ihdi_partials(const kernel::detail::hdi_goalposts& g, std::string_view income,
                                                        const double* x) {
    double hdi = 0;
    std::vector<Partial> out = hdi_partials(g, Sex::total, income, x[0], x[1], x[2], x[3], hdi);
    constexpr double hundred = kernel::detail::percent;
    const double k[3] = {1.0 - x[4] / hundred, 1.0 - x[5] / hundred, 1.0 - x[6] / hundred};
    const double root = std::cbrt(k[0] * k[1] * k[2]);
    for (auto& p : out) p.gradient *= root;
    const char* names[3] = {"inequality_life_expectancy", "inequality_education", "inequality_income"};
    for (std::size_t j = 0; j < 3; ++j) {
        const double others = std::cbrt(k[(j + 1) % 3] * k[(j + 2) % 3]);
        out.push_back({names[j], Sex::total, -hdi * others / (3 * hundred * std::cbrt(k[j] * k[j])),
                       k[j] == 0.0 ? GradientSide::left : GradientSide::both});
    }
    return out;
}

// GGGI = mean over the four subindices of sum(w_k s_k) / W_j, W_j the weights of subindex j's
// indicators present: d GGGI / d s_k = w_k / (4 W_j). Per indicator the inputs are (female, male,
// score) as wef::gggi reads them; raw values win over a score, so a score beside them gets no row.
// A raw score min(f / m, b): inside, d/df = 1/m and d/dm = -f/m^2; at the benchmark (f / m = b)
// f has its left derivative and m its right one (a larger m lowers the ratio below b); beyond it,
// or with m = 0 (the score is b), neither moves the index (none). f = 0 has its right derivative.
// A given score in [0, b]: left at b, right at 0.
[[nodiscard]] inline std::vector<Partial> gggi_partials(const Edition& ed, const double* x,
                                                        const std::vector<bool>& given) {
    const wef::detail::gggi_rules rules = wef::detail::make_gggi_rules(ed);
    std::array<double, wef::gggi_subindex_count> weights{};
    const auto raw = [&](std::size_t k) { return given[3 * k] && given[3 * k + 1]; };
    for (std::size_t k = 0; k < wef::gggi_indicator_count; ++k)
        if (raw(k) || given[3 * k + 2]) weights[wef::gggi_indicators[k].subindex] += rules.weight[k];
    std::vector<Partial> out;
    for (std::size_t k = 0; k < wef::gggi_indicator_count; ++k) {
        const std::string id(wef::gggi_indicators[k].id);
        const double b = rules.benchmark[k];
        const double d_score = rules.weight[k] / (4.0 * weights[wef::gggi_indicators[k].subindex]);
        if (raw(k)) {
            const double f = x[3 * k], m = x[3 * k + 1];
            const double ratio = m == 0.0 ? inf : f / m;
            if (ratio > b) {
                out.push_back({id, Sex::female, 0.0, GradientSide::none});
                out.push_back({id, Sex::male, 0.0, GradientSide::none});
                continue;
            }
            const bool at_cap = ratio == b;
            out.push_back({id, Sex::female, d_score / m,
                           at_cap     ? GradientSide::left
                           : f == 0.0 ? GradientSide::right
                                      : GradientSide::both});
            out.push_back({id, Sex::male, -d_score * f / (m * m), at_cap ? GradientSide::right : GradientSide::both});
        } else if (given[3 * k + 2]) {
            const Clamped c = clamp_of(x[3 * k + 2], 0.0, b);
            out.push_back({id, Sex::total, d_score * c.slope, c.side});
        }
    }
    return out;
}

// G = prod_k t_k^(a_k) of terms t_k >= 0: dG/dt_k. All positive: a_k G / t_k. One zero term:
// G's right derivative in it is +inf, and no other term moves G off 0 (0). Two or more: all 0.
[[nodiscard]] inline std::vector<double> geometric_partials(double g, std::span<const double> t,
                                                            std::span<const double> a) {
    const auto zeros = std::count(t.begin(), t.end(), 0.0);
    std::vector<double> d(t.size(), 0.0);
    for (std::size_t k = 0; k < t.size(); ++k)
        d[k] = zeros == 0 ? a[k] * g / t[k] : zeros == 1 && t[k] == 0.0 ? inf : 0.0;
    return d;
}

// dG/dt * dt/dx for an input x of term t. Where either factor is 0 the input does not move G
// (none); an infinite dG/dt (t = 0) is one-sided: right where t rises with x, left where it falls.
[[nodiscard]] inline Partial through_term(std::string_view id, Sex sex, double d_term, double slope,
                                          GradientSide side) {
    if (d_term == 0.0 || slope == 0.0) return {std::string(id), sex, 0.0, GradientSide::none};
    if (std::isinf(d_term)) side = slope > 0 ? GradientSide::right : GradientSide::left;
    return {std::string(id), sex, d_term * slope, side};
}

// WEI = (prod of five dimension indices)^(1/5), a dimension the mean of its inputs' terms
// (paths::wei_terms): x / g capped to [0, 1], slope 1 / g, or (g - x) / g, slope -1 / g; at g
// and at 0 one-sided, beyond g none.
[[nodiscard]] inline std::vector<Partial> wei_partials(const Edition& ed, const double* x) {
    paths::wei_array in{};
    std::copy(x, x + in.size(), in.begin());
    const paths::twin_value w = paths::wei(ed, in);
    const std::array<double, 5> fifth{0.2, 0.2, 0.2, 0.2, 0.2};
    const std::vector<double> d = geometric_partials(w.index, w.dimension, fifth);
    constexpr std::array<double, 5> count = paths::wei_term_counts();
    std::vector<Partial> out;
    for (std::size_t k = 0; k < in.size(); ++k) {
        const paths::wei_term& t = paths::wei_terms[k];
        const double g = t.goalpost(ed);
        const Clamped c = clamp_of(in[k], 0.0, g);
        const double slope = c.slope * (t.reversed ? -1.0 : 1.0) / g / count[t.dimension];
        out.push_back(through_term(wei_inputs[k].indicator, wei_inputs[k].sex, d[t.dimension], slope, c.side));
    }
    return out;
}

// GGPI = prod over its eight ratios r of r^a, a = 1/4 over the number of ratios of r's dimension
// (paths::ggpi): f / m (d/df = 1 / m, d/dm = -f / m^2), the NEET complement (N - f) / (N - m)
// (d/df = -1 / (N - m), d/dm = (N - f) / (N - m)^2) and a women's share's odds s / (100 - s)
// (d/ds = 100 / (100 - s)^2). No caps: every input moves the index while all ratios are positive.
[[nodiscard]] inline std::vector<Partial> ggpi_partials(const Edition& ed, const double* x) {
    paths::ggpi_array in{};
    std::copy(x, x + in.size(), in.begin());
    const double g = paths::ggpi(ed, in).index, n = ed.ggpi_neet_max.value, hundred = kernel::detail::percent;
    struct Ratio {
        std::size_t f, m;  // m == f: one input (a share's odds)
        double value, d_f, d_m, exponent;
    };
    const auto ratio = [&](std::size_t f, double a) {
        const double num = x[f], den = x[f + 1];
        return Ratio{f, f + 1, num / den, 1.0 / den, -num / (den * den), a};
    };
    const auto neet = [&](std::size_t f, double a) {
        const double num = n - x[f], den = n - x[f + 1];
        return Ratio{f, f + 1, num / den, -1.0 / den, num / (den * den), a};
    };
    const auto odds = [&](std::size_t s, double a) {
        const double den = hundred - x[s];
        return Ratio{s, s, x[s] / den, hundred / (den * den), 0.0, a};
    };
    const std::array<Ratio, 8> r{ratio(0, 1.0 / 4), ratio(2, 1.0 / 8),  neet(4, 1.0 / 8),   ratio(6, 1.0 / 8),
                                 ratio(8, 1.0 / 8), odds(10, 1.0 / 12), odds(11, 1.0 / 12), odds(12, 1.0 / 12)};
    std::array<double, 8> t{}, a{};
    for (std::size_t k = 0; k < r.size(); ++k) t[k] = r[k].value, a[k] = r[k].exponent;
    const std::vector<double> d = geometric_partials(g, t, a);
    std::vector<Partial> out;
    for (std::size_t k = 0; k < r.size(); ++k) {
        const auto name = [&](std::size_t j) { return ggpi_inputs[j]; };
        out.push_back(through_term(name(r[k].f).indicator, name(r[k].f).sex, d[k], r[k].d_f, GradientSide::both));
        if (r[k].m != r[k].f)
            out.push_back(through_term(name(r[k].m).indicator, name(r[k].m).sex, d[k], r[k].d_m, GradientSide::both));
    }
    return out;
}

// The inputs of a form, in the order its partials function reads them.
[[nodiscard]] inline std::vector<AlignedColumn> gradient_columns(const GradientModel& m, const Edition& ed) {
    std::vector<AlignedColumn> cols;
    const auto hdi_cols = [&](Sex s) {
        for (std::string_view i : {"life_expectancy", "expected_schooling", "mean_schooling"})
            cols.push_back({std::string(i), s});
        cols.push_back({std::string(m.income), s});
    };
    const auto pair = [&](std::string_view id) {
        for (Sex s : {Sex::female, Sex::male}) cols.push_back({std::string(id), s});
    };
    switch (m.form) {
        case GradientForm::hdi: hdi_cols(Sex::total); break;
        case GradientForm::ihdi:
            hdi_cols(Sex::total);
            for (const char* id : {"inequality_life_expectancy", "inequality_education", "inequality_income"})
                cols.push_back({id, Sex::total});
            break;
        case GradientForm::sex_ratio: hdi_cols(Sex::female), hdi_cols(Sex::male); break;
        case GradientForm::gii: {
            const GiiShape r = m.gii(ed);
            cols = {{std::string(r.health_1), Sex::female}, {std::string(r.health_2), Sex::female}};
            pair("parliament_share"), pair(r.education), pair("labour_force_participation");
            break;
        }
        case GradientForm::gem:
            for (const char* id :
                 {"parliament_share", "managers_share", "professional_technical_share", "gni_per_capita", "population"})
                pair(id);
            break;
        case GradientForm::idg:
            for (const char* id : {"parliament_share", "professional_share", "income_share"})
                cols.push_back({id, Sex::female});
            pair("population");
            cols.push_back({"purchasing_power", Sex::total});
            break;
        case GradientForm::gggi:
            for (const wef::gggi_indicator& g : wef::gggi_indicators)
                for (Sex s : {Sex::female, Sex::male, Sex::total}) cols.push_back({std::string(g.id), s});
            break;
        case GradientForm::wei:
        case GradientForm::ggpi: {
            const auto add = [&](const auto& names) {
                for (const InputSpec& n : names) cols.push_back({std::string(n.indicator), n.sex});
            };
            m.form == GradientForm::wei ? add(wei_inputs) : add(ggpi_inputs);
            cols.push_back({"no_local_government", Sex::total});  // the parliament share stands in (compute/twin.hpp)
            break;
        }
    }
    return cols;
}

// WEI or GGPI: columns as gradient_columns gives them, the last no_local_government. Where it
// is 1, compute/twin.hpp puts the parliament share in the local-government share's place: the
// parliament share then enters twice and its gradient is the sum (one row).
[[nodiscard]] inline std::vector<Partial> twin_partials(GradientForm form, const Edition& ed, std::vector<double>& x,
                                                        std::vector<bool>& given) {
    const std::size_t flag = x.size() - 1;
    const auto position = [&](std::string_view id) {
        const auto names = form == GradientForm::wei ? std::span<const InputSpec>(wei_inputs)
                                                     : std::span<const InputSpec>(ggpi_inputs);
        return static_cast<std::size_t>(
            std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.indicator == id; }) - names.begin());
    };
    const std::size_t parliament = position("parliament_share"), local = position("local_government_share");
    const bool stand_in = given[flag] && x[flag] == 1.0;
    if (stand_in) x[local] = x[parliament], given[local] = true;
    if (!std::all_of(given.begin(), given.begin() + static_cast<std::ptrdiff_t>(flag), [](bool b) { return b; }))
        return {};
    std::vector<Partial> out = form == GradientForm::wei ? wei_partials(ed, x.data()) : ggpi_partials(ed, x.data());
    if (stand_in) {
        const auto at = [&](std::string_view id) {
            return std::find_if(out.begin(), out.end(), [&](const Partial& p) { return p.indicator == id; });
        };
        const auto p = at("parliament_share"), l = at("local_government_share");
        p->gradient += l->gradient;  // the same value through the same term: the same side
        out.erase(l);
    }
    return out;
}

// The partials of one unit with inputs x (given[j]: in the data); empty when an input is missing.
[[nodiscard]] inline std::vector<Partial> unit_partials(const GradientModel& m, const Edition& ed, double value,
                                                        std::vector<double>& x, std::vector<bool>& given) {
    const auto all = [&] { return std::all_of(given.begin(), given.end(), [](bool b) { return b; }); };
    // Shares of one whole given for women only: men's is 100 - it (columns j, j + 1).
    std::vector<bool> implied(x.size(), false);
    const auto complement = [&](std::size_t j) {
        if (given[j] && !given[j + 1]) x[j + 1] = 100.0 - x[j], given[j + 1] = true, implied[j + 1] = true;
    };
    double hdi = 0;
    switch (m.form) {
        case GradientForm::hdi: {
            if (!all()) return {};
            auto parts = hdi_partials(m.goalposts(ed, Sex::total), Sex::total, m.income, x[0], x[1], x[2], x[3], hdi);
            for (auto& p : parts) p.gradient *= m.scale(ed);
            return parts;
        }
        case GradientForm::ihdi:
            if (!all()) return {};
            return ihdi_partials(m.goalposts(ed, Sex::total), m.income, x.data());
        case GradientForm::sex_ratio: {
            if (!all()) return {};
            double hf = 0, hm = 0;
            auto pf = hdi_partials(m.goalposts(ed, Sex::female), Sex::female, m.income, x[0], x[1], x[2], x[3], hf);
            auto pm = hdi_partials(m.goalposts(ed, Sex::male), Sex::male, m.income, x[4], x[5], x[6], x[7], hm);
            std::vector<Partial> parts;
            for (auto& p : pf) p.gradient *= value / hf, parts.push_back(p);  // d(c HDI_f / HDI_m) / d HDI_f
            for (auto& p : pm) p.gradient *= -value / hm, parts.push_back(p);
            return parts;
        }
        case GradientForm::gii:
            complement(2);
            if (!all()) return {};
            return gii_partials(m.gii(ed), x.data(), implied[3]);
        case GradientForm::gem:
            for (std::size_t j : {0, 2, 4}) complement(j);
            if (!all()) return {};
            return gem_partials(ed, x.data(), implied);
        case GradientForm::idg:
            if (!all()) return {};
            return idg_partials(ed, x.data());
        case GradientForm::gggi:  // indicators may be missing: the index computed, so enough are given
            return gggi_partials(ed, x.data(), given);
        case GradientForm::wei:
        case GradientForm::ggpi: return twin_partials(m.form, ed, x, given);
    }
    return {};
}

}  // namespace detail

/// Gradients and elasticities of `index` for every region-period computed from `ds`; key_error
/// for an index without a gradient model in the index table (naming those with one).
[[nodiscard]] inline Elasticities elasticities(std::string_view index, const Dataset& ds, const Edition& ed,
                                               const ComputeOptions& options = {}) {
    const IndexDescriptor& d = index_descriptor(index);
    if (d.gradients == nullptr)
        throw key_error(Location{.key = std::string(index)}, "elasticities: index '" + std::string(index) +
                                                                 "' has no analytic gradient (indices with one: " +
                                                                 join_index_names(&IndexDescriptor::gradients) + ")");
    const GradientModel& model = *d.gradients;
    const std::vector<AlignedColumn> cols = detail::gradient_columns(model, ed);
    const IndexResult result = d.compute(ds, ed, options);
    const AlignedTable values = align(result.values, std::vector<AlignedColumn>{{std::string(index), Sex::total}});
    const AlignedTable in = align(ds, cols);
    std::map<std::pair<std::string, std::int32_t>, std::size_t> unit_of;
    for (std::size_t u = 0; u < in.units(); ++u) unit_of[{in.region[u], in.period[u]}] = u;

    Elasticities out{std::string(index), {}, {}};
    for (std::size_t v = 0; v < values.units(); ++v) {
        if (!values.present(v, 0)) continue;
        const double value = values.values(v, 0);
        const auto found = unit_of.find({values.region[v], values.period[v]});
        std::vector<double> x(cols.size(), std::nan(""));
        std::vector<bool> given(cols.size(), false);
        if (found != unit_of.end())
            for (std::size_t j = 0; j < cols.size(); ++j)
                given[j] = in.present(found->second, j), x[j] = in.values(found->second, j);
        const std::vector<detail::Partial> parts = detail::unit_partials(model, ed, value, x, given);
        if (parts.empty()) {
            out.notes.push_back({values.region[v], values.period[v],
                                 "no gradients: an input is not in the data (e.g. income by sex estimated, "
                                 "population by sex given as a total)"});
            continue;
        }
        for (const auto& p : parts) {
            double input = 0;
            for (std::size_t j = 0; j < cols.size(); ++j)
                if (cols[j].indicator == p.indicator && cols[j].sex == p.sex) input = x[j];
            const double elasticity = value == 0.0 ? 0.0 : p.gradient * input / value;
            out.rows.push_back(
                {values.region[v], values.period[v], p.indicator, p.sex, input, p.gradient, elasticity, p.side});
        }
    }
    return out;
}

}  // namespace gendex
