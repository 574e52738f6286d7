// libFuzzer target: the HDR wide reader (gendex::io::parse_hdr); an accepted file's Dataset must
// survive format_csv and parse_csv.
#include "fuzz_common.hpp"
#include "gendex/io/hdr_wide.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only([&] {
        gendex_fuzz::check_csv_round_trip(gendex::io::parse_hdr(gendex_fuzz::bytes(data, size), "fuzz_hdr.csv"));
    });
    return 0;
}
