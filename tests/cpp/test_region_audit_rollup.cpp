#include "gendex/audit.hpp"
#include "gendex/region.hpp"
#include "gendex/rollup.hpp"
#include "test_support.hpp"

using namespace gendex;

namespace {

RegionHierarchy kalteng_regions() {
    return RegionHierarchy::from_regions({{"6203", "KAPUAS", "62", "kabkota"},  // child before parent: any order
                                          {"62", "KALIMANTAN TENGAH", "ID", "provinsi"},
                                          {"ID", "INDONESIA", "", "nation"},
                                          {"6271", "KOTA PALANGKA RAYA", "62", "kabkota"}});
}

}  // namespace

TEST(RegionHierarchy, LooksUpByCodeNameAndAlias) {
    auto h = kalteng_regions();
    EXPECT_EQ(h.by_code("6203").name, "KAPUAS");
    EXPECT_EQ(h.by_name("Kota Palangka Raya").code, "6271");
    h.add_alias("KODYA PALANGKA RAYA", "6271");
    EXPECT_EQ(h.resolve("Kodya Palangka Raya").code, "6271");
    EXPECT_EQ(h.resolve("62").name, "KALIMANTAN TENGAH");
    EXPECT_EQ(h.children("62"), (std::vector<std::string>{"6203", "6271"}));
    EXPECT_EQ(h.parent("6203"), std::optional<std::string>("62"));
    EXPECT_EQ(h.parent("ID"), std::nullopt);
    EXPECT_EQ(h.depth("6271"), 2u);
    EXPECT_THROW_MSG((void)h.by_code("9999"), key_error, "unknown region code '9999'");
    EXPECT_THROW_MSG((void)h.by_name("Atlantis"), key_error, "unknown region name 'Atlantis'");
    EXPECT_THROW_MSG(h.add_alias("X", "9999"), key_error, "unknown region code '9999'");
}

TEST(RegionHierarchy, RejectsUnknownParentsCyclesAndDuplicates) {
    EXPECT_THROW_MSG(RegionHierarchy::from_regions({{"6203", "KAPUAS", "63", "kabkota"}}), key_error,
                     "region '6203' names an unknown parent '63'");
    EXPECT_THROW_MSG(RegionHierarchy::from_regions({{"A", "a", "B", ""}, {"B", "b", "C", ""}, {"C", "c", "A", ""}}),
                     value_error, "is its own ancestor (cycle in parents)");
    EXPECT_THROW_MSG(RegionHierarchy::from_regions({{"A", "a", "A", ""}}), value_error,
                     "region 'A' is its own ancestor");
    EXPECT_THROW_MSG(RegionHierarchy::from_regions({{"A", "a", "", ""}, {"A", "b", "", ""}}), value_error,
                     "region code 'A' appears twice");
    const auto h = RegionHierarchy::from_regions({{"A", "Same", "", ""}, {"B", "same", "", ""}});
    EXPECT_THROW_MSG((void)h.by_name("SAME"), key_error, "region name 'SAME' is ambiguous");
}

// A dataset with known gaps; the expected report is written out by hand.
TEST(Audit, ReportsExactlyTheKnownGaps) {
    DatasetBuilder b;
    // Kapuas 2021: LFPR by sex (ok), parliament total only, population F+M=T (ok).
    b.add("6203", 2021, Sex::female, "labour_force_participation", 51.7);
    b.add("6203", 2021, Sex::male, "labour_force_participation", 83.0);
    b.add("6203", 2021, Sex::total, "parliament_share", 100);
    b.add("6203", 2021, Sex::female, "population", 200);
    b.add("6203", 2021, Sex::male, "population", 210);
    b.add("6203", 2021, Sex::total, "population", 410);
    // Palangka Raya 2021: LFPR women only; population F+M != T.
    b.add("6271", 2021, Sex::female, "labour_force_participation", 55.0);
    b.add("6271", 2021, Sex::female, "population", 150);
    b.add("6271", 2021, Sex::male, "population", 150);
    b.add("6271", 2021, Sex::total, "population", 305);
    const Dataset ds = std::move(b).build();

    AuditOptions opt;
    opt.expected_indicators = {"labour_force_participation", "parliament_share", "population"};
    const auto h = kalteng_regions();
    opt.hierarchy = &h;
    const AuditReport r = audit(ds, opt);
    ASSERT_EQ(r.rows.size(), 6u);  // 2 regions x 3 indicators
    auto row = [&](const std::string& region, const std::string& ind) -> const AuditRow& {
        for (const auto& x : r.rows)
            if (x.region == region && x.indicator == ind) return x;
        throw std::runtime_error("no row");
    };
    EXPECT_EQ(row("6203", "labour_force_participation").coverage, Coverage::disaggregated);
    EXPECT_EQ(row("6203", "parliament_share").coverage, Coverage::total_only);
    EXPECT_EQ(row("6203", "population").sum_check, SumCheck::ok);
    EXPECT_EQ(row("6271", "labour_force_participation").coverage, Coverage::female_only);
    EXPECT_EQ(row("6271", "parliament_share").coverage, Coverage::missing);
    EXPECT_EQ(row("6271", "population").sum_check, SumCheck::mismatch);
    EXPECT_DOUBLE_EQ(row("6271", "population").sum_gap, -5.0);  // 150 + 150 - 305
    EXPECT_EQ(row("6203", "labour_force_participation").sum_check, SumCheck::not_applicable);

    ASSERT_EQ(r.by_indicator.size(), 3u);
    EXPECT_EQ(r.by_indicator[0].key, "labour_force_participation");
    EXPECT_EQ(r.by_indicator[0].units, 2u);
    EXPECT_EQ(r.by_indicator[0].disaggregated, 1u);
    EXPECT_EQ(r.by_indicator[0].partial, 1u);
    EXPECT_DOUBLE_EQ(r.by_indicator[0].percent_disaggregated(), 50.0);
    EXPECT_EQ(r.by_indicator[1].total_only, 1u);
    EXPECT_EQ(r.by_indicator[1].missing, 1u);
    EXPECT_DOUBLE_EQ(r.by_indicator[1].percent_disaggregated(), 0.0);
    EXPECT_EQ(r.by_indicator[2].sum_mismatch, 1u);
    EXPECT_DOUBLE_EQ(r.by_indicator[2].percent_disaggregated(), 100.0);
    ASSERT_EQ(r.by_level.size(), 1u);
    EXPECT_EQ(r.by_level[0].key, "kabkota");
    EXPECT_EQ(r.by_level[0].units, 6u);
    EXPECT_EQ(r.by_level[0].disaggregated, 3u);  // LFPR Kapuas, population both
    EXPECT_DOUBLE_EQ(r.by_level[0].percent_disaggregated(), 50.0);
}

