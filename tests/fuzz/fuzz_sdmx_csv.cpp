// libFuzzer target: the SDMX-CSV reader (gendex::io::parse_sdmx_csv) with the bundled series mapping
// and one series without a sex of its own. An accepted file must survive gendex's own writer: its
// SDMX-CSV reads back with the same values, and writing that again gives the same text.
#include "fuzz_common.hpp"
#include "gendex/io/file.hpp"
#include "gendex/io/sdmx_csv.hpp"

namespace {

const gendex::io::SdmxMapping& mapping() {
    static const gendex::io::SdmxMapping m = [] {
        auto out = gendex::io::read_sdmx_mapping(std::filesystem::path(GENDEX_SOURCE_DIR) / "python" / "gendex" /
                                                 "data" / "sdmx_series.csv");
        out.push_back({"SL_TLF_NEET", "neet_rate", std::nullopt});
        return out;
    }();
    return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only([&] {
        const gendex::Dataset ds = gendex::io::parse_sdmx_csv(gendex_fuzz::bytes(data, size), "fuzz.csv", mapping());
        std::string text;
        try {
            text = gendex::io::format_sdmx_csv(ds, "FUZZ:DF(1.0)", mapping());
        } catch (const gendex::error&) {
            gendex_fuzz::finding("format_sdmx_csv refuses a Dataset parse_sdmx_csv accepted");
        }
        try {
            const gendex::Dataset back = gendex::io::parse_sdmx_csv(text, "fuzz-out.csv", mapping());
            if (back.size() != ds.size() ||
                !std::equal(ds.columns().value.begin(), ds.columns().value.end(), back.columns().value.begin()))
                gendex_fuzz::finding("format_sdmx_csv then parse_sdmx_csv gives other values");
            if (gendex::io::format_sdmx_csv(back, "FUZZ:DF(1.0)", mapping()) != text)
                gendex_fuzz::finding("writing the read-back SDMX-CSV again gives other text");
        } catch (const gendex::error& e) {
            std::fprintf(stderr, "%s\n", e.what());
            gendex_fuzz::finding("the format_sdmx_csv output of an accepted Dataset does not read back");
        }
    });
    return 0;
}
