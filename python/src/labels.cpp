// Output labels in English or Indonesian (gendex/labels.hpp).
#include "bindings.hpp"
#include "gendex/labels.hpp"

namespace gendex::python {

void register_labels(py::module_& m) {
    m.def(
        "indicator_label",
        [](std::string_view id, std::string_view lang) {
            return std::string(indicator_label(id, parse_language(lang)));
        },
        py::arg("indicator"), py::arg("lang") = "en",
        "Label of an indicator id in English ('en') or Indonesian ('id'); the id itself when it has none.");
    m.def(
        "sex_label",
        [](std::string_view sex, std::string_view lang) {
            return std::string(sex_label(sex_argument(sex), parse_language(lang)));
        },
        py::arg("sex"), py::arg("lang") = "en", "Label of a sex code: Women/Men/Total or Perempuan/Laki-laki/Total.");
}

}  // namespace gendex::python
