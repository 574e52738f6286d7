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

/// Parse a sex code as people write it, in any letter case and with surrounding spaces: the
/// contract's female/male/total; F/M/T and SDMX's _T; women/men; BPS's Indonesian P/L,
/// perempuan, laki-laki (also "laki laki"), wanita, pria and jumlah (also L+P). Returns nothing
/// for anything else, so the caller can name the file and line in its error.
[[nodiscard]] inline std::optional<Sex> parse_sex(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::string lower;
    lower.reserve(text.size());
    for (char c : text) lower.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    struct Spelling {
        std::string_view text;
        Sex sex;
    };
    static constexpr Spelling spellings[] = {
        {"female", Sex::female},  {"f", Sex::female},         {"women", Sex::female},  {"woman", Sex::female},
        {"p", Sex::female},       {"perempuan", Sex::female}, {"wanita", Sex::female}, {"male", Sex::male},
        {"m", Sex::male},         {"men", Sex::male},         {"man", Sex::male},      {"l", Sex::male},
        {"laki-laki", Sex::male}, {"laki laki", Sex::male},   {"lakilaki", Sex::male}, {"pria", Sex::male},
        {"total", Sex::total},    {"t", Sex::total},          {"_t", Sex::total},      {"both", Sex::total},
        {"all", Sex::total},      {"jumlah", Sex::total},     {"l+p", Sex::total},     {"total (l+p)", Sex::total},
    };
    for (const auto& s : spellings)
        if (lower == s.text) return s.sex;
    return std::nullopt;
}

}  // namespace gendex
