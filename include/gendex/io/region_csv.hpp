// RegionHierarchy from CSV files: regions (code,name,parent,level) and,
// optionally, alternative spellings (alias,code).
#pragma once

#include <filesystem>

#include "gendex/io/encoding.hpp"
#include "gendex/region.hpp"

namespace gendex::io {

/// Read a hierarchy. Errors name the file, line and column; unknown parents
/// and cycles are errors of RegionHierarchy::from_regions.
[[nodiscard]] RegionHierarchy read_regions(const std::filesystem::path& regions_csv,
                                           const std::filesystem::path& aliases_csv = {},
                                           Encoding encoding = Encoding::automatic);

/// The bundled hierarchy of Indonesia (data/bps/regions.csv and
/// region_aliases.csv under `data_dir`): nation 00 > provinsi > kabupaten/kota, BPS codes.
[[nodiscard]] RegionHierarchy read_indonesia_regions(const std::filesystem::path& data_dir);

}  // namespace gendex::io
