// BPS indices over every region-period of a Dataset: IPM, IPG, IKG, IDG
// (docs/bps-indices.md). Same machinery as the UNDP indices: aligned inputs,
// the kernels of indices/bps.hpp, an invalid-input policy and a report.
#pragma once

#include <array>
#include <set>
#include <span>
#include <vector>

#include "gendex/compute/computation.hpp"
#include "gendex/compute/earned_income.hpp"
#include "gendex/compute/gii.hpp"
#include "gendex/compute/hdi.hpp"
#include "gendex/indices/bps.hpp"

namespace gendex {

namespace detail {

/// IPM inputs of one sex, in the kernel's order (bps::ipm_input).
template <Sex S>
inline constexpr std::array<InputSpec, 4> ipm_inputs = hdi_shaped_inputs<S>("per_capita_expenditure",
                                                                            "expenditure_min");

inline void add_ipm_dimensions(ResultBuilder& out, Sex sex, bps::ipm_results& r, bool optional) {
    out.add("ipm_health_index", sex, std::move(r.health), optional);
    out.add("ipm_education_index", sex, std::move(r.education), optional);
    out.add("ipm_expenditure_index", sex, std::move(r.expenditure), optional);
}

// IKG inputs in the kernel's order (bps::ikg_input_names); shares in percent.
inline constexpr std::array<InputSpec, 8> ikg_inputs{{
    {"births_outside_facility", Sex::female, {}, 0.0, 100.0},
    {"first_birth_before_20", Sex::female, {}, 0.0, 100.0},
    {"parliament_share", Sex::female, {}, 0.0, 100.0},
    {"parliament_share", Sex::male, {}, 0.0, 100.0},
    {"upper_secondary_education", Sex::female, {}, 0.0, 100.0},
    {"upper_secondary_education", Sex::male, {}, 0.0, 100.0},
    {"labour_force_participation", Sex::female, {}, 0.0, 100.0},
    {"labour_force_participation", Sex::male, {}, 0.0, 100.0},
}};

// IDG inputs: women's three shares (men's are 100 minus them), population by
// sex for the EDEP weights, and the purchasing-power level of the income step.
inline constexpr std::array<InputSpec, 6> idg_inputs{{
    {"parliament_share", Sex::female, {}, 0.0, 100.0},
    {"professional_share", Sex::female, {}, 0.0, 100.0},
    {"income_share", Sex::female, {}, 0.0, 100.0},
    {"population", Sex::female, {}, 0.0, std::numeric_limits<double>::infinity(), true},
    {"population", Sex::male, {}, 0.0, std::numeric_limits<double>::infinity(), true},
    {"purchasing_power", Sex::total, {}, 0.0},
}};

/// The four IPM components of one sex.
[[nodiscard]] inline InputAlternative ipm_components(std::vector<Sex> sexes, bool with_expenditure = true) {
    InputAlternative a;
    for (const char* id : {"life_expectancy", "expected_schooling", "mean_schooling", "per_capita_expenditure"})
        if (with_expenditure || std::string_view(id) != "per_capita_expenditure") a.push_back({id, sexes});
    return a;
}

/// The four components of one sex: the total, women's or men's.
[[nodiscard]] inline const InputRequirements& ipm_requirements() {
    static const InputRequirements r{
        needs_one_of({ipm_components({Sex::total}), ipm_components({Sex::female}), ipm_components({Sex::male})})};
    return r;
}

/// The components by sex (expenditure by sex given or estimated from its
/// total), or the IPM by sex BPS published.
[[nodiscard]] inline const InputRequirements& ipg_requirements() {
    static const InputRequirements r{[] {
        std::vector<InputAlternative> ways;
        for (const InputAlternative& income : earned_income_requirement("per_capita_expenditure").alternatives) {
            InputAlternative a = ipm_components({Sex::female, Sex::male}, false);
            a.insert(a.end(), income.begin(), income.end());
            ways.push_back(std::move(a));
        }
        ways.push_back({{"ipm", {Sex::female, Sex::male}}});
        return needs_one_of(std::move(ways));
    }()};
    return r;
}

[[nodiscard]] inline const InputRequirements& idg_requirements() {
    static const InputRequirements r{needs_all({{"parliament_share", {Sex::female}},
                                                {"professional_share", {Sex::female}},
                                                {"income_share", {Sex::female}},
                                                {"population", {Sex::female, Sex::male}},
                                                {"purchasing_power", {Sex::total}}})};
    return r;
}

[[nodiscard]] inline const InputRequirements& ikg_requirements() {
    static const InputRequirements r =
        gii_shaped_requirements("births_outside_facility", "first_birth_before_20", "upper_secondary_education");
    return r;
}

}  // namespace detail

namespace detail {

/// The IPM of sex S of every region-period with one of its components (a
/// report computing nothing leaves `missing` to compute_ipm).
template <Sex S>
[[nodiscard]] IndexResult ipm_of_sex(const Dataset& ds, const Edition& ed, const ComputeOptions& options) {
    static const InputRequirements checked_by_the_caller;
    const auto& inputs = ipm_inputs<S>;
    Computation c(ds, ed, "ipm", checked_by_the_caller, inputs, Complements::keep);
    const auto in = c.spans(inputs);
    bps::ipm_results r = bps::ipm(ed, bps::ipm_columns{in[0], in[1], in[2], in[3]}, S);
    c.verdicts.reject_faults(r.status, inputs, in);
    c.out.add("ipm", S, std::move(r.ipm));
    add_ipm_dimensions(c.out, S, r, false);
    return c.finish(options);
}

}  // namespace detail

/// IPM of every region-period and sex present: ipm and its three dimension
/// indices for the total and, where the components are given by sex, for women
/// and men (the IPM_P and IPM_L of compute_ipg, from given components). The
/// report counts each sex of a region-period as a unit.
[[nodiscard]] inline IndexResult compute_ipm(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    IndexResult result = detail::ipm_of_sex<Sex::total>(ds, ed, options);
    detail::append(result, detail::ipm_of_sex<Sex::female>(ds, ed, options));
    detail::append(result, detail::ipm_of_sex<Sex::male>(ds, ed, options));
    if (result.report.computed == 0)
        result.report.missing = missing_inputs("ipm", detail::ipm_requirements(), ds, IndicatorRegistry::standard());
    return result;
}

/// IPG of every region-period: from the components by sex (UHH, HLS, RLS,
/// PPK), with PPK by sex estimated from the total when it is not given (UNDP's
/// wage-bill step, noted, as compute/earned_income.hpp); or, for a
/// region-period without components, from its given IPM_P and IPM_L (noted).
/// Outputs ipm female/male, ipg, the dimension indices where computed, and the
/// estimated per_capita_expenditure and income_share by sex where estimated.
[[nodiscard]] inline IndexResult compute_ipg(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    constexpr std::string_view expenditure = "per_capita_expenditure";
    const auto& f_in = detail::ipm_inputs<Sex::female>;
    const auto& m_in = detail::ipm_inputs<Sex::male>;
    const std::array<detail::InputSpec, 6> required{f_in[0], m_in[0], f_in[1], m_in[1], f_in[2], m_in[2]};
    detail::Computation c = detail::income_computation(ds, ed, "ipg", detail::ipg_requirements(), required, expenditure,
                                                       detail::Complements::keep);
    const detail::UnitTable& t = c.table;
    detail::Verdicts& v = c.verdicts;
    detail::EarnedIncome ppk = detail::earned_income(t, v, ed, undp::wage_ratio_default::gdi, expenditure);
    auto ipm_of_sex = [&](const std::array<detail::InputSpec, 4>& in, std::span<const double> income, Sex sex) {
        const auto le = t.values(in[0].indicator, sex), hls = t.values(in[1].indicator, sex),
                   rls = t.values(in[2].indicator, sex);
        bps::ipm_results r = bps::ipm(ed, bps::ipm_columns{le, hls, rls, income}, sex);
        v.reject_faults(r.status, in, std::array<std::span<const double>, 4>{le, hls, rls, income});
        return r;
    };
    bps::ipm_results rf = ipm_of_sex(f_in, ppk.female, Sex::female), rm = ipm_of_sex(m_in, ppk.male, Sex::male);
    std::vector<double> ipg(t.units());
    for (std::size_t u = 0; u < t.units(); ++u) ipg[u] = bps::ipg(ed, rf.ipm[u], rm.ipm[u]);
    c.out.add("ipg", Sex::total, std::move(ipg));
    c.out.add_by_sex("ipm", rf.ipm, rm.ipm);
    detail::add_ipm_dimensions(c.out, Sex::female, rf, false);
    detail::add_ipm_dimensions(c.out, Sex::male, rm, false);
    detail::add_income_outputs(c.out, ppk, expenditure);
    IndexResult from_components = c.finish(options);

    // Region-periods without components: IPG from the IPMs BPS published.
    std::set<std::pair<std::string, std::int32_t>> computed_here;
    for (std::size_t u = 0; u < t.units(); ++u) computed_here.emplace(t.region(u), t.period(u));
    const auto& col = ds.columns();
    DatasetBuilder rest;
    for (std::size_t i = 0; i < ds.size(); ++i)
        if (col.indicators[col.indicator[i]] == "ipm" && col.sex[i] != Sex::total &&
            !computed_here.count({col.regions[col.region[i]], col.period[i]}))
            rest.add(ds.row(i));
    const Dataset given = std::move(rest).build();
    const std::array<detail::InputSpec, 2> ipms{
        {{"ipm", Sex::female, {}, 0.0, 100.0}, {"ipm", Sex::male, {}, 0.0, 100.0, true}}};
    const detail::UnitTable g(given, detail::columns_of(ipms), 2);
    detail::Verdicts gv(g, "ipg", ed);
    gv.require(ipms);
    std::vector<double> g_ipg(g.units()), g_f(g.units()), g_m(g.units());
    for (std::size_t u = 0; u < g.units(); ++u) {
        g_f[u] = g.value(0, u), g_m[u] = g.value(1, u);
        if (gv.ok(u) && !(g_m[u] > 0.0))
            gv.reject(u, "ipm", Sex::male, Problem::below_minimum,
                      "ipm (male) must be above 0 (value " + detail::format_number(g_m[u]) + ")");
        g_ipg[u] = bps::ipg(ed, g_f[u], g_m[u]);
        gv.note(u, "ipg from the given ipm (female) and ipm (male)");
    }
    detail::ResultBuilder gout(g);
    gout.add("ipg", Sex::total, std::move(g_ipg));
    gout.add_by_sex("ipm", g_f, g_m);

    detail::append(from_components, gout.finish(gv, options));
    return from_components;
}

/// IKG of every region-period (BPS's GII). A zero share of women in the
/// legislature is floored by the edition (noted); other zeros are errors.
[[nodiscard]] inline IndexResult compute_ikg(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    const auto& inputs = detail::ikg_inputs;
    detail::Computation c(ds, ed, "ikg", detail::ikg_requirements(), inputs, detail::Complements::imply);
    const auto in = c.spans(inputs);
    const std::size_t n = c.table.units();
    std::vector<double> ikg(n), health(n), g_f(n), g_m(n), harmonic(n), reference(n);
    std::vector<kernel::unit_status> status(n);
    bps::ikg(ed, bps::ikg_columns{in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7]},
             bps::ikg_outputs{health, {}, {}, g_f, g_m, harmonic, reference, ikg, status});
    for (std::size_t u = 0; u < n; ++u)
        if (status[u].ok() && in[2][u] < ed.ikg_parliament_floor.value)
            c.verdicts.note(u, "parliament_share (female) below the floor " +
                                   detail::format_number(ed.ikg_parliament_floor.value) + " % of edition " + ed.id +
                                   ": floored, men's share set to 100 - floor");
    c.verdicts.reject_faults(status, inputs, in);
    c.out.add("ikg", Sex::total, std::move(ikg));
    c.out.add("ikg_health", Sex::female, std::move(health));
    c.out.add_by_sex("ikg_geometric_mean", g_f, g_m);
    c.out.add_all(Sex::total, {"ikg_harmonic_mean", "ikg_reference"}, {&harmonic, &reference});
    return c.finish(options);
}