// BPS prints women's share of seats only; men's is 100 minus it.
TEST(Audit, SharesOfAWholeImplyTheOtherSex) {
    DatasetBuilder b;
    b.add("6203", 2021, Sex::female, "parliament_share", 27.5);
    b.add("6271", 2021, Sex::female, "parliament_share", 31.03);
    b.add("6271", 2021, Sex::male, "parliament_share", 68.0);  // 31.03 + 68 = 99.03: off by 0.97
    b.add("62", 2021, Sex::female, "income_share", 33.48);
    b.add("62", 2021, Sex::male, "income_share", 66.52);
    const auto r = audit(std::move(b).build());
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(r.rows[0].coverage, Coverage::complement);
    EXPECT_EQ(r.rows[1].coverage, Coverage::disaggregated);
    EXPECT_EQ(r.rows[1].sum_check, SumCheck::mismatch);
    EXPECT_NEAR(r.rows[1].sum_gap, -0.97, 1e-12);
    EXPECT_EQ(r.rows[2].sum_check, SumCheck::ok);
    EXPECT_EQ(r.by_indicator[0].complement, 1u);
    EXPECT_EQ(r.by_indicator[0].sum_mismatch, 1u);
    EXPECT_DOUBLE_EQ(r.by_indicator[0].percent_disaggregated(), 100.0);
}

TEST(Audit, DefaultsToTheBySexIndicatorsPresent) {
    DatasetBuilder b;
    b.add("A", 2020, Sex::total, "life_expectancy", 70);  // scope any: not audited
    b.add("A", 2020, Sex::total, "secondary_education", 40);
    const auto r = audit(std::move(b).build());
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].indicator, "secondary_education");
    EXPECT_EQ(r.rows[0].coverage, Coverage::total_only);
    EXPECT_EQ(r.by_level[0].key, "unknown");
    AuditOptions bad;
    bad.expected_indicators = {"nope"};
    EXPECT_THROW_MSG((void)audit(Dataset{}, bad), key_error, "unknown indicator 'nope'");
}

TEST(Rollup, PopulationWeightedMeanAndSumWithReport) {
    DatasetBuilder b;
    b.add("6203", 2021, Sex::female, "life_expectancy", 70.0);
    b.add("6271", 2021, Sex::female, "life_expectancy", 74.0);
    b.add("6203", 2021, Sex::female, "population", 200);
    b.add("6271", 2021, Sex::female, "population", 100);
    b.add("62", 2021, Sex::female, "life_expectancy", 71.9);    // published province value
    b.add("6203", 2020, Sex::female, "life_expectancy", 69.0);  // 2020: Palangka Raya missing
    b.add("6203", 2020, Sex::female, "population", 199);
    const Dataset ds = std::move(b).build();
    const auto h = kalteng_regions();
    const auto res = rollup(ds, h, "life_expectancy");
    // (200*70 + 100*74) / 300 = 71.333...; given 71.9 differs by 0.5667 > 0.005.
    EXPECT_NEAR(res.values.value("62", 2021, Sex::female, "life_expectancy"), 71.0 + 1.0 / 3.0, 1e-12);
    EXPECT_EQ(res.values.row(0).source, "rollup");
    // 62 in 2020 and 2021, and INDONESIA in 2021 from its only child 62 (no population weight for 62: incomplete).
    ASSERT_EQ(res.report.size(), 3u);
    EXPECT_EQ(res.report[2].parent, "ID");
    EXPECT_FALSE(res.report[2].complete);
    const auto& y2020 = res.report[0];
    EXPECT_EQ(y2020.period, 2020);
    EXPECT_FALSE(y2020.complete);
    EXPECT_EQ(y2020.children_used, 1u);
    EXPECT_EQ(y2020.children_total, 2u);
    EXPECT_FALSE(res.values.find("62", 2020, Sex::female, "life_expectancy").has_value());
    const auto& y2021 = res.report[1];
    EXPECT_TRUE(y2021.complete && y2021.has_given && y2021.flagged);
    EXPECT_NEAR(y2021.difference, 71.9 - (71.0 + 1.0 / 3.0), 1e-12);

    // Population is additive: children are summed, no weights.
    const auto pop = rollup(ds, h, "population");
    EXPECT_DOUBLE_EQ(pop.values.value("62", 2021, Sex::female, "population"), 300);
    EXPECT_FALSE(pop.values.find("62", 2020, Sex::female, "population").has_value());
}
