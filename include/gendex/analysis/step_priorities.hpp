// Priorities with realistic steps: which input moves an index furthest towards equality for a step
// a district can actually take ("+2 points of women's labour-force participation", "halve the
// adolescent birth rate"), rather than for the whole gap at once (priorities.hpp).
//
// Each step is a what-if edit (scenario.hpp) applied to every region-period at once; the index is
// recomputed on the edited copy and
//   gain = |value - equality| - |after - equality|
// in the index's own units (GII and IKG towards 0, GDI towards 1, IPG towards 100), the same
// distance as the parity gains. Within a region-period the steps are ranked by gain (1 = largest).
// A step that moves its input without moving the index is held by a cap or floor of the method
// (life expectancy at 85, expected schooling at 18, an MTF at the IKG's floor): such an input is
// `at_cap`, named so that nobody budgets for a step the index cannot see.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/analysis/priorities.hpp"
#include "gendex/analysis/scenario.hpp"

namespace gendex {

/// One step's effect in one region-period.
struct StepRow {
    std::string region;
    std::int32_t period = 0;
    std::size_t step = 0;  // position of the step in the steps given
    std::string indicator;
    Sex sex = Sex::female;
    EditOp op = EditOp::add;
    double amount = 0;       // the step's value (2 for "+2 points", 0.5 for "halve")
    double input = 0;        // the input as observed
    double input_after = 0;  // the input after the step
    double value = 0;        // the index as observed
    double after = 0;        // the index after the step
    double gain = 0;         // distance from equality removed; negative: the step moves away from it
    std::int32_t rank = 0;   // 1 = the step with the largest gain in this region-period
    bool at_cap = false;     // the step moves the input but a cap or floor of the method holds the index
};

struct StepPriorities {
    std::string index;
    std::vector<StepRow> rows;    // unit order of the index's results, steps by rank
    ComputeReport report;         // of the index as observed
    std::vector<UnitNote> notes;  // steps that do not apply to a unit, and why
};

/// For every region-period with a value of `index` (gdi, gii, ipg, ikg), the index after each of
/// `steps` alone, the gain towards equality and the rank. A step names no region or period (it
/// applies to all); one that matches no observation of the data at all raises value_error, one that
/// cannot be applied to a unit (no value of its input there, close_gap without the other sex) is
/// left out for that unit and named in `notes`. Invalid inputs follow `options` as in compute().
[[nodiscard]] inline StepPriorities step_priorities(std::string_view index, const Dataset& ds, const Edition& ed,
                                                    std::span<const ScenarioEdit> steps,
                                                    const ComputeOptions& options = {},
                                                    const IndicatorRegistry& registry = IndicatorRegistry::standard()) {
    const IndexDescriptor& descriptor = detail::parity_descriptor(index);
    if (steps.empty()) throw value_error("priorities: no steps given");
    for (const ScenarioEdit& e : steps) {
        detail::check_edit(e, registry);
        if (!e.region.empty() || e.period)
            throw value_error(detail::edit_where(e) +
                              ": a step applies to every region and period; give no region "
                              "or period");
    }
    IndexResult observed = compute(index, ds, ed, options);
    ComputeOptions skip = options;
    skip.on_invalid = OnInvalid::skip;  // a unit the step leaves without a value is reported, not fatal

    const auto& vc = observed.values.columns();
    const std::vector<std::size_t> units = detail::headline_rows(observed.values, index);

    StepPriorities out;
    out.index = std::string(index);
    // per_unit[u]: the rows of unit u, in step order until ranked.
    std::vector<std::vector<StepRow>> per_unit(units.size());
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const ScenarioEdit& e = steps[k];
        DatasetColumns c = ds.columns();
        detail::apply_edit(c, ds, e, registry, false);
        const Dataset edited = Dataset::from_columns(std::move(c), &registry);
        const IndexResult r = compute(index, edited, ed, skip);
        bool matched = false;
        for (std::size_t u = 0; u < units.size(); ++u) {
            const std::string& region = vc.regions[vc.region[units[u]]];
            const std::int32_t period = vc.period[units[u]];
            const std::string what = "step " + std::to_string(k + 1) + " (" + e.indicator + ", " +
                                     std::string(to_string(e.sex)) + ", " + std::string(to_string(e.op)) + " " +
                                     detail::format_number(e.value) + ")";
            const auto before = ds.find(region, period, e.sex, e.indicator);
            if (!before) {
                out.notes.push_back(
                    {region, period, what + ": no " + std::string(to_string(e.sex)) + " value of " + e.indicator});
                continue;
            }
            matched = true;
            if (e.op == EditOp::close_gap && !ds.find(region, period, detail::opposite(e.sex), e.indicator)) {
                out.notes.push_back({region, period,
                                     what + ": no " + std::string(to_string(detail::opposite(e.sex))) + " value of " +
                                         e.indicator + " to close the gap to"});
                continue;
            }
            const auto row = r.values.find(region, period, Sex::total, index);
            if (!row) {
                out.notes.push_back({region, period, what + ": the index has no value after the step"});
                continue;
            }
            StepRow s;
            s.region = region, s.period = period, s.step = k, s.indicator = e.indicator, s.sex = e.sex;
            s.op = e.op, s.amount = e.value;
            s.input = ds.values()[*before];
            s.input_after = edited.values()[*edited.find(region, period, e.sex, e.indicator)];
            s.value = vc.value[units[u]];
            s.after = r.values.values()[*row];
            s.gain = detail::distance_from_equality(descriptor, ed, s.value) -
                     detail::distance_from_equality(descriptor, ed, s.after);
            s.at_cap = s.input_after != s.input && s.after == s.value;
            per_unit[u].push_back(std::move(s));
        }
        if (!matched && !units.empty())
            throw value_error(detail::edit_where(e) + ": no region-period of " + std::string(index) +
                              " has this input in the data");
    }
    for (auto& unit_rows : per_unit) detail::append_ranked(unit_rows, out.rows);
    out.report = std::move(observed.report);
    return out;
}

}  // namespace gendex
