// What-if scenarios: edits of a Dataset's inputs ("+2 points of women's labour-force
// participation", "halve the adolescent birth rate", "close half of the gap in upper
// secondary education") applied to a copy, so that any index can be recomputed on it.
//
// An edit names the region and period it applies to (empty region / no period: every
// one), the sex, the indicator, an operation and a value:
//   set        x := value
//   add        x := x + value
//   scale      x := x * value
//   close_gap  x := x + value/100 * (other - x), other the opposite sex's value of the
//              same region, period and age group (value in [0, 100]: 100 closes the gap).
// Edits apply in order, each to the values the earlier ones left. For the shares of one
// whole (seats: female + male = 100) the other sex's row, when present, follows as
// whole - x, so the pair stays consistent. A bad edit (unknown indicator, a sex the
// indicator does not have, an edit that matches no observation, close_gap without the
// other sex, a result out of the indicator's range or not finite) raises value_error
// (InputError in Python) naming the edit's row and the reason; nothing is applied silently in part.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "gendex/dataset.hpp"
#include "gendex/error.hpp"
#include "gendex/format.hpp"
#include "gendex/indicator.hpp"
#include "gendex/sex.hpp"

namespace gendex {

enum class EditOp : std::uint8_t { set, add, scale, close_gap };

[[nodiscard]] constexpr std::string_view to_string(EditOp op) noexcept {
    switch (op) {
        case EditOp::set: return "set";
        case EditOp::add: return "add";
        case EditOp::scale: return "scale";
        case EditOp::close_gap: return "close_gap";
    }
    return "set";
}

/// The operation called `name`; value_error listing the known ones.
[[nodiscard]] inline EditOp parse_edit_op(std::string_view name) {
    for (EditOp op : {EditOp::set, EditOp::add, EditOp::scale, EditOp::close_gap})
        if (to_string(op) == name) return op;
    throw value_error("unknown edit op '" + std::string(name) + "'; known: set, add, scale, close_gap");
}

/// One what-if edit; `row` numbers it in messages (the row of the user's edits table).
struct ScenarioEdit {
    std::string region;                  // empty: every region
    std::optional<std::int32_t> period;  // none: every period
    Sex sex = Sex::female;
    std::string indicator;
    EditOp op = EditOp::set;
    double value = 0;
    std::size_t row = 0;
};

namespace detail {

[[nodiscard]] inline std::string edit_where(const ScenarioEdit& e) {
    return "edit row " + std::to_string(e.row) + " (" + (e.region.empty() ? "every region" : e.region) + ", " +
           (e.period ? std::to_string(*e.period) : std::string("every period")) + ", " + std::string(to_string(e.sex)) +
           ", " + e.indicator + ", " + std::string(to_string(e.op)) + " " + format_number(e.value) + ")";
}

[[nodiscard]] inline Sex opposite(Sex s) { return s == Sex::female ? Sex::male : Sex::female; }

// The edit's checks that do not depend on the data.
inline void check_edit(const ScenarioEdit& e, const IndicatorRegistry& registry) {
    const IndicatorInfo* info = registry.find(e.indicator);
    if (info == nullptr) throw value_error(edit_where(e) + ": unknown indicator '" + e.indicator + "'");
    if (!info->allows(e.sex))
        throw value_error(edit_where(e) + ": indicator '" + e.indicator + "' has no " + std::string(to_string(e.sex)) +
                          " values");
    if (!std::isfinite(e.value)) throw value_error(edit_where(e) + ": the value must be a finite number");
    if (e.op == EditOp::close_gap) {
        if (e.sex == Sex::total)
            throw value_error(edit_where(e) +
                              ": close_gap moves one sex towards the other; sex must be female or male");
        if (e.value < 0.0 || e.value > 100.0)
            throw value_error(edit_where(e) + ": close_gap takes the percent of the gap to close, between 0 and 100");
    }
}

}  // namespace detail

namespace detail {

// Apply one edit to `c` (the columns of `ds`, same rows). Strict: an edit that matches
// nothing or lacks the other sex for close_gap is an error; lenient (the parity settings
// of the decompositions, for every unit at once): such rows are left as they are.
inline void apply_edit(DatasetColumns& c, const Dataset& ds, const ScenarioEdit& e, const IndicatorRegistry& registry,
                       bool strict) {
    check_edit(e, registry);
    const IndicatorInfo& info = *registry.find(e.indicator);
    const code_t ind = c.indicators.find(e.indicator);
    const code_t region = e.region.empty() ? 0 : c.regions.find(e.region);
    if (ind == StringDictionary::npos || region == StringDictionary::npos) {
        if (strict) throw value_error(edit_where(e) + ": matches no observation in the data");
        return;
    }
    std::size_t matched = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.indicator[i] != ind || c.sex[i] != e.sex || (!e.region.empty() && c.region[i] != region) ||
            (e.period && c.period[i] != *e.period))
            continue;
        const std::string& where_region = c.regions[c.region[i]];
        const std::string& age = c.age_groups[c.age_group[i]];
        // The opposite sex's row (a plain index and flag: GCC's -O3 warns on an optional here).
        std::size_t other_row = 0;
        bool has_other = false;
        if (e.sex != Sex::total)
            if (const auto o = ds.find(where_region, c.period[i], opposite(e.sex), e.indicator, age))
                other_row = *o, has_other = true;
        double x = c.value[i];
        switch (e.op) {
            case EditOp::set: x = e.value; break;
            case EditOp::add: x += e.value; break;
            case EditOp::scale: x *= e.value; break;
            case EditOp::close_gap:
                if (!has_other) {
                    if (!strict) continue;
                    throw value_error(edit_where(e) + ": " + where_region + " " + std::to_string(c.period[i]) +
                                      " has no " + std::string(to_string(opposite(e.sex))) +
                                      " value to close the gap to");
                }
                x += e.value / 100.0 * (c.value[other_row] - x);
                break;
        }
        if (!std::isfinite(x) || !info.in_range(x))
            throw value_error(edit_where(e) + ": gives " + format_number(x) + " for " + where_region + " " +
                              std::to_string(c.period[i]) + ", outside the range of '" + e.indicator + "' [" +
                              format_number(info.min) + ", " + format_number(info.max) + "]");
        ++matched;
        c.value[i] = x;
        if (info.whole > 0 && has_other) c.value[other_row] = info.whole - x;  // the pair stays one whole
    }
    if (strict && matched == 0) throw value_error(edit_where(e) + ": matches no observation in the data");
}

}  // namespace detail

/// A copy of `ds` with `edits` applied in order (see the header comment).
[[nodiscard]] inline Dataset apply_scenario(const Dataset& ds, std::span<const ScenarioEdit> edits,
                                            const IndicatorRegistry& registry = IndicatorRegistry::standard()) {
    DatasetColumns c = ds.columns();
    for (const ScenarioEdit& e : edits) detail::apply_edit(c, ds, e, registry, true);
    return Dataset::from_columns(std::move(c), &registry);
}

}  // namespace gendex
