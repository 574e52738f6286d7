// UNDP index kernels: worked examples of the technical notes at their printed
// precision, CSV rows at full precision, boundaries, statuses, scalar == batch.
//
// Rows marked "CSV22/CSV24/CSV25" are copied from the HDR composite-indices
// files in shared/data/undp (published values in the comments).
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "gendex/batch_compile.hpp"
#include "gendex/edition.hpp"
#include "gendex/error.hpp"
#include "gendex/indices/gdi.hpp"
#include "gendex/indices/gem.hpp"
#include "gendex/indices/gii.hpp"
#include "gendex/indices/hdi.hpp"
#include "gendex/indices/ihdi.hpp"
#include "gendex/rounding.hpp"
#include "test_support.hpp"

namespace {

using gendex::edition;
using gendex::round_half_up;
namespace undp = gendex::undp;

using gendex::test::nan;
constexpr double inf = std::numeric_limits<double>::infinity();

double r3(double x) { return round_half_up(x, 3); }

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// ------------------------------------------------------------------ rounding

TEST(Rounding, HalfUpOnDecimalTies) {
    EXPECT_EQ(round_half_up(0.0005, 3), 0.001);
    EXPECT_EQ(round_half_up(0.2325, 3), 0.233);
    EXPECT_EQ(round_half_up(2.675, 2), 2.68);    // binary value is 2.67499999999999982
    EXPECT_EQ(round_half_up(1.005, 2), 1.01);    // 1.005 * 100 = 100.49999999999999 in doubles
    EXPECT_EQ(round_half_up(0.285, 2), 0.29);    // 0.285 * 100 = 28.499999999999996
    EXPECT_EQ(round_half_up(1.0005, 3), 1.001);  // binary value is 1.000499999999999945
    EXPECT_EQ(round_half_up(0.50149999, 3), 0.501);
    EXPECT_EQ(round_half_up(0.5015000011, 3), 0.502);  // SLV 2003 GII, 1.1e-9 above a tie
    EXPECT_EQ(round_half_up(-0.0005, 3), -0.001);      // away from zero, as spreadsheets
    EXPECT_EQ(round_half_up(0.9144, 0), 1.0);
    EXPECT_EQ(round_half_up(123.456, 2), 123.46);
    EXPECT_TRUE(std::isnan(round_half_up(nan, 3)));
    EXPECT_EQ(round_half_up(inf, 3), inf);
    EXPECT_THROW((void)round_half_up(1.0, -1), gendex::value_error);
    EXPECT_THROW((void)round_half_up(1.0, 16), gendex::value_error);
}

TEST(Rounding, CompetitionRankingTiesOnRoundedValues) {
    // 0.7996 and 0.8 both print as 0.800: they share rank 1, the next rank is 3.
    const std::vector<double> hdi{0.8, 0.7996, 0.75, nan, 0.7504, 0.7};
    EXPECT_EQ(gendex::competition_rank(hdi, 3, gendex::RankOrder::descending),
              (std::vector<std::int32_t>{1, 1, 3, 0, 3, 5}));
    // GII: lowest first. 0.2304 and 0.230 tie (HUN/ROU-like), 0.2295 rounds to 0.230 too.
    const std::vector<double> gii{0.2304, 0.230, 0.2295, 0.1, 0.5};
    EXPECT_EQ(gendex::competition_rank(gii, 3, gendex::RankOrder::ascending),
              (std::vector<std::int32_t>{2, 2, 2, 1, 5}));
    EXPECT_TRUE(gendex::competition_rank({}, 3, gendex::RankOrder::ascending).empty());
}

// ------------------------------------------------------------------ cube root

TEST(CubeRoot, ExactCubesSpecialValuesAndAccuracy) {
    EXPECT_EQ(undp::detail::cbrt(8.0), 2.0);
    EXPECT_EQ(undp::detail::cbrt(27.0), 3.0);
    EXPECT_EQ(undp::detail::cbrt(0.125), 0.5);
    EXPECT_EQ(undp::detail::cbrt(1.0), 1.0);
    EXPECT_EQ(undp::detail::cbrt(0.0), 0.0);
    EXPECT_EQ(undp::detail::cbrt(-8.0), -2.0);
    EXPECT_EQ(undp::detail::cbrt(inf), inf);
    EXPECT_TRUE(std::isnan(undp::detail::cbrt(nan)));
    EXPECT_EQ(undp::detail::cbrt(1e-300), std::cbrt(1e-300));  // outside the fast range
    // Within one ulp of glibc (itself within one ulp) across the index range.
    for (double x = 1e-6; x < 2.0; x *= 1.0137) {
        const double ref = std::cbrt(x);
        EXPECT_LE(std::fabs(undp::detail::cbrt(x) - ref), 2 * (std::nextafter(ref, 2.0) - ref)) << x;
    }
}

// ------------------------------------------------------------------ square root and logarithm

// Ulps between a and b (both finite, same sign).
double ulps_apart(double a, double b) { return std::fabs(a - b) / (std::nextafter(std::fabs(b), inf) - std::fabs(b)); }

TEST(SquareRoot, ExactSquaresSpecialValuesAndAccuracy) {
    EXPECT_EQ(undp::detail::sqrt(4.0), 2.0);
    EXPECT_EQ(undp::detail::sqrt(1e4), 100.0);
    EXPECT_EQ(undp::detail::sqrt(0.25), 0.5);
    EXPECT_EQ(undp::detail::sqrt(1.0), 1.0);
    EXPECT_EQ(undp::detail::sqrt(0.0), 0.0);
    EXPECT_EQ(undp::detail::sqrt(inf), inf);
    EXPECT_TRUE(std::isnan(undp::detail::sqrt(-1.0)));
    EXPECT_TRUE(std::isnan(undp::detail::sqrt(nan)));
    EXPECT_EQ(undp::detail::sqrt(1e-300), std::sqrt(1e-300));  // outside the fast range
    // The correctly rounded root (std::sqrt is) but within 2^-19 ulp of a
    // midpoint: over the products of percentages the GII takes roots of, and
    // the ratios 10/(MMR*ABR), no difference and never more than one ulp.
    int differ = 0;
    for (double x = 1e-7; x < 1e5; x *= 1.000731) {
        const double ours = undp::detail::sqrt(x), ref = std::sqrt(x);
        EXPECT_LE(ulps_apart(ours, ref), 1.0) << x;
        differ += ours != ref;
    }
    EXPECT_EQ(differ, 0);
}

TEST(Logarithm, SpecialValuesAndAccuracy) {
    EXPECT_EQ(undp::detail::log(1.0), 0.0);
    EXPECT_EQ(undp::detail::log(inf), inf);
    EXPECT_EQ(undp::detail::log(0.0), -inf);
    EXPECT_TRUE(std::isnan(undp::detail::log(-1.0)));
    EXPECT_EQ(undp::detail::log(1e-310), std::log(1e-310));  // subnormal: outside log_core
    // Within one ulp of glibc's (itself correctly rounded in practice) over
    // incomes and expenditures from 1 to 10^8: the HDI's income index range.
    double worst = 0;
    for (double x = 1.0; x < 1e8; x *= 1.0000917)
        worst = std::max(worst, ulps_apart(undp::detail::log(x), std::log(x)));
    EXPECT_LE(worst, 1.0);
    // Exact at the points where the reduction is exact: log(2^k) = k*ln2_hi + k*ln2_lo.
    EXPECT_EQ(undp::detail::log(2.0), std::log(2.0));
    EXPECT_EQ(undp::detail::log(1024.0), std::log(1024.0));
}

// ------------------------------------------------------------------ HDI

TEST(Hdi, NigeriaWorkedExample) {
    // TN24: LE 53.6, EYS 10.5, MYS 7.6, GNIpc 4,755 -> HDI 0.548.
    // Hand: health (53.6-20)/65 = 0.516923; education (10.5/18 + 7.6/15)/2 = 0.545;
    // income ln(47.55)/ln(750) = 0.583344; (0.516923*0.545*0.583344)^(1/3) = 0.547750.
    const auto v = undp::hdi(edition("hdr2023-24"), undp::hdi_input{53.6, 10.5, 7.6, 4755.0});
    EXPECT_TRUE(v.status.ok());
    EXPECT_NEAR(v.health, 0.5169230769230769, 1e-15);
    EXPECT_NEAR(v.education, 0.545, 1e-15);
    EXPECT_NEAR(v.income, 0.5833442725651362, 1e-15);
    EXPECT_NEAR(v.hdi, 0.5477500851449314, 1e-15);
    EXPECT_EQ(r3(v.hdi), 0.548);
    EXPECT_EQ(v.group, undp::hdi_group::low);  // 0.548 < 0.550

    // CSV24 NGA 2022 at full precision, published 0.548.
    const auto csv = undp::hdi(edition("hdr2023-24"), undp::hdi_input{53.633, 10.51407, 7.585969925, 4754.836408});
    EXPECT_NEAR(csv.hdi, 0.5479019714923565, 1e-15);
    EXPECT_EQ(r3(csv.hdi), 0.548);
}

TEST(Hdi, CapsAtTheMaximaBeforeNormalising) {
    const auto& ed = edition("hdr2025");
    const auto capped = undp::hdi(ed, undp::hdi_input{86.9, 23.0, 16.0, 120000.0});  // Monaco-like
    const auto at_max = undp::hdi(ed, undp::hdi_input{85.0, 18.0, 15.0, 75000.0});
    EXPECT_EQ(capped.hdi, at_max.hdi);
    EXPECT_NEAR(capped.hdi, 1.0, 1e-15);
    EXPECT_LE(capped.health, 1.0);  // x * (1/range) never exceeds 1 at the cap
    EXPECT_LE(capped.education, 1.0);
    EXPECT_LE(capped.income, 1.0);
    // At the minima the index is exactly 0 and still a number.
    const auto at_min = undp::hdi(ed, undp::hdi_input{20.0, 10.0, 10.0, 5000.0});
    EXPECT_TRUE(at_min.status.ok());
    EXPECT_EQ(at_min.hdi, 0.0);
}

TEST(Hdi, GroupBoundariesOnTheRoundedHdi) {
    // CSV22 THA 2021: computed 0.800262, published 0.800, "Very High".
    EXPECT_EQ(undp::hdi(edition("hdr2021-22"), undp::hdi_input{78.7154, 15.88221913, 8.697119713, 17030.15352}).group,
              undp::hdi_group::very_high);
    // CSV24 BLZ 2022: computed 0.700094, published 0.700, "High".
    EXPECT_EQ(undp::hdi(edition("hdr2023-24"), undp::hdi_input{70.962, 12.42656994, 8.847599983, 9242.082259}).group,
              undp::hdi_group::high);
    // CSV24 UGA 2022: computed 0.549838, below 0.550 unrounded, published 0.550 "Medium".
    const auto uga = undp::hdi(edition("hdr2023-24"), undp::hdi_input{63.638, 11.49553237, 6.235476362, 2240.585404});
    EXPECT_LT(uga.hdi, 0.550);
    EXPECT_EQ(uga.group, undp::hdi_group::medium);

    const auto& ed = edition("hdr2025");
    EXPECT_EQ(undp::hdi_group_of(ed, 0.7995), undp::hdi_group::very_high);  // prints 0.800
    EXPECT_EQ(undp::hdi_group_of(ed, 0.79949), undp::hdi_group::high);      // prints 0.799
    EXPECT_EQ(undp::hdi_group_of(ed, 0.6995), undp::hdi_group::high);
    EXPECT_EQ(undp::hdi_group_of(ed, 0.5495), undp::hdi_group::medium);
    EXPECT_EQ(undp::hdi_group_of(ed, 0.54949), undp::hdi_group::low);
    EXPECT_EQ(undp::hdi_group_of(ed, nan), undp::hdi_group::none);
    EXPECT_EQ(undp::to_string(undp::hdi_group::very_high), "Very High");
}

TEST(Hdi, InvalidInputsGetAStatusNotANumber) {
    const auto& ed = edition("hdr2023-24");
    struct bad_case {
        undp::hdi_input in;
        undp::unit_status expected;
    };
    const std::vector<bad_case> cases{
        {{19.9, 10, 8, 5000}, {undp::fault::below_minimum, 0}},  // LE below 20 (CAF 2022-like)
        {{60, -0.5, 8, 5000}, {undp::fault::below_minimum, 1}},  // negative schooling
        {{60, 10, nan, 5000}, {undp::fault::not_finite, 2}},     // missing
        {{60, 10, 8, 99.0}, {undp::fault::below_minimum, 3}},    // GNI below 100
        {{60, 10, 8, inf}, {undp::fault::not_finite, 3}},        // would be capped silently
        {{-inf, nan, -1, 0}, {undp::fault::not_finite, 0}},      // first offender is reported
    };
    for (const auto& c : cases) {
        const auto v = undp::hdi(ed, c.in);
        EXPECT_EQ(v.status, c.expected) << undp::describe(v.status, undp::hdi_input_names);
        EXPECT_TRUE(std::isnan(v.hdi));
        EXPECT_TRUE(std::isnan(v.health));
        EXPECT_EQ(v.group, undp::hdi_group::none);
    }
    EXPECT_EQ(undp::describe({undp::fault::below_minimum, 0}, undp::hdi_input_names),
              "life_expectancy (total) is below the minimum");
    EXPECT_EQ(undp::describe({}, undp::hdi_input_names), "ok");
}

TEST(Hdi, BatchShapesAreChecked) {
    const auto& ed = edition("hdr2025");
    const std::vector<double> three{60, 61, 62}, two{10, 11};
    try {
        (void)undp::hdi(ed, undp::hdi_columns{three, two, three, three});
        FAIL() << "expected value_error";
    } catch (const gendex::value_error& e) {
        EXPECT_NE(std::string(e.what()).find("expected_schooling"), std::string::npos) << e.what();
    }
    std::vector<double> out(2);
    EXPECT_THROW(
        undp::hdi(ed, undp::hdi_columns{three, three, three, three}, undp::hdi_outputs{{}, {}, {}, out, {}, {}}),
        gendex::value_error);
    // Empty outputs are skipped; the wanted one is filled.
    std::vector<double> hdi(3);
    undp::hdi(ed, undp::hdi_columns{three, three, three, {std::vector<double>{5000, 6000, 7000}}},
              undp::hdi_outputs{{}, {}, {}, hdi, {}, {}});
    EXPECT_GT(hdi[2], hdi[0]);
    // An empty batch is fine.
    EXPECT_TRUE(undp::hdi(ed, undp::hdi_columns{}).hdi.empty());
}

// ------------------------------------------------------------------ GDI

TEST(Gdi, BangladeshIncomeStep) {
    // TN24 Bangladesh 2022: wage ratio 0.800, EA shares 0.333/0.667, population
    // 0.504/0.496, GNIpc 6,511.122 -> S_f 0.285, GNIpc_f 3,681.884, GNIpc_m 9,385.992.
    // Hand: S_f = 0.8*0.333 / (0.8*0.333 + 0.667) = 0.2664/0.9334 = 0.285408.
    const double s_f = undp::female_wage_bill_share(0.8, 0.333);
    EXPECT_NEAR(s_f, 0.2854081851296336, 1e-15);
    EXPECT_EQ(r3(s_f), 0.285);
    // The note carries S_f rounded to 0.285 into the next step:
    // 6511.122*0.285/0.504 = 3681.8845, 6511.122*0.715/0.496 = 9385.9924.
    const auto printed = undp::earned_income_by_sex(6511.122, 0.285, 0.504);
    EXPECT_EQ(r3(printed.female), 3681.884);
    EXPECT_EQ(r3(printed.male), 9385.992);

    // The kernel keeps full precision: 6511.122*0.285408/0.504 = 3687.1578,
    // and it says that the wage ratio was the edition default (missing = NaN).
    const auto v = undp::earned_income(edition("hdr2023-24"), undp::earned_income_input{6511.122, nan, 0.333, 0.504});
    EXPECT_TRUE(v.status.ok());
    EXPECT_EQ(v.wage_ratio, 0.8);
    EXPECT_EQ(v.wage_ratio_defaulted, 1);
    EXPECT_NEAR(v.gni_per_capita_f, 3687.1577642413304, 1e-9);
    EXPECT_NEAR(v.gni_per_capita_m, 9380.634046012843, 1e-9);
    // P_f*GNIpc_f + P_m*GNIpc_m = GNIpc.
    EXPECT_NEAR(0.504 * v.gni_per_capita_f + 0.496 * v.gni_per_capita_m, 6511.122, 1e-9);

    const auto given =
        undp::earned_income(edition("hdr2023-24"), undp::earned_income_input{6511.122, 0.8, 0.333, 0.504});
    EXPECT_EQ(given.wage_ratio_defaulted, 0);
    EXPECT_EQ(given.gni_per_capita_f, v.gni_per_capita_f);
    // The GEM default (0.75) is a separate constant.
    const auto gem_default = undp::earned_income(
        edition("hdr2023-24"), undp::earned_income_input{6511.122, nan, 0.333, 0.504}, undp::wage_ratio_default::gem);
    EXPECT_EQ(gem_default.wage_ratio, 0.75);
    // Invalid: population share must leave room for both sexes.
    EXPECT_EQ(undp::earned_income(edition("hdr2025"), undp::earned_income_input{5000, 0.8, 0.4, 1.0}).status,
              (undp::unit_status{undp::fault::above_maximum, 3}));
    EXPECT_EQ(undp::earned_income(edition("hdr2025"), undp::earned_income_input{5000, -0.1, 0.4, 0.5}).status,
              (undp::unit_status{undp::fault::below_minimum, 1}));
}

undp::gdi_input bangladesh_2022() {  // CSV24 BGD 2022
    return {76.012, 12.40666962, 6.755380154, 3684.291333, 71.514, 11.50172043, 8.020810127, 9386.85327};
}

TEST(Gdi, BangladeshFromTheCsvRow) {
    // Published: HDI_f 0.63460476, HDI_m 0.694222638, GDI 0.914.
    const auto v = undp::gdi(edition("hdr2023-24"), bangladesh_2022());
    EXPECT_TRUE(v.status.ok());
    EXPECT_NEAR(v.hdi_f, 0.63460476, 1e-8);
    EXPECT_NEAR(v.hdi_m, 0.694222638, 1e-8);
    EXPECT_NEAR(v.gdi, 0.9141228271030764, 1e-14);  // from the unrounded HDIs
    EXPECT_EQ(r3(v.gdi), 0.914);
    EXPECT_EQ(v.group, 4);  // 100*|0.914 - 1| = 8.6, in (7.5, 10]
    // Sex-specific life-expectancy goalposts: (76.012 - 22.5)/65 and (71.514 - 17.5)/65.
    EXPECT_NEAR(v.health_f, 0.8232615384615385, 1e-15);
    EXPECT_NEAR(v.health_m, 0.8309846153846154, 1e-15);
}

TEST(Gdi, GroupsOnTheRoundedGdiUpperBoundsInclusive) {
    const auto& ed = edition("hdr2025");
    EXPECT_EQ(undp::gdi_group_of(ed, 0.975), 1);
    EXPECT_EQ(undp::gdi_group_of(ed, 1.025), 1);
    EXPECT_EQ(undp::gdi_group_of(ed, 0.950), 2);
    EXPECT_EQ(undp::gdi_group_of(ed, 0.925), 3);
    EXPECT_EQ(undp::gdi_group_of(ed, 0.900), 4);
    EXPECT_EQ(undp::gdi_group_of(ed, 0.89975), 4);  // prints 0.900 (CMR 2022 in CSV24)
    EXPECT_EQ(undp::gdi_group_of(ed, 0.8994), 5);   // prints 0.899
    EXPECT_EQ(undp::gdi_group_of(ed, 1.0255), 2);   // prints 1.026
    EXPECT_EQ(undp::gdi_group_of(ed, 1.0), 1);
    EXPECT_EQ(undp::gdi_group_of(ed, 1.2), 5);
    EXPECT_EQ(undp::gdi_group_of(ed, nan), 0);

    // CSV25 ITA 2023: unrounded 0.97477 would be group 2; published 0.975 is group 1.
    const auto ita = undp::gdi(ed, undp::gdi_input{85.746, 17.26592064, 10.71292882, 38436.65481, 81.568, 16.20400047,
                                                   10.96554752, 67001.00033});
    EXPECT_NEAR(ita.gdi, 0.9747691676177241, 1e-14);
    EXPECT_NEAR(ita.hdi_f, 0.901200012, 1e-8);
    EXPECT_NEAR(ita.hdi_m, 0.924526587, 1e-8);
    EXPECT_EQ(ita.group, 1);
}

TEST(Gdi, InvalidInputsNameTheSex) {
    auto in = bangladesh_2022();
    in.life_expectancy_m = 17.0;  // below the male minimum 17.5, fine for women
    const auto v = undp::gdi(edition("hdr2025"), in);
    EXPECT_EQ(v.status, (undp::unit_status{undp::fault::below_minimum, 4}));
    EXPECT_EQ(undp::describe(v.status, undp::gdi_input_names), "life_expectancy (male) is below the minimum");
    EXPECT_TRUE(std::isnan(v.gdi));
    EXPECT_TRUE(std::isnan(v.hdi_f));  // no partial results
    EXPECT_EQ(v.group, 0);

    in = bangladesh_2022();
    in.life_expectancy_f = 22.0;  // 22 >= 20 but below the female minimum 22.5
    EXPECT_EQ(undp::gdi(edition("hdr2025"), in).status, (undp::unit_status{undp::fault::below_minimum, 0}));
}

// ------------------------------------------------------------------ GII

TEST(Gii, CostaRicaWorkedExample) {
    // TN24 Costa Rica 2022: MMR 22, ABR 35.7, PR 47.4/52.6, SE 50.2/48.1, LFPR 50.1/72.9
    // -> G_F 0.3021, G_M 0.7158, HARM 0.4249, G_FM 0.5534, GII 0.232.
    // Hand: health_f = (10/22 * 1/35.7)^(1/2) = 0.112829; G_F = (0.112829 *
    // (0.474*0.502)^(1/2) * 0.501)^(1/3) = 0.302119; G_M = ((0.526*0.481)^(1/2) *
    // 0.729)^(1/3) = 0.715755; HARM = 2/(1/G_F + 1/G_M) = 0.424892;
    // G_FM = (0.556419 * 0.495398 * 0.615)^(1/3) = 0.553448; GII = 1 - 0.424892/0.553448.
    const auto v = undp::gii(edition("hdr2023-24"), undp::gii_input{22, 35.7, 47.4, 52.6, 50.2, 48.1, 50.1, 72.9});
    EXPECT_TRUE(v.status.ok());
    EXPECT_EQ(round_half_up(v.g_f, 4), 0.3021);
    EXPECT_EQ(round_half_up(v.g_m, 4), 0.7158);
    EXPECT_EQ(round_half_up(v.harm, 4), 0.4249);
    EXPECT_EQ(round_half_up(v.g_fm, 4), 0.5534);
    EXPECT_EQ(r3(v.gii), 0.232);
    EXPECT_NEAR(v.gii, 0.2322831182240629, 1e-14);
    EXPECT_NEAR(v.health, 0.556418892388858, 1e-15);
    EXPECT_NEAR(v.empowerment, 0.49539807843721706, 1e-15);
    EXPECT_NEAR(v.labour, 0.615, 1e-15);

    // CSV24 CRI 2022 at full precision: 0.232409, published 0.232.
    const auto csv = undp::gii(edition("hdr2023-24"), undp::gii_input{22.00380558, 35.749, 47.36842105, 52.63157895,
                                                                      50.18999863, 48.08000183, 50.08, 72.85});
    EXPECT_NEAR(csv.gii, 0.23240868108101598, 1e-14);
    EXPECT_EQ(r3(csv.gii), 0.232);
}

TEST(Gii, MaternalMortalityTruncatedAndComponentFloor) {
    const auto& ed = edition("hdr2025");
    auto at = [&](double mmr, double abr) {
        return undp::gii(ed, undp::gii_input{mmr, abr, 30, 70, 60, 65, 50, 70}).gii;
    };
    EXPECT_EQ(at(3.0, 20.0), at(10.0, 20.0));       // below 10 counts as 10
    EXPECT_EQ(at(1500.0, 20.0), at(1000.0, 20.0));  // above 1000 counts as 1000
    EXPECT_NE(at(11.0, 20.0), at(10.0, 20.0));
    EXPECT_EQ(at(50.0, 0.0), at(50.0, 0.1));  // ABR floored at 0.1
    EXPECT_TRUE(std::isfinite(at(50.0, 0.0)));
    // At MMR 10 the female health term 10/MMR is 1: with ABR 1 as well, health = 1.
    EXPECT_EQ(undp::gii(ed, undp::gii_input{10, 1, 30, 70, 60, 65, 50, 70}).health, 1.0);
}

TEST(Gii, ParliamentFloorPerEdition) {
    // CSV22 ARE 1990, no women in parliament: published 0.659. Floor 0.1 with the male
    // share 99.9 gives 0.659452; leaving the male share at 100 gives 0.659501 -> 0.660.
    const undp::gii_input are{13, 48.493, 0, 100, 43.90729615, 42.27617368, 29.083, 91.714};
    const auto& e22 = edition("hdr2021-22");
    EXPECT_NEAR(undp::gii(e22, are).gii, 0.6594518923564718, 1e-13);
    EXPECT_EQ(r3(undp::gii(e22, are).gii), 0.659);
    const auto as_given =
        gendex::custom_edition(e22, "male-share-as-given", {{"gii_parliament_male_complement", 0, ""}});
    EXPECT_EQ(r3(undp::gii(as_given, are).gii), 0.660);

    // CSV25 PNG 2021 stores 0/100: published 0.816 needs the 0.01 floor (0.815714);
    // the notes' 0.1 would give 0.738170.
    const undp::gii_input png{191.8387443, 55.664, 0, 100, 26.66273689, 40.14142704, 50.4, 52.91};
    EXPECT_NEAR(undp::gii(edition("hdr2025"), png).gii, 0.8157135629760844, 1e-13);
    EXPECT_EQ(r3(undp::gii(edition("hdr2025"), png).gii), 0.816);
    const auto text_floor = gendex::custom_edition("hdr2025", "tn-text-floor", {{"gii_parliament_floor", 0.1, ""}});
    EXPECT_NEAR(undp::gii(text_floor, png).gii, 0.738170191120656, 1e-13);

    // CSV24 QAT 2016 stores 0.01/99.99 itself: published 0.650 (0.649794).
    const undp::gii_input qat{6.52231906, 9.549, 0.01, 99.99, 73.47531891, 66.11907196, 60.39, 99.81};
    EXPECT_EQ(r3(undp::gii(edition("hdr2023-24"), qat).gii), 0.650);
}

TEST(Gii, InvalidInputs) {
    const auto& ed = edition("hdr2025");
    EXPECT_EQ(undp::gii(ed, undp::gii_input{-1, 20, 30, 70, 60, 65, 50, 70}).status,
              (undp::unit_status{undp::fault::below_minimum, 0}));
    EXPECT_EQ(undp::gii(ed, undp::gii_input{50, 20, 101, 70, 60, 65, 50, 70}).status,
              (undp::unit_status{undp::fault::above_maximum, 2}));
    const auto missing = undp::gii(ed, undp::gii_input{50, 20, 30, 70, 60, 65, 50, nan});
    EXPECT_EQ(missing.status, (undp::unit_status{undp::fault::not_finite, 7}));
    EXPECT_EQ(undp::describe(missing.status, undp::gii_input_names),
              "labour_force_participation (male) is missing or not finite");
    EXPECT_TRUE(std::isnan(missing.gii));
    EXPECT_TRUE(std::isnan(missing.g_f));
}

// ------------------------------------------------------------------ IHDI

TEST(Ihdi, JordanWorkedExample) {
    // TN24 Jordan 2022: HDI 0.736, IHDI 0.615, loss 16.4%, coefficient 16.3%.
    // CSV24 JOR 2022 inputs; published loss 16.44021739 = 100*(1 - 0.615/0.736),
    // coef_ineq 16.28175793 = (9.2924938 + 15.44186 + 24.11092)/3.
    const auto v = undp::ihdi(edition("hdr2023-24"), undp::ihdi_input{74.215, 12.62659427, 10.44668007, 9294.801499,
                                                                      9.2924938, 15.44186, 24.11092});
    EXPECT_TRUE(v.status.ok());
    EXPECT_NEAR(v.hdi, 0.7362581094110189, 1e-15);
    EXPECT_NEAR(v.ihdi, 0.6147370708741098, 1e-15);  // from the unrounded HDI
    EXPECT_EQ(r3(v.hdi), 0.736);
    EXPECT_EQ(r3(v.ihdi), 0.615);
    EXPECT_NEAR(v.loss, 16.44021739, 5e-9);
    EXPECT_EQ(round_half_up(v.loss, 1), 16.4);
    EXPECT_NEAR(v.coefficient_of_inequality, 16.28175793, 5e-9);
    EXPECT_EQ(round_half_up(v.coefficient_of_inequality, 1), 16.3);
    EXPECT_NEAR(v.adjusted_health, (1 - 0.092924938) * v.health, 1e-15);
    EXPECT_NEAR(v.adjusted_income, (1 - 0.2411092) * v.income, 1e-15);
    EXPECT_NEAR(std::cbrt(v.adjusted_health * v.adjusted_education * v.adjusted_income), v.ihdi, 1e-15);
}

TEST(Ihdi, InvalidInequality) {
    const auto& ed = edition("hdr2025");
    EXPECT_EQ(undp::ihdi(ed, undp::ihdi_input{70, 12, 9, 9000, -1, 10, 20}).status,
              (undp::unit_status{undp::fault::below_minimum, 4}));
    EXPECT_EQ(undp::ihdi(ed, undp::ihdi_input{70, 12, 9, 9000, 5, 10, 100.5}).status,
              (undp::unit_status{undp::fault::above_maximum, 6}));
    EXPECT_TRUE(std::isnan(undp::ihdi(ed, undp::ihdi_input{70, 12, 9, 9000, 5, nan, 20}).loss));
    // No inequality at all: IHDI equals HDI and the loss is 0.
    const auto equal = undp::ihdi(ed, undp::ihdi_input{70, 12, 9, 9000, 0, 0, 0});
    EXPECT_EQ(equal.ihdi, equal.hdi);
    EXPECT_EQ(equal.loss, 0.0);
}

// ------------------------------------------------------------------ GEM

TEST(Gem, GreeceEdeps) {
    // GEM-ex (Greece): P_f 0.507, P_m 0.492. Parliament 8.7/91.3 -> (0.507/8.7 +
    // 0.492/91.3)^-1 = 15.707; managers 25.6/74.4 -> 37.85 (the slides round to 15.70, 37.82).
    EXPECT_EQ(r3(undp::edep(0.507, 8.7, 0.492, 91.3, 2.0)), 15.707);
    EXPECT_EQ(round_half_up(undp::edep(0.507, 25.6, 0.492, 74.4, 2.0), 2), 37.85);
    EXPECT_EQ(r3(undp::edep(0.507, 8.7, 0.492, 91.3, 2.0) / 50.0), 0.314);
    EXPECT_EQ(undp::edep(0.5, 0.0, 0.5, 40.0, 2.0), 0.0);          // a zero share gives 0
    EXPECT_EQ(undp::edep(0.5, 30.0, 0.5, 30.0, 2.0), 30.0);        // equality keeps the value
    EXPECT_NEAR(undp::edep(0.5, 4.0, 0.5, 9.0, 1.0), 6.0, 1e-14);  // epsilon 1: geometric
}

TEST(Gem, KernelDimensionsAndIncomeChoices) {
    const auto& ed = edition("hdr2021-22");
    // Parliament 8.7/91.3, managers 25.6/74.4, professional 50/50, incomes 20,050 and
    // 40,000 (linear indices (20050-100)/39900 = 0.5 and 1), population 0.507/0.492.
    const undp::gem_input greece{8.7, 91.3, 25.6, 74.4, 50, 50, 20050, 40000, 0.507, 0.492};
    const auto v = undp::gem(ed, greece);
    ASSERT_TRUE(v.status.ok());
    EXPECT_NEAR(v.parliament_edep, 15.707293922225848, 1e-12);
    EXPECT_NEAR(v.managers_edep, 37.853565466253286, 1e-12);
    // Equal shares, weights summing to 0.999: (0.999/50)^-1 = 50/0.999 = 50.050050.
    EXPECT_NEAR(v.professional_technical_edep, 50.0 / 0.999, 1e-12);
    EXPECT_NEAR(v.political, 15.707293922225848 / 50, 1e-14);
    EXPECT_NEAR(v.economic, (37.853565466253286 / 50 + 50.0 / 0.999 / 50) / 2, 1e-14);
    EXPECT_EQ(v.income_index_f, 0.5);
    EXPECT_EQ(v.income_index_m, 1.0);
    EXPECT_NEAR(v.income, 1.0 / (0.507 / 0.5 + 0.492 / 1.0), 1e-15);
    EXPECT_NEAR(v.gem, (v.political + v.economic + v.income) / 3, 1e-15);

    // Incomes above 40,000 are capped (an unverified choice, kept as edition data) ...
    auto rich = greece;
    rich.earned_income_m = 60000;
    EXPECT_EQ(undp::gem(ed, rich).income_index_m, 1.0);
    const auto uncapped = gendex::custom_edition(ed, "gem-uncapped", {{"gem_income_capped", 0, ""}});
    EXPECT_NEAR(undp::gem(uncapped, rich).income_index_m, 59900.0 / 39900.0, 1e-15);
    // ... and the index form too: log((20050/100))/log(400) = 0.884.
    const auto logged = gendex::custom_edition(ed, "gem-log", {{"gem_income_log", 1, ""}});
    EXPECT_NEAR(undp::gem(logged, greece).income_index_f, std::log(200.5) / std::log(400.0), 1e-15);

    auto bad = greece;
    bad.earned_income_f = 99.0;
    EXPECT_EQ(undp::gem(ed, bad).status, (undp::unit_status{undp::fault::below_minimum, 6}));
    bad = greece;
    bad.population_share_m = 1.2;
    EXPECT_EQ(undp::gem(ed, bad).status, (undp::unit_status{undp::fault::above_maximum, 9}));
    EXPECT_TRUE(std::isnan(undp::gem(ed, bad).gem));
}

// ------------------------------------------------------------------ scalar == batch

// Deterministic inputs spanning several blocks, with invalid units mixed in.
std::vector<double> series(std::size_t n, double lo, double hi, unsigned seed) {
    std::vector<double> v(n);
    std::uint64_t s = 0x9E3779B97F4A7C15ull * (seed + 1);
    for (auto& x : v) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        x = lo + (hi - lo) * static_cast<double>(s >> 11) * 0x1p-53;
    }
    return v;
}

