// The checks every observation passes, whoever builds it (readers, from_frame, archives): values in
// their indicator's range, keys without control characters, periods that are years. One place, so
// every way in gives the same message.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

#include "gendex/error.hpp"
#include "gendex/format.hpp"
#include "gendex/indicator.hpp"
#include "gendex/sex.hpp"

namespace gendex {

/// Periods are years: the data contract's integer year, four digits.
inline constexpr std::int32_t first_period = 1000;
inline constexpr std::int32_t last_period = 9999;

namespace detail {

inline std::string describe_key(std::string_view region, std::int32_t period, Sex sex, std::string_view indicator,
                                std::string_view age_group) {
    std::string out = "region '" + std::string(region) + "', period " + std::to_string(period) + ", sex " +
                      std::string(to_string(sex)) + ", indicator '" + std::string(indicator) + "'";
    if (!age_group.empty()) out += ", age group '" + std::string(age_group) + "'";
    return out;
}

inline Location with_column(const Location& where, std::string_view column) {
    Location w = where;
    if (w.column.empty()) w.column = column;
    return w;
}

/// Value checks every observation passes, whoever builds it. `key()` describes
/// the observation and is only called when a message is needed.
template <class KeyFn>
void check_value(const IndicatorInfo* info, Sex sex, double value, double se, const Location& where, KeyFn key) {
    if (!std::isfinite(value))
        throw value_error(with_column(where, "value"), "value is not a finite number (" + key() + ")");
    if (!std::isnan(se) && !(std::isfinite(se) && se >= 0))
        throw value_error(with_column(where, "se"),
                          "standard error " + format_number(se) + " must be a finite number >= 0 (" + key() + ")");
    if (info == nullptr) return;
    if (!info->allows(sex))
        throw value_error(with_column(where, "sex"),
                          "indicator '" + info->id + "' is " + std::string(to_string(info->scope)) +
                              " and cannot have sex '" + std::string(to_string(sex)) + "' (" + key() + ")");
    if (!info->in_range(value))
        throw value_error(with_column(where, "value"),
                          "value " + format_number(value) + " is outside the valid range [" + format_number(info->min) +
                              ", " + format_number(info->max) + "] of '" + info->id + "' (" + key() + ")");
}

inline const IndicatorInfo& known_indicator(const IndicatorRegistry& registry, std::string_view id,
                                            const Location& where) {
    if (id.empty()) throw value_error(with_column(where, "indicator"), "indicator is empty");
    if (const auto* info = registry.find(id)) return *info;
    Location at_indicator = with_column(where, "indicator");
    at_indicator.key = id;
    throw key_error(std::move(at_indicator), "unknown indicator '" + std::string(id) +
                                                 "' (register it first, or use one of the data-contract ids)");
}

/// Keys and labels are text people typed: a control character (a NUL, a stray byte of a binary file)
/// is refused rather than carried into every output. A tab is whitespace pasted from a spreadsheet: kept.
inline void check_text(std::string_view text, const Location& where, std::string_view column) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            char code[8];
            std::snprintf(code, sizeof code, "0x%02X", c);
            throw value_error(with_column(where, column), std::string(column) + " '" + std::string(text) +
                                                              "' contains the control character " + code +
                                                              " at position " + std::to_string(i + 1));
        }
    }
}

inline void check_period(std::int32_t period, const Location& where) {
    if (period < first_period || period > last_period)
        throw value_error(with_column(where, "period"), "period " + std::to_string(period) + " is not a year between " +
                                                            std::to_string(first_period) + " and " +
                                                            std::to_string(last_period));
}

}  // namespace detail
}  // namespace gendex
