#include "gendex/io/sdmx_csv.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <utility>
#include <unordered_map>

#include "csv_tokenizer.hpp"
#include "gendex/io/file.hpp"

namespace gendex::io {
namespace {

using detail::append_field;
using detail::CsvTokenizer;

/// CL_SEX codes that name no sex gendex keeps, with their meaning for the message.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> other_sex_codes{{
    {"_N", "not applicable"},
    {"_O", "other"},
    {"_U", "unknown"},
    {"_Z", "not applicable"},
}};

/// A header cell as a component id: SDMX-CSV 2.x may label columns "REF_AREA: Reference area".
std::string_view component_id(std::string_view header) {
    header = detail::trim(header);
    if (const auto colon = header.find(':'); colon != std::string_view::npos)
        header = detail::trim(header.substr(0, colon));
    return header;
}

enum Col { c_series, c_area, c_time, c_value, c_sex, c_age, c_unit, c_status, c_mult, c_flow, c_action, n_cols };
constexpr std::array<std::string_view, n_cols> col_names = {"SERIES",    "REF_AREA", "TIME_PERIOD",  "OBS_VALUE",
                                                            "SEX",       "AGE",      "UNIT_MEASURE", "OBS_STATUS",
                                                            "UNIT_MULT", "DATAFLOW", "ACTION"};
constexpr int n_required = 4;

bool is_missing(std::string_view v) { return v.empty() || v == "NaN" || v == "#N/A"; }

// A row's OBS_STATUS is kept in its source text as "<DATAFLOW>; OBS_STATUS=<code>".
constexpr std::string_view status_tag = "OBS_STATUS=";

// An SDMX identifier (the common ID type: letters, digits, _ @ $ -), as a code of a codelist is.
bool is_sdmx_id(std::string_view v) {
    return !v.empty() && std::all_of(v.begin(), v.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '@' || ch == '$' || ch == '-';
    });
}

// The status the reader put in a row's source: the source is "OBS_STATUS=<code>" or ends in
// "; OBS_STATUS=<code>", the code an SDMX identifier; anything else (a source from elsewhere, a
// DATAFLOW text that merely contains the tag) holds none.
std::string_view status_of(std::string_view source) {
    const auto at = source.rfind(status_tag);
    if (at == std::string_view::npos || (at != 0 && (at < 2 || source.substr(at - 2, 2) != "; "))) return {};
    const std::string_view code = source.substr(at + status_tag.size());
    return is_sdmx_id(code) ? code : std::string_view{};
}

/// The sex of a CL_SEX code: F, M and _T; nothing (and `why`, for the message) for any other code.
std::optional<Sex> sdmx_sex(std::string_view code, std::string& why) {
    if (code == "F") return Sex::female;
    if (code == "M") return Sex::male;
    if (code == "_T") return Sex::total;
    why = "SEX '" + std::string(code) + "' is not a CL_SEX code (F, M, _T, _N, _O, _U, _Z)";
    for (const auto& [other, meaning] : other_sex_codes)
        if (code == other)
            why = "SEX '" + std::string(code) + "' (" + std::string(meaning) +
                  ") names no sex gendex keeps (F, M or _T); remove these rows or give the series a sex in the "
                  "mapping";
    return std::nullopt;
}

std::string_view sdmx_code(Sex s) { return s == Sex::female ? "F" : s == Sex::male ? "M" : "_T"; }

}  // namespace

SdmxMapping parse_sdmx_mapping(std::string_view raw, std::string_view name) {
    const std::string text = decode_to_utf8(raw, Encoding::automatic, name);
    CsvTokenizer tok(text, name);
    const std::string file(name);
    std::vector<std::string_view> fields;
    if (!tok.next(fields)) throw value_error(file + ": file is empty (expected the header series,indicator[,sex])");
    int series = -1, indicator = -1, sex = -1;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string_view h = detail::trim(fields[i]);
        if (h == "series") series = static_cast<int>(i);
        if (h == "indicator") indicator = static_cast<int>(i);
        if (h == "sex") sex = static_cast<int>(i);
    }
    if (series < 0 || indicator < 0)
        throw value_error(Location{file, tok.line(), ""}, "the mapping needs the columns series and indicator");
    const std::size_t width = fields.size();
    SdmxMapping out;
    std::unordered_map<std::string, std::size_t> seen;
    while (tok.next(fields)) {
        const std::size_t line = tok.line();
        if (fields.size() != width)
            throw value_error(Location{file, line, ""}, "ragged row: " + std::to_string(fields.size()) +
                                                            " fields, the header has " + std::to_string(width));
        SdmxSeries row{std::string(fields[static_cast<std::size_t>(series)]),
                       std::string(fields[static_cast<std::size_t>(indicator)]), std::nullopt};
        if (row.series.empty()) throw value_error(Location{file, line, "series"}, "series code is empty");
        if (row.indicator.empty()) throw value_error(Location{file, line, "indicator"}, "indicator is empty");
        if (sex >= 0 && !fields[static_cast<std::size_t>(sex)].empty()) {
            row.sex = parse_sex(fields[static_cast<std::size_t>(sex)]);
            if (!row.sex)
                throw value_error(Location{file, line, "sex"},
                                  "unknown sex '" + std::string(fields[static_cast<std::size_t>(sex)]) +
                                      "' (female, male, total or empty: the SEX column says)");
        }
        if (const auto [it, fresh] = seen.emplace(row.series, line); !fresh)
            throw value_error(Location{file, line, "series"}, "series '" + row.series + "' is mapped on line " +
                                                                  std::to_string(it->second) + " already");
        out.push_back(std::move(row));
    }
    return out;
}

