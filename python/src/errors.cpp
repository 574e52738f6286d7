// The C++ exception tree as Python exceptions:
//   gendex::error         -> gendex.GendexError(Exception)
//   gendex::value_error   -> gendex.InputError(GendexError, ValueError)
//   gendex::key_error     -> gendex.UnknownKeyError(GendexError, KeyError)
//   gendex::archive_error -> gendex.ArchiveError(InputError)
// The classes are created here (with __module__ "gendex") so the translator
// can raise them without importing the Python package back.
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "bindings.hpp"

namespace gendex::python {
namespace {

// Owned by the module for the life of the interpreter (never freed, like any
// exception type of an extension module).
PyObject* gendex_error_type = nullptr;
PyObject* input_error_type = nullptr;
PyObject* unknown_key_error_type = nullptr;
PyObject* archive_error_type = nullptr;

PyObject* new_exception(py::module_& m, const char* qualified, const char* doc, py::tuple bases) {
    PyObject* type = PyErr_NewExceptionWithDoc(qualified, doc, bases.ptr(), nullptr);
    if (type == nullptr) throw py::error_already_set();
    const std::string_view name = std::string_view(qualified).substr(std::string_view(qualified).rfind('.') + 1);
    m.add_object(std::string(name).c_str(), py::handle(type));  // the module keeps a reference too
    return type;
}

/// The names of the fields every GendexError carries (None where the error has none).
constexpr const char* field_names[] = {"file", "line", "row", "column", "key", "reason"};

/// `s` as a Python str; bytes that are not UTF-8 (echoed from a damaged archive or file) become \\xNN
/// escapes instead of a UnicodeDecodeError hiding the error.
py::str message_text(const std::string& s) {
    PyObject* decoded = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "backslashreplace");
    if (decoded == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(decoded);
}

/// An instance of `type` with message `e.what()` and the error's fields as attributes.
py::object python_error(PyObject* type, const error& e) {
    py::object exc = py::reinterpret_borrow<py::object>(type)(message_text(e.what()));
    const Location& w = e.where();
    auto text = [](const std::string& s) { return s.empty() ? py::object(py::none()) : py::object(message_text(s)); };
    exc.attr("file") = text(w.file);
    exc.attr("line") = w.line != 0 ? py::object(py::int_(w.line)) : py::object(py::none());
    exc.attr("row") = w.row ? py::object(py::int_(*w.row)) : py::object(py::none());
    exc.attr("column") = text(w.column);
    exc.attr("key") = text(w.key);
    exc.attr("reason") = message_text(e.reason());
    return exc;
}

void set_python_error(PyObject* type, const error& e) {
    const py::object exc = python_error(type, e);
    PyErr_SetObject(type, exc.ptr());
}

void translate(std::exception_ptr p) {
    try {
        if (p) std::rethrow_exception(p);
    } catch (const archive_error& e) {  // most derived first
        set_python_error(archive_error_type, e);
    } catch (const value_error& e) {
        set_python_error(input_error_type, e);
    } catch (const key_error& e) {
        set_python_error(unknown_key_error_type, e);
    } catch (const error& e) {
        set_python_error(gendex_error_type, e);
    }
}

}  // namespace

void register_errors(py::module_& m) {
    const py::handle exception(PyExc_Exception), value_err(PyExc_ValueError), key_err(PyExc_KeyError);
    gendex_error_type = new_exception(m, "gendex.GendexError",
                                      "Root of every error gendex raises; the message names file, row, column or "
                                      "key, and the reason.",
                                      py::make_tuple(exception));
    const py::handle root(gendex_error_type);
    input_error_type = new_exception(m, "gendex.InputError",
                                     "The data is wrong: unparsable, out of range, inconsistent or duplicated. "
                                     "Also a ValueError.",
                                     py::make_tuple(root, value_err));
    unknown_key_error_type = new_exception(m, "gendex.UnknownKeyError",
                                           "A name (indicator id, region code, observation key, encoding) is "
                                           "unknown. Also a KeyError, but str(e) is the plain message.",
                                           py::make_tuple(root, key_err));
    archive_error_type = new_exception(m, "gendex.ArchiveError",
                                       "A saved archive or pickle is truncated, corrupted or from an "
                                       "incompatible version.",
                                       py::make_tuple(py::handle(input_error_type)));
    // KeyError.__str__ quotes its argument; gendex messages are sentences, so
    // use the plain BaseException.__str__.
    py::handle(unknown_key_error_type).attr("__str__") =
        py::module_::import("builtins").attr("BaseException").attr("__str__");
    // Every instance has the fields; an error raised without them (in Python) has None.
    for (const char* name : field_names) py::handle(gendex_error_type).attr(name) = py::none();
    py::register_exception_translator(&translate);
    m.def(
        "located_error",
        [](std::string_view kind, const std::string& reason, std::optional<std::string> file,
           std::optional<std::size_t> line, std::optional<std::size_t> row, std::optional<std::string> column,
           std::optional<std::string> key) {
            Location where{file.value_or(""), line.value_or(0), column.value_or(""), row, key.value_or("")};
            if (kind == "InputError") return python_error(input_error_type, value_error(where, reason));
            if (kind == "UnknownKeyError") return python_error(unknown_key_error_type, key_error(where, reason));
            if (kind == "ArchiveError") return python_error(archive_error_type, archive_error(where, reason));
            if (kind == "GendexError") return python_error(gendex_error_type, error(where, reason));
            throw value_error("located_error: unknown kind '" + std::string(kind) +
                              "' (GendexError, InputError, UnknownKeyError or ArchiveError)");
        },
        py::arg("kind"), py::arg("reason"), py::kw_only(), py::arg("file") = py::none(), py::arg("line") = py::none(),
        py::arg("row") = py::none(), py::arg("column") = py::none(), py::arg("key") = py::none(),
        "An exception of `kind` (not raised) with its fields and the core's message: 'row 3, column \'x\': reason'.");
}

}  // namespace gendex::python
