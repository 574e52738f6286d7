// Methodology editions as data.
//
// Every constant a UNDP index uses (goalposts, caps, floors, group cut-offs,
// rounding digits) lives here, next to the source it came from, and nowhere
// else: kernels read them from an Edition, so a caller can inspect, override
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
struct sourced {
    T value{};
    std::string source;
};

/// One methodology edition: an id plus every constant of the UNDP indices.
/// Member names double as the constant names of the reflection table.
struct Edition {
    std::string id;
    std::string title;

    // HDI goalposts (also the GDI goalposts for schooling and income).
    sourced<double> life_expectancy_min, life_expectancy_max;
    sourced<double> expected_schooling_min, expected_schooling_max;
    sourced<double> mean_schooling_min, mean_schooling_max;
    sourced<double> gni_per_capita_min, gni_per_capita_max;
    sourced<int> ppp_base_year;

    // HDI groups: lower bounds, inclusive, on the rounded HDI.
    sourced<double> hdi_medium_min, hdi_high_min, hdi_very_high_min;

    // GDI: sex-specific life-expectancy goalposts, wage ratio, groups.
    sourced<double> life_expectancy_f_min, life_expectancy_f_max;
    sourced<double> life_expectancy_m_min, life_expectancy_m_max;
    sourced<double> gdi_default_wage_ratio;
    // Upper bounds, inclusive, of 100*|GDI - 1| (rounded GDI) for groups 1..4.
    sourced<double> gdi_group1_max, gdi_group2_max, gdi_group3_max, gdi_group4_max;

    // GII.
    sourced<double> maternal_mortality_min, maternal_mortality_max;
    sourced<double> gii_component_floor;   // percent (or per 1,000 for ABR)
    sourced<double> gii_parliament_floor;  // percent, female share only
    sourced<bool> gii_parliament_male_complement;

    // Publisher rounding of the published indices.
    sourced<int> rounding_digits;

    // GEM (HDR 1995-2009).
    sourced<double> gem_epsilon, gem_parity_share;
    sourced<double> gem_income_min, gem_income_max;
    sourced<bool> gem_income_log, gem_income_capped;
    sourced<double> gem_default_wage_ratio;

