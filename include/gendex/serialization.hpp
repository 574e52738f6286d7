// Saving and loading Datasets and RegionHierarchies (Boost.Serialization,
// binary or text archives). Python's pickle goes through the same bytes.
//
// An archive is an envelope ("GENDEX" magic, format letter, kind, envelope
// version, body length, CRC-32C) around a Boost archive with class versions. Loading validates everything it reads:
// a truncated, corrupted or newer archive is an archive_error, and no length
// field can make it allocate more than the archive's own size allows.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "gendex/archive_format.hpp"
#include "gendex/dataset.hpp"
#include "gendex/region.hpp"

namespace gendex {

/// Class version written by this build; older ones are still read.
inline constexpr unsigned dataset_archive_version = 1;
inline constexpr unsigned hierarchy_archive_version = 1;

[[nodiscard]] std::string to_archive(const Dataset& ds, ArchiveFormat format = ArchiveFormat::binary);
[[nodiscard]] std::string to_archive(const RegionHierarchy& h, ArchiveFormat format = ArchiveFormat::binary);

/// The format is read from the envelope. `name` stands for the source in messages. The
/// envelope's length and CRC-32C are checked before anything is read, and the rows go through
/// `registry`'s checks as a CSV's do; any failure is an archive_error naming `name`.
[[nodiscard]] Dataset dataset_from_archive(std::string_view bytes, std::string_view name = "archive",
                                           const IndicatorRegistry& registry = IndicatorRegistry::standard());
[[nodiscard]] RegionHierarchy hierarchy_from_archive(std::string_view bytes, std::string_view name = "archive");

void save(const Dataset& ds, const std::filesystem::path& path, ArchiveFormat format = ArchiveFormat::binary);
void save(const RegionHierarchy& h, const std::filesystem::path& path, ArchiveFormat format = ArchiveFormat::binary);
[[nodiscard]] Dataset load_dataset(const std::filesystem::path& path,
                                   const IndicatorRegistry& registry = IndicatorRegistry::standard());
[[nodiscard]] RegionHierarchy load_hierarchy(const std::filesystem::path& path);

}  // namespace gendex
