#include <fstream>
#include <map>
#include <set>

#include "gendex/io/hdr_wide.hpp"
#include "gendex/io/sdmx_csv.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "test_support.hpp"

using namespace gendex;
using gendex::test::data_file;

namespace {

Dataset parse(const std::string& text, io::Encoding enc = io::Encoding::automatic) {
    return io::parse_csv(text, "in.csv", IndicatorRegistry::standard(), enc);
}

const std::string header = "region,period,sex,indicator,value\n";

using gendex::test::split_csv_line;

}  // namespace

TEST(TidyCsv, ReadsContractColumnsAndNormalisesSexCodes) {
    const Dataset ds = parse(
        "indicator, region ,period,sex,value,se,age_group\n"
        "life_expectancy,IDN,2020,P,73.5,0.1,\n"
        "life_expectancy,IDN,2020,L,69.5,,\r\n"
        "\n"
        "labour_force_participation,IDN,2020,F,53.1,,15+\n"
        "population,\"Kab. Kapuas, Kalteng\",2020,total,410000,,\n");
    ASSERT_EQ(ds.size(), 4u);
    EXPECT_DOUBLE_EQ(ds.value("IDN", 2020, Sex::female, "life_expectancy"), 73.5);
    EXPECT_DOUBLE_EQ(ds.row(0).se, 0.1);
    EXPECT_DOUBLE_EQ(ds.value("IDN", 2020, Sex::male, "life_expectancy"), 69.5);
    EXPECT_DOUBLE_EQ(ds.value("IDN", 2020, Sex::female, "labour_force_participation", "15+"), 53.1);
    EXPECT_DOUBLE_EQ(ds.value("Kab. Kapuas, Kalteng", 2020, Sex::total, "population"), 410000);
}

TEST(TidyCsv, WriteThenReadIsBitForBit) {
    DatasetBuilder b;
    b.add("IDN", 2020, Sex::female, "life_expectancy", 0.1 + 0.2 + 70, "", 1.0 / 3.0, "years", "BPS, 2021");
    b.add("Kab. \"Kapuas\"", 2020, Sex::male, "life_expectancy", 5e-324 + 60, "0-4");
    b.add("IDN", 2021, Sex::total, "gni_per_capita", 12345.678901234567);
    const Dataset ds = std::move(b).build();
    const std::string text = io::format_csv(ds);
    EXPECT_EQ(text.substr(0, text.find('\n')), "region,period,sex,indicator,value,age_group,se,unit,source");
    EXPECT_TRUE(parse(text) == ds);
}

TEST(TidyCsv, EachBadInputIsNamed) {
    EXPECT_THROW_MSG(parse(""), value_error, "in.csv: file is empty");
    EXPECT_THROW_MSG(parse("region,period,sex,value\n"), value_error,
                     "in.csv: line 1: missing required column 'indicator'");
    EXPECT_THROW_MSG(parse("region,period,sex,indicator,value,stderr\n"), value_error,
                     "in.csv: line 1, column 'stderr': unknown column");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,X,hdi,0.7\n"), value_error,
                     "in.csv: line 2, column 'sex': unknown sex code 'X'");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,total,hdi,abc\n"), value_error,
                     "in.csv: line 2, column 'value': non-numeric value 'abc'");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,total,hdi,\n"), value_error,
                     "in.csv: line 2, column 'value': value is empty");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,total,hdi,inf\n"), value_error,
                     "in.csv: line 2, column 'value': value is not a finite number");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,total,hdi,nan\n"), value_error, "value is not a finite number");
    EXPECT_THROW_MSG(
        parse(header + "IDN,2020,total,hdi,0.7\nIDN,2020,T,hdi,0.8\n"), value_error,
        "in.csv: line 3: duplicate key (region 'IDN', period 2020, sex total, indicator 'hdi'), first given "
        "at in.csv: line 2");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,total,hdi,1.2\n"), value_error,
                     "in.csv: line 2, column 'value': value 1.2 is outside the valid range [0, 1] of 'hdi'");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,total,happiness,7\n"), key_error,
                     "in.csv: line 2, column 'indicator': unknown indicator 'happiness'");
    EXPECT_THROW_MSG(parse(header + "IDN,2020.5,total,hdi,0.7\n"), value_error,
                     "in.csv: line 2, column 'period': period '2020.5' is not an integer year");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,total,hdi\n"), value_error,
                     "in.csv: line 2: ragged row: 4 fields, the header has 5");
    EXPECT_THROW_MSG(parse(header + "IDN,2020,total,hdi,0.7,1\n"), value_error, "ragged row: 6 fields");
    EXPECT_THROW_MSG(parse(header + "\"IDN,2020,total,hdi,0.7\n"), value_error,
                     "in.csv: line 2: quoted field is never closed");
    EXPECT_THROW_MSG(parse("region,period,sex,indicator,value,se\nIDN,2020,total,hdi,0.7,x\n"), value_error,
                     "column 'se': non-numeric standard error 'x'");
}

