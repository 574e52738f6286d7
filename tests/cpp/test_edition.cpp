// Editions as data: every constant pinned, lookup errors, overrides.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/edition.hpp"
#include "gendex/error.hpp"

namespace {

using gendex::Edition;

struct pinned {
    std::string_view name;
    double value;
};

// The constants every built-in edition shares, in table order, with the
// values of docs/undp-indices.md and docs/bps-indices.md (TN22/TN24 and the CSV checks).
std::vector<pinned> common_constants(double parliament_floor, double ppp_base_year, double rounding_digits = 3) {
    return {
        {"life_expectancy_min", 20.0},
        {"life_expectancy_max", 85.0},
        {"expected_schooling_min", 0.0},
        {"expected_schooling_max", 18.0},
        {"mean_schooling_min", 0.0},
        {"mean_schooling_max", 15.0},
        {"gni_per_capita_min", 100.0},
        {"gni_per_capita_max", 75000.0},
        {"ppp_base_year", ppp_base_year},
        {"hdi_medium_min", 0.550},
        {"hdi_high_min", 0.700},
        {"hdi_very_high_min", 0.800},
        {"life_expectancy_f_min", 22.5},
        {"life_expectancy_f_max", 87.5},
        {"life_expectancy_m_min", 17.5},
        {"life_expectancy_m_max", 82.5},
        {"gdi_default_wage_ratio", 0.8},
        {"gdi_group1_max", 2.5},
        {"gdi_group2_max", 5.0},
        {"gdi_group3_max", 7.5},
        {"gdi_group4_max", 10.0},
        {"maternal_mortality_min", 10.0},
        {"maternal_mortality_max", 1000.0},
        {"gii_component_floor", 0.1},
        {"gii_parliament_floor", parliament_floor},
        {"gii_parliament_male_complement", 1.0},
        {"rounding_digits", rounding_digits},
        {"gem_epsilon", 2.0},
        {"gem_parity_share", 50.0},
        {"gem_income_min", 100.0},
        {"gem_income_max", 40000.0},
        {"gem_income_log", 0.0},
        {"gem_income_capped", 1.0},
        {"gem_default_wage_ratio", 0.75},
        // BPS constants (docs/bps-indices.md): Rp 1,007,436-26,572,352 in thousand Rp; IKG fitted constants.
        {"expenditure_min", 1007.436},
        {"expenditure_max", 26572.352},
        {"bps_index_scale", 100.0},
        {"ikg_health_constant", 0.5},
        {"ikg_mtf_floor", 0.5},
        {"ikg_parliament_floor", 0.1},
        {"idg_income_min", 300.0},
        {"idg_income_max", 732.72},
        {"idg_income_offset", 360.0},  // IHDR 2001 Aceh 1996: [(0.85 x 562.8) - 360] / [732.72 - 300]
        // Age limits (TN 1 and TN 4): aggregate weights 5-24 and 25+; survey populations 25+, 15+, 15-19.
        {"aggregate_schooling_age_min", 5.0},
        {"aggregate_schooling_age_max", 24.0},
        {"aggregate_adult_age_min", 25.0},
        {"survey_schooling_age", 25.0},
        {"survey_labour_age", 15.0},
        {"survey_adolescent_age_min", 15.0},
        {"survey_adolescent_age_max", 19.0},
        // WEF GGGI (GGGR 2023 Appendix B, Table B.2; tests/cpp/test_gggi.cpp checks them against data/wef/).
        {"gggi_parity_benchmark", 1.0},
        {"gggi_sex_ratio_at_birth_benchmark", 0.944},
        {"gggi_healthy_life_benchmark", 1.06},
        {"gggi_min_indicators", 12.0},
        {"gggi_rank_digits", 15.0},
        {"gggi_weight_labour_force", 0.199},
        {"gggi_weight_wage_equality", 0.310},
        {"gggi_weight_earned_income", 0.221},
        {"gggi_weight_managers", 0.149},
        {"gggi_weight_professional", 0.121},
        {"gggi_weight_literacy", 0.191},
        {"gggi_weight_primary", 0.459},
        {"gggi_weight_secondary", 0.230},
        {"gggi_weight_tertiary", 0.121},
        {"gggi_weight_sex_ratio_at_birth", 0.693},
        {"gggi_weight_healthy_life", 0.307},
        {"gggi_weight_parliament", 0.310},
        {"gggi_weight_ministers", 0.247},
        {"gggi_weight_head_of_state", 0.443},
        {"gggi_sd_labour_force", 0.160},
        {"gggi_sd_wage_equality", 0.103},
        {"gggi_sd_earned_income", 0.144},
        {"gggi_sd_managers", 0.214},
        {"gggi_sd_professional", 0.262},
        {"gggi_sd_literacy", 0.145},
        {"gggi_sd_primary", 0.060},
        {"gggi_sd_secondary", 0.120},
        {"gggi_sd_tertiary", 0.228},
        {"gggi_sd_sex_ratio_at_birth", 0.010},
        {"gggi_sd_healthy_life", 0.023},
        {"gggi_sd_parliament", 0.166},
        {"gggi_sd_ministers", 0.208},
        {"gggi_sd_head_of_state", 0.116},
        // The Paths to Equal 2023 (fitted, docs/wei-ggpi.md; tests/cpp/test_twin.cpp).
        {"wei_adolescent_birth_max", 200.0},
        {"wei_neet_max", 85.0},
        {"wei_decision_max", 75.0},
        {"wei_violence_max", 60.0},
        {"ggpi_neet_max", 100.0},
        {"twin_lower_middle_min", 0.600},
        {"twin_upper_middle_min", 0.700},
        {"twin_high_min", 0.800},
    };
}

void expect_pinned(const Edition& ed, const std::vector<pinned>& expected) {
    const auto listed = gendex::constants(ed);
    ASSERT_EQ(listed.size(), expected.size()) << ed.id;
    for (std::size_t k = 0; k < expected.size(); ++k) {
        EXPECT_EQ(listed[k].name, expected[k].name) << ed.id << " row " << k;
        EXPECT_EQ(listed[k].value, expected[k].value) << ed.id << " " << expected[k].name;
        EXPECT_EQ(ed.get(expected[k].name), expected[k].value) << ed.id << " " << expected[k].name;
        EXPECT_FALSE(listed[k].source.empty()) << ed.id << " " << expected[k].name;
        EXPECT_EQ(listed[k].source, ed.source(expected[k].name));
    }
}

template <class Fn>
std::string error_message(Fn&& fn) {
    try {
        fn();
    } catch (const gendex::error& e) {
        return e.what();
    }
    return "<no exception>";
}

TEST(Edition, BuiltInIdsOldestFirst) {
    const auto ids = gendex::edition_ids();
    ASSERT_EQ(ids.size(), 6u);
    EXPECT_EQ(ids[0], "hdr2021-22");
    EXPECT_EQ(ids[1], "hdr2023-24");
    EXPECT_EQ(ids[2], "hdr2025");
    EXPECT_EQ(ids[3], "bps");
    EXPECT_EQ(ids[4], "wef2023");
    EXPECT_EQ(ids[5], "paths-to-equal-2023");
    for (auto id : ids) EXPECT_EQ(gendex::edition(id).id, id);
}

TEST(Edition, BpsConstantsPinned) {
    // UNDP's goalposts for health and schooling, BPS's for expenditure, 2 published decimals.
    expect_pinned(gendex::edition("bps"), common_constants(0.1, 2017, 2));
}

TEST(Edition, Hdr2021_22ConstantsPinned) { expect_pinned(gendex::edition("hdr2021-22"), common_constants(0.1, 2017)); }

TEST(Edition, Hdr2023_24ConstantsPinned) { expect_pinned(gendex::edition("hdr2023-24"), common_constants(0.01, 2017)); }

TEST(Edition, Hdr2025ConstantsPinned) { expect_pinned(gendex::edition("hdr2025"), common_constants(0.01, 2021)); }

TEST(Edition, PathsToEqual2023ConstantsPinned) {
    expect_pinned(gendex::edition("paths-to-equal-2023"), common_constants(0.1, 2017));
}

TEST(Edition, Wef2023ConstantsPinned) {
    // The GGGI reads only the gggi_* constants and rounding_digits (3, as GGGR 2023 prints).
    expect_pinned(gendex::edition("wef2023"), common_constants(0.1, 2017));
    EXPECT_NE(gendex::edition("wef2023").source("rounding_digits").find("GGGR23"), std::string::npos);
}

TEST(Edition, ConstantKindsAndUnits) {
    const auto listed = gendex::constants(gendex::edition("hdr2025"));
    auto row = [&](std::string_view name) {
        for (const auto& c : listed)
            if (c.name == name) return c;
        ADD_FAILURE() << name;
        return listed.front();
    };
    EXPECT_EQ(row("rounding_digits").kind, gendex::ConstantKind::integer);
    EXPECT_EQ(row("gem_income_log").kind, gendex::ConstantKind::flag);
    EXPECT_EQ(row("life_expectancy_max").kind, gendex::ConstantKind::real);
    EXPECT_EQ(row("gni_per_capita_max").unit, "PPP$");
}

TEST(Edition, SourcesRecordTheDataFindings) {
    // The parliament floor differs from the notes' text; its source must say so.
    EXPECT_NE(gendex::edition("hdr2023-24").source("gii_parliament_floor").find("0.01"), std::string::npos);
    EXPECT_NE(gendex::edition("hdr2025").source("gii_parliament_male_complement").find("UNVERIFIED"),
              std::string::npos);
    EXPECT_NE(gendex::edition("hdr2021-22").source("gem_income_log").find("UNVERIFIED"), std::string::npos);
    EXPECT_NE(gendex::edition("hdr2021-22").source("gem_income_capped").find("UNVERIFIED"), std::string::npos);
}

TEST(Edition, UnknownEditionListsKnownIds) {
    EXPECT_THROW((void)gendex::edition("hdr1995"), gendex::key_error);
    const std::string msg = error_message([] { (void)gendex::edition("hdr1995"); });
    EXPECT_NE(msg.find("'hdr1995'"), std::string::npos) << msg;
    for (auto id : gendex::edition_ids()) EXPECT_NE(msg.find(id), std::string::npos) << msg;
}

TEST(Edition, UnknownConstantNamesIt) {
    const Edition& ed = gendex::edition("hdr2025");
    EXPECT_THROW((void)ed.get("le_max"), gendex::key_error);
    EXPECT_THROW((void)ed.source("le_max"), gendex::key_error);
    Edition copy = ed;
    EXPECT_THROW(copy.set("le_max", 90.0), gendex::key_error);
    const std::string msg = error_message([&] { (void)ed.get("le_max"); });
    EXPECT_NE(msg.find("'le_max'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("life_expectancy_max"), std::string::npos) << msg;  // lists the known ones
}

TEST(Edition, SetChangesValueAndSource) {
    Edition ed = gendex::edition("hdr2025");
    ed.set("life_expectancy_max", 90.0, "sensitivity run");
    EXPECT_EQ(ed.life_expectancy_max.value, 90.0);
    EXPECT_EQ(ed.source("life_expectancy_max"), "sensitivity run");
    ed.set("rounding_digits", 4.0);
    EXPECT_EQ(ed.rounding_digits.value, 4);
    EXPECT_EQ(ed.source("rounding_digits"), "override of edition 'hdr2025'");
    ed.set("gii_parliament_male_complement", 0.0);
    EXPECT_FALSE(ed.gii_parliament_male_complement.value);
    // The built-in edition is untouched.
    EXPECT_EQ(gendex::edition("hdr2025").life_expectancy_max.value, 85.0);
}

TEST(Edition, SetRejectsBrokenInvariantsAndKeepsTheEdition) {
    Edition ed = gendex::edition("hdr2023-24");
    const std::string msg = error_message([&] { ed.set("life_expectancy_min", 85.0); });
    EXPECT_NE(msg.find("life_expectancy_min"), std::string::npos) << msg;
    EXPECT_NE(msg.find("life_expectancy_max"), std::string::npos) << msg;
    EXPECT_EQ(ed.life_expectancy_min.value, 20.0);  // unchanged after the failed set

    EXPECT_THROW(ed.set("hdi_high_min", 0.9), gendex::value_error);    // above very high
    EXPECT_THROW(ed.set("gdi_group2_max", 2.0), gendex::value_error);  // below group 1
    EXPECT_THROW(ed.set("gii_parliament_floor", 50.0), gendex::value_error);
    EXPECT_THROW(ed.set("gii_component_floor", 0.0), gendex::value_error);
    EXPECT_THROW(ed.set("gni_per_capita_min", 0.0), gendex::value_error);     // log of 0
    EXPECT_THROW(ed.set("gni_per_capita_min", 1e-310), gendex::value_error);  // subnormal: no log kernel
    EXPECT_THROW(ed.set("expenditure_min", 1e-310), gendex::value_error);
    EXPECT_THROW(ed.set("rounding_digits", 2.5), gendex::value_error);  // not an integer
    EXPECT_THROW(ed.set("rounding_digits", 16.0), gendex::value_error);
    EXPECT_THROW(ed.set("gem_income_log", 0.5), gendex::value_error);  // not a flag
    EXPECT_THROW(ed.set("maternal_mortality_max", NAN), gendex::value_error);
    EXPECT_EQ(gendex::constants(ed).size(), gendex::constants(gendex::edition("hdr2023-24")).size());
    EXPECT_EQ(ed.hdi_high_min.value, 0.700);
}

TEST(Edition, CustomEditionAppliesOverridesTogether) {
    // Moving both ends of a goalpost past the old maximum is only valid as a
    // whole, which is why custom_edition checks the final state only.
    const Edition ed = gendex::custom_edition(
        "hdr2025", "longevity-check", {{"life_expectancy_min", 90.0, ""}, {"life_expectancy_max", 110.0, "what-if"}});
    EXPECT_EQ(ed.id, "longevity-check");
    EXPECT_EQ(ed.life_expectancy_min.value, 90.0);
    EXPECT_EQ(ed.life_expectancy_max.value, 110.0);
    EXPECT_EQ(ed.source("life_expectancy_min"), "override of edition 'hdr2025'");
    EXPECT_EQ(ed.source("life_expectancy_max"), "what-if");
    EXPECT_EQ(ed.gii_parliament_floor.value, 0.01);  // the rest comes from the base
    EXPECT_EQ(ed.source("gii_parliament_floor"), gendex::edition("hdr2025").source("gii_parliament_floor"));
}

TEST(Edition, CustomEditionErrors) {
    const Edition& base = gendex::edition("hdr2021-22");
    EXPECT_THROW((void)gendex::custom_edition(base, "", {}), gendex::value_error);
    EXPECT_THROW((void)gendex::custom_edition(base, "hdr2025", {}), gendex::value_error);
    EXPECT_THROW((void)gendex::custom_edition(base, "x", {{"no_such", 1.0, ""}}), gendex::key_error);
    EXPECT_THROW((void)gendex::custom_edition(base, "x", {{"mean_schooling_max", -1.0, ""}}), gendex::value_error);
    EXPECT_THROW((void)gendex::custom_edition("hdr1990", "x", {}), gendex::key_error);
}

TEST(Edition, EveryTableNameIsAMemberOnce) {
    const auto listed = gendex::constants(gendex::edition("hdr2021-22"));
    for (std::size_t a = 0; a < listed.size(); ++a) {
        EXPECT_FALSE(listed[a].name.empty());
        EXPECT_FALSE(listed[a].meaning.empty()) << listed[a].name;
        for (std::size_t b = a + 1; b < listed.size(); ++b) EXPECT_NE(listed[a].name, listed[b].name);
    }
}

}  // namespace
