// UNDP's wide "composite indices complete time series" files: one row per
// country, one column per indicator_year.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "gendex/dataset.hpp"
#include "gendex/io/encoding.hpp"
#include "gendex/region.hpp"

namespace gendex::io {

/// How a column stem of the HDR file maps to the data contract.
struct HdrColumn {
    std::string_view stem;       // e.g. "gni_pc_f"
    std::string_view indicator;  // e.g. "gni_per_capita"
    Sex sex;
    std::string_view unit;  // when it differs from the registry's (e.g. population in millions)
};

/// The mapped stems; any other column (phdi, co2_prod, ...) is not read.
[[nodiscard]] std::span<const HdrColumn> hdr_columns();

/// Read an HDR wide file (UTF-8 or cp1252) into the tidy model: one row per
/// non-empty cell of a mapped column, region = iso3, source = the file name.
[[nodiscard]] Dataset read_hdr(const std::filesystem::path& path,
                               const IndicatorRegistry& registry = IndicatorRegistry::standard(),
                               Encoding encoding = Encoding::automatic);

[[nodiscard]] Dataset parse_hdr(std::string_view text, std::string_view name,
                                const IndicatorRegistry& registry = IndicatorRegistry::standard(),
                                Encoding encoding = Encoding::automatic);

/// Countries and aggregates of an HDR file as a hierarchy: each country's
/// parent is its UNDP developing region (AS, EAP, ECA, LAC, SA, SSA) when it
/// has one; aggregates (iso3 "ZZ...") are roots, level "aggregate".
[[nodiscard]] RegionHierarchy read_hdr_regions(const std::filesystem::path& path,
                                               Encoding encoding = Encoding::automatic);

}  // namespace gendex::io