TEST(TidyCsv, EncodingsAreDecodedOrRejected) {
    // "Côte" in cp1252 (0xF4) and in UTF-8 (0xC3 0xB4) read to the same region.
    const std::string cp1252 = header + "C\xF4te d'Ivoire,2020,total,hdi,0.55\n";
    const std::string utf8 = header + "C\xC3\xB4te d'Ivoire,2020,total,hdi,0.55\n";
    EXPECT_TRUE(parse(cp1252) == parse(utf8));
    EXPECT_EQ(parse(cp1252).row(0).region, "C\xC3\xB4te d'Ivoire");
    EXPECT_THROW_MSG(parse(cp1252, io::Encoding::utf8), value_error,
                     "in.csv: line 2: invalid UTF-8 byte 0xF4 at offset");
    // 0x81 is undefined in cp1252, so the bytes are neither encoding.
    EXPECT_THROW_MSG(parse(header + "X\x81,2020,total,hdi,0.5\n"), value_error,
                     "in.csv: line 2: byte 0x81 at offset 35 is neither valid UTF-8 nor defined in cp1252");
    // A UTF-8 byte-order mark is not part of the first column name.
    EXPECT_EQ(parse("\xEF\xBB\xBF" + header + "IDN,2020,total,hdi,0.5\n").size(), 1u);
}

TEST(TidyCsv, FailedWriteLeavesNothingBehind) {
    gendex::test::TempDir dir;
    DatasetBuilder b;
    b.add("IDN", 2020, Sex::total, "hdi", 0.7);
    const Dataset ds = std::move(b).build();
    EXPECT_THROW_MSG(io::write_csv(ds, dir.path / "no-such-folder" / "out.csv"), value_error,
                     "cannot open file for writing");
    EXPECT_TRUE(std::filesystem::is_empty(dir.path));
    io::write_csv(ds, dir.path / "out.csv");
    EXPECT_TRUE(io::read_csv(dir.path / "out.csv") == ds);
    EXPECT_THROW_MSG((void)io::read_csv(dir.path / "missing.csv"), value_error,
                     "missing.csv: cannot open file for reading");
}

// Acceptance: one tidy row per non-empty cell of the mapped columns, for each edition's file.
class HdrFile : public ::testing::TestWithParam<const char*> {};

TEST_P(HdrFile, OneTidyRowPerNonEmptyMappedCell) {
    const auto path = data_file(GetParam());
    std::set<std::string> stems;
    for (const auto& c : io::hdr_columns()) stems.insert(std::string(c.stem));
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);
    const auto head = split_csv_line(line);
    std::vector<bool> mapped(head.size(), false);
    for (std::size_t i = 0; i < head.size(); ++i) {
        const auto& h = head[i];
        if (h.size() > 5 && h[h.size() - 5] == '_' && stems.count(h.substr(0, h.size() - 5))) mapped[i] = true;
    }
    std::size_t cells = 0, rows = 0;
    while (std::getline(in, line)) {
        const auto f = split_csv_line(line);
        ASSERT_EQ(f.size(), head.size());
        ++rows;
        for (std::size_t i = 0; i < f.size(); ++i) cells += mapped[i] && !f[i].empty();
    }
    EXPECT_EQ(rows, 206u);  // 195 countries + 11 aggregates
    const Dataset ds = io::read_hdr(path);
    EXPECT_EQ(ds.size(), cells);
    EXPECT_GT(cells, 150000u);
    // Tidy text of it reads back to the same Dataset, bit for bit.
    EXPECT_TRUE(io::parse_csv(io::format_csv(ds), "roundtrip.csv") == ds);
}

