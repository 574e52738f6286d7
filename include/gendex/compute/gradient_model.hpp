// Which analytic gradient an index has: the facts the elasticity analysis
// (analysis/elasticity.hpp) needs of an index, pointed to from the index table
// (docs/planning.md). Nine forms:
//   hdi        scale * (h e i)^(1/3) of one sex's LE, EYS, MYS and income (HDI, IPM);
//   ihdi       the HDI times ((1 - A_h)(1 - A_e)(1 - A_i))^(1/3) (IHDI);
//   sex_ratio  scale * HDI_f / HDI_m, each HDI-shaped with its sex's goalposts (GDI, IPG);
//   gii        1 - HARM(G_F, G_M) / G_{F,M} with a two-input health term (GII, IKG);
//   gem        mean of EDEP shares and the EDEP of income indices (GEM);
//   idg        scale * mean of EDEP shares and the income step (IDG);
//   gggi       mean of four weighted means of scores min(f / m, benchmark) or given scores (GGGI);
//   wei        geometric mean of five dimension means of capped terms x / g or (g - x) / g (WEI);
//   ggpi       geometric mean of four geometric means of uncapped female-to-male ratios (GGPI).
// Every constant is the edition's: the functions below only pick which one.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

#include "gendex/edition.hpp"
#include "gendex/indices/bps.hpp"
#include "gendex/indices/kernel.hpp"
#include "gendex/sex.hpp"

namespace gendex {

enum class GradientForm : std::uint8_t { hdi, ihdi, sex_ratio, gii, gem, idg, gggi, wei, ggpi };

/// The GII-shaped index's health term h = sqrt(c / (H1 * H2)) and the clamps of its inputs.
struct GiiShape {
    std::string_view health_1, health_2, education;
    double health_constant;          // c
    double h1_lo, h1_hi, h2_lo;      // clamps of the health inputs
    double parliament_floor, floor;  // women's seats floor; the floor of the other shares
    bool male_complement;            // a floored female share sets men's to 100 - floor
};

struct GradientModel {
    GradientForm form;
    /// hdi, ihdi, sex_ratio: the income input ("gni_per_capita", "per_capita_expenditure").
    std::string_view income;
    /// hdi, ihdi, sex_ratio: the goalposts of one sex.
    kernel::detail::hdi_goalposts (*goalposts)(const Edition&, Sex);
    /// The factor the index is scaled by (1, or BPS's 100).
    double (*scale)(const Edition&);
    /// gii: the health term and clamps; null otherwise.
    GiiShape (*gii)(const Edition&) = nullptr;
};

namespace gradient_detail {

inline constexpr double inf = std::numeric_limits<double>::infinity();

/// UNDP's HDI goalposts; life expectancy by sex as for the GDI.
[[nodiscard]] inline kernel::detail::hdi_goalposts hdr_goalposts(const Edition& ed, Sex sex) {
    const auto g = bps::detail::ipm_goalposts(ed, sex);
    return kernel::detail::make_goalposts(ed, g.le_min, g.le_max, ed.gni_per_capita_min.value,
                                          ed.gni_per_capita_max.value);
}

inline double one(const Edition&) { return 1.0; }
inline double bps_scale(const Edition& ed) { return ed.bps_index_scale.value; }

[[nodiscard]] inline GiiShape gii_shape(const Edition& ed) {
    return {"maternal_mortality",
            "adolescent_birth_rate",
            "secondary_education",
            ed.maternal_mortality_min.value,
            ed.maternal_mortality_min.value,
            ed.maternal_mortality_max.value,
            ed.gii_component_floor.value,
            ed.gii_parliament_floor.value,
            ed.gii_component_floor.value,
            ed.gii_parliament_male_complement.value};
}

[[nodiscard]] inline GiiShape ikg_shape(const Edition& ed) {
    return {"births_outside_facility",
            "first_birth_before_20",
            "upper_secondary_education",
            ed.ikg_health_constant.value,
            ed.ikg_mtf_floor.value,
            inf,
            0.0,
            ed.ikg_parliament_floor.value,
            0.0,
            true};
}

}  // namespace gradient_detail

inline constexpr GradientModel hdi_gradient{GradientForm::hdi, "gni_per_capita", &gradient_detail::hdr_goalposts,
                                            &gradient_detail::one};
inline constexpr GradientModel ipm_gradient{GradientForm::hdi, "per_capita_expenditure", &bps::detail::ipm_goalposts,
                                            &gradient_detail::bps_scale};
inline constexpr GradientModel ihdi_gradient{GradientForm::ihdi, "gni_per_capita", &gradient_detail::hdr_goalposts,
                                             &gradient_detail::one};
inline constexpr GradientModel gdi_gradient{GradientForm::sex_ratio, "gni_per_capita", &gradient_detail::hdr_goalposts,
                                            &gradient_detail::one};
inline constexpr GradientModel ipg_gradient{GradientForm::sex_ratio, "per_capita_expenditure",
                                            &bps::detail::ipm_goalposts, &gradient_detail::bps_scale};
inline constexpr GradientModel gii_gradient{
    GradientForm::gii, {}, nullptr, &gradient_detail::one, &gradient_detail::gii_shape};
inline constexpr GradientModel ikg_gradient{
    GradientForm::gii, {}, nullptr, &gradient_detail::one, &gradient_detail::ikg_shape};
inline constexpr GradientModel gem_gradient{GradientForm::gem, "gni_per_capita", nullptr, &gradient_detail::one};
inline constexpr GradientModel idg_gradient{GradientForm::idg, {}, nullptr, &gradient_detail::bps_scale};
inline constexpr GradientModel gggi_gradient{GradientForm::gggi, {}, nullptr, &gradient_detail::one};
inline constexpr GradientModel wei_gradient{GradientForm::wei, {}, nullptr, &gradient_detail::one};
inline constexpr GradientModel ggpi_gradient{GradientForm::ggpi, {}, nullptr, &gradient_detail::one};

}  // namespace gendex
