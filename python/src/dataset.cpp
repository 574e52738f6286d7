// Dataset: construction from pandas-ready columns, zero-copy NumPy views of
// its columns, look-ups, filtering, archives (files and pickle).
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <limits>

#include "bindings.hpp"
#include "gendex/dataset.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "gendex/serialization.hpp"

namespace gendex::python {
namespace {

using Int64Array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using SexArray = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

/// Row `row` (0-based) and `column` of the caller's columns: "row 3, column 'period'".
Location row_column(std::size_t row, const char* column) {
    Location where;
    where.row = row;
    where.column = column;
    return where;
}

/// A factorized text column, (codes, uniques) as pandas.factorize gives it,
/// into dictionary codes. Code -1 (missing) is the empty string of an
/// optional column; None is an absent optional column.
void fill_text_column(const py::object& column, std::size_t rows, const char* name, bool optional,
                      StringDictionary& dictionary, std::vector<code_t>& out) {
    if (column.is_none()) {
        if (!optional) throw value_error("missing required column '" + std::string(name) + "'");
        out.assign(rows, 0);  // code 0 of an optional column is ""
        return;
    }
    const auto pair = column.cast<py::tuple>();
    const auto codes = pair[0].cast<Int64Array>();
    const auto uniques = pair[1].cast<std::vector<std::string>>();
    std::vector<code_t> remap(uniques.size());
    for (std::size_t k = 0; k < uniques.size(); ++k) remap[k] = dictionary.intern(uniques[k]);
    const auto c = codes.unchecked<1>();
    if (static_cast<std::size_t>(c.shape(0)) != rows)
        throw value_error("column '" + std::string(name) + "' has " + std::to_string(c.shape(0)) +
                          " rows but 'value' has " + std::to_string(rows));
    out.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        const std::int64_t k = c(static_cast<py::ssize_t>(i));
        if (k == -1 && optional) {
            out[i] = 0;
        } else if (k == -1) {
            throw value_error(row_column(i, name), std::string(name) + " is missing");
        } else if (k < 0 || static_cast<std::size_t>(k) >= remap.size()) {
            throw value_error(row_column(i, name), "code " + std::to_string(k) + " has no string");
        } else {
            out[i] = remap[static_cast<std::size_t>(k)];
        }
    }
}

template <class T, class Array>
std::vector<T> to_vector(const Array& a) {
    const auto v = a.template unchecked<1>();
    std::vector<T> out(static_cast<std::size_t>(v.shape(0)));
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<T>(v(static_cast<py::ssize_t>(i)));
    return out;
}

/// The Dataset from validated-by-type columns; the C++ core checks the rest
/// (finite values, registry ids, sex scopes, ranges, duplicate keys).
Dataset dataset_from_columns(const py::object& region, const Int64Array& period, const SexArray& sex,
                             const py::object& indicator, const DoubleArray& value, const py::object& age_group,
                             const DoubleArray& se, const py::object& unit, const py::object& source,
                             const IndicatorRegistry* registry) {
    DatasetColumns c;
    const std::size_t rows = static_cast<std::size_t>(value.shape(0));
    c.value = to_vector<double>(value);
    c.se = to_vector<double>(se);
    const auto p = period.unchecked<1>();
    c.period.resize(static_cast<std::size_t>(p.shape(0)));
    for (std::size_t i = 0; i < c.period.size(); ++i) {
        const std::int64_t year = p(static_cast<py::ssize_t>(i));
        if (year < std::numeric_limits<std::int32_t>::min() || year > std::numeric_limits<std::int32_t>::max())
            throw value_error(row_column(i, "period"),
                              "period " + std::to_string(year) + " is not a 32-bit integer year");
        c.period[i] = static_cast<std::int32_t>(year);
    }
    const auto s = sex.unchecked<1>();
    c.sex.resize(static_cast<std::size_t>(s.shape(0)));
    for (std::size_t i = 0; i < c.sex.size(); ++i) c.sex[i] = static_cast<Sex>(s(static_cast<py::ssize_t>(i)));
    fill_text_column(region, rows, "region", false, c.regions, c.region);
    fill_text_column(indicator, rows, "indicator", false, c.indicators, c.indicator);
    fill_text_column(age_group, rows, "age_group", true, c.age_groups, c.age_group);
    fill_text_column(unit, rows, "unit", true, c.units, c.unit);
    fill_text_column(source, rows, "source", true, c.sources, c.source);
    const IndicatorRegistry& reg = registry_argument(registry);
    py::gil_scoped_release release;
    return Dataset::from_columns(std::move(c), &reg);
}

const std::vector<code_t>& code_column(const Dataset& ds, std::string_view name) {
    const auto& c = ds.columns();
    if (name == "region") return c.region;
    if (name == "indicator") return c.indicator;
    if (name == "age_group") return c.age_group;
    if (name == "unit") return c.unit;
    if (name == "source") return c.source;
    throw key_error(Location{.key = std::string(name)},
                    "no text column '" + std::string(name) + "' (region, indicator, age_group, unit, source)");
}

const StringDictionary& dictionary_of(const Dataset& ds, std::string_view name) {
    const auto& c = ds.columns();
    if (name == "region") return c.regions;
    if (name == "indicator") return c.indicators;
    if (name == "age_group") return c.age_groups;
    if (name == "unit") return c.units;
    if (name == "source") return c.sources;
    throw key_error(Location{.key = std::string(name)},
                    "no text column '" + std::string(name) + "' (region, indicator, age_group, unit, source)");
}

py::tuple observation_tuple(const Observation& o) {
    return py::make_tuple(o.region, o.period, std::string(to_string(o.sex)), o.indicator, o.value, o.age_group, o.se,
                          o.unit, o.source);
}

py::bytes dataset_archive_bytes(const Dataset& ds, std::string_view format) {
    const ArchiveFormat f = archive_format_argument(format);
    std::string bytes;
    {
        py::gil_scoped_release release;
        bytes = to_archive(ds, f);
    }
    return py::bytes(bytes);
}

Dataset dataset_from_archive_bytes(const py::bytes& bytes, std::string_view name, const IndicatorRegistry* registry) {
    const std::string_view view = bytes;  // the bytes object outlives the call
    const IndicatorRegistry& reg = registry_argument(registry);
    py::gil_scoped_release release;
    return dataset_from_archive(view, name, reg);
}

}  // namespace

