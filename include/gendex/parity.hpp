// Parity metrics: how far women's values are from men's, per indicator and unit.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "gendex/align.hpp"

namespace gendex {

struct ParityRow {
    std::string region;
    std::int32_t period = 0;
    std::string indicator;
    double female = 0, male = 0;
    double ratio = 0;         // female / male
    double difference = 0;    // female - male
    double adjusted_gpi = 0;  // UNESCO: ratio when <= 1, else 2 - male/female (symmetric around 1, bounded by 2)
};

/// UNESCO's adjusted gender parity index (UIS 2019): the plain ratio is
/// asymmetric (0.5 and 2 are equally far from parity), so above 1 it is
/// mirrored as 2 - 1/ratio.
[[nodiscard]] inline double adjusted_gender_parity_index(double female, double male) {
    if (female <= male) return female / male;
    return 2.0 - male / female;
}

/// Parity metrics for every unit where both sexes are present. A zero male
/// value makes the ratio undefined: that is an error naming the unit, not an
/// infinity in the output.
[[nodiscard]] inline std::vector<ParityRow> parity(const Dataset& ds, std::span<const std::string> indicators,
                                                   std::string_view age_group = {}) {
    const AlignedTable t = align_sexes(ds, indicators, age_group);
    std::vector<ParityRow> out;
    for (std::size_t k = 0; k < indicators.size(); ++k) {
        const auto f = t.column(2 * k), m = t.column(2 * k + 1);
        for (std::size_t u = 0; u < t.units(); ++u) {
            const auto row = static_cast<Eigen::Index>(u);
            if (!t.present(row, static_cast<Eigen::Index>(2 * k)) ||
                !t.present(row, static_cast<Eigen::Index>(2 * k + 1)))
                continue;
            if (m[u] == 0.0 || f[u] < 0.0 || m[u] < 0.0)
                throw value_error("parity of '" + indicators[k] + "' for region '" + t.region[u] + "', period " +
                                  std::to_string(t.period[u]) + " needs positive values (female " +
                                  detail::format_number(f[u]) + ", male " + detail::format_number(m[u]) + ")");
            out.push_back({t.region[u], t.period[u], indicators[k], f[u], m[u], f[u] / m[u], f[u] - m[u],
                           adjusted_gender_parity_index(f[u], m[u])});
        }
    }
    return out;
}

}  // namespace gendex