constexpr std::size_t batch_n = 203;  // three full blocks and a partial one

TEST(ScalarEqualsBatch, Hdi) {
    const auto& ed = edition("hdr2025");
    auto le = series(batch_n, 15, 90, 1), eys = series(batch_n, -1, 22, 2), mys = series(batch_n, 0, 16, 3),
         gni = series(batch_n, 90, 90000, 4);
    le[7] = nan;
    const auto batch = undp::hdi(ed, undp::hdi_columns{le, eys, mys, gni});
    int invalid = 0;
    for (std::size_t i = 0; i < batch_n; ++i) {
        const auto one = undp::hdi(ed, undp::hdi_input{le[i], eys[i], mys[i], gni[i]});
        EXPECT_TRUE(same_bits(one.hdi, batch.hdi[i])) << i;
        EXPECT_TRUE(same_bits(one.health, batch.health[i])) << i;
        EXPECT_TRUE(same_bits(one.education, batch.education[i])) << i;
        EXPECT_TRUE(same_bits(one.income, batch.income[i])) << i;
        EXPECT_EQ(one.group, batch.group[i]) << i;
        EXPECT_EQ(one.status, batch.status[i]) << i;
        invalid += !one.status.ok();
    }
    EXPECT_GT(invalid, 10);  // the comparison covered invalid units too
}

