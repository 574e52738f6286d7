// The indicator registry: what each indicator id means and which values are valid.
//
// Readers validate every value against it, the audit asks it which indicators
// must be split by sex, and the roll-up asks it which ones add up.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/sex.hpp"

namespace gendex {

/// Which sexes an indicator is recorded for.
enum class SexScope : std::uint8_t {
    any,          // total, female or male (e.g. life expectancy, an index)
    by_sex,       // must be reported for women and men separately (data terpilah)
    female_only,  // defined for women only (maternal mortality, adolescent births)
    total_only,   // defined for the whole population only (e.g. GDI, GII)
};

struct IndicatorInfo {
    std::string id;
    std::string description;
    std::string unit;
    double min = -std::numeric_limits<double>::infinity();  // valid range, inclusive
    double max = std::numeric_limits<double>::infinity();
    SexScope scope = SexScope::any;
    bool additive = false;  // female + male = total, and children sum to parents
    /// For women's and men's shares of one whole (seats, managers, earned
    /// income): female + male = this (100 %); 0 for anything else. One sex
    /// then implies the other, as in BPS tables that print women's share only.
    double whole = 0;

    [[nodiscard]] bool must_split_by_sex() const noexcept { return scope == SexScope::by_sex; }
    [[nodiscard]] bool allows(Sex s) const noexcept {
        switch (scope) {
            case SexScope::female_only: return s == Sex::female;
            case SexScope::total_only: return s == Sex::total;
            default: return true;
        }
    }
    [[nodiscard]] bool in_range(double v) const noexcept { return v >= min && v <= max; }
};

[[nodiscard]] constexpr std::string_view to_string(SexScope s) noexcept {
    switch (s) {
        case SexScope::any: return "any";
        case SexScope::by_sex: return "by_sex";
        case SexScope::female_only: return "female_only";
        case SexScope::total_only: return "total_only";
    }
    return "any";
}

/// A set of indicator definitions, keyed by id. A value type: copy the
/// standard registry and register your own ids in the copy.
class IndicatorRegistry {
public:
    IndicatorRegistry() = default;

    /// The ids of the data contract (inputs and results).
    [[nodiscard]] static const IndicatorRegistry& standard();

    /// Add an indicator. Re-registering an id is an error unless `replace`.
    void add(IndicatorInfo info, bool replace = false) {
        if (info.id.empty()) throw value_error("indicator id must not be empty");
        if (!(info.min <= info.max))
            throw value_error("indicator '" + info.id + "': valid range min " + std::to_string(info.min) +
                              " is above max " + std::to_string(info.max));
        auto [it, inserted] = by_id_.try_emplace(info.id, info);
        if (!inserted) {
            if (!replace) throw value_error("indicator '" + info.id + "' is already registered");
            it->second = std::move(info);
        }
    }

    [[nodiscard]] bool contains(std::string_view id) const { return by_id_.find(id) != by_id_.end(); }

    [[nodiscard]] const IndicatorInfo* find(std::string_view id) const {
        auto it = by_id_.find(id);
        return it == by_id_.end() ? nullptr : &it->second;
    }

    [[nodiscard]] const IndicatorInfo& at(std::string_view id) const {
        if (const auto* info = find(id)) return *info;
        throw key_error(
            Location{.key = std::string(id)},
            "unknown indicator '" + std::string(id) + "' (register it first, or use one of the data-contract ids)");
    }

    [[nodiscard]] std::vector<std::string> ids() const {
        std::vector<std::string> out;
        out.reserve(by_id_.size());
        for (const auto& [id, info] : by_id_) out.push_back(id);
        return out;
    }

