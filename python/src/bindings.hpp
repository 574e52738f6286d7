// Internal header of the gendex._core extension: the register_* entry points
// (one binding file per concept) and the few argument conversions they share.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <span>
#include <string>
#include <string_view>

#include "gendex/error.hpp"
#include "gendex/indicator.hpp"
#include "gendex/serialization.hpp"
#include "gendex/sex.hpp"

namespace gendex::python {

namespace py = pybind11;

void register_errors(py::module_& m);
void register_registry(py::module_& m);
void register_dataset(py::module_& m);
void register_region(py::module_& m);
void register_analysis(py::module_& m);
void register_io(py::module_& m);
void register_edition(py::module_& m);
void register_indices(py::module_& m);
void register_micro(py::module_& m);
void register_labels(py::module_& m);

/// A sex argument: the spellings the CSV reader accepts, same message when wrong.
inline Sex sex_argument(std::string_view text) {
    if (auto s = parse_sex(text)) return *s;
    throw value_error("unknown sex code '" + std::string(text) + "' (use female/male/total, F/M/T or P/L)");
}

/// "binary" or "text".
inline ArchiveFormat archive_format_argument(std::string_view name) {
    if (name == "binary") return ArchiveFormat::binary;
    if (name == "text") return ArchiveFormat::text;
    throw value_error("unknown archive format '" + std::string(name) + "' (use binary or text)");
}

/// registry=None means the standard registry of the data contract.
inline const IndicatorRegistry& registry_argument(const IndicatorRegistry* registry) {
    return registry != nullptr ? *registry : IndicatorRegistry::standard();
}

/// A read-only 1-d NumPy view of memory owned by `owner` (which the array keeps alive).
template <class T>
py::array readonly_view(std::span<const T> data, py::handle owner) {
    py::array_t<T> out({static_cast<py::ssize_t>(data.size())}, {static_cast<py::ssize_t>(sizeof(T))}, data.data(),
                       owner);
    out.attr("setflags")(py::arg("write") = false);
    return out;
}

/// A fresh 1-d NumPy array holding a copy of `n` values produced by `get(i)`.
template <class T, class Get>
py::array_t<T> column_array(std::size_t n, Get&& get) {
    py::array_t<T> out(static_cast<py::ssize_t>(n));
    auto w = out.template mutable_unchecked<1>();
    for (std::size_t i = 0; i < n; ++i) w(static_cast<py::ssize_t>(i)) = get(i);
    return out;
}

}  // namespace gendex::python
