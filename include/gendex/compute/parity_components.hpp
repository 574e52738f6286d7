// The components of an index that the parity-gains analysis sets at parity one
// by one, and the index's value at gender equality. The index table points to
// one ParityModel per index that has one; analysis/priorities.hpp applies it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gendex/edition.hpp"

namespace gendex {

/// How one input is put at parity in a copy of the data.
struct ParitySetting {
    enum class Kind : std::uint8_t {
        like_men,  // women's value := scale * men's + shift (the same dimension index as men's)
        halves,    // shares of one whole (seats): both sexes := half of it
        target,    // a women-only input: women's value := target, the formula's reference for men
    };
    std::string indicator;
    Kind kind = Kind::like_men;
    double scale = 1.0, shift = 0.0;  // like_men
    double target = 0.0;              // target
};

/// A component of an index and how parity is set for it.
struct ParityComponent {
    std::string name;  // an indicator id, or a dimension ("reproductive_health")
    std::vector<ParitySetting> settings;
};

/// What the parity-gains analysis needs of an index.
struct ParityModel {
    std::vector<ParityComponent> (*components)(const Edition&);
    double (*equality)(const Edition&);  ///< the index at gender equality (GDI 1, IPG 100, GII 0)
};

namespace parity_detail {

using K = ParitySetting::Kind;

inline ParityComponent like_men(std::string id) { return {id, {{id, K::like_men, 1.0, 0.0, 0.0}}}; }
inline ParityComponent halves(std::string id) { return {id, {{id, K::halves, 1.0, 0.0, 0.0}}}; }

// Women's life expectancy with men's health index: the goalposts differ by sex.
inline ParityComponent life_expectancy(const Edition& ed) {
    const double scale = (ed.life_expectancy_f_max.value - ed.life_expectancy_f_min.value) /
                         (ed.life_expectancy_m_max.value - ed.life_expectancy_m_min.value);
    return {"life_expectancy",
            {{"life_expectancy", K::like_men, scale,
              ed.life_expectancy_f_min.value - scale * ed.life_expectancy_m_min.value, 0.0}}};
}

inline std::vector<ParityComponent> gii(const Edition& ed) {
    // Men's health term is 1: sqrt(10/MMR * 1/ABR) = 1 at MMR = its lower bound (10) and ABR = 1.
    constexpr double men_reference_abr = 1.0;  // the 1 of 1/ABR in the formula
    return {{"reproductive_health",
             {{"maternal_mortality", K::target, 1.0, 0.0, ed.maternal_mortality_min.value},
              {"adolescent_birth_rate", K::target, 1.0, 0.0, men_reference_abr}}},
            halves("parliament_share"),
            like_men("secondary_education"),
            like_men("labour_force_participation")};
}

inline std::vector<ParityComponent> ikg(const Edition& ed) {
    // Men's health term is 1: sqrt(c / (max(MTF, floor) * MHPK20)) = 1 at MTF = floor, MHPK20 = c / floor.
    const double mtf = ed.ikg_mtf_floor.value;
    return {{"reproductive_health",
             {{"births_outside_facility", K::target, 1.0, 0.0, mtf},
              {"first_birth_before_20", K::target, 1.0, 0.0, ed.ikg_health_constant.value / mtf}}},
            halves("parliament_share"),
            like_men("upper_secondary_education"),
            like_men("labour_force_participation")};
}

inline std::vector<ParityComponent> gdi(const Edition& ed) {
    return {life_expectancy(ed), like_men("expected_schooling"), like_men("mean_schooling"),
            like_men("gni_per_capita")};
}

inline std::vector<ParityComponent> ipg(const Edition& ed) {
    return {life_expectancy(ed), like_men("expected_schooling"), like_men("mean_schooling"),
            like_men("per_capita_expenditure")};
}

inline double zero(const Edition&) { return 0.0; }
inline double one(const Edition&) { return 1.0; }
inline double bps_scale(const Edition& ed) { return ed.bps_index_scale.value; }

}  // namespace parity_detail

inline constexpr ParityModel gii_parity{&parity_detail::gii, &parity_detail::zero};
inline constexpr ParityModel ikg_parity{&parity_detail::ikg, &parity_detail::zero};
inline constexpr ParityModel gdi_parity{&parity_detail::gdi, &parity_detail::one};
inline constexpr ParityModel ipg_parity{&parity_detail::ipg, &parity_detail::bps_scale};

}  // namespace gendex
