// What a dataset-level computation returns: the results as a Dataset in the
// data contract, and a report of the units it left out and what it assumed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/sex.hpp"

namespace gendex {

/// Why a unit was left out.
enum class Problem : std::uint8_t {
    missing,        // an input has no observation
    not_finite,     // a derived input is not a finite number
    below_minimum,  // below an edition goalpost or a physical minimum
    above_maximum,  // a share above 100 percent, a fraction above 1
    undefined,      // the inputs are valid but the formula has no finite value (e.g. HDI_m = 0)
};

[[nodiscard]] constexpr std::string_view to_string(Problem p) noexcept {
    switch (p) {
        case Problem::missing: return "missing";
        case Problem::not_finite: return "not_finite";
        case Problem::below_minimum: return "below_minimum";
        case Problem::above_maximum: return "above_maximum";
        case Problem::undefined: return "undefined";
    }
    return "undefined";
}

/// A region-period the computation left out (policy skip).
struct SkippedUnit {
    std::string region;
    std::int32_t period = 0;
    std::string indicator;  // the first offending input (or output, for Problem::undefined)
    Sex sex = Sex::total;
    Problem problem = Problem::missing;
    std::string reason;  // e.g. "life_expectancy (total) is below the minimum 20 of edition hdr2025 (value 17.93)"
};

/// Something a computed unit's value rests on that the data did not give,
/// e.g. "default wage ratio 0.8 used".
struct UnitNote {
    std::string region;
    std::int32_t period = 0;
    std::string note;
};

struct ComputeReport {
    std::string index;                 // "gdi"
    std::string edition;               // edition id
    std::size_t units = 0;             // region-periods with at least one of the index's defining inputs
    std::size_t computed = 0;          // units with results
    std::vector<SkippedUnit> skipped;  // in unit order (region first seen, then period)
    std::vector<UnitNote> notes;       // computed units only, in unit order
    /// When nothing is computed: which inputs no region-period has, by name, one
    /// sentence per unmet requirement (compute/requirements.hpp); empty otherwise.
    std::vector<std::string> missing;

    /// "gdi (edition hdr2025): 5243 of 5600 region-periods computed, 357 skipped"
    [[nodiscard]] std::string summary() const {
        std::string out = index + " (edition " + edition + "): " + std::to_string(computed) + " of " +
                          std::to_string(units) + " region-periods computed";
        if (!skipped.empty()) out += ", " + std::to_string(skipped.size()) + " skipped";
        if (!notes.empty()) out += ", " + std::to_string(notes.size()) + " notes";
        return out;
    }
};

/// Results of one index over a Dataset.
struct IndexResult {
    Dataset values;  // full precision; ids of the data contract (hdi, gdi, gdi_group, gii, ...)
    ComputeReport report;
};

}  // namespace gendex
