// The dataset-level compute layer: policies and their messages, reports and
// notes, earned-income estimation, implied shares, ranks, the index table,
// custom editions and aggregates, on small hand-made Datasets.
#include <cmath>
#include <string>
#include <vector>

#include "gendex/compute.hpp"
#include "gendex/indices/gdi.hpp"
#include "gendex/indices/gem.hpp"
#include "gendex/indices/gii.hpp"
#include "gendex/io/hdr_wide.hpp"
#include "gendex/rounding.hpp"
#include "test_support.hpp"

namespace {

using gendex::Dataset;
using gendex::DatasetBuilder;
using gendex::OnInvalid;
using gendex::Sex;

using gendex::test::F;
using gendex::test::M;
using gendex::test::skip_invalid;
using gendex::test::T;

double value(const Dataset& ds, const std::string& region, int period, Sex sex, const std::string& id) {
    return ds.value(region, period, sex, id);
}

void add_hdi_inputs(DatasetBuilder& b, const std::string& region, int period, double le, double eys, double mys,
                    double gni) {
    b.add(region, period, T, "life_expectancy", le);
    b.add(region, period, T, "expected_schooling", eys);
    b.add(region, period, T, "mean_schooling", mys);
    b.add(region, period, T, "gni_per_capita", gni);
}

// CSV25 CAF 2009: life expectancy 14.665, below the goalpost 20; no published HDI.
TEST(ComputePolicy, RaiseNamesRegionPeriodIndicatorSexAndTheEditionMinimum) {
    DatasetBuilder b;
    add_hdi_inputs(b, "CAF", 2009, 14.665, 5.826159954, 3.180664899, 1394.490751);
    add_hdi_inputs(b, "CAF", 2010, 44.1, 6.0, 3.2, 1400.0);
    const Dataset ds = std::move(b).build();
    EXPECT_THROW_MSG((void)gendex::compute_hdi(ds, gendex::edition("hdr2025")), gendex::value_error,
                     "region 'CAF', period 2009: life_expectancy (total) is below the minimum 20 of edition hdr2025 "
                     "(value 14.665); cannot compute hdi");

    const auto r = gendex::compute_hdi(ds, gendex::edition("hdr2025"), skip_invalid());
    EXPECT_EQ(r.report.units, 2u);
    EXPECT_EQ(r.report.computed, 1u);
    ASSERT_EQ(r.report.skipped.size(), 1u);
    const auto& s = r.report.skipped[0];
    EXPECT_EQ(s.region, "CAF");
    EXPECT_EQ(s.period, 2009);
    EXPECT_EQ(s.indicator, "life_expectancy");
    EXPECT_EQ(s.sex, T);
    EXPECT_EQ(s.problem, gendex::Problem::below_minimum);
    EXPECT_EQ(s.reason, "life_expectancy (total) is below the minimum 20 of edition hdr2025 (value 14.665)");
    EXPECT_FALSE(r.values.find("CAF", 2009, T, "hdi").has_value());
    EXPECT_TRUE(r.values.find("CAF", 2010, T, "hdi").has_value());
    EXPECT_EQ(r.report.summary(), "hdi (edition hdr2025): 1 of 2 region-periods computed, 1 skipped");
}

TEST(ComputePolicy, AUnitMustHaveEveryInputPresent) {
    DatasetBuilder b;
    add_hdi_inputs(b, "NOR", 2023, 83.3, 18.8, 13.1, 112710);
    b.add("AND", 1990, T, "life_expectancy", 76.0);  // schooling and income not given
    b.add("AND", 1990, T, "gni_per_capita", 50000);
    b.add("XYZ", 2000, T, "population", 3.0);  // no HDI input at all: not a unit
    const Dataset ds = std::move(b).build();
    EXPECT_THROW_MSG((void)gendex::compute_hdi(ds, gendex::edition("hdr2025")), gendex::value_error,
                     "region 'AND', period 1990: expected_schooling (total) is missing; cannot compute hdi");
    const auto r = gendex::compute_hdi(ds, gendex::edition("hdr2025"), skip_invalid());
    EXPECT_EQ(r.report.units, 2u);
    ASSERT_EQ(r.report.skipped.size(), 1u);
    EXPECT_EQ(r.report.skipped[0].problem, gendex::Problem::missing);
    EXPECT_EQ(r.report.skipped[0].reason, "expected_schooling (total) is missing");
    EXPECT_EQ(gendex::parse_on_invalid("skip"), OnInvalid::skip);
    EXPECT_THROW_MSG((void)gendex::parse_on_invalid("ignore"), gendex::value_error, "use raise or skip");
}

TEST(ComputeHdi, ResultsAreADatasetWithGroupsAndCompetitionRanks) {
    DatasetBuilder b;
    // HDR25 NOR 2023 (published 0.970) and three made-up units, two tying at 3 dp.
    add_hdi_inputs(b, "NOR", 2023, 83.308, 18.79285049, 13.11796218, 112710.0211);
    add_hdi_inputs(b, "AAA", 2023, 70, 12, 8, 9000);
    add_hdi_inputs(b, "BBB", 2023, 70, 12, 8, 9000.5);  // same HDI at 3 dp as AAA
    add_hdi_inputs(b, "CCC", 2023, 60, 9, 5, 3000);
    add_hdi_inputs(b, "ZZK.WORLD", 2023, 73, 13, 9, 20000);  // an aggregate: computed, not ranked
    add_hdi_inputs(b, "CCC", 2022, 59, 9, 5, 2900);
    const Dataset ds = std::move(b).build();
    const auto r = gendex::compute_hdi(ds, gendex::edition("hdr2025"));
    const Dataset& v = r.values;
    EXPECT_EQ(gendex::round_half_up(value(v, "NOR", 2023, T, "hdi"), 3), 0.970);
    EXPECT_EQ(value(v, "NOR", 2023, T, "hdi_group"), 4);
    EXPECT_EQ(value(v, "CCC", 2023, T, "hdi_group"), 1);  // low: 0.509
    EXPECT_EQ(value(v, "AAA", 2023, T, "hdi_group"), 2);  // medium: 0.679
    EXPECT_EQ(value(v, "NOR", 2023, T, "hdi_rank"), 1);
    EXPECT_EQ(value(v, "AAA", 2023, T, "hdi_rank"), 2);
    EXPECT_EQ(value(v, "BBB", 2023, T, "hdi_rank"), 2);
    EXPECT_EQ(value(v, "CCC", 2023, T, "hdi_rank"), 4);
    EXPECT_EQ(value(v, "CCC", 2022, T, "hdi_rank"), 1);  // ranks per period
    EXPECT_FALSE(v.find("ZZK.WORLD", 2023, T, "hdi_rank").has_value());
    EXPECT_TRUE(v.find("ZZK.WORLD", 2023, T, "hdi").has_value());
    // Full precision: the dimension indices multiply back to the HDI.
    const double h = value(v, "CCC", 2023, T, "hdi_health_index"), e = value(v, "CCC", 2023, T, "hdi_education_index"),
                 i = value(v, "CCC", 2023, T, "hdi_income_index");
    EXPECT_NEAR(std::cbrt(h * e * i), value(v, "CCC", 2023, T, "hdi"), 1e-15);
    EXPECT_EQ(h, (60.0 - 20.0) / 65.0);
    // Rows are grouped by unit; the source names index and edition.
    EXPECT_EQ(v.row(0).region, "NOR");
    EXPECT_EQ(v.row(0).indicator, "hdi");
    EXPECT_EQ(v.row(0).source, "gendex hdi, edition hdr2025");
    gendex::ComputeOptions rank_all;
    rank_all.aggregate_prefix.clear();
    EXPECT_TRUE(gendex::compute_hdi(ds, gendex::edition("hdr2025"), rank_all)
                    .values.find("ZZK.WORLD", 2023, T, "hdi_rank")
                    .has_value());
}

// TN24 Bangladesh 2022 income step: GNIpc 6,511.122, EA shares 33.3/66.7,
// population 50.4/49.6 %, no wage ratio -> the edition default 0.8.
DatasetBuilder bangladesh_without_incomes() {
    DatasetBuilder b;
    b.add("BGD", 2022, F, "life_expectancy", 76.012);
    b.add("BGD", 2022, F, "expected_schooling", 12.40666962);
    b.add("BGD", 2022, F, "mean_schooling", 6.755380154);
    b.add("BGD", 2022, M, "life_expectancy", 71.514);
    b.add("BGD", 2022, M, "expected_schooling", 11.50172043);
    b.add("BGD", 2022, M, "mean_schooling", 8.020810127);
    b.add("BGD", 2022, T, "gni_per_capita", 6511.122);
    b.add("BGD", 2022, F, "population", 50.4);
    b.add("BGD", 2022, M, "population", 49.6);
    return b;
}

TEST(ComputeGdi, EstimatesEarnedIncomeWithTheDefaultWageRatioAndSaysSo) {
    DatasetBuilder b = bangladesh_without_incomes();
    b.add("BGD", 2022, F, "economically_active_share", 33.3);
    const auto r = gendex::compute_gdi(std::move(b).build(), gendex::edition("hdr2023-24"));
    const Dataset& v = r.values;
    // The kernel's values (test_index_kernels: Gdi.BangladeshIncomeStep).
    EXPECT_NEAR(value(v, "BGD", 2022, F, "gni_per_capita"), 3687.1577642413304, 1e-9);
    EXPECT_NEAR(value(v, "BGD", 2022, M, "gni_per_capita"), 9380.634046012843, 1e-9);
    EXPECT_NEAR(value(v, "BGD", 2022, F, "income_share"), 28.54081851296336, 1e-12);
    EXPECT_NEAR(value(v, "BGD", 2022, F, "income_share") + value(v, "BGD", 2022, M, "income_share"), 100, 1e-12);
    const auto kernel = gendex::undp::gdi(
        gendex::edition("hdr2023-24"),
        gendex::undp::gdi_input{76.012, 12.40666962, 6.755380154, value(v, "BGD", 2022, F, "gni_per_capita"), 71.514,
                                11.50172043, 8.020810127, value(v, "BGD", 2022, M, "gni_per_capita")});
    EXPECT_EQ(value(v, "BGD", 2022, T, "gdi"), kernel.gdi);
    EXPECT_EQ(value(v, "BGD", 2022, F, "hdi"), kernel.hdi_f);
    EXPECT_EQ(gendex::round_half_up(value(v, "BGD", 2022, T, "gdi"), 3), 0.914);  // as published
    EXPECT_EQ(value(v, "BGD", 2022, T, "gdi_group"), 4);
    std::vector<std::string> notes;
    for (const auto& n : r.report.notes) notes.push_back(n.note);
    EXPECT_EQ(notes, (std::vector<std::string>{"economically_active_share (male) implied as 100 - female share",
                                               "gni_per_capita by sex estimated from gni_per_capita (total)",
                                               "default wage ratio 0.8 used (wage_ratio not given)"}));
}

TEST(ComputeGdi, GivenWageRatioAndActiveSharesFromParticipation) {
    DatasetBuilder b = bangladesh_without_incomes();
    b.add("BGD", 2022, T, "wage_ratio", 0.8);
    b.add("BGD", 2022, F, "labour_force_participation", 40.0);
    b.add("BGD", 2022, M, "labour_force_participation", 80.0);
    const auto r = gendex::compute_gdi(std::move(b).build(), gendex::edition("hdr2023-24"));
    // EA_f = 40*50.4 / (40*50.4 + 80*49.6), then the wage-bill step.
    const double ea = 40.0 * 50.4 / (40.0 * 50.4 + 80.0 * 49.6);
    const auto k = gendex::undp::earned_income(gendex::edition("hdr2023-24"),
                                               gendex::undp::earned_income_input{6511.122, 0.8, ea, 50.4 / 100.0});
    EXPECT_NEAR(value(r.values, "BGD", 2022, F, "gni_per_capita"), k.gni_per_capita_f, 1e-9);
    std::vector<std::string> notes;
    for (const auto& n : r.report.notes) notes.push_back(n.note);
    EXPECT_EQ(notes, (std::vector<std::string>{
                         "economically_active_share derived from labour_force_participation and population by sex",
                         "gni_per_capita by sex estimated from gni_per_capita (total)"}));
}

TEST(ComputeGdi, WhatCannotBeEstimatedIsNamed) {
    const Dataset no_active = bangladesh_without_incomes().build();
    EXPECT_THROW_MSG((void)gendex::compute_gdi(no_active, gendex::edition("hdr2025")), gendex::value_error,
                     "region 'BGD', period 2022: gni_per_capita by sex is not given and cannot be estimated: "
                     "economically_active_share (female) is missing");
    DatasetBuilder half = bangladesh_without_incomes();
    half.add("BGD", 2022, F, "gni_per_capita", 3684.291333);
    const auto r = gendex::compute_gdi(std::move(half).build(), gendex::edition("hdr2025"), skip_invalid());
    ASSERT_EQ(r.report.skipped.size(), 1u);
    EXPECT_EQ(r.report.skipped[0].reason, "gni_per_capita (male) is missing");
    EXPECT_EQ(r.report.skipped[0].sex, M);
}

TEST(ComputeGdi, AZeroMaleHdiLeavesTheGdiUndefined) {
    DatasetBuilder b;
    for (Sex s : {F, M}) {
        b.add("X", 2020, s, "life_expectancy", s == F ? 60.0 : 17.5);  // male LE at its minimum: HDI_m = 0
        b.add("X", 2020, s, "expected_schooling", 10);
        b.add("X", 2020, s, "mean_schooling", 6);
        b.add("X", 2020, s, "gni_per_capita", 4000);
    }
    const auto r = gendex::compute_gdi(std::move(b).build(), gendex::edition("hdr2025"), skip_invalid());
    ASSERT_EQ(r.report.skipped.size(), 1u);
    EXPECT_EQ(r.report.skipped[0].problem, gendex::Problem::undefined);
    EXPECT_EQ(r.report.skipped[0].indicator, "gdi");
    EXPECT_EQ(r.values.size(), 0u);
}

// TN24 Costa Rica 2022; CSV24 stores full-precision inputs.
DatasetBuilder costa_rica(bool male_parliament = true) {
    DatasetBuilder b;
    b.add("CRI", 2022, F, "maternal_mortality", 22.00380558);
    b.add("CRI", 2022, F, "adolescent_birth_rate", 35.749);
    b.add("CRI", 2022, F, "parliament_share", 47.36842105);
    if (male_parliament) b.add("CRI", 2022, M, "parliament_share", 52.63157895);
    b.add("CRI", 2022, F, "secondary_education", 50.18999863);
    b.add("CRI", 2022, M, "secondary_education", 48.08000183);
    b.add("CRI", 2022, F, "labour_force_participation", 50.08);
    b.add("CRI", 2022, M, "labour_force_participation", 72.85);
    return b;
}

TEST(ComputeGii, ComponentsAndAnImpliedMaleParliamentShare) {
    const auto r = gendex::compute_gii(costa_rica().build(), gendex::edition("hdr2023-24"));
    const Dataset& v = r.values;
    EXPECT_NEAR(value(v, "CRI", 2022, T, "gii"), 0.23240868108101598, 1e-14);
    EXPECT_EQ(value(v, "CRI", 2022, T, "gii_rank"), 1);
    const double gf = value(v, "CRI", 2022, F, "gii_geometric_mean"),
                 gm = value(v, "CRI", 2022, M, "gii_geometric_mean");
    EXPECT_NEAR(value(v, "CRI", 2022, T, "gii_harmonic_mean"), 2 / (1 / gf + 1 / gm), 1e-15);
    EXPECT_NEAR(1 - value(v, "CRI", 2022, T, "gii_harmonic_mean") / value(v, "CRI", 2022, T, "gii_reference"),
                value(v, "CRI", 2022, T, "gii"), 1e-15);
    EXPECT_TRUE(r.report.notes.empty());

    const auto implied = gendex::compute_gii(costa_rica(false).build(), gendex::edition("hdr2023-24"));
    EXPECT_NEAR(value(implied.values, "CRI", 2022, T, "gii"), value(v, "CRI", 2022, T, "gii"), 1e-15);
    ASSERT_EQ(implied.report.notes.size(), 1u);
    EXPECT_EQ(implied.report.notes[0].note, "parliament_share (male) implied as 100 - female share");
}

TEST(ComputeGii, ACustomEditionChangesTheResult) {
    // CSV24 QAT 2016: no women in parliament; published 0.650 with the 0.01 floor,
    // 0.515 with the 0.1 floor the technical notes state.
    const Dataset ds =
        gendex::io::read_hdr(gendex::test::data_file(gendex::test::hdr_files[1])).filter({{"QAT"}, {2016}, {}, {}, {}});
    const auto published = gendex::compute_gii(ds, gendex::edition("hdr2023-24"));
    EXPECT_EQ(gendex::round_half_up(value(published.values, "QAT", 2016, T, "gii"), 3), 0.650);
    const auto tn = gendex::custom_edition("hdr2023-24", "tn24-text", {{"gii_parliament_floor", 0.1, ""}});
    const auto r = gendex::compute_gii(ds, tn);
    EXPECT_EQ(gendex::round_half_up(value(r.values, "QAT", 2016, T, "gii"), 3), 0.515);
    EXPECT_EQ(r.values.row(0).source, "gendex gii, edition tn24-text");
}

TEST(ComputeIhdi, UnitsAreDefinedByTheInequalityMeasures) {
    DatasetBuilder b;
    add_hdi_inputs(b, "JOR", 2022, 74.243, 10.7, 10.6, 9000);  // no inequality: not an IHDI unit
    add_hdi_inputs(b, "JOR", 2021, 74.243, 10.7, 10.6, 9000);
    b.add("JOR", 2021, T, "inequality_life_expectancy", 10);
    b.add("JOR", 2021, T, "inequality_education", 15);
    b.add("JOR", 2021, T, "inequality_income", 25);
    const auto r = gendex::compute_ihdi(std::move(b).build(), gendex::edition("hdr2025"));
    EXPECT_EQ(r.report.units, 1u);
    const auto& v = r.values;
    EXPECT_NEAR(value(v, "JOR", 2021, T, "coefficient_human_inequality"), 50.0 / 3.0, 1e-12);
    const double ihdi = value(v, "JOR", 2021, T, "ihdi");
    EXPECT_NEAR(value(v, "JOR", 2021, T, "ihdi_health_index") * value(v, "JOR", 2021, T, "ihdi_education_index") *
                    value(v, "JOR", 2021, T, "ihdi_income_index"),
                ihdi * ihdi * ihdi, 1e-15);
    EXPECT_GE(value(v, "JOR", 2021, T, "ihdi_loss"), 0);
}

TEST(ComputeGem, DatasetLevelEqualsTheKernelOnOneUnit) {
    DatasetBuilder b;
    // Greece-like shares (GEM-ex) with given incomes and population 50.7/49.2 millions.
    b.add("GRC", 2005, F, "parliament_share", 8.7);
    b.add("GRC", 2005, F, "managers_share", 25.6);
    b.add("GRC", 2005, F, "professional_technical_share", 48.0);
    b.add("GRC", 2005, M, "professional_technical_share", 52.0);
    b.add("GRC", 2005, F, "gni_per_capita", 12000);
    b.add("GRC", 2005, M, "gni_per_capita", 28000);
    b.add("GRC", 2005, F, "population", 5.07);
    b.add("GRC", 2005, M, "population", 4.92);
    const auto r = gendex::compute_gem(std::move(b).build(), gendex::edition("hdr2025"));
    const double pf = 5.07 / (5.07 + 4.92);
    const auto k = gendex::undp::gem(
        gendex::edition("hdr2025"),
        gendex::undp::gem_input{8.7, 100 - 8.7, 25.6, 100 - 25.6, 48.0, 52.0, 12000, 28000, pf, 1 - pf});
    EXPECT_EQ(value(r.values, "GRC", 2005, T, "gem"), k.gem);
    EXPECT_EQ(value(r.values, "GRC", 2005, T, "gem_parliament_edep"), k.parliament_edep);
    EXPECT_EQ(value(r.values, "GRC", 2005, F, "gem_income_index"), k.income_index_f);
    EXPECT_EQ(r.report.notes.size(), 2u);  // the two implied male shares
    // Without population by sex there are no weights.
    DatasetBuilder nopop;
    nopop.add("GRC", 2005, F, "parliament_share", 8.7);
    nopop.add("GRC", 2005, F, "managers_share", 25.6);
    nopop.add("GRC", 2005, F, "professional_technical_share", 48.0);
    nopop.add("GRC", 2005, F, "gni_per_capita", 12000);
    nopop.add("GRC", 2005, M, "gni_per_capita", 28000);
    EXPECT_THROW_MSG((void)gendex::compute_gem(std::move(nopop).build(), gendex::edition("hdr2025")),
                     gendex::value_error, "population by sex is missing");
}

TEST(ComputeTable, EveryIndexByNameAndAClearErrorForOthers) {
    EXPECT_EQ(gendex::index_names(), (std::vector<std::string>{"hdi", "gdi", "gii", "ihdi", "gem", "ipm", "ipg", "idg",
                                                               "ikg", "gggi", "wei", "ggpi"}));
    for (const auto& d : gendex::index_table()) {
        EXPECT_EQ(d.outputs.front().indicator, std::string(d.name));  // the headline comes first
        for (const auto& o : d.outputs)
            EXPECT_TRUE(gendex::IndicatorRegistry::standard().contains(o.indicator)) << o.indicator;
        EXPECT_EQ(gendex::compute(d.name, Dataset{}, gendex::edition("hdr2025")).values.size(), 0u);
    }
    EXPECT_THROW_MSG(
        (void)gendex::index_descriptor("ipg2"), gendex::key_error,
        "unknown index 'ipg2'; known indices: hdi, gdi, gii, ihdi, gem, ipm, ipg, idg, ikg, gggi, wei, ggpi");
    const Dataset ds = costa_rica().build();
    EXPECT_EQ(gendex::compute("gii", ds, gendex::edition("hdr2025")).values,
              gendex::compute_gii(ds, gendex::edition("hdr2025")).values);
}

// The index table is the one home of each index's facts: publisher, default edition, the
// indices with parity components (priorities) and with a survey path.
TEST(ComputeTable, DefaultEditionsPublishersAndFacetsComeFromTheTable) {
    std::vector<std::string> bps, parity, survey;
    for (const auto& d : gendex::index_table()) {
        EXPECT_EQ(d.default_edition, d.publisher == "BPS"             ? "bps"
                                     : d.publisher == "WEF"           ? "wef2023"
                                     : d.publisher == "UNDP/UN Women" ? "paths-to-equal-2023"
                                                                      : "hdr2025")
            << d.name;
        EXPECT_NO_THROW((void)gendex::edition(d.default_edition));
        if (d.publisher == "BPS") bps.emplace_back(d.name);
        if (d.parity) parity.emplace_back(d.name);
        if (d.survey) survey.emplace_back(d.name);
    }
    EXPECT_EQ(bps, (std::vector<std::string>{"ipm", "ipg", "idg", "ikg"}));
    EXPECT_EQ(parity, (std::vector<std::string>{"gdi", "gii", "ipg", "ikg"}));
    EXPECT_EQ(survey, (std::vector<std::string>{"gdi", "gii", "ipg", "ikg"}));
    EXPECT_EQ(gendex::join_index_names(&gendex::IndexDescriptor::parity), "gdi, gii, ipg, ikg");
    // The newest HDR edition is the last built-in HDR one.
    std::string_view last_hdr;
    for (auto id : gendex::edition_ids())
        if (id.starts_with("hdr")) last_hdr = id;
    EXPECT_EQ(gendex::latest_hdr_edition_id, last_hdr);
    // Equality points: GDI 1, IPG 100 (the BPS scale), GII and IKG 0.
    const auto& bps_ed = gendex::edition("bps");
    EXPECT_EQ(gendex::index_descriptor("gdi").parity->equality(bps_ed), 1.0);
    EXPECT_EQ(gendex::index_descriptor("ipg").parity->equality(bps_ed), 100.0);
    EXPECT_EQ(gendex::index_descriptor("gii").parity->equality(bps_ed), 0.0);
    EXPECT_EQ(gendex::index_descriptor("ikg").parity->equality(bps_ed), 0.0);
}

// Inputs are a specification (compute/requirements.hpp): the text of --help is generated from it,
// and a computation of nothing names, from it, what no region-period has.
TEST(ComputeTable, InputsAreACheckedSpecificationWithGeneratedText) {
    EXPECT_EQ(gendex::describe(*gendex::index_descriptor("hdi").inputs),
              "life_expectancy, expected_schooling, mean_schooling, gni_per_capita (total)");
    EXPECT_EQ(gendex::describe(*gendex::index_descriptor("gii").inputs),
              "maternal_mortality, adolescent_birth_rate (female); parliament_share, secondary_education, "
              "labour_force_participation (female, male)");
    EXPECT_EQ(gendex::describe(*gendex::index_descriptor("gdi").inputs),
              "life_expectancy, expected_schooling, mean_schooling (female, male); gni_per_capita (female, male); "
              "or gni_per_capita (total), wage_ratio (total, optional), economically_active_share (female), "
              "population (female, male); or gni_per_capita (total), wage_ratio (total, optional), "
              "labour_force_participation, population (female, male)");
    for (const auto& d : gendex::index_table())
        for (const auto& id : gendex::indicator_ids(*d.inputs))
            EXPECT_TRUE(gendex::IndicatorRegistry::standard().contains(id)) << d.name << ": " << id;

    // Education and income by sex, no life expectancy: the GDI names it.
    DatasetBuilder b;
    for (Sex s : {F, M}) {
        b.add("A", 2020, s, "expected_schooling", 12.0);
        b.add("A", 2020, s, "mean_schooling", 8.0);
        b.add("A", 2020, s, "gni_per_capita", 9000.0);
    }
    b.add("A", 2020, F, "life_expectancy", 70.0);  // women only: still not "for female and male"
    const Dataset ds = std::move(b).build();
    const auto gdi = gendex::compute("gdi", ds, gendex::edition("hdr2025"), skip_invalid());
    EXPECT_EQ(gdi.report.computed, 0u);
    EXPECT_EQ(gdi.report.missing,
              (std::vector<std::string>{"gdi: no region-period has life_expectancy for female and male"}));
    // Nothing of the GII: every requirement named, alternatives of none.
    const auto gii = gendex::compute("gii", ds, gendex::edition("hdr2025"), skip_invalid());
    EXPECT_EQ(gii.report.units, 0u);
    EXPECT_EQ(gii.report.missing,
              (std::vector<std::string>{
                  "gii: no region-period has maternal_mortality for female, adolescent_birth_rate for female",
                  "gii: no region-period has parliament_share for female and male, secondary_education for "
                  "female and male, labour_force_participation for female and male"}));
    // A share of a whole given for women only implies the men's: not missing.
    DatasetBuilder g;
    g.add("A", 2020, F, "maternal_mortality", 100.0);
    g.add("A", 2020, F, "adolescent_birth_rate", 30.0);
    g.add("B", 2020, F, "parliament_share", 20.0);
    for (Sex s : {F, M}) {
        g.add("B", 2020, s, "secondary_education", 55.0);
        g.add("B", 2020, s, "labour_force_participation", 60.0);
    }
    EXPECT_EQ(gendex::compute("gii", std::move(g).build(), gendex::edition("hdr2025"), skip_invalid()).report.missing,
              (std::vector<std::string>{
                  "gii: no region-period has all its inputs together (maternal_mortality, adolescent_birth_rate "
                  "(female); parliament_share, secondary_education, labour_force_participation (female, male))"}));
    // Computed units: nothing is missing.
    DatasetBuilder h;
    add_hdi_inputs(h, "A", 2020, 70, 12, 8, 9000);
    EXPECT_TRUE(gendex::compute("hdi", std::move(h).build(), gendex::edition("hdr2025")).report.missing.empty());
}

TEST(ComputeAggregate, WeightedMeansWithFallbackWeightsAndCoverage) {
    DatasetBuilder b;
    b.add("A", 2020, T, "life_expectancy", 70);
    b.add("B", 2020, T, "life_expectancy", 80);
    b.add("C", 2020, T, "life_expectancy", 60);
    b.add("A", 2020, T, "expected_schooling", 10);
    b.add("B", 2020, T, "expected_schooling", 14);
    for (auto [r, pop, young] : {std::tuple{"A", 1.0, 0.5}, std::tuple{"B", 3.0, 0.5}, std::tuple{"C", 4.0, 1.0}}) {
        b.add(r, 2020, T, "population", pop);
        b.add(r, 2020, T, "population", young, "5-24");
    }
    const Dataset ds = std::move(b).build();
    const std::vector<gendex::AggregateGroup> groups{{"G", {"A", "B", "C"}}, {"H", {"C"}}};
    gendex::AggregateOptions o;
    o.components = {{"life_expectancy", T, ""}, {"expected_schooling", T, "5-24"}, {"mean_schooling", T, "25+"}};
    const auto r = gendex::aggregate(ds, groups, o);
    EXPECT_DOUBLE_EQ(value(r.values, "G", 2020, T, "life_expectancy"), (70 * 1 + 80 * 3 + 60 * 4) / 8.0);
    EXPECT_DOUBLE_EQ(value(r.values, "G", 2020, T, "expected_schooling"), (10 * 0.5 + 14 * 0.5) / 1.0);  // by 5-24
    EXPECT_EQ(r.report.units, 2u);
    ASSERT_EQ(r.report.notes.size(), 1u);
    EXPECT_EQ(r.report.notes[0].note, "expected_schooling (total): 2 of 3 members, 50.0 % of the weight");

    o.min_coverage = 0.6;  // A and B hold half of the 5-24 population
    const auto strict = gendex::aggregate(ds, groups, o);
    EXPECT_FALSE(strict.values.find("G", 2020, T, "expected_schooling").has_value());
    ASSERT_EQ(strict.report.skipped.size(), 1u);
    EXPECT_EQ(strict.report.skipped[0].reason,
              "expected_schooling (total): members with data cover 50.0 % of the population, below the minimum 60.0 %");

    // No age-specific weight: total population stands in, and the note says so.
    o.min_coverage = 0;
    o.components = {{"life_expectancy", T, "0-4"}};
    const auto fallback = gendex::aggregate(ds, groups, o);
    EXPECT_DOUBLE_EQ(value(fallback.values, "G", 2020, T, "life_expectancy"), (70 * 1 + 80 * 3 + 60 * 4) / 8.0);
    ASSERT_FALSE(fallback.report.notes.empty());
    EXPECT_EQ(fallback.report.notes[0].note,
              "life_expectancy (total): weighted by population (total) for want of population (total, 0-4)");
    // The aggregates' own HDI comes from the usual computation on the result.
    EXPECT_THROW_MSG((void)gendex::aggregate(ds, groups, {"population", {}, 1.5}), gendex::value_error, "min_coverage");
}

}  // namespace

TEST(ComputeAggregate, WeightAgeGroupsComeFromTheEdition) {
    const auto components = gendex::hdi_aggregate_components();
    ASSERT_EQ(components.size(), 4u);
    EXPECT_EQ(components[1].weight_age_group, "5-24");
    EXPECT_EQ(components[2].weight_age_group, "25+");
    const gendex::Edition adults18 =
        gendex::custom_edition("hdr2025", "adults-18", {{"aggregate_adult_age_min", 18, "test"}});
    EXPECT_EQ(gendex::hdi_aggregate_components(adults18)[2].weight_age_group, "18+");
    EXPECT_EQ(gendex::gdi_aggregate_components(adults18)[6].weight_age_group, "18+");
}
