// What changed between two report editions for the same region-period (docs/planning.md).
//
// With `old` = (data of the older edition, its method) and `new` = (the newer data, its method),
// the index of a region-period present in both is recomputed three times at full precision:
//   old_value = I(old data, old method)
//   mid       = I(new data, old method)     the new inputs under the old method
//   new_value = I(new data, new method)
// and the difference splits exactly into
//   revision = mid - old_value              data revision
//   method   = new_value - mid              method change (constants, floors, goalposts)
// so revision + method = new_value - old_value (up to floating-point rounding).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/align.hpp"
#include "gendex/compute.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"

namespace gendex {

struct EditionDiffRow {
    std::string region;
    std::int32_t period = 0;
    double old_value = 0, new_value = 0;
    double revision = 0;  // the new inputs under the old method, less the old value
    double method = 0;    // the new inputs under the new method, less under the old one
};

struct EditionDiff {
    std::string index, old_edition, new_edition;
    std::vector<EditionDiffRow> rows;  // region-periods computed in both, in the newer result's order
    std::vector<UnitNote> notes;       // computed in both, but not from the new data under the old method
};

/// The edition diff of `index` (see the header comment). Units computed in one edition only
/// are not compared.
[[nodiscard]] inline EditionDiff edition_diff(std::string_view index, const Dataset& old_data, const Edition& old_ed,
                                              const Dataset& new_data, const Edition& new_ed,
                                              const ComputeOptions& options = {}) {
    const IndexDescriptor& d = index_descriptor(index);
    const std::vector<AlignedColumn> headline{{std::string(index), Sex::total}};
    auto headline_of = [&](const Dataset& data, const Edition& ed) {
        return align(d.compute(data, ed, options).values, headline);
    };
    const AlignedTable old_t = headline_of(old_data, old_ed);
    const AlignedTable mid_t = headline_of(new_data, old_ed);
    const AlignedTable new_t = headline_of(new_data, new_ed);
    std::map<std::pair<std::string, std::int32_t>, double> old_v, mid_v;
    for (std::size_t u = 0; u < old_t.units(); ++u)
        if (old_t.present(u, 0)) old_v[{old_t.region[u], old_t.period[u]}] = old_t.values(u, 0);
    for (std::size_t u = 0; u < mid_t.units(); ++u)
        if (mid_t.present(u, 0)) mid_v[{mid_t.region[u], mid_t.period[u]}] = mid_t.values(u, 0);
    EditionDiff out{std::string(index), old_ed.id, new_ed.id, {}, {}};
    for (std::size_t u = 0; u < new_t.units(); ++u) {
        if (!new_t.present(u, 0)) continue;
        const std::pair<std::string, std::int32_t> key{new_t.region[u], new_t.period[u]};
        const auto o = old_v.find(key), m = mid_v.find(key);
        if (o == old_v.end()) continue;
        if (m == mid_v.end()) {
            out.notes.push_back(
                {key.first, key.second, "not split: the new inputs give no value under the method of " + old_ed.id});
            continue;
        }
        const double n = new_t.values(u, 0);
        out.rows.push_back({key.first, key.second, o->second, n, m->second - o->second, n - m->second});
    }
    return out;
}

}  // namespace gendex