    [[nodiscard]] std::size_t size() const noexcept { return by_id_.size(); }

private:
    std::map<std::string, IndicatorInfo, std::less<>> by_id_;
};

inline const IndicatorRegistry& IndicatorRegistry::standard() {
    static const IndicatorRegistry registry = [] {
        constexpr double inf = std::numeric_limits<double>::infinity();
        IndicatorRegistry r;
        auto add = [&r](std::string id, std::string description, std::string unit, double lo, double hi,
                        SexScope scope = SexScope::any, bool additive = false) {
            r.add(IndicatorInfo{std::move(id), std::move(description), std::move(unit), lo, hi, scope, additive});
        };
        // Women's and men's shares of one whole, in percent.
        auto share = [&r](std::string id, std::string description) {
            r.add(IndicatorInfo{std::move(id), std::move(description), "%", 0, 100, SexScope::by_sex, false, 100});
        };
        // Inputs. Ranges are physical plausibility bounds, not goalposts.
        add("life_expectancy", "Life expectancy at birth", "years", 0, 120);
        add("expected_schooling", "Expected years of schooling", "years", 0, 30);
        add("mean_schooling", "Mean years of schooling, ages 25+", "years", 0, 25);
        add("gni_per_capita", "GNI per capita (PPP $); by sex: estimated earned income", "PPP $", 0, inf);
        add("maternal_mortality", "Maternal deaths per 100,000 live births", "per 100,000 live births", 0, 100000,
            SexScope::female_only);
        add("adolescent_birth_rate", "Births per 1,000 women aged 15-19", "per 1,000 women", 0, 1000,
            SexScope::female_only);
        share("parliament_share", "Share of seats in parliament (legislature)");
        add("secondary_education", "Population 25+ with at least some secondary education", "%", 0, 100,
            SexScope::by_sex);
        add("labour_force_participation", "Labour force participation rate, 15+", "%", 0, 100, SexScope::by_sex);
        add("wage_ratio", "Female to male wage ratio", "ratio", 0, inf, SexScope::total_only);
        add("population", "Population", "persons", 0, inf, SexScope::any, true);
        add("inequality_life_expectancy", "Inequality in life expectancy (Atkinson)", "%", 0, 100);
        add("inequality_education", "Inequality in education (Atkinson)", "%", 0, 100);
        add("inequality_income", "Inequality in income (Atkinson)", "%", 0, 100);
        share("managers_share", "Share of legislators, senior officials and managers");
        share("professional_technical_share", "Share of professional and technical workers");
        add("per_capita_expenditure", "Adjusted per-capita expenditure", "thousand Rp/person/year", 0, inf);
        add("upper_secondary_education", "Population 25+ with upper secondary (SMA) or higher", "%", 0, 100,
            SexScope::by_sex);
        add("births_outside_facility", "Live births not delivered in a health facility (MTF)", "%", 0, 100,
            SexScope::female_only);
        add("first_birth_before_20", "Women 15-49 whose first live birth was before age 20 (MHPK20)", "%", 0, 100,
            SexScope::female_only);
        share("professional_share", "Share of professional, managerial, administrative and technical workers");
        share("income_share", "Share of earned income");
        share("economically_active_share", "Share of the economically active population");
        add("purchasing_power", "Purchasing-power level of BPS's IDG income step (old-method PPP)", "thousand Rp", 0,
            inf, SexScope::total_only);
        // Results.
        add("hdi", "Human Development Index", "index", 0, 1);
        add("gdi", "Gender Development Index", "ratio", 0, inf, SexScope::total_only);
        add("gdi_group", "GDI group (1 = high equality ... 5 = low)", "group", 1, 5, SexScope::total_only);
        add("gii", "Gender Inequality Index", "index", 0, 1, SexScope::total_only);
        add("gii_rank", "GII rank", "rank", 1, inf, SexScope::total_only);
        add("hdi_rank", "HDI rank", "rank", 1, inf, SexScope::total_only);
        add("ihdi", "Inequality-adjusted HDI", "index", 0, 1, SexScope::total_only);
        add("ihdi_loss", "Overall loss in HDI due to inequality", "%", 0, 100, SexScope::total_only);
        add("coefficient_human_inequality", "Coefficient of human inequality", "%", 0, 100, SexScope::total_only);
        add("gem", "Gender Empowerment Measure", "index", 0, 1, SexScope::total_only);
        add("ipm", "Indeks Pembangunan Manusia (BPS HDI)", "index", 0, 100);
        add("ipg", "Indeks Pembangunan Gender", "index", 0, inf, SexScope::total_only);
        add("idg", "Indeks Pemberdayaan Gender (0-100; its income step is unconfirmed and unbounded)", "index", -inf,
            inf, SexScope::total_only);
        add("ikg", "Indeks Ketimpangan Gender", "index", 0, 1, SexScope::total_only);
        // Results: groups and components of the UNDP indices (gendex/compute/).
        add("hdi_group", "HDI group (1 = low, 2 = medium, 3 = high, 4 = very high)", "group", 1, 4,
            SexScope::total_only);
        add("hdi_health_index", "HDI health dimension index; by sex: of HDI_f / HDI_m", "index", 0, 1);
        add("hdi_education_index", "HDI education dimension index; by sex: of HDI_f / HDI_m", "index", 0, 1);
        add("hdi_income_index", "HDI income dimension index; by sex: of HDI_f / HDI_m", "index", 0, 1);
        // The within-sex terms can exceed 1: the health term sqrt(10/(MMR*ABR)) reaches ~3.2.
        add("gii_geometric_mean", "GII within-sex geometric mean G_F (female) or G_M (male)", "index", 0, inf);
        add("gii_harmonic_mean", "GII harmonic mean of G_F and G_M", "index", 0, inf, SexScope::total_only);
        add("gii_reference", "GII reference standard G_FM", "index", 0, inf, SexScope::total_only);
        add("gii_health", "GII reference-standard health term ((10/MMR*1/ABR)^(1/2) + 1)/2", "index", 0, inf,
            SexScope::total_only);
        add("gii_empowerment", "GII reference-standard empowerment term", "index", 0, 1, SexScope::total_only);
        add("gii_labour", "GII reference-standard labour market term", "index", 0, 1, SexScope::total_only);
        add("ihdi_health_index", "Inequality-adjusted health index", "index", 0, 1, SexScope::total_only);
        add("ihdi_education_index", "Inequality-adjusted education index", "index", 0, 1, SexScope::total_only);
        add("ihdi_income_index", "Inequality-adjusted income index", "index", 0, 1, SexScope::total_only);
        add("gem_political", "GEM political participation (parliament EDEP / 50)", "index", 0, inf,
            SexScope::total_only);
        add("gem_economic", "GEM economic participation (mean of the indexed occupational EDEPs)", "index", 0, inf,
            SexScope::total_only);
        add("gem_income", "GEM power over economic resources (EDEP of the income indices)", "index", 0, inf,
            SexScope::total_only);
        add("gem_parliament_edep", "GEM equally distributed equivalent share of parliament seats", "%", 0, 100,
            SexScope::total_only);
        add("gem_managers_edep", "GEM equally distributed equivalent share of managers", "%", 0, 100,
            SexScope::total_only);
        add("gem_professional_technical_edep",
            "GEM equally distributed equivalent share of professional and "
            "technical workers",
            "%", 0, 100, SexScope::total_only);
        add("gem_income_index", "GEM income index of estimated earned income, by sex", "index", 0, inf);
        // Results: components of the BPS indices (gendex/compute/bps.hpp).
        add("ipm_health_index", "IPM health dimension index (UHH); by sex: of IPM_P / IPM_L", "index", 0, 1);
        add("ipm_education_index", "IPM education dimension index (HLS, RLS); by sex", "index", 0, 1);
        add("ipm_expenditure_index", "IPM expenditure dimension index (PPK); by sex", "index", 0, 1);
        add("ikg_health", "IKG women's reproductive-health term sqrt(c / (MTF * MHPK20))", "index", 0, inf,
            SexScope::female_only);
        // The IKG's within-sex and reference terms (the GII's shape on BPS's inputs); may exceed 1 as the GII's.
        add("ikg_geometric_mean", "IKG within-sex geometric mean G_P (female) or G_L (male)", "index", 0, inf);
        add("ikg_harmonic_mean", "IKG harmonic mean of G_P and G_L", "index", 0, inf, SexScope::total_only);
        add("ikg_reference", "IKG reference standard G_PL", "index", 0, inf, SexScope::total_only);
        // EDEP / 50 exceeds 1 when women's population share p is not 1/2: its largest value,
        // 2 / (sqrt(p) + sqrt(1 - p))^2, tends to 2 as p tends to 0 or 1.
        add("idg_parliament_index", "IDG parliament index (EDEP / 50)", "index", 0, 2, SexScope::total_only);
        add("idg_professional_index", "IDG professional index (EDEP / 50)", "index", 0, 2, SexScope::total_only);
        // The unconfirmed income step is linear in the purchasing-power level, so it is not bounded.
        add("idg_income_index", "IDG income index (unconfirmed step)", "index", -inf, inf, SexScope::total_only);
        // The Paths to Equal (UNDP / UN Women 2023, gendex/compute/twin.hpp): inputs, then results.
        add("family_planning_satisfied", "Women 15-49 whose need for family planning is satisfied with modern methods",
            "%", 0, 100, SexScope::female_only);
        add("neet_rate", "Youth 15-24 not in education, employment or training", "%", 0, 100, SexScope::by_sex);
        add("lfpr_couple_young_child", "Labour force participation 25-54 in couple households with a child under 6",
            "%", 0, 100, SexScope::by_sex);
        add("account_ownership", "Account at a financial institution or mobile-money provider, 15+", "%", 0, 100,
            SexScope::by_sex);
        share("local_government_share", "Share of elected seats in local government");
        add("intimate_partner_violence",
            "Ever-partnered women 15-49 subjected to partner violence in the last 12 months", "%", 0, 100,
            SexScope::female_only);
        add("healthy_life_share", "Share of life expectancy at birth spent in good health", "%", 0, 100,
            SexScope::by_sex);
        add("no_local_government", "1: no elected local government (the parliament share stands in), else 0", "flag", 0,
            1, SexScope::total_only);
        add("wei", "Women's Empowerment Index (UNDP / UN Women)", "index", 0, 1, SexScope::total_only);
        add("ggpi", "Global Gender Parity Index (UNDP / UN Women)", "index", 0, inf, SexScope::total_only);
        for (const char* g : {"wei_group", "ggpi_group"})
            add(g, "group (1 = low, 2 = lower-middle, 3 = upper-middle, 4 = high)", "group", 1, 4,
                SexScope::total_only);
        for (const char* d : {"wei_health", "wei_education", "wei_labour", "wei_decision", "wei_violence"})
            add(d, "WEI dimension index", "index", 0, 1, SexScope::total_only);
        for (const char* d : {"ggpi_health", "ggpi_education", "ggpi_labour", "ggpi_decision"})
            add(d, "GGPI dimension parity (female-to-male)", "ratio", 0, inf, SexScope::total_only);
        // WEF Global Gender Gap Index (gendex/compute/gggi.hpp): results, then the 14 indicators, each
        // by sex as the raw female and male values (units as WEF's) and as total the score (the truncated ratio).
        add("gggi", "WEF Global Gender Gap Index", "index", 0, 1, SexScope::total_only);
        add("gggi_rank", "GGGI rank", "rank", 1, inf, SexScope::total_only);
        for (const char* sub : {"economic_participation_and_opportunity", "educational_attainment",
                                "health_and_survival", "political_empowerment"})
            add(std::string("gggi_") + sub, std::string("GGGI subindex: ") + sub, "index", 0, 1, SexScope::total_only);
        for (const char* ind :
             {"labour_force_participation", "wage_equality_for_similar_work", "estimated_earned_income",
              "legislators_senior_officials_and_managers", "professional_and_technical_workers", "literacy_rate",
              "enrolment_in_primary_education", "enrolment_in_secondary_education", "enrolment_in_tertiary_education",
              "sex_ratio_at_birth", "healthy_life_expectancy", "women_in_parliament", "women_in_ministerial_positions",
              "years_with_female_head_of_state"})
            add(std::string("gggi_") + ind,
                std::string("GGGI indicator ") + ind + ": by sex the raw value, total the score (truncated ratio)",
                "as WEF's", 0, inf);
        return r;
    }();
    return registry;
}

}  // namespace gendex
