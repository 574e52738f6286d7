// libFuzzer target: gendex::dataset_from_archive, binary and text. The seeds include the
// version-1 envelope ("GENDEXBdataset\n" + Boost body, no checksum), which is still accepted,
// so mutations reach the Boost body parser instead of stopping at the CRC-32C. A loaded
// Dataset must be as valid as any other: its CSV reads back, and its archive loads back equal.
#include "fuzz_common.hpp"
#include "gendex/serialization.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only([&] {
        const gendex::Dataset ds = gendex::dataset_from_archive(gendex_fuzz::bytes(data, size), "fuzz.gdx");
        gendex_fuzz::check_csv_round_trip(ds);
        try {
            for (auto format : {gendex::ArchiveFormat::binary, gendex::ArchiveFormat::text})
                if (!(gendex::dataset_from_archive(gendex::to_archive(ds, format)) == ds))
                    gendex_fuzz::finding("a loaded Dataset's archive loads back as another Dataset");
        } catch (const gendex::error& e) {
            std::fprintf(stderr, "%s\n", e.what());
            gendex_fuzz::finding("a loaded Dataset does not survive its own archive");
        }
    });
    return 0;
}
