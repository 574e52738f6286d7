// Trends of an index per region and the projected year of parity (docs/planning.md).
//
// Over the periods t_i of a region with values y_i (at least two periods):
//   linear      y = a + b t           (ordinary least squares; slope b per year)
//   log-linear  ln y = c + g t        (g: the log slope, about the yearly growth rate)
// The parity year is when the fitted trend reaches `parity` (GDI 1, IPG 100, GII 0 by
// default: the index table's equality point), counted from the last period:
//   linear      t* = t_last + (parity - (a + b t_last)) / b
//   log-linear  t* = t_last + (ln parity - (c + g t_last)) / g
// and only when the trend moves towards parity (t* >= t_last); otherwise, and for the
// log-linear trend of a parity <= 0 which it never reaches, there is none (NaN, said in
// `parity_note`). A region with one period has no trend and is named in the notes.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/compute.hpp"
#include "gendex/dataset.hpp"

namespace gendex {

struct TrendRow {
    std::string region;
    std::size_t periods = 0;
    std::int32_t first_period = 0, last_period = 0;
    double last_value = 0;
    double slope = 0;                                             // b, index units per year
    double intercept = 0;                                         // a
    double log_slope = std::numeric_limits<double>::quiet_NaN();  // g; NaN when a value is <= 0
    double log_intercept = std::numeric_limits<double>::quiet_NaN();
    double parity_year = std::numeric_limits<double>::quiet_NaN();      // linear; NaN: not reached
    double parity_year_log = std::numeric_limits<double>::quiet_NaN();  // log-linear; NaN: not reached
    std::string parity_note;  // why a parity year is missing ("" when both exist)
};

struct Trend {
    std::string indicator;
    double parity = 0;
    std::vector<TrendRow> rows;   // regions in order of first appearance
    std::vector<UnitNote> notes;  // regions without a trend
};

namespace detail {

struct LineFit {
    double intercept, slope;
};

// Least squares of y on t, centred on the mean period for accuracy.
[[nodiscard]] inline LineFit fit_line(const std::vector<double>& t, const std::vector<double>& y) {
    const double n = static_cast<double>(t.size());
    double mt = 0, my = 0;
    for (std::size_t i = 0; i < t.size(); ++i) mt += t[i], my += y[i];
    mt /= n, my /= n;
    double sty = 0, stt = 0;
    for (std::size_t i = 0; i < t.size(); ++i) sty += (t[i] - mt) * (y[i] - my), stt += (t[i] - mt) * (t[i] - mt);
    const double slope = sty / stt;
    return {my - slope * mt, slope};
}

// When the line reaches `target`, if it does at or after `last`.
[[nodiscard]] inline double crossing(const LineFit& f, double last, double target) {
    const double gap = target - (f.intercept + f.slope * last);
    if (gap == 0.0) return last;
    if (f.slope == 0.0 || (gap > 0) != (f.slope > 0)) return std::numeric_limits<double>::quiet_NaN();
    return last + gap / f.slope;
}

}  // namespace detail

/// The trend of `indicator` (sex total, no age group) per region of `values`.
[[nodiscard]] inline Trend trend_of(const Dataset& values, std::string_view indicator, double parity) {
    Trend out;
    out.indicator = std::string(indicator);
    out.parity = parity;
    const auto& c = values.columns();
    const code_t ind = c.indicators.find(indicator);
    std::vector<std::string> order;
    std::map<std::string, std::map<std::int32_t, double>> series;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.indicator[i] != ind || c.sex[i] != Sex::total || c.age_group[i] != 0) continue;
        const std::string& region = c.regions[c.region[i]];
        if (!series.contains(region)) order.push_back(region);
        series[region][c.period[i]] = c.value[i];
    }
    for (const std::string& region : order) {
        const auto& s = series[region];
        if (s.size() < 2) {
            out.notes.push_back({region, s.begin()->first, "one period only: no trend"});
            continue;
        }
        std::vector<double> t, y, ly;
        bool positive = true;
        for (const auto& [period, v] : s) {
            t.push_back(period), y.push_back(v);
            positive = positive && v > 0;
            ly.push_back(positive ? std::log(v) : 0.0);
        }
        TrendRow r;
        r.region = region;
        r.periods = s.size();
        r.first_period = s.begin()->first;
        r.last_period = s.rbegin()->first;
        r.last_value = s.rbegin()->second;
        const detail::LineFit lin = detail::fit_line(t, y);
        r.slope = lin.slope, r.intercept = lin.intercept;
        r.parity_year = detail::crossing(lin, r.last_period, parity);
        std::string why;
        if (std::isnan(r.parity_year)) why = "linear trend moves away from parity or is flat";
        if (positive) {
            const detail::LineFit lg = detail::fit_line(t, ly);
            r.log_slope = lg.slope, r.log_intercept = lg.intercept;
            if (parity > 0) r.parity_year_log = detail::crossing(lg, r.last_period, std::log(parity));
            if (std::isnan(r.parity_year_log))
                why += std::string(why.empty() ? "" : "; ") +
                       (parity > 0 ? "log-linear trend moves away from parity or is flat"
                                   : "a log-linear trend never reaches parity 0");
        } else {
            why += std::string(why.empty() ? "" : "; ") + "a value <= 0: no log-linear trend";
        }
        r.parity_note = why;
        out.rows.push_back(std::move(r));
    }
    return out;
}

/// The trend of `index` computed from `ds`; `parity` defaults to the index's equality point
/// (its parity model's: GDI 1, IPG 100, GII and IKG 0), else 1.
[[nodiscard]] inline Trend index_trend(std::string_view index, const Dataset& ds, const Edition& ed,
                                       const ComputeOptions& options = {}, std::optional<double> parity = {}) {
    const IndexDescriptor& d = index_descriptor(index);
    const double target = parity ? *parity : d.parity != nullptr ? d.parity->equality(ed) : 1.0;
    const IndexResult r = d.compute(ds, ed, options);
    return trend_of(r.values, index, target);
}

}  // namespace gendex
