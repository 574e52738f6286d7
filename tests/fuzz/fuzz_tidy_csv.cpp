// libFuzzer target: the tidy CSV reader (gendex::io::parse_csv). An accepted file must also
// survive the round trip through gendex's own writer: format_csv, then parse_csv, gives the
// same Dataset (and no error).
#include "fuzz_common.hpp"
#include "gendex/io/tidy_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only(
        [&] { gendex_fuzz::check_csv_round_trip(gendex::io::parse_csv(gendex_fuzz::bytes(data, size), "fuzz.csv")); });
    return 0;
}
