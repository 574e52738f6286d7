// BPS indices against BPS's published tables (data/bps/) and hand computations.
#include <fstream>
#include <set>
#include <sstream>

#include "gendex/align.hpp"
#include "gendex/indices/bps.hpp"
#include "gendex/io/bps_tables.hpp"
#include "gendex/io/region_csv.hpp"
#include "gendex/rounding.hpp"
#include "test_support.hpp"

using namespace gendex;

namespace {

const Edition& bps_edition() { return edition("bps"); }

using gendex::test::indonesia;

const Dataset& ipg_table() {
    static const Dataset ds =
        io::read_bps_table(gendex::test::data_file("bps/ipg_components_2010_2021.csv"), indonesia());
    return ds;
}

/// Comma-separated fields of each data line of a small fixture without quotes.
std::vector<std::vector<std::string>> read_rows(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // header
    std::vector<std::vector<std::string>> rows;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
        rows.push_back(std::move(f));
    }
    return rows;
}

struct IpmCheck {
    std::size_t rows = 0, within = 0, rows_2020_21 = 0, within_2020_21 = 0;
    std::set<std::tuple<std::string, std::int32_t, std::string>> far_off;  // |diff| > 0.05
};

IpmCheck check_ipm_by_sex(Sex sex) {
    const std::string ids[] = {"life_expectancy", "expected_schooling", "mean_schooling", "per_capita_expenditure",
                               "ipm"};
    std::vector<AlignedColumn> cols;
    for (const auto& id : ids) cols.push_back({id, sex});
    const AlignedTable t = align(ipg_table(), cols);
    IpmCheck c;
    for (std::size_t u = 0; u < t.units(); ++u) {
        bool complete = true;
        for (Eigen::Index j = 0; j < 5; ++j) complete = complete && t.present(static_cast<Eigen::Index>(u), j);
        if (!complete) continue;
        const auto v = bps::ipm(bps_edition(),
                                bps::ipm_input{t.column(0)[u], t.column(1)[u], t.column(2)[u], t.column(3)[u]}, sex);
        EXPECT_TRUE(v.status.ok());
        const double diff = std::abs(v.ipm - t.column(4)[u]);
        const bool ok = diff <= 0.01 + 1e-9;  // published to 2 decimals from unrounded components
        ++c.rows, c.within += ok;
        if (t.period[u] >= 2020) ++c.rows_2020_21, c.within_2020_21 += ok;
        if (diff > 0.05) c.far_off.emplace(t.region[u], t.period[u], std::string(to_string(sex)));
    }
    return c;
}

}  // namespace

// Acceptance: IPM_L and IPM_P recomputed from the rounded components within 0.01
// for at least 1,097 of 1,098 region-years of 2020-2021 and 94% of all rows.
TEST(BpsIpm, ReproducesThePublishedIpmBySex) {
    const IpmCheck m = check_ipm_by_sex(Sex::male), f = check_ipm_by_sex(Sex::female);
    EXPECT_EQ(m.rows_2020_21, 1098u);
    EXPECT_EQ(f.rows_2020_21, 1098u);
    EXPECT_EQ(m.within_2020_21, 1098u);
    EXPECT_GE(f.within_2020_21, 1097u);
    EXPECT_EQ(m.rows, 6002u);
    EXPECT_EQ(f.rows, 6002u);
    EXPECT_GE(static_cast<double>(m.within + f.within) / static_cast<double>(m.rows + f.rows), 0.94);
    // Rows far off their own published IPM are exactly the known inconsistencies of the source.
    std::set<std::tuple<std::string, std::int32_t, std::string>> far_off = m.far_off, known;
    far_off.insert(f.far_off.begin(), f.far_off.end());
    for (const auto& r : read_rows(gendex::test::fixture("bps_ipm_inconsistencies.csv")))
        known.emplace(r[0], std::stoi(r[1]), r[2]);
    EXPECT_EQ(far_off, known);
}

// The cap: men in Kota Jakarta Selatan 2021 spend above the maximum (BPS caps it).
TEST(BpsIpm, ExpenditureAboveTheMaximumIsCapped) {
    const double ppk = ipg_table().value("3171", 2021, Sex::male, "per_capita_expenditure");
    EXPECT_GT(ppk, bps_edition().expenditure_max.value);
    const auto v = bps::ipm(bps_edition(),
                            {ipg_table().value("3171", 2021, Sex::male, "life_expectancy"),
                             ipg_table().value("3171", 2021, Sex::male, "expected_schooling"),
                             ipg_table().value("3171", 2021, Sex::male, "mean_schooling"), ppk},
                            Sex::male);
    EXPECT_DOUBLE_EQ(v.expenditure, 1.0);
    EXPECT_NEAR(v.ipm, ipg_table().value("3171", 2021, Sex::male, "ipm"), 0.01);
    // Below the minimum is an error status, not a number.
    const auto low = bps::ipm(bps_edition(), {70, 12, 8, 900}, Sex::total);
    EXPECT_EQ(low.status, (kernel::unit_status{kernel::fault::below_minimum, 3}));
    EXPECT_TRUE(std::isnan(low.ipm));
}

