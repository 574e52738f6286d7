// libFuzzer target: gendex::hierarchy_from_archive, binary and text, version-1 (no checksum)
// and version-2 envelopes (see fuzz_dataset_archive.cpp). A loaded hierarchy's own archive
// must load back equal.
#include "fuzz_common.hpp"
#include "gendex/serialization.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gendex_fuzz::expect_gendex_errors_only([&] {
        const gendex::RegionHierarchy h = gendex::hierarchy_from_archive(gendex_fuzz::bytes(data, size), "fuzz.gdx");
        try {
            for (auto format : {gendex::ArchiveFormat::binary, gendex::ArchiveFormat::text})
                if (!(gendex::hierarchy_from_archive(gendex::to_archive(h, format)) == h))
                    gendex_fuzz::finding("a loaded hierarchy's archive loads back as another hierarchy");
        } catch (const gendex::error& e) {
            std::fprintf(stderr, "%s\n", e.what());
            gendex_fuzz::finding("a loaded hierarchy does not survive its own archive");
        }
    });
    return 0;
}
