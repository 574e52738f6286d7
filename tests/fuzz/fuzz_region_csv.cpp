// libFuzzer target: the region CSV reader (gendex::io::read_regions). The input is the regions
// file, optionally followed by a NUL byte and the aliases file.
#include "fuzz_common.hpp"
#include "gendex/io/region_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gendex_fuzz::ScratchFile regions("regions");
    static gendex_fuzz::ScratchFile aliases("aliases");
    const std::string_view input = gendex_fuzz::bytes(data, size);
    const std::size_t nul = input.find('\0');
    regions.write(input.substr(0, nul));
    if (nul != std::string_view::npos) aliases.write(input.substr(nul + 1));
    gendex_fuzz::expect_gendex_errors_only([&] {
        (void)gendex::io::read_regions(regions.path(),
                                       nul == std::string_view::npos ? std::filesystem::path() : aliases.path());
    });
    return 0;
}