// Acceptance: IPG from the published IPMs within 0.005 for every 2020-2021 row.
TEST(BpsIpg, FromPublishedIpmsMatchesEvery2020And2021Row) {
    const std::vector<AlignedColumn> cols = {{"ipm", Sex::female}, {"ipm", Sex::male}, {"ipg", Sex::total}};
    const AlignedTable t = align(ipg_table(), cols);
    std::size_t rows = 0, within = 0;
    for (std::size_t u = 0; u < t.units(); ++u) {
        if (t.period[u] < 2020 || !t.present(static_cast<Eigen::Index>(u), 2)) continue;
        ++rows;
        within += std::abs(bps::ipg(bps_edition(), t.column(0)[u], t.column(1)[u]) - t.column(2)[u]) <= 0.005 + 1e-9;
    }
    EXPECT_EQ(rows, 1098u);
    EXPECT_EQ(within, 1098u);
    // Kapuas 2021: 100 * 68.65 / 72.02 = 95.3207 -> published 95.32.
    EXPECT_NEAR(bps::ipg(bps_edition(), 68.65, 72.02), 95.32074423771175, 1e-12);
}

// Kapuas ranks first of Kalimantan Tengah's 14 kabupaten/kota on IPG 2021.
TEST(BpsIpg, KapuasRankWithinKalimantanTengah) {
    const auto kabkota = indonesia().children("62");
    ASSERT_EQ(kabkota.size(), 14u);
    std::vector<double> values;
    for (const auto& code : kabkota) values.push_back(ipg_table().value(code, 2021, Sex::total, "ipg"));
    const auto rank = competition_rank(values, bps_edition().rounding_digits.value, RankOrder::descending);
    const auto kapuas = static_cast<std::size_t>(std::find(kabkota.begin(), kabkota.end(), "6203") - kabkota.begin());
    EXPECT_EQ(rank[kapuas], 1);  // 95.32, then Kota Palangka Raya 95.01
    const auto palangka = static_cast<std::size_t>(std::find(kabkota.begin(), kabkota.end(), "6271") - kabkota.begin());
    EXPECT_EQ(rank[palangka], 2);
}

// Acceptance: IKG reproduces BPS's published values to 3 decimals.
TEST(BpsIkg, ReproducesEveryPublishedRow) {
    const auto rows = read_rows(gendex::test::data_file("bps/ikg_published.csv"));
    ASSERT_EQ(rows.size(), 17u);
    for (const auto& r : rows) {
        bps::ikg_input x{};
        double* fields[] = {&x.births_outside_facility,      &x.first_birth_before_20,
                            &x.parliament_share_f,           &x.parliament_share_m,
                            &x.upper_secondary_education_f,  &x.upper_secondary_education_m,
                            &x.labour_force_participation_f, &x.labour_force_participation_m};
        for (std::size_t k = 0; k < 8; ++k) *fields[k] = std::stod(r[2 + k]);
        const auto v = bps::ikg(bps_edition(), x);
        ASSERT_TRUE(v.status.ok()) << r[0] << " " << r[1];
        EXPECT_EQ(round_half_up(v.ikg, 3), std::stod(r[10])) << r[0] << " " << r[1] << " computed " << v.ikg;
    }
}

