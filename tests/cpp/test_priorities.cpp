// Parity gains: which component drags an index furthest from equality.
// References are the index kernels run on inputs with the component set at
// parity by hand, a path independent of the Dataset substitution under test.
#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <string>

#include "gendex/analysis/priorities.hpp"
#include "gendex/indices/bps.hpp"
#include "gendex/indices/gdi.hpp"
#include "gendex/indices/gii.hpp"
#include "gii_unit.hpp"

using namespace gendex;

namespace {

using gendex::test::gii_data;
using gendex::test::gii_of;
using gendex::test::GiiUnit;

std::map<std::string, PriorityRow> by_component(const Priorities& g) {
    std::map<std::string, PriorityRow> m;
    for (const auto& r : g.rows) m[r.component] = r;
    return m;
}

}  // namespace

TEST(Priorities, GiiEachComponentAtParityAsTheKernelComputesIt) {
    const GiiUnit x{200, 50, 20, 80, 40, 60, 45, 75};
    const Priorities g = priorities("gii", gii_data("AAA", 2022, x), edition("hdr2025"));
    ASSERT_EQ(g.rows.size(), 4u);
    EXPECT_TRUE(g.notes.empty());
    const double observed = gii_of(x);
    auto m = by_component(g);
    // Reproductive health at men's level: MMR at its lower bound 10, ABR 1 (health term 1).
    EXPECT_DOUBLE_EQ(m["reproductive_health"].at_parity, gii_of({10, 1, 20, 80, 40, 60, 45, 75}));
    EXPECT_DOUBLE_EQ(m["parliament_share"].at_parity, gii_of({200, 50, 50, 50, 40, 60, 45, 75}));
    EXPECT_DOUBLE_EQ(m["secondary_education"].at_parity, gii_of({200, 50, 20, 80, 60, 60, 45, 75}));
    EXPECT_DOUBLE_EQ(m["labour_force_participation"].at_parity, gii_of({200, 50, 20, 80, 40, 60, 75, 75}));
    for (const auto& [name, r] : m) {
        EXPECT_EQ(r.value, observed) << name;
        EXPECT_DOUBLE_EQ(r.gain, observed - r.at_parity) << name;  // GII: distance from 0
        EXPECT_GT(r.gain, 0.0) << name;                            // women behind on every component here
    }
    // Ranked by gain, largest first: 1..4 in row order.
    for (std::size_t k = 0; k < g.rows.size(); ++k) {
        EXPECT_EQ(g.rows[k].rank, static_cast<std::int32_t>(k + 1));
        if (k > 0) {
            EXPECT_GE(g.rows[k - 1].gain, g.rows[k].gain);
        }
    }
    // With MMR 200 and ABR 50 the health term is sqrt(10/200 * 1/50) = 0.0316: the biggest drag.
    EXPECT_EQ(g.rows.front().component, "reproductive_health");
}

TEST(Priorities, GiiCountsInequalityEitherWay) {
    // Only education differs, women ahead: the GII (a harmonic against an
    // arithmetic mean) is above 0 all the same, and parity there removes it.
    const GiiUnit x{10, 1, 50, 50, 70, 60, 60, 60};
    const Priorities g = priorities("gii", gii_data("AAA", 2022, x), edition("hdr2025"));
    auto m = by_component(g);
    EXPECT_GT(m["secondary_education"].value, 0.0);
    EXPECT_NEAR(m["secondary_education"].at_parity, 0.0, 1e-15);
    EXPECT_EQ(m["secondary_education"].rank, 1);
    // The other components are already at parity: nothing to gain.
    EXPECT_DOUBLE_EQ(m["parliament_share"].gain, 0.0);
    EXPECT_DOUBLE_EQ(m["labour_force_participation"].gain, 0.0);
    EXPECT_DOUBLE_EQ(m["reproductive_health"].gain, 0.0);
}

