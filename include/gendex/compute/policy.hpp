// What a dataset-level index computation does with a unit it cannot compute,
// and the other per-call options of the compute layer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gendex/error.hpp"

namespace gendex {

/// Policy for a region-period whose inputs are missing or invalid.
enum class OnInvalid : std::uint8_t {
    raise,  // value_error naming region, period, indicator and sex (the first such unit)
    skip,   // leave the unit out of the result and list it in the report
};

[[nodiscard]] constexpr std::string_view to_string(OnInvalid p) noexcept {
    return p == OnInvalid::raise ? "raise" : "skip";
}

/// "raise" or "skip"; value_error otherwise.
[[nodiscard]] inline OnInvalid parse_on_invalid(std::string_view text) {
    if (text == "raise") return OnInvalid::raise;
    if (text == "skip") return OnInvalid::skip;
    throw value_error("unknown on-invalid policy '" + std::string(text) + "' (use raise or skip)");
}

struct ComputeOptions {
    /// A library call fails loudly by default; the command line and the
    /// Python facade, which are handed whole HDR files where many
    /// country-years lack some inputs, default to skip.
    OnInvalid on_invalid = OnInvalid::raise;
    /// Regions whose code starts with this are aggregates (UNDP's "ZZ..." rows):
    /// computed like any unit, never ranked. Empty: every region is ranked.
    std::string aggregate_prefix = "ZZ";

    [[nodiscard]] bool is_aggregate(std::string_view region) const noexcept {
        return !aggregate_prefix.empty() && region.substr(0, aggregate_prefix.size()) == aggregate_prefix;
    }
};

}  // namespace gendex
