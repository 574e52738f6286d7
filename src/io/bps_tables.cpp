#include "gendex/io/bps_tables.hpp"

#include <array>
#include <map>
#include <optional>

#include "csv_tokenizer.hpp"
#include "gendex/io/tidy_csv.hpp"

namespace gendex::io {
namespace {

struct BpsColumn {
    std::string_view name;
    std::string_view indicator;
    Sex sex;
    std::string_view unit;
};

// BPS column names (l = laki-laki, p = perempuan) and their data-contract ids.
constexpr std::array<BpsColumn, 15> bps_columns = {{
    {"uhh_l", "life_expectancy", Sex::male, "years"},
    {"uhh_p", "life_expectancy", Sex::female, "years"},
    {"hls_l", "expected_schooling", Sex::male, "years"},
    {"hls_p", "expected_schooling", Sex::female, "years"},
    {"rls_l", "mean_schooling", Sex::male, "years"},
    {"rls_p", "mean_schooling", Sex::female, "years"},
    {"ppk_l_ribu_rp", "per_capita_expenditure", Sex::male, "thousand Rp/person/year"},
    {"ppk_p_ribu_rp", "per_capita_expenditure", Sex::female, "thousand Rp/person/year"},
    {"ipm_l", "ipm", Sex::male, ""},
    {"ipm_p", "ipm", Sex::female, ""},
    {"ipg", "ipg", Sex::total, ""},
    {"parlemen_p_pct", "parliament_share", Sex::female, "%"},
    {"profesional_p_pct", "professional_share", Sex::female, "%"},
    {"sumbangan_pendapatan_p_pct", "income_share", Sex::female, "%"},
    {"idg", "idg", Sex::total, ""},
}};

/// The root of the hierarchy (level "indonesia").
std::string root_code(const RegionHierarchy& h) {
    for (const auto& r : h.regions())
        if (r.parent.empty()) return r.code;
    throw value_error("the region hierarchy has no root");
}

}  // namespace

Dataset read_bps_table(const std::filesystem::path& path, const RegionHierarchy& indonesia,
                       const IndicatorRegistry& registry, BpsTableReport* report) {
    const std::string file = path.string();
    const std::string text = decode_to_utf8(read_file(path), Encoding::automatic, file);
    detail::CsvTokenizer tok(text, file);
    std::vector<std::string_view> fields;
    if (!tok.next(fields)) throw value_error(file + ": file is empty (expected a header row)");
    const std::vector<std::string> header(fields.begin(), fields.end());
    auto column = [&](std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (detail::trim(header[i]) == name) return i;
        return std::nullopt;
    };
    std::array<std::size_t, 4> key{};
    const std::array<std::string_view, 4> key_names = {"level", "province", "region", "year"};
    for (std::size_t k = 0; k < key.size(); ++k) {
        auto i = column(key_names[k]);
        if (!i)
            throw value_error(Location{file, tok.line(), ""},
                              "missing required column '" + std::string(key_names[k]) + "'");
        key[k] = *i;
    }
    DatasetBuilder builder(registry, file);
    struct Mapped {
        std::size_t field;
        Sex sex;
        DatasetBuilder::IndicatorRef indicator;
        code_t unit;
    };
    std::vector<Mapped> mapped;
    for (const auto& c : bps_columns)
        if (auto i = column(c.name))
            mapped.push_back(
                {*i, c.sex, builder.indicator(c.indicator, {file, tok.line(), header[*i]}), builder.unit(c.unit)});
    if (mapped.empty())
        throw value_error(Location{file, tok.line(), ""},
                          "no IPG or IDG column (uhh_l, ..., ipg; parlemen_p_pct, ..., idg)");
    const code_t source = builder.source(std::filesystem::path(file).filename().string());
    const std::string root = root_code(indonesia);
    const auto nan = std::numeric_limits<double>::quiet_NaN();

    // Each region-year's cells, to tell an identical repeat from a conflict.
    std::map<std::pair<std::string, std::int32_t>, std::pair<std::size_t, std::vector<std::string>>> seen;
    while (tok.next(fields)) {
        const std::size_t line = tok.line();
        if (fields.size() != header.size())
            throw value_error(Location{file, line, ""}, "ragged row: " + std::to_string(fields.size()) +
                                                            " fields, the header has " + std::to_string(header.size()));
        const std::string level(detail::trim(fields[key[0]]));
        const std::string province(detail::trim(fields[key[1]]));
        const std::string region(detail::trim(fields[key[2]]));
        std::int32_t year = 0;
        if (!detail::parse_int32(fields[key[3]], year))
            throw value_error(Location{file, line, "year"},
                              "year '" + std::string(fields[key[3]]) + "' is not an integer");
        std::optional<std::string> code;
        if (level == "indonesia") {
            code = root;
        } else if (level == "provinsi") {
            code = indonesia.find_child(root, region);
        } else if (level == "kabkota") {
            if (auto prov = indonesia.find_child(root, province)) code = indonesia.find_child(*prov, region);
            // A kabupaten listed under a province it no longer belongs to (Kalimantan Utara, 2012).
            if (!code) {
                try {
                    const Region& r = indonesia.by_name(region);
                    if (r.level == "kabkota") code = r.code;
                } catch (const key_error&) {}
            }
        } else {
            throw value_error(Location{file, line, "level"},
                              "unknown level '" + level + "' (indonesia, provinsi or kabkota)");
        }
        if (!code)
            throw key_error(Location{file, line, "region"}, "region '" + region + "' (" + level + ", province '" +
                                                                province + "') has no BPS code in the hierarchy");
        std::vector<std::string> cells;
        for (const Mapped& m : mapped) cells.emplace_back(detail::trim(fields[m.field]));
        auto [it, fresh] = seen.try_emplace({*code, year}, line, cells);
        if (!fresh) {
            if (it->second.second != cells)
                throw value_error(Location{file, line, ""},
                                  "region " + *code + " ('" + region + "') year " + std::to_string(year) +
                                      " repeats line " + std::to_string(it->second.first) + " with other values");
            if (report)
                report->repeats.push_back("line " + std::to_string(line) + " repeats line " +
                                          std::to_string(it->second.first));
            continue;
        }
        const code_t r = builder.region(*code);
        for (std::size_t k = 0; k < mapped.size(); ++k) {
            const Mapped& m = mapped[k];
            if (cells[k].empty()) continue;  // BPS "-": not published
            double value = 0;
            if (!detail::parse_double(cells[k], value))
                throw value_error(Location{file, line, header[m.field]}, detail::bad_number(cells[k], "value"));
            builder.add_coded(r, year, m.sex, m.indicator, value, 0, nan, m.unit, source, line, [&] {
                return Location{file, line, header[m.field]};
            });
        }
    }
    return std::move(builder).build();
}

}  // namespace gendex::io