TEST(ScalarEqualsBatch, Gdi) {
    const auto& ed = edition("hdr2023-24");
    const auto le_f = series(batch_n, 22, 90, 5), eys_f = series(batch_n, 0, 20, 6), mys_f = series(batch_n, 0, 16, 7),
               gni_f = series(batch_n, 95, 90000, 8), le_m = series(batch_n, 17, 85, 9),
               eys_m = series(batch_n, 0, 20, 10), mys_m = series(batch_n, 0, 16, 11),
               gni_m = series(batch_n, 95, 120000, 12);
    const auto batch = undp::gdi(ed, undp::gdi_columns{le_f, eys_f, mys_f, gni_f, le_m, eys_m, mys_m, gni_m});
    for (std::size_t i = 0; i < batch_n; ++i) {
        const auto one = undp::gdi(
            ed, undp::gdi_input{le_f[i], eys_f[i], mys_f[i], gni_f[i], le_m[i], eys_m[i], mys_m[i], gni_m[i]});
        EXPECT_TRUE(same_bits(one.gdi, batch.gdi[i])) << i;
        EXPECT_TRUE(same_bits(one.hdi_f, batch.hdi_f[i])) << i;
        EXPECT_TRUE(same_bits(one.hdi_m, batch.hdi_m[i])) << i;
        EXPECT_TRUE(same_bits(one.income_m, batch.income_m[i])) << i;
        EXPECT_EQ(one.group, batch.group[i]) << i;
        EXPECT_EQ(one.status, batch.status[i]) << i;
    }
}

