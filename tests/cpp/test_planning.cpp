// Planning analyses: exact decompositions, scenarios, trends, edition diffs, gradients.
// References: the kernels on hand-edited inputs, hand arithmetic in comments, invariants.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "gendex/analysis/decomposition.hpp"
#include "gendex/analysis/edition_diff.hpp"
#include "gendex/analysis/elasticity.hpp"
#include "gendex/analysis/scenario.hpp"
#include "gendex/analysis/trend.hpp"
#include "gendex/indices/gii.hpp"
#include "gendex/io/hdr_wide.hpp"
#include "test_support.hpp"

using namespace gendex;

namespace {

Dataset gii_unit(double mmr, double pr_f, double se_f, double lf_f) {
    DatasetBuilder b;
    b.add("X", 2022, Sex::female, "maternal_mortality", mmr);
    b.add("X", 2022, Sex::female, "adolescent_birth_rate", 30.0);
    b.add("X", 2022, Sex::female, "parliament_share", pr_f);
    b.add("X", 2022, Sex::male, "parliament_share", 100.0 - pr_f);
    b.add("X", 2022, Sex::female, "secondary_education", se_f);
    b.add("X", 2022, Sex::male, "secondary_education", 60.0);
    b.add("X", 2022, Sex::female, "labour_force_participation", lf_f);
    b.add("X", 2022, Sex::male, "labour_force_participation", 75.0);
    return std::move(b).build();
}

ComputeOptions skip_invalid() {
    ComputeOptions o;
    o.on_invalid = OnInvalid::skip;  // whole HDR files lack some inputs for many country-years
    return o;
}

double sum_of(const Decomposition& d) {
    double s = 0;
    for (const auto& r : d.rows) s += r.contribution;
    return s;
}

}  // namespace

TEST(Decomposition, GiiShapleyValuesAddUpAndAPlayerAtParityGetsZero) {
    const Edition& ed = edition("hdr2025");
    // Women's secondary education equal to men's (60): that player contributes nothing.
    const Decomposition d = decompose("gii", gii_unit(120.0, 25.0, 60.0, 45.0), ed);
    ASSERT_EQ(d.rows.size(), 5u);
    EXPECT_EQ(d.form, DecompositionForm::shapley);
    EXPECT_NEAR(sum_of(d), d.rows[0].value, 1e-15);
    const auto gii = undp::gii(ed, undp::gii_input{120.0, 30.0, 25.0, 75.0, 60.0, 60.0, 45.0, 75.0});
    EXPECT_DOUBLE_EQ(d.rows[0].value, gii.gii);
    for (const auto& r : d.rows)
        if (r.component == "secondary_education") {
            EXPECT_NEAR(r.contribution, 0.0, 1e-16);
        }
}

TEST(Decomposition, GdiAddsUpToLnGdiOnEveryRowOfTheHdr2025File) {
    const Dataset hdr = io::read_hdr(test::data_file(test::hdr_files[2]));
    const Decomposition d = decompose("gdi", hdr, edition("hdr2025"), skip_invalid());
    std::map<std::pair<std::string, std::int32_t>, double> sums, totals;
    for (const auto& r : d.rows) sums[{r.region, r.period}] += r.contribution, totals[{r.region, r.period}] = r.total;
    double worst = 0;
    for (const auto& [unit, s] : sums) worst = std::max(worst, std::fabs(s - totals[unit]));
    EXPECT_EQ(sums.size(), d.report.computed);
    EXPECT_LE(worst, 1e-12);
}

TEST(Scenario, EditsApplyInOrderAndBadOnesNameTheirRow) {
    const Dataset ds = gii_unit(120.0, 25.0, 40.0, 45.0);
    const std::vector<ScenarioEdit> edits{
        {"X", 2022, Sex::female, "secondary_education", EditOp::close_gap, 50.0, 1},  // 40 + 0.5 * (60 - 40) = 50
        {"X", 2022, Sex::female, "secondary_education", EditOp::scale, 1.1, 2},       // 55
        {"", std::nullopt, Sex::female, "parliament_share", EditOp::add, 5.0, 3}};    // 30, men's 70
    const Dataset out = apply_scenario(ds, edits);
    EXPECT_DOUBLE_EQ(out.value("X", 2022, Sex::female, "secondary_education"), 55.0);
    EXPECT_DOUBLE_EQ(out.value("X", 2022, Sex::female, "parliament_share"), 30.0);
    EXPECT_DOUBLE_EQ(out.value("X", 2022, Sex::male, "parliament_share"), 70.0);
    const std::vector<ScenarioEdit> bad{{"Y", 2022, Sex::female, "secondary_education", EditOp::add, 1.0, 7}};
    EXPECT_THROW_MSG((void)apply_scenario(ds, bad), value_error, "edit row 7 (Y, 2022, female");
    const std::vector<ScenarioEdit> too_far{{"X", 2022, Sex::female, "secondary_education", EditOp::add, 70.0, 8}};
    EXPECT_THROW_MSG((void)apply_scenario(ds, too_far), value_error, "edit row 8");
}

