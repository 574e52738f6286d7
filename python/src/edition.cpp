// Methodology editions: the built-in ones by id, their constants with
// sources, and custom editions from a base plus overrides.
#include <pybind11/stl.h>

#include <tuple>

#include "bindings.hpp"
#include "gendex/edition.hpp"

namespace gendex::python {
namespace {

std::string_view kind_name(ConstantKind k) {
    switch (k) {
        case ConstantKind::real: return "real";
        case ConstantKind::integer: return "integer";
        case ConstantKind::flag: return "flag";
    }
    return "real";
}

/// (name, kind, value, source, unit, meaning) per constant, in table order.
py::list constant_tuples(const Edition& ed) {
    py::list out;
    for (const auto& c : constants(ed))
        out.append(py::make_tuple(std::string(c.name), std::string(kind_name(c.kind)), c.value, c.source,
                                  std::string(c.unit), std::string(c.meaning)));
    return out;
}

}  // namespace

void register_edition(py::module_& m) {
    py::class_<Edition>(m, "Edition",
                        "A methodology edition: an id and every constant with its source (C++ value type).")
        .def_readonly("id", &Edition::id)
        .def_readonly("title", &Edition::title)
        .def("get", &Edition::get, py::arg("name"),
             "Value of a constant as a float; UnknownKeyError for unknown names.")
        .def("source", &Edition::source, py::arg("name"), "Where the constant's value comes from.")
        .def("constants", &constant_tuples, "(name, kind, value, source, unit, meaning) of every constant.")
        .def(py::pickle(
            [](const Edition& ed) {
                py::list overrides;
                for (const auto& c : constants(ed))
                    overrides.append(py::make_tuple(std::string(c.name), c.value, c.source));
                return py::make_tuple(ed.id, ed.title, overrides);
            },
            [](const py::tuple& state) {
                // An edition is its constants: rebuild on a built-in one, check the whole once.
                Edition ed = edition(edition_ids().front());
                for (py::handle h : state[2].cast<py::list>()) {
                    const auto t = h.cast<py::tuple>();
                    detail::assign_constant(ed, detail::find_constant(t[0].cast<std::string>()), t[1].cast<double>(),
                                            t[2].cast<std::string>());
                }
                ed.id = state[0].cast<std::string>();
                ed.title = state[1].cast<std::string>();
                ed.validate();
                return ed;
            }));
    m.def(
        "edition_ids",
        [] {
            std::vector<std::string> out;
            for (auto id : edition_ids()) out.emplace_back(id);
            return out;
        },
        "Ids of the built-in editions, oldest first.");
    m.def(
        "latest_hdr_edition_id", [] { return std::string(latest_hdr_edition_id); },
        "Id of the newest UNDP Human Development Report edition (the default of the UNDP indices).");
    m.def(
        "edition", [](std::string_view id) { return edition(id); }, py::arg("id"),
        "A copy of a built-in edition; UnknownKeyError listing the known ids.");
    m.def(
        "custom_edition",
        [](const Edition& base, std::string id,
           const std::vector<std::tuple<std::string, double, std::string>>& changes) {
            std::vector<ConstantOverride> overrides;
            for (const auto& [name, value, source] : changes) overrides.push_back({name, value, source});
            return custom_edition(base, std::move(id), overrides);
        },
        py::arg("base"), py::arg("id"), py::arg("overrides"),
        "A new edition: base with (name, value, source) overrides, invariants checked once at the end.");
}

}  // namespace gendex::python
