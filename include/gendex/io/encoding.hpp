// Text encodings of input files. UNDP ships UTF-8 and cp1252 files side by
// side, and spreadsheets exported in Indonesia are often cp1252 too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gendex::io {

enum class Encoding {
    automatic,  // UTF-8 when the bytes are valid UTF-8, cp1252 otherwise
    utf8,
    cp1252,
};

/// Decode `bytes` to UTF-8, dropping a UTF-8 byte-order mark. Invalid bytes
/// raise value_error naming `file`, the line and the byte.
[[nodiscard]] std::string decode_to_utf8(std::string_view bytes, Encoding encoding, std::string_view file);

/// Offset of the first byte of `s` that breaks UTF-8 (also overlong forms, surrogates and code
/// points past U+10FFFF), or std::string_view::npos when `s` is valid UTF-8.
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view s);

/// Parse "auto", "utf-8"/"utf8", "cp1252"/"windows-1252".
[[nodiscard]] Encoding parse_encoding(std::string_view name);

}  // namespace gendex::io
