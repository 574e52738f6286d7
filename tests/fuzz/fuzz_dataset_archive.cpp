// libFuzzer target: gendex::dataset_from_archive, binary and text. The seeds include the
// version-1 envelope ("GENDEXBdataset\n" + Boost body, no checksum), which is still accepted,
// so mutations reach the Boost body parser instead of stopping at the CRC-32C.
#include "fuzz_common.hpp"
#include "gendex/serialization.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only(
        [&] { (void)gendex::dataset_from_archive(gendex_fuzz::bytes(data, size), "fuzz.gdx"); });
    return 0;
}
