// The Edition type and its reflection table: the method constants of an
// edition, what they mean and where their values come from. The built-in
// editions are in edition.hpp.
//
// Every constant an index uses (goalposts, caps, floors, group cut-offs,
// rounding digits, the age limits of averaged populations), UNDP's and BPS's,
// lives in an Edition, next to the source it came from, and nowhere else: kernels read them from an Edition, so a caller can inspect, override
// and document them without recompiling. Publishers change constants between
// editions without always saying so (the GII parliament floor is the standing
// example), which is why the source string matters as much as the value.
#pragma once

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/format.hpp"

namespace gendex {

/// A method constant and where its value comes from.
template <class T>
struct Sourced {
    T value{};
    std::string source;
};

/// One methodology edition: an id plus every constant of the indices.
/// Member names double as the constant names of the reflection table.
struct Edition {
    std::string id;
    std::string title;

    // HDI goalposts (also the GDI goalposts for schooling and income).
    Sourced<double> life_expectancy_min, life_expectancy_max;
    Sourced<double> expected_schooling_min, expected_schooling_max;
    Sourced<double> mean_schooling_min, mean_schooling_max;
    Sourced<double> gni_per_capita_min, gni_per_capita_max;
    Sourced<int> ppp_base_year;

    // HDI groups: lower bounds, inclusive, on the rounded HDI.
    Sourced<double> hdi_medium_min, hdi_high_min, hdi_very_high_min;

    // GDI: sex-specific life-expectancy goalposts, wage ratio, groups.
    Sourced<double> life_expectancy_f_min, life_expectancy_f_max;
    Sourced<double> life_expectancy_m_min, life_expectancy_m_max;
    Sourced<double> gdi_default_wage_ratio;
    // Upper bounds, inclusive, of 100*|GDI - 1| (rounded GDI) for groups 1..4.
    Sourced<double> gdi_group1_max, gdi_group2_max, gdi_group3_max, gdi_group4_max;

    // GII.
    Sourced<double> maternal_mortality_min, maternal_mortality_max;
    Sourced<double> gii_component_floor;   // percent (or per 1,000 for ABR)
    Sourced<double> gii_parliament_floor;  // percent, female share only
    Sourced<bool> gii_parliament_male_complement;

    // Publisher rounding of the published indices.
    Sourced<int> rounding_digits;

    // GEM (HDR 1995-2009).
    Sourced<double> gem_epsilon, gem_parity_share;
    Sourced<double> gem_income_min, gem_income_max;
    Sourced<bool> gem_income_log, gem_income_capped;
    Sourced<double> gem_default_wage_ratio;

    // BPS (Statistics Indonesia) IPM family, "metode baru": IPM uses the HDI
    // goalposts above for life expectancy and schooling, these for expenditure.
    Sourced<double> expenditure_min, expenditure_max;  // thousand Rp/person/year, 2012 prices
    Sourced<double> bps_index_scale;                   // IPM, IPG, IDG are published on 0-100
    // IKG (BPS's GII): health term sqrt(c / (max(MTF, floor) * MHPK20)), shares in percent.
    Sourced<double> ikg_health_constant, ikg_mtf_floor, ikg_parliament_floor;
    // IDG income step (unconfirmed for the current series): linear index of the equally distributed
    // income on the old-method purchasing-power goalposts, (X_ede * PPP - offset) / (max - min).
    Sourced<double> idg_income_min, idg_income_max, idg_income_offset;

    // Age limits of the populations the method averages over.
    // UNDP's regional aggregates weight expected schooling by the population
    // aged aggregate_schooling_age_min-aggregate_schooling_age_max and mean
    // schooling by the population aged aggregate_adult_age_min and older.
    Sourced<int> aggregate_schooling_age_min, aggregate_schooling_age_max, aggregate_adult_age_min;
    // Index inputs from survey microdata: mean schooling and the education
    // shares over persons aged survey_schooling_age and older, labour-force
    // participation over survey_labour_age and older, the adolescent birth
    // rate over women aged survey_adolescent_age_min-survey_adolescent_age_max.
    Sourced<double> survey_schooling_age, survey_labour_age, survey_adolescent_age_min, survey_adolescent_age_max;