TEST(ScalarEqualsBatch, GiiAndPartialOutputs) {
    const auto& ed = edition("hdr2021-22");
    auto mmr = series(batch_n, -5, 1500, 13), abr = series(batch_n, 0, 150, 14), prf = series(batch_n, -1, 60, 15),
         prm = series(batch_n, 40, 100, 16), sef = series(batch_n, 0, 100, 17), sem = series(batch_n, 0, 100, 18),
         lff = series(batch_n, 0, 90, 19), lfm = series(batch_n, 30, 101, 20);
    prf[3] = 0.0;
    prm[3] = 100.0;
    const undp::gii_columns cols{mmr, abr, prf, prm, sef, sem, lff, lfm};
    const auto batch = undp::gii(ed, cols);
    std::vector<double> only_gii(batch_n);
    undp::gii(ed, cols, undp::gii_outputs{{}, {}, {}, {}, {}, {}, {}, only_gii, {}});
    for (std::size_t i = 0; i < batch_n; ++i) {
        const auto one = undp::gii(ed, undp::gii_input{mmr[i], abr[i], prf[i], prm[i], sef[i], sem[i], lff[i], lfm[i]});
        EXPECT_TRUE(same_bits(one.gii, batch.gii[i])) << i;
        EXPECT_TRUE(same_bits(one.gii, only_gii[i])) << i;
        EXPECT_TRUE(same_bits(one.g_fm, batch.g_fm[i])) << i;
        EXPECT_TRUE(same_bits(one.harm, batch.harm[i])) << i;
        EXPECT_EQ(one.status, batch.status[i]) << i;
    }
}

