#include "gendex/analysis/rank.hpp"
#include "gendex/io/region_csv.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "gendex/rollup.hpp"
#include "test_support.hpp"

using namespace gendex;

// Acceptance: Kapuas's IPG rank within Kalimantan Tengah follows the order of the published values.
TEST(Rank, KabupatenWithinTheirProvince) {
    const auto h = io::read_indonesia_regions(gendex::test::source_dir() / "data");
    const Dataset ds = io::read_csv(gendex::test::data_file("bps/kalteng_2010_2021.csv"));
    RankOptions opt;
    opt.within = &h;
    const auto rows = rank_regions(ds, "ipg", opt);
    std::vector<RankRow> y2021;
    for (const auto& r : rows)
        if (r.period == 2021 && r.group == "62") y2021.push_back(r);
    ASSERT_EQ(y2021.size(), 14u);  // the province (62) is ranked among the provinces, here alone
    auto rank_of = [&](const std::string& code) {
        for (const auto& r : y2021)
            if (r.region == code) return r.rank;
        return -1;
    };
    EXPECT_EQ(rank_of("6203"), 1);   // Kapuas 95.32
    EXPECT_EQ(rank_of("6271"), 2);   // Kota Palangka Raya 95.01
    EXPECT_EQ(rank_of("6213"), 14);  // Murung Raya 83.55
    for (const auto& r : y2021) {
        EXPECT_EQ(r.group, "62");
        EXPECT_EQ(r.of, 14u);
        // Published order: a higher value never has a worse rank.
        for (const auto& s : y2021)
            if (s.value > r.value) {
                EXPECT_LT(s.rank, r.rank);
            }
    }
}

TEST(Rank, TiesShareTheBestRankOnPrintedDigits) {
    DatasetBuilder b;
    b.add("A", 2021, Sex::total, "ipg", 91.004);  // prints 91.00
    b.add("B", 2021, Sex::total, "ipg", 90.996);  // prints 91.00: tied with A
    b.add("C", 2021, Sex::total, "ipg", 95.1);
    b.add("D", 2021, Sex::total, "ipg", 80.0);
    const auto rows = rank_regions(std::move(b).build(), "ipg");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].rank, 2);  // A
    EXPECT_EQ(rows[1].rank, 2);  // B
    EXPECT_EQ(rows[2].rank, 1);  // C
    EXPECT_EQ(rows[3].rank, 4);  // D: "1224"
    RankOptions asc;
    asc.order = RankOrder::ascending;
    DatasetBuilder g;
    g.add("A", 2021, Sex::total, "ikg", 0.4);
    g.add("B", 2021, Sex::total, "ikg", 0.5);
    EXPECT_EQ(rank_regions(std::move(g).build(), "ikg", asc)[0].rank, 1);
    EXPECT_THROW_MSG((void)rank_regions(Dataset{}, "ipg"), key_error, "no observation of indicator 'ipg'");
}

// Acceptance: a province rolled up from its kabupaten/kota with population weights.
TEST(Rollup, KalimantanTengahFromItsKabupatenWithCensusPopulation) {
    const auto h = io::read_indonesia_regions(gendex::test::source_dir() / "data");
    const Dataset ds = io::read_csv(gendex::test::data_file("bps/kalteng_2010_2021.csv"))
                           .concat(io::read_csv(gendex::test::data_file("bps/kalteng_population.csv")));
    const auto res = rollup(ds, h, "life_expectancy");
    // Women's life expectancy 2010, weighted by women's SP2010 population of the 14 kabupaten/kota
    // (sum of UHH_P x population / 1,054,721; computed with pandas): 70.51097533850185.
    EXPECT_NEAR(res.values.value("62", 2010, Sex::female, "life_expectancy"), 70.51097533850185, 1e-11);
    for (const auto& r : res.report) {
        if (r.parent != "62") continue;
        if (r.period == 2010) {
            EXPECT_TRUE(r.complete);
            EXPECT_EQ(r.children_used, 14u);
            // BPS's province UHH is estimated on its own, not a mean of kabupaten: flagged.
            if (r.sex == Sex::female) {
                EXPECT_NEAR(r.difference, 70.98 - 70.51097533850185, 1e-11);
            }
            EXPECT_TRUE(r.flagged);
        } else {
            EXPECT_FALSE(r.complete) << r.period;  // no population by kabupaten after 2010
            EXPECT_EQ(r.children_used, 0u);
        }
    }
    // Population itself is additive: the kabupaten sum to the province exactly.
    const auto pop = rollup(ds, h, "population");
    EXPECT_EQ(pop.values.value("62", 2010, Sex::total, "population"), 2202599);
    for (const auto& r : pop.report)
        if (r.parent == "62") {
            EXPECT_EQ(r.difference, 0.0);
        }
}
