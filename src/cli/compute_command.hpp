// `gendex compute INDEX` and `gendex editions`: indices over a whole input
// file, and the constants of each methodology edition with their sources.
#pragma once

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "gendex/compute.hpp"
#include "gendex/labels.hpp"
#include "gendex/edition.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "table.hpp"

namespace gendex::cli {

/// "name=value" of --set into an override.
inline constant_override parse_override(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw value_error("--set '" + text + "': expected NAME=VALUE, e.g. gii_parliament_floor=0.1");
    const std::string name = text.substr(0, eq), number = text.substr(eq + 1);
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(number, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != number.size()) throw value_error("--set '" + text + "': '" + number + "' is not a number");
    return {name, value, "--set " + text};
}

/// The edition of --edition, with --set overrides applied (id "<edition>+custom").
inline Edition edition_with_overrides(const std::string& id, const std::vector<std::string>& sets) {
    const Edition& base = edition(id);
    if (sets.empty()) return base;
    std::vector<constant_override> overrides;
    for (const auto& s : sets) overrides.push_back(parse_override(s));
    return custom_edition(base, id + "+custom", overrides);
}

/// A table cell: ranks and groups as integers, other values at the edition's digits.
inline std::string cell(const IndicatorInfo& info, double v, int digits) {
    if (std::isnan(v)) return "";
    if (info.unit == "rank" || info.unit == "group") return number(v, 0);
    return number(v, digits);
}

/// Column title: the id, with the sex when it is not the total ("hdi (female)";
/// in Indonesian "ipm (Perempuan)").
inline std::string title(const AlignedColumn& c, Language lang) {
    if (c.sex == Sex::total) return c.indicator;
    const std::string_view sex = lang == Language::id ? sex_label(c.sex, lang) : to_string(c.sex);
    return c.indicator + " (" + std::string(sex) + ")";
}

/// The latest period's units (those of `only`, when given), best first, `top`
/// rows, the first `max_columns` outputs present.
inline std::string latest_table(const IndexDescriptor& d, const IndexResult& r, int digits, std::size_t top,
                                const std::vector<std::string>& only = {}, Language lang = Language::en,
                                std::size_t max_columns = 6) {
    const AlignedTable t = align(r.values, d.outputs);
    if (t.units() == 0) return "(no region-period could be computed)\n";
    const std::int32_t latest = *std::max_element(t.period.begin(), t.period.end());
    std::vector<std::size_t> cols;  // outputs with a value in the latest period
    for (std::size_t j = 0; j < d.outputs.size() && cols.size() < max_columns; ++j)
        for (std::size_t u = 0; u < t.units(); ++u)
            if (t.period[u] == latest && t.present(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(j))) {
                cols.push_back(j);
                break;
            }
    std::vector<std::size_t> units;
    for (std::size_t u = 0; u < t.units(); ++u)
        if (t.period[u] == latest && (only.empty() || std::find(only.begin(), only.end(), t.region[u]) != only.end()))
            units.push_back(u);
    const auto headline = t.column(0);
    auto key = [&](std::size_t u) {
        switch (d.display) {
            case IndexDescriptor::order::highest_first: return -headline[u];
            case IndexDescriptor::order::lowest_first: return headline[u];
            case IndexDescriptor::order::nearest_one_first: return std::fabs(headline[u] - 1.0);
        }
        return headline[u];
    };
    std::stable_sort(units.begin(), units.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    std::vector<std::string> header{lang == Language::id ? "wilayah" : "region"};
    for (std::size_t j : cols) header.push_back(title(d.outputs[j], lang));
    Table table(header);
    const auto& registry = IndicatorRegistry::standard();
    for (std::size_t k = 0; k < units.size() && k < top; ++k) {
        std::vector<std::string> row{t.region[units[k]]};
        for (std::size_t j : cols)
            row.push_back(cell(registry.at(d.outputs[j].indicator), t.column(j)[units[k]], digits));
        table.add(std::move(row));
    }
    if (lang == Language::id) {
        std::string out = std::string(indicator_label(d.name, lang)) + ", " + std::to_string(latest) + " (" +
                          std::to_string(units.size()) + " wilayah";
        if (units.size() > top) out += ", " + std::to_string(top) + " pertama; --output menulis semua";
        return out + ", " + std::to_string(digits) + " desimal; presisi penuh di --output)\n" + table.str();
    }
    std::string out =
        std::string(d.title) + ", " + std::to_string(latest) + " (" + std::to_string(units.size()) + " region-periods";
    if (units.size() > top) out += ", first " + std::to_string(top) + " shown; --output writes all";
    return out + ", values at " + std::to_string(digits) + " decimals; full precision in --output)\n" + table.str();
}

inline std::string report_csv(const ComputeReport& r) {
    std::string out = "kind,region,period,indicator,sex,problem,message\n";
    for (const auto& s : r.skipped)
        out += "skipped," + csv_field(s.region) + "," + std::to_string(s.period) + "," + csv_field(s.indicator) + "," +
               std::string(to_string(s.sex)) + "," + std::string(to_string(s.problem)) + "," + csv_field(s.reason) +
               "\n";
    for (const auto& n : r.notes)
        out += "note," + csv_field(n.region) + "," + std::to_string(n.period) + ",,,," + csv_field(n.note) + "\n";
    return out;
}

/// The summary line and the first skipped units and notes (all of them are
/// in the --report file when there is one).
inline std::string short_report(const ComputeReport& r, const std::string& report_file, std::size_t shown = 10) {
    std::string out = r.summary() + "\n";
    if (!report_file.empty()) {
        if (!r.skipped.empty() || !r.notes.empty()) out += "skipped region-periods and notes: " + report_file + "\n";
        return out;
    }
    auto more = [&](std::size_t total) {
        return total > shown ? " (first " + std::to_string(shown) + " shown; --report FILE writes all)" : std::string();
    };
    if (!r.skipped.empty()) {
        out += "Skipped region-periods" + more(r.skipped.size()) + ":\n";
        Table t({"region", "period", "reason"});
        for (std::size_t k = 0; k < r.skipped.size() && k < shown; ++k)
            t.add({r.skipped[k].region, std::to_string(r.skipped[k].period), r.skipped[k].reason});
        out += t.str();
    }
    if (!r.notes.empty()) {
        out += "Notes" + more(r.notes.size()) + ":\n";
        Table t({"region", "period", "note"});
        for (std::size_t k = 0; k < r.notes.size() && k < shown; ++k)
            t.add({r.notes[k].region, std::to_string(r.notes[k].period), r.notes[k].note});
        out += t.str();
    }
    return out;
}

struct ComputeCommand {
    std::string index, edition_id, output, report, on_invalid = "skip", lang = "en";
    std::vector<std::string> sets, show;
    std::size_t top = 20;

    template <class Input>
    void add_to(CLI::App& app, Input& input) {
        std::string names;
        for (const auto& n : index_names()) names += (names.empty() ? "" : ", ") + n;
        app.add_option("index", index, "Index to compute: " + names)->required()->check(CLI::IsMember(index_names()));
        input.add_to(app);
        std::string ids;
        for (auto id : edition_ids()) ids += (ids.empty() ? "" : ", ") + std::string(id);
        app.add_option("--edition,-e", edition_id,
                       "Methodology edition: " + ids + " (default: the index's own, bps for BPS indices, " +
                           std::string(latest_hdr_edition_id) + " for UNDP's; gendex editions --show ID)");
        app.add_option("--set", sets,
                       "Override an edition constant, NAME=VALUE (repeatable), e.g. gii_parliament_floor=0.1");
        app.add_option("--output,-o", output, "Write the results as a tidy CSV of the data contract (full precision)");
        app.add_option("--on-invalid", on_invalid,
                       "A region-period with a missing or invalid input: skip (leave it out and report it; the "
                       "default, as whole HDR files lack some inputs for many years) or raise (exit 2 naming it)")
            ->check(CLI::IsMember({"raise", "skip"}));
        app.add_option("--report", report, "Write every skipped region-period and note as CSV");
        app.add_option("--top", top, "Rows of the printed table");
        app.add_option("--lang", lang, "Labels of the printed table: en (English) or id (Bahasa Indonesia)")
            ->check(CLI::IsMember({"en", "id"}));
        app.add_option("--show", show,
                       "Print the latest period of these regions, e.g. --show IDN,MYS (also with --output; ranks "
                       "stay among all regions)")
            ->delimiter(',');
    }

    template <class Input>
    void run(const Input& input) const {
        const IndexDescriptor& d = index_descriptor(index);
        const Edition ed =
            edition_with_overrides(edition_id.empty() ? std::string(d.default_edition) : edition_id, sets);
        ComputeOptions options;
        options.on_invalid = parse_on_invalid(on_invalid);
        const IndexResult r = d.compute(input.read(), ed, options);
        // write_csv and write_file leave no partial file on failure.
        if (!output.empty()) io::write_csv(r.values, output);
        if (!report.empty()) io::write_file(report, report_csv(r.report));
        if (output.empty() || !show.empty())
            std::cout << latest_table(d, r, ed.rounding_digits.value, top, show, parse_language(lang)) << "\n";
        if (!output.empty())
            std::cout << "wrote " << r.values.size() << " observations of " << r.report.computed
                      << " region-periods to " << output << "\n";
        std::cout << short_report(r.report, report);
    }
};

struct EditionsCommand {
    std::string show;

    void add_to(CLI::App& app) {
        app.add_option("--show", show, "List every constant of this edition with its value, meaning and source");
    }

    void run() const {
        if (show.empty()) {
            Table t({"edition", "title"});
            for (auto id : edition_ids()) t.add({std::string(id), edition(id).title});
            std::cout << t.str() << "(gendex editions --show ID lists every constant with its source)\n";
            return;
        }
        const Edition& ed = edition(show);
        std::cout << ed.id << ": " << ed.title << "\n\n";
        for (const auto& c : constants(ed)) {
            const std::string value =
                c.kind == constant_kind::real ? detail::format_number(c.value) : number(c.value, 0);
            std::cout << c.name << " = " << value << (c.unit.empty() ? "" : " " + std::string(c.unit)) << "\n    "
                      << c.meaning << "\n    source: " << c.source << "\n";
        }
    }
};

}  // namespace gendex::cli