    // WEF Global Gender Gap Index (GGGR 2023 Appendix B): equality benchmarks
    // the female-to-male ratios are truncated at, the least number of the 14
    // indicators an economy needs, and per indicator the Table B.2 weight with
    // the standard deviation of the ratio it comes from (0.01/sd, normalised
    // within the subindex). indices/gggi.hpp lists which weight is whose.
    Sourced<double> gggi_parity_benchmark, gggi_sex_ratio_at_birth_benchmark, gggi_healthy_life_benchmark;
    Sourced<int> gggi_min_indicators, gggi_rank_digits;
    Sourced<double> gggi_weight_labour_force, gggi_weight_wage_equality, gggi_weight_earned_income,
        gggi_weight_managers, gggi_weight_professional, gggi_weight_literacy, gggi_weight_primary;
    Sourced<double> gggi_weight_secondary, gggi_weight_tertiary, gggi_weight_sex_ratio_at_birth,
        gggi_weight_healthy_life, gggi_weight_parliament, gggi_weight_ministers, gggi_weight_head_of_state;
    Sourced<double> gggi_sd_labour_force, gggi_sd_wage_equality, gggi_sd_earned_income, gggi_sd_managers,
        gggi_sd_professional, gggi_sd_literacy, gggi_sd_primary;
    Sourced<double> gggi_sd_secondary, gggi_sd_tertiary, gggi_sd_sex_ratio_at_birth, gggi_sd_healthy_life,
        gggi_sd_parliament, gggi_sd_ministers, gggi_sd_head_of_state;
    // UNDP / UN Women twin indices (The Paths to Equal 2023; fitted, docs/wei-ggpi.md): WEI goalposts
    // (each indicator normalised from 0), the GGPI's NEET complement, groups of both indices.
    Sourced<double> wei_adolescent_birth_max, wei_neet_max, wei_decision_max, wei_violence_max, ggpi_neet_max;
    Sourced<double> twin_lower_middle_min, twin_upper_middle_min, twin_high_min;

