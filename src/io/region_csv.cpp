#include "gendex/io/region_csv.hpp"

#include <array>

#include "csv_tokenizer.hpp"
#include "gendex/io/tidy_csv.hpp"

namespace gendex::io {
namespace {

/// Rows of a small CSV with the named columns, in the order asked for.
template <std::size_t N>
std::vector<std::pair<std::size_t, std::array<std::string, N>>> read_table(const std::filesystem::path& path,
                                                                           const std::array<std::string_view, N>& names,
                                                                           Encoding encoding) {
    const std::string file = path.string();
    const std::string text = decode_to_utf8(read_file(path), encoding, file);
    detail::CsvTokenizer tok(text, file);
    std::vector<std::string_view> fields;
    if (!tok.next(fields)) throw value_error(file + ": file is empty (expected a header row)");
    std::array<std::size_t, N> index;
    for (std::size_t k = 0; k < N; ++k) {
        index[k] = fields.size();
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (detail::trim(fields[i]) == names[k]) index[k] = i;
        if (index[k] == fields.size())
            throw value_error(Location{file, tok.line(), ""},
                              "missing required column '" + std::string(names[k]) + "'");
    }
    const std::size_t width = fields.size();
    std::vector<std::pair<std::size_t, std::array<std::string, N>>> rows;
    while (tok.next(fields)) {
        if (fields.size() != width)
            throw value_error(Location{file, tok.line(), ""}, "ragged row: " + std::to_string(fields.size()) +
                                                                  " fields, the header has " + std::to_string(width));
        std::array<std::string, N> row;
        for (std::size_t k = 0; k < N; ++k) row[k] = std::string(detail::trim(fields[index[k]]));
        rows.emplace_back(tok.line(), std::move(row));
    }
    return rows;
}

}  // namespace

RegionHierarchy read_regions(const std::filesystem::path& regions_csv, const std::filesystem::path& aliases_csv,
                             Encoding encoding) {
    std::vector<Region> regions;
    for (auto& [line, r] : read_table<4>(regions_csv, {"code", "name", "parent", "level"}, encoding)) {
        if (r[0].empty()) throw value_error(Location{regions_csv.string(), line, "code"}, "code is empty");
        regions.push_back({r[0], r[1], r[2], r[3]});
    }
    RegionHierarchy h;
    try {
        h = RegionHierarchy::from_regions(std::move(regions));
    } catch (const key_error& e) {
        throw key_error(regions_csv.string() + ": " + e.what());
    } catch (const value_error& e) {
        throw value_error(regions_csv.string() + ": " + e.what());
    }
    if (!aliases_csv.empty()) {
        for (auto& [line, a] : read_table<2>(aliases_csv, {"alias", "code"}, encoding)) {
            if (!h.contains(a[1]))
                throw key_error(Location{aliases_csv.string(), line, "code"}, "unknown region code '" + a[1] + "'");
            h.add_alias(a[0], a[1]);
        }
    }
    return h;
}

RegionHierarchy read_indonesia_regions(const std::filesystem::path& data_dir) {
    return read_regions(data_dir / "bps" / "regions.csv", data_dir / "bps" / "region_aliases.csv");
}

}  // namespace gendex::io
