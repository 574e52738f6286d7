// Dictionary encoding for the Dataset's string-valued key columns.
//
// Regions, indicators and age groups repeat millions of times in a long table;
// storing each once and keeping 32-bit codes in the columns keeps rows small
// and makes key comparison an integer compare.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gendex/error.hpp"

namespace gendex {

class StringDictionary {
public:
    using code_type = std::uint32_t;
    static constexpr code_type npos = std::numeric_limits<code_type>::max();

    /// Code of `text`, adding it if new. Codes are dense and in order of first use.
    code_type intern(std::string_view text) {
        if (auto it = codes_.find(text); it != codes_.end()) return it->second;
        if (strings_.size() >= npos) throw value_error("too many distinct strings in one column");
        const auto code = static_cast<code_type>(strings_.size());
        strings_.emplace_back(text);
        codes_.emplace(strings_.back(), code);
        return code;
    }

    /// Code of `text`, or npos when absent.
    [[nodiscard]] code_type find(std::string_view text) const {
        auto it = codes_.find(text);
        return it == codes_.end() ? npos : it->second;
    }

    [[nodiscard]] const std::string& operator[](code_type code) const { return strings_[code]; }
    [[nodiscard]] std::size_t size() const noexcept { return strings_.size(); }
    [[nodiscard]] bool empty() const noexcept { return strings_.empty(); }
    [[nodiscard]] const std::vector<std::string>& strings() const noexcept { return strings_; }

    void reserve(std::size_t n) {
        strings_.reserve(n);
        codes_.reserve(n);
    }

    /// Rebuild from a list of distinct strings (e.g. read from an archive).
    static StringDictionary from_strings(std::vector<std::string> strings, std::string_view what) {
        StringDictionary d;
        d.reserve(strings.size());
        for (auto& s : strings) {
            if (d.find(s) != npos) throw value_error(std::string(what) + ": string '" + s + "' appears twice");
            d.intern(s);
        }
        return d;
    }

    friend bool operator==(const StringDictionary& a, const StringDictionary& b) { return a.strings_ == b.strings_; }

private:
    struct TransparentHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    // Keys are std::string copies so the map never dangles when strings_ reallocates.
    std::vector<std::string> strings_;
    std::unordered_map<std::string, code_type, TransparentHash, std::equal_to<>> codes_;
};

}  // namespace gendex
