// BPS indices through the compute layer, on the bundled BPS data.
#include <fstream>
#include <map>
#include <tuple>
#include <sstream>

#include "gendex/compute.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "gendex/rounding.hpp"
#include "test_support.hpp"

using namespace gendex;

namespace {

const Edition& bps_ed() { return edition("bps"); }

Dataset kalteng_table() { return io::read_csv(gendex::test::data_file("bps/kalteng_2010_2021.csv")); }

/// data/bps/ikg_published.csv as a tidy Dataset of inputs, and the published IKG by (region, year).
std::pair<Dataset, std::map<std::pair<std::string, int>, double>> ikg_published() {
    std::ifstream in(gendex::test::data_file("bps/ikg_published.csv"));
    std::string line;
    std::getline(in, line);
    const std::pair<const char*, Sex> columns[] = {
        {"births_outside_facility", Sex::female},    {"first_birth_before_20", Sex::female},
        {"parliament_share", Sex::female},           {"parliament_share", Sex::male},
        {"upper_secondary_education", Sex::female},  {"upper_secondary_education", Sex::male},
        {"labour_force_participation", Sex::female}, {"labour_force_participation", Sex::male}};
    DatasetBuilder b;
    std::map<std::pair<std::string, int>, double> published;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
        const int year = std::stoi(f[1]);
        for (std::size_t k = 0; k < 8; ++k) b.add(f[0], year, columns[k].second, columns[k].first, std::stod(f[2 + k]));
        published[{f[0], year}] = std::stod(f[10]);
    }
    return {std::move(b).build(), published};
}

}  // namespace

TEST(ComputeBps, IpgOfKalimantanTengahFromComponents) {
    const IndexResult r = compute("ipg", kalteng_table(), bps_ed());
    EXPECT_EQ(r.report.computed, 166u);  // 15 regions x 12 years, less those BPS left blank
    EXPECT_TRUE(r.report.skipped.empty());
    // Kapuas 2021 from its published components: IPM_P 68.65, IPM_L 72.02 (published, 2 dp) and
    // IPG = 100 * IPM_P / IPM_L from the unrounded IPMs: 95.33 against BPS's 95.32 (the ratio of
    // IPMs recomputed from rounded components; docs/bps-indices.md).
    EXPECT_NEAR(r.values.value("6203", 2021, Sex::female, "ipm"), 68.65, 0.01);
    EXPECT_NEAR(r.values.value("6203", 2021, Sex::male, "ipm"), 72.02, 0.01);
    EXPECT_EQ(round_half_up(r.values.value("6203", 2021, Sex::total, "ipg"), 2), 95.33);
    EXPECT_DOUBLE_EQ(
        r.values.value("6203", 2021, Sex::total, "ipg"),
        100.0 * r.values.value("6203", 2021, Sex::female, "ipm") / r.values.value("6203", 2021, Sex::male, "ipm"));
}

// Issue 11: compute ipm on inputs by sex computed nothing ("0 of 0"); it computes every sex present,
// and the IPM by sex is the one IPG's output gives.
TEST(ComputeBps, IpmOfEverySexPresentEqualsTheIpmsOfTheIpg) {
    const Dataset ds = kalteng_table();
    const IndexResult ipm = compute("ipm", ds, bps_ed()), ipg = compute("ipg", ds, bps_ed());
    EXPECT_EQ(ipm.report.computed, 2 * 166u);  // each sex of a region-period is a unit
    EXPECT_TRUE(ipm.report.skipped.empty() && ipm.report.missing.empty());
    std::size_t compared = 0;
    for (Sex sex : {Sex::female, Sex::male})
        for (const std::string id : {"ipm", "ipm_health_index", "ipm_education_index", "ipm_expenditure_index"})
            for (std::size_t i = 0; i < ipg.values.size(); ++i) {
                const Observation o = ipg.values.row(i);
                if (o.indicator != id || o.sex != sex) continue;
                EXPECT_EQ(ipm.values.value(o.region, o.period, sex, id), o.value) << o.region << " " << o.period;
                ++compared;
            }
    EXPECT_EQ(compared, 8 * 166u);
    EXPECT_EQ(ipm.values.size(), 8 * 166u);  // no total: the input has none
    // Nothing of one sex: the report says which inputs no region-period has.
    DatasetBuilder b;
    b.add("62", 2020, Sex::total, "life_expectancy", 70.0);
    const IndexResult none = compute("ipm", std::move(b).build(), bps_ed(), ComputeOptions{OnInvalid::skip});
    ASSERT_EQ(none.report.missing.size(), 1u);
    EXPECT_EQ(none.report.missing[0],
              "ipm: no region-period has expected_schooling for total, mean_schooling for total, "
              "per_capita_expenditure for total, nor life_expectancy for female, expected_schooling for female, "
              "mean_schooling for female, per_capita_expenditure for female, nor life_expectancy for male, "
              "expected_schooling for male, mean_schooling for male, per_capita_expenditure for male");
}

