#include <fstream>

#include "gendex/io/bps_tables.hpp"
#include "gendex/io/region_csv.hpp"
#include "test_support.hpp"

using namespace gendex;

namespace {
using gendex::test::indonesia;
}  // namespace

TEST(IndonesiaRegions, CodesNamesAndAliases) {
    const auto& h = indonesia();
    EXPECT_EQ(h.size(), 549u);  // Indonesia, 34 provinces, 514 kabupaten/kota
    EXPECT_EQ(h.by_code("6203").name, "KAPUAS");
    EXPECT_EQ(h.by_code("6203").parent, "62");
    EXPECT_EQ(h.by_code("62").name, "KALIMANTAN TENGAH");
    EXPECT_EQ(h.children("62").size(), 14u);
    EXPECT_EQ(h.find_child("62", "Kota Palangka Raya"), std::optional<std::string>("6271"));  // letter case ignored
    EXPECT_EQ(h.find_child("31", "Kodya Jakarta Selatan"), std::optional<std::string>("3171"));
    EXPECT_EQ(h.find_child("00", "KEP. RIAU"), std::optional<std::string>("21"));
    // GORONTALO is a province (75) and a kabupaten (7502): the parent decides.
    EXPECT_EQ(h.find_child("00", "GORONTALO"), std::optional<std::string>("75"));
    EXPECT_EQ(h.find_child("75", "GORONTALO"), std::optional<std::string>("7502"));
    EXPECT_EQ(h.find_child("62", "BOGOR"), std::nullopt);
}

TEST(BpsTables, IpgTableResolvesEveryRegion) {
    io::BpsTableReport report;
    const Dataset ds = io::read_bps_table(gendex::test::data_file("bps/ipg_components_2010_2021.csv"), indonesia(),
                                          IndicatorRegistry::standard(), &report);
    EXPECT_TRUE(report.repeats.empty());
    // Kapuas 2021 as published: UHH 66.76 / 70.70, IPM 72.02 / 68.65, IPG 95.32.
    EXPECT_DOUBLE_EQ(ds.value("6203", 2021, Sex::male, "life_expectancy"), 66.76);
    EXPECT_DOUBLE_EQ(ds.value("6203", 2021, Sex::female, "life_expectancy"), 70.7);
    EXPECT_DOUBLE_EQ(ds.value("6203", 2021, Sex::female, "per_capita_expenditure"), 10536);
    EXPECT_DOUBLE_EQ(ds.value("6203", 2021, Sex::male, "ipm"), 72.02);
    EXPECT_DOUBLE_EQ(ds.value("6203", 2021, Sex::total, "ipg"), 95.32);
    EXPECT_DOUBLE_EQ(ds.value("00", 2021, Sex::total, "ipg"), 91.27);
    EXPECT_EQ(ds.row(*ds.find("6203", 2021, Sex::male, "per_capita_expenditure")).unit, "thousand Rp/person/year");
}

TEST(BpsTables, IdgTableKeepsKalimantanUtaraOnce) {
    io::BpsTableReport report;
    const Dataset ds = io::read_bps_table(gendex::test::data_file("bps/idg_components_2010_2021.csv"), indonesia(),
                                          IndicatorRegistry::standard(), &report);
    // Five Kalimantan Utara kabupaten/kota listed under Kalimantan Timur too, for 2020 and 2021.
    EXPECT_EQ(report.repeats.size(), 10u);
    EXPECT_DOUBLE_EQ(ds.value("6203", 2021, Sex::female, "parliament_share"), 27.5);
    EXPECT_DOUBLE_EQ(ds.value("6203", 2021, Sex::female, "income_share"), 27.65);
    EXPECT_DOUBLE_EQ(ds.value("6203", 2021, Sex::total, "idg"), 73.02);
}

TEST(BpsTables, UnknownRegionsAndConflictsAreNamed) {
    gendex::test::TempDir dir;
    const auto f = dir.path / "t.csv";
    auto write = [&](const std::string& text) { std::ofstream(f) << text; };
    const std::string head =
        "source_row,level,province,region,year,parlemen_p_pct,profesional_p_pct,sumbangan_pendapatan_p_pct,idg\n";
    write(head + "1,kabkota,KALIMANTAN TENGAH,ATLANTIS,2021,10,40,30,60\n");
    EXPECT_THROW_MSG(
        (void)io::read_bps_table(f, indonesia()), key_error,
        "line 2, column 'region': region 'ATLANTIS' (kabkota, province 'KALIMANTAN TENGAH') has no BPS code");
    write(head +
          "1,kabkota,KALIMANTAN TENGAH,KAPUAS,2021,10,40,30,60\n2,kabkota,KALIMANTAN TENGAH,Kapuas,2021,11,40,30,60\n");
    EXPECT_THROW_MSG((void)io::read_bps_table(f, indonesia()), value_error,
                     "line 3: region 6203 ('Kapuas') year 2021 repeats line 2 with other values");
    write(head + "1,kabkota,KALIMANTAN TENGAH,KAPUAS,2021,10,40,30,x\n");
    EXPECT_THROW_MSG((void)io::read_bps_table(f, indonesia()), value_error,
                     "line 2, column 'idg': non-numeric value 'x'");
}
