// How an index splits exactly into additive parts: the facts the decomposition
// analysis (analysis/decomposition.hpp) needs of an index, pointed to from the
// index table. Three forms (docs/decomposition.md):
//   log_ratio  index = scale * (prod_k f_k / prod_k m_k)^(1/n) over the dimension
//              indices f_k, m_k of women and men (GDI, IPG): parts (1/n) ln(f_k/m_k)
//              add to ln(index / scale);
//   shapley    Shapley values over the indicators of the index's parity model, the
//              reference being every indicator at parity, where the index is its
//              equality point (GII, IKG: 0): parts add to index - equality;
//   component  index = scale * mean_k c_k (GEM, IDG): parts scale * c_k / n add to it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "gendex/edition.hpp"

namespace gendex {

enum class DecompositionForm : std::uint8_t { log_ratio, shapley, component };

[[nodiscard]] constexpr std::string_view to_string(DecompositionForm f) noexcept {
    switch (f) {
        case DecompositionForm::log_ratio: return "log_ratio";
        case DecompositionForm::shapley: return "shapley";
        case DecompositionForm::component: return "component";
    }
    return "component";
}

struct DecompositionModel {
    DecompositionForm form;
    /// log_ratio: the output whose female / male ratio (times scale) is the index ("hdi", "ipm").
    std::string_view ratio_of;
    /// log_ratio: output ids given by sex (the dimension indices whose geometric mean is
    /// `ratio_of`); component: output ids of sex total whose mean (times scale) is the index.
    std::span<const std::string_view> parts;
    double (*scale)(const Edition&);
};

namespace decomposition_detail {

inline constexpr std::string_view hdi_dimensions[] = {"hdi_health_index", "hdi_education_index", "hdi_income_index"};
inline constexpr std::string_view ipm_dimensions[] = {"ipm_health_index", "ipm_education_index",
                                                      "ipm_expenditure_index"};
inline constexpr std::string_view gem_parts[] = {"gem_political", "gem_economic", "gem_income"};
inline constexpr std::string_view idg_parts[] = {"idg_parliament_index", "idg_professional_index", "idg_income_index"};

inline double one(const Edition&) { return 1.0; }
inline double bps_scale(const Edition& ed) { return ed.bps_index_scale.value; }

}  // namespace decomposition_detail

inline constexpr DecompositionModel gdi_decomposition{DecompositionForm::log_ratio, "hdi",
                                                      decomposition_detail::hdi_dimensions, &decomposition_detail::one};
inline constexpr DecompositionModel ipg_decomposition{
    DecompositionForm::log_ratio, "ipm", decomposition_detail::ipm_dimensions, &decomposition_detail::bps_scale};
inline constexpr DecompositionModel shapley_decomposition{
    DecompositionForm::shapley, {}, {}, &decomposition_detail::one};
inline constexpr DecompositionModel gem_decomposition{
    DecompositionForm::component, {}, decomposition_detail::gem_parts, &decomposition_detail::one};
inline constexpr DecompositionModel idg_decomposition{
    DecompositionForm::component, {}, decomposition_detail::idg_parts, &decomposition_detail::bps_scale};

}  // namespace gendex