TEST(Priorities, GdiComponentWhereWomenAreAheadHasANegativeGainAndRanksLast) {
    // Women live 8 years longer than men (parity on the health index is +5) but
    // earn half: GDI < 1, and life expectancy at parity would lower it further.
    DatasetBuilder b;
    for (const auto& [sex, le, gni] : {std::tuple{Sex::female, 78.0, 5000.0}, std::tuple{Sex::male, 70.0, 10000.0}}) {
        b.add("FFF", 2020, sex, "life_expectancy", le);
        b.add("FFF", 2020, sex, "expected_schooling", 12.0);
        b.add("FFF", 2020, sex, "mean_schooling", 8.0);
        b.add("FFF", 2020, sex, "gni_per_capita", gni);
    }
    const Priorities g = priorities("gdi", std::move(b).build(), edition("hdr2025"));
    auto m = by_component(g);
    EXPECT_LT(m["life_expectancy"].value, 1.0);
    EXPECT_LT(m["life_expectancy"].gain, 0.0);
    EXPECT_EQ(m["life_expectancy"].rank, 4);
    EXPECT_EQ(m["gni_per_capita"].rank, 1);
    EXPECT_DOUBLE_EQ(m["expected_schooling"].gain, 0.0);
}

TEST(Priorities, GdiLifeExpectancyAtParityMeansMensHealthIndex) {
    // hdr2025: women 22.5-87.5, men 17.5-82.5, so parity is women's LE = men's + 5.
    const Edition& ed = edition("hdr2025");
    DatasetBuilder b;
    const undp::gdi_input x{74.0, 12.0, 7.0, 6000.0, 70.0, 13.0, 9.0, 12000.0};
    const std::pair<const char*, double> f[] = {{"life_expectancy", x.life_expectancy_f},
                                                {"expected_schooling", x.expected_schooling_f},
                                                {"mean_schooling", x.mean_schooling_f},
                                                {"gni_per_capita", x.gni_per_capita_f}};
    const std::pair<const char*, double> m[] = {{"life_expectancy", x.life_expectancy_m},
                                                {"expected_schooling", x.expected_schooling_m},
                                                {"mean_schooling", x.mean_schooling_m},
                                                {"gni_per_capita", x.gni_per_capita_m}};
    for (const auto& [id, v] : f) b.add("BBB", 2020, Sex::female, id, v);
    for (const auto& [id, v] : m) b.add("BBB", 2020, Sex::male, id, v);
    const Priorities g = priorities("gdi", std::move(b).build(), ed);
    ASSERT_EQ(g.rows.size(), 4u);
    auto rows = by_component(g);
    auto gdi_with = [&](undp::gdi_input y) { return undp::gdi(ed, y).gdi; };
    undp::gdi_input le = x;
    le.life_expectancy_f = 75.0;  // 70 + 5
    EXPECT_DOUBLE_EQ(rows["life_expectancy"].at_parity, gdi_with(le));
    undp::gdi_input gni = x;
    gni.gni_per_capita_f = 12000.0;
    EXPECT_DOUBLE_EQ(rows["gni_per_capita"].at_parity, gdi_with(gni));
    const double observed = gdi_with(x);
    // GDI: gain = distance from 1 removed. Women's 74 years are below the 75 that
    // matches men's 70 on the health index, so LE parity raises a GDI below 1.
    EXPECT_LT(observed, 1.0);
    EXPECT_DOUBLE_EQ(rows["life_expectancy"].gain,
                     std::fabs(observed - 1) - std::fabs(rows["life_expectancy"].at_parity - 1));
    EXPECT_GT(rows["life_expectancy"].gain, 0.0);
    // Half the income is the largest drag.
    EXPECT_EQ(g.rows.front().component, "gni_per_capita");
}

TEST(Priorities, IkgOfJawaBarat2018) {
    // data/bps/ikg_published.csv, JAWA BARAT 2018: MTF 19.8, MHPK20 27.9, parliament 22/78,
    // SMA+ 28.63/36.55, TPAK 42.25/82.96; published IKG 0.508.
    const Edition& ed = edition("bps");
    DatasetBuilder b;
    b.add("JAWA BARAT", 2018, Sex::female, "births_outside_facility", 19.8);
    b.add("JAWA BARAT", 2018, Sex::female, "first_birth_before_20", 27.9);
    b.add("JAWA BARAT", 2018, Sex::female, "parliament_share", 22.0);
    b.add("JAWA BARAT", 2018, Sex::male, "parliament_share", 78.0);
    b.add("JAWA BARAT", 2018, Sex::female, "upper_secondary_education", 28.63);
    b.add("JAWA BARAT", 2018, Sex::male, "upper_secondary_education", 36.55);
    b.add("JAWA BARAT", 2018, Sex::female, "labour_force_participation", 42.25);
    b.add("JAWA BARAT", 2018, Sex::male, "labour_force_participation", 82.96);
    const Priorities g = priorities("ikg", std::move(b).build(), ed);
    ASSERT_EQ(g.rows.size(), 4u);
    EXPECT_NEAR(g.rows[0].value, 0.508, 0.0005);
    auto ikg_with = [&](bps::ikg_input y) { return bps::ikg(ed, y).ikg; };
    const bps::ikg_input x{19.8, 27.9, 22.0, 78.0, 28.63, 36.55, 42.25, 82.96};
    auto rows = by_component(g);
    // Men's health term is 1 at MTF = floor (0.5) and MHPK20 = 0.5 / 0.5 = 1.
    bps::ikg_input health = x;
    health.births_outside_facility = 0.5, health.first_birth_before_20 = 1.0;
    EXPECT_NEAR(rows["reproductive_health"].at_parity, ikg_with(health), 1e-12);
    bps::ikg_input labour = x;
    labour.labour_force_participation_f = 82.96;
    EXPECT_NEAR(rows["labour_force_participation"].at_parity, ikg_with(labour), 1e-12);
    for (const auto& r : g.rows) EXPECT_GT(r.gain, 0.0) << r.component;
}