TEST(ScalarEqualsBatch, IhdiAndGem) {
    const auto& ed = edition("hdr2025");
    const auto le = series(batch_n, 20, 86, 21), eys = series(batch_n, 0, 19, 22), mys = series(batch_n, 0, 15, 23),
               gni = series(batch_n, 100, 80000, 24), ah = series(batch_n, -2, 60, 25), ae = series(batch_n, 0, 60, 26),
               ai = series(batch_n, 0, 60, 27);
    const auto batch = undp::ihdi(ed, undp::ihdi_columns{le, eys, mys, gni, ah, ae, ai});
    for (std::size_t i = 0; i < batch_n; ++i) {
        const auto one = undp::ihdi(ed, undp::ihdi_input{le[i], eys[i], mys[i], gni[i], ah[i], ae[i], ai[i]});
        EXPECT_TRUE(same_bits(one.ihdi, batch.ihdi[i])) << i;
        EXPECT_TRUE(same_bits(one.loss, batch.loss[i])) << i;
        EXPECT_EQ(one.status, batch.status[i]) << i;
    }
    const auto pf = series(batch_n, 0, 50, 28), pm = series(batch_n, 50, 100, 29), yf = series(batch_n, 50, 30000, 30),
               ym = series(batch_n, 100, 60000, 31), share_f = series(batch_n, 0.45, 0.55, 32);
    std::vector<double> share_m(batch_n);
    for (std::size_t i = 0; i < batch_n; ++i) share_m[i] = 1.0 - share_f[i];
    const auto gem_batch = undp::gem(ed, undp::gem_columns{pf, pm, pf, pm, pm, pf, yf, ym, share_f, share_m});
    for (std::size_t i = 0; i < batch_n; ++i) {
        const auto one = undp::gem(
            ed, undp::gem_input{pf[i], pm[i], pf[i], pm[i], pm[i], pf[i], yf[i], ym[i], share_f[i], share_m[i]});
        EXPECT_TRUE(same_bits(one.gem, gem_batch.gem[i])) << i;
        EXPECT_EQ(one.status, gem_batch.status[i]) << i;
    }
}

