// Planning analyses: exact decompositions, scenarios, trends, edition diffs, gradients.
// References: the kernels on hand-edited inputs, hand arithmetic in comments, invariants.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <tuple>
#include <stdexcept>
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

using gendex::test::skip_invalid;

double sum_of(const Decomposition& d) {
    double s = 0;
    for (const auto& r : d.rows) s += r.contribution;
    return s;
}

using UnitInputs = std::vector<std::tuple<Sex, std::string, double>>;

Dataset unit_of(const UnitInputs& inputs) {
    DatasetBuilder b;
    for (const auto& [sex, indicator, value] : inputs) b.add("X", 2022, sex, indicator, value);
    return std::move(b).build();
}

double index_at(std::string_view index, const UnitInputs& inputs, const Edition& ed) {
    const IndexResult r = compute(index, unit_of(inputs), ed);
    const AlignedTable t = align(r.values, std::vector<AlignedColumn>{{std::string(index), Sex::total}});
    return t.values(0, 0);
}

// Every gradient of a unit against the whole compute path: central differences where the side is
// both, the one-sided difference the side names at a cap (left) or floor (right).
void expect_gradients_match(std::string_view index, const UnitInputs& inputs, const Edition& ed,
                            std::size_t expected_rows) {
    const Elasticities e = elasticities(index, unit_of(inputs), ed);
    ASSERT_EQ(e.rows.size(), expected_rows) << index;
    for (const auto& row : e.rows) {
        std::size_t k = inputs.size();
        for (std::size_t j = 0; j < inputs.size(); ++j)
            if (std::get<0>(inputs[j]) == row.sex && std::get<1>(inputs[j]) == row.indicator) k = j;
        ASSERT_LT(k, inputs.size()) << row.indicator;
        const double x = std::get<2>(inputs[k]), h = std::max(std::abs(x), 1.0) * 1e-6;
        auto at = [&](double dx) {
            UnitInputs moved = inputs;
            std::get<2>(moved[k]) = x + dx;
            return index_at(index, moved, ed);
        };
        const double base = index_at(index, inputs, ed);
        // A share of 100 (men's seats when women have none) cannot step up: its left difference.
        const bool full_share = x == 100.0 && row.indicator.find("share") != std::string::npos;
        const double fd = full_share                        ? (base - at(-h)) / h
                          : row.side == GradientSide::both  ? (at(h) - at(-h)) / (2 * h)
                          : row.side == GradientSide::left  ? (base - at(-h)) / h
                          : row.side == GradientSide::right ? (at(h) - base) / h
                                                            : 0.0;
        // One-sided differences are first-order: h * f'' / 2 of error.
        const double tolerance = row.side == GradientSide::both ? 1e-6 : 1e-4;
        EXPECT_NEAR(row.gradient, fd, tolerance * std::max(std::abs(fd), 1e-9))
            << index << " " << row.indicator << " " << to_string(row.sex) << " side " << to_string(row.side);
    }
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

TEST(Elasticity, GemGradientsMatchDifferencesWithMenSharesGivenOrImplied) {
    const Edition& ed = edition("hdr2025");
    const UnitInputs both{{Sex::female, "parliament_share", 22.0},
                          {Sex::male, "parliament_share", 78.0},
                          {Sex::female, "managers_share", 31.0},
                          {Sex::male, "managers_share", 69.0},
                          {Sex::female, "professional_technical_share", 48.0},
                          {Sex::male, "professional_technical_share", 52.0},
                          {Sex::female, "gni_per_capita", 9000.0},
                          {Sex::male, "gni_per_capita", 21000.0},
                          {Sex::female, "population", 5.1e6},
                          {Sex::male, "population", 4.9e6}};
    expect_gradients_match("gem", both, ed, 10);
    UnitInputs women_only;
    for (const auto& r : both)
        if (std::get<0>(r) == Sex::female || std::get<1>(r) == "gni_per_capita" || std::get<1>(r) == "population")
            women_only.push_back(r);
    expect_gradients_match("gem", women_only, ed, 7);
    // No women in parliament: the EDEP is 0, its right derivative in women's share
    // lim EDEP / x_f = 1 / p_f (epsilon 2), over 50 and 3: 1 / (0.51 * 50 * 3) = 0.0130719.
    UnitInputs none = both;
    std::get<2>(none[0]) = 0.0, std::get<2>(none[1]) = 100.0;
    const Elasticities e = elasticities("gem", unit_of(none), ed);
    EXPECT_EQ(e.rows[0].side, GradientSide::right);
    EXPECT_NEAR(e.rows[0].gradient, 1.0 / (0.51 * 50 * 3), 1e-12);
    EXPECT_EQ(e.rows[1].gradient, 0.0);  // men's share cannot move a zero EDEP
    expect_gradients_match("gem", none, ed, 10);
}

TEST(Elasticity, IdgGradientsMatchDifferencesAtAndAwayFromTheShareBounds) {
    const Edition& ed = edition("bps");
    UnitInputs x{{Sex::female, "parliament_share", 17.5}, {Sex::female, "professional_share", 46.2},
                 {Sex::female, "income_share", 33.4},     {Sex::female, "population", 480000.0},
                 {Sex::male, "population", 520000.0},     {Sex::total, "purchasing_power", 650.0}};
    expect_gradients_match("idg", x, ed, 6);
    std::get<2>(x[0]) = 0.0;    // no women in parliament: right derivative
    std::get<2>(x[1]) = 100.0;  // professionals all women: men's share 0, left derivative
    const Elasticities e = elasticities("idg", unit_of(x), ed);
    EXPECT_EQ(e.rows[0].side, GradientSide::right);
    EXPECT_EQ(e.rows[1].side, GradientSide::left);
    expect_gradients_match("idg", x, ed, 6);
}

TEST(Elasticity, IhdiAndIpmGradientsMatchDifferences) {
    const UnitInputs ihdi{{Sex::total, "life_expectancy", 71.3},
                          {Sex::total, "expected_schooling", 13.4},
                          {Sex::total, "mean_schooling", 8.7},
                          {Sex::total, "gni_per_capita", 13100.0},
                          {Sex::total, "inequality_life_expectancy", 12.4},
                          {Sex::total, "inequality_education", 16.8},
                          {Sex::total, "inequality_income", 21.5}};
    expect_gradients_match("ihdi", ihdi, edition("hdr2025"), 7);
    const UnitInputs ipm{{Sex::total, "life_expectancy", 69.6},
                         {Sex::total, "expected_schooling", 12.6},
                         {Sex::total, "mean_schooling", 8.4},
                         {Sex::total, "per_capita_expenditure", 10500.0}};
    expect_gradients_match("ipm", ipm, edition("bps"), 4);
    // At the cap of LE (85): the left derivative 100 * IPM/100 / (3 h) / 65 with h = 1.
    UnitInputs capped = ipm;
    std::get<2>(capped[0]) = 85.0;
    const Elasticities e = elasticities("ipm", unit_of(capped), edition("bps"));
    EXPECT_EQ(e.rows[0].side, GradientSide::left);
    expect_gradients_match("ipm", capped, edition("bps"), 4);
}

TEST(Elasticity, GggiGradientsFromRawValuesAndScoresAtAndAwayFromTheBenchmarks) {
    const Edition& ed = edition("wef2023");
    // Raw values: primary 95/95 = 1 and HALE 53/50 = 1.06 sit at their benchmarks (women left, men
    // right), tertiary 40/20 and the sex ratio at birth 100/105 > 0.944 are beyond theirs (none),
    // head of state 50/0 is the benchmark whatever moves (none), ministers 0/80 is at 0 (women right).
    const UnitInputs raw{{Sex::female, "gggi_labour_force_participation", 50.0},
                         {Sex::male, "gggi_labour_force_participation", 80.0},
                         {Sex::female, "gggi_wage_equality_for_similar_work", 4.2},
                         {Sex::male, "gggi_wage_equality_for_similar_work", 7.0},
                         {Sex::female, "gggi_estimated_earned_income", 9000.0},
                         {Sex::male, "gggi_estimated_earned_income", 10000.0},
                         {Sex::female, "gggi_legislators_senior_officials_and_managers", 30.0},
                         {Sex::male, "gggi_legislators_senior_officials_and_managers", 70.0},
                         {Sex::female, "gggi_professional_and_technical_workers", 45.0},
                         {Sex::male, "gggi_professional_and_technical_workers", 55.0},
                         {Sex::female, "gggi_literacy_rate", 90.0},
                         {Sex::male, "gggi_literacy_rate", 100.0},
                         {Sex::female, "gggi_enrolment_in_primary_education", 95.0},
                         {Sex::male, "gggi_enrolment_in_primary_education", 95.0},
                         {Sex::female, "gggi_enrolment_in_secondary_education", 80.0},
                         {Sex::male, "gggi_enrolment_in_secondary_education", 100.0},
                         {Sex::female, "gggi_enrolment_in_tertiary_education", 40.0},
                         {Sex::male, "gggi_enrolment_in_tertiary_education", 20.0},
                         {Sex::female, "gggi_sex_ratio_at_birth", 100.0},
                         {Sex::male, "gggi_sex_ratio_at_birth", 105.0},
                         {Sex::female, "gggi_healthy_life_expectancy", 53.0},
                         {Sex::male, "gggi_healthy_life_expectancy", 50.0},
                         {Sex::female, "gggi_women_in_parliament", 25.0},
                         {Sex::male, "gggi_women_in_parliament", 75.0},
                         {Sex::female, "gggi_women_in_ministerial_positions", 0.0},
                         {Sex::male, "gggi_women_in_ministerial_positions", 80.0},
                         {Sex::female, "gggi_years_with_female_head_of_state", 50.0},
                         {Sex::male, "gggi_years_with_female_head_of_state", 0.0}};
    expect_gradients_match("gggi", raw, ed, 28);
    const Elasticities e = elasticities("gggi", unit_of(raw), ed);
    const auto row = [&](std::string_view id, Sex sex) {
        for (const auto& r : e.rows)
            if (r.indicator == id && r.sex == sex) return r;
        ADD_FAILURE() << id;
        return ElasticityRow{};
    };
    // Primary at parity: education's weights sum to 0.191 + 0.459 + 0.230 + 0.121 = 1.001, so
    // d GGGI / d f = 0.459 / (4 * 1.001) / 95 (left) and d / d m = -0.459 / (4 * 1.001) * 95 / 95^2 (right).
    const auto f = row("gggi_enrolment_in_primary_education", Sex::female);
    const auto m = row("gggi_enrolment_in_primary_education", Sex::male);
    EXPECT_EQ(f.side, GradientSide::left);
    EXPECT_EQ(m.side, GradientSide::right);
    EXPECT_NEAR(f.gradient, 0.459 / 4.004 / 95, 1e-15);
    EXPECT_NEAR(m.gradient, -0.459 / 4.004 / 95, 1e-15);
    // HALE 53/50 = 1.06: d / d f = 0.307 / (4 * 1.000) / 50 on the left.
    EXPECT_EQ(row("gggi_healthy_life_expectancy", Sex::female).side, GradientSide::left);
    EXPECT_NEAR(row("gggi_healthy_life_expectancy", Sex::female).gradient, 0.307 / 4 / 50, 1e-15);
    for (const char* beyond :
         {"gggi_enrolment_in_tertiary_education", "gggi_sex_ratio_at_birth", "gggi_years_with_female_head_of_state"})
        for (Sex s : {Sex::female, Sex::male}) {
            EXPECT_EQ(row(beyond, s).side, GradientSide::none) << beyond;
            EXPECT_EQ(row(beyond, s).gradient, 0.0) << beyond;
        }
    EXPECT_EQ(row("gggi_women_in_ministerial_positions", Sex::female).side, GradientSide::right);
    EXPECT_EQ(row("gggi_labour_force_participation", Sex::female).side, GradientSide::both);

    // Given scores, 12 of 14 (no wage equality, no literacy: their weights are renormalised away):
    // primary at 1 (left), the sex ratio at birth at 0.944 (left), head of state at 0 (right).
    const UnitInputs scores{{Sex::total, "gggi_labour_force_participation", 0.625},
                            {Sex::total, "gggi_estimated_earned_income", 0.9},
                            {Sex::total, "gggi_legislators_senior_officials_and_managers", 0.43},
                            {Sex::total, "gggi_professional_and_technical_workers", 0.8},
                            {Sex::total, "gggi_enrolment_in_primary_education", 1.0},
                            {Sex::total, "gggi_enrolment_in_secondary_education", 0.8},
                            {Sex::total, "gggi_enrolment_in_tertiary_education", 0.7},
                            {Sex::total, "gggi_sex_ratio_at_birth", 0.944},
                            {Sex::total, "gggi_healthy_life_expectancy", 1.02},
                            {Sex::total, "gggi_women_in_parliament", 0.33},
                            {Sex::total, "gggi_women_in_ministerial_positions", 0.25},
                            {Sex::total, "gggi_years_with_female_head_of_state", 0.0}};
    expect_gradients_match("gggi", scores, ed, 12);
    const Elasticities s = elasticities("gggi", unit_of(scores), ed);
    // Economic without wage equality: W = 0.199 + 0.221 + 0.149 + 0.121 = 0.690; d / d score = w / (4 W).
    EXPECT_NEAR(s.rows[0].gradient, 0.199 / (4 * 0.690), 1e-15);
    EXPECT_EQ(s.rows[4].side, GradientSide::left);
    EXPECT_EQ(s.rows[7].side, GradientSide::left);
    EXPECT_EQ(s.rows[11].side, GradientSide::right);
}

TEST(Elasticity, EveryIndexOfTheTableHasAGradientModel) {
    for (const IndexDescriptor& d : index_table()) EXPECT_NE(d.gradients, nullptr) << d.name;
}

namespace {
const ElasticityRow& row_of(const Elasticities& e, std::string_view indicator, Sex sex = Sex::female) {
    for (const auto& r : e.rows)
        if (r.indicator == indicator && r.sex == sex) return r;
    throw std::runtime_error("no row " + std::string(indicator));
}
}  // namespace

TEST(Elasticity, WeiGradientsMatchDifferencesAtAndAwayFromTheGoalposts) {
    const Edition& ed = edition(twin_edition_id);
    // Goalposts: ABR 200, NEET 85, decision 75, violence 60 (edition). Dimensions:
    // health (0.8 + 160/200) / 2 = 0.8; education (0.6 + 65/85) / 2; labour (0.5 + 0.7) / 2 = 0.6;
    // decision (30/75 + 1 + 1) / 3 = 0.8 with local government at its goalpost (left) and managers
    // beyond it (none); violence 60/60 = 1 with no violence reported (right).
    UnitInputs in{{Sex::female, "family_planning_satisfied", 80.0},
                  {Sex::female, "adolescent_birth_rate", 40.0},
                  {Sex::female, "upper_secondary_education", 60.0},
                  {Sex::female, "neet_rate", 20.0},
                  {Sex::female, "lfpr_couple_young_child", 50.0},
                  {Sex::female, "account_ownership", 70.0},
                  {Sex::female, "parliament_share", 30.0},
                  {Sex::female, "local_government_share", 75.0},
                  {Sex::female, "managers_share", 80.0},
                  {Sex::female, "intimate_partner_violence", 0.0}};
    expect_gradients_match("wei", in, ed, 10);
    const Elasticities e = elasticities("wei", unit_of(in), ed);
    const double w = index_at("wei", in, ed);
    // d WEI / d family planning = WEI / (5 * 0.8) * (1/100) / 2 = WEI / 800.
    EXPECT_NEAR(row_of(e, "family_planning_satisfied").gradient, w / 800, 1e-15);
    EXPECT_EQ(row_of(e, "local_government_share").side, GradientSide::left);
    EXPECT_EQ(row_of(e, "managers_share").side, GradientSide::none);
    EXPECT_EQ(row_of(e, "managers_share").gradient, 0.0);
    EXPECT_EQ(row_of(e, "intimate_partner_violence").side, GradientSide::right);

    // Violence at its goalpost: the dimension and the WEI are 0; lowering violence lifts the WEI
    // from 0 with an infinite slope (left, -inf); no other input moves it (none).
    std::get<2>(in[9]) = 60.0;
    const Elasticities z = elasticities("wei", unit_of(in), ed);
    EXPECT_EQ(row_of(z, "intimate_partner_violence").side, GradientSide::left);
    EXPECT_EQ(row_of(z, "intimate_partner_violence").gradient, -std::numeric_limits<double>::infinity());
    EXPECT_EQ(row_of(z, "family_planning_satisfied").side, GradientSide::none);
    EXPECT_EQ(row_of(z, "family_planning_satisfied").gradient, 0.0);
}

TEST(Elasticity, GgpiGradientsMatchDifferencesWithAndWithoutALocalGovernment) {
    const Edition& ed = edition(twin_edition_id);
    UnitInputs in{{Sex::female, "healthy_life_share", 88.0},
                  {Sex::male, "healthy_life_share", 87.0},
                  {Sex::female, "upper_secondary_education", 60.0},
                  {Sex::male, "upper_secondary_education", 65.0},
                  {Sex::female, "neet_rate", 20.0},
                  {Sex::male, "neet_rate", 10.0},
                  {Sex::female, "lfpr_couple_young_child", 50.0},
                  {Sex::male, "lfpr_couple_young_child", 90.0},
                  {Sex::female, "account_ownership", 70.0},
                  {Sex::male, "account_ownership", 75.0},
                  {Sex::female, "parliament_share", 30.0},
                  {Sex::female, "local_government_share", 40.0},
                  {Sex::female, "managers_share", 25.0}};
    expect_gradients_match("ggpi", in, ed, 13);
    const double g = index_at("ggpi", in, ed);
    // The decision dimension is the cube root of three odds s / (100 - s), one of four dimensions:
    // d ln GGPI / d s = (1/12) (1/s + 1/(100 - s)) = (1/12) (1/30 + 1/70) for parliament.
    const Elasticities e = elasticities("ggpi", unit_of(in), ed);
    EXPECT_NEAR(row_of(e, "parliament_share").gradient, g / 12 * (1.0 / 30 + 1.0 / 70), 1e-15);
    // Men's NEET: d ln / d m of (100 - f) / (100 - m) over two ratios of four: (1/8) / (100 - 10).
    EXPECT_NEAR(row_of(e, "neet_rate", Sex::male).gradient, g / 8 / 90, 1e-15);

    // No elected local government: the parliament share stands in, one row with both terms.
    UnitInputs none = in;
    none[11] = {Sex::total, "no_local_government", 1.0};
    expect_gradients_match("ggpi", none, ed, 12);
    const double g1 = index_at("ggpi", none, ed);
    EXPECT_NEAR(row_of(elasticities("ggpi", unit_of(none), ed), "parliament_share").gradient,
                g1 / 12 * 2 * (1.0 / 30 + 1.0 / 70), 1e-15);

    // No women in parliament: the GGPI is 0, its right derivative in the share +inf, the rest none.
    std::get<2>(in[10]) = 0.0;
    const Elasticities z = elasticities("ggpi", unit_of(in), ed);
    EXPECT_EQ(row_of(z, "parliament_share").side, GradientSide::right);
    EXPECT_EQ(row_of(z, "parliament_share").gradient, std::numeric_limits<double>::infinity());
    EXPECT_EQ(row_of(z, "account_ownership", Sex::male).side, GradientSide::none);
}
