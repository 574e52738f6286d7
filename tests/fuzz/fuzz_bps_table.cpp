// libFuzzer target: the BPS table reader (gendex::io::read_bps_table) against the bundled
// Indonesian hierarchy (data/bps/regions.csv and region_aliases.csv), read once; an accepted
// table's Dataset must survive format_csv and parse_csv.
#include "fuzz_common.hpp"
#include "gendex/io/bps_tables.hpp"
#include "gendex/io/region_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const gendex::RegionHierarchy indonesia = gendex::io::read_indonesia_regions(GENDEX_SOURCE_DIR "/data");
    static gendex_fuzz::ScratchFile file("bps");
    const auto& path = file.write(gendex_fuzz::bytes(data, size));
    gendex_fuzz::expect_gendex_errors_only(
        [&] { gendex_fuzz::check_csv_round_trip(gendex::io::read_bps_table(path, indonesia)); });
    return 0;
}
