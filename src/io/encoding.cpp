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
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

/// UTF-16 or UTF-32 (Excel's "Unicode text", Notepad's "Unicode") after its byte-order mark, as UTF-8.
/// `unit` is 2 or 4 bytes; lines are counted in the decoded text for messages.
std::string from_utf16_or_32(std::string_view bytes, std::size_t unit, bool big_endian, std::string_view file) {
    const char* name = unit == 2 ? "UTF-16" : "UTF-32";
    std::string out;
    out.reserve(bytes.size() / unit);
    std::size_t line = 1;
    auto bad = [&](const std::string& what) {
        throw value_error(Location{std::string(file), line, ""}, std::string(name) + " text " + what);
    };
    if (bytes.size() % unit != 0) bad("ends in the middle of a character (" + std::to_string(bytes.size()) + " bytes)");
    auto read = [&](std::size_t i) {
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < unit; ++k) {
            const auto b = static_cast<unsigned char>(bytes[i + (big_endian ? k : unit - 1 - k)]);
            v = (v << 8) | b;
        }
        return v;
    };
    for (std::size_t i = 0; i < bytes.size(); i += unit) {
        std::uint32_t cp = read(i);
        if (unit == 2 && cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate needs its low half
            if (i + unit >= bytes.size()) bad("ends inside a surrogate pair");
            const std::uint32_t low = read(i + unit);
            if (low < 0xDC00 || low > 0xDFFF) bad("has a high surrogate without its low half");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += unit;
        } else if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
            bad(std::string("holds an invalid character (") + code + ")");
        }
        if (cp == '\n') ++line;
        append_utf8(out, cp);
    }
    return out;
}

/// Whether `bytes` hold at least one multi-byte UTF-8 character: then an invalid byte elsewhere means
/// the file mixes encodings, and decoding it all as cp1252 would garble the valid part.
bool has_utf8_multibyte(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (static_cast<unsigned char>(bytes[i]) < 0xC2) continue;
        const std::size_t end = std::min(bytes.size(), i + 4);
        const std::string_view rest = bytes.substr(i, end - i);
        // A valid sequence starting here: the validator accepts its first character.
        const std::size_t bad = first_invalid_utf8(rest);
        if (bad != 0) return true;
    }
    return false;
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
    // A byte-order mark names the encoding whatever was asked: UTF-32 first, its LE mark starts like UTF-16's.
    if (bytes.starts_with(std::string_view("\xFF\xFE\x00\x00", 4)))
        return from_utf16_or_32(bytes.substr(4), 4, false, file);
    if (bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4)))
        return from_utf16_or_32(bytes.substr(4), 4, true, file);
    if (bytes.starts_with("\xFF\xFE")) return from_utf16_or_32(bytes.substr(2), 2, false, file);
    if (bytes.starts_with("\xFE\xFF")) return from_utf16_or_32(bytes.substr(2), 2, true, file);
    if (encoding == Encoding::cp1252) return from_cp1252(bytes, file);
    const std::size_t bad = first_invalid_utf8(bytes);
    if (bad == std::string_view::npos) return std::string(bytes);
    if (encoding == Encoding::automatic && has_utf8_multibyte(bytes))
        throw value_error(Location{std::string(file), line_of(bytes, bad), ""},
                          "the file mixes UTF-8 with another encoding: invalid UTF-8 byte " +
                              hex_byte(static_cast<unsigned char>(bytes[bad])) + " at offset " + std::to_string(bad) +
                              " after valid UTF-8 text; save it as UTF-8");
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
