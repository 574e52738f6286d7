// gendex._core: the compiled half of the gendex Python package. The public
// API is the pure-Python facade in python/gendex; this module only converts
// and forwards to the C++ core.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "Compiled core of gendex (use the gendex package, not this module, in notebooks).";
    using namespace gendex::python;
    register_errors(m);  // first: the other registrations may throw while importing
    register_registry(m);
    register_dataset(m);
    register_region(m);
    register_analysis(m);
    register_io(m);
    register_edition(m);
    register_indices(m);
    register_micro(m);
    register_labels(m);
}