/// IDG of every region-period. The participation indices are BPS's confirmed
/// part; the income index uses the edition's unconfirmed goalposts and needs
/// the purchasing-power level as data (docs/bps-indices.md).
[[nodiscard]] inline IndexResult compute_idg(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    const auto& inputs = detail::idg_inputs;
    // units: where women's shares are given
    detail::Computation c(ds, ed, "idg", detail::idg_requirements(), detail::columns_of(inputs), 3, inputs,
                          detail::Complements::keep);
    const auto in = c.spans(inputs);
    const std::size_t n = c.table.units();
    std::vector<double> idg(n), parliament(n), professional(n), income(n), share_f(n);
    std::vector<kernel::unit_status> status(n);
    // The kernel's fourth input is the female population share; report faults on population (female).
    for (std::size_t u = 0; u < n; ++u) share_f[u] = in[3][u] / (in[3][u] + in[4][u]);
    bps::idg(ed, bps::idg_columns{in[0], in[1], in[2], share_f, in[5]},
             bps::idg_outputs{parliament, professional, income, idg, status});
    for (auto& s : status)
        if (s.input == 4) s.input = 5;  // purchasing_power
    // Whose inputs: BPS publishes the three women's shares; the population split and the old-method
    // purchasing power are the user's (BPS publishes neither after 2013).
    for (std::size_t u = 0; u < n; ++u)
        if (status[u].ok())
            c.verdicts.note(u,
                            "BPS's inputs: parliament_share, professional_share, income_share (female, %); the "
                            "user's: female population share " +
                                detail::format_number(share_f[u]) + " (from population), purchasing_power " +
                                detail::format_number(in[5][u]) +
                                " thousand Rp (old method); income step unconfirmed (docs/bps-indices.md)");
    c.verdicts.reject_faults(status, inputs, in);
    c.out.add_all(Sex::total, {"idg", "idg_parliament_index", "idg_professional_index", "idg_income_index"},
                  {&idg, &parliament, &professional, &income});
    return c.finish(options);
}

}  // namespace gendex
