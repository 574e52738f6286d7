// Plain-text tables and CSV fields for the command line.
#pragma once

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace gendex::cli {

/// Fixed-point text with `digits` decimals.
inline std::string number(double v, int digits) {
    char buf[64];
    if (digits >= 17)
        std::snprintf(buf, sizeof buf, "%.17g", v);
    else
        std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

inline std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

/// Columns padded to their widest cell; the first column left-aligned, the rest right-aligned.
class Table {
public:
    explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

    [[nodiscard]] std::string str() const {
        std::vector<std::size_t> width(rows_.front().size(), 0);
        for (const auto& r : rows_)
            for (std::size_t j = 0; j < r.size() && j < width.size(); ++j)
                width[j] = std::max(width[j], display_width(r[j]));
        std::string out;
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            for (std::size_t j = 0; j < width.size(); ++j) {
                const std::string& cell = j < rows_[i].size() ? rows_[i][j] : empty_;
                const std::string pad(width[j] - display_width(cell), ' ');
                if (j) out += "  ";
                out += j == 0 ? cell + pad : pad + cell;
            }
            out += '\n';
            if (i == 0) {
                std::size_t total = 0;
                for (auto w : width) total += w + 2;
                out += std::string(total - 2, '-') + '\n';
            }
        }
        return out;
    }

private:
    // UTF-8 continuation bytes take no column.
    static std::size_t display_width(const std::string& s) {
        return static_cast<std::size_t>(
            std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    }
    std::vector<std::vector<std::string>> rows_;
    std::string empty_;
};

}  // namespace gendex::cli
