// Shared by the libFuzzer targets: a gendex::error is the expected way to reject bad input; any
// other exception is a finding (libFuzzer then reports the abort with the input that caused it).
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "gendex/error.hpp"
#include "gendex/io/tidy_csv.hpp"

namespace gendex_fuzz {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Run `f`; a gendex::error is fine, anything else aborts with its message.
template <class F>
void expect_gendex_errors_only(F&& f) {
    try {
        f();
    } catch (const gendex::error&) {
        // expected: the reader rejected the input with a message
    } catch (const std::exception& e) {
        std::fprintf(stderr, "FINDING: non-gendex exception: %s\n", e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "FINDING: non-std exception\n");
        std::abort();
    }
}

/// A broken invariant on an input the library accepted: report it and abort (a finding).
[[noreturn]] inline void finding(const char* what) {
    std::fprintf(stderr, "FINDING: %s\n", what);
    std::abort();
}

/// An accepted Dataset must survive gendex's own CSV writer: format_csv, then parse_csv, gives
/// the same Dataset and no error.
inline void check_csv_round_trip(const gendex::Dataset& ds) {
    try {
        if (!(gendex::io::parse_csv(gendex::io::format_csv(ds), "fuzz.csv") == ds))
            finding("format_csv then parse_csv gives another Dataset");
    } catch (const gendex::error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        finding("the format_csv output of an accepted Dataset does not read back");
    }
}

/// A per-process scratch file for the readers that take a path (BPS tables, region CSVs).
class ScratchFile {
public:
    explicit ScratchFile(std::string_view stem)
        : path_(std::filesystem::temp_directory_path() /
                ("gendex-fuzz-" + std::string(stem) + "-" + std::to_string(::getpid()) + ".csv")) {}
    ~ScratchFile() {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    const std::filesystem::path& write(std::string_view contents) {
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        return path_;
    }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace gendex_fuzz
