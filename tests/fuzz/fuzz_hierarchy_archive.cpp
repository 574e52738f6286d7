// libFuzzer target: gendex::hierarchy_from_archive, binary and text, version-1 (no checksum)
// and version-2 envelopes (see fuzz_dataset_archive.cpp).
#include "fuzz_common.hpp"
#include "gendex/serialization.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only(
        [&] { (void)gendex::hierarchy_from_archive(gendex_fuzz::bytes(data, size), "fuzz.gdx"); });
    return 0;
}
