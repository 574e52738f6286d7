// gendex: the command line for statistics offices.
//
//   gendex audit   --input FILE [--input-format tidy|hdr-wide] [--output FILE]
//   gendex convert --input FILE --input-format hdr-wide|bps-table --output tidy.csv
//   gendex compute INDEX --input FILE [--input-format ...] --edition ID [--output FILE]
//                  [--on-invalid raise|skip] [--set NAME=VALUE]... [--report FILE]
//                  [--show REGION,...] [--top N]
//   gendex priorities INDEX --input FILE [--input-format ...] [--edition ID] [--output FILE]
//                  [--on-invalid raise|skip] [--set NAME=VALUE]... [--show REGION,...] [--top N]
//   gendex editions [--show ID]
//
// Exit codes: 0 success, 2 bad input (message on stderr), 1 anything else.
// Nothing is written when a command fails.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "gendex/audit.hpp"
#include "gendex/io/bps_tables.hpp"
#include "gendex/io/hdr_wide.hpp"
#include "gendex/io/region_csv.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "compute_command.hpp"
#include "priorities_command.hpp"
#include "table.hpp"

namespace {

struct InputOptions {
    std::string path;
    std::string format = "tidy";
    std::string encoding = "auto";
    std::string regions, aliases, subtree;

    void add_to(CLI::App& app) {
        app.add_option("--input,-i", path, "Input file")->required();
        app.add_option("--input-format", format,
                       "tidy (data-contract CSV), hdr-wide (UNDP composite file) or bps-table (BPS IPG/IDG table)")
            ->check(CLI::IsMember({"tidy", "hdr-wide", "bps-table"}));
        app.add_option("--encoding", encoding, "auto, utf-8 or cp1252");
        app.add_option("--regions", regions,
                       "Region hierarchy CSV (code,name,parent,level), e.g. data/bps/regions.csv");
        app.add_option("--region-aliases", aliases, "Alternative region names CSV (alias,code)");
        app.add_option("--subtree", subtree, "Keep only this region code and the regions below it (needs --regions)");
    }

    [[nodiscard]] std::optional<gendex::RegionHierarchy> hierarchy() const {
        if (regions.empty()) return std::nullopt;
        return gendex::io::read_regions(regions, aliases);
    }

