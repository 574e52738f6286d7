// `gendex priorities INDEX`: for every region-period, each component of the
// index set at gender parity alone, ranked by how much closer to equality it
// brings the index (analysis/decompose.hpp): what a Pokja PUG prioritises.
#pragma once

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "compute_command.hpp"
#include "gendex/analysis/decompose.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "table.hpp"

namespace gendex::cli {

inline std::string parity_gains_csv(const ParityGains& g) {
    std::string out = "region,period,index,component,value,at_parity,gain,rank\n";
    for (const auto& r : g.rows)
        out += csv_field(r.region) + "," + std::to_string(r.period) + "," + g.index + "," + r.component + "," +
               number(r.value, 17) + "," + number(r.at_parity, 17) + "," + number(r.gain, 17) + "," +
               std::to_string(r.rank) + "\n";
    return out;
}

struct PrioritiesCommand {
    std::string index, edition_id, output, on_invalid = "skip", lang = "en";
    std::vector<std::string> sets, show;
    std::size_t top = 10;

    template <class Input>
    void add_to(CLI::App& app, Input& input) {
        std::vector<std::string> names;
        for (const auto& d : index_table())
            if (d.parity) names.emplace_back(d.name);
        app.add_option("index", index, "Index whose components to rank: " + join_index_names(&IndexDescriptor::parity))
            ->required()
            ->check(CLI::IsMember(names));
        input.add_to(app);
        app.add_option("--edition,-e", edition_id,
                       "Methodology edition (default: the index's own, bps for BPS indices, " +
                           std::string(latest_hdr_edition_id) + " for UNDP's)");
        app.add_option("--set", sets, "Override an edition constant, NAME=VALUE (repeatable)");
        app.add_option("--output,-o", output, "Write every region-period's components as CSV (full precision)");
        app.add_option("--on-invalid", on_invalid, "A region-period with a missing or invalid input: skip or raise")
            ->check(CLI::IsMember({"raise", "skip"}));
        app.add_option("--top", top, "Regions of the printed table");
        app.add_option("--show", show, "Print the latest period of these regions, e.g. --show 6203,6271")
            ->delimiter(',');
        app.add_option("--lang", lang, "Headers of the printed table: en or id")->check(CLI::IsMember({"en", "id"}));
    }

    template <class Input>
    void run(const Input& input) const {
        const Edition ed = edition_with_overrides(
            edition_id.empty() ? std::string(index_descriptor(index).default_edition) : edition_id, sets);
        ComputeOptions options;
        options.on_invalid = parse_on_invalid(on_invalid);
        const ParityGains g = parity_gains(index, input.read(), ed, options);
        if (!output.empty()) io::write_file(output, parity_gains_csv(g));
        std::cout << latest(g, ed.rounding_digits.value) << g.report.summary() << "\n";
        if (!g.notes.empty()) {
            Table t({"region", "period", "not assessed"});
            for (std::size_t k = 0; k < g.notes.size() && k < 10; ++k)
                t.add({g.notes[k].region, std::to_string(g.notes[k].period), g.notes[k].note});
            std::cout << g.notes.size() << " component(s) could not be set at parity"
                      << (g.notes.size() > 10 ? " (first 10 shown)" : "") << ":\n"
                      << t.str();
        }
        if (!output.empty()) std::cout << "wrote " << g.rows.size() << " rows to " << output << "\n";
    }

private:
    // The latest period's regions (those of --show, or the first --top), components by rank.
    [[nodiscard]] std::string latest(const ParityGains& g, int digits) const {
        if (g.rows.empty()) return "(no region-period could be decomposed)\n";
        std::int32_t period = g.rows.front().period;
        for (const auto& r : g.rows) period = std::max(period, r.period);
        const bool id = lang == "id";
        Table t(id ? std::vector<std::string>{"wilayah", "peringkat", "komponen", "nilai", "bila setara", "perbaikan"}
                   : std::vector<std::string>{"region", "rank", "component", "value", "at parity", "gain"});
        std::vector<std::string> regions;
        for (const auto& r : g.rows) {
            if (r.period != period) continue;
            const bool wanted = show.empty() ? (std::find(regions.begin(), regions.end(), r.region) != regions.end() ||
                                                regions.size() < top)
                                             : std::find(show.begin(), show.end(), r.region) != show.end();
            if (!wanted) continue;
            if (std::find(regions.begin(), regions.end(), r.region) == regions.end()) regions.push_back(r.region);
            const std::string component = id ? component_label(r.component, Language::id) : r.component;
            t.add({r.region, std::to_string(r.rank), component, number(r.value, digits), number(r.at_parity, digits),
                   number(r.gain, digits + 1)});
        }
        const std::string head = id ? g.index + " " + std::to_string(period) +
                                          ": komponen yang paling menarik indeks menjauhi kesetaraan (peringkat 1)\n"
                                    : g.index + " " + std::to_string(period) +
                                          ": each component at gender parity alone, largest gain first (rank 1 = "
                                          "the component that drags the index most)\n";
        return head + t.str();
    }
};

}  // namespace gendex::cli
