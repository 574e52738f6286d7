// WEF Global Gender Gap Index: the wef2023 edition against Table B.2, raw-value
// cases by hand, the 12-of-14 rule, bad inputs, and the 146 economy profiles of
// GGGR 2023 (data/wef/, docs/gggi.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gendex/compute.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/gggi.hpp"
#include "test_support.hpp"

namespace {

using gendex::Dataset;
using gendex::DatasetBuilder;
using gendex::Sex;
namespace wef = gendex::wef;

using gendex::test::F;
using gendex::test::M;
using gendex::test::skip_invalid;
using gendex::test::T;

// A comma-separated file with a header and "quoted, fields" (the two files of data/wef/).
std::vector<std::map<std::string, std::string>> read_csv_rows(const std::string& rel) {
    std::ifstream in(gendex::test::data_file(rel));
    EXPECT_TRUE(in) << rel;
    const auto split = gendex::test::split_csv_line;
    std::string line;
    std::getline(in, line);
    const auto header = split(line);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        const auto fields = split(line);
        EXPECT_EQ(fields.size(), header.size()) << line;
        std::map<std::string, std::string> row;
        for (std::size_t k = 0; k < header.size() && k < fields.size(); ++k) row[header[k]] = fields[k];
        rows.push_back(std::move(row));
    }
    return rows;
}

// The column of the profile file behind an indicator id ("gggi_literacy_rate" -> "literacy_rate").
std::string column_of(std::string_view id) { return std::string(id.substr(5)); }

TEST(Gggi, EditionHoldsTableB2) {
    const auto& ed = gendex::edition(gendex::wef_edition_id);
    EXPECT_EQ(ed.id, "wef2023");
    const auto table = read_csv_rows("wef/gggi_weights_table_b2.csv");
    ASSERT_EQ(table.size(), wef::gggi_indicator_count);
    std::map<std::size_t, double> per_pp_sum;
    for (std::size_t k = 0; k < wef::gggi_indicator_count; ++k) {
        const auto& g = wef::gggi_indicators[k];
        EXPECT_EQ(column_of(g.id), table[k].at("indicator_column"));
        EXPECT_EQ(std::string(wef::gggi_subindex_names[g.subindex]), table[k].at("subindex"));
        EXPECT_EQ((ed.*g.weight).value, std::stod(table[k].at("weight"))) << g.id;
        EXPECT_EQ((ed.*g.sd).value, std::stod(table[k].at("sd_of_ratio"))) << g.id;
        per_pp_sum[g.subindex] += 0.01 / (ed.*g.sd).value;
    }
    // The weight is 0.01/sd normalised within the subindex. With sd printed at 3 dp (sex ratio at
    // birth: 0.010) the normalised values are within 0.005 of the printed weights, which WEF took
    // from unrounded sds; the kernel uses the printed weights.
    for (std::size_t k = 0; k < wef::gggi_indicator_count; ++k) {
        const auto& g = wef::gggi_indicators[k];
        EXPECT_NEAR(0.01 / (ed.*g.sd).value / per_pp_sum[g.subindex], (ed.*g.weight).value, 0.005) << g.id;
        EXPECT_NE(ed.source(std::string("gggi_weight_") + "labour_force").find("Table B.2"), std::string::npos);
    }
    EXPECT_EQ(ed.gggi_parity_benchmark.value, 1.0);
    EXPECT_EQ(ed.gggi_sex_ratio_at_birth_benchmark.value, 0.944);
    EXPECT_EQ(ed.gggi_healthy_life_benchmark.value, 1.06);
    EXPECT_EQ(ed.gggi_min_indicators.value, 12);
    EXPECT_EQ(ed.rounding_digits.value, 3);
    EXPECT_THROW_MSG((void)gendex::custom_edition(ed, "x", {{"gggi_min_indicators", 15, ""}}), gendex::value_error,
                     "'gggi_min_indicators' (15) must be between 1 and 14");
    EXPECT_THROW_MSG((void)gendex::custom_edition(ed, "x", {{"gggi_weight_literacy", 0, ""}}), gendex::value_error,
                     "'gggi_weight_literacy' (0) must be positive");
}

// Raw female and male values of every indicator, as (id, female, male).
struct raw {
    const char* id;
    double f, m;
};

