// Writes the fuzzers' seed corpora from the project's data/: small slices of the bundled CSVs
// and archives (binary and text, version-2 envelope and the checksum-less version-1 form) of
// small Datasets and hierarchies.   usage: gendex_fuzz_seeds <source dir> <output dir>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gendex/io/file.hpp"
#include "gendex/io/region_csv.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "gendex/serialization.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

/// Header plus `count` data lines starting at data line `first` (0-based).
std::string slice(const std::vector<std::string>& lines, std::size_t first, std::size_t count) {
    std::string out = lines.at(0) + "\n";
    for (std::size_t i = 1 + first; i < lines.size() && i < 1 + first + count; ++i) out += lines[i] + "\n";
    return out;
}

/// Fields of one CSV line (quotes kept as written).
std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (c == ',' && !quoted) {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

/// An HDR slice: the key columns and those for `year`, `count` rows from data line `first`.
std::string hdr_slice(const std::vector<std::string>& lines, const std::string& year, std::size_t first,
                      std::size_t count) {
    const auto header = split(lines.at(0));
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < header.size(); ++i)
        if (i < 4 || header[i].ends_with("_" + year)) keep.push_back(i);
    auto pick = [&](const std::string& line) {
        const auto f = split(line);
        std::string out;
        for (std::size_t k = 0; k < keep.size(); ++k) {
            if (k) out += ',';
            if (keep[k] < f.size()) out += f[keep[k]];
        }
        return out + "\n";
    };
    std::string out = pick(lines[0]);
    for (std::size_t i = 1 + first; i < lines.size() && i < 1 + first + count; ++i) out += pick(lines[i]);
    return out;
}

/// The checksum-less version-1 form of a version-2 archive: "GENDEX<F><kind>\n" + body.
std::string version1(const std::string& archive) {
    const std::size_t space = archive.find(' ');
    const std::size_t newline = archive.find('\n');
    return archive.substr(0, space) + "\n" + archive.substr(newline + 1);
}

int written = 0;
void put(const fs::path& dir, const std::string& name, const std::string& contents) {
    fs::create_directories(dir);
    gendex::io::write_file(dir / name, contents);
    ++written;
}

template <class T>
void put_archives(const fs::path& dir, const std::string& stem, const T& object) {
    for (auto format : {gendex::ArchiveFormat::binary, gendex::ArchiveFormat::text}) {
        const std::string a = gendex::to_archive(object, format);
        const std::string f = format == gendex::ArchiveFormat::binary ? "bin" : "txt";
        put(dir, stem + "-v2." + f, a);
        put(dir, stem + "-v1." + f, version1(a));
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s <source dir> <output dir>\n", argv[0]);
        return 2;
    }
    const fs::path src = argv[1];
    const fs::path out = argv[2];
    const fs::path data = src / "data";
    auto read = [&](const fs::path& p) { return lines_of(gendex::io::read_file(p)); };

    // Tidy CSV: slices of the Kalimantan Tengah data, one with standard errors and age groups.
    const auto kalteng = read(data / "bps" / "kalteng_2010_2021.csv");
    const auto population = read(data / "bps" / "kalteng_population.csv");
    std::vector<std::string> tidy = {slice(kalteng, 0, 6), slice(kalteng, 700, 12), slice(kalteng, 2000, 20),
                                     slice(population, 0, 8)};
    {
        auto l = read(data / "bps" / "kalteng_2010_2021.csv");
        std::string with_se = l[0] + ",se\n";
        for (std::size_t i = 1; i < 9; ++i)
            with_se += l[i] + "," + std::to_string(0.05 * static_cast<double>(i)) + "\n";
        tidy.push_back(with_se);
    }
    for (std::size_t i = 0; i < tidy.size(); ++i) put(out / "tidy_csv", "slice-" + std::to_string(i) + ".csv", tidy[i]);

    // HDR wide files: a year's columns for a few countries of each edition.
    int k = 0;
    for (const char* f :
         {"HDR21-22_Composite_indices_complete_time_series.csv", "HDR23-24_Composite_indices_complete_time_series.csv",
          "HDR25_Composite_indices_complete_time_series.csv"}) {
        const auto hdr = read(data / "undp" / f);
        for (auto [year, first] : {std::pair<const char*, std::size_t>{"2021", 0}, {"2019", 80}, {"1995", 190}})
            put(out / "hdr_wide", "slice-" + std::to_string(k++) + ".csv", hdr_slice(hdr, year, first, 3));
    }

    // BPS tables: a few rows of the IPG and IDG component tables.
    const auto ipg = read(data / "bps" / "ipg_components_2010_2021.csv");
    const auto idg = read(data / "bps" / "idg_components_2010_2021.csv");
    put(out / "bps_table", "ipg-0.csv", slice(ipg, 0, 4));
    put(out / "bps_table", "ipg-1.csv", slice(ipg, 1500, 6));
    put(out / "bps_table", "idg-0.csv", slice(idg, 0, 4));
    put(out / "bps_table", "idg-1.csv", slice(idg, 2000, 6));

    // Region CSVs: regions, a NUL byte, aliases.
    const auto regions = read(data / "bps" / "regions.csv");
    const auto aliases = read(data / "bps" / "region_aliases.csv");
    put(out / "region_csv", "regions-only.csv", slice(regions, 0, 12));
    put(out / "region_csv", "regions-aliases.csv", slice(regions, 0, 50) + std::string(1, '\0') + slice(aliases, 0, 6));
    // SDMX-CSV: the fixtures of the SDMX tests (1.0 with AGE and attributes, 2.0 with labelled headers).
    for (const char* f : {"sdg5_v1.csv", "sdg5_v2.csv"})
        put(out / "sdmx_csv", f, gendex::io::read_file(src / "tests" / "fixtures" / "sdmx" / f));

    // Archives of small Datasets and hierarchies.
    for (std::size_t i = 0; i < tidy.size(); ++i)
        put_archives(out / "dataset_archive", "dataset-" + std::to_string(i),
                     gendex::io::parse_csv(tidy[i], "seed.csv"));
    const fs::path tmp = out / "regions-seed.csv";
    const fs::path tmp_aliases = out / "aliases-seed.csv";
    gendex::io::write_file(tmp, slice(regions, 0, 60));
    std::string some_aliases = aliases.at(0) + "\n";  // those of the regions in the slice
    for (std::size_t i = 1; i < aliases.size(); ++i) {
        const std::string code = split(aliases[i]).back();
        for (std::size_t r = 1; r <= 60 && r < regions.size(); ++r)
            if (split(regions[r]).front() == code) some_aliases += aliases[i] + "\n";
    }
    gendex::io::write_file(tmp_aliases, some_aliases);
    put_archives(out / "hierarchy_archive", "hierarchy-0", gendex::io::read_regions(tmp));
    put_archives(out / "hierarchy_archive", "hierarchy-1", gendex::io::read_regions(tmp, tmp_aliases));
    fs::remove(tmp);
    fs::remove(tmp_aliases);
    for (const char* f : {"dataset_v1.bin", "dataset_v1.txt"})
        fs::copy_file(src / "tests" / "fixtures" / f, out / "dataset_archive" / f,
                      fs::copy_options::overwrite_existing);
    fs::copy_file(src / "tests" / "fixtures" / "hierarchy_v1.bin", out / "hierarchy_archive" / "hierarchy_v1.bin",
                  fs::copy_options::overwrite_existing);
    std::printf("wrote %d seeds to %s\n", written + 3, out.string().c_str());
    return 0;
}
