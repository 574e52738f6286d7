#include "gendex/io/hdr_wide.hpp"

#include <array>
#include <unordered_map>

#include "csv_tokenizer.hpp"
#include "gendex/io/tidy_csv.hpp"

namespace gendex::io {
namespace {

// Column stems of the HDR composite files (codebook of HDR25) and their data-contract ids.
constexpr std::array<HdrColumn, 35> hdr_map = {{
    {"hdi", "hdi", Sex::total, ""},
    {"le", "life_expectancy", Sex::total, ""},
    {"eys", "expected_schooling", Sex::total, ""},
    {"mys", "mean_schooling", Sex::total, ""},
    {"gnipc", "gni_per_capita", Sex::total, ""},
    {"hdi_rank", "hdi_rank", Sex::total, ""},
    {"gdi", "gdi", Sex::total, ""},
    {"gdi_group", "gdi_group", Sex::total, ""},
    {"hdi_f", "hdi", Sex::female, ""},
    {"le_f", "life_expectancy", Sex::female, ""},
    {"eys_f", "expected_schooling", Sex::female, ""},
    {"mys_f", "mean_schooling", Sex::female, ""},
    {"gni_pc_f", "gni_per_capita", Sex::female, ""},
    {"hdi_m", "hdi", Sex::male, ""},
    {"le_m", "life_expectancy", Sex::male, ""},
    {"eys_m", "expected_schooling", Sex::male, ""},
    {"mys_m", "mean_schooling", Sex::male, ""},
    {"gni_pc_m", "gni_per_capita", Sex::male, ""},
    {"ihdi", "ihdi", Sex::total, ""},
    {"coef_ineq", "coefficient_human_inequality", Sex::total, ""},
    {"loss", "ihdi_loss", Sex::total, ""},
    {"ineq_le", "inequality_life_expectancy", Sex::total, ""},
    {"ineq_edu", "inequality_education", Sex::total, ""},
    {"ineq_inc", "inequality_income", Sex::total, ""},
    {"gii_rank", "gii_rank", Sex::total, ""},
    {"gii", "gii", Sex::total, ""},
    {"mmr", "maternal_mortality", Sex::female, ""},
    {"abr", "adolescent_birth_rate", Sex::female, ""},
    {"pop_total", "population", Sex::total, "millions"},
    {"se_f", "secondary_education", Sex::female, ""},
    {"se_m", "secondary_education", Sex::male, ""},
    {"pr_f", "parliament_share", Sex::female, ""},
    {"pr_m", "parliament_share", Sex::male, ""},
    {"lfpr_f", "labour_force_participation", Sex::female, ""},
    {"lfpr_m", "labour_force_participation", Sex::male, ""},
}};

/// "gni_pc_f_2019" -> ("gni_pc_f", 2019); false when the name has no _YYYY suffix.
bool split_year(std::string_view name, std::string_view& stem, std::int32_t& year) {
    if (name.size() < 6 || name[name.size() - 5] != '_') return false;
    if (!detail::parse_int32(name.substr(name.size() - 4), year)) return false;
    stem = name.substr(0, name.size() - 5);
    return true;
}

struct Mapped {
    std::size_t field;
    const HdrColumn* column;
    std::int32_t year;
    DatasetBuilder::IndicatorRef indicator{};  // resolved once per column, not once per cell
    code_t unit = 0;
};

}  // namespace

std::span<const HdrColumn> hdr_columns() { return hdr_map; }

Dataset parse_hdr(std::string_view raw, std::string_view name, const IndicatorRegistry& registry, Encoding encoding) {
    const std::string text = decode_to_utf8(raw, encoding, name);
    const std::string file(name);
    detail::CsvTokenizer tok(text, name);
    std::vector<std::string_view> fields;
    if (!tok.next(fields)) throw value_error(file + ": file is empty (expected a header row)");

    std::unordered_map<std::string_view, const HdrColumn*> by_stem;
    for (const auto& c : hdr_map) by_stem.emplace(c.stem, &c);
    std::vector<Mapped> mapped;
    std::vector<std::string> header(fields.begin(), fields.end());
    std::size_t iso3 = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string_view h = detail::trim(header[i]);
        if (h == "iso3") iso3 = i;
        std::string_view stem;
        std::int32_t year = 0;
        if (!split_year(h, stem, year)) continue;
        if (auto it = by_stem.find(stem); it != by_stem.end()) mapped.push_back({i, it->second, year});
    }
    if (iso3 == header.size()) throw value_error(Location{file, tok.line(), ""}, "missing required column 'iso3'");
    if (mapped.empty())
        throw value_error(Location{file, tok.line(), ""}, "no indicator_year column of the HDR format was found");