SdmxMapping read_sdmx_mapping(const std::filesystem::path& path) {
    return parse_sdmx_mapping(read_file(path), path.string());
}

Dataset parse_sdmx_csv(std::string_view raw, std::string_view name, const SdmxMapping& mapping,
                       const IndicatorRegistry& registry, Encoding encoding) {
    const std::string text = decode_to_utf8(raw, encoding, name);
    CsvTokenizer tok(text, name);
    std::vector<std::string_view> fields;
    const std::string file(name);
    if (!tok.next(fields)) throw value_error(file + ": file is empty (expected an SDMX-CSV header)");

    std::array<int, n_cols> index;
    index.fill(-1);
    const bool v2 = fields.size() >= 3 && component_id(fields[0]) == "STRUCTURE" &&
                    component_id(fields[1]) == "STRUCTURE_ID" && component_id(fields[2]) == "ACTION";
    if (!v2 && (fields.empty() || component_id(fields[0]) != "DATAFLOW"))
        throw value_error(Location{file, tok.line(), fields.empty() ? "" : std::string(component_id(fields[0]))},
                          "not SDMX-CSV: the header starts with DATAFLOW (1.0) or STRUCTURE,STRUCTURE_ID,ACTION (2.x)");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        std::string_view h = component_id(fields[i]);
        if (h == "INDICATOR") h = "SERIES";  // the series dimension's other common name
        if (v2 && i == 1) h = "DATAFLOW";    // STRUCTURE_ID names the dataflow
        if (v2 && i == 2) h = "ACTION";
        for (int k = 0; k < n_cols; ++k)
            if (h == col_names[static_cast<std::size_t>(k)]) {
                if (index[static_cast<std::size_t>(k)] >= 0)
                    throw value_error(Location{file, tok.line(), std::string(h)}, "column appears twice in the header");
                index[static_cast<std::size_t>(k)] = static_cast<int>(i);
            }
    }
    for (int k = 0; k < n_required; ++k)
        if (index[static_cast<std::size_t>(k)] < 0)
            throw value_error(Location{file, tok.line(), ""}, "missing SDMX-CSV column '" +
                                                                  std::string(col_names[static_cast<std::size_t>(k)]) +
                                                                  "'" + (k == c_series ? " (or INDICATOR)" : ""));
    const std::size_t width = fields.size();
    std::vector<std::string> headers;  // as written, for messages
    for (const auto f : fields) headers.emplace_back(detail::trim(f));

    std::unordered_map<std::string_view, const SdmxSeries*> by_series;
    for (const auto& s : mapping) by_series.emplace(s.series, &s);

    DatasetBuilder builder(registry);
    builder.reserve(text.size() / 64);
    auto field = [&](Col c) -> std::string_view {
        const int i = index[c];
        return i < 0 ? std::string_view{} : fields[static_cast<std::size_t>(i)];
    };
    std::string source;
    while (tok.next(fields)) {
        const std::size_t line = tok.line();
        auto where = [&](Col c) { return Location{file, line, headers[static_cast<std::size_t>(index[c])]}; };
        if (fields.size() != width)
            throw value_error(Location{file, line, ""}, "ragged row: " + std::to_string(fields.size()) +
                                                            " fields, the header has " + std::to_string(width));
        if (v2 && field(c_action) == "D")
            throw value_error(where(c_action),
                              "ACTION 'D' deletes observations; gendex reads data to add (I, A, R, M)");
        const std::string_view value_text = field(c_value);
        if (is_missing(value_text)) continue;  // SDMX's intended missing value: no observation

        const std::string_view code = field(c_series);
        const auto found = by_series.find(code);
        if (found == by_series.end())
            throw value_error(where(c_series),
                              "series '" + std::string(code) + "' is not in the series mapping; add a row for it");
        const SdmxSeries& series = *found->second;
        Sex sex = Sex::total;
        if (index[c_sex] >= 0 || series.sex) {
            const std::string_view sex_code = field(c_sex);
            std::string why;
            const std::optional<Sex> coded =
                sex_code.empty() ? std::optional<Sex>(Sex::total) : sdmx_sex(sex_code, why);
            if (series.sex) {
                // A one-sex series may say so (F) or code the dimension as total or not applicable.
                if (coded ? (*coded != *series.sex && *coded != Sex::total) : sex_code != "_Z")
                    throw value_error(where(c_sex), "SEX '" + std::string(sex_code) + "' for series '" + series.series +
                                                        "', which the mapping gives the sex " +
                                                        std::string(to_string(*series.sex)));
                sex = *series.sex;
            } else if (!coded) {
                throw value_error(where(c_sex), why);
            } else {
                sex = *coded;
            }
        }
        std::int32_t period = 0;
        if (!detail::parse_int32(field(c_time), period))
            throw value_error(where(c_time), "TIME_PERIOD '" + std::string(field(c_time)) +
                                                 "' is not a year (gendex keeps annual data)");
        double value = 0;
        if (!detail::parse_double(value_text, value) || std::isnan(value))
            throw value_error(where(c_value), detail::bad_number(value_text, "OBS_VALUE"));
        if (const std::string_view mult = field(c_mult); !mult.empty() && mult != "0")
            throw value_error(where(c_mult), "UNIT_MULT '" + std::string(mult) +
                                                 "' (values in powers of ten): gendex reads OBS_VALUE as given; "
                                                 "rescale the values and set UNIT_MULT to 0");
        std::string_view age = field(c_age);
        if (age == "_T") age = {};
        source.assign(field(c_flow));
        if (const std::string_view status = field(c_status); !status.empty()) {
            // Kept inside the row's source text and written back from it: only a code, so it cannot
            // run into the source's separators.
            if (!is_sdmx_id(status))
                throw value_error(where(c_status), "OBS_STATUS '" + std::string(status) +
                                                       "' is not an SDMX code (letters, digits, _ @ $ -)");
            if (!source.empty()) source += "; ";
            source += status_tag;
            source += status;
        }
        builder.add(field(c_area), period, sex, series.indicator, value, age, std::numeric_limits<double>::quiet_NaN(),
                    field(c_unit), source, Location{file, line, ""});
    }
    return std::move(builder).build();
}

