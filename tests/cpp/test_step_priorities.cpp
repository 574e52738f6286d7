// Priorities with realistic steps (analysis/step_priorities.hpp): references are the GII kernel
// run on inputs edited by hand.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "gendex/analysis/step_priorities.hpp"
#include "gendex/indices/gii.hpp"
#include "gii_unit.hpp"

using namespace gendex;

namespace {

using gendex::test::gii_data;
using gendex::test::gii_of;
using gendex::test::GiiUnit;

ScenarioEdit step(std::string indicator, EditOp op, double value, std::size_t row) {
    ScenarioEdit e;
    e.indicator = std::move(indicator), e.op = op, e.value = value, e.row = row;
    return e;
}

}  // namespace

TEST(StepPriorities, EachStepAloneAsTheKernelComputesIt) {
    const GiiUnit x{200, 50, 20, 80, 40, 60, 45, 75};
    const std::vector<ScenarioEdit> steps{
        step("labour_force_participation", EditOp::add, 2.0, 0), step("adolescent_birth_rate", EditOp::scale, 0.5, 1),
        step("parliament_share", EditOp::add, 5.0, 2), step("maternal_mortality", EditOp::close_gap, 50.0, 3)};
    // close_gap needs a male value of maternal mortality: there is none, so that step is noted, not ranked.
    const StepPriorities g = step_priorities("gii", gii_data("AAA", 2022, x), edition("hdr2025"), steps);
    ASSERT_EQ(g.rows.size(), 3u);
    ASSERT_EQ(g.notes.size(), 1u);
    EXPECT_NE(g.notes[0].note.find("no male value of maternal_mortality to close the gap to"), std::string::npos)
        << g.notes[0].note;
    std::map<std::string, StepRow> m;
    for (const auto& r : g.rows) m[r.indicator] = r;
    const double observed = gii_of(x);
    EXPECT_DOUBLE_EQ(m["labour_force_participation"].after, gii_of({200, 50, 20, 80, 40, 60, 47, 75}));
    EXPECT_DOUBLE_EQ(m["adolescent_birth_rate"].after, gii_of({200, 25, 20, 80, 40, 60, 45, 75}));
    // Seats are one whole: men's share follows as 100 - 25.
    EXPECT_DOUBLE_EQ(m["parliament_share"].after, gii_of({200, 50, 25, 75, 40, 60, 45, 75}));
    for (const auto& [name, r] : m) {
        EXPECT_EQ(r.value, observed) << name;
        EXPECT_DOUBLE_EQ(r.gain, observed - r.after) << name;  // GII: the distance from 0
        EXPECT_FALSE(r.at_cap) << name;
    }
    for (std::size_t k = 1; k < g.rows.size(); ++k) EXPECT_GE(g.rows[k - 1].gain, g.rows[k].gain);
    EXPECT_EQ(g.rows.front().rank, 1);
}

TEST(StepPriorities, AStepHeldByAFloorIsAtCap) {
    // MMR 10 is the GII's lower bound: 5 fewer deaths move the input, not the index.
    const StepPriorities g =
        step_priorities("gii", gii_data("AAA", 2022, {10, 50, 20, 80, 40, 60, 45, 75}), edition("hdr2025"),
                        std::vector<ScenarioEdit>{step("maternal_mortality", EditOp::add, -5, 0)});
    ASSERT_EQ(g.rows.size(), 1u);
    EXPECT_TRUE(g.rows[0].at_cap);
    EXPECT_EQ(g.rows[0].input_after, 5.0);
    EXPECT_EQ(g.rows[0].gain, 0.0);
}

TEST(StepPriorities, BadStepsRaise) {
    const Dataset ds = gii_data("AAA", 2022, {200, 50, 20, 80, 40, 60, 45, 75});
    ScenarioEdit regional = step("labour_force_participation", EditOp::add, 2.0, 0);
    regional.region = "AAA";
    EXPECT_THROW((void)step_priorities("gii", ds, edition("hdr2025"), std::vector<ScenarioEdit>{regional}),
                 value_error);
    EXPECT_THROW((void)step_priorities("gii", ds, edition("hdr2025"),
                                       std::vector<ScenarioEdit>{step("mean_schooling", EditOp::add, 1.0, 0)}),
                 value_error);  // no region-period has the input
    EXPECT_THROW((void)step_priorities("hdi", ds, edition("hdr2025"),
                                       std::vector<ScenarioEdit>{step("mean_schooling", EditOp::add, 1.0, 0)}),
                 key_error);  // no parity: no equality point to measure the gain against
    EXPECT_THROW((void)step_priorities("gii", ds, edition("hdr2025"), std::vector<ScenarioEdit>{}), value_error);
}
