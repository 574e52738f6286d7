// One exception root for the whole library.
//
// Every failure a caller can provoke with bad input is a gendex::error. The two
// branches mirror what Python users expect: value_error (the data is wrong) and
// key_error (a name was looked up and not found). Messages always say where
// (file, line, column, key) and why, because the people reading them are
// statisticians fixing a spreadsheet, not developers reading a stack trace.
// An error made from a Location also keeps the parts as fields (where(),
// reason()), so front ends read them instead of parsing the message: the
// Python exceptions carry them as attributes (python/src/errors.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace gendex {

/// Where in an input a problem sits, and the name it is about. Empty parts are left out of the message.
struct Location {
    std::string file{};    // path as given by the caller
    std::size_t line = 0;  // 1-based physical line; 0 = unknown
    std::string column{};  // column name; empty = whole row
    /// 0-based row of an in-memory table (DataFrame, NumPy columns), named when there is no line.
    std::optional<std::size_t> row{};
    /// The name looked up (indicator id, region code, ...); the message words it, the prefix does not.
    std::string key{};

    [[nodiscard]] std::string describe() const {
        std::string out = file;
        if (line != 0 || row) {
            if (!out.empty()) out += ": ";
            out += line != 0 ? "line " + std::to_string(line) : "row " + std::to_string(*row);
        }
        if (!column.empty()) {
            if (!out.empty()) out += ", ";
            out += "column '" + column + "'";
        }
        return out;
    }
};

/// `text` with control characters but the tab written as \\xNN: a NUL or an escape byte from the input echoed
/// in a message would cut it short (C strings) or garble the terminal.
[[nodiscard]] inline std::string printable(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        } else {
            out += ch;
        }
    }
    return out;
}

/// Prefix a reason with its location: "file.csv: line 4, column 'value': reason". Control
/// characters echoed from the input are escaped (printable()).
[[nodiscard]] inline std::string at(const Location& where, std::string_view reason) {
    std::string prefix = where.describe();
    if (prefix.empty()) return printable(reason);
    return printable(prefix + ": " + std::string(reason));
}

class error : public std::runtime_error {
public:
    explicit error(const std::string& message) : std::runtime_error(message), reason_(message) {}
    explicit error(const char* message) : error(std::string(message)) {}
    /// "where: reason", keeping both parts.
    error(Location where, std::string_view reason)
        : std::runtime_error(at(where, reason)), where_(std::move(where)), reason_(printable(reason)) {}

    /// The location and key the error is about (empty parts when the message names none).
    [[nodiscard]] const Location& where() const noexcept { return where_; }
    /// The message without its location prefix.
    [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

private:
    Location where_;
    std::string reason_;
};

/// The data is wrong: unparsable, out of range, inconsistent, duplicated.
class value_error : public error {
public:
    using error::error;
};

/// A name (indicator id, region code, edition id, column) is unknown.
class key_error : public error {
public:
    using error::error;
};

/// A saved archive is truncated, corrupted or from an incompatible version.
class archive_error : public value_error {
public:
    using value_error::value_error;
};

}  // namespace gendex
