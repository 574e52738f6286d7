// The twin indices of The Paths to Equal (UNDP / UN Women 2023): the worked
// examples of the methodology note (Indonesia), the local-government
// substitution, the rules for values beyond a goalpost and zeros, bad inputs.
// The 114 countries and the aggregates are checked from the annex workbook in
// tests/python/test_paths_to_equal.py.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>
#include <utility>

#include "gendex/compute.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/twin.hpp"
#include "test_support.hpp"

namespace {

using gendex::Dataset;
using gendex::DatasetBuilder;
using gendex::Sex;
using gendex::test::F;
using gendex::test::M;
using gendex::test::T;

const gendex::Edition& twin() { return gendex::edition(gendex::twin_edition_id); }

// Indonesia in the annex: Table 2 (women) and Table 3 (men, healthy share of life expectancy).
void indonesia(DatasetBuilder& b, const std::string& region = "Indonesia") {
    b.add(region, 2022, F, "family_planning_satisfied", 81.2);
    b.add(region, 2022, F, "adolescent_birth_rate", 32.94);
    b.add(region, 2022, F, "upper_secondary_education", 34.62979126);
    b.add(region, 2022, M, "upper_secondary_education", 41.63451004);
    b.add(region, 2022, F, "neet_rate", 27.19);
    b.add(region, 2022, M, "neet_rate", 17.68);
    b.add(region, 2022, F, "lfpr_couple_young_child", 55.01);
    b.add(region, 2022, M, "lfpr_couple_young_child", 98.99);
    b.add(region, 2022, F, "account_ownership", 52.3);
    b.add(region, 2022, M, "account_ownership", 51.18);
    b.add(region, 2022, F, "parliament_share", 21.56521739);
    b.add(region, 2022, F, "local_government_share", 15.7);
    b.add(region, 2022, F, "managers_share", 31.66473098);
    b.add(region, 2022, F, "intimate_partner_violence", 9.0);
    b.add(region, 2022, F, "healthy_life_share", 87.02448761800052);
    b.add(region, 2022, M, "healthy_life_share", 89.22517453275567);
}

TEST(Twin, EditionConstantsAreFittedWithTheirSource) {
    const auto& ed = twin();
    EXPECT_EQ(ed.id, "paths-to-equal-2023");
    EXPECT_EQ(ed.wei_adolescent_birth_max.value, 200.0);
    EXPECT_EQ(ed.wei_neet_max.value, 85.0);
    EXPECT_EQ(ed.wei_decision_max.value, 75.0);
    EXPECT_EQ(ed.wei_violence_max.value, 60.0);
    EXPECT_EQ(ed.ggpi_neet_max.value, 100.0);
    EXPECT_EQ(ed.twin_lower_middle_min.value, 0.600);
    EXPECT_EQ(ed.twin_upper_middle_min.value, 0.700);
    EXPECT_EQ(ed.twin_high_min.value, 0.800);
    EXPECT_EQ(ed.rounding_digits.value, 3);
    for (const char* c :
         {"wei_adolescent_birth_max", "wei_neet_max", "wei_decision_max", "wei_violence_max", "ggpi_neet_max"})
        EXPECT_EQ(ed.source(c).rfind("FITTED", 0), 0u) << c;
}

// The methodology note's worked examples (wei-ggpi.md), Indonesia:
//   WEI  health    (81.2/100 + (200 - 32.94)/200) / 2               = 0.82365
//        education (34.62979126/100 + (85 - 27.19)/85) / 2          = 0.513207779829412
//        labour    (55.01/100 + 52.3/100) / 2                        = 0.53655
//        decision  (21.56521739 + 15.7 + 31.66473098) / 75 / 3       = 0.306355326088889
//        violence  (60 - 9)/60                                       = 0.85
//        WEI = (0.82365 * 0.513208 * 0.53655 * 0.306355 * 0.85)^(1/5) = 0.567881994284919 (published 0.568)
//   GGPI health    87.024488/89.225175                               = 0.975335582964343
//        education sqrt(34.629791/41.634510 * (100 - 27.19)/(100 - 17.68)) = 0.857711123537119
//        labour    sqrt(55.01/98.99 * 52.3/51.18)                    = 0.753573927298329
//        decision  (s/(100 - s) for 21.565217, 15.7, 31.664731)^(1/3) = 0.287353200367197
//        GGPI = (0.975336 * 0.857711 * 0.753574 * 0.287353)^(1/4)    = 0.652392941222478 (published 0.652)
TEST(Twin, IndonesiaWorkedExamples) {
    DatasetBuilder b;
    indonesia(b);
    const Dataset ds = std::move(b).build();
    const std::vector<std::pair<const char*, double>> expected{{"wei_health", 0.82365},
                                                               {"wei_education", 0.513207779829412},
                                                               {"wei_labour", 0.53655},
                                                               {"wei_decision", 0.306355326088889},
                                                               {"wei_violence", 0.85},
                                                               {"wei", 0.567881994284919},
                                                               {"ggpi_health", 0.975335582964343},
                                                               {"ggpi_education", 0.857711123537119},
                                                               {"ggpi_labour", 0.753573927298329},
                                                               {"ggpi_decision", 0.287353200367197},
                                                               {"ggpi", 0.652392941222478}};
    const auto w = gendex::compute("wei", ds, twin());
    const auto g = gendex::compute("ggpi", ds, twin());
    for (const auto& [id, value] : expected)
        EXPECT_NEAR((id[0] == 'w' ? w : g).values.value("Indonesia", 2022, T, id), value, 1e-14) << id;
    EXPECT_EQ(w.values.value("Indonesia", 2022, T, "wei_group"), 1.0);   // low: below 0.600
    EXPECT_EQ(g.values.value("Indonesia", 2022, T, "ggpi_group"), 2.0);  // lower-middle: 0.652
}

TEST(Twin, ParliamentStandsInWhereThereIsNoLocalGovernment) {
    // The annex's note t: no elected local government; the parliament share is used in both indices.
    DatasetBuilder b;
    indonesia(b, "NoLocal");
    b.add("NoLocal", 2022, T, "no_local_government", 1.0);
    const auto w = gendex::compute("wei", std::move(b).build(), twin());
    // decision = (21.56521739 * 2 + 31.66473098) / 75 / 3
    EXPECT_NEAR(w.values.value("NoLocal", 2022, T, "wei_decision"), (2 * 21.56521739 + 31.66473098) / 225, 1e-14);
    ASSERT_EQ(w.report.notes.size(), 1u);
    EXPECT_NE(w.report.notes[0].note.find("the parliament share 21.56521739 stands in"), std::string::npos);
    // Without the flag a missing local-government share is missing.
    DatasetBuilder none;
    for (const auto& [i, s, v] :
         {std::tuple{"family_planning_satisfied", F, 81.2}, std::tuple{"adolescent_birth_rate", F, 32.9}})
        none.add("Y", 2022, s, i, v);
    EXPECT_THROW_MSG((void)gendex::compute("wei", std::move(none).build(), twin()), gendex::value_error,
                     "region 'Y', period 2022: upper_secondary_education (female) is missing; cannot compute wei");
}

TEST(Twin, BeyondAGoalpostAndZeros) {
    const auto& ed = twin();
    // WEI: values beyond a goalpost are capped there: ABR 250 > 200 gives 0, shares 80 > 75 give 1.
    gendex::paths::wei_array x{81.2, 250.0, 34.6, 27.19, 55.01, 52.3, 80.0, 80.0, 80.0, 9.0};
    auto v = gendex::paths::wei(ed, x);
    EXPECT_TRUE(v.status.ok());
    EXPECT_DOUBLE_EQ(v.dimension[0], 0.812 / 2);
    EXPECT_EQ(v.dimension[3], 1.0);
    // A zero dimension (violence at its goalpost 60) makes the geometric mean 0.
    x[9] = 60.0;
    EXPECT_EQ(gendex::paths::wei(ed, x).index, 0.0);
    // GGPI: no cap at 1 (women ahead count as such); a zero ratio gives 0; a zero denominator is invalid.
    gendex::paths::ggpi_array y{90, 80, 50, 40, 10, 10, 80, 80, 60, 60, 50, 50, 50};
    auto p = gendex::paths::ggpi(ed, y);
    EXPECT_DOUBLE_EQ(p.dimension[0], 90.0 / 80.0);
    EXPECT_GT(p.index, 1.0);
    y[12] = 0.0;
    EXPECT_EQ(gendex::paths::ggpi(ed, y).index, 0.0);
    y[3] = 0.0;  // men's secondary education 0
    const auto bad = gendex::paths::ggpi(ed, y);
    EXPECT_FALSE(bad.status.ok());
    EXPECT_EQ(bad.status.input, 3);
    EXPECT_TRUE(std::isnan(bad.index));
    y[3] = 40, y[10] = 100.0;  // all seats held by women: men's share 0
    EXPECT_EQ(gendex::paths::ggpi(ed, y).status.reason, gendex::kernel::fault::above_maximum);
}

}  // namespace