Dataset read_sdmx_csv(const std::filesystem::path& path, const SdmxMapping& mapping, const IndicatorRegistry& registry,
                      Encoding encoding) {
    return parse_sdmx_csv(read_file(path), path.string(), mapping, registry, encoding);
}

std::string format_sdmx_csv(const Dataset& ds, std::string_view dataflow, const SdmxMapping& mapping) {
    if (dataflow.empty()) throw value_error("SDMX-CSV needs a dataflow id, e.g. 'UNSD:DF_SDG_GLH(1.0)'");
    if (ds.has_se())
        throw value_error(
            "SDMX-CSV has no column for standard errors; drop them before writing (the tidy CSV "
            "keeps them)");
    const auto& c = ds.columns();
    // (indicator code, sex) -> series code: a mapping row with the indicator and the row's sex, or no sex.
    std::vector<std::array<const SdmxSeries*, 3>> series(c.indicators.size(), {nullptr, nullptr, nullptr});
    for (std::size_t k = 0; k < c.indicators.size(); ++k)
        for (const auto& m : mapping)
            if (m.indicator == c.indicators[static_cast<code_t>(k)])
                for (const Sex s : all_sexes)
                    if (!series[k][static_cast<std::size_t>(s)] && (!m.sex || *m.sex == s))
                        series[k][static_cast<std::size_t>(s)] = &m;
    auto used = [](const std::vector<code_t>& codes) {
        return std::any_of(codes.begin(), codes.end(), [](code_t k) { return k != 0; });
    };
    const bool age = used(c.age_group), unit = used(c.unit);
    bool status = false;
    for (std::size_t k = 0; k < c.sources.size(); ++k)
        status = status || !status_of(c.sources[static_cast<code_t>(k)]).empty();
    std::string out = "DATAFLOW,SERIES,REF_AREA,SEX";
    if (age) out += ",AGE";
    out += ",TIME_PERIOD,OBS_VALUE";
    if (unit) out += ",UNIT_MEASURE";
    if (status) out += ",OBS_STATUS";
    out += '\n';
    out.reserve(ds.size() * 64);
    for (std::size_t i = 0; i < ds.size(); ++i) {
        const SdmxSeries* s = series[c.indicator[i]][static_cast<std::size_t>(c.sex[i])];
        if (!s)
            throw value_error("indicator '" + std::string(c.indicators[c.indicator[i]]) + "' (" +
                              std::string(to_string(c.sex[i])) +
                              ") has no SDMX series in the mapping; add a row (series,indicator,sex) for it");
        append_field(out, dataflow);
        out += ',';
        append_field(out, s->series);
        out += ',';
        append_field(out, c.regions[c.region[i]]);
        out += ',';
        out += sdmx_code(c.sex[i]);
        if (age) {
            const std::string_view a = c.age_groups[c.age_group[i]];
            out += ',', append_field(out, a.empty() ? std::string_view("_T") : a);
        }
        out += ',';
        out += std::to_string(c.period[i]);
        out += ',';
        detail::append_number(out, c.value[i]);
        if (unit) out += ',', append_field(out, c.units[c.unit[i]]);
        if (status) {
            out += ',';
            append_field(out, status_of(c.sources[c.source[i]]));
        }
        out += '\n';
    }
    return out;
}

}  // namespace gendex::io