// ------------------------------------------------------------------ AVX-512 == AVX2 == baseline

// Every clone of every index kernel (batch_compile.hpp) gives bit-identical results: no FMA
// contraction, own sqrt/log, the same operations in the same order. Each clone is forced in turn;
// a clone this CPU (or a build without clones) cannot run is skipped, and the test says which.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

/// `run()` under each clone, compared with the baseline clone's result by `same`.
template <class Run, class Same>
void expect_every_clone_identical(Run run, Same same) {
    struct Restore {
        ~Restore() { gendex::force_batch_isa(std::nullopt); }
    } restore;
    gendex::force_batch_isa(gendex::BatchIsa::baseline);
    const auto reference = run();
    std::string skipped;
    for (auto isa : {gendex::BatchIsa::avx2, gendex::BatchIsa::avx512}) {
        if (!gendex::batch_isa_available(isa)) {
            skipped += std::string(skipped.empty() ? "" : ", ") + std::string(gendex::to_string(isa));
            continue;
        }
        gendex::force_batch_isa(isa);
        ASSERT_EQ(gendex::batch_isa(), isa);
        EXPECT_TRUE(same(run(), reference)) << gendex::to_string(isa) << " differs from the baseline clone";
    }
    if (!skipped.empty()) GTEST_SKIP() << "not run on this CPU or build: the " << skipped << " clone(s)";
}