TEST(BpsIkg, FloorsAndHandComputation) {
    // Jawa Barat 2018 by hand: h = sqrt(0.5 / (19.8 * 27.9)) = 0.0300850; e_F = sqrt(0.22 * 0.2863) = 0.250970;
    // e_M = sqrt(0.78 * 0.3655) = 0.533938; G_F = (0.0300850 * 0.250970 * 0.4225)^(1/3) = 0.147209;
    // G_M = (0.533938 * 0.8296)^(1/3) = 0.762289; HARM = 2 / (1/0.147209 + 1/0.762289) = 0.246764;
    // G_FM = (0.515043 * 0.392454 * 0.62605)^(1/3) = 0.502050; IKG = 1 - 0.246764/0.502050 = 0.508488.
    const auto v = bps::ikg(bps_edition(), {19.8, 27.9, 22.0, 78.0, 28.63, 36.55, 42.25, 82.96});
    EXPECT_NEAR(v.health, 0.0300850, 1e-7);
    EXPECT_NEAR(v.g_f, 0.147209, 1e-6);
    EXPECT_NEAR(v.g_m, 0.762289, 1e-6);
    EXPECT_NEAR(v.harmonic, 0.246764, 1e-6);
    EXPECT_NEAR(v.reference, 0.502050, 1e-6);
    EXPECT_NEAR(v.ikg, 0.508488, 1e-6);
    EXPECT_EQ(round_half_up(v.ikg, 3), 0.508);  // published 0.508
    // MTF = 0 uses the floor 0.5: the same as MTF = 0.5.
    EXPECT_EQ(bps::ikg(bps_edition(), {0, 12.3, 25.47, 74.53, 64.32, 74.23, 50.24, 79.95}).ikg,
              bps::ikg(bps_edition(), {0.5, 12.3, 25.47, 74.53, 64.32, 74.23, 50.24, 79.95}).ikg);
    // No women in the DPRD: the edition's floor (0.1 %), men 99.9 %; a caller can change it.
    const bps::ikg_input no_women{20, 30, 0, 100, 30, 40, 45, 80};
    const auto floored = bps::ikg(bps_edition(), no_women);
    ASSERT_TRUE(floored.status.ok());
    EXPECT_NEAR(floored.empowerment_f, std::sqrt(0.001 * 0.30), 1e-15);
    EXPECT_NEAR(floored.empowerment_m, std::sqrt(0.999 * 0.40), 1e-15);
    const Edition custom = custom_edition("bps", "bps-floor-1pct", {{"ikg_parliament_floor", 1.0, "test"}});
    EXPECT_NEAR(bps::ikg(custom, no_women).empowerment_f, std::sqrt(0.01 * 0.30), 1e-15);
    // Zeros that have no floor are errors naming the input.
    const auto bad = bps::ikg(bps_edition(), {20, 0, 20, 80, 30, 40, 45, 80});
    EXPECT_EQ(bad.status, (kernel::unit_status{kernel::fault::below_minimum, 1}));
    EXPECT_EQ(kernel::describe(bad.status, bps::ikg_input_names),
              "first_birth_before_20 (female) is below the minimum");
    EXPECT_EQ(bps::ikg(bps_edition(), {20, 30, 20, 80, 101, 40, 45, 80}).status,
              (kernel::unit_status{kernel::fault::above_maximum, 4}));
}

// IDG: the participation indices are BPS's confirmed part (EDEP, epsilon 2, / 50).
TEST(BpsIdg, ConfirmedPartsByHand) {
    // Kapuas 2021: women 27.5 % of DPRD seats, 54.86 % of professionals; population shares 0.5/0.5:
    // EDEP(27.5, 72.5) = 1 / (0.5/27.5 + 0.5/72.5) = 39.875; / 50 = 0.7975.
    // EDEP(54.86, 45.14) = 1 / (0.5/54.86 + 0.5/45.14) = 49.527...; / 50 = 0.990550.
    const auto v = bps::idg(bps_edition(), {27.5, 54.86, 27.65, 0.5, 640});
    ASSERT_TRUE(v.status.ok());
    EXPECT_NEAR(v.parliament_index, 0.7975, 1e-12);
    EXPECT_NEAR(v.professional_index, 1.0 / (0.5 / 54.86 + 0.5 / 45.14) / 50.0, 1e-15);
    EXPECT_NEAR(v.professional_index, 0.99055, 1e-5);
    // Unconfirmed income step, as documented: S_f = 0.2765, EDEP(0.553, 1.447) = 0.80019;
    // (0.80019 * 640 - 360) / (732.72 - 300) = 0.35155.
    EXPECT_NEAR(v.income_index, (1.0 / (0.5 / 0.553 + 0.5 / 1.447) * 640 - 360) / 432.72, 1e-12);
    EXPECT_NEAR(v.income_index, 0.35155, 1e-5);
    EXPECT_NEAR(v.idg, 100.0 * (v.parliament_index + v.professional_index + v.income_index) / 3.0, 1e-12);
    // No women in the legislature: EDEP is 0 (BPS/UNDP rule), the index is 0, not an error.
    EXPECT_EQ(bps::idg(bps_edition(), {0, 54.86, 27.65, 0.5, 640}).parliament_index, 0.0);
    EXPECT_EQ(bps::idg(bps_edition(), {101, 54.86, 27.65, 0.5, 640}).status,
              (kernel::unit_status{kernel::fault::above_maximum, 0}));
    EXPECT_EQ(bps::idg(bps_edition(), {10, 54.86, 27.65, 1.0, 640}).status,
              (kernel::unit_status{kernel::fault::below_minimum, 3}));
}

