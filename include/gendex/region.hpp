// RegionHierarchy: codes, names, parents and levels of the regions a Dataset
// talks about (world > UNDP region > country; Indonesia > provinsi > kabupaten/kota).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gendex/error.hpp"

namespace gendex {

struct Region {
    std::string code;    // unique key: ISO3, BPS code, or any stable id
    std::string name;    // display name
    std::string parent;  // parent code; empty for a root
    std::string level;   // e.g. "country", "provinsi", "kabkota"

    friend bool operator==(const Region&, const Region&) = default;
};

class RegionHierarchy {
public:
    RegionHierarchy() = default;

    /// Build from regions in any order. Errors name the offending code:
    /// duplicate codes, unknown parents, cycles.
    static RegionHierarchy from_regions(std::vector<Region> regions) {
        RegionHierarchy h;
        h.regions_ = std::move(regions);
        h.by_code_.reserve(h.regions_.size());
        for (std::size_t i = 0; i < h.regions_.size(); ++i) {
            const Region& r = h.regions_[i];
            if (r.code.empty()) throw value_error("region #" + std::to_string(i + 1) + " has an empty code");
            if (!h.by_code_.emplace(r.code, i).second) throw value_error("region code '" + r.code + "' appears twice");
        }
        h.parent_index_.assign(h.regions_.size(), npos);
        for (std::size_t i = 0; i < h.regions_.size(); ++i) {
            const Region& r = h.regions_[i];
            if (r.parent.empty()) continue;
            auto it = h.by_code_.find(r.parent);
            if (it == h.by_code_.end())
                throw key_error("region '" + r.code + "' names an unknown parent '" + r.parent + "'");
            h.parent_index_[i] = it->second;
        }
        // Walk up from every node; a walk longer than the node count is a cycle.
        for (std::size_t i = 0; i < h.regions_.size(); ++i) {
            std::size_t steps = 0;
            for (std::size_t j = h.parent_index_[i]; j != npos; j = h.parent_index_[j]) {
                if (++steps > h.regions_.size() || j == i)
                    throw value_error("region '" + h.regions_[i].code + "' is its own ancestor (cycle in parents)");
            }
        }
        for (std::size_t i = 0; i < h.regions_.size(); ++i) h.add_name_key(h.regions_[i].name, i);
        return h;
    }

    /// Add an alternative spelling that look-ups by name accept ("KEP. RIAU").
    void add_alias(std::string_view alias, std::string_view code) {
        const std::size_t i = index_of_code(code);
        add_name_key(alias, i);
    }

    [[nodiscard]] std::size_t size() const noexcept { return regions_.size(); }
    [[nodiscard]] const std::vector<Region>& regions() const noexcept { return regions_; }
    [[nodiscard]] bool contains(std::string_view code) const { return by_code_.count(std::string(code)) != 0; }

    [[nodiscard]] const Region& by_code(std::string_view code) const { return regions_[index_of_code(code)]; }

    /// Look-up by name or alias, ignoring letter case, spaces and punctuation.
    /// A name shared by two regions is ambiguous and names both codes.
    [[nodiscard]] const Region& by_name(std::string_view name) const {
        auto it = by_name_.find(normalise(name));
        if (it == by_name_.end())
            throw key_error(Location{.key = std::string(name)}, "unknown region name '" + std::string(name) + "'");
        if (it->second == ambiguous)
            throw key_error(Location{.key = std::string(name)}, "region name '" + std::string(name) + "' is ambiguous");
        return regions_[it->second];
    }

    /// Code for a code or a name.
    [[nodiscard]] const Region& resolve(std::string_view code_or_name) const {
        if (auto it = by_code_.find(std::string(code_or_name)); it != by_code_.end()) return regions_[it->second];
        return by_name(code_or_name);
    }

    /// The child of `parent_code` called `name` (or an alias of it), if any.
    /// Names repeat across provinces ("GORONTALO" is a province and a
    /// kabupaten), so tables that list regions under a parent resolve here.
    [[nodiscard]] std::optional<std::string> find_child(std::string_view parent_code, std::string_view name) const {
        const std::size_t p = index_of_code(parent_code);
        auto it = by_parent_name_.find(std::to_string(p) + '\x1f' + normalise(name));
        if (it == by_parent_name_.end() || it->second == ambiguous) return std::nullopt;
        return regions_[it->second].code;
    }

    [[nodiscard]] std::vector<std::string> children(std::string_view code) const {
        const std::size_t p = index_of_code(code);
        std::vector<std::string> out;
        for (std::size_t i = 0; i < regions_.size(); ++i)
            if (parent_index_[i] == p) out.push_back(regions_[i].code);
        return out;
    }

    /// `code` and every region below it, parents before children.
    [[nodiscard]] std::vector<std::string> subtree(std::string_view code) const {
        std::vector<std::string> out{regions_[index_of_code(code)].code};
        for (std::size_t k = 0; k < out.size(); ++k)
            for (auto& child : children(out[k])) out.push_back(std::move(child));
        return out;
    }

    [[nodiscard]] std::optional<std::string> parent(std::string_view code) const {
        const std::size_t i = index_of_code(code);
        if (parent_index_[i] == npos) return std::nullopt;
        return regions_[parent_index_[i]].code;
    }

    /// 0 for a root, 1 for its children, ...
    [[nodiscard]] std::size_t depth(std::string_view code) const {
        std::size_t d = 0;
        for (std::size_t j = parent_index_[index_of_code(code)]; j != npos; j = parent_index_[j]) ++d;
        return d;
    }

    friend bool operator==(const RegionHierarchy& a, const RegionHierarchy& b) {
        return a.regions_ == b.regions_ && a.aliases_ == b.aliases_;
    }

    /// Aliases as (alias, code) pairs, in the order added; for archives.
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& aliases() const noexcept { return aliases_; }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    static constexpr std::size_t ambiguous = static_cast<std::size_t>(-2);

    std::size_t index_of_code(std::string_view code) const {
        auto it = by_code_.find(std::string(code));
        if (it == by_code_.end())
            throw key_error(Location{.key = std::string(code)}, "unknown region code '" + std::string(code) + "'");
        return it->second;
    }

    static std::string normalise(std::string_view s) {
        std::string out;
        for (unsigned char c : s)
            if (std::isalnum(c) || c >= 0x80) out.push_back(static_cast<char>(std::tolower(c)));
        return out;
    }

    void add_name_key(std::string_view name, std::size_t i) {
        if (name.empty()) return;
        auto [it, inserted] = by_name_.emplace(normalise(name), i);
        if (!inserted && it->second != i) it->second = ambiguous;
        if (parent_index_[i] != npos) {
            auto [jt, fresh] = by_parent_name_.emplace(std::to_string(parent_index_[i]) + '\x1f' + normalise(name), i);
            if (!fresh && jt->second != i) jt->second = ambiguous;
        }
        if (name != regions_[i].name) aliases_.emplace_back(std::string(name), regions_[i].code);
    }

    std::vector<Region> regions_;
    std::vector<std::size_t> parent_index_;
    std::unordered_map<std::string, std::size_t> by_code_;
    std::unordered_map<std::string, std::size_t> by_name_;
    std::unordered_map<std::string, std::size_t> by_parent_name_;  // "<parent index>\x1f<name>"
    std::vector<std::pair<std::string, std::string>> aliases_;
};

}  // namespace gendex
