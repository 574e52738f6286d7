// The tidy CSV of the data contract: region, period, sex, indicator, value
// [, age_group, se, unit, source].
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "gendex/dataset.hpp"
#include "gendex/io/encoding.hpp"
#include "gendex/io/file.hpp"

namespace gendex::io {

/// Read a tidy CSV file. Header names are matched exactly (surrounding spaces
/// ignored); optional columns may be absent, unknown columns are an error so a
/// misspelt "standard_error" is not silently ignored. Sex codes are normalised.
[[nodiscard]] Dataset read_csv(const std::filesystem::path& path,
                               const IndicatorRegistry& registry = IndicatorRegistry::standard(),
                               Encoding encoding = Encoding::automatic);

/// The same from text already in memory; `name` stands for the file in messages.
[[nodiscard]] Dataset parse_csv(std::string_view text, std::string_view name,
                                const IndicatorRegistry& registry = IndicatorRegistry::standard(),
                                Encoding encoding = Encoding::automatic);

/// The tidy CSV text of a Dataset: values in shortest round-trip form, so
/// reading it back gives the same bits. Optional columns appear only when used.
[[nodiscard]] std::string format_csv(const Dataset& ds);

/// Write the tidy CSV with io::write_file: a regular file is replaced atomically, a device or
/// FIFO written in place.
void write_csv(const Dataset& ds, const std::filesystem::path& path);

}  // namespace gendex::io