TEST(ComputeBps, IpgFromGivenIpmsReproducesThePublishedIpg) {
    // Only the published IPMs: IPG from them is within print rounding (0.005) of BPS's IPG for
    // every 2020-2021 row; earlier years within 0.02 (docs/bps-indices.md: all years max 0.0197).
    DatasetFilter f;
    f.indicators = {"ipm", "ipg"};
    const Dataset given = kalteng_table().filter(f);
    const IndexResult r = compute("ipg", given, bps_ed());
    ASSERT_EQ(r.report.computed, 166u);
    EXPECT_EQ(r.report.notes.size(), 166u);  // each says "ipg from the given ipm (female) and ipm (male)"
    for (std::size_t i = 0; i < r.values.size(); ++i) {
        const Observation o = r.values.row(i);
        if (o.indicator != "ipg") continue;
        const double tolerance = o.period >= 2020 ? 0.005 : 0.02;
        EXPECT_NEAR(o.value, given.value(o.region, o.period, Sex::total, "ipg"), tolerance + 1e-9)
            << o.region << " " << o.period;
    }
}

TEST(ComputeBps, IkgReproducesEveryPublishedRow) {
    const auto [ds, published] = ikg_published();
    const IndexResult r = compute("ikg", ds, bps_ed());
    ASSERT_EQ(r.report.computed, 17u);
    for (const auto& [key, value] : published)
        EXPECT_EQ(round_half_up(r.values.value(key.first, key.second, Sex::total, "ikg"), 3), value)
            << key.first << " " << key.second;
}

TEST(ComputeBps, IkgZeroFemaleLegislatorsAreFlooredAndNoted) {
    DatasetBuilder b;
    const std::pair<const char*, Sex> cols[] = {
        {"births_outside_facility", Sex::female}, {"first_birth_before_20", Sex::female},
        {"parliament_share", Sex::female},        {"upper_secondary_education", Sex::female},
        {"upper_secondary_education", Sex::male}, {"labour_force_participation", Sex::female},
        {"labour_force_participation", Sex::male}};
    const double values[] = {20, 30, 0, 30, 40, 45, 80};  // no women in the DPRD; men's share implied 100
    for (std::size_t k = 0; k < 7; ++k) b.add("6203", 2021, cols[k].second, cols[k].first, values[k]);
    const IndexResult r = compute("ikg", std::move(b).build(), bps_ed());
    ASSERT_EQ(r.report.computed, 1u);
    ASSERT_EQ(r.report.notes.size(), 2u);
    EXPECT_EQ(r.report.notes[0].note, "parliament_share (male) implied as 100 - female share");
    EXPECT_EQ(
        r.report.notes[1].note,
        "parliament_share (female) below the floor 0.1 % of edition bps: floored, men's share set to 100 - floor");
    const auto direct = bps::ikg(bps_ed(), {20, 30, 0, 100, 30, 40, 45, 80});
    EXPECT_EQ(r.values.value("6203", 2021, Sex::total, "ikg"), direct.ikg);
    // The IKG's terms are ikg_* (the UNDP GII keeps gii_*).
    EXPECT_EQ(r.values.value("6203", 2021, Sex::female, "ikg_health"), direct.health);
    EXPECT_EQ(r.values.value("6203", 2021, Sex::female, "ikg_geometric_mean"), direct.g_f);
    EXPECT_EQ(r.values.value("6203", 2021, Sex::male, "ikg_geometric_mean"), direct.g_m);
    EXPECT_EQ(r.values.value("6203", 2021, Sex::total, "ikg_harmonic_mean"), direct.harmonic);
    EXPECT_EQ(r.values.value("6203", 2021, Sex::total, "ikg_reference"), direct.reference);
    for (const auto& id : r.values.indicator_ids()) EXPECT_FALSE(id.starts_with("gii_")) << id;
}

