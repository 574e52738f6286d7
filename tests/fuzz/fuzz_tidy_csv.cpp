// libFuzzer target: the tidy CSV reader (gendex::io::parse_csv).
#include "fuzz_common.hpp"
#include "gendex/io/tidy_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only(
        [&] { (void)gendex::io::parse_csv(gendex_fuzz::bytes(data, size), "fuzz.csv"); });
    return 0;
}
