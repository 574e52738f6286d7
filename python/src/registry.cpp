// IndicatorRegistry: a value type, so Python holds its own copy and passes it
// by reference to readers and analyses.
#include <pybind11/stl.h>

#include <limits>

#include "bindings.hpp"

namespace gendex::python {
namespace {

SexScope scope_argument(std::string_view name) {
    for (SexScope s : {SexScope::any, SexScope::by_sex, SexScope::female_only, SexScope::total_only})
        if (to_string(s) == name) return s;
    throw value_error("unknown sex scope '" + std::string(name) + "' (use any, by_sex, female_only or total_only)");
}

// Every field of IndicatorInfo, in one order, both ways: info(), the pickle and the facade's
// NamedTuple use these two functions, so a field cannot be dropped on one path only.

/// (id, description, unit, min, max, scope, additive, whole).
py::tuple info_tuple(const IndicatorInfo& i) {
    // Every field by name: a field added to IndicatorInfo does not compile here until it crosses.
    const auto& [id, description, unit, min, max, scope, additive, whole] = i;
    return py::make_tuple(id, description, unit, min, max, std::string(to_string(scope)), additive, whole);
}

/// The inverse of info_tuple; a tuple of 7 (a pickle from before `whole` crossed) has whole 0.
IndicatorInfo info_from_tuple(const py::tuple& t) {
    if (t.size() != 7 && t.size() != 8)
        throw value_error("an indicator definition has 8 fields, got " + std::to_string(t.size()));
    return IndicatorInfo{t[0].cast<std::string>(), t[1].cast<std::string>(),
                         t[2].cast<std::string>(), t[3].cast<double>(),
                         t[4].cast<double>(),      scope_argument(t[5].cast<std::string>()),
                         t[6].cast<bool>(),        t.size() == 8 ? t[7].cast<double>() : 0.0};
}

}  // namespace

void register_registry(py::module_& m) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    py::class_<IndicatorRegistry>(m, "IndicatorRegistry", "Indicator definitions keyed by id (C++ value type).")
        .def(py::init<>(), "An empty registry.")
        .def_static(
            "standard", [] { return IndicatorRegistry::standard(); },
            "A copy of the registry of the data-contract ids.")
        .def(
            "add",
            [](IndicatorRegistry& r, std::string id, std::string description, std::string unit, double min, double max,
               std::string_view scope, bool additive, double whole, bool replace) {
                r.add(IndicatorInfo{std::move(id), std::move(description), std::move(unit), min, max,
                                    scope_argument(scope), additive, whole},
                      replace);
            },
            py::arg("id"), py::arg("description"), py::arg("unit"), py::arg("min") = -inf, py::arg("max") = inf,
            py::arg("scope") = "any", py::arg("additive") = false, py::arg("whole") = 0.0, py::arg("replace") = false,
            "Add an indicator; InputError when the id exists (unless replace) or min > max.")
        .def("contains", &IndicatorRegistry::contains, py::arg("id"))
        .def("__contains__", &IndicatorRegistry::contains, py::arg("id"))
        .def("__len__", &IndicatorRegistry::size)
        .def("ids", &IndicatorRegistry::ids, "Registered ids, sorted.")
        .def(
            "info", [](const IndicatorRegistry& r, std::string_view id) { return info_tuple(r.at(id)); }, py::arg("id"),
            "(id, description, unit, min, max, scope, additive, whole); UnknownKeyError when absent.")
        .def(
            "copy", [](const IndicatorRegistry& r) { return IndicatorRegistry(r); }, "An independent copy.")
        .def(py::pickle(
            [](const IndicatorRegistry& r) {
                py::list infos;
                for (const auto& id : r.ids()) infos.append(info_tuple(r.at(id)));
                return infos;
            },
            [](const py::list& infos) {
                IndicatorRegistry r;
                for (py::handle h : infos) r.add(info_from_tuple(h.cast<py::tuple>()));
                return r;
            }));
}

}  // namespace gendex::python
