// Analytic gradients and elasticities of an index with respect to each of its inputs, per
// region-period (docs/planning.md). Supported: HDI, GDI, IPG (HDI-shaped), GII and IKG.
//
// Each input passes through at most one clamp of the method (a cap such as LE <= 85 or
// GNI <= 75,000, a floor such as MMR >= 10 or a component floor of 0.1) before entering a
// smooth formula. The gradient is the smooth formula's partial derivative times the clamp's:
//   side both   strictly inside: the two-sided derivative
//   side left   at a cap: the left derivative is given (the right one is 0)
//   side right  at a floor: the right derivative is given (the left one is 0)
//   side none   beyond a cap or below a floor: the input does not move the index (0)
// elasticity = gradient * x / index (the % change of the index per % of the input).
// A share of one whole given for one sex only (seats) moves the implied other share too:
// its gradient is the total derivative. Inputs absent from the data (GDI income estimated
// from the total) get no row; the unit is named in `notes`.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/align.hpp"
#include "gendex/compute.hpp"
#include "gendex/indices/bps.hpp"

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
struct GiiRules {
    std::string_view health_1, health_2, education;
    double health_constant;          // h = sqrt(c / (H1 * H2))
    double h1_lo, h1_hi, h2_lo;      // clamps of the health inputs
    double parliament_floor, floor;  // women's seats floor; the floor of the other shares
    bool male_complement;            // a floored female share sets men's to 100 - floor
};

[[nodiscard]] inline std::vector<Partial> gii_partials(const GiiRules& r, const double* x, bool male_implied,
                                                       double& index) {
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
    index = d.index;
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

}  // namespace detail

/// Gradients and elasticities of `index` (hdi, gdi, ipg, gii, ikg) for every region-period
/// computed from `ds`.
[[nodiscard]] inline Elasticities elasticities(std::string_view index, const Dataset& ds, const Edition& ed,
                                               const ComputeOptions& options = {}) {
    const IndexDescriptor& d = index_descriptor(index);
    enum class Kind { hdi, ratio, gii, ikg } kind = Kind::hdi;
    std::vector<AlignedColumn> cols;
    auto hdi_cols = [&](Sex s, std::string_view income) {
        for (std::string_view i : {"life_expectancy", "expected_schooling", "mean_schooling"})
            cols.push_back({std::string(i), s});
        cols.push_back({std::string(income), s});
    };
    std::string_view income = index == "ipg" ? "per_capita_expenditure" : "gni_per_capita";
    if (index == "hdi") {
        kind = Kind::hdi, hdi_cols(Sex::total, income);
    } else if (index == "gdi" || index == "ipg") {
        kind = Kind::ratio, hdi_cols(Sex::female, income), hdi_cols(Sex::male, income);
    } else if (index == "gii" || index == "ikg") {
        kind = index == "gii" ? Kind::gii : Kind::ikg;
        const bool g = kind == Kind::gii;
        cols = {{g ? "maternal_mortality" : "births_outside_facility", Sex::female},
                {g ? "adolescent_birth_rate" : "first_birth_before_20", Sex::female},
                {"parliament_share", Sex::female},
                {"parliament_share", Sex::male},
                {g ? "secondary_education" : "upper_secondary_education", Sex::female},
                {g ? "secondary_education" : "upper_secondary_education", Sex::male},
                {"labour_force_participation", Sex::female},
                {"labour_force_participation", Sex::male}};
    } else {
        throw key_error("elasticities: index '" + std::string(index) +
                        "' is not supported (known: hdi, gdi, ipg, gii, ikg)");
    }
    const IndexResult result = d.compute(ds, ed, options);
    const AlignedTable values = align(result.values, std::vector<AlignedColumn>{{std::string(index), Sex::total}});
    const AlignedTable in = align(ds, cols);
    std::map<std::pair<std::string, std::int32_t>, std::size_t> unit_of;
    for (std::size_t u = 0; u < in.units(); ++u) unit_of[{in.region[u], in.period[u]}] = u;

    const auto goalposts = [&](Sex s) {
        // Life expectancy by sex and schooling as for the HDI and GDI; the income variable the index's.
        const auto g = bps::detail::ipm_goalposts(ed, s);
        return index == "ipg" ? g
                              : kernel::detail::make_goalposts(ed, g.le_min, g.le_max, ed.gni_per_capita_min.value,
                                                               ed.gni_per_capita_max.value);
    };
    const detail::GiiRules rules = kind == Kind::gii ? detail::GiiRules{"maternal_mortality",
                                                                        "adolescent_birth_rate",
                                                                        "secondary_education",
                                                                        ed.maternal_mortality_min.value,
                                                                        ed.maternal_mortality_min.value,
                                                                        ed.maternal_mortality_max.value,
                                                                        ed.gii_component_floor.value,
                                                                        ed.gii_parliament_floor.value,
                                                                        ed.gii_component_floor.value,
                                                                        ed.gii_parliament_male_complement.value}
                                                     : detail::GiiRules{"births_outside_facility",
                                                                        "first_birth_before_20",
                                                                        "upper_secondary_education",
                                                                        ed.ikg_health_constant.value,
                                                                        ed.ikg_mtf_floor.value,
                                                                        detail::inf,
                                                                        0.0,
                                                                        ed.ikg_parliament_floor.value,
                                                                        0.0,
                                                                        true};

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
        std::vector<detail::Partial> parts;
        bool complete = true;
        double check = 0;
        if (kind == Kind::hdi || kind == Kind::ratio) {
            complete = std::all_of(given.begin(), given.end(), [](bool b) { return b; });
            if (complete && kind == Kind::hdi) {
                parts = detail::hdi_partials(goalposts(Sex::total), Sex::total, income, x[0], x[1], x[2], x[3], check);
            } else if (complete) {
                double hf = 0, hm = 0;
                auto pf = detail::hdi_partials(goalposts(Sex::female), Sex::female, income, x[0], x[1], x[2], x[3], hf);
                auto pm = detail::hdi_partials(goalposts(Sex::male), Sex::male, income, x[4], x[5], x[6], x[7], hm);
                const double ratio = value / hf;  // d(c HDI_f / HDI_m) / d HDI_f = index / HDI_f
                for (auto& p : pf) p.gradient *= ratio, parts.push_back(p);
                for (auto& p : pm) p.gradient *= -value / hm, parts.push_back(p);
            }
        } else {
            const bool male_implied = given[2] && !given[3];
            if (male_implied) x[3] = 100.0 - x[2], given[3] = true;
            complete = std::all_of(given.begin(), given.end(), [](bool b) { return b; });
            if (complete) parts = detail::gii_partials(rules, x.data(), male_implied, check);
        }
        if (!complete) {
            out.notes.push_back({values.region[v], values.period[v],
                                 "no gradients: an input is not in the data (e.g. income by sex estimated)"});
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