constexpr std::size_t clone_n = 1003;  // many blocks and a partial one, invalid units mixed in

TEST(KernelClones, HdiIdenticalOnEveryClone) {
    const auto& ed = edition("hdr2025");
    auto le = series(clone_n, 15, 90, 41), eys = series(clone_n, -1, 22, 42), mys = series(clone_n, 0, 16, 43),
         gni = series(clone_n, 90, 90000, 44);
    le[7] = nan, gni[8] = inf;
    expect_every_clone_identical(
        [&] {
            return undp::hdi(ed, undp::hdi_columns{le, eys, mys, gni});
        },
        [](const undp::hdi_results& a, const undp::hdi_results& b) {
            return same_bits(a.health, b.health) && same_bits(a.education, b.education) &&
                   same_bits(a.income, b.income) && same_bits(a.hdi, b.hdi) && a.group == b.group &&
                   a.status == b.status;
        });
}

TEST(KernelClones, GdiIdenticalOnEveryClone) {
    const auto& ed = edition("hdr2023-24");
    auto le_f = series(clone_n, 22, 90, 45), eys_f = series(clone_n, 0, 20, 46), mys_f = series(clone_n, 0, 16, 47),
         gni_f = series(clone_n, 95, 90000, 48), le_m = series(clone_n, 17, 85, 49), eys_m = series(clone_n, 0, 20, 50),
         mys_m = series(clone_n, 0, 16, 51), gni_m = series(clone_n, 95, 120000, 52);
    le_m[11] = nan, gni_f[12] = -1;
    expect_every_clone_identical(
        [&] {
            return undp::gdi(ed, undp::gdi_columns{le_f, eys_f, mys_f, gni_f, le_m, eys_m, mys_m, gni_m});
        },
        [](const undp::gdi_results& a, const undp::gdi_results& b) {
            return same_bits(a.health_f, b.health_f) && same_bits(a.education_f, b.education_f) &&
                   same_bits(a.income_f, b.income_f) && same_bits(a.hdi_f, b.hdi_f) &&
                   same_bits(a.health_m, b.health_m) && same_bits(a.education_m, b.education_m) &&
                   same_bits(a.income_m, b.income_m) && same_bits(a.hdi_m, b.hdi_m) && same_bits(a.gdi, b.gdi) &&
                   a.group == b.group && a.status == b.status;
        });
}

