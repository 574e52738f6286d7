// gendex::micro quantiles and pay gaps: the pieces R's rules rest on, by hand.
// The R comparisons (3,600 quantile values, 300 pay gaps from make_reference_quantile.R) run through
// the binding in tests/python/test_micro_quantile.py.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "gendex/micro/pay_gap.hpp"
#include "gendex/micro/quantile.hpp"

using namespace gendex;
using namespace gendex::micro;

TEST(MicroQuantile, RRuleByHand) {
    // Sorted values 10, 20, 30, 40 with weights 1, 2, 1, 1 (W = 5): running sums 1, 3, 4, 5.
    // p = 0.5: 2.5 -> last sum <= 2.5 is 1 (10), not equal -> 20; p = 0.6: 3 reached exactly -> 20;
    // p = 0.61 -> 30; p = 0.1: none <= 0.5 -> R's last() = first, not equal -> the second value, 20.
    const std::vector<double> w{1, 1, 2, 1}, x{40, 10, 20, 30};
    const Design design(w);
    const Domains all = Domains::whole(design);
    QuantileOptions q;
    q.probabilities = {0.5, 0.6, 0.61, 0.1, 1.0};
    EstimateOptions o;
    o.variance = Variance::none;
    const Quantiles r = quantile(design, all, {"x", x}, q, o);
    EXPECT_EQ(r.estimate, (std::vector<double>{20, 20, 30, 20, 40}));
    EXPECT_TRUE(r.se.empty());
    EXPECT_EQ(r.interval[0], QuantileInterval::not_computed);
}

TEST(MicroQuantile, RadixSortKeepsRowOrderAmongTies) {
    std::vector<micro::detail::WeightedValue> items;
    const double values[] = {3.5, -1.0, 0.0, -0.0, 3.5, -1e300, 1e-300, 2.0};
    for (std::uint32_t i = 0; i < 80; ++i) items.push_back({values[i % 8], 1.0, i});
    std::vector<std::uint64_t> keys, key_scratch;
    std::vector<micro::detail::WeightedValue> scratch;
    micro::detail::sort_by_value(items, keys, key_scratch, scratch);
    for (std::size_t i = 1; i < items.size(); ++i) {
        ASSERT_LE(items[i - 1].value, items[i].value);
        if (items[i - 1].value == items[i].value) {  // -0 ties with 0
            ASSERT_LT(items[i - 1].row, items[i].row);
        }
    }
    EXPECT_EQ(items.front().value, -1e300);
    EXPECT_EQ(items.back().value, 3.5);
}

TEST(MicroQuantile, QrRankAsLinpack) {
    // R 4.2.2, qr(x, tol = 1e-5)$rank of these four matrices: 2 3 1 0.
    // Columns (1,1,1), (2,2,2), (1,0,1): the second is twice the first -> rank 2, as R's qr(x)$rank.
    EXPECT_EQ(micro::detail::qr_rank({1, 1, 1, 2, 2, 2, 1, 0, 1}, 3, 3), 2u);
    EXPECT_EQ(micro::detail::qr_rank({1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3), 3u);
    // A column that differs from another by 1e-7 relative is negligible at tol 1e-5.
    EXPECT_EQ(micro::detail::qr_rank({1, 2, 3, 1, 2, 3 + 3e-7}, 3, 2), 1u);
    EXPECT_EQ(micro::detail::qr_rank({0, 0, 0, 0}, 2, 2), 0u);
}

TEST(MicroQuantile, ErrorsNameTheRowAndTheProbability) {
    const std::vector<double> w{1, 1}, x{1, std::numeric_limits<double>::quiet_NaN()};
    const Design design(w);
    const Domains all = Domains::whole(design);
    EXPECT_THROW(static_cast<void>(quantile(design, all, {"x", x})), value_error);
    const std::vector<double> ok{1, 2};
    QuantileOptions q;
    q.probabilities = {1.5};
    EXPECT_THROW(static_cast<void>(quantile(design, all, {"x", ok}, q)), value_error);
}

TEST(MicroPayGap, MeanAndMedianByHand) {
    // Women's hourly earnings 9, 11 and men's 12, 13 (earnings / hours), equal weights.
    // Mean: (12.5 - 10) / 12.5 x 100 = 20. Median (R's rule, p W = 1 reached at the first): 9 and 12 ->
    // (12 - 9) / 12 x 100 = 25.
    const std::vector<double> w{1, 1, 1, 1}, pay{900, 1100, 1200, 1560}, hours{100, 100, 100, 120};
    const std::vector<code32> group{0, 0, 0, 0};
    const std::vector<std::uint8_t> male{0, 0, 1, 1};
    const Design design(w);
    const std::vector<double> hourly = hourly_earnings({"pay", pay}, {"hours", hours}, {});
    EstimateOptions none;
    none.variance = Variance::none;
    PayGapOptions mean_gap;
    mean_gap.statistic = PayGapStatistic::mean;
    const PayGaps m = pay_gap(design, group, 1, male, {"hourly", hourly}, mean_gap, none);
    EXPECT_DOUBLE_EQ(m.gap[0], 20.0);
    EXPECT_DOUBLE_EQ(m.female[0], 10.0);
    const PayGaps q = pay_gap(design, group, 1, male, {"hourly", hourly}, {}, none);
    EXPECT_DOUBLE_EQ(q.gap[0], 25.0);
    const std::vector<double> no_hours{100, 0, 100, 120};
    EXPECT_THROW(static_cast<void>(hourly_earnings({"pay", pay}, {"hours", no_hours}, {})), value_error);
}
