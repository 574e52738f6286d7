// The C++ exception tree as Python exceptions:
//   gendex::error         -> gendex.GendexError(Exception)
//   gendex::value_error   -> gendex.InputError(GendexError, ValueError)
//   gendex::key_error     -> gendex.UnknownKeyError(GendexError, KeyError)
//   gendex::archive_error -> gendex.ArchiveError(InputError)
// The classes are created here (with __module__ "gendex") so the translator
// can raise them without importing the Python package back.
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

void translate(std::exception_ptr p) {
    try {
        if (p) std::rethrow_exception(p);
    } catch (const archive_error& e) {  // most derived first
        PyErr_SetString(archive_error_type, e.what());
    } catch (const value_error& e) {
        PyErr_SetString(input_error_type, e.what());
    } catch (const key_error& e) {
        PyErr_SetString(unknown_key_error_type, e.what());
    } catch (const error& e) {
        PyErr_SetString(gendex_error_type, e.what());
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
    py::register_exception_translator(&translate);
}

}  // namespace gendex::python