// The worked examples of the methodology note (shared/methodology/bps.md, IDG), at their printed precision.
// Women's income share from wages and labour-force shares as the notes compute it (UNDP GEM 1995):
// r = W_f / W_m, S_f = r EA_f / (r EA_f + EA_m), in percent as BPS publishes "sumbangan pendapatan".
static double income_share_percent(double wage_f, double wage_m, double active_f) {
    const double r = wage_f / wage_m;
    return 100.0 * r * active_f / (r * active_f + (1.0 - active_f));
}

TEST(BpsIdg, IndonesiaHdr2001Aceh1996) {
    // Wages 271.929 / 383.423, labour force 38.4 % women, p_f = 0.499, PPP Rp 562.8 thousand.
    const double s_f = income_share_percent(271.929, 383.423, 0.384);
    EXPECT_NEAR(s_f / 100, 0.307, 0.0005);  // printed "Share of earned income, Female: 0.307"
    const auto v = bps::idg_income(bps_edition(), s_f, 0.499, 562.8);
    EXPECT_NEAR(v.proportional_share_f, 0.614, 0.0005);  // printed 0.614
    EXPECT_NEAR(v.proportional_share_m, 1.384, 0.0005);  // printed 1.384
    EXPECT_NEAR(v.income_ede, 0.85, 0.005);              // printed X_ede (Inc) = 0.85
    EXPECT_NEAR(v.income_index, 0.276, 0.0005);          // printed I_Inc-dis = 0.276: (0.85165 x 562.8 - 360) / 432.72
    // The note prints the denominator as 737.72 - 300: a misprint, that gives 0.273, not the printed 0.276.
    Edition misprint = bps_edition();
    misprint.idg_income_max.value = 737.72;
    EXPECT_NEAR(bps::idg_income(misprint, s_f, 0.499, 562.8).income_index, 0.2726, 0.0001);
}

TEST(BpsIdg, AcehHdr2010DkiJakarta2008) {
    // Wages Rp 1,320,438 / 1,796,428, labour force 40.2 % women, p_f = 0.509, PPP Rp 625.8 thousand:
    // r = 0.735, average 0.893, S_f = 0.331, S_m = 0.669 as printed.
    const double s_f = income_share_percent(1320438, 1796428, 0.402);
    EXPECT_NEAR(s_f / 100, 0.331, 0.0005);
    const auto v = bps::idg_income(bps_edition(), s_f, 0.509, 625.8);
    EXPECT_NEAR(v.proportional_share_f, 0.650, 0.0005);  // printed 0.650
    EXPECT_NEAR(v.proportional_share_m, 1.363, 0.0005);  // printed 1.363
}

TEST(BpsIdg, ImpliedPurchasingPowerInvertsTheIdg) {
    const Edition& ed = bps_edition();
    const auto v = bps::idg(ed, {27.5, 54.86, 27.65, 0.5, 640});
    EXPECT_NEAR(bps::idg_implied_purchasing_power(ed, v.idg, 27.5, 54.86, 27.65, 0.5), 640.0, 1e-9);
    // No women in parliament (many DPRD): EDEP = 0, so IDG = 100 (0 + 0.99055 + 0.35155) / 3 = 44.737.
    const auto none = bps::idg(ed, {0, 54.86, 27.65, 0.5, 640});
    ASSERT_TRUE(none.status.ok());
    EXPECT_EQ(none.parliament_index, 0.0);
    EXPECT_NEAR(none.idg, 44.737, 0.0005);
    EXPECT_NEAR(bps::idg_implied_purchasing_power(ed, none.idg, 0, 54.86, 27.65, 0.5), 640.0, 1e-9);
    // Solved by hand: I = 3 x 44.737 / 100 - 0.99055 = 0.35156; P = (0.35156 x 432.72 + 360) / 0.80019 = 640.0.
    EXPECT_TRUE(std::isnan(bps::idg_implied_purchasing_power(ed, 50, 101, 54.86, 27.65, 0.5)));
    EXPECT_TRUE(std::isnan(bps::idg_implied_purchasing_power(ed, 50, 10, 54.86, 0, 0.5)));  // no income share
}
