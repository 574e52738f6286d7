// The opening every compute function shares: the unit table of an index's
// columns with the missing sex of a share implied (noted), the verdicts (which
// know the index's requirements, so a computation of nothing names what is
// missing), every unit lacking a required input rejected, and the builder of
// the results. A compute function is then: its kernel over the table's
// columns, the kernel's faults rejected, its outputs added, finish().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/align.hpp"
#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/requirements.hpp"
#include "gendex/compute/result_builder.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indicator.hpp"

namespace gendex::detail {

/// Whether a share of a whole given for one sex implies the other's (UnitTable::imply_complements).
enum class Complements : std::uint8_t { keep, imply };

class Computation {
public:
    /// `columns` of `ds`, the units being the region-periods with one of the
    /// first `scope` of them; units without one of `required` are rejected.
    Computation(const Dataset& ds, const Edition& ed, std::string_view index, const InputRequirements& requirements,
                std::vector<AlignedColumn> columns, std::size_t scope, std::span<const InputSpec> required,
                Complements complements)
        : table(ds, std::move(columns), scope), verdicts(table, index, ed, &requirements, &ds), out(table) {
        if (complements == Complements::imply) {
            std::vector<PendingNote> implied;
            table.imply_complements(IndicatorRegistry::standard(), implied);
            verdicts.notes(std::move(implied));
        }
        verdicts.require(required);
    }

    /// The columns are `inputs`, all of them defining the units and required.
    template <std::size_t N>
    Computation(const Dataset& ds, const Edition& ed, std::string_view index, const InputRequirements& requirements,
                const std::array<InputSpec, N>& inputs, Complements complements)
        : Computation(ds, ed, index, requirements, columns_of(inputs), N, inputs, complements) {}

    Computation(const Computation&) = delete;
    Computation& operator=(const Computation&) = delete;

    /// The table's columns of `inputs`, in their order, as the kernels take them.
    template <std::size_t N>
    [[nodiscard]] std::array<std::span<const double>, N> spans(const std::array<InputSpec, N>& inputs) const {
        return spans_of(table, inputs);
    }

    /// The results and the report, under the invalid-input policy of `options`.
    [[nodiscard]] IndexResult finish(const ComputeOptions& options) { return out.finish(verdicts, options); }

    UnitTable table;
    Verdicts verdicts;
    ResultBuilder out;
};

/// `part` (other region-periods, or other sexes) appended to `into`: values and report.
inline void append(IndexResult& into, IndexResult&& part) {
    into.values = into.values.concat(part.values);
    ComputeReport& r = into.report;
    r.units += part.report.units;
    r.computed += part.report.computed;
    for (auto& x : part.report.skipped) r.skipped.push_back(std::move(x));
    for (auto& x : part.report.notes) r.notes.push_back(std::move(x));
    if (r.computed > 0) r.missing.clear();
}

}  // namespace gendex::detail
