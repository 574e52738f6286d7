// Shared helpers for the GoogleTest suite.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "gendex/compute/policy.hpp"
#include "gendex/error.hpp"
#include "gendex/io/region_csv.hpp"
#include "gendex/sex.hpp"

namespace gendex::test {

inline std::filesystem::path source_dir() { return GENDEX_SOURCE_DIR; }
inline std::filesystem::path data_file(const std::string& rel) { return source_dir() / "data" / rel; }
inline std::filesystem::path fixture(const std::string& rel) { return source_dir() / "tests" / "fixtures" / rel; }

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr Sex F = Sex::female, M = Sex::male, T = Sex::total;

/// Options that skip units with invalid inputs (whole HDR files lack some inputs for many
/// country-years) instead of raising.
inline ComputeOptions skip_invalid() {
    ComputeOptions o;
    o.on_invalid = OnInvalid::skip;
    return o;
}

/// BPS's region hierarchy from the project's data/bps, read once.
inline const RegionHierarchy& indonesia() {
    static const RegionHierarchy h = io::read_indonesia_regions(source_dir() / "data");
    return h;
}

/// The same archive as version 1 wrote it: no length or checksum in the envelope. The reader's
/// own checks (length fields, class versions) guard such archives, so tests that damage the
/// body on purpose look at them through this form (a version-2 archive fails its checksum first).
inline std::string as_version1(const std::string& archive) {
    const auto space = archive.find(' ');
    const auto newline = archive.find('\n');
    return archive.substr(0, space) + archive.substr(newline);
}

inline const char* hdr_files[] = {
    "undp/HDR21-22_Composite_indices_complete_time_series.csv",
    "undp/HDR23-24_Composite_indices_complete_time_series.csv",
    "undp/HDR25_Composite_indices_complete_time_series.csv",
};

/// Fields of one CSV line, honouring double quotes: an independent reader for tests of data files.
inline std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            out.emplace_back();
        else if (c != '\r')
            out.back().push_back(c);
    }
    return out;
}

/// A fresh empty directory under the system temp folder, removed at scope end.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("gendex-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace gendex::test

/// Expect `stmt` to throw `type` whose message contains `fragment`.
#define EXPECT_THROW_MSG(stmt, type, fragment)                                             \
    do {                                                                                   \
        try {                                                                              \
            stmt;                                                                          \
            ADD_FAILURE() << "expected " #type " from " #stmt;                             \
        } catch (const type& e) {                                                          \
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)             \
                << "message was: " << e.what() << "\nexpected to contain: " << (fragment); \
        }                                                                                  \
    } while (0)
