// BPS's published IPG and IDG tables (data/bps/*_components_2010_2021.csv:
// one row per region-year, regions named as BPS prints them) into the tidy
// model, with regions resolved to BPS codes through the Indonesian hierarchy.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/region.hpp"

namespace gendex::io {

struct BpsTableReport {
    /// Rows that repeat an earlier row of the same region-year with identical
    /// values (BPS lists Kalimantan Utara's kabupaten under Kalimantan Timur too);
    /// each is kept once and listed here as "line N repeats line M".
    std::vector<std::string> repeats;
};

/// Read an IPG table (uhh_l, uhh_p, ..., ipm_l, ipm_p, ipg) or an IDG table
/// (parlemen_p_pct, profesional_p_pct, sumbangan_pendapatan_p_pct, idg); the
/// kind is told by the header. Empty cells (BPS "-") are not published values
/// and give no row. A region that resolves to no code, or a repeated
/// region-year with different values, is an error naming the line.
[[nodiscard]] Dataset read_bps_table(const std::filesystem::path& path, const RegionHierarchy& indonesia,
                                     const IndicatorRegistry& registry = IndicatorRegistry::standard(),
                                     BpsTableReport* report = nullptr);

}  // namespace gendex::io
