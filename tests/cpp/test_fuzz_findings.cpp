// Regression tests for what the libFuzzer targets (tests/fuzz) found: each input inline, each
// now a gendex::error naming the file and the reason.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "gendex/io/tidy_csv.hpp"
#include "gendex/serialization.hpp"
#include "test_support.hpp"

using namespace gendex;

namespace {

using gendex::test::as_version1;

/// `archive` with the first `from` replaced by `to` (same length, so the length fields hold).
std::string patched(std::string archive, const std::string& from, const std::string& to) {
    const auto at = archive.find(from);
    EXPECT_NE(at, std::string::npos);
    EXPECT_EQ(from.size(), to.size());
    return archive.replace(at, from.size(), to);
}

std::string message_of(const std::string& bytes) {
    try {
        (void)dataset_from_archive(bytes, "x.gdx");
    } catch (const archive_error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

// fuzz_dataset_archive, crash-770e851e: a source text with a byte that is not UTF-8
// ("BPS SP2010 an\xA3ka sementara", binary version-1 archive) loaded as a Dataset; its CSV then
// read back as cp1252 mojibake (another Dataset), and Python raised UnicodeDecodeError on it.
// (Text archives hold strings base64-encoded: the same check covers them.)
TEST(FuzzFindings, ArchiveTextThatIsNotUtf8IsCorruption) {
    const Dataset ds = io::parse_csv(
        "region,period,sex,indicator,value,unit,source\n"
        "62,2010,female,population,1054721,persons,BPS SP2010 angka sementara (Hasil Olah Cepat)\n",
        "seed.csv");
    const std::string bad = patched(as_version1(to_archive(ds)), "angka", "an\xA3ka");
    EXPECT_EQ(message_of(bad), "x.gdx: corrupted archive (a 45-byte text is not valid UTF-8: byte 0xA3 at offset 13)");
    // Overlong forms and surrogates (U+D800) are not UTF-8 either; real UTF-8 ("Côte") still loads.
    const Dataset cote =
        io::parse_csv("region,period,sex,indicator,value\nC\xC3\xB4te,2020,F,life_expectancy,70\n", "c");
    const std::string archive = as_version1(to_archive(cote));
    EXPECT_EQ(dataset_from_archive(archive), cote);
    EXPECT_NE(message_of(patched(archive, "C\xC3\xB4", "C\xC0\xB4")).find("byte 0xC0 at offset 1"), std::string::npos);
    const RegionHierarchy h = RegionHierarchy::from_regions({{"62", "KALIMANTAN TENGAH", "", "provinsi"}});
    try {
        (void)hierarchy_from_archive(patched(as_version1(to_archive(h)), "GAH", "\xED\xA0\x80"), "h.gdx");
        FAIL() << "no error";
    } catch (const archive_error& e) {
        EXPECT_STREQ(e.what(), "h.gdx: corrupted archive (a 17-byte text is not valid UTF-8: byte 0xED at offset 14)");
    }
}

// fuzz_dataset_archive, crash-54873eafe6b6: text with leading or trailing spaces or tabs (here a
// source ending in a tab; Dataset.from_frame accepts the same, e.g. region " A\t") did not survive
// the CSV round trip, because parse_csv trimmed every field, quoted or not. Now spaces around an
// unquoted field are layout and are trimmed, a quoted field keeps them, and format_csv quotes any
// text with a space or tab at an edge.
TEST(FuzzFindings, TextWithEdgeWhitespaceSurvivesTheCsvRoundTrip) {
    DatasetBuilder b;
    b.add(" A\t", 2010, Sex::female, "population", 1054721, "", NAN, "persons", "BPS SP2010 (Hasil Olah Cepat\t");
    const Dataset ds = std::move(b).build();
    EXPECT_EQ(io::parse_csv(io::format_csv(ds), "x.csv"), ds);
}
