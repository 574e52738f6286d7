// RegionHierarchy. Regions cross the boundary as (code, name, parent, level)
// tuples; the facade turns them into NamedTuples and DataFrames.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "gendex/region.hpp"
#include "gendex/serialization.hpp"

namespace gendex::python {
namespace {

using RegionTuple = std::tuple<std::string, std::string, std::string, std::string>;

RegionTuple region_tuple(const Region& r) { return {r.code, r.name, r.parent, r.level}; }

RegionHierarchy hierarchy_from_tuples(const std::vector<RegionTuple>& tuples) {
    std::vector<Region> regions;
    regions.reserve(tuples.size());
    for (const auto& [code, name, parent, level] : tuples) regions.push_back(Region{code, name, parent, level});
    return RegionHierarchy::from_regions(std::move(regions));
}

py::bytes hierarchy_archive_bytes(const RegionHierarchy& h, std::string_view format) {
    return py::bytes(to_archive(h, archive_format_argument(format)));
}

RegionHierarchy hierarchy_from_archive_bytes(const py::bytes& bytes, std::string_view name) {
    return hierarchy_from_archive(std::string_view(bytes), name);
}

}  // namespace

void register_region(py::module_& m) {
    py::class_<RegionHierarchy>(m, "RegionHierarchy", "Region codes, names, parents and levels (C++ value type).")
        .def(py::init<>(), "An empty hierarchy.")
        .def_static("from_regions", &hierarchy_from_tuples, py::arg("regions"),
                    "Build from (code, name, parent, level) tuples; InputError on duplicate codes or cycles, "
                    "UnknownKeyError on an unknown parent.")
        .def("__len__", &RegionHierarchy::size)
        .def("__contains__", &RegionHierarchy::contains, py::arg("code"))
        .def(
            "__eq__", [](const RegionHierarchy& a, const RegionHierarchy& b) { return a == b; }, py::is_operator())
        .def(
            "__ne__", [](const RegionHierarchy& a, const RegionHierarchy& b) { return !(a == b); }, py::is_operator())
        .def(
            "regions",
            [](const RegionHierarchy& h) {
                std::vector<RegionTuple> out;
                for (const auto& r : h.regions()) out.push_back(region_tuple(r));
                return out;
            },
            "Every region as (code, name, parent, level), in the order given.")
        .def(
            "by_code", [](const RegionHierarchy& h, std::string_view code) { return region_tuple(h.by_code(code)); },
            py::arg("code"))
        .def(
            "by_name", [](const RegionHierarchy& h, std::string_view name) { return region_tuple(h.by_name(name)); },
            py::arg("name"), "Look-up by name or alias, ignoring case, spaces and punctuation.")
        .def(
            "resolve",
            [](const RegionHierarchy& h, std::string_view code_or_name) {
                return region_tuple(h.resolve(code_or_name));
            },
            py::arg("code_or_name"))
        .def("children", &RegionHierarchy::children, py::arg("code"))
        .def("parent", &RegionHierarchy::parent, py::arg("code"))
        .def("depth", &RegionHierarchy::depth, py::arg("code"))
        .def("add_alias", &RegionHierarchy::add_alias, py::arg("alias"), py::arg("code"))
        .def("aliases", &RegionHierarchy::aliases, "(alias, code) pairs in the order added.")
        .def("to_archive", &hierarchy_archive_bytes, py::arg("format") = "binary")
        .def_static("from_archive", &hierarchy_from_archive_bytes, py::arg("data"), py::arg("name") = "archive")
        .def(
            "save",
            [](const RegionHierarchy& h, const std::filesystem::path& path, std::string_view format) {
                save(h, path, archive_format_argument(format));
            },
            py::arg("path"), py::arg("format") = "binary")
        .def_static("load", &load_hierarchy, py::arg("path"))
        .def(py::pickle([](const RegionHierarchy& h) { return hierarchy_archive_bytes(h, "binary"); },
                        [](const py::bytes& b) { return hierarchy_from_archive_bytes(b, "pickle"); }));
}

}  // namespace gendex::python
