// The gendex command line: exit codes, messages on stderr, nothing written on failure.
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "gendex/io/tidy_csv.hpp"
#include "cli_support.hpp"
#include "test_support.hpp"

#ifdef GENDEX_CLI_PATH
namespace {

using gendex::test::CliRun;

CliRun run(const std::string& args, const std::filesystem::path& dir) { return gendex::test::run_cli(args, dir); }

}  // namespace

TEST(Cli, ConvertHdrToTidy) {
    gendex::test::TempDir dir;
    const auto in = gendex::test::data_file("undp/HDR25_Composite_indices_complete_time_series.csv");
    const auto out = dir.path / "tidy.csv";
    const CliRun r =
        run("convert --input " + in.string() + " --input-format hdr-wide --output " + out.string(), dir.path);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("wrote 176674 observations"), std::string::npos) << r.out;
    EXPECT_EQ(gendex::io::read_csv(out).size(), 176674u);
}

TEST(Cli, AuditPrintsAndWritesTheReport) {
    gendex::test::TempDir dir;
    const auto in = dir.path / "in.csv";
    std::ofstream(in)
        << "region,period,sex,indicator,value\n6203,2021,P,parliament_share,10\n6203,2021,L,parliament_share,90\n"
           "6271,2021,T,parliament_share,100\n";
    const CliRun r = run("audit --input " + in.string() + " --output " + (dir.path / "audit.csv").string(), dir.path);
    EXPECT_EQ(r.code, 0) << r.err;
    // The summary row: units 2, F and M 1, complement 0, total only 1, one sex 0, missing 0, sum off 0, 50.0 %.
    const auto start = r.out.find("\nparliament_share ");
    ASSERT_NE(start, std::string::npos) << r.out;
    std::istringstream line(r.out.substr(start + 1, r.out.find('\n', start + 1) - start - 1));
    std::vector<std::string> cells{std::istream_iterator<std::string>(line), {}};
    EXPECT_EQ(cells, (std::vector<std::string>{"parliament_share", "2", "1", "0", "1", "0", "0", "0", "50.0"}));
    const auto report = gendex::io::read_file(dir.path / "audit.csv");
    EXPECT_NE(report.find("6271,2021,parliament_share,,total_only,0,0,1,,"), std::string::npos) << report;
    EXPECT_NE(report.find("6203,2021,parliament_share,,disaggregated,1,1,0,ok,0"), std::string::npos) << report;
}

TEST(Cli, BadInputExitsWithCode2AndWritesNothing) {
    gendex::test::TempDir dir;
    const auto in = dir.path / "bad.csv";
    std::ofstream(in) << "region,period,sex,indicator,value\nIDN,2020,X,hdi,0.7\n";
    const auto out = dir.path / "out.csv";
    const CliRun r = run("convert --input " + in.string() + " --output " + out.string(), dir.path);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("bad.csv: line 2, column 'sex': unknown sex code 'X'"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_EQ(run("convert --input " + in.string(), dir.path).code, 2);  // --output missing
    EXPECT_EQ(run("frobnicate", dir.path).code, 2);
    const CliRun help = run("audit --help", dir.path);
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("--input"), std::string::npos);
}
#endif
