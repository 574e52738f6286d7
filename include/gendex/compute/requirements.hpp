// What an index needs from the data, as a checked specification: a list of
// requirements, all met in the same region-period, each met by one of its
// alternatives, each alternative a list of inputs by data-contract id and sex.
// The index table holds one per index (compute/index_table.hpp); the text of
// --help and the docs is generated from it (describe), and a computation that
// computes no region-period says from it which inputs no region-period has
// (missing_inputs, in ComputeReport::missing).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/dataset.hpp"
#include "gendex/indicator.hpp"
#include "gendex/sex.hpp"

namespace gendex {

/// One indicator, for each of `sexes`; an optional one only improves the result
/// (e.g. wage_ratio: the edition default is used without it).
struct RequiredInput {
    std::string indicator;
    std::vector<Sex> sexes;
    bool optional = false;

    friend bool operator==(const RequiredInput&, const RequiredInput&) = default;
};

/// One way to meet a requirement: every input of it in one region-period.
using InputAlternative = std::vector<RequiredInput>;

/// Met when one of its alternatives is.
struct InputRequirement {
    std::vector<InputAlternative> alternatives;

    friend bool operator==(const InputRequirement&, const InputRequirement&) = default;
};

/// What an index needs: every requirement, in the same region-period.
using InputRequirements = std::vector<InputRequirement>;

/// A requirement with one way to meet it: all of `inputs`.
[[nodiscard]] inline InputRequirement needs_all(InputAlternative inputs) { return {{std::move(inputs)}}; }

/// A requirement met by any one of `alternatives`.
[[nodiscard]] inline InputRequirement needs_one_of(std::vector<InputAlternative> alternatives) {
    return {std::move(alternatives)};
}

namespace detail {

[[nodiscard]] inline std::string join_sexes(const std::vector<Sex>& sexes, std::string_view comma,
                                            std::string_view last) {
    std::string out;
    for (std::size_t k = 0; k < sexes.size(); ++k)
        out += std::string(k == 0 ? "" : k + 1 == sexes.size() ? last : comma) + std::string(to_string(sexes[k]));
    return out;
}

/// "life_expectancy, expected_schooling (female, male), wage_ratio (total, optional)":
/// consecutive inputs of the same sexes share their parenthesis.
[[nodiscard]] inline std::string describe(const InputAlternative& alternative) {
    std::string out;
    for (std::size_t k = 0; k < alternative.size(); ++k) {
        const RequiredInput& in = alternative[k];
        out += (k == 0 ? "" : ", ") + in.indicator;
        const bool last = k + 1 == alternative.size() || alternative[k + 1].sexes != in.sexes ||
                          alternative[k + 1].optional != in.optional;
        if (last) out += " (" + join_sexes(in.sexes, ", ", ", ") + (in.optional ? ", optional" : "") + ")";
    }
    return out;
}

/// Which (indicator, sex) pairs each region-period of a Dataset has (rows without an age group).
class Presence {
public:
    explicit Presence(const Dataset& ds) {
        const auto& c = ds.columns();
        for (std::size_t i = 0; i < ds.size(); ++i) {
            if (!c.age_groups[c.age_group[i]].empty()) continue;
            by_unit_[{c.region[i], c.period[i]}].emplace(c.indicators[c.indicator[i]], c.sex[i]);
        }
    }

    /// Whether unit `u` has `in` for every sex it names. Female and male are also met by one
    /// of them and the registry's whole (a share) or, for an additive indicator, the total.
    template <class Unit>
    [[nodiscard]] static bool has(const Unit& u, const RequiredInput& in, const IndicatorRegistry& registry) {
        if (in.optional) return true;
        const IndicatorInfo* info = registry.find(in.indicator);
        auto present = [&](Sex s) { return u.count(std::pair<std::string, Sex>(in.indicator, s)) != 0; };
        for (Sex s : in.sexes) {
            if (present(s)) continue;
            const Sex other = s == Sex::female ? Sex::male : Sex::female;
            if (s == Sex::total || info == nullptr || !present(other)) return false;
            if (!(info->whole > 0) && !(info->additive && present(Sex::total))) return false;
        }
        return true;
    }

    template <class Fn>
    [[nodiscard]] bool any(Fn&& fn) const {
        for (const auto& [key, unit] : by_unit_)
            if (fn(unit)) return true;
        return false;
    }

private:
    std::map<std::pair<code_t, std::int32_t>, std::set<std::pair<std::string, Sex>>> by_unit_;
};

}  // namespace detail

/// The requirements as people read them in --help: requirements separated by
/// "; ", alternatives of one by "; or ".
[[nodiscard]] inline std::string describe(const InputRequirements& requirements) {
    std::string out;
    for (const InputRequirement& r : requirements)
        for (std::size_t k = 0; k < r.alternatives.size(); ++k)
            out += (out.empty() ? "" : k == 0 ? "; " : "; or ") + detail::describe(r.alternatives[k]);
    return out;
}

/// The indicator ids the requirements name, in order, each once (optional ones included).
[[nodiscard]] inline std::vector<std::string> indicator_ids(const InputRequirements& requirements) {
    std::vector<std::string> out;
    for (const InputRequirement& r : requirements)
        for (const InputAlternative& a : r.alternatives)
            for (const RequiredInput& in : a)
                if (std::find(out.begin(), out.end(), in.indicator) == out.end()) out.push_back(in.indicator);
    return out;
}

/// Why no region-period of `ds` can be computed, as far as presence goes: one
/// sentence per requirement no region-period meets, e.g. "gdi: no region-period
/// has life_expectancy for female and male", naming in each alternative the
/// inputs no region-period has; or, when each requirement is met somewhere but
/// never all in one region-period, one sentence saying so. Empty when some
/// region-period has every input (then the values, not their presence, failed).
[[nodiscard]] inline std::vector<std::string> missing_inputs(std::string_view index,
                                                             const InputRequirements& requirements, const Dataset& ds,
                                                             const IndicatorRegistry& registry) {
    const detail::Presence presence(ds);
    auto meets = [&](const auto& unit, const InputAlternative& a) {
        for (const RequiredInput& in : a)
            if (!detail::Presence::has(unit, in, registry)) return false;
        return true;
    };
    auto meets_requirement = [&](const auto& unit, const InputRequirement& r) {
        for (const InputAlternative& a : r.alternatives)
            if (meets(unit, a)) return true;
        return false;
    };
    std::vector<std::string> out;
    for (const InputRequirement& r : requirements) {
        if (presence.any([&](const auto& unit) { return meets_requirement(unit, r); })) continue;
        std::string text;
        for (const InputAlternative& a : r.alternatives) {
            std::string lacking;
            for (const RequiredInput& in : a) {
                if (presence.any([&](const auto& unit) { return detail::Presence::has(unit, in, registry); })) continue;
                lacking += (lacking.empty() ? "" : ", ") + in.indicator + " for " +
                           detail::join_sexes(in.sexes, ", ", " and ");
            }
            if (lacking.empty()) lacking = detail::describe(a) + " together";
            text += (text.empty() ? "" : ", nor ") + lacking;
        }
        out.push_back(std::string(index) + ": no region-period has " + text);
    }
    if (out.empty() && !presence.any([&](const auto& unit) {
            for (const InputRequirement& r : requirements)
                if (!meets_requirement(unit, r)) return false;
            return true;
        }))
        out.push_back(std::string(index) + ": no region-period has all its inputs together (" + describe(requirements) +
                      ")");
    return out;
}

}  // namespace gendex
