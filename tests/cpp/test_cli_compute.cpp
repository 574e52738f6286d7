// `gendex compute` and `gendex editions`: the tidy CSV of the results matches
// the published values, failures exit 2 and write nothing.
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "gendex/compute.hpp"
#include "gendex/io/hdr_wide.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "gendex/rounding.hpp"
#include "test_support.hpp"

#ifdef GENDEX_CLI_PATH
namespace {

using gendex::Sex;
using gendex::test::CliRun;
using gendex::test::run_cli;

std::string hdr25() { return gendex::test::data_file(gendex::test::hdr_files[2]).string(); }

TEST(CliCompute, GdiOfHdr25MatchesThePublishedGdiColumn) {
    gendex::test::TempDir dir;
    const auto out = dir.path / "x.csv";
    const CliRun r = run_cli(
        "compute gdi --input " + hdr25() + " --input-format hdr-wide --edition hdr2025 --output " + out.string(),
        dir.path);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("gdi (edition hdr2025): 5243 of "), std::string::npos) << r.out;
    const gendex::Dataset written = gendex::io::read_csv(out);
    const gendex::Dataset published = gendex::io::read_hdr(hdr25());
    // Every published GDI has a row that rounds to it, and every gdi row has a published GDI.
    std::size_t compared = 0, gdi_rows = 0;
    const auto& c = published.columns();
    for (std::size_t i = 0; i < published.size(); ++i) {
        if (c.indicators[c.indicator[i]] != "gdi") continue;
        const auto row = written.find(c.regions[c.region[i]], c.period[i], Sex::total, "gdi");
        ASSERT_TRUE(row.has_value()) << c.regions[c.region[i]] << " " << c.period[i];
        EXPECT_EQ(gendex::round_half_up(written.values()[*row], 3), c.value[i]) << c.regions[c.region[i]];
        ++compared;
    }
    for (std::size_t i = 0; i < written.size(); ++i) gdi_rows += written.row(i).indicator == "gdi";
    EXPECT_EQ(compared, 5243u);
    EXPECT_EQ(gdi_rows, compared);
    // Full precision: the CSV reads back to the library's values bit for bit,
    // with HDI_f and HDI_m as sex rows of hdi and the group as its own indicator.
    gendex::ComputeOptions skip;
    skip.on_invalid = gendex::OnInvalid::skip;
    EXPECT_EQ(written, gendex::compute_gdi(published, gendex::edition("hdr2025"), skip).values);
    EXPECT_TRUE(written.find("NOR", 2023, Sex::female, "hdi").has_value());
    EXPECT_EQ(written.value("NOR", 2023, Sex::total, "gdi_group"), 1);
}

