// Per-unit outputs of a computation into a Dataset of the data contract,
// with the publisher's competition ranks per period.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/compute/verdicts.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/rounding.hpp"

namespace gendex::detail {

class ResultBuilder {
public:
    explicit ResultBuilder(const UnitTable& table) : table_(&table) {}

    /// One value per unit. A required output must be finite for every unit
    /// that is computed (else the unit is left out as undefined); an optional
    /// one gives no row where it is NaN (e.g. incomes only where estimated).
    void add(std::string_view indicator, Sex sex, std::vector<double> values, bool optional = false) {
        outputs_.push_back({std::string(indicator), sex, std::move(values), optional});
    }

    /// Required outputs of one sex: `indicators[k]` takes `values[k]` (moved from).
    void add_all(Sex sex, std::initializer_list<std::string_view> indicators,
                 std::initializer_list<std::vector<double>*> values) {
        if (indicators.size() != values.size()) throw error("add_all: as many indicators as value columns");
        auto v = values.begin();
        for (std::string_view indicator : indicators) add(indicator, sex, std::move(**v++));
    }

    /// A required output for women and for men (in that order).
    void add_by_sex(std::string_view indicator, std::vector<double>& female, std::vector<double>& male) {
        add(indicator, Sex::female, std::move(female));
        add(indicator, Sex::male, std::move(male));
    }

    /// Same, from a kernel's small-integer column (groups); 0 means none.
    template <class T>
    void add_codes(std::string_view indicator, const std::vector<T>& codes) {
        std::vector<double> v(codes.size());
        for (std::size_t u = 0; u < codes.size(); ++u) {
            const auto c = static_cast<int>(codes[u]);
            v[u] = c == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(c);
        }
        add(indicator, Sex::total, std::move(v));
    }

    /// Competition ranks ("1224") per period of the output `of` (total),
    /// decided on values rounded to `digits` (default: the edition's digits,
    /// as the publisher prints them); aggregates and units left out are not ranked.
    void add_rank(std::string_view indicator, std::string_view of, RankOrder order, int digits = -1) {
        ranks_.push_back({std::string(indicator), std::string(of), order, digits});
    }

    /// Leave out units with an undefined required output, rank, apply the
    /// policy, and build the Dataset (rows grouped by unit, outputs in the
    /// order added).
    [[nodiscard]] IndexResult finish(Verdicts& verdicts, const ComputeOptions& options) {
        const std::size_t n = table_->units();
        for (const Output& o : outputs_) {
            if (o.optional) continue;
            for (std::size_t u = 0; u < n; ++u)
                if (verdicts.ok(u) && !std::isfinite(o.values[u]))
                    verdicts.reject(u, o.indicator, o.sex, Problem::undefined,
                                    input_label(o.indicator, o.sex) + " has no finite value for these inputs (" +
                                        format_number(o.values[u]) + ")");
        }
        const Edition& ed = verdicts.edition();
        for (const Rank& r : ranks_)
            add(r.indicator, Sex::total,
                rank(verdicts, output(r.of), r.order, r.digits < 0 ? ed.rounding_digits.value : r.digits, options),
                true);

        ComputeReport report = verdicts.finish(options.on_invalid);
        DatasetBuilder builder;
        builder.reserve(report.computed * outputs_.size());
        std::vector<DatasetBuilder::IndicatorRef> refs;
        for (const Output& o : outputs_) refs.push_back(builder.indicator(o.indicator));
        const code_t none = builder.unit("");
        const code_t source = builder.source("gendex " + verdicts.index() + ", edition " + ed.id);
        const double no_se = std::numeric_limits<double>::quiet_NaN();
        for (std::size_t u = 0; u < n; ++u) {
            if (!verdicts.ok(u)) continue;
            const code_t region = builder.region(table_->region(u));
            for (std::size_t k = 0; k < outputs_.size(); ++k) {
                const double v = outputs_[k].values[u];
                if (std::isnan(v)) continue;  // optional and absent: required NaNs were rejected above
                builder.add_coded(region, table_->period(u), outputs_[k].sex, refs[k], v, 0, no_se, none, source);
            }
        }
        return {std::move(builder).build(), std::move(report)};
    }

private:
    struct Output {
        std::string indicator;
        Sex sex;
        std::vector<double> values;
        bool optional;
    };
    struct Rank {
        std::string indicator, of;
        RankOrder order;
        int digits;
    };

    const std::vector<double>& output(std::string_view indicator) const {
        for (const Output& o : outputs_)
            if (o.indicator == indicator && o.sex == Sex::total) return o.values;
        throw key_error(Location{.key = std::string(indicator)}, "no output '" + std::string(indicator) + "' to rank");
    }

    std::vector<double> rank(const Verdicts& verdicts, const std::vector<double>& values, RankOrder order, int digits,
                             const ComputeOptions& options) const {
        std::map<std::int32_t, std::vector<std::size_t>> by_period;
        for (std::size_t u = 0; u < table_->units(); ++u)
            if (verdicts.ok(u) && !options.is_aggregate(table_->region(u))) by_period[table_->period(u)].push_back(u);
        std::vector<double> out(table_->units(), std::numeric_limits<double>::quiet_NaN());
        std::vector<double> group;
        for (const auto& [period, units] : by_period) {
            group.clear();
            for (std::size_t u : units) group.push_back(values[u]);
            const auto r = competition_rank(group, digits, order);
            for (std::size_t k = 0; k < units.size(); ++k) out[units[k]] = r[k];
        }
        return out;
    }

    const UnitTable* table_;
    std::vector<Output> outputs_;
    std::vector<Rank> ranks_;
};

}  // namespace gendex::detail