    [[nodiscard]] gendex::Dataset read() const {
        const auto enc = gendex::io::parse_encoding(encoding);
        const auto h = hierarchy();
        gendex::Dataset ds;
        if (format == "hdr-wide") {
            ds = gendex::io::read_hdr(path, gendex::IndicatorRegistry::standard(), enc);
        } else if (format == "bps-table") {
            if (!h)
                throw gendex::value_error("--input-format bps-table needs --regions (and usually --region-aliases)");
            gendex::io::BpsTableReport report;
            ds = gendex::io::read_bps_table(path, *h, gendex::IndicatorRegistry::standard(), &report);
            if (!report.repeats.empty())
                std::cerr << "gendex: " << path << ": " << report.repeats.size()
                          << " rows repeat an earlier region-year with identical values; each is kept once\n";
        } else {
            ds = gendex::io::read_csv(path, gendex::IndicatorRegistry::standard(), enc);
        }
        if (!subtree.empty()) {
            if (!h) throw gendex::value_error("--subtree needs --regions");
            gendex::DatasetFilter f;
            f.regions = h->subtree(subtree);
            ds = ds.filter(f);
        }
        return ds;
    }
};

std::string audit_csv(const gendex::AuditReport& report) {
    std::string out = "region,period,indicator,age_group,coverage,has_female,has_male,has_total,sum_check,sum_gap\n";
    for (const auto& r : report.rows) {
        out += gendex::cli::csv_field(r.region) + "," + std::to_string(r.period) + "," +
               gendex::cli::csv_field(r.indicator) + "," + gendex::cli::csv_field(r.age_group) + "," +
               std::string(to_string(r.coverage)) + "," + (r.has_female ? "1" : "0") + "," + (r.has_male ? "1" : "0") +
               "," + (r.has_total ? "1" : "0") + "," + std::string(to_string(r.sum_check)) + "," +
               (r.sum_check == gendex::SumCheck::not_applicable ? "" : gendex::cli::number(r.sum_gap, 17)) + "\n";
    }
    return out;
}

void print_audit(const gendex::AuditReport& report) {
    gendex::cli::Table summary({"indicator", "units", "F and M", "complement", "total only", "one sex", "missing",
                                "sum off", "% disaggregated"});
    for (const auto& s : report.by_indicator)
        summary.add({s.key, std::to_string(s.units), std::to_string(s.disaggregated), std::to_string(s.complement),
                     std::to_string(s.total_only), std::to_string(s.partial), std::to_string(s.missing),
                     std::to_string(s.sum_mismatch),
                     gendex::cli::number(std::floor(s.percent_disaggregated() * 10) / 10, 1)});  // 99.98 is not "100.0"
    std::cout << "Sex-disaggregation coverage (data terpilah) by indicator\n"
              << summary.str()
              << "(complement: one sex of a share of a whole, the other implied as 100 - value; sum off: F + M "
                 "differs from the total or from 100)\n\n";
    gendex::cli::Table gaps({"region", "period", "indicator", "age group", "coverage"});
    std::size_t shown = 0, total = 0;
    for (const auto& r : report.rows) {
        if (r.coverage == gendex::Coverage::disaggregated || r.coverage == gendex::Coverage::complement) continue;
        ++total;
        if (shown < 40) {
            gaps.add(
                {r.region, std::to_string(r.period), r.indicator, r.age_group, std::string(to_string(r.coverage))});
            ++shown;
        }
    }
    if (total == 0) {
        std::cout << "Every audited indicator is reported for women and men.\n";
    } else {
        std::cout << "Not disaggregated by sex (" << total << " region-period-indicators";
        if (shown < total) std::cout << ", first " << shown << " shown; --output writes all";
        std::cout << ")\n" << gaps.str();
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"gendex: sex-disaggregated data and gender development and empowerment indices"};
    app.require_subcommand(1);

    InputOptions audit_in;
    std::string audit_out;
    auto* audit = app.add_subcommand("audit", "Report sex-disaggregation coverage (data terpilah)");
    audit_in.add_to(*audit);
    audit->add_option("--output,-o", audit_out, "Write the full per-unit report as CSV");

    InputOptions convert_in;
    std::string convert_out;
    auto* convert = app.add_subcommand("convert", "Convert an input file to the tidy CSV of the data contract");
    convert_in.add_to(*convert);
    convert->add_option("--output,-o", convert_out, "Tidy CSV to write")->required();

    InputOptions compute_in;
    gendex::cli::ComputeCommand compute_cmd;
    auto* compute = app.add_subcommand("compute", "Compute an index for every region-period of an input file");
    compute_cmd.add_to(*compute, compute_in);

    InputOptions priorities_in;
    gendex::cli::PrioritiesCommand priorities_cmd;
    auto* priorities = app.add_subcommand(
        "priorities", "Rank the components of an index by the gain from gender parity in each (gdi, gii, ipg, ikg)");
    priorities_cmd.add_to(*priorities, priorities_in);

    gendex::cli::EditionsCommand editions_cmd;
    auto* editions = app.add_subcommand("editions", "List the methodology editions, or one edition's constants");
    editions_cmd.add_to(*editions);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }

    // When data goes to standard output ("--output -"), the messages for people go to stderr,
    // so a pipe receives only the data.
    for (const std::string* out :
         {&audit_out, &convert_out, &compute_cmd.output, &compute_cmd.report, &priorities_cmd.output})
        if (*out == "-") std::cout.rdbuf(std::cerr.rdbuf());

    try {
        if (*audit) {
            const auto report = gendex::audit(audit_in.read());
            print_audit(report);
            if (!audit_out.empty()) gendex::io::write_file(audit_out, audit_csv(report));
        } else if (*convert) {
            const auto ds = convert_in.read();
            gendex::io::write_csv(ds, convert_out);
            std::cout << "wrote " << ds.size() << " observations to " << convert_out << "\n";
        } else if (*compute) {
            compute_cmd.run(compute_in);
        } else if (*priorities) {
            priorities_cmd.run(priorities_in);
        } else if (*editions) {
            editions_cmd.run();
        }
    } catch (const gendex::error& e) {
        std::cerr << "gendex: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "gendex: internal error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