// The hand case. Ratios f/m, truncated at the benchmark:
//   economic: LFP 50/80 = 0.625; wage 4.2/7 = 0.6; income 12000/10000 = 1.2 -> 1;
//             managers 30/70 = 0.428571...; professional 55/45 = 1.222 -> 1
//   education: literacy 90/100 = 0.9; primary 95/95 = 1; secondary 80/100 = 0.8; tertiary 40/20 = 2 -> 1
//   health: sex ratio at birth 100/105 = 0.952381 -> 0.944; HALE 66/60 = 1.1 -> 1.06
//   political: parliament 25/75 = 1/3; ministers 20/80 = 0.25; head of state 5/45 = 1/9
// Subindices with the Table B.2 weights:
//   economic  = (.199*.625 + .310*.6 + .221*1 + .149*3/7 + .121*1) / 1.000 = 0.716232142857143
//   education = (.191*.9 + .459*1 + .230*.8 + .121*1) / 1.001 = .9359/1.001  = 0.934965034965035
//   health    = (.693*.944 + .307*1.06) / 1.000 = .654192 + .32542           = 0.979612
//   political = (.310/3 + .247*.25 + .443/9) / 1.000                         = 0.214305555555556
//   gggi = (0.716232142857143 + 0.934965034965035 + 0.979612 + 0.214305555555556) / 4 = 0.711278683344433
const std::vector<raw> hand_case{
    {"gggi_labour_force_participation", 50, 80},
    {"gggi_wage_equality_for_similar_work", 4.2, 7},
    {"gggi_estimated_earned_income", 12000, 10000},
    {"gggi_legislators_senior_officials_and_managers", 30, 70},
    {"gggi_professional_and_technical_workers", 55, 45},
    {"gggi_literacy_rate", 90, 100},
    {"gggi_enrolment_in_primary_education", 95, 95},
    {"gggi_enrolment_in_secondary_education", 80, 100},
    {"gggi_enrolment_in_tertiary_education", 40, 20},
    {"gggi_sex_ratio_at_birth", 100, 105},
    {"gggi_healthy_life_expectancy", 66, 60},
    {"gggi_women_in_parliament", 25, 75},
    {"gggi_women_in_ministerial_positions", 20, 80},
    {"gggi_years_with_female_head_of_state", 5, 45},
};

Dataset hand_dataset(const std::vector<std::string>& leave_out = {}, const std::string& region = "HAND") {
    DatasetBuilder b;
    for (const auto& r : hand_case) {
        if (std::find(leave_out.begin(), leave_out.end(), r.id) != leave_out.end()) continue;
        b.add(region, 2023, F, r.id, r.f);
        b.add(region, 2023, M, r.id, r.m);
    }
    return std::move(b).build();
}

TEST(Gggi, RawValuesByHandWithTruncationAtEachBenchmark) {
    const auto r = gendex::compute("gggi", hand_dataset(), gendex::edition("wef2023"));
    const Dataset& v = r.values;
    EXPECT_NEAR(v.value("HAND", 2023, T, "gggi_economic_participation_and_opportunity"), 0.716232142857143, 1e-14);
    EXPECT_NEAR(v.value("HAND", 2023, T, "gggi_educational_attainment"), 0.934965034965035, 1e-14);
    EXPECT_NEAR(v.value("HAND", 2023, T, "gggi_health_and_survival"), 0.979612, 1e-14);
    EXPECT_NEAR(v.value("HAND", 2023, T, "gggi_political_empowerment"), 0.214305555555556, 1e-14);
    EXPECT_NEAR(v.value("HAND", 2023, T, "gggi"), 0.711278683344433, 1e-14);
    EXPECT_EQ(v.value("HAND", 2023, T, "gggi_rank"), 1.0);
    // The scores as entered: truncated at 1, at 0.944 and at 1.06; below a benchmark the ratio itself.
    EXPECT_EQ(v.value("HAND", 2023, T, "gggi_estimated_earned_income"), 1.0);
    EXPECT_EQ(v.value("HAND", 2023, T, "gggi_sex_ratio_at_birth"), 0.944);
    EXPECT_EQ(v.value("HAND", 2023, T, "gggi_healthy_life_expectancy"), 1.06);
    EXPECT_EQ(v.value("HAND", 2023, T, "gggi_labour_force_participation"), 0.625);
    EXPECT_EQ(r.report.computed, 1u);

    // The scalar kernel runs the same code: the same value, bit for bit.
    wef::gggi_input in{};
    in.score.fill(wef::absent);
    for (std::size_t k = 0; k < hand_case.size(); ++k) in.female[k] = hand_case[k].f, in.male[k] = hand_case[k].m;
    const auto one = wef::gggi(gendex::edition("wef2023"), in);
    EXPECT_TRUE(one.status.ok());
    EXPECT_EQ(one.gggi, v.value("HAND", 2023, T, "gggi"));
    // Just below the benchmark nothing is truncated: HALE 63.5/60 = 1.058333 enters as is.
    in.female[10] = 63.5;
    EXPECT_NEAR(wef::gggi(gendex::edition("wef2023"), in).score[10], 63.5 / 60, 1e-15);
    // Male 0 with female above 0 (a woman head of state for all 50 years): above any benchmark, 1.
    in.female[13] = 50, in.male[13] = 0;
    EXPECT_EQ(wef::gggi(gendex::edition("wef2023"), in).score[13], 1.0);
}

