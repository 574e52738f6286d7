// File readers: tidy CSV and UNDP's HDR wide files, plus the small parsers
// (sex codes, encodings) the facade reuses so messages match the readers'.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "gendex/io/encoding.hpp"
#include "gendex/io/bps_tables.hpp"
#include "gendex/io/hdr_wide.hpp"
#include "gendex/io/region_csv.hpp"
#include "gendex/io/sdmx_csv.hpp"
#include "gendex/io/file.hpp"
#include "gendex/io/tidy_csv.hpp"

namespace gendex::python {

void register_io(py::module_& m) {
    m.def(
        "write_file",
        [](const std::filesystem::path& path, const py::bytes& data) {
            const std::string_view view = data;  // the bytes object outlives the call
            py::gil_scoped_release release;
            io::write_file(path, view);
        },
        py::arg("path"), py::arg("data"),
        "Write bytes as every gendex output is written: '-' is standard output, a regular file is replaced "
        "atomically and keeps its mode, a device or FIFO is written in place, never replaced.");
    m.def(
        "write_files",
        [](const std::vector<std::pair<std::filesystem::path, py::bytes>>& outputs) {
            std::vector<std::pair<std::filesystem::path, std::string_view>> views;
            views.reserve(outputs.size());
            for (const auto& [path, data] : outputs) views.emplace_back(path, std::string_view(data));
            py::gil_scoped_release release;
            io::write_files(views);
        },
        py::arg("outputs"),
        "Write (path, bytes) pairs as write_file does, all or none: every regular file is written beside its "
        "target before any is moved into place.");
    using io::Encoding;
    // Arguments are converted with the GIL held; the reading itself releases it.
    m.def(
        "read_csv",
        [](const std::filesystem::path& path, const IndicatorRegistry* registry, std::string_view encoding) {
            const Encoding enc = io::parse_encoding(encoding);
            const IndicatorRegistry& reg = registry_argument(registry);
            py::gil_scoped_release release;
            return io::read_csv(path, reg, enc);
        },
        py::arg("path"), py::arg("registry") = nullptr, py::arg("encoding") = "auto", "Read a tidy CSV file.");
    m.def(
        "parse_csv",
        [](const std::string& text, std::string_view name, const IndicatorRegistry* registry,
           std::string_view encoding) {
            const Encoding enc = io::parse_encoding(encoding);
            const IndicatorRegistry& reg = registry_argument(registry);
            py::gil_scoped_release release;
            return io::parse_csv(text, name, reg, enc);
        },
        py::arg("text"), py::arg("name") = "text", py::arg("registry") = nullptr, py::arg("encoding") = "auto",
        "Parse tidy CSV text (str or bytes); name stands for the file in messages.");
    m.def(
        "read_hdr",
        [](const std::filesystem::path& path, const IndicatorRegistry* registry, std::string_view encoding) {
            const Encoding enc = io::parse_encoding(encoding);
            const IndicatorRegistry& reg = registry_argument(registry);
            py::gil_scoped_release release;
            return io::read_hdr(path, reg, enc);
        },
        py::arg("path"), py::arg("registry") = nullptr, py::arg("encoding") = "auto",
        "Read a UNDP HDR composite-indices wide file.");
    m.def(
        "parse_hdr",
        [](const std::string& text, std::string_view name, const IndicatorRegistry* registry,
           std::string_view encoding) {
            const Encoding enc = io::parse_encoding(encoding);
            const IndicatorRegistry& reg = registry_argument(registry);
            py::gil_scoped_release release;
            return io::parse_hdr(text, name, reg, enc);
        },
        py::arg("text"), py::arg("name") = "text", py::arg("registry") = nullptr, py::arg("encoding") = "auto",
        "Parse HDR wide text (str or bytes).");
    m.def(
        "read_hdr_regions",
        [](const std::filesystem::path& path, std::string_view encoding) {
            const Encoding enc = io::parse_encoding(encoding);
            py::gil_scoped_release release;
            return io::read_hdr_regions(path, enc);
        },
        py::arg("path"), py::arg("encoding") = "auto", "Countries and aggregates of an HDR file as a hierarchy.");
    m.def(
        "read_regions",
        [](const std::filesystem::path& regions, const std::filesystem::path& aliases, std::string_view encoding) {
            const Encoding enc = io::parse_encoding(encoding);
            py::gil_scoped_release release;
            return io::read_regions(regions, aliases, enc);
        },
        py::arg("regions"), py::arg("aliases") = std::filesystem::path(), py::arg("encoding") = "auto",
        "A hierarchy from a regions CSV (code,name,parent,level) and an optional aliases CSV (alias,code).");
    m.def(
        "read_bps_table",
        [](const std::filesystem::path& path, const RegionHierarchy& indonesia, const IndicatorRegistry* registry) {
            const IndicatorRegistry& reg = registry_argument(registry);
            io::BpsTableReport report;
            Dataset ds;
            {
                py::gil_scoped_release release;
                ds = io::read_bps_table(path, indonesia, reg, &report);
            }
            return py::make_tuple(std::move(ds), report.repeats);
        },
        py::arg("path"), py::arg("indonesia"), py::arg("registry") = nullptr,
        "A BPS IPG or IDG table as (Dataset, repeated rows kept once).");
    using MappingRows = std::vector<std::tuple<std::string, std::string, std::optional<std::string>>>;
    auto to_mapping = [](const MappingRows& rows) {
        io::SdmxMapping out;
        for (const auto& [series, indicator, sex] : rows) {
            std::optional<Sex> s;
            if (sex && !sex->empty()) {
                s = parse_sex(*sex);
                if (!s) throw value_error("SDMX mapping: series '" + series + "': unknown sex '" + *sex + "'");
            }
            out.push_back({series, indicator, s});
        }
        return out;
    };
    m.def(
        "read_sdmx_mapping",
        [](const std::filesystem::path& path) {
            MappingRows out;
            for (const auto& s : io::read_sdmx_mapping(path))
                out.emplace_back(s.series, s.indicator,
                                 s.sex ? std::optional<std::string>(to_string(*s.sex)) : std::nullopt);
            return out;
        },
        py::arg("path"), "The SDMX series mapping CSV as (series, indicator, sex or None) rows.");
    m.def(
        "read_sdmx_csv",
        [to_mapping](const std::filesystem::path& path, const MappingRows& mapping, const IndicatorRegistry* registry,
                     std::string_view encoding) {
            const Encoding enc = io::parse_encoding(encoding);
            const IndicatorRegistry& reg = registry_argument(registry);
            const io::SdmxMapping m = to_mapping(mapping);
            py::gil_scoped_release release;
            return io::read_sdmx_csv(path, m, reg, enc);
        },
        py::arg("path"), py::arg("mapping"), py::arg("registry") = nullptr, py::arg("encoding") = "auto",
        "Read an SDMX-CSV file (1.0, 2.0 or 2.1) with a series mapping of (series, indicator, sex) rows.");
    m.def(
        "format_sdmx_csv",
        [to_mapping](const Dataset& ds, std::string_view dataflow, const MappingRows& mapping) {
            return io::format_sdmx_csv(ds, dataflow, to_mapping(mapping));
        },
        py::arg("ds"), py::arg("dataflow"), py::arg("mapping"), "The SDMX-CSV 1.0 text of a Dataset.");
    m.def(
        "hdr_columns",
        [] {
            std::vector<std::tuple<std::string, std::string, std::string, std::string>> out;
            for (const auto& c : io::hdr_columns()) out.emplace_back(c.stem, c.indicator, to_string(c.sex), c.unit);
            return out;
        },
        "The mapped HDR column stems as (stem, indicator, sex, unit).");
    m.def(
        "parse_sex",
        [](std::string_view text) -> std::optional<std::string> {
            if (auto s = parse_sex(text)) return std::string(to_string(*s));
            return std::nullopt;
        },
        py::arg("text"), "'female', 'male' or 'total' for an accepted sex code, None otherwise.");
}

}  // namespace gendex::python