INSTANTIATE_TEST_SUITE_P(Editions, HdrFile, ::testing::ValuesIn(gendex::test::hdr_files));

TEST(Hdr, MapsColumnsToContractIdsAndSexes) {
    const Dataset ds = io::read_hdr(data_file("undp/HDR25_Composite_indices_complete_time_series.csv"));
    // Published values of HDR25 (hdi_f_2023 etc. carry ~9 decimals).
    EXPECT_DOUBLE_EQ(ds.value("NOR", 2023, Sex::total, "hdi"), 0.97);
    EXPECT_DOUBLE_EQ(ds.value("NOR", 1990, Sex::total, "hdi"), 0.856);
    EXPECT_EQ(ds.value("NOR", 2023, Sex::total, "hdi_rank"), 2);
    EXPECT_EQ(ds.find("CIV", 2023, Sex::total, "hdi").has_value(), true);
    EXPECT_GT(ds.value("QAT", 2023, Sex::male, "gni_per_capita"), ds.value("QAT", 2023, Sex::female, "gni_per_capita"));
    EXPECT_EQ(ds.row(*ds.find("NOR", 2023, Sex::total, "population")).unit, "millions");
    EXPECT_EQ(ds.row(0).source, "HDR25_Composite_indices_complete_time_series.csv");
    EXPECT_DOUBLE_EQ(ds.value("NOR", 2023, Sex::female, "maternal_mortality"), 1.663741403);
    EXPECT_DOUBLE_EQ(ds.value("NOR", 2023, Sex::total, "population"), 5.519167);
    // The cp1252 name of Côte d'Ivoire decodes to UTF-8.
    const auto regions = io::read_hdr_regions(data_file("undp/HDR25_Composite_indices_complete_time_series.csv"));
    EXPECT_EQ(regions.by_code("CIV").name, "C\xC3\xB4te d'Ivoire");
    EXPECT_EQ(regions.by_code("CIV").parent, "ZZJ.SSA");
    EXPECT_EQ(regions.by_name("norway").code, "NOR");
    EXPECT_EQ(regions.by_code("ZZK.WORLD").level, "aggregate");
}

TEST(Hdr, BadCellsAreNamed) {
    EXPECT_THROW_MSG((void)io::parse_hdr("iso3,country,hdi_1990\nAAA,A,x\n", "h.csv"), value_error,
                     "h.csv: line 2, column 'hdi_1990': non-numeric value 'x'");
    EXPECT_THROW_MSG((void)io::parse_hdr("iso3,country,hdi_1990\nAAA,A,1.5\n", "h.csv"), value_error,
                     "h.csv: line 2, column 'hdi_1990': value 1.5 is outside the valid range [0, 1] of 'hdi'");
    EXPECT_THROW_MSG((void)io::parse_hdr("country,hdi_1990\nA,0.5\n", "h.csv"), value_error,
                     "missing required column 'iso3'");
    EXPECT_THROW_MSG((void)io::parse_hdr("iso3,country,foo\nAAA,A,1\n", "h.csv"), value_error,
                     "no indicator_year column");
    EXPECT_THROW_MSG((void)io::parse_hdr("iso3,country,hdi_1990\nAAA,A\n", "h.csv"), value_error, "ragged row");
}