TEST(Gggi, TwelveOfFourteenRuleRenormalisesTheWeights) {
    // Without wage equality and primary enrolment (12 of 14) their weights are renormalised away:
    //   economic  = (.199*.625 + .221*1 + .149*3/7 + .121*1) / (.199 + .221 + .149 + .121)
    //             = .530232142857143 / .690 = 0.768452380952381
    //   education = (.191*.9 + .230*.8 + .121*1) / (.191 + .230 + .121) = .4769 / .542 = 0.879889298892989
    //   gggi = (0.768452380952381 + 0.879889298892989 + 0.979612 + 0.214305555555556) / 4 = 0.710564808850231
    const auto r = gendex::compute(
        "gggi", hand_dataset({"gggi_wage_equality_for_similar_work", "gggi_enrolment_in_primary_education"}),
        gendex::edition("wef2023"));
    EXPECT_NEAR(r.values.value("HAND", 2023, T, "gggi_economic_participation_and_opportunity"), 0.768452380952381,
                1e-14);
    EXPECT_NEAR(r.values.value("HAND", 2023, T, "gggi_educational_attainment"), 0.879889298892989, 1e-14);
    EXPECT_NEAR(r.values.value("HAND", 2023, T, "gggi"), 0.710564808850231, 1e-14);
    EXPECT_FALSE(r.values.find("HAND", 2023, T, "gggi_wage_equality_for_similar_work"));  // missing: no score row

    // 11 of 14: left out, every missing indicator named.
    const Dataset eleven = hand_dataset(
        {"gggi_wage_equality_for_similar_work", "gggi_enrolment_in_primary_education", "gggi_women_in_parliament"});
    EXPECT_THROW_MSG((void)gendex::compute("gggi", eleven, gendex::edition("wef2023")), gendex::value_error,
                     "region 'HAND', period 2023: has 11 of the 14 GGGI indicators; edition wef2023 requires at least "
                     "12 (gggi_min_indicators); missing: gggi_wage_equality_for_similar_work, "
                     "gggi_enrolment_in_primary_education, gggi_women_in_parliament; cannot compute gggi");
    const auto skipped = gendex::compute("gggi", eleven, gendex::edition("wef2023"), skip_invalid());
    ASSERT_EQ(skipped.report.skipped.size(), 1u);
    EXPECT_EQ(skipped.report.skipped[0].problem, gendex::Problem::missing);
    EXPECT_EQ(skipped.report.skipped[0].indicator, "gggi_wage_equality_for_similar_work");
    EXPECT_EQ(skipped.values.size(), 0u);
    // The rule is an edition constant: with 11 the same unit is computed.
    const auto relaxed = gendex::custom_edition("wef2023", "wef-11", {{"gggi_min_indicators", 11, ""}});
    EXPECT_EQ(gendex::compute("gggi", eleven, relaxed).report.computed, 1u);
    // 12 of 14 but no health indicator: a subindex cannot be formed.
    EXPECT_THROW_MSG(
        (void)gendex::compute("gggi", hand_dataset({"gggi_sex_ratio_at_birth", "gggi_healthy_life_expectancy"}),
                              gendex::edition("wef2023")),
        gendex::value_error,
        "no indicator of the GGGI subindex health_and_survival is given; missing: gggi_sex_ratio_at_birth, "
        "gggi_healthy_life_expectancy");
}

TEST(Gggi, BadInputsAreNamedNeverANumber) {
    const auto& ed = gendex::edition("wef2023");
    auto with = [](const char* id, Sex sex, double value) {
        DatasetBuilder b;
        for (const auto& r : hand_case) {
            if (r.id == std::string_view(id) && sex != T) {
                b.add("HAND", 2023, sex, r.id, value);
                continue;  // the other sex left out
            }
            b.add("HAND", 2023, F, r.id, r.f);
            b.add("HAND", 2023, M, r.id, r.m);
        }
        if (sex == T) b.add("HAND", 2023, T, id, value);
        return std::move(b).build();
    };
    // A female value without its male value.
    EXPECT_THROW_MSG((void)gendex::compute("gggi", with("gggi_literacy_rate", F, 90), ed), gendex::value_error,
                     "gggi_literacy_rate (male) is not a finite number");
    // 0/0 has no ratio.
    DatasetBuilder zero;
    for (const auto& r : hand_case) {
        const bool z = r.id == std::string_view("gggi_women_in_parliament");
        zero.add("HAND", 2023, F, r.id, z ? 0.0 : r.f);
        zero.add("HAND", 2023, M, r.id, z ? 0.0 : r.m);
    }
    EXPECT_THROW_MSG((void)gendex::compute("gggi", std::move(zero).build(), ed), gendex::value_error,
                     "gggi_women_in_parliament (male) must be above 0 (value 0)");
    // Raw values beside a score: the values are used, and noted.
    const auto noted = gendex::compute("gggi", with("gggi_literacy_rate", T, 0.5), ed);
    ASSERT_EQ(noted.report.notes.size(), 1u);
    EXPECT_EQ(noted.report.notes[0].note,
              "gggi_literacy_rate: female and male values given beside a score; the score of the values used");
    EXPECT_EQ(noted.values.value("HAND", 2023, T, "gggi_literacy_rate"), 0.9);
}

