// Sex of an observation, and the spellings readers accept for it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gendex {

enum class Sex : std::uint8_t { female = 0, male = 1, total = 2 };

inline constexpr std::array<Sex, 3> all_sexes{Sex::female, Sex::male, Sex::total};

[[nodiscard]] constexpr std::string_view to_string(Sex s) noexcept {
    switch (s) {
        case Sex::female: return "female";
        case Sex::male: return "male";
        case Sex::total: return "total";
    }
    return "total";
}

/// Parse a sex code. Accepts the contract spellings (female/male/total), the
/// one-letter codes F/M/T, and BPS's Indonesian P/L (perempuan/laki-laki),
/// in any letter case. Returns nothing for anything else, so the caller can
/// name the file and line in its error.
[[nodiscard]] inline std::optional<Sex> parse_sex(std::string_view text) noexcept {
    std::string lower;
    lower.reserve(text.size());
    for (char c : text) lower.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    if (lower == "female" || lower == "f" || lower == "p" || lower == "perempuan") return Sex::female;
    if (lower == "male" || lower == "m" || lower == "l" || lower == "laki-laki") return Sex::male;
    if (lower == "total" || lower == "t" || lower == "both" || lower == "jumlah") return Sex::total;
    return std::nullopt;
}

}  // namespace gendex