TEST(CliCompute, PrintsTheLatestPeriodAndTheSkippedUnits) {
    gendex::test::TempDir dir;
    const std::string args = "compute gii --input " + hdr25() + " --input-format hdr-wide --edition hdr2025 --top 5";
    const CliRun r = run_cli(args, dir.path);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Gender Inequality Index, 2023"), std::string::npos) << r.out;
    // The first row: HDR25's rank 1, Denmark, GII 0.003.
    const auto first = r.out.find("\nDNK ");
    ASSERT_NE(first, std::string::npos) << r.out;
    std::istringstream line(r.out.substr(first + 1, r.out.find('\n', first + 1) - first - 1));
    std::string region, gii, rank;
    line >> region >> gii >> rank;
    EXPECT_EQ(gii, "0.003");
    EXPECT_EQ(rank, "1");
    EXPECT_NE(r.out.find("Skipped region-periods (first 10 shown; --report FILE writes all):\n"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("AFG       1990  parliament_share (female) is missing\n"), std::string::npos) << r.out;
    // --show picks regions of the printed table; --report takes the lists.
    const auto report = dir.path / "report.csv";
    const CliRun shown = run_cli(args + " --show IDN,NOR --report " + report.string(), dir.path);
    ASSERT_EQ(shown.code, 0) << shown.err;
    EXPECT_NE(shown.out.find("(2 region-periods"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("\nNOR "), std::string::npos) << shown.out;
    EXPECT_EQ(shown.out.find("\nDNK "), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("skipped region-periods and notes: " + report.string()), std::string::npos) << shown.out;
    const std::string csv = gendex::io::read_file(report);
    EXPECT_EQ(csv.rfind("kind,region,period,indicator,sex,problem,message\n", 0), 0u);
    EXPECT_NE(csv.find("skipped,AFG,1990,parliament_share,female,missing,parliament_share (female) is missing\n"),
              std::string::npos);
}

TEST(CliCompute, SetOverridesAnEditionConstant) {
    gendex::test::TempDir dir;
    const std::string hdr24 = gendex::test::data_file(gendex::test::hdr_files[1]).string();
    const auto out = dir.path / "gii.csv";
    const CliRun r = run_cli("compute gii --input " + hdr24 +
                                 " --input-format hdr-wide --edition hdr2023-24"
                                 " --set gii_parliament_floor=0.1 --output " +
                                 out.string(),
                             dir.path);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto ds = gendex::io::read_csv(out);
    EXPECT_EQ(gendex::round_half_up(ds.value("QAT", 2016, Sex::total, "gii"), 3), 0.515);  // published 0.650
    EXPECT_EQ(ds.row(0).source, "gendex gii, edition hdr2023-24+custom");
}

TEST(CliCompute, BadInputExitsWith2AndWritesNothing) {
    gendex::test::TempDir dir;
    const auto out = dir.path / "x.csv";
    const std::string common = " --input " + hdr25() + " --input-format hdr-wide --output " + out.string();
    CliRun r = run_cli("compute hdi" + common + " --edition hdr2025 --on-invalid raise", dir.path);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("gendex: region 'AND', period 1990: mean_schooling (total) is missing; cannot compute hdi"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
    r = run_cli("compute hdi" + common + " --edition hdr2030", dir.path);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("unknown edition 'hdr2030'; known editions: hdr2021-22"), std::string::npos) << r.err;
    r = run_cli("compute hdi" + common + " --edition hdr2025 --set gii_floor=1", dir.path);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("unknown edition constant 'gii_floor'"), std::string::npos) << r.err;
    r = run_cli("compute hdi" + common + " --edition hdr2025 --set gii_parliament_floor=abc", dir.path);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("'abc' is not a number"), std::string::npos) << r.err;
    EXPECT_EQ(run_cli("compute ipx" + common + " --edition hdr2025", dir.path).code, 2);
    // Without --edition, the index table's default edition (hdr2025 for a UNDP index): the same table.
    const std::string printed = " --input " + hdr25() + " --input-format hdr-wide --show NOR";
    const CliRun defaulted = run_cli("compute hdi" + printed, dir.path);
    EXPECT_EQ(defaulted.code, 0) << defaulted.err;
    EXPECT_EQ(defaulted.out, run_cli("compute hdi" + printed + " --edition hdr2025", dir.path).out);
    EXPECT_EQ(run_cli("compute hdi" + common + " --edition hdr2025 --on-invalid ignore", dir.path).code, 2);
    // A tidy file with a bad row: the reader's message, nothing written.
    const auto bad = dir.path / "bad.csv";
    std::ofstream(bad) << "region,period,sex,indicator,value\nNOR,2023,T,life_expectancy,-3\n";
    r = run_cli("compute hdi --input " + bad.string() + " --edition hdr2025 --output " + out.string(), dir.path);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("bad.csv: line 2"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
}

// The Pokja PUG's job: IPG of Kalimantan Tengah with BPS's edition, labels in Indonesian.
TEST(CliCompute, IpgOfKalimantanTengahInIndonesian) {
    gendex::test::TempDir dir;
    const auto in = gendex::test::data_file("bps/kalteng_2010_2021.csv").string();
    const auto out = dir.path / "ipg.csv";
    const CliRun r =
        run_cli("compute ipg --input " + in + " --edition bps --lang id --top 3 --show 6203 --output " + out.string(),
                dir.path);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Indeks Pembangunan Gender (IPG), 2021"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ipm (Perempuan)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ipm (Laki-laki)"), std::string::npos) << r.out;
    // Kapuas 2021 from its components: IPG 95.33, IPM_P 68.65, IPM_L 72.02 (2 decimals, as BPS prints).
    const auto at = r.out.find("\n6203 ");
    ASSERT_NE(at, std::string::npos) << r.out;
    std::istringstream row(r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1));
    std::string region, ipg, ipm_p, ipm_l;
    row >> region >> ipg >> ipm_p >> ipm_l;
    EXPECT_EQ(ipg + " " + ipm_p + " " + ipm_l, "95.33 68.65 72.02");
    const gendex::Dataset written = gendex::io::read_csv(out);
    EXPECT_NEAR(written.value("6203", 2021, Sex::total, "ipg"), 95.33, 0.005);
    EXPECT_EQ(run_cli("compute ipg --input " + in + " --edition bps --lang fr", dir.path).code, 2);
}

