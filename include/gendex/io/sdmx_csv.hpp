// SDMX-CSV, the exchange format of statistics offices and the UN SDG database: read versions 1.0
// (header starts DATAFLOW) and 2.0/2.1 (STRUCTURE,STRUCTURE_ID,ACTION), write 1.0. SDMX series
// codes become gendex indicator ids through a mapping the user can edit (docs/sdmx.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/io/encoding.hpp"
#include "gendex/sex.hpp"

namespace gendex::io {

/// One row of the series mapping: an SDMX series code and the indicator it holds.
struct SdmxSeries {
    std::string series;     // SDMX code, e.g. SG_GEN_PARL
    std::string indicator;  // gendex indicator id, e.g. parliament_share
    /// The series' own sex when it is defined for one sex (women's seats in parliament): its rows are
    /// read as that sex whatever SEX says (F, _T or _Z), except M and the other CL_SEX codes.
    std::optional<Sex> sex;
};

/// Series code -> indicator, in file order; one series appears once.
using SdmxMapping = std::vector<SdmxSeries>;

/// The mapping CSV: columns series, indicator and optionally sex (female/male/total or empty);
/// other columns (description, sdg, source) are documentation and not read.
[[nodiscard]] SdmxMapping parse_sdmx_mapping(std::string_view text, std::string_view name);
[[nodiscard]] SdmxMapping read_sdmx_mapping(const std::filesystem::path& path);

/// Read SDMX-CSV text. The columns read are the series dimension (SERIES or INDICATOR), REF_AREA,
/// TIME_PERIOD (a year), OBS_VALUE and, when present, SEX (CL_SEX F, M, _T; _N, _O, _U and _Z name no
/// sex gendex keeps and are an error naming the row), AGE (_T: all ages), UNIT_MEASURE (kept as the
/// row's unit), OBS_STATUS (kept in the row's source, "<dataflow>; OBS_STATUS=E") and UNIT_MULT
/// (0 or empty only). Other columns are not read. An empty OBS_VALUE, NaN or #N/A is an intended
/// missing value and gives no row. Errors name the file, line and column.
[[nodiscard]] Dataset parse_sdmx_csv(std::string_view text, std::string_view name, const SdmxMapping& mapping,
                                     const IndicatorRegistry& registry = IndicatorRegistry::standard(),
                                     Encoding encoding = Encoding::automatic);
[[nodiscard]] Dataset read_sdmx_csv(const std::filesystem::path& path, const SdmxMapping& mapping,
                                    const IndicatorRegistry& registry = IndicatorRegistry::standard(),
                                    Encoding encoding = Encoding::automatic);

/// SDMX-CSV 1.0 text of a Dataset: DATAFLOW (`dataflow`, e.g. "UNSD:DF_SDG_GLH(1.0)"), SERIES,
/// REF_AREA, SEX, AGE (only when an age group is used), TIME_PERIOD, OBS_VALUE (shortest round-trip
/// form), UNIT_MEASURE and OBS_STATUS (only when used). Each (indicator, sex) needs a mapping row;
/// standard errors have no SDMX-CSV column and are refused rather than left out.
[[nodiscard]] std::string format_sdmx_csv(const Dataset& ds, std::string_view dataflow, const SdmxMapping& mapping);

}  // namespace gendex::io
