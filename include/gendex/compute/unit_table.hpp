// The inputs of one index for every unit (region x period) of a Dataset: an
// aligned table restricted to the units that have at least one of the index's
// defining inputs, with the missing sex of a share of a whole implied.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/align.hpp"
#include "gendex/dataset.hpp"
#include "gendex/indicator.hpp"

namespace gendex::detail {

/// One kernel input, named as in the data contract, with the bounds the
/// kernel checks; the bounds only word messages, the kernel decides.
struct InputSpec {
    std::string_view indicator;
    Sex sex = Sex::total;
    std::string_view min_constant{};  // edition constant holding the minimum; empty: `min`
    double min = 0.0;
    double max = std::numeric_limits<double>::infinity();
    bool strict = false;  // the bounds are exclusive (a divisor, a share that must leave room for the other sex)
};

/// "life_expectancy (female)"
[[nodiscard]] inline std::string input_label(std::string_view indicator, Sex sex) {
    return std::string(indicator) + " (" + std::string(to_string(sex)) + ")";
}

/// A per-unit remark, kept until the verdicts know which units are computed.
struct PendingNote {
    std::size_t unit;
    std::string text;
};

class UnitTable {
public:
    /// Align `columns` of `ds`. The units are the region-periods where at least
    /// one of the first `scope` columns is present (the inputs that define the
    /// index); the remaining columns are read for those units only, so a file
    /// full of GNI totals does not make every country-year a GDI unit.
    UnitTable(const Dataset& ds, std::vector<AlignedColumn> columns, std::size_t scope) {
        AlignedTable full = align(ds, columns);
        std::vector<std::size_t> keep;
        keep.reserve(full.units());
        for (std::size_t u = 0; u < full.units(); ++u) {
            bool any = false;
            for (std::size_t j = 0; j < scope && !any; ++j)
                any = full.present(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(j));
            if (any) keep.push_back(u);
        }
        if (keep.size() == full.units()) {
            t_ = std::move(full);
            return;
        }
        const auto n = static_cast<Eigen::Index>(keep.size());
        const auto ncol = static_cast<Eigen::Index>(full.columns.size());
        t_.columns = std::move(full.columns);
        t_.values.resize(n, ncol);
        t_.present.resize(n, ncol);
        t_.region.reserve(keep.size());
        t_.period.reserve(keep.size());
        for (Eigen::Index k = 0; k < n; ++k) {
            const auto u = static_cast<Eigen::Index>(keep[static_cast<std::size_t>(k)]);
            t_.values.row(k) = full.values.row(u);
            t_.present.row(k) = full.present.row(u);
            t_.region.push_back(std::move(full.region[static_cast<std::size_t>(u)]));
            t_.period.push_back(full.period[static_cast<std::size_t>(u)]);
        }
    }

    [[nodiscard]] std::size_t units() const noexcept { return t_.units(); }
    [[nodiscard]] const std::string& region(std::size_t u) const { return t_.region[u]; }
    [[nodiscard]] std::int32_t period(std::size_t u) const { return t_.period[u]; }

    /// Column index of (indicator, sex); the column list is the compute
    /// function's own, so an unknown one is a programming error (key_error).
    [[nodiscard]] std::size_t column(std::string_view indicator, Sex sex) const {
        return t_.column_index(indicator, sex);
    }
    [[nodiscard]] bool present(std::size_t j, std::size_t u) const {
        return t_.present(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(j));
    }
    [[nodiscard]] double value(std::size_t j, std::size_t u) const {
        return t_.values(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(j));
    }
    /// The column as the kernels take it (NaN where not present).
    [[nodiscard]] std::span<const double> values(std::size_t j) const { return t_.column(j); }
    [[nodiscard]] std::span<const double> values(std::string_view indicator, Sex sex) const {
        return values(column(indicator, sex));
    }

    /// For shares of a whole (registry `whole`, e.g. parliament seats): when
    /// one sex is given and the other is not, the other is whole - given, as
    /// in BPS tables that print women's share only. Each fill is noted.
    void imply_complements(const IndicatorRegistry& registry, std::vector<PendingNote>& notes) {
        for (std::size_t jf = 0; jf < t_.columns.size(); ++jf) {
            if (t_.columns[jf].sex != Sex::female) continue;
            const std::string& id = t_.columns[jf].indicator;
            const IndicatorInfo* info = registry.find(id);
            if (info == nullptr || !(info->whole > 0)) continue;
            std::size_t jm = t_.columns.size();
            for (std::size_t k = 0; k < t_.columns.size(); ++k)
                if (t_.columns[k].indicator == id && t_.columns[k].sex == Sex::male) jm = k;
            if (jm == t_.columns.size()) continue;
            for (std::size_t u = 0; u < units(); ++u) {
                const bool f = present(jf, u), m = present(jm, u);
                if (f == m) continue;
                const std::size_t given = f ? jf : jm, implied = f ? jm : jf;
                set(implied, u, info->whole - value(given, u));
                notes.push_back({u, input_label(id, t_.columns[implied].sex) + " implied as " +
                                        format_number(info->whole) + " - " +
                                        std::string(to_string(t_.columns[given].sex)) + " share"});
            }
        }
    }

private:
    void set(std::size_t j, std::size_t u, double v) {
        t_.values(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(j)) = v;
        t_.present(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(j)) = true;
    }

    AlignedTable t_;
};

/// The aligned columns of `inputs`, in their order.
template <std::size_t N>
[[nodiscard]] std::vector<AlignedColumn> columns_of(const std::array<InputSpec, N>& inputs) {
    std::vector<AlignedColumn> out;
    for (const InputSpec& in : inputs) out.push_back({std::string(in.indicator), in.sex});
    return out;
}

template <std::size_t N>
[[nodiscard]] std::array<std::span<const double>, N> spans_of(const UnitTable& t,
                                                              const std::array<InputSpec, N>& inputs) {
    std::array<std::span<const double>, N> out;
    for (std::size_t k = 0; k < N; ++k) out[k] = t.values(inputs[k].indicator, inputs[k].sex);
    return out;
}

}  // namespace gendex::detail
