// RFC 4180 record reader over UTF-8 text already in memory. Internal to the
// compiled IO layer: the public API only sees Datasets.
#pragma once

#include <charconv>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/error.hpp"

namespace gendex::io::detail {

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

class CsvTokenizer {
public:
    CsvTokenizer(std::string_view text, std::string_view file) : text_(text), file_(file) {}

    /// Next non-blank record into `fields` (views valid until the next call);
    /// false at the end of the text.
    bool next(std::vector<std::string_view>& fields) {
        fields.clear();
        scratch_.clear();
        while (pos_ < text_.size()) {
            record_line_ = line_;
            if (text_[pos_] == '\n' || text_[pos_] == '\r') {  // blank line
                skip_newline();
                continue;
            }
            read_record(fields);
            return true;
        }
        return false;
    }

    /// Physical line where the current record starts (1-based).
    [[nodiscard]] std::size_t line() const noexcept { return record_line_; }
    [[nodiscard]] std::string_view file() const noexcept { return file_; }

private:
    void skip_newline() {
        if (text_[pos_] == '\r') ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
    }

    void read_record(std::vector<std::string_view>& fields) {
        for (;;) {
            if (pos_ < text_.size() && text_[pos_] == '"') {
                fields.push_back(read_quoted());
            } else {
                const std::size_t start = pos_;
                while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
                    if (text_[pos_] == '"')
                        throw value_error(
                            Location{std::string(file_), line_, ""},
                            "stray quote inside an unquoted field (field " + std::to_string(fields.size() + 1) + ")");
                    ++pos_;
                }
                // Spaces around an unquoted field are layout, not data; a quoted field keeps them.
                fields.push_back(trim(text_.substr(start, pos_ - start)));
            }
            if (pos_ >= text_.size()) return;
            if (text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            skip_newline();
            return;
        }
    }

    std::string_view read_quoted() {
        const std::size_t open_line = line_;
        ++pos_;  // opening quote
        const std::size_t start = pos_;
        bool escaped = false;
        for (;;) {
            if (pos_ >= text_.size())
                throw value_error(Location{std::string(file_), open_line, ""}, "quoted field is never closed");
            const char c = text_[pos_];
            if (c == '\n') ++line_;
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    escaped = true;
                    pos_ += 2;
                    continue;
                }
                break;
            }
            ++pos_;
        }
        std::string_view raw = text_.substr(start, pos_ - start);
        ++pos_;  // closing quote
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
            throw value_error(Location{std::string(file_), line_, ""}, "text after a closing quote");
        if (!escaped) return raw;
        std::string& s = scratch_.emplace_back();
        s.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            s.push_back(raw[i]);
            if (raw[i] == '"') ++i;  // "" -> "
        }
        return s;
    }

    std::string_view text_;
    std::string_view file_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t record_line_ = 1;
    std::deque<std::string> scratch_;  // deque: growing it never moves earlier strings
};

/// Parse a finite-or-not double; false when the whole field is not a number.
inline bool parse_double(std::string_view s, double& out) {
    s = trim(s);
    if (s.empty()) return false;
    if (s.front() == '+') s.remove_prefix(1);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

/// Why `s` is not a double, for a message about `what` ("value", "standard error"): a number beyond
/// the range of a double (1e309, 1e-400) is named as such, not as "non-numeric".
inline std::string bad_number(std::string_view s, std::string_view what) {
    std::string_view t = trim(s);
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    double ignored = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), ignored);
    if (ec == std::errc::result_out_of_range && end == t.data() + t.size())
        return std::string(what) + " '" + std::string(s) +
               "' is outside the range of a double-precision number (about 2.2e-308 to 1.8e308 in size)";
    return "non-numeric " + std::string(what) + " '" + std::string(s) + "'";
}

inline bool parse_int32(std::string_view s, std::int32_t& out) {
    s = trim(s);
    if (s.empty()) return false;
    if (s.front() == '+') s.remove_prefix(1);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

/// Append one field, quoted when it holds a comma, quote, newline or edge spaces.
inline void append_field(std::string& out, std::string_view s) {
    auto edge_space = [](char c) { return c == ' ' || c == '\t'; };  // kept only inside quotes
    const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!s.empty() && (edge_space(s.front()) || edge_space(s.back())));
    if (!quote) {
        out += s;
        return;
    }
    out.push_back('"');
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

/// Append a double in the shortest form that reads back exactly.
inline void append_number(std::string& out, double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

}  // namespace gendex::io::detail
