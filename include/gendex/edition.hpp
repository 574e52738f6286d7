// Methodology editions as data: the six built-in editions (three UNDP
// Human Development Reports, BPS's, WEF's Global Gender Gap Report 2023 and
// UNDP / UN Women's The Paths to Equal 2023), each constant with its source, the
// lookup by id, and custom editions built on one of them. The Edition type
// and the list of its constants are in edition_constants.hpp.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/edition_constants.hpp"
#include "gendex/error.hpp"

namespace gendex {

namespace detail {

// Sources shared by the built-in editions. Labels (docs/undp-indices.md):
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

// BPS sources (docs/bps-indices.md; [verified] = reproduced against BPS's tables).
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
    "income normalisation is not public [cited]. The Aceh 1996 example prints the denominator as "
    "737.72 - 300, a misprint: its printed result 0.276 needs 732.72 (737.72 gives 0.273) [verified]";
inline constexpr std::string_view src_idg_income_offset =
    "Indonesia HDR 2001 technical note, Aceh 1996 example: I = [(0.85 x 562.8) - 360] / [732.72 - 300] "
    "= 0.276, 360 in the numerator as printed (300 there would give 0.414) [cited, verified]";

inline constexpr std::string_view src_aggregate_ages =
    "TN24/TN22 Technical note 1: aggregates are population-weighted, expected schooling by the "
    "population aged 5-24 and mean schooling by the population aged 25 and older [TN]";
inline constexpr std::string_view src_survey_schooling_age =
    "TN24/TN22 Technical notes 1 and 4: mean years of schooling of adults aged 25 and older; "
    "population with at least some secondary education, aged 25 and older [TN]";
inline constexpr std::string_view src_survey_labour_age =
    "TN24/TN22 Technical note 4: labour force participation rate of the population aged 15 and "
    "older [TN]";
inline constexpr std::string_view src_survey_adolescent_ages =
    "TN24/TN22 Technical note 4: adolescent birth rate, births per 1,000 women aged 15-19 [TN]";

// WEF sources (docs/gggi.md). GGGR23 = WEF Global Gender Gap Report 2023,
// Appendix B; [DATA] = checked against the 146 economy profiles of GGGR23.
inline constexpr std::string_view src_gggi_benchmarks =
    "GGGR23 Appendix B: each female-to-male ratio is truncated at its equality benchmark, 1 for all "
    "indicators but sex ratio at birth (0.944) and healthy life expectancy (1.06) [cited]; the "
    "profiles' scores stop exactly there (111 at 0.944, 39 at 1.06) [DATA]";
inline constexpr std::string_view src_gggi_min_indicators =
    "GGGR23 Appendix B: an economy is covered when at least 12 of the 14 indicators are available "
    "[cited]; the 146 profiles miss at most two each, China's three are an extraction gap [DATA]";
inline constexpr std::string_view src_gggi_rank_digits =
    "GGGR23 ranks the unrounded index: economies printed with the same 3-dp value get distinct ranks "
    "(Indonesia 87th, Romania 88th, both 0.697) [cited]; ranking the index as computed from the 3-dp "
    "scores gives all 77 published ranks of untied economies, ranking it at 3 dp misses 3 [DATA]";
inline constexpr std::string_view src_gggi_weights =
    "GGGR23 Table B.2 (p. 65), the same in GGGR 2025 Table B.2 (p. 73): weight as printed (3 dp), "
    "0.01/sd normalised within the subindex [cited]; used as printed, missing indicators' weights "
    "renormalised away, they reproduce every 2023 subindex within 0.0014 [DATA]";
inline constexpr std::string_view src_gggi_sd =
    "GGGR23 Table B.2 (p. 65): standard deviation of the female-to-male ratio (3 dp), the origin of "
    "the weight (0.01/sd, normalised); documents the weight, the kernels use the printed weight [cited]";

// The Paths to Equal (2023) sources (docs/wei-ggpi.md): the technical note could not be obtained.
inline constexpr std::string_view src_twin_fitted =
    "FITTED, not quoted: the technical note of The Paths to Equal (UNDP/UN Women 2023) could not be "
    "obtained; with this value the formulas of the methodology note wei-ggpi.md reproduce all 114 "
    "published WEI and GGPI country values at 3 dp, and moving it by a fraction of a unit breaks tens "
    "[fitted, DATA]";
inline constexpr std::string_view src_twin_groups =
    "The Paths to Equal annex Table 1: groups < 0.600 low, 0.600-0.699 lower-middle, 0.700-0.799 "
    "upper-middle, >= 0.800 high, on the 3-dp value; every published group follows [cited, DATA]";

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
    e.idg_income_offset = {360.0, s(src_idg_income_offset)};
    e.aggregate_schooling_age_min = {5, s(src_aggregate_ages)};
    e.aggregate_schooling_age_max = {24, s(src_aggregate_ages)};
    e.aggregate_adult_age_min = {25, s(src_aggregate_ages)};
    e.survey_schooling_age = {25.0, s(src_survey_schooling_age)};
    e.survey_labour_age = {15.0, s(src_survey_labour_age)};
    e.survey_adolescent_age_min = {15.0, s(src_survey_adolescent_ages)};
    e.survey_adolescent_age_max = {19.0, s(src_survey_adolescent_ages)};
    e.gggi_parity_benchmark = {1.0, s(src_gggi_benchmarks)};
    e.gggi_sex_ratio_at_birth_benchmark = {0.944, s(src_gggi_benchmarks)};
    e.gggi_healthy_life_benchmark = {1.06, s(src_gggi_benchmarks)};
    e.gggi_min_indicators = {12, s(src_gggi_min_indicators)};
    e.gggi_rank_digits = {15, s(src_gggi_rank_digits)};
    e.gggi_weight_labour_force = {0.199, s(src_gggi_weights)};
    e.gggi_weight_wage_equality = {0.310, s(src_gggi_weights)};
    e.gggi_weight_earned_income = {0.221, s(src_gggi_weights)};
    e.gggi_weight_managers = {0.149, s(src_gggi_weights)};
    e.gggi_weight_professional = {0.121, s(src_gggi_weights)};
    e.gggi_weight_literacy = {0.191, s(src_gggi_weights)};
    e.gggi_weight_primary = {0.459, s(src_gggi_weights)};
    e.gggi_weight_secondary = {0.230, s(src_gggi_weights)};
    e.gggi_weight_tertiary = {0.121, s(src_gggi_weights)};
    e.gggi_weight_sex_ratio_at_birth = {0.693, s(src_gggi_weights)};
    e.gggi_weight_healthy_life = {0.307, s(src_gggi_weights)};
    e.gggi_weight_parliament = {0.310, s(src_gggi_weights)};
    e.gggi_weight_ministers = {0.247, s(src_gggi_weights)};
    e.gggi_weight_head_of_state = {0.443, s(src_gggi_weights)};
    e.gggi_sd_labour_force = {0.160, s(src_gggi_sd)};
    e.gggi_sd_wage_equality = {0.103, s(src_gggi_sd)};
    e.gggi_sd_earned_income = {0.144, s(src_gggi_sd)};
    e.gggi_sd_managers = {0.214, s(src_gggi_sd)};
    e.gggi_sd_professional = {0.262, s(src_gggi_sd)};
    e.gggi_sd_literacy = {0.145, s(src_gggi_sd)};
    e.gggi_sd_primary = {0.060, s(src_gggi_sd)};
    e.gggi_sd_secondary = {0.120, s(src_gggi_sd)};
    e.gggi_sd_tertiary = {0.228, s(src_gggi_sd)};
    e.gggi_sd_sex_ratio_at_birth = {0.010, s(src_gggi_sd)};
    e.gggi_sd_healthy_life = {0.023, s(src_gggi_sd)};
    e.gggi_sd_parliament = {0.166, s(src_gggi_sd)};
    e.gggi_sd_ministers = {0.208, s(src_gggi_sd)};
    e.gggi_sd_head_of_state = {0.116, s(src_gggi_sd)};
    e.wei_adolescent_birth_max = {200.0, s(src_twin_fitted)};
    e.wei_neet_max = {85.0, s(src_twin_fitted)};
    e.wei_decision_max = {75.0, s(src_twin_fitted)};
    e.wei_violence_max = {60.0, s(src_twin_fitted)};
    e.ggpi_neet_max = {100.0, s(src_twin_fitted)};
    e.twin_lower_middle_min = {0.600, s(src_twin_groups)};
    e.twin_upper_middle_min = {0.700, s(src_twin_groups)};
    e.twin_high_min = {0.800, s(src_twin_groups)};
    return e;
}

inline std::array<Edition, 6> make_builtin_editions() {
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
    // WEF: the Global Gender Gap Index constants of base_edition, printed with 3 decimals.
    Edition wef = base_edition();
    wef.id = "wef2023";
    wef.title = "WEF Global Gender Gap Report 2023";
    wef.rounding_digits = {3,
                           "GGGR23 prints the index, the subindices and the indicator scores with 3 decimals [cited]"};
    // UNDP / UN Women: the twin indices of The Paths to Equal (2023), printed with 3 decimals.
    Edition twin = base_edition();
    twin.id = "paths-to-equal-2023";
    twin.title = "UNDP / UN Women, The Paths to Equal (2023): WEI and GGPI";
    twin.rounding_digits = {3, "The Paths to Equal annex tables print the WEI and the GGPI with 3 decimals [cited]"};
    for (const auto* e : {&e22, &e24, &e25, &bps, &wef, &twin}) e->validate();
    return {std::move(e22), std::move(e24), std::move(e25), std::move(bps), std::move(wef), std::move(twin)};
}

inline const std::array<Edition, 6>& builtin_editions() {
    static const std::array<Edition, 6> all = make_builtin_editions();
    return all;
}

}  // namespace detail

/// The newest UNDP Human Development Report edition: the default of every UNDP index.
inline constexpr std::string_view latest_hdr_edition_id = "hdr2025";

/// BPS's edition: the default of every BPS index.
inline constexpr std::string_view bps_edition_id = "bps";

/// The WEF Global Gender Gap Report edition: the default of the GGGI.
inline constexpr std::string_view wef_edition_id = "wef2023";

/// UNDP / UN Women's The Paths to Equal (2023): the default of the WEI and the GGPI.
inline constexpr std::string_view twin_edition_id = "paths-to-equal-2023";

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
    throw key_error(Location{.key = std::string(id)},
                    "unknown edition '" + std::string(id) + "'; known editions: " + known);
}

/// A new edition: `base` with `overrides` applied, invariants checked once at
/// the end. `id` must be non-empty and not a built-in id, so results computed
/// with a custom edition cannot pass for published ones.
[[nodiscard]] inline Edition custom_edition(const Edition& base, std::string id,
                                            const std::vector<ConstantOverride>& overrides) {
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
                                            const std::vector<ConstantOverride>& overrides) {
    return custom_edition(edition(base_id), std::move(id), overrides);
}

}  // namespace gendex
