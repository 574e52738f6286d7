#include "gendex/io/tidy_csv.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

#include "csv_tokenizer.hpp"

namespace gendex::io {
namespace {

using detail::append_field;
using detail::append_number;
using detail::CsvTokenizer;

enum Col { c_region, c_period, c_sex, c_indicator, c_value, c_age_group, c_se, c_unit, c_source, n_cols };
constexpr std::array<std::string_view, n_cols> col_names = {"region",    "period", "sex",  "indicator", "value",
                                                            "age_group", "se",     "unit", "source"};
constexpr int n_required = 5;

}  // namespace

Dataset parse_csv(std::string_view raw, std::string_view name, const IndicatorRegistry& registry, Encoding encoding) {
    const std::string text = decode_to_utf8(raw, encoding, name);
    CsvTokenizer tok(text, name);
    std::vector<std::string_view> fields;
    const std::string file(name);
    if (!tok.next(fields)) throw value_error(file + ": file is empty (expected a header row)");

    std::array<int, n_cols> index;
    index.fill(-1);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string_view h = detail::trim(fields[i]);
        int found = -1;
        for (int k = 0; k < n_cols; ++k)
            if (h == col_names[static_cast<std::size_t>(k)]) found = k;
        if (found < 0)
            throw value_error(Location{file, tok.line(), std::string(h)},
                              "unknown column (expected region, period, sex, indicator, value and optionally "
                              "age_group, se, unit, source)");
        if (index[static_cast<std::size_t>(found)] >= 0)
            throw value_error(Location{file, tok.line(), std::string(h)}, "column appears twice in the header");
        index[static_cast<std::size_t>(found)] = static_cast<int>(i);
    }
    for (int k = 0; k < n_required; ++k)
        if (index[static_cast<std::size_t>(k)] < 0)
            throw value_error(Location{file, tok.line(), ""},
                              "missing required column '" + std::string(col_names[static_cast<std::size_t>(k)]) + "'");
    const std::size_t width = fields.size();

    DatasetBuilder builder(registry);
    builder.reserve(text.size() / 32);
    auto field = [&](Col c) -> std::string_view {
        const int i = index[c];
        return i < 0 ? std::string_view{} : fields[static_cast<std::size_t>(i)];  // trimmed unless quoted
    };
    while (tok.next(fields)) {
        const std::size_t line = tok.line();
        auto where = [&](Col c) { return Location{file, line, std::string(col_names[c])}; };
        if (fields.size() != width)
            throw value_error(Location{file, line, ""}, "ragged row: " + std::to_string(fields.size()) +
                                                            " fields, the header has " + std::to_string(width));
        std::int32_t period = 0;
        if (!detail::parse_int32(field(c_period), period))
            throw value_error(where(c_period), "period '" + std::string(field(c_period)) + "' is not an integer year");
        const auto sex = parse_sex(field(c_sex));
        if (!sex)
            throw value_error(where(c_sex), "unknown sex code '" + std::string(field(c_sex)) +
                                                "' (use female/male/total, F/M/T or P/L)");
        double value = 0;
        if (field(c_value).empty()) throw value_error(where(c_value), "value is empty");
        if (!detail::parse_double(field(c_value), value))
            throw value_error(where(c_value), detail::bad_number(field(c_value), "value"));
        double se = std::numeric_limits<double>::quiet_NaN();
        if (!field(c_se).empty()) {
            if (!detail::parse_double(field(c_se), se))
                throw value_error(where(c_se), detail::bad_number(field(c_se), "standard error"));
            if (std::isnan(se)) throw value_error(where(c_se), "standard error is not a finite number");
        }
        builder.add(field(c_region), period, *sex, field(c_indicator), value, field(c_age_group), se, field(c_unit),
                    field(c_source), Location{file, line, ""});
    }
    return std::move(builder).build();
}

Dataset read_csv(const std::filesystem::path& path, const IndicatorRegistry& registry, Encoding encoding) {
    return parse_csv(read_file(path), path.string(), registry, encoding);
}

std::string format_csv(const Dataset& ds) {
    const auto& c = ds.columns();
    auto uses = [&](const std::vector<code_t>& codes) {
        return std::any_of(codes.begin(), codes.end(), [](code_t k) { return k != 0; });
    };
    const bool age = uses(c.age_group), se = ds.has_se(), unit = uses(c.unit), source = uses(c.source);
    std::string out = "region,period,sex,indicator,value";
    if (age) out += ",age_group";
    if (se) out += ",se";
    if (unit) out += ",unit";
    if (source) out += ",source";
    out += '\n';
    out.reserve(ds.size() * 48);
    for (std::size_t i = 0; i < ds.size(); ++i) {
        append_field(out, c.regions[c.region[i]]);
        out += ',';
        out += std::to_string(c.period[i]);
        out += ',';
        out += to_string(c.sex[i]);
        out += ',';
        append_field(out, c.indicators[c.indicator[i]]);
        out += ',';
        append_number(out, c.value[i]);
        if (age) out += ',', append_field(out, c.age_groups[c.age_group[i]]);
        if (se) {
            out += ',';
            if (!std::isnan(c.se[i])) append_number(out, c.se[i]);
        }
        if (unit) out += ',', append_field(out, c.units[c.unit[i]]);
        if (source) out += ',', append_field(out, c.sources[c.source[i]]);
        out += '\n';
    }
    return out;
}

void write_csv(const Dataset& ds, const std::filesystem::path& path) { write_file(path, format_csv(ds)); }

}  // namespace gendex::io