void register_dataset(py::module_& m) {
    py::class_<Dataset>(m, "Dataset", "Immutable sex-disaggregated long table (C++ gendex::Dataset).")
        .def(py::init<>(), "An empty Dataset.")
        .def_static("from_columns", &dataset_from_columns, py::arg("region"), py::arg("period"), py::arg("sex"),
                    py::arg("indicator"), py::arg("value"), py::arg("age_group"), py::arg("se"), py::arg("unit"),
                    py::arg("source"), py::arg("registry") = nullptr,
                    "Build from columns: text columns as (codes, uniques) pairs of pandas.factorize (None: "
                    "absent optional column), period int64, sex uint8 (0 female, 1 male, 2 total), value and se "
                    "float64. Rows are named by position in errors.")
        .def("__len__", &Dataset::size)
        .def(
            "__eq__", [](const Dataset& a, const Dataset& b) { return a == b; }, py::is_operator())
        .def(
            "__ne__", [](const Dataset& a, const Dataset& b) { return !(a == b); }, py::is_operator())
        .def_property_readonly(
            "values", [](const py::object& self) { return readonly_view(self.cast<const Dataset&>().values(), self); },
            "Values as a read-only float64 view (no copy).")
        .def_property_readonly(
            "se",
            [](const py::object& self) { return readonly_view(self.cast<const Dataset&>().standard_errors(), self); },
            "Standard errors as a read-only float64 view (NaN: none given).")
        .def_property_readonly(
            "periods",
            [](const py::object& self) { return readonly_view(self.cast<const Dataset&>().periods(), self); },
            "Periods as a read-only int32 view.")
        .def(
            "codes",
            [](const py::object& self, std::string_view column) {
                return readonly_view(std::span<const code_t>(code_column(self.cast<const Dataset&>(), column)), self);
            },
            py::arg("column"), "Dictionary codes of a text column as a read-only uint32 view.")
        .def(
            "sex_codes",
            [](const py::object& self) {
                const auto& sex = self.cast<const Dataset&>().columns().sex;
                static_assert(sizeof(Sex) == sizeof(std::uint8_t));
                return readonly_view(
                    std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(sex.data()), sex.size()), self);
            },
            "Sex codes (0 female, 1 male, 2 total) as a read-only uint8 view.")
        .def(
            "dictionary",
            [](const Dataset& ds, std::string_view column) { return dictionary_of(ds, column).strings(); },
            py::arg("column"), "The strings the codes of a text column stand for.")
        .def("has_se", &Dataset::has_se)
        .def("region_names", &Dataset::region_names, "Distinct regions in order of first use.")
        .def("indicator_ids", &Dataset::indicator_ids, "Distinct indicators in order of first use.")
        .def(
            "row", [](const Dataset& ds, std::size_t i) { return observation_tuple(ds.row(i)); }, py::arg("i"),
            "(region, period, sex, indicator, value, age_group, se, unit, source) of row i.")
        .def(
            "find",
            [](const Dataset& ds, std::string_view region, std::int32_t period, std::string_view sex,
               std::string_view indicator,
               std::string_view age_group) { return ds.find(region, period, sex_argument(sex), indicator, age_group); },
            py::arg("region"), py::arg("period"), py::arg("sex"), py::arg("indicator"), py::arg("age_group") = "",
            "Row number of a key, or None.")
        .def(
            "value",
            [](const Dataset& ds, std::string_view region, std::int32_t period, std::string_view sex,
               std::string_view indicator, std::string_view age_group) {
                return ds.value(region, period, sex_argument(sex), indicator, age_group);
            },
            py::arg("region"), py::arg("period"), py::arg("sex"), py::arg("indicator"), py::arg("age_group") = "",
            "Value of a key; UnknownKeyError naming the key when absent.")
        .def(
            "filter",
            [](const Dataset& ds, std::vector<std::string> regions, std::vector<std::int32_t> periods,
               const std::vector<std::string>& sexes, std::vector<std::string> indicators,
               std::vector<std::string> age_groups) {
                DatasetFilter f{
                    std::move(regions), std::move(periods), {}, std::move(indicators), std::move(age_groups)};
                for (const auto& s : sexes) f.sexes.push_back(sex_argument(s));
                py::gil_scoped_release release;
                return ds.filter(f);
            },
            py::arg("regions"), py::arg("periods"), py::arg("sexes"), py::arg("indicators"), py::arg("age_groups"),
            "Rows matching every non-empty list (an empty list matches anything).")
        .def("concat", &Dataset::concat, py::arg("other"), py::call_guard<py::gil_scoped_release>(),
             "Rows of other appended; InputError on a key present in both.")
        .def("to_archive", &dataset_archive_bytes, py::arg("format") = "binary", "Archive bytes (binary or text).")
        .def_static("from_archive", &dataset_from_archive_bytes, py::arg("data"), py::arg("name") = "archive",
                    py::arg("registry") = nullptr,
                    "Dataset from archive bytes; ArchiveError when damaged or when a row fails the registry's checks.")
        .def(
            "save",
            [](const Dataset& ds, const std::filesystem::path& path, std::string_view format) {
                const ArchiveFormat f = archive_format_argument(format);
                py::gil_scoped_release release;
                save(ds, path, f);
            },
            py::arg("path"), py::arg("format") = "binary", "Write an archive file (binary or text).")
        .def_static(
            "load",
            [](const std::filesystem::path& path, const IndicatorRegistry* registry) {
                const IndicatorRegistry& reg = registry_argument(registry);
                py::gil_scoped_release release;
                return load_dataset(path, reg);
            },
            py::arg("path"), py::arg("registry") = nullptr,
            "Read an archive file written by save(); rows checked against the registry (standard if None).")
        .def("format_csv", &io::format_csv, py::call_guard<py::gil_scoped_release>(), "The tidy CSV text.")
        .def(
            "write_csv", [](const Dataset& ds, const std::filesystem::path& path) { io::write_csv(ds, path); },
            py::arg("path"), py::call_guard<py::gil_scoped_release>(),
            "Write the tidy CSV (io::write_file: regular files atomically, devices in place).")
        .def(py::pickle([](const Dataset& ds) { return dataset_archive_bytes(ds, "binary"); },
                        [](const py::bytes& b) { return dataset_from_archive_bytes(b, "pickle", nullptr); }));
}

}  // namespace gendex::python