TEST(Gggi, ScoreAboveItsBenchmarkIsRejected) {
    DatasetBuilder b;
    for (const auto& r : hand_case)
        b.add("S", 2023, T, r.id, r.id == std::string("gggi_sex_ratio_at_birth") ? 0.95 : 0.5);
    EXPECT_THROW_MSG((void)gendex::compute("gggi", std::move(b).build(), gendex::edition("wef2023")),
                     gendex::value_error, "gggi_sex_ratio_at_birth (total) is above the maximum 0.944 (value 0.95)");
}

// GGGR 2023: the 146 economy profiles, from their 3-dp indicator scores.
TEST(Gggi, ReproducesTheGlobalGenderGapReport2023) {
    const auto rows = read_csv_rows("wef/gggi_2023_profiles.csv");
    ASSERT_EQ(rows.size(), 146u);
    DatasetBuilder b;
    for (const auto& row : rows)
        for (const auto& g : wef::gggi_indicators)
            if (const std::string& s = row.at(column_of(g.id)); !s.empty())
                b.add(row.at("country"), 2023, T, g.id, std::stod(s));
    const auto r = gendex::compute("gggi", std::move(b).build(), gendex::edition("wef2023"), skip_invalid());
    // China has 11 of the 14 in the file (an extraction gap; WEF covers it): left out by the rule.
    EXPECT_EQ(r.report.computed, 145u);
    ASSERT_EQ(r.report.skipped.size(), 1u);
    EXPECT_EQ(r.report.skipped[0].region, "China");

    // Tolerances (docs/gggi.md): scores rounded to 3 dp move a weighted mean by at most 0.0005, the
    // published figure is rounded by at most 0.0005, and the 3-dp weights leave at most 0.0005 for
    // a subindex (0.0001 for the mean of four).
    std::map<double, int> tied;
    for (const auto& row : rows) ++tied[std::stod(row.at("index"))];
    double worst_sub = 0, worst_index = 0;
    int ranks_checked = 0;
    for (const auto& row : rows) {
        const std::string& c = row.at("country");
        if (c == "China") continue;
        for (auto sub : wef::gggi_subindex_names) {
            const double published = std::stod(row.at(std::string(sub)));
            const double computed = r.values.value(c, 2023, T, "gggi_" + std::string(sub));
            EXPECT_NEAR(computed, published, 0.0015) << c << " " << sub;
            worst_sub = std::max(worst_sub, std::fabs(computed - published));
        }
        const double index = std::stod(row.at("index"));
        EXPECT_NEAR(r.values.value(c, 2023, T, "gggi"), index, 0.0011) << c;
        worst_index = std::max(worst_index, std::fabs(r.values.value(c, 2023, T, "gggi") - index));
        if (tied[index] > 1) continue;
        // Ranks among the 145 computed: China (rank 107, 0.678) is not among them, so those below it move up one.
        const int published_rank = std::stoi(row.at("rank"));
        EXPECT_EQ(r.values.value(c, 2023, T, "gggi_rank"), published_rank > 107 ? published_rank - 1 : published_rank)
            << c;
        ++ranks_checked;
    }
    EXPECT_LT(worst_sub, 0.0014);
    EXPECT_LT(worst_index, 0.0007);
    EXPECT_EQ(ranks_checked, 77);

    // China with the rule relaxed to the 11 indicators of the file: within the same tolerances.
    DatasetBuilder china;
    const auto& row = *std::find_if(rows.begin(), rows.end(), [](const auto& x) { return x.at("country") == "China"; });
    for (const auto& g : wef::gggi_indicators)
        if (const std::string& s = row.at(column_of(g.id)); !s.empty()) china.add("China", 2023, T, g.id, std::stod(s));
    const auto eleven = gendex::custom_edition("wef2023", "wef-11", {{"gggi_min_indicators", 11, ""}});
    const auto cn = gendex::compute("gggi", std::move(china).build(), eleven);
    EXPECT_NEAR(cn.values.value("China", 2023, T, "gggi"), std::stod(row.at("index")), 0.0011);
}

}  // namespace