    DatasetBuilder builder(registry, file);
    builder.reserve(text.size() / 8);
    const code_t source = builder.source(std::filesystem::path(file).filename().string());
    for (Mapped& m : mapped) {
        const Location where{file, tok.line(), header[m.field]};
        m.indicator = builder.indicator(m.column->indicator, where);
        m.unit = builder.unit(m.column->unit);
    }
    const auto nan = std::numeric_limits<double>::quiet_NaN();
    while (tok.next(fields)) {
        const std::size_t line = tok.line();
        if (fields.size() != header.size())
            throw value_error(Location{file, line, ""}, "ragged row: " + std::to_string(fields.size()) +
                                                            " fields, the header has " + std::to_string(header.size()));
        const code_t region = builder.region(detail::trim(fields[iso3]), Location{file, line, "iso3"});
        for (const Mapped& m : mapped) {
            const std::string_view cell = detail::trim(fields[m.field]);
            if (cell.empty()) continue;  // not published for that year
            double value = 0;
            if (!detail::parse_double(cell, value))
                throw value_error(Location{file, line, header[m.field]}, detail::bad_number(cell, "value"));
            builder.add_coded(region, m.year, m.column->sex, m.indicator, value, 0, nan, m.unit, source, line, [&] {
                return Location{file, line, header[m.field]};
            });
        }
    }
    return std::move(builder).build();
}

Dataset read_hdr(const std::filesystem::path& path, const IndicatorRegistry& registry, Encoding encoding) {
    return parse_hdr(read_file(path), path.string(), registry, encoding);
}

RegionHierarchy read_hdr_regions(const std::filesystem::path& path, Encoding encoding) {
    const std::string file = path.string();
    const std::string text = decode_to_utf8(read_file(path), encoding, file);
    detail::CsvTokenizer tok(text, file);
    std::vector<std::string_view> fields;
    if (!tok.next(fields)) throw value_error(file + ": file is empty (expected a header row)");
    std::size_t iso3 = fields.size(), country = fields.size(), region = fields.size();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto h = detail::trim(fields[i]);
        if (h == "iso3") iso3 = i;
        if (h == "country") country = i;
        if (h == "region") region = i;
    }
    for (auto [i, n] : {std::pair{iso3, "iso3"}, {country, "country"}, {region, "region"}})
        if (i == fields.size())
            throw value_error(Location{file, tok.line(), ""}, std::string("missing required column '") + n + "'");
    std::vector<Region> regions;
    std::unordered_map<std::string, std::string> aggregate_of_suffix;  // "SSA" -> "ZZJ.SSA"
    while (tok.next(fields)) {
        const std::string code(detail::trim(fields[iso3]));
        Region r{code, std::string(detail::trim(fields[country])), std::string(detail::trim(fields[region])),
                 "country"};
        if (code.rfind("ZZ", 0) == 0) {
            r.level = "aggregate";
            r.parent.clear();
            if (auto dot = code.find('.'); dot != std::string::npos) aggregate_of_suffix[code.substr(dot + 1)] = code;
        }
        regions.push_back(std::move(r));
    }
    for (auto& r : regions) {
        if (r.parent.empty()) continue;
        auto it = aggregate_of_suffix.find(r.parent);
        if (it == aggregate_of_suffix.end())
            throw key_error(file + ": region '" + r.code + "' names UNDP region '" + r.parent +
                            "', which has no aggregate row");
        r.parent = it->second;
    }
    return RegionHierarchy::from_regions(std::move(regions));
}

}  // namespace gendex::io
