// The twin indices of The Paths to Equal (UNDP / UN Women 2023) over every
// region-period of a Dataset: WEI and GGPI (docs/wei-ggpi.md).
//
// WEI inputs (women): family_planning_satisfied, adolescent_birth_rate,
// upper_secondary_education, neet_rate, lfpr_couple_young_child,
// account_ownership, parliament_share, local_government_share,
// managers_share, intimate_partner_violence. GGPI inputs (women and men):
// healthy_life_share, upper_secondary_education, neet_rate,
// lfpr_couple_young_child, account_ownership; women's parliament_share,
// local_government_share and managers_share. Where a unit has
// no_local_government = 1 (the annex's note t: no elected local government)
// the parliament share stands in for the local-government share, noted.
// Outputs: wei / ggpi, their group (1 low ... 4 high) and dimension indices.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/requirements.hpp"
#include "gendex/compute/result_builder.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/twin.hpp"

namespace gendex {

namespace detail {

inline constexpr double twin_percent = kernel::detail::percent;
inline constexpr double twin_no_max = std::numeric_limits<double>::infinity();

// In the kernels' order (paths::wei_input_names, paths::ggpi_input_names).
inline constexpr std::array<InputSpec, 10> wei_inputs{{
    {"family_planning_satisfied", Sex::female, {}, 0.0, twin_percent},
    {"adolescent_birth_rate", Sex::female, {}, 0.0, twin_no_max},
    {"upper_secondary_education", Sex::female, {}, 0.0, twin_percent},
    {"neet_rate", Sex::female, {}, 0.0, twin_percent},
    {"lfpr_couple_young_child", Sex::female, {}, 0.0, twin_percent},
    {"account_ownership", Sex::female, {}, 0.0, twin_percent},
    {"parliament_share", Sex::female, {}, 0.0, twin_percent},
    {"local_government_share", Sex::female, {}, 0.0, twin_percent},
    {"managers_share", Sex::female, {}, 0.0, twin_percent},
    {"intimate_partner_violence", Sex::female, {}, 0.0, twin_percent},
}};

// Bounds word messages only; the kernel decides (men's values and the NEET complement are divisors).
inline constexpr std::array<InputSpec, 13> ggpi_inputs{{
    {"healthy_life_share", Sex::female, {}, 0.0, twin_percent},
    {"healthy_life_share", Sex::male, {}, 0.0, twin_percent, true},
    {"upper_secondary_education", Sex::female, {}, 0.0, twin_percent},
    {"upper_secondary_education", Sex::male, {}, 0.0, twin_percent, true},
    {"neet_rate", Sex::female, {}, 0.0, twin_percent},
    {"neet_rate", Sex::male, {}, 0.0, twin_percent, true},
    {"lfpr_couple_young_child", Sex::female, {}, 0.0, twin_percent},
    {"lfpr_couple_young_child", Sex::male, {}, 0.0, twin_percent, true},
    {"account_ownership", Sex::female, {}, 0.0, twin_percent},
    {"account_ownership", Sex::male, {}, 0.0, twin_percent, true},
    {"parliament_share", Sex::female, {}, 0.0, twin_percent, true},
    {"local_government_share", Sex::female, {}, 0.0, twin_percent, true},
    {"managers_share", Sex::female, {}, 0.0, twin_percent, true},
}};

/// A local-government share, or no_local_government = 1 (the parliament share stands in).
[[nodiscard]] inline InputRequirement local_government_requirement() {
    return needs_one_of({{{"local_government_share", {Sex::female}}}, {{"no_local_government", {Sex::total}}}});
}

[[nodiscard]] inline const InputRequirements& wei_requirements() {
    static const InputRequirements r{needs_all({{"family_planning_satisfied", {Sex::female}},
                                                {"adolescent_birth_rate", {Sex::female}},
                                                {"upper_secondary_education", {Sex::female}},
                                                {"neet_rate", {Sex::female}},
                                                {"lfpr_couple_young_child", {Sex::female}},
                                                {"account_ownership", {Sex::female}},
                                                {"parliament_share", {Sex::female}},
                                                {"managers_share", {Sex::female}},
                                                {"intimate_partner_violence", {Sex::female}}}),
                                     local_government_requirement()};
    return r;
}

[[nodiscard]] inline const InputRequirements& ggpi_requirements() {
    static const InputRequirements r{needs_all({{"healthy_life_share", {Sex::female, Sex::male}},
                                                {"upper_secondary_education", {Sex::female, Sex::male}},
                                                {"neet_rate", {Sex::female, Sex::male}},
                                                {"lfpr_couple_young_child", {Sex::female, Sex::male}},
                                                {"account_ownership", {Sex::female, Sex::male}},
                                                {"parliament_share", {Sex::female}},
                                                {"managers_share", {Sex::female}}}),
                                     local_government_requirement()};
    return r;
}

// The inputs of one twin index with the parliament share standing in for the
// local-government share where no_local_government is 1 (noted); missing
// inputs rejected, naming the first.
template <std::size_t N>
std::vector<std::vector<double>> twin_columns(const UnitTable& t, Verdicts& v, const std::array<InputSpec, N>& inputs) {
    std::vector<std::vector<double>> cols;
    for (const InputSpec& in : inputs) {
        const auto span = t.values(in.indicator, in.sex);
        cols.emplace_back(span.begin(), span.end());
    }
    std::size_t local = 0, parliament = 0;
    for (std::size_t k = 0; k < N; ++k) {
        if (inputs[k].indicator == "local_government_share") local = k;
        if (inputs[k].indicator == "parliament_share") parliament = k;
    }
    const std::size_t flag = t.column("no_local_government", Sex::total);
    for (std::size_t u = 0; u < t.units(); ++u) {
        if (!t.present(flag, u)) continue;
        const double f = t.value(flag, u);
        if (f != 0.0 && f != 1.0) {
            v.reject(u, "no_local_government", Sex::total, Problem::above_maximum,
                     "no_local_government (total) must be 0 or 1 (value " + format_number(f) + ")");
            continue;
        }
        if (f == 1.0) {
            cols[local][u] = cols[parliament][u];
            v.note(u, "no elected local government (no_local_government = 1): the parliament share " +
                          format_number(cols[parliament][u]) + " stands in for local_government_share");
        }
    }
    for (std::size_t k = 0; k < N; ++k)
        for (std::size_t u = 0; u < t.units(); ++u)
            if (v.ok(u) && std::isnan(cols[k][u]) &&
                (k == local || !t.present(t.column(inputs[k].indicator, inputs[k].sex), u)))
                v.reject(u, inputs[k].indicator, inputs[k].sex, Problem::missing,
                         input_label(inputs[k].indicator, inputs[k].sex) + " is missing" +
                             (k == local ? " (with no_local_government = 1 the parliament share stands in)" : ""));
    return cols;
}

template <std::size_t N>
[[nodiscard]] std::vector<AlignedColumn> twin_aligned(const std::array<InputSpec, N>& inputs) {
    auto columns = columns_of(inputs);
    columns.push_back({"no_local_government", Sex::total});  // read for the units only
    return columns;
}

}  // namespace detail

namespace detail {

// One twin index over the units: inputs (with the local-government
// substitution), kernel, verdicts; outputs the index, its group and the dimensions.
template <std::size_t N, std::size_t D, class Kernel>
[[nodiscard]] IndexResult compute_twin(const Dataset& ds, const Edition& ed, const ComputeOptions& options,
                                       const std::string& index, const InputRequirements& requirements,
                                       const std::array<InputSpec, N>& inputs,
                                       const std::array<std::string_view, D>& dimensions, Kernel kernel) {
    UnitTable t(ds, twin_aligned(inputs), inputs.size());
    Verdicts v(t, index, ed);
    const auto cols = twin_columns(t, v, inputs);
    const std::vector<std::span<const double>> in(cols.begin(), cols.end());
    paths::twin_results r = kernel(ed, in);
    v.reject_faults(r.status, inputs, in);
    std::vector<std::uint8_t> groups(r.index.size());
    for (std::size_t u = 0; u < groups.size(); ++u) groups[u] = paths::twin_group(ed, r.index[u]);
    ResultBuilder out(t);
    out.add(index, Sex::total, std::move(r.index));
    out.add_codes(index + "_group", groups);
    for (std::size_t j = 0; j < D; ++j)
        out.add(index + "_" + std::string(dimensions[j]), Sex::total, std::move(r.dimension[j]));
    IndexResult result = out.finish(v, options);
    if (result.report.computed == 0)
        result.report.missing = missing_inputs(index, requirements, ds, IndicatorRegistry::standard());
    return result;
}

}  // namespace detail

[[nodiscard]] inline IndexResult compute_wei(const Dataset& ds, const Edition& ed, const ComputeOptions& options = {}) {
    return detail::compute_twin(
        ds, ed, options, "wei", detail::wei_requirements(), detail::wei_inputs, paths::wei_dimensions,
        [](const Edition& e, std::span<const std::span<const double>> in) { return paths::wei(e, in); });
}

[[nodiscard]] inline IndexResult compute_ggpi(const Dataset& ds, const Edition& ed,
                                              const ComputeOptions& options = {}) {
    return detail::compute_twin(
        ds, ed, options, "ggpi", detail::ggpi_requirements(), detail::ggpi_inputs, paths::ggpi_dimensions,
        [](const Edition& e, std::span<const std::span<const double>> in) { return paths::ggpi(e, in); });
}

}  // namespace gendex