    /// Value of the constant `name` as a double (int and bool converted).
    /// Throws key_error for an unknown name.
    [[nodiscard]] double get(std::string_view name) const;
    /// Where the constant `name` comes from. Throws key_error.
    [[nodiscard]] const std::string& source(std::string_view name) const;
    /// Set one constant and re-check the invariants; on failure the edition is
    /// left unchanged. To move several related constants at once (both ends of a
    /// goalpost pair), use custom_edition, which checks only the final state.
    void set(std::string_view name, double value, std::string source = {});
    /// Throws value_error naming the constants of the first broken invariant.
    void validate() const;
};

/// The kind of a constant, so front ends can show 3 rather than 3.0.
enum class ConstantKind { real, integer, flag };

/// One row of an edition's constant listing.
struct ConstantValue {
    std::string_view name;
    ConstantKind kind;
    double value;
    std::string source;
    std::string_view unit;
    std::string_view meaning;
};

/// A requested change to a constant when building a custom edition.
struct ConstantOverride {
    std::string name;
    double value;
    std::string source;  // empty: "override of <base id>"
};

namespace detail {

using ConstantMember = std::variant<Sourced<double> Edition::*, Sourced<int> Edition::*, Sourced<bool> Edition::*>;

struct ConstantEntry {
    std::string_view name;
    ConstantMember member;
    std::string_view unit;
    std::string_view meaning;
};

// The reflection table: the one list of an edition's constants.
inline const std::array<ConstantEntry, 91>& constant_table() {
    static const std::array<ConstantEntry, 91> table{{
        {"life_expectancy_min", &Edition::life_expectancy_min, "years", "HDI health goalpost, minimum"},
        {"life_expectancy_max", &Edition::life_expectancy_max, "years", "HDI health goalpost, maximum (cap)"},
        {"expected_schooling_min", &Edition::expected_schooling_min, "years",
         "HDI expected schooling goalpost, minimum"},
        {"expected_schooling_max", &Edition::expected_schooling_max, "years",
         "HDI expected schooling goalpost, maximum (cap)"},
        {"mean_schooling_min", &Edition::mean_schooling_min, "years", "HDI mean schooling goalpost, minimum"},
        {"mean_schooling_max", &Edition::mean_schooling_max, "years", "HDI mean schooling goalpost, maximum (cap)"},
        {"gni_per_capita_min", &Edition::gni_per_capita_min, "PPP$", "HDI/GDI income goalpost, minimum (log scale)"},
        {"gni_per_capita_max", &Edition::gni_per_capita_max, "PPP$",
         "HDI/GDI income goalpost, maximum (cap, log scale)"},
        {"ppp_base_year", &Edition::ppp_base_year, "year", "PPP base year of GNI per capita (informational)"},
        {"hdi_medium_min", &Edition::hdi_medium_min, "index", "lowest rounded HDI of the Medium group"},
        {"hdi_high_min", &Edition::hdi_high_min, "index", "lowest rounded HDI of the High group"},
        {"hdi_very_high_min", &Edition::hdi_very_high_min, "index", "lowest rounded HDI of the Very high group"},
        {"life_expectancy_f_min", &Edition::life_expectancy_f_min, "years", "GDI female health goalpost, minimum"},
        {"life_expectancy_f_max", &Edition::life_expectancy_f_max, "years",
         "GDI female health goalpost, maximum (cap)"},
        {"life_expectancy_m_min", &Edition::life_expectancy_m_min, "years", "GDI male health goalpost, minimum"},
        {"life_expectancy_m_max", &Edition::life_expectancy_m_max, "years", "GDI male health goalpost, maximum (cap)"},
        {"gdi_default_wage_ratio", &Edition::gdi_default_wage_ratio, "ratio",
         "female/male wage ratio used when none is given"},
        {"gdi_group1_max", &Edition::gdi_group1_max, "percent", "largest 100*|GDI-1| of group 1 (inclusive)"},
        {"gdi_group2_max", &Edition::gdi_group2_max, "percent", "largest 100*|GDI-1| of group 2 (inclusive)"},
        {"gdi_group3_max", &Edition::gdi_group3_max, "percent", "largest 100*|GDI-1| of group 3 (inclusive)"},
        {"gdi_group4_max", &Edition::gdi_group4_max, "percent", "largest 100*|GDI-1| of group 4 (inclusive)"},
        {"maternal_mortality_min", &Edition::maternal_mortality_min, "per 100,000 live births",
         "MMR truncation, lower bound; also the 10 in 10/MMR"},
        {"maternal_mortality_max", &Edition::maternal_mortality_max, "per 100,000 live births",
         "MMR truncation, upper bound"},
        {"gii_component_floor", &Edition::gii_component_floor, "percent",
         "minimum of every GII component (ABR in its own unit)"},
        {"gii_parliament_floor", &Edition::gii_parliament_floor, "percent", "minimum female parliament share"},
        {"gii_parliament_male_complement", &Edition::gii_parliament_male_complement, "flag",
         "when the female share is floored, the male share becomes 100 - floor"},
        {"rounding_digits", &Edition::rounding_digits, "decimals", "decimals of the published indices (round half up)"},
        {"gem_epsilon", &Edition::gem_epsilon, "", "GEM inequality aversion of the EDEP"},
        {"gem_parity_share", &Edition::gem_parity_share, "percent",
         "GEM participation EDEPs are divided by this (the equal-society share)"},
        {"gem_income_min", &Edition::gem_income_min, "PPP$", "GEM income index goalpost, minimum"},
        {"gem_income_max", &Edition::gem_income_max, "PPP$", "GEM income index goalpost, maximum"},
        {"gem_income_log", &Edition::gem_income_log, "flag", "GEM income index on logs (1) or levels (0)"},
        {"gem_income_capped", &Edition::gem_income_capped, "flag",
         "GEM incomes capped at gem_income_max before indexing"},
        {"gem_default_wage_ratio", &Edition::gem_default_wage_ratio, "ratio",
         "non-agricultural female/male wage ratio used when none is given (GEM/old GDI)"},
        {"expenditure_min", &Edition::expenditure_min, "thousand Rp/person/year",
         "BPS IPM expenditure goalpost, minimum (log scale)"},
        {"expenditure_max", &Edition::expenditure_max, "thousand Rp/person/year",
         "BPS IPM expenditure goalpost, maximum (cap, log scale)"},
        {"bps_index_scale", &Edition::bps_index_scale, "", "BPS publishes IPM, IPG and IDG multiplied by this"},
        {"ikg_health_constant", &Edition::ikg_health_constant, "percent",
         "numerator c of the IKG health term sqrt(c / (MTF * MHPK20))"},
        {"ikg_mtf_floor", &Edition::ikg_mtf_floor, "percent",
         "minimum of MTF (births outside a facility) in the IKG health term"},
        {"ikg_parliament_floor", &Edition::ikg_parliament_floor, "percent",
         "minimum female legislature share in the IKG (male becomes 100 - floor)"},
        {"idg_income_min", &Edition::idg_income_min, "thousand Rp",
         "IDG income index goalpost, minimum (old-method purchasing power)"},
        {"idg_income_max", &Edition::idg_income_max, "thousand Rp",
         "IDG income index goalpost, maximum (old-method purchasing power)"},
        {"idg_income_offset", &Edition::idg_income_offset, "thousand Rp",
         "IDG income index: subtracted from X_ede x purchasing power in the numerator (printed 360)"},
        {"aggregate_schooling_age_min", &Edition::aggregate_schooling_age_min, "years",
         "aggregates weight expected schooling by the population aged from this"},
        {"aggregate_schooling_age_max", &Edition::aggregate_schooling_age_max, "years", "... to this (inclusive)"},
        {"aggregate_adult_age_min", &Edition::aggregate_adult_age_min, "years",
         "aggregates weight mean schooling by the population aged this and older"},
        {"survey_schooling_age", &Edition::survey_schooling_age, "years",
         "survey mean schooling and education shares: persons aged this and older"},
        {"survey_labour_age", &Edition::survey_labour_age, "years",
         "survey labour-force participation: persons aged this and older"},
        {"survey_adolescent_age_min", &Edition::survey_adolescent_age_min, "years",
         "survey adolescent birth rate: women aged from this"},
        {"survey_adolescent_age_max", &Edition::survey_adolescent_age_max, "years", "... to this (inclusive)"},
        {"gggi_parity_benchmark", &Edition::gggi_parity_benchmark, "ratio",
         "GGGI equality benchmark of 12 of the 14 female-to-male ratios (truncated there)"},
        {"gggi_sex_ratio_at_birth_benchmark", &Edition::gggi_sex_ratio_at_birth_benchmark, "ratio",
         "GGGI equality benchmark of the sex ratio at birth (female/male births)"},
        {"gggi_healthy_life_benchmark", &Edition::gggi_healthy_life_benchmark, "ratio",
         "GGGI equality benchmark of the female-to-male healthy life expectancy"},
        {"gggi_min_indicators", &Edition::gggi_min_indicators, "indicators",
         "GGGI: an economy needs at least this many of the 14 indicators"},
        {"gggi_rank_digits", &Edition::gggi_rank_digits, "decimals",
         "GGGI ranks are decided on the index rounded to this many decimals (15: as computed)"},
        {"gggi_weight_labour_force", &Edition::gggi_weight_labour_force, "weight",
         "GGGI Table B.2 weight: labour-force participation rate"},
        {"gggi_weight_wage_equality", &Edition::gggi_weight_wage_equality, "weight",
         "GGGI Table B.2 weight: wage equality for similar work (survey)"},
        {"gggi_weight_earned_income", &Edition::gggi_weight_earned_income, "weight",
         "GGGI Table B.2 weight: estimated earned income"},
        {"gggi_weight_managers", &Edition::gggi_weight_managers, "weight",
         "GGGI Table B.2 weight: legislators, senior officials and managers"},
        {"gggi_weight_professional", &Edition::gggi_weight_professional, "weight",
         "GGGI Table B.2 weight: professional and technical workers"},
        {"gggi_weight_literacy", &Edition::gggi_weight_literacy, "weight", "GGGI Table B.2 weight: literacy rate"},
        {"gggi_weight_primary", &Edition::gggi_weight_primary, "weight",
         "GGGI Table B.2 weight: enrolment in primary education"},
        {"gggi_weight_secondary", &Edition::gggi_weight_secondary, "weight",
         "GGGI Table B.2 weight: enrolment in secondary education"},
        {"gggi_weight_tertiary", &Edition::gggi_weight_tertiary, "weight",
         "GGGI Table B.2 weight: enrolment in tertiary education"},
        {"gggi_weight_sex_ratio_at_birth", &Edition::gggi_weight_sex_ratio_at_birth, "weight",
         "GGGI Table B.2 weight: sex ratio at birth"},
        {"gggi_weight_healthy_life", &Edition::gggi_weight_healthy_life, "weight",
         "GGGI Table B.2 weight: healthy life expectancy"},
        {"gggi_weight_parliament", &Edition::gggi_weight_parliament, "weight",
         "GGGI Table B.2 weight: women in parliament"},
        {"gggi_weight_ministers", &Edition::gggi_weight_ministers, "weight",
         "GGGI Table B.2 weight: women in ministerial positions"},
        {"gggi_weight_head_of_state", &Edition::gggi_weight_head_of_state, "weight",
         "GGGI Table B.2 weight: years with female head of state (last 50)"},
        {"gggi_sd_labour_force", &Edition::gggi_sd_labour_force, "ratio",
         "GGGI Table B.2 sd of the ratio: labour-force participation rate"},
        {"gggi_sd_wage_equality", &Edition::gggi_sd_wage_equality, "ratio",
         "GGGI Table B.2 sd of the ratio: wage equality for similar work (survey)"},
        {"gggi_sd_earned_income", &Edition::gggi_sd_earned_income, "ratio",
         "GGGI Table B.2 sd of the ratio: estimated earned income"},
        {"gggi_sd_managers", &Edition::gggi_sd_managers, "ratio",
         "GGGI Table B.2 sd of the ratio: legislators, senior officials and managers"},
        {"gggi_sd_professional", &Edition::gggi_sd_professional, "ratio",
         "GGGI Table B.2 sd of the ratio: professional and technical workers"},
        {"gggi_sd_literacy", &Edition::gggi_sd_literacy, "ratio", "GGGI Table B.2 sd of the ratio: literacy rate"},
        {"gggi_sd_primary", &Edition::gggi_sd_primary, "ratio",
         "GGGI Table B.2 sd of the ratio: enrolment in primary education"},
        {"gggi_sd_secondary", &Edition::gggi_sd_secondary, "ratio",
         "GGGI Table B.2 sd of the ratio: enrolment in secondary education"},
        {"gggi_sd_tertiary", &Edition::gggi_sd_tertiary, "ratio",
         "GGGI Table B.2 sd of the ratio: enrolment in tertiary education"},
        {"gggi_sd_sex_ratio_at_birth", &Edition::gggi_sd_sex_ratio_at_birth, "ratio",
         "GGGI Table B.2 sd of the ratio: sex ratio at birth"},
        {"gggi_sd_healthy_life", &Edition::gggi_sd_healthy_life, "ratio",
         "GGGI Table B.2 sd of the ratio: healthy life expectancy"},
        {"gggi_sd_parliament", &Edition::gggi_sd_parliament, "ratio",
         "GGGI Table B.2 sd of the ratio: women in parliament"},
        {"gggi_sd_ministers", &Edition::gggi_sd_ministers, "ratio",
         "GGGI Table B.2 sd of the ratio: women in ministerial positions"},
        {"gggi_sd_head_of_state", &Edition::gggi_sd_head_of_state, "ratio",
         "GGGI Table B.2 sd of the ratio: years with female head of state (last 50)"},
        {"wei_adolescent_birth_max", &Edition::wei_adolescent_birth_max, "per 1,000", "WEI ABR goalpost (index 0)"},
        {"wei_neet_max", &Edition::wei_neet_max, "percent", "WEI NEET goalpost (index 0)"},
        {"wei_decision_max", &Edition::wei_decision_max, "percent", "WEI decision-making shares goalpost (index 1)"},
        {"wei_violence_max", &Edition::wei_violence_max, "percent", "WEI partner-violence goalpost (index 0)"},
        {"ggpi_neet_max", &Edition::ggpi_neet_max, "percent", "GGPI: NEET enters as (this - NEET) by sex"},
        {"twin_lower_middle_min", &Edition::twin_lower_middle_min, "index", "WEI/GGPI lower-middle group from"},
        {"twin_upper_middle_min", &Edition::twin_upper_middle_min, "index", "WEI/GGPI upper-middle group from"},
        {"twin_high_min", &Edition::twin_high_min, "index", "WEI/GGPI high group from (rounded value)"},
    }};
    return table;
}

inline std::string known_constant_names() {
    std::string out;
    for (const auto& e : constant_table()) {
        if (!out.empty()) out += ", ";
        out += e.name;
    }
    return out;
}

inline const ConstantEntry& find_constant(std::string_view name) {
    for (const auto& e : constant_table())
        if (e.name == name) return e;
    throw key_error(Location{.key = std::string(name)},
                    "unknown edition constant '" + std::string(name) + "'; known constants: " + known_constant_names());
}

inline ConstantKind kind_of(const ConstantMember& m) {
    struct visitor {
        ConstantKind operator()(Sourced<double> Edition::*) const { return ConstantKind::real; }
        ConstantKind operator()(Sourced<int> Edition::*) const { return ConstantKind::integer; }
        ConstantKind operator()(Sourced<bool> Edition::*) const { return ConstantKind::flag; }
    };
    return std::visit(visitor{}, m);
}

}  // namespace detail

inline double Edition::get(std::string_view name) const {
    const auto& entry = detail::find_constant(name);
    return std::visit([this](auto ptr) { return static_cast<double>((this->*ptr).value); }, entry.member);
}

inline const std::string& Edition::source(std::string_view name) const {
    const auto& entry = detail::find_constant(name);
    return std::visit([this](auto ptr) -> const std::string& { return (this->*ptr).source; }, entry.member);
}

namespace detail {

// Assign without checking invariants; checks only that the value fits the kind.
inline void assign_constant(Edition& ed, const ConstantEntry& entry, double value, std::string source) {
    const std::string where = "edition '" + ed.id + "': constant '" + std::string(entry.name) + "'";
    if (!std::isfinite(value)) throw value_error(where + " must be finite, got " + format_number(value));
    if (source.empty()) source = "override of edition '" + ed.id + "'";
    std::visit(
        [&](auto ptr) {
            auto& slot = ed.*ptr;
            using T = decltype(slot.value);
            if constexpr (std::is_same_v<T, double>) {
                slot.value = value;
            } else if constexpr (std::is_same_v<T, int>) {
                if (value != std::trunc(value) || std::fabs(value) > 1e9)
                    throw value_error(where + " must be an integer, got " + format_number(value));
                slot.value = static_cast<int>(value);
            } else {
                if (value != 0.0 && value != 1.0)
                    throw value_error(where + " is a flag and must be 0 or 1, got " + format_number(value));
                slot.value = value == 1.0;
            }
            slot.source = std::move(source);
        },
        entry.member);
}

}  // namespace detail

inline void Edition::set(std::string_view name, double value, std::string source_text) {
    const auto& entry = detail::find_constant(name);
    Edition trial = *this;
    detail::assign_constant(trial, entry, value, std::move(source_text));
    trial.validate();
    *this = std::move(trial);
}

inline void Edition::validate() const {
    const std::string where = "edition '" + id + "': ";
    auto fail = [&](const std::string& why) { throw value_error(where + why); };
    auto show = [](std::string_view n, double v) {
        std::string text(1, '\'');  // built by appending: GCC 12 -O3 misfires -Wrestrict on "'" + s
        text.append(n).append("' (").append(detail::format_number(v)).append(")");
        return text;
    };
    auto below = [&](std::string_view lo_name, double lo, std::string_view hi_name, double hi) {
        if (!(lo < hi)) fail(show(lo_name, lo) + " must be below " + show(hi_name, hi));
    };
    auto positive = [&](std::string_view n, double v) {
        if (!(v > 0.0)) fail(show(n, v) + " must be positive");
    };
    // Log-scale goalposts: the kernels' logarithm needs normal numbers (>= 2.2e-308).
    auto log_goalpost = [&](std::string_view n, double v) {
        if (!(v >= DBL_MIN)) fail(show(n, v) + " must be positive (its logarithm is taken)");
    };
    for (const auto& e : detail::constant_table())
        if (!std::isfinite(get(e.name))) fail(show(e.name, get(e.name)) + " must be finite");

    below("life_expectancy_min", life_expectancy_min.value, "life_expectancy_max", life_expectancy_max.value);
    below("expected_schooling_min", expected_schooling_min.value, "expected_schooling_max",
          expected_schooling_max.value);
    below("mean_schooling_min", mean_schooling_min.value, "mean_schooling_max", mean_schooling_max.value);
    below("gni_per_capita_min", gni_per_capita_min.value, "gni_per_capita_max", gni_per_capita_max.value);
    log_goalpost("gni_per_capita_min", gni_per_capita_min.value);
    below("life_expectancy_f_min", life_expectancy_f_min.value, "life_expectancy_f_max", life_expectancy_f_max.value);
    below("life_expectancy_m_min", life_expectancy_m_min.value, "life_expectancy_m_max", life_expectancy_m_max.value);

    positive("hdi_medium_min", hdi_medium_min.value);
    below("hdi_medium_min", hdi_medium_min.value, "hdi_high_min", hdi_high_min.value);
    below("hdi_high_min", hdi_high_min.value, "hdi_very_high_min", hdi_very_high_min.value);
    if (hdi_very_high_min.value > 1.0) fail(show("hdi_very_high_min", hdi_very_high_min.value) + " must not exceed 1");

    positive("gdi_default_wage_ratio", gdi_default_wage_ratio.value);
    positive("gdi_group1_max", gdi_group1_max.value);
    below("gdi_group1_max", gdi_group1_max.value, "gdi_group2_max", gdi_group2_max.value);
    below("gdi_group2_max", gdi_group2_max.value, "gdi_group3_max", gdi_group3_max.value);
    below("gdi_group3_max", gdi_group3_max.value, "gdi_group4_max", gdi_group4_max.value);

    positive("maternal_mortality_min", maternal_mortality_min.value);  // it divides
    below("maternal_mortality_min", maternal_mortality_min.value, "maternal_mortality_max",
          maternal_mortality_max.value);
    positive("gii_component_floor", gii_component_floor.value);  // geometric means need > 0
    positive("gii_parliament_floor", gii_parliament_floor.value);
    // 50 percent: the male complement 100 - floor must stay above the floor.
    if (!(gii_parliament_floor.value < 50.0))
        fail(show("gii_parliament_floor", gii_parliament_floor.value) + " must be below 50 percent");

    if (rounding_digits.value < 0 || rounding_digits.value > 15)
        fail(show("rounding_digits", rounding_digits.value) + " must be between 0 and 15");

    if (!(gem_epsilon.value >= 0.0)) fail(show("gem_epsilon", gem_epsilon.value) + " must not be negative");
    positive("gem_parity_share", gem_parity_share.value);
    below("gem_income_min", gem_income_min.value, "gem_income_max", gem_income_max.value);
    if (gem_income_log.value) positive("gem_income_min", gem_income_min.value);
    positive("gem_default_wage_ratio", gem_default_wage_ratio.value);

    log_goalpost("expenditure_min", expenditure_min.value);
    below("expenditure_min", expenditure_min.value, "expenditure_max", expenditure_max.value);
    positive("bps_index_scale", bps_index_scale.value);
    positive("ikg_health_constant", ikg_health_constant.value);
    positive("ikg_mtf_floor", ikg_mtf_floor.value);
    positive("ikg_parliament_floor", ikg_parliament_floor.value);
    if (!(ikg_parliament_floor.value < 50.0))
        fail(show("ikg_parliament_floor", ikg_parliament_floor.value) + " must be below 50 percent");
    below("idg_income_min", idg_income_min.value, "idg_income_max", idg_income_max.value);
    positive("idg_income_offset", idg_income_offset.value);

    if (aggregate_schooling_age_min.value < 0)
        fail(show("aggregate_schooling_age_min", aggregate_schooling_age_min.value) + " must not be negative");
    below("aggregate_schooling_age_min", aggregate_schooling_age_min.value, "aggregate_schooling_age_max",
          aggregate_schooling_age_max.value);
    if (!(survey_schooling_age.value >= 0.0))
        fail(show("survey_schooling_age", survey_schooling_age.value) + " must not be negative");
    if (!(survey_labour_age.value >= 0.0))
        fail(show("survey_labour_age", survey_labour_age.value) + " must not be negative");
    if (!(survey_adolescent_age_min.value <= survey_adolescent_age_max.value))
        fail(show("survey_adolescent_age_min", survey_adolescent_age_min.value) + " must not exceed " +
             show("survey_adolescent_age_max", survey_adolescent_age_max.value));

    positive("gggi_parity_benchmark", gggi_parity_benchmark.value);
    positive("gggi_sex_ratio_at_birth_benchmark", gggi_sex_ratio_at_birth_benchmark.value);
    positive("gggi_healthy_life_benchmark", gggi_healthy_life_benchmark.value);
    if (gggi_min_indicators.value < 1 || gggi_min_indicators.value > 14)
        fail(show("gggi_min_indicators", gggi_min_indicators.value) + " must be between 1 and 14");
    if (gggi_rank_digits.value < 0 || gggi_rank_digits.value > 15)
        fail(show("gggi_rank_digits", gggi_rank_digits.value) + " must be between 0 and 15");
    for (auto [n, v] :
         {std::pair{"wei_adolescent_birth_max", wei_adolescent_birth_max.value},
          std::pair{"wei_neet_max", wei_neet_max.value}, std::pair{"wei_decision_max", wei_decision_max.value},
          std::pair{"wei_violence_max", wei_violence_max.value}, std::pair{"ggpi_neet_max", ggpi_neet_max.value}})
        positive(n, v);
    below("twin_lower_middle_min", twin_lower_middle_min.value, "twin_upper_middle_min", twin_upper_middle_min.value);
    below("twin_upper_middle_min", twin_upper_middle_min.value, "twin_high_min", twin_high_min.value);
    for (const auto& e : detail::constant_table())  // weights and standard deviations of Table B.2
        if (e.name.starts_with("gggi_weight_") || e.name.starts_with("gggi_sd_")) positive(e.name, get(e.name));
}

/// Every constant of `ed` with value and source, in table order.
[[nodiscard]] inline std::vector<ConstantValue> constants(const Edition& ed) {
    std::vector<ConstantValue> out;
    out.reserve(detail::constant_table().size());
    for (const auto& e : detail::constant_table())
        out.push_back({e.name, detail::kind_of(e.member), ed.get(e.name), ed.source(e.name), e.unit, e.meaning});
    return out;
}

}  // namespace gendex