    // BPS (Statistics Indonesia) IPM family, "metode baru": IPM uses the HDI
    // goalposts above for life expectancy and schooling, these for expenditure.
    sourced<double> expenditure_min, expenditure_max;  // thousand Rp/person/year, 2012 prices
    sourced<double> bps_index_scale;                   // IPM, IPG, IDG are published on 0-100
    // IKG (BPS's GII): health term sqrt(c / (max(MTF, floor) * MHPK20)), shares in percent.
    sourced<double> ikg_health_constant, ikg_mtf_floor, ikg_parliament_floor;
    // IDG income step (unconfirmed for the current series): linear index of
    // the equally distributed income on the old-method purchasing-power goalposts.
    sourced<double> idg_income_min, idg_income_max;

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
enum class constant_kind { real, integer, flag };

/// One row of an edition's constant listing.
struct constant_value {
    std::string_view name;
    constant_kind kind;
    double value;
    std::string source;
    std::string_view unit;
    std::string_view meaning;
};

/// A requested change to a constant when building a custom edition.
struct constant_override {
    std::string name;
    double value;
    std::string source;  // empty: "override of <base id>"
};

namespace detail {

using constant_member = std::variant<sourced<double> Edition::*, sourced<int> Edition::*, sourced<bool> Edition::*>;

struct constant_entry {
    std::string_view name;
    constant_member member;
    std::string_view unit;
    std::string_view meaning;
};

// The reflection table: the one list of an edition's constants.
inline const std::array<constant_entry, 42>& constant_table() {
    static const std::array<constant_entry, 42> table{{
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

inline const constant_entry& find_constant(std::string_view name) {
    for (const auto& e : constant_table())
        if (e.name == name) return e;
    throw key_error("unknown edition constant '" + std::string(name) + "'; known constants: " + known_constant_names());
}

inline constant_kind kind_of(const constant_member& m) {
    struct visitor {
        constant_kind operator()(sourced<double> Edition::*) const { return constant_kind::real; }
        constant_kind operator()(sourced<int> Edition::*) const { return constant_kind::integer; }
        constant_kind operator()(sourced<bool> Edition::*) const { return constant_kind::flag; }
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
inline void assign_constant(Edition& ed, const constant_entry& entry, double value, std::string source) {
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
}

/// Every constant of `ed` with value and source, in table order.
[[nodiscard]] inline std::vector<constant_value> constants(const Edition& ed) {
    std::vector<constant_value> out;
    out.reserve(detail::constant_table().size());
    for (const auto& e : detail::constant_table())
        out.push_back({e.name, detail::kind_of(e.member), ed.get(e.name), ed.source(e.name), e.unit, e.meaning});
    return out;
}

namespace detail {

// Sources shared by the built-in editions. Labels follow the methodology note:
// TN = stated in the Technical Notes, DATA = checked against the published CSV,
// EMPIRICAL = inferred from published numbers.
inline constexpr std::string_view src_hdi_goalposts = "TN24/TN22 Technical note 1, HDI goalposts table [TN]";
inline constexpr std::string_view src_hdi_goalposts_2025 =
    "HDR25 technical notes not available; HDR 2023/24 value reproduces every HDI of the HDR25 "
    "CSV [DATA]";
inline constexpr std::string_view src_caps =
    "; capped at the maximum before normalising (only capped values reproduce the CSV) [DATA]";
inline constexpr std::string_view src_hdi_groups =
    "TN24/TN22 HDI groups, fixed since HDR 2014; applied to the 3-dp HDI, lower bound "
    "inclusive (THA 0.800 Very high, BLZ 0.700 High, UGA 0.550 Medium) [TN, DATA]";
inline constexpr std::string_view src_gdi_le =
    "TN24/TN22 Technical note 3, GDI goalposts table (5-year female biological advantage) [TN]";
inline constexpr std::string_view src_gdi_groups =
    "TN24/TN22 Technical note 3, GDI groups on 100*|GDI-1|; applied to the 3-dp GDI with upper "
    "bounds inclusive (0.975 and 1.025 -> group 1; every latest-year group of the CSVs) "
    "[TN, DATA]";
inline constexpr std::string_view src_wage =
    "UNDP FAQ on missing sex-disaggregated wage data (global average female/male wage ratio "
    "since 2018); TN24 Bangladesh example uses 0.800 [TN]";
inline constexpr std::string_view src_mmr =
    "TN24/TN22 Technical note 4, MMR truncated to [10, 1000]; both bounds change published "
    "rows [TN, DATA]";
inline constexpr std::string_view src_floor =
    "TN24/TN22 Technical note 4, 0.1 percent minimum for all component indicators [TN]; "
    "no CSV row is below it except parliament seats";
inline constexpr std::string_view src_rounding =
    "Published HDI, GDI, GII, IHDI have 3 decimals; half up reproduces every published value "
    "(no exact ties occur) [DATA]";
inline constexpr std::string_view src_gem_epsilon =
    "HDR 2003 technical note via Niger Delta HDR 2006: EDEP with epsilon = 2, population "
    "weighted [TN, secondary source]";
inline constexpr std::string_view src_gem_parity =
    "HDR 2003 technical note via Niger Delta HDR 2006: participation EDEPs divided by 50 "
    "[TN, secondary source]";
inline constexpr std::string_view src_gem_income_goalposts =
    "GEM descriptions citing HDR 2007/2008 TN 1: incomes indexed on 100-40,000 PPP$ "
    "[secondary source]";
inline constexpr std::string_view src_gem_income_log =
    "UNVERIFIED: linear index chosen by numerical evidence (backing out GDP per capita from "
    "nine published GEMs gives plausible values only with levels) [EMPIRICAL]";
inline constexpr std::string_view src_gem_income_capped =
    "UNVERIFIED: WEF Global Gender Gap Report 2016 Appendix D says the HDR 2007/8 method "
    "capped earned incomes at 40,000; not settled for the GEM";
inline constexpr std::string_view src_gem_wage =
    "UNVERIFIED for all years: HDR 2007/8 earned-income step with the non-agricultural wage "
    "ratio; 0.75 default (UNDP Aceh HDR 2010 worked numbers reproduce) [secondary source]";

// BPS sources (methodology note bps.md; [verified] = reproduced against BPS's tables).
inline constexpr std::string_view src_bps_expenditure =
    "BPS IPM metode baru goalposts: min = lowest kabupaten poverty line 2010 (Tolikara), max = "
    "projected Jakarta Selatan 2025, Rp 1,007,436-26,572,352 (ipm.bps.go.id table, reproduced at "
    "gtqu.blogspot.com 2020); reproduces 95% of 6,002 region-years of the IPG table within 0.01 "
    "and 1098/1098 IPM_L of 2020-21 [cited, verified]";
inline constexpr std::string_view src_bps_scale =
    "BPS: IPM = 100 x geometric mean; IPG = 100 x IPM_P / IPM_L; IDG on 0-100 [cited, verified]";
inline constexpr std::string_view src_ikg_health =
    "Fitted: the only value in [0.300, 0.800] that reproduces all 15 published Jawa Barat / Bogor / "
    "Sukabumi IKG 2018-2022 rows within 0.0005 (analogue of UNDP's 10/MMR); BPS wording not found "
    "[fitted]";
inline constexpr std::string_view src_ikg_mtf_floor =
    "Fitted: flooring MTF at 0.5 percent reproduces the published 2024 IKG of DKI Jakarta (0.147) "
    "and DI Yogyakarta (0.163), both with MTF = 0; floors 0.25 and 1.0 do not [fitted]";
inline constexpr std::string_view src_ikg_parliament_floor =
    "No BPS rule found for zero female legislators (common in DPRD); UNDP's Technical note 4 floor "
    "of 0.1 percent used by analogy, male share 100 - floor. A documented choice: override it";
inline constexpr std::string_view src_idg_income =
    "UNCONFIRMED for the current series: Indonesia HDR 2001 / UNDP Aceh HDR 2010 technical notes, "
    "old-method purchasing power Rp 300,000-732,720 (thousand Rp 300-732.72); the current BPS "
    "income normalisation is not public [cited]";

inline Edition base_edition() {
    auto s = [](std::string_view text) { return std::string(text); };
    auto cap = [](std::string_view text) { return std::string(text) + std::string(src_caps); };
    Edition e;
    e.life_expectancy_min = {20.0, s(src_hdi_goalposts)};
    e.life_expectancy_max = {85.0, cap(src_hdi_goalposts)};
    e.expected_schooling_min = {0.0, s(src_hdi_goalposts)};
    e.expected_schooling_max = {18.0, cap(src_hdi_goalposts)};
    e.mean_schooling_min = {0.0, s(src_hdi_goalposts)};
    e.mean_schooling_max = {15.0, cap(src_hdi_goalposts)};
    e.gni_per_capita_min = {100.0, s(src_hdi_goalposts)};
    e.gni_per_capita_max = {75000.0, cap(src_hdi_goalposts)};
    e.ppp_base_year = {2017, "TN22/TN24: GNI per capita in 2017 PPP$ [TN]"};
    e.hdi_medium_min = {0.550, s(src_hdi_groups)};
    e.hdi_high_min = {0.700, s(src_hdi_groups)};
    e.hdi_very_high_min = {0.800, s(src_hdi_groups)};
    e.life_expectancy_f_min = {22.5, s(src_gdi_le)};
    e.life_expectancy_f_max = {87.5, cap(src_gdi_le)};
    e.life_expectancy_m_min = {17.5, s(src_gdi_le)};
    e.life_expectancy_m_max = {82.5, cap(src_gdi_le)};
    e.gdi_default_wage_ratio = {0.8, s(src_wage)};
    e.gdi_group1_max = {2.5, s(src_gdi_groups)};
    e.gdi_group2_max = {5.0, s(src_gdi_groups)};
    e.gdi_group3_max = {7.5, s(src_gdi_groups)};
    e.gdi_group4_max = {10.0, s(src_gdi_groups)};
    e.maternal_mortality_min = {10.0, s(src_mmr)};
    e.maternal_mortality_max = {1000.0, s(src_mmr)};
    e.gii_component_floor = {0.1, s(src_floor)};
    e.gii_parliament_floor = {0.1, s(src_floor)};
    e.gii_parliament_male_complement = {
        true,
        "Base rule of the HDR 2021/22 and 2023/24 CSVs (female floored, male 100 - floor) [DATA]; "
        "each UNDP edition restates its own evidence"};
    e.rounding_digits = {3, s(src_rounding)};
    e.gem_epsilon = {2.0, s(src_gem_epsilon)};
    e.gem_parity_share = {50.0, s(src_gem_parity)};
    e.gem_income_min = {100.0, s(src_gem_income_goalposts)};
    e.gem_income_max = {40000.0, s(src_gem_income_goalposts)};
    e.gem_income_log = {false, s(src_gem_income_log)};
    e.gem_income_capped = {true, s(src_gem_income_capped)};
    e.gem_default_wage_ratio = {0.75, s(src_gem_wage)};
    e.expenditure_min = {1007.436, s(src_bps_expenditure)};
    e.expenditure_max = {26572.352, cap(src_bps_expenditure)};
    e.bps_index_scale = {100.0, s(src_bps_scale)};
    e.ikg_health_constant = {0.5, s(src_ikg_health)};
    e.ikg_mtf_floor = {0.5, s(src_ikg_mtf_floor)};
    e.ikg_parliament_floor = {0.1, s(src_ikg_parliament_floor)};
    e.idg_income_min = {300.0, s(src_idg_income)};
    e.idg_income_max = {732.72, s(src_idg_income)};
    return e;
}

inline std::array<Edition, 4> make_builtin_editions() {
    Edition e22 = base_edition();
    e22.id = "hdr2021-22";
    e22.title = "Human Development Report 2021/2022";
    e22.gii_parliament_floor = {
        0.1,
        "TN22 0.1 percent floor; with the male share set to 100 - floor (99.9) all 4,889 GIIs of "
        "CSV22 match, with the male share left at 100 seven do not (e.g. ARE 1990) [DATA]"};
    e22.gii_parliament_male_complement = {
        true,
        "CSV22: male share 99.9 needed when female seats are 0 (7 rows differ otherwise) "
        "[DATA, EMPIRICAL]"};

    Edition e24 = base_edition();
    e24.id = "hdr2023-24";
    e24.title = "Human Development Report 2023/2024";
    e24.gii_parliament_floor = {0.01,
                                "CSV24 stores 0.01/99.99 for zero female seats and all 4,405 GIIs match only with a "
                                "0.01 percent floor; the TN24 text still says 0.1 (51 rows off, QAT 2016 0.650 vs "
                                "0.515) [DATA, EMPIRICAL]"};
    e24.gii_parliament_male_complement = {true, "CSV24 stores the male share as 99.99 [DATA]"};

    Edition e25 = base_edition();
    e25.id = "hdr2025";
    e25.title = "Human Development Report 2025";
    for (auto* c :
         {&e25.life_expectancy_min, &e25.expected_schooling_min, &e25.mean_schooling_min, &e25.gni_per_capita_min})
        c->source = std::string(src_hdi_goalposts_2025);
    for (auto* c :
         {&e25.life_expectancy_max, &e25.expected_schooling_max, &e25.mean_schooling_max, &e25.gni_per_capita_max})
        c->source = std::string(src_hdi_goalposts_2025) + std::string(src_caps);
    e25.ppp_base_year = {2021, "HDR25 metadata workbook: GNI per capita in 2021 PPP$ [DATA]"};
    e25.gii_parliament_floor = {
        0.01,
        "CSV25 stores 0/100 but all 4,600 GIIs match only with a 0.01 percent floor (0.1 misses "
        "80 rows, PNG 2021 0.816 vs 0.738) [DATA, EMPIRICAL]"};
    e25.gii_parliament_male_complement = {
        true,
        "UNVERIFIED for HDR25: male share 100 and 100 - floor both reproduce all 4,600 "
        "GIIs (they differ by at most 5.1e-6); kept as in HDR 2021/22 and 2023/24"};
    // BPS: the same life-expectancy and schooling goalposts (BPS adopted
    // UNDP's), published with 2 decimals.
    Edition bps = base_edition();
    bps.id = "bps";
    bps.title = "BPS (Statistics Indonesia) IPM family, metode baru (2010 onward)";
    const std::string src_bps_goalposts =
        "BPS IPM metode baru uses UNDP's goalposts (UHH 20-85, HLS 0-18, RLS 0-15; by sex 22.5-87.5 "
        "women, 17.5-82.5 men); with them the IPG table's IPM_L/IPM_P reproduce, with 20-85 for "
        "women none do [cited, verified]";
    for (auto* c : {&bps.life_expectancy_min, &bps.expected_schooling_min, &bps.mean_schooling_min,
                    &bps.life_expectancy_f_min, &bps.life_expectancy_m_min})
        c->source = src_bps_goalposts;
    for (auto* c : {&bps.life_expectancy_max, &bps.expected_schooling_max, &bps.mean_schooling_max,
                    &bps.life_expectancy_f_max, &bps.life_expectancy_m_max})
        c->source = src_bps_goalposts + std::string(src_caps);
    bps.rounding_digits = {2, "BPS publishes IPM, IPG, IDG and components with 2 decimals [cited]"};
    for (const auto* e : {&e22, &e24, &e25, &bps}) e->validate();
    return {std::move(e22), std::move(e24), std::move(e25), std::move(bps)};
}

inline const std::array<Edition, 4>& builtin_editions() {
    static const std::array<Edition, 4> all = make_builtin_editions();
    return all;
}

}  // namespace detail

/// The newest UNDP Human Development Report edition: the default of every UNDP index.
inline constexpr std::string_view latest_hdr_edition_id = "hdr2025";

/// BPS's edition: the default of every BPS index.
inline constexpr std::string_view bps_edition_id = "bps";

/// Ids of the built-in editions, oldest first.
[[nodiscard]] inline std::vector<std::string_view> edition_ids() {
    std::vector<std::string_view> ids;
    for (const auto& e : detail::builtin_editions()) ids.push_back(e.id);
    return ids;
}

/// A built-in edition. Throws key_error listing the known ids.
[[nodiscard]] inline const Edition& edition(std::string_view id) {
    for (const auto& e : detail::builtin_editions())
        if (e.id == id) return e;
    std::string known;
    for (auto k : edition_ids()) known += (known.empty() ? "" : ", ") + std::string(k);
    throw key_error("unknown edition '" + std::string(id) + "'; known editions: " + known);
}

/// A new edition: `base` with `overrides` applied, invariants checked once at
/// the end. `id` must be non-empty and not a built-in id, so results computed
/// with a custom edition cannot pass for published ones.
[[nodiscard]] inline Edition custom_edition(const Edition& base, std::string id,
                                            const std::vector<constant_override>& overrides) {
    if (id.empty()) throw value_error("custom edition: id must not be empty");
    for (auto known : edition_ids())
        if (known == id) throw value_error("custom edition: id '" + id + "' is a built-in edition; choose another id");
    Edition out = base;
    const std::string base_id = base.id;
    out.id = std::move(id);
    out.title = "custom edition based on '" + base_id + "'";
    for (const auto& o : overrides) {
        std::string src = o.source.empty() ? "override of edition '" + base_id + "'" : o.source;
        detail::assign_constant(out, detail::find_constant(o.name), o.value, std::move(src));
    }
    out.validate();
    return out;
}

[[nodiscard]] inline Edition custom_edition(std::string_view base_id, std::string id,
                                            const std::vector<constant_override>& overrides) {
    return custom_edition(edition(base_id), std::move(id), overrides);
}

}  // namespace gendex