TEST(KernelClones, GiiIdenticalOnEveryClone) {
    const auto& ed = edition("hdr2021-22");
    auto mmr = series(clone_n, -5, 1500, 53), abr = series(clone_n, 0, 150, 54), prf = series(clone_n, -1, 60, 55),
         prm = series(clone_n, 40, 100, 56), sef = series(clone_n, 0, 100, 57), sem = series(clone_n, 0, 100, 58),
         lff = series(clone_n, 0, 90, 59), lfm = series(clone_n, 30, 101, 60);
    prf[3] = 0.0, prm[3] = 100.0;  // the parliament floor
    expect_every_clone_identical(
        [&] {
            return undp::gii(ed, undp::gii_columns{mmr, abr, prf, prm, sef, sem, lff, lfm});
        },
        [](const undp::gii_results& a, const undp::gii_results& b) {
            return same_bits(a.g_f, b.g_f) && same_bits(a.g_m, b.g_m) && same_bits(a.harm, b.harm) &&
                   same_bits(a.g_fm, b.g_fm) && same_bits(a.health, b.health) &&
                   same_bits(a.empowerment, b.empowerment) && same_bits(a.labour, b.labour) &&
                   same_bits(a.gii, b.gii) && a.status == b.status;
        });
}

TEST(KernelClones, IhdiIdenticalOnEveryClone) {
    const auto& ed = edition("hdr2025");
    auto le = series(clone_n, 20, 86, 61), eys = series(clone_n, 0, 19, 62), mys = series(clone_n, 0, 15, 63),
         gni = series(clone_n, 100, 80000, 64), ah = series(clone_n, -2, 60, 65), ae = series(clone_n, 0, 60, 66),
         ai = series(clone_n, 0, 60, 67);
    expect_every_clone_identical(
        [&] {
            return undp::ihdi(ed, undp::ihdi_columns{le, eys, mys, gni, ah, ae, ai});
        },
        [](const undp::ihdi_results& a, const undp::ihdi_results& b) {
            return same_bits(a.health, b.health) && same_bits(a.education, b.education) &&
                   same_bits(a.income, b.income) && same_bits(a.hdi, b.hdi) &&
                   same_bits(a.adjusted_health, b.adjusted_health) &&
                   same_bits(a.adjusted_education, b.adjusted_education) &&
                   same_bits(a.adjusted_income, b.adjusted_income) && same_bits(a.ihdi, b.ihdi) &&
                   same_bits(a.coefficient_of_inequality, b.coefficient_of_inequality) && same_bits(a.loss, b.loss) &&
                   a.status == b.status;
        });
}

TEST(KernelClones, ForcingAClone) {
    struct Restore {
        ~Restore() { gendex::force_batch_isa(std::nullopt); }
    } restore;
    EXPECT_TRUE(gendex::batch_isa_available(gendex::BatchIsa::baseline));
    gendex::force_batch_isa(gendex::BatchIsa::baseline);
    EXPECT_EQ(gendex::batch_isa(), gendex::BatchIsa::baseline);
    for (auto isa : {gendex::BatchIsa::avx2, gendex::BatchIsa::avx512}) {
        if (!gendex::batch_isa_available(isa)) {
            EXPECT_THROW(gendex::force_batch_isa(isa), gendex::value_error) << gendex::to_string(isa);
        }
    }
    gendex::force_batch_isa(std::nullopt);
    // Unforced: the best clone available.
    const auto best = gendex::batch_isa_available(gendex::BatchIsa::avx512) ? gendex::BatchIsa::avx512
                      : gendex::batch_isa_available(gendex::BatchIsa::avx2) ? gendex::BatchIsa::avx2
                                                                            : gendex::BatchIsa::baseline;
    EXPECT_EQ(gendex::batch_isa(), best);
}

// ------------------------------------------------------------------ editions drive kernels

TEST(CustomEdition, OverridesChangeKernelResults) {
    const auto& base = edition("hdr2023-24");
    const undp::hdi_input in{70, 12, 9, 9000};
    const auto wider = gendex::custom_edition(base, "le-to-90", {{"life_expectancy_max", 90, ""}});
    // Health index: (70-20)/65 = 0.769231 with the built-in edition, (70-20)/70 with the override.
    EXPECT_NEAR(undp::hdi(base, in).health, 50.0 / 65.0, 1e-15);
    EXPECT_NEAR(undp::hdi(wider, in).health, 50.0 / 70.0, 1e-15);
    // Group cut-offs are data too.
    const auto strict = gendex::custom_edition(base, "strict", {{"hdi_very_high_min", 0.9, ""}});
    EXPECT_EQ(undp::hdi_group_of(strict, 0.85), undp::hdi_group::high);
    EXPECT_EQ(undp::hdi_group_of(base, 0.85), undp::hdi_group::very_high);
    // Rounding digits drive the groups: with 2 digits 0.7951 prints 0.80.
    const auto two = gendex::custom_edition(base, "two-digits", {{"rounding_digits", 2, ""}});
    EXPECT_EQ(undp::hdi_group_of(two, 0.7951), undp::hdi_group::very_high);
    EXPECT_EQ(undp::hdi_group_of(base, 0.7951), undp::hdi_group::high);
}

}  // namespace
