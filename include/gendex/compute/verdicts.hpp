// Which units of a computation get results, and why the others do not: the
// one place where the invalid-input policy is applied and messages are worded.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/requirements.hpp"
#include "gendex/compute/unit_table.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/kernel.hpp"

namespace gendex::detail {

class Verdicts {
public:
    /// With `requirements` (and the Dataset they are checked against), a
    /// report computing no unit says which inputs are missing.
    Verdicts(const UnitTable& table, std::string_view index, const Edition& ed,
             const InputRequirements* requirements = nullptr, const Dataset* ds = nullptr)
        : table_(&table),
          index_(index),
          edition_(&ed),
          requirements_(requirements),
          dataset_(ds),
          rejection_(table.units(), none) {}

    [[nodiscard]] bool ok(std::size_t u) const { return rejection_[u] == none; }
    [[nodiscard]] const Edition& edition() const noexcept { return *edition_; }
    [[nodiscard]] const std::string& index() const noexcept { return index_; }

    /// Leave unit `u` out; the first reason given for a unit is the one reported.
    void reject(std::size_t u, std::string_view indicator, Sex sex, Problem problem, std::string reason) {
        if (!ok(u)) return;
        rejection_[u] = static_cast<std::uint32_t>(rejections_.size());
        rejections_.push_back({std::string(indicator), sex, problem, std::move(reason)});
    }

    void note(std::size_t u, std::string text) { notes_.push_back({u, std::move(text)}); }
    void notes(std::vector<PendingNote>&& pending) {
        for (auto& n : pending) notes_.push_back(std::move(n));
    }

    /// Reject every unit that lacks one of `inputs` (the first in the order given).
    void require(std::span<const InputSpec> inputs) {
        for (const InputSpec& in : inputs) {
            const std::size_t j = table_->column(in.indicator, in.sex);
            for (std::size_t u = 0; u < table_->units(); ++u)
                if (ok(u) && !table_->present(j, u))
                    reject(u, in.indicator, in.sex, Problem::missing,
                           input_label(in.indicator, in.sex) + " is missing");
        }
    }

    /// Reject every unit whose kernel status is not ok. `inputs` and `values`
    /// are the kernel's inputs in its own order (status.input indexes them).
    void reject_faults(std::span<const kernel::unit_status> status, std::span<const InputSpec> inputs,
                       std::span<const std::span<const double>> values) {
        for (std::size_t u = 0; u < status.size(); ++u) {
            const kernel::unit_status s = status[u];
            if (s.ok() || !ok(u)) continue;
            const InputSpec& in = inputs[s.input];
            reject(u, in.indicator, in.sex, problem_of(s.reason), describe(in, s.reason, values[s.input][u]));
        }
    }

    /// "life_expectancy (total) is below the minimum 20 of edition hdr2025 (value 17.93)"
    [[nodiscard]] std::string describe(const InputSpec& in, kernel::fault f, double value) const {
        std::string text = input_label(in.indicator, in.sex);
        const std::string shown = " (value " + format_number(value) + ")";
        switch (f) {
            case kernel::fault::none: return text + " is valid";
            case kernel::fault::not_finite: return text + " is not a finite number" + shown;
            case kernel::fault::below_minimum:
                if (!in.min_constant.empty())
                    return text + " is below the minimum " + format_number(edition_->get(in.min_constant)) +
                           " of edition " + edition_->id + shown;
                return text + (in.strict ? " must be above " : " is below the minimum ") + format_number(in.min) +
                       shown;
            case kernel::fault::above_maximum:
                return text + (in.strict ? " must be below " : " is above the maximum ") + format_number(in.max) +
                       shown;
        }
        return text + " is invalid" + shown;
    }

    /// The report of a finished computation. With OnInvalid::raise and any
    /// unit left out, a value_error naming the first one in unit order.
    [[nodiscard]] ComputeReport finish(OnInvalid policy) const {
        if (policy == OnInvalid::raise)
            for (std::size_t u = 0; u < rejection_.size(); ++u)
                if (!ok(u))
                    throw value_error("region '" + table_->region(u) + "', period " +
                                      std::to_string(table_->period(u)) + ": " + rejections_[rejection_[u]].reason +
                                      "; cannot compute " + index_);
        ComputeReport r;
        r.index = index_;
        r.edition = edition_->id;
        r.units = table_->units();
        for (std::size_t u = 0; u < rejection_.size(); ++u) {
            if (ok(u)) {
                ++r.computed;
                continue;
            }
            const Rejection& x = rejections_[rejection_[u]];
            r.skipped.push_back({table_->region(u), table_->period(u), x.indicator, x.sex, x.problem, x.reason});
        }
        if (r.computed == 0 && requirements_ != nullptr && !requirements_->empty() && dataset_ != nullptr)
            r.missing = missing_inputs(index_, *requirements_, *dataset_, IndicatorRegistry::standard());
        // Notes in unit order, for computed units only.
        std::vector<std::vector<const std::string*>> by_unit(table_->units());
        for (const auto& n : notes_)
            if (ok(n.unit)) by_unit[n.unit].push_back(&n.text);
        for (std::size_t u = 0; u < by_unit.size(); ++u)
            for (const std::string* text : by_unit[u]) r.notes.push_back({table_->region(u), table_->period(u), *text});
        return r;
    }

private:
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

    struct Rejection {
        std::string indicator;
        Sex sex;
        Problem problem;
        std::string reason;
    };

    static Problem problem_of(kernel::fault f) {
        switch (f) {
            case kernel::fault::not_finite: return Problem::not_finite;
            case kernel::fault::below_minimum: return Problem::below_minimum;
            case kernel::fault::above_maximum: return Problem::above_maximum;
            case kernel::fault::none: break;
        }
        return Problem::undefined;
    }

    const UnitTable* table_;
    std::string index_;
    const Edition* edition_;
    const InputRequirements* requirements_;
    const Dataset* dataset_;
    std::vector<std::uint32_t> rejection_;  // per unit: index into rejections_, or none
    std::vector<Rejection> rejections_;
    std::vector<PendingNote> notes_;
};

}  // namespace gendex::detail
