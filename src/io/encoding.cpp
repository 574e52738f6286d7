#include "gendex/io/encoding.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#include "gendex/error.hpp"

namespace gendex::io {
namespace {

std::size_t line_of(std::string_view bytes, std::size_t offset) {
    return 1 + static_cast<std::size_t>(
                   std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string hex_byte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0)
            len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0)
            len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0)
            len = 4, cp = c & 0x07;
        else
            return i;
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

namespace {

// cp1252 code points of bytes 0x80-0x9F; 0 marks the five undefined bytes.
constexpr std::array<std::uint16_t, 32> cp1252_high = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                                       0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string from_cp1252(std::string_view bytes, std::string_view file) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b < 0x80) {
            out.push_back(static_cast<char>(b));
        } else if (b < 0xA0) {
            const std::uint16_t cp = cp1252_high[b - 0x80];
            if (cp == 0)
                throw value_error(Location{std::string(file), line_of(bytes, i), ""},
                                  "byte " + hex_byte(b) + " at offset " + std::to_string(i) +
                                      " is neither valid UTF-8 nor defined in cp1252");
            append_utf8(out, cp);
        } else {
            append_utf8(out, b);
        }
    }
    return out;
}

}  // namespace

std::string decode_to_utf8(std::string_view bytes, Encoding encoding, std::string_view file) {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (encoding == Encoding::cp1252) return from_cp1252(bytes, file);
    const std::size_t bad = first_invalid_utf8(bytes);
    if (bad == std::string_view::npos) return std::string(bytes);
    if (encoding == Encoding::automatic) return from_cp1252(bytes, file);
    throw value_error(
        Location{std::string(file), line_of(bytes, bad), ""},
        "invalid UTF-8 byte " + hex_byte(static_cast<unsigned char>(bytes[bad])) + " at offset " + std::to_string(bad));
}

Encoding parse_encoding(std::string_view name) {
    std::string lower;
    for (char c : name) lower.push_back(static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c));
    if (lower == "auto" || lower == "automatic") return Encoding::automatic;
    if (lower == "utf-8" || lower == "utf8") return Encoding::utf8;
    if (lower == "cp1252" || lower == "windows-1252") return Encoding::cp1252;
    throw key_error(Location{.key = std::string(name)},
                    "unknown encoding '" + std::string(name) + "' (use auto, utf-8 or cp1252)");
}

}  // namespace gendex::io