TEST(Priorities, MissingMaleValueIsNamedNotGuessed) {
    DatasetBuilder b;
    b.add("CCC", 2021, Sex::female, "maternal_mortality", 100);
    b.add("CCC", 2021, Sex::female, "adolescent_birth_rate", 30);
    b.add("CCC", 2021, Sex::female, "parliament_share", 30);
    b.add("CCC", 2021, Sex::female, "secondary_education", 50);
    b.add("CCC", 2021, Sex::male, "secondary_education", 55);
    b.add("CCC", 2021, Sex::female, "labour_force_participation", 50);
    b.add("CCC", 2021, Sex::male, "labour_force_participation", 70);
    // Parliament: the male share is implied (100 - 30) by the GII; parity is 50/50 all the same.
    const Priorities g = priorities("gii", std::move(b).build(), edition("hdr2025"));
    EXPECT_EQ(g.rows.size(), 4u);
    EXPECT_TRUE(g.notes.empty());

    // GDI with income estimated from the total (wage ratio, active and population shares):
    // there is no female income to set to men's, so that component is named, not guessed.
    DatasetBuilder c;
    c.add("DDD", 2021, Sex::female, "life_expectancy", 70);
    c.add("DDD", 2021, Sex::male, "life_expectancy", 66);
    c.add("DDD", 2021, Sex::female, "expected_schooling", 12);
    c.add("DDD", 2021, Sex::male, "expected_schooling", 12);
    c.add("DDD", 2021, Sex::female, "mean_schooling", 8);
    c.add("DDD", 2021, Sex::male, "mean_schooling", 9);
    c.add("DDD", 2021, Sex::total, "gni_per_capita", 7000);
    c.add("DDD", 2021, Sex::total, "wage_ratio", 0.7);
    c.add("DDD", 2021, Sex::female, "economically_active_share", 40);
    c.add("DDD", 2021, Sex::female, "population", 500);
    c.add("DDD", 2021, Sex::male, "population", 500);
    const Priorities h = priorities("gdi", std::move(c).build(), edition("hdr2025"));
    ASSERT_EQ(h.rows.size(), 3u);
    for (const auto& r : h.rows) EXPECT_NE(r.component, "gni_per_capita");
    ASSERT_EQ(h.notes.size(), 1u);
    EXPECT_EQ(h.notes[0].region, "DDD");
    EXPECT_EQ(h.notes[0].note,
              "gni_per_capita: gni_per_capita has no female value in the data (the index was computed without it)");
}

TEST(Priorities, UnknownIndexIsAKeyError) {
    try {
        (void)priorities("hdi", Dataset{}, edition("hdr2025"));
        FAIL() << "no throw";
    } catch (const key_error& e) {
        EXPECT_NE(std::string(e.what()).find("unknown index 'hdi' (known: gdi, gii, ipg, ikg)"), std::string::npos);
    }
}

TEST(Priorities, ComponentLabelsInEnglishAndIndonesian) {
    EXPECT_EQ(component_label("reproductive_health", Language::id), "Kesehatan reproduksi");
    EXPECT_EQ(component_label("reproductive_health", Language::en), "Reproductive health");
    EXPECT_EQ(component_label("labour_force_participation", Language::id), "Tingkat Partisipasi Angkatan Kerja (TPAK)");
}