TEST(CliPriorities, KapuasIpgComponentsRankedAndWritten) {
    gendex::test::TempDir dir;
    const auto in = gendex::test::data_file("bps/kalteng_2010_2021.csv").string();
    const auto out = dir.path / "priorities.csv";
    const CliRun r =
        run_cli("priorities ipg --input " + in + " --edition bps --show 6203 --output " + out.string(), dir.path);
    ASSERT_EQ(r.code, 0) << r.err;
    // Kapuas 2021: women's expenditure at men's level would lift the IPG from 95.33 to 98.52;
    // expected schooling, where women are ahead, would lower it.
    std::vector<std::string> rows_of_kapuas;
    std::istringstream printed(r.out);
    for (std::string line; std::getline(printed, line);) {
        std::istringstream words(line);
        std::string word, joined;
        while (words >> word) joined += (joined.empty() ? "" : " ") + word;
        if (joined.rfind("6203 ", 0) == 0) rows_of_kapuas.push_back(joined);
    }
    ASSERT_EQ(rows_of_kapuas.size(), 4u) << r.out;
    EXPECT_EQ(rows_of_kapuas[0], "6203 1 per_capita_expenditure 95.33 98.52 3.189");
    EXPECT_EQ(rows_of_kapuas[3], "6203 4 expected_schooling 95.33 95.27 -0.058");
    std::ifstream csv(out);
    std::string header, line;
    std::getline(csv, header);
    EXPECT_EQ(header, "region,period,index,component,value,at_parity,gain,rank");
    std::size_t rows = 0;
    while (std::getline(csv, line)) ++rows;
    EXPECT_EQ(rows, 4u * 166u);  // four components of every region-period with an IPG
    const CliRun id = run_cli("priorities ipg --input " + in + " --edition bps --show 6203 --lang id", dir.path);
    EXPECT_NE(id.out.find("Pengeluaran per Kapita Disesuaikan"), std::string::npos) << id.out;
    EXPECT_EQ(run_cli("priorities hdi --input " + in + " --edition bps", dir.path).code, 2);
    // Without --edition, the index table's default (bps for the IPG): the same table.
    const CliRun defaulted = run_cli("priorities ipg --input " + in + " --show 6203 --lang id", dir.path);
    EXPECT_EQ(defaulted.code, 0) << defaulted.err;
    EXPECT_EQ(defaulted.out, id.out);
}

TEST(CliEditions, ListsEditionsAndEveryConstantWithItsSource) {
    gendex::test::TempDir dir;
    CliRun r = run_cli("editions", dir.path);
    ASSERT_EQ(r.code, 0) << r.err;
    for (auto id : gendex::edition_ids()) EXPECT_NE(r.out.find(std::string(id)), std::string::npos) << id;
    r = run_cli("editions --show hdr2025", dir.path);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("gii_parliament_floor = 0.01 percent\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ppp_base_year = 2021 year\n"), std::string::npos) << r.out;
    for (const auto& c : gendex::constants(gendex::edition("hdr2025")))
        EXPECT_NE(r.out.find("    source: " + c.source + "\n"), std::string::npos) << c.name;
    EXPECT_EQ(run_cli("editions --show nope", dir.path).code, 2);
}

}  // namespace
#endif
