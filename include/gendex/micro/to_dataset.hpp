// Survey estimates as a Dataset: the index inputs by region x sex
// (index_inputs.hpp) and the indices with their standard errors
// (index_uncertainty.hpp), through one builder loop.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/error.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/index_inputs.hpp"
#include "gendex/micro/index_uncertainty.hpp"
#include "gendex/sex.hpp"

namespace gendex::micro {

/// Dictionary codes of the region names in a Dataset being built, checking
/// there is one name per region code.
[[nodiscard]] inline std::vector<code_t> region_codes(DatasetBuilder& b, std::span<const std::string> region_names,
                                                      std::size_t regions) {
    if (region_names.size() != regions)
        throw value_error("to_dataset: " + std::to_string(region_names.size()) + " region names for " +
                          std::to_string(regions) + " regions");
    std::vector<code_t> region(regions);
    for (std::size_t r = 0; r < regions; ++r) region[r] = b.region(region_names[r]);
    return region;
}

/// A Dataset of per-region estimates: `rows(series, add)` calls
/// series(indicator id) before the rows of each indicator and
/// add(region code, sex, estimate, se) for each of its rows; rows with a NaN
/// estimate are left out. Units come from the standard registry;
/// `region_names[r]` names region code r.
template <class Rows>
[[nodiscard]] Dataset series_to_dataset(std::span<const std::string> region_names, std::size_t regions,
                                        std::int32_t period, std::string_view source, Rows&& rows) {
    DatasetBuilder b;
    const std::vector<code_t> region = region_codes(b, region_names, regions);
    const code_t age = b.age_group(""), src = b.source(source);
    std::optional<DatasetBuilder::IndicatorRef> ind;
    code_t unit = 0;
    auto series = [&](std::string_view indicator) {
        ind = b.indicator(indicator);
        unit = b.unit(ind->info->unit);
    };
    auto add = [&](code32 r, Sex sex, double estimate, double se) {
        if (!std::isnan(estimate)) b.add_coded(region[r], period, sex, *ind, estimate, age, se, unit, src);
    };
    rows(series, add);
    return std::move(b).build();
}

/// The index-input estimates as a Dataset: one row per indicator, region and
/// sex (female only for female-only indicators), `se` from the estimates (NaN
/// for Variance::none). Domains without an estimate are left out.
[[nodiscard]] inline Dataset to_dataset(const IndexInputEstimates& e, std::span<const std::string> region_names,
                                        std::int32_t period, std::string_view source = "survey microdata") {
    return series_to_dataset(region_names, e.regions, period, source, [&](auto&& series, auto&& add) {
        for (const InputEstimate& x : e.indicators) {
            series(x.indicator);
            for (code32 r = 0; r < e.regions; ++r)
                for (std::uint8_t s = 0; s < 2; ++s) {
                    const code32 d = region_sex_domain(r, s);
                    add(r, static_cast<Sex>(s), x.estimate[d],
                        x.se.empty() ? std::numeric_limits<double>::quiet_NaN() : x.se[d]);
                }
        }
    });
}

/// The index results as a Dataset: every series' estimate with its se (NaN
/// when it has none); regions without an estimate are left out.
[[nodiscard]] inline Dataset to_dataset(const IndexUncertainty& u, std::span<const std::string> region_names,
                                        std::int32_t period, std::string_view source = "survey microdata") {
    return series_to_dataset(region_names, u.regions, period, source, [&](auto&& series, auto&& add) {
        for (const IndexSeries& s : u.series) {
            series(s.indicator);
            for (code32 r = 0; r < u.regions; ++r) add(r, s.sex, s.estimate[r], s.se[r]);
        }
    });
}

}  // namespace gendex::micro