TEST(Trend, LinearAndLogLinearParityYearByHand) {
    // IPG 90, 92, 94 in 2010, 2012, 2014: slope 1 a year, 100 reached in 2014 + 6 = 2020.
    DatasetBuilder b;
    for (auto [year, v] : std::vector<std::pair<int, double>>{{2010, 90.0}, {2012, 92.0}, {2014, 94.0}})
        b.add("R", year, Sex::total, "ipg", v);
    const Trend t = trend_of(std::move(b).build(), "ipg", 100.0);
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_NEAR(t.rows[0].slope, 1.0, 1e-12);
    EXPECT_NEAR(t.rows[0].parity_year, 2020.0, 1e-9);
    // g = ln(94/90)/4; fitted ln at 2014 = mean(ln 90, ln 92, ln 94) + 2 g; t* = 2014 + (ln 100 - it)/g.
    EXPECT_NEAR(t.rows[0].log_slope, std::log(94.0 / 90.0) / 4, 1e-12);
    EXPECT_NEAR(t.rows[0].parity_year_log, 2019.6843933363452, 1e-9);
}

TEST(EditionDiff, PartsAddUpBetweenHdr2023_24AndHdr2025) {
    const Dataset old_data = io::read_hdr(test::data_file(test::hdr_files[1]));
    const Dataset new_data = io::read_hdr(test::data_file(test::hdr_files[2]));
    const EditionDiff d =
        edition_diff("gii", old_data, edition("hdr2023-24"), new_data, edition("hdr2025"), skip_invalid());
    EXPECT_GT(d.rows.size(), 4000u);
    for (const auto& r : d.rows) ASSERT_NEAR(r.revision + r.method, r.new_value - r.old_value, 1e-12) << r.region;
}

TEST(Elasticity, GiiGradientMatchesCentralDifferences) {
    const Edition& ed = edition("hdr2025");
    const double x0[8] = {120.0, 30.0, 25.0, 75.0, 40.0, 60.0, 45.0, 75.0};
    const Elasticities e = elasticities("gii", gii_unit(120.0, 25.0, 40.0, 45.0), ed);
    ASSERT_EQ(e.rows.size(), 8u);
    auto gii_at = [&](int k, double x) {
        double v[8];
        std::copy(std::begin(x0), std::end(x0), v);
        v[k] = x;
        return undp::gii(ed, undp::gii_input{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]}).gii;
    };
    for (int k = 0; k < 8; ++k) {
        const double h = x0[k] * 1e-6;
        const double fd = (gii_at(k, x0[k] + h) - gii_at(k, x0[k] - h)) / (2 * h);
        EXPECT_NEAR(e.rows[static_cast<std::size_t>(k)].gradient / fd, 1.0, 1e-6) << k;
        EXPECT_EQ(e.rows[static_cast<std::size_t>(k)].side, GradientSide::both);
    }
}

TEST(Decomposition, AnIndexAtParityIsZeroNotMinusOneUlp) {
    // Every GII indicator at parity (MMR below its bound 10, ABR 1, seats 50/50, equal shares):
    // G_F = G_M = G_FM, and 2 G_F G_M / (G_F + G_M) can round one ulp above G_FM. The kernel
    // returns 0, not -2.2e-16 (which the results' range check would reject as an error).
    const auto v = undp::gii(edition("hdr2025"), undp::gii_input{5.0, 1.0, 50.0, 50.0, 37.3, 37.3, 61.7, 61.7});
    ASSERT_TRUE(v.status.ok());
    EXPECT_EQ(v.gii, 0.0);
    const Decomposition d = decompose("gii", gii_unit(5.0, 50.0, 60.0, 75.0), edition("hdr2025"));
    for (const auto& r : d.rows) EXPECT_GE(r.value, 0.0);
}
