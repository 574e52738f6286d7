// libFuzzer target: the HDR wide reader (gendex::io::parse_hdr).
#include "fuzz_common.hpp"
#include "gendex/io/hdr_wide.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only(
        [&] { (void)gendex::io::parse_hdr(gendex_fuzz::bytes(data, size), "fuzz_hdr.csv"); });
    return 0;
}