// SDMX-CSV (docs/sdmx.md): a women's series, a series whose SEX column gives the sex, a missing value.
namespace {
const io::SdmxMapping sdmx_mapping{{"SG_GEN_PARL", "parliament_share", Sex::female},
                                   {"SL_TLF_NEET", "neet_rate", std::nullopt}};
}  // namespace

TEST(SdmxCsv, ReadsVersionOneAndTwoAndWritesVersionOne) {
    const Dataset v1 = io::parse_sdmx_csv(
        "DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE\n"
        "UNSD:DF_SDG_GLH(1.0),SG_GEN_PARL,IDN,_T,2023,21.91,E,PT\n"
        "UNSD:DF_SDG_GLH(1.0),SL_TLF_NEET,IDN,M,2022,18.1,,PT\n"
        "UNSD:DF_SDG_GLH(1.0),SL_TLF_NEET,IDN,F,2022,#N/A,,PT\n",
        "v1.csv", sdmx_mapping);
    ASSERT_EQ(v1.size(), 2u);  // #N/A: an intended missing value, no row
    EXPECT_EQ(v1.value("IDN", 2023, Sex::female, "parliament_share"), 21.91);  // a women's series, SEX _T
    EXPECT_EQ(v1.row(0).source, "UNSD:DF_SDG_GLH(1.0); OBS_STATUS=E");
    EXPECT_EQ(v1.row(1).unit, "PT");
    const Dataset v2 = io::parse_sdmx_csv(
        "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\n"
        "dataflow,UNSD:DF_SDG_GLH(1.0),I,SL_TLF_NEET,IDN,M,2022,18.1\n",
        "v2.csv", sdmx_mapping);
    EXPECT_EQ(v2.value("IDN", 2022, Sex::male, "neet_rate"), 18.1);
    EXPECT_EQ(io::format_sdmx_csv(v1, "UNSD:DF_SDG_GLH(1.0)", sdmx_mapping),
              "DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\n"
              "UNSD:DF_SDG_GLH(1.0),SG_GEN_PARL,IDN,F,2023,21.91,PT,E\n"
              "UNSD:DF_SDG_GLH(1.0),SL_TLF_NEET,IDN,M,2022,18.1,PT,\n");
}

TEST(SdmxCsv, OtherSexCodesAndBadCellsNameTheLineAndColumn) {
    auto read = [](const std::string& row) {
        return io::parse_sdmx_csv("DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n" + row + "\n",
                                  "in.csv", sdmx_mapping);
    };
    EXPECT_THROW_MSG((void)read("X,SL_TLF_NEET,IDN,_O,2022,1,0"), value_error,
                     "in.csv: line 2, column 'SEX': SEX '_O' (other) names no sex gendex keeps");
    EXPECT_THROW_MSG((void)read("X,SG_GEN_PARL,IDN,_U,2022,1,0"), value_error,
                     "in.csv: line 2, column 'SEX': SEX '_U' for series 'SG_GEN_PARL', which the mapping gives the "
                     "sex female");
    EXPECT_NO_THROW((void)read("X,SG_GEN_PARL,IDN,_Z,2022,1,0"));  // not applicable: a women's series
    EXPECT_THROW_MSG((void)read("X,SL_TLF_NEET,IDN,F,2022,1,3"), value_error,
                     "in.csv: line 2, column 'UNIT_MULT': UNIT_MULT '3' (values in powers of ten)");
    EXPECT_THROW_MSG((void)read("X,SL_TLF_NEET,IDN,F,2022-01,1,0"), value_error,
                     "in.csv: line 2, column 'TIME_PERIOD': TIME_PERIOD '2022-01' is not a year");
    EXPECT_THROW_MSG((void)io::parse_sdmx_csv("region,period\n", "in.csv", sdmx_mapping), value_error,
                     "in.csv: line 1, column 'region': not SDMX-CSV");
    EXPECT_THROW_MSG(
        (void)io::parse_sdmx_mapping("series,indicator,sex\nSG_GEN_PARL,parliament_share,women?\n", "m.csv"),
        value_error, "m.csv: line 2, column 'sex': unknown sex 'women?'");
}