TEST(ComputeBps, IdgConfirmedPartsAndInputErrors) {
    DatasetBuilder b;
    b.add("6203", 2021, Sex::female, "parliament_share", 27.5);
    b.add("6203", 2021, Sex::female, "professional_share", 54.86);
    b.add("6203", 2021, Sex::female, "income_share", 27.65);
    b.add("6203", 2021, Sex::female, "population", 200000);
    b.add("6203", 2021, Sex::male, "population", 200000);
    b.add("6203", 2021, Sex::total, "purchasing_power", 640);
    b.add("6271", 2021, Sex::female, "parliament_share", 31.03);  // nothing else: missing inputs
    const Dataset ds = std::move(b).build();
    ComputeOptions skip;
    skip.on_invalid = OnInvalid::skip;
    const IndexResult r = compute("idg", ds, bps_ed(), skip);
    ASSERT_EQ(r.report.computed, 1u);
    // EDEP(27.5, 72.5) with equal population shares = 39.875; / 50 = 0.7975 (hand).
    EXPECT_NEAR(r.values.value("6203", 2021, Sex::total, "idg_parliament_index"), 0.7975, 1e-12);
    ASSERT_EQ(r.report.skipped.size(), 1u);
    EXPECT_EQ(r.report.skipped[0].region, "6271");
    // The output says whose inputs these are (issue 14: BPS's shares, the user's population split and PPP).
    ASSERT_EQ(r.report.notes.size(), 1u);
    EXPECT_EQ(r.report.notes[0].note,
              "BPS's inputs: parliament_share, professional_share, income_share (female, %); the user's: female "
              "population share 0.5 (from population), purchasing_power 640 thousand Rp (old method); income step "
              "unconfirmed (docs/bps-indices.md)");
    EXPECT_THROW_MSG((void)compute("idg", ds, bps_ed()), value_error,
                     "region '6271', period 2021: professional_share (female) is missing; cannot compute idg");
}

TEST(ComputeBps, IpmBelowTheExpenditureMinimumNamesTheConstant) {
    DatasetBuilder b;
    b.add("6203", 2021, Sex::total, "life_expectancy", 68);
    b.add("6203", 2021, Sex::total, "expected_schooling", 12);
    b.add("6203", 2021, Sex::total, "mean_schooling", 8);
    b.add("6203", 2021, Sex::total, "per_capita_expenditure", 900);
    EXPECT_THROW_MSG((void)compute("ipm", std::move(b).build(), bps_ed()), value_error,
                     "region '6203', period 2021: per_capita_expenditure (total) is below the minimum 1007.436 of "
                     "edition bps (value 900); cannot compute ipm");
}

// IPG with per-capita expenditure by sex estimated from the total (UNDP's wage-bill step, as BPS does).
TEST(ComputeBps, IpgEstimatesExpenditureBySexFromTheTotalAndSaysSo) {
    DatasetBuilder b;
    for (auto [sex, le, hls, rls] :
         {std::tuple{Sex::female, 70.70, 12.96, 7.45}, std::tuple{Sex::male, 66.76, 12.92, 7.91}}) {
        b.add("6203", 2021, sex, "life_expectancy", le);
        b.add("6203", 2021, sex, "expected_schooling", hls);
        b.add("6203", 2021, sex, "mean_schooling", rls);
    }
    b.add("6203", 2021, Sex::total, "per_capita_expenditure", 12000);
    b.add("6203", 2021, Sex::total, "wage_ratio", 0.7);
    b.add("6203", 2021, Sex::female, "economically_active_share", 40);
    b.add("6203", 2021, Sex::female, "population", 200000);
    b.add("6203", 2021, Sex::male, "population", 210000);
    const IndexResult r = compute("ipg", std::move(b).build(), bps_ed());
    ASSERT_EQ(r.report.computed, 1u);
    // S_f = 0.7*0.4 / (0.7*0.4 + 0.6) = 0.318182; P_f = 200/410 = 0.487805;
    // PPK_P = 12000 * 0.318182 / 0.487805 = 7827.27; PPK_L = 12000 * 0.681818 / 0.512195 = 15974.03.
    const double s_f = 0.28 / 0.88, p_f = 200.0 / 410.0;
    EXPECT_NEAR(r.values.value("6203", 2021, Sex::female, "per_capita_expenditure"), 12000 * s_f / p_f, 1e-9);
    EXPECT_NEAR(r.values.value("6203", 2021, Sex::male, "per_capita_expenditure"), 12000 * (1 - s_f) / (1 - p_f), 1e-9);
    EXPECT_NEAR(r.values.value("6203", 2021, Sex::female, "income_share"), 100 * s_f, 1e-12);
    const auto f = bps::ipm(bps_ed(), {70.70, 12.96, 7.45, 12000 * s_f / p_f}, Sex::female);
    const auto m = bps::ipm(bps_ed(), {66.76, 12.92, 7.91, 12000 * (1 - s_f) / (1 - p_f)}, Sex::male);
    EXPECT_NEAR(r.values.value("6203", 2021, Sex::total, "ipg"), bps::ipg(bps_ed(), f.ipm, m.ipm), 1e-10);
    ASSERT_EQ(r.report.notes.size(), 1u);
    EXPECT_EQ(r.report.notes[0].note, "per_capita_expenditure by sex estimated from per_capita_expenditure (total)");
}
