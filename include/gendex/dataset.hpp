// The sex-disaggregated Dataset: a tidy long table of observations keyed by
// region x period x sex x age group x indicator.
//
// Storage is columnar: key columns are dictionary codes, values and standard
// errors are contiguous doubles, so index kernels and the Python layer can use
// them without copying. A Dataset is immutable once built and always valid:
// every way of making one (builder, readers, archives, pandas) goes through
// the same validation, so no code downstream re-checks.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/dictionary.hpp"
#include "gendex/error.hpp"
#include "gendex/format.hpp"
#include "gendex/indicator.hpp"
#include "gendex/observation_checks.hpp"
#include "gendex/sex.hpp"

namespace gendex {

using code_t = StringDictionary::code_type;

/// One observation with its keys spelled out.
struct Observation {
    std::string region;
    std::int32_t period = 0;
    Sex sex = Sex::total;
    std::string indicator;
    double value = 0.0;
    std::string age_group;                                 // empty: all ages / not applicable
    double se = std::numeric_limits<double>::quiet_NaN();  // NaN: no standard error given
    std::string unit;
    std::string source;
};

/// The raw columns of a Dataset. Code 0 of age_groups, units and sources is
/// always the empty string, so "not given" needs no separate mask.
struct DatasetColumns {
    StringDictionary regions, indicators, age_groups, units, sources;
    std::vector<code_t> region, indicator, age_group, unit, source;
    std::vector<std::int32_t> period;
    std::vector<Sex> sex;
    std::vector<double> value, se;

    DatasetColumns() { ensure_empty_codes(); }

    void ensure_empty_codes() {
        for (auto* d : {&age_groups, &units, &sources})
            if (d->empty()) d->intern("");
    }
    [[nodiscard]] std::size_t size() const noexcept { return value.size(); }
    void reserve(std::size_t n) {
        region.reserve(n), indicator.reserve(n), age_group.reserve(n), unit.reserve(n), source.reserve(n);
        period.reserve(n), sex.reserve(n), value.reserve(n), se.reserve(n);
    }
};

namespace detail {

/// Open-addressing hash set of row numbers, keyed by the row's five key
/// columns. Four bytes per slot: a 20-million-row table indexes in ~160 MB.
class KeyIndex {
public:
    static constexpr std::uint32_t empty = std::numeric_limits<std::uint32_t>::max();

    /// Build the index; returns the first pair (earlier, later) of rows with equal keys, if any.
    std::optional<std::pair<std::size_t, std::size_t>> build(const DatasetColumns& c) {
        std::size_t cap = 16;
        while (cap < 2 * c.size()) cap *= 2;
        slots_.assign(cap, empty);
        mask_ = cap - 1;
        for (std::size_t row = 0; row < c.size(); ++row) {
            std::size_t h = hash(c.region[row], c.indicator[row], c.age_group[row], c.period[row], c.sex[row]) & mask_;
            while (slots_[h] != empty) {
                if (same_key(c, slots_[h], row)) return std::pair<std::size_t, std::size_t>{slots_[h], row};
                h = (h + 1) & mask_;
            }
            slots_[h] = static_cast<std::uint32_t>(row);
        }
        return std::nullopt;
    }

    [[nodiscard]] std::optional<std::size_t> find(const DatasetColumns& c, code_t region, code_t indicator, code_t age,
                                                  std::int32_t period, Sex sex) const {
        if (slots_.empty()) return std::nullopt;
        std::size_t h = hash(region, indicator, age, period, sex) & mask_;
        while (slots_[h] != empty) {
            const std::uint32_t r = slots_[h];
            if (c.region[r] == region && c.indicator[r] == indicator && c.age_group[r] == age &&
                c.period[r] == period && c.sex[r] == sex)
                return r;
            h = (h + 1) & mask_;
        }
        return std::nullopt;
    }

private:
    static std::size_t hash(code_t region, code_t indicator, code_t age, std::int32_t period, Sex sex) noexcept {
        // Mix into 64 bits, then a multiplicative finaliser (splitmix64).
        std::uint64_t x =
            (std::uint64_t{region} << 32) ^ (std::uint64_t{indicator} << 8) ^ static_cast<std::uint64_t>(sex);
        x ^= (std::uint64_t{age} << 40) ^ (static_cast<std::uint64_t>(static_cast<std::uint32_t>(period)) << 16);
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return static_cast<std::size_t>(x ^ (x >> 31));
    }
    static bool same_key(const DatasetColumns& c, std::size_t a, std::size_t b) noexcept {
        return c.region[a] == c.region[b] && c.indicator[a] == c.indicator[b] && c.age_group[a] == c.age_group[b] &&
               c.period[a] == c.period[b] && c.sex[a] == c.sex[b];
    }

    std::vector<std::uint32_t> slots_;
    std::size_t mask_ = 0;
};

/// Names rows in messages: "file: line N" when lines are known, else "row i".
struct RowLabels {
    std::string_view file;
    std::span<const std::size_t> lines;

    [[nodiscard]] std::string operator()(std::size_t i) const { return where(i).describe(); }

    /// The file and line of row i, or the row itself.
    [[nodiscard]] Location where(std::size_t i) const {
        Location out;
        if (i < lines.size() && lines[i] != 0) {
            out.file = file;
            out.line = lines[i];
        } else {
            out.row = i;
        }
        return out;
    }
};

}  // namespace detail

/// Which rows to keep. An empty list means "any".
struct DatasetFilter {
    std::vector<std::string> regions;
    std::vector<std::int32_t> periods;
    std::vector<Sex> sexes;
    std::vector<std::string> indicators;
    std::vector<std::string> age_groups;  // "" selects rows without an age group
};

class Dataset {
public:
    Dataset() = default;

    /// Validate raw columns and take them over: lengths, dictionary codes,
    /// finite values, unique keys and, with a registry, indicator ids, sex
    /// scopes and value ranges. Messages name rows by number.
    static Dataset from_columns(DatasetColumns columns,
                                const IndicatorRegistry* registry = &IndicatorRegistry::standard());

    [[nodiscard]] std::size_t size() const noexcept { return cols_.size(); }
    [[nodiscard]] bool empty() const noexcept { return cols_.size() == 0; }
    [[nodiscard]] const DatasetColumns& columns() const noexcept { return cols_; }

    [[nodiscard]] std::span<const double> values() const noexcept { return cols_.value; }
    [[nodiscard]] std::span<const double> standard_errors() const noexcept { return cols_.se; }
    [[nodiscard]] std::span<const std::int32_t> periods() const noexcept { return cols_.period; }
    [[nodiscard]] bool has_se() const noexcept {
        return std::any_of(cols_.se.begin(), cols_.se.end(), [](double s) { return !std::isnan(s); });
    }

    [[nodiscard]] Observation row(std::size_t i) const {
        if (i >= size())
            throw key_error("row " + std::to_string(i) + " is out of range (size " + std::to_string(size()) + ")");
        return Observation{cols_.regions[cols_.region[i]],
                           cols_.period[i],
                           cols_.sex[i],
                           cols_.indicators[cols_.indicator[i]],
                           cols_.value[i],
                           cols_.age_groups[cols_.age_group[i]],
                           cols_.se[i],
                           cols_.units[cols_.unit[i]],
                           cols_.sources[cols_.source[i]]};
    }

    /// Row number of a key, if present.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view region, std::int32_t period, Sex sex,
                                                  std::string_view indicator, std::string_view age_group = {}) const {
        const code_t r = cols_.regions.find(region), ind = cols_.indicators.find(indicator),
                     age = cols_.age_groups.find(age_group);
        if (r == StringDictionary::npos || ind == StringDictionary::npos || age == StringDictionary::npos)
            return std::nullopt;
        return index_.find(cols_, r, ind, age, period, sex);
    }

    /// Value of a key; key_error naming the key when absent.
    [[nodiscard]] double value(std::string_view region, std::int32_t period, Sex sex, std::string_view indicator,
                               std::string_view age_group = {}) const {
        if (auto r = find(region, period, sex, indicator, age_group)) return cols_.value[*r];
        throw key_error("no observation for " + detail::describe_key(region, period, sex, indicator, age_group));
    }

    /// Distinct strings actually used, in order of first use.
    [[nodiscard]] const std::vector<std::string>& region_names() const noexcept { return cols_.regions.strings(); }
    [[nodiscard]] const std::vector<std::string>& indicator_ids() const noexcept { return cols_.indicators.strings(); }

    [[nodiscard]] Dataset filter(const DatasetFilter& f) const;

    /// Rows of `other` appended; a key present in both is an error.
    [[nodiscard]] Dataset concat(const Dataset& other) const;

    /// Equal rows in equal order, values compared bit for bit (NaN se equals NaN se).
    friend bool operator==(const Dataset& a, const Dataset& b);

private:
    friend class DatasetBuilder;
    static Dataset adopt(DatasetColumns columns, const detail::RowLabels& label, const IndicatorRegistry* registry,
                         bool check_rows);

    DatasetColumns cols_;
    detail::KeyIndex index_;
};

/// Builds a Dataset row by row, validating each row as it arrives so the
/// message can name where it came from. Readers resolve an indicator or a
/// string once and add rows by code, which keeps the per-row cost low.
class DatasetBuilder {
public:
    struct IndicatorRef {
        code_t code;
        const IndicatorInfo* info;
    };

    explicit DatasetBuilder(const IndicatorRegistry& registry = IndicatorRegistry::standard(), std::string file = {})
        : registry_(&registry), file_(std::move(file)) {}

    void reserve(std::size_t n) {
        cols_.reserve(n);
        lines_.reserve(n);
    }

    /// Resolve an indicator id (key_error naming it when unknown).
    IndicatorRef indicator(std::string_view id, const Location& where = {}) {
        const IndicatorInfo& info = detail::known_indicator(*registry_, id, where);
        return {cols_.indicators.intern(id), &info};
    }
    code_t region(std::string_view name, const Location& where = {}) {
        if (name.empty()) throw value_error(detail::with_column(where, "region"), "region is empty");
        return text(cols_.regions, name, where, "region");
    }
    code_t age_group(std::string_view s, const Location& where = {}) {
        return text(cols_.age_groups, s, where, "age_group");
    }
    code_t unit(std::string_view s, const Location& where = {}) { return text(cols_.units, s, where, "unit"); }
    code_t source(std::string_view s, const Location& where = {}) { return text(cols_.sources, s, where, "source"); }

    /// Add one observation by codes from the functions above. `where()` builds
    /// the location only when a message needs it; `line` is kept per row.
    template <class WhereFn>
    void add_coded(code_t region, std::int32_t period, Sex sex, IndicatorRef ind, double value, code_t age, double se,
                   code_t unit, code_t source, std::size_t line, WhereFn&& where) {
        if (period < first_period || period > last_period) detail::check_period(period, where());
        if (!ind.info->in_range(value) || !std::isfinite(value) || !ind.info->allows(sex) ||
            !(std::isnan(se) || (std::isfinite(se) && se >= 0))) {
            detail::check_value(ind.info, sex, value, se, where(), [&] {
                return detail::describe_key(cols_.regions[region], period, sex, ind.info->id, cols_.age_groups[age]);
            });
        }
        cols_.region.push_back(region);
        cols_.period.push_back(period);
        cols_.sex.push_back(sex);
        cols_.indicator.push_back(ind.code);
        cols_.value.push_back(value);
        cols_.age_group.push_back(age);
        cols_.se.push_back(std::isnan(se) ? std::numeric_limits<double>::quiet_NaN() : se);
        cols_.unit.push_back(unit);
        cols_.source.push_back(source);
        lines_.push_back(line);
    }

    void add_coded(code_t region, std::int32_t period, Sex sex, IndicatorRef ind, double value, code_t age, double se,
                   code_t unit, code_t source, const Location& where = {}) {
        if (file_.empty() && !where.file.empty()) file_ = where.file;
        add_coded(region, period, sex, ind, value, age, se, unit, source, where.line, [&] { return where; });
    }

    /// Add one observation. `where` locates it for error messages.
    void add(std::string_view region_name, std::int32_t period, Sex sex, std::string_view indicator_id, double value,
             std::string_view age = {}, double se = std::numeric_limits<double>::quiet_NaN(),
             std::string_view unit_name = {}, std::string_view source_name = {}, const Location& where = {}) {
        const code_t r = region(region_name, where);
        const IndicatorRef ind = indicator(indicator_id, where);
        add_coded(r, period, sex, ind, value, age_group(age, where), se, unit(unit_name, where),
                  source(source_name, where), where);
    }

    void add(const Observation& o, const Location& where = {}) {
        add(o.region, o.period, o.sex, o.indicator, o.value, o.age_group, o.se, o.unit, o.source, where);
    }

    [[nodiscard]] std::size_t size() const noexcept { return cols_.size(); }

    /// The finished Dataset. A duplicate key is reported with both locations.
    [[nodiscard]] Dataset build() && {
        return Dataset::adopt(std::move(cols_), detail::RowLabels{file_, lines_}, nullptr, false);
    }

private:
    /// Intern a key; a new one is checked once for control characters.
    static code_t text(StringDictionary& d, std::string_view s, const Location& where, std::string_view column) {
        const std::size_t before = d.size();
        const code_t code = d.intern(s);
        if (d.size() != before) detail::check_text(s, where, column);
        return code;
    }

    const IndicatorRegistry* registry_;
    std::string file_;
    DatasetColumns cols_;
    std::vector<std::size_t> lines_;
};

// ---------------------------------------------------------------- definitions

inline Dataset Dataset::adopt(DatasetColumns c, const detail::RowLabels& label, const IndicatorRegistry* registry,
                              bool check_rows) {
    c.ensure_empty_codes();
    const std::size_t n = c.value.size();
    auto ragged = [&](std::size_t m, const char* name) {
        if (m != n)
            throw value_error(std::string("column '") + name + "' has " + std::to_string(m) + " rows but 'value' has " +
                              std::to_string(n));
    };
    ragged(c.region.size(), "region"), ragged(c.period.size(), "period"), ragged(c.sex.size(), "sex");
    ragged(c.indicator.size(), "indicator"), ragged(c.age_group.size(), "age_group");
    ragged(c.se.size(), "se"), ragged(c.unit.size(), "unit"), ragged(c.source.size(), "source");
    if (n >= detail::KeyIndex::empty) throw value_error("a Dataset holds at most 4,294,967,294 rows");
    if (c.age_groups[0] != "" || c.units[0] != "" || c.sources[0] != "")
        throw value_error("code 0 of the age_group, unit and source dictionaries must be the empty string");
    if (check_rows) {
        // Every key once, then every row; an unknown indicator is named with its first row.
        auto keys = [](const StringDictionary& d, const char* column) {
            for (std::size_t k = 0; k < d.size(); ++k) detail::check_text(d[static_cast<code_t>(k)], {}, column);
        };
        keys(c.regions, "region"), keys(c.age_groups, "age_group"), keys(c.units, "unit"), keys(c.sources, "source");
        std::vector<const IndicatorInfo*> info(c.indicators.size(), nullptr);
        if (registry != nullptr)
            for (std::size_t k = 0; k < info.size(); ++k)
                info[k] = registry->find(c.indicators[static_cast<code_t>(k)]);
        for (std::size_t i = 0; i < n; ++i) {
            auto bad_code = [&](code_t code, const StringDictionary& d, const char* name) {
                if (code >= d.size())
                    throw value_error(label.where(i), std::string("column '") + name + "' code " +
                                                          std::to_string(code) + " is not in its dictionary of " +
                                                          std::to_string(d.size()));
            };
            bad_code(c.region[i], c.regions, "region"), bad_code(c.indicator[i], c.indicators, "indicator");
            bad_code(c.age_group[i], c.age_groups, "age_group"), bad_code(c.unit[i], c.units, "unit");
            bad_code(c.source[i], c.sources, "source");
            if (static_cast<std::uint8_t>(c.sex[i]) > 2)
                throw value_error(label.where(i), "column 'sex' has an invalid code");
            const Location where = label.where(i);
            detail::check_period(c.period[i], where);
            if (c.regions[c.region[i]].empty())
                throw value_error(detail::with_column(where, "region"), "region is empty");
            // One NaN for "no standard error", so bitwise equality does not depend on how it was made.
            if (std::isnan(c.se[i])) c.se[i] = std::numeric_limits<double>::quiet_NaN();
            if (registry != nullptr && info[c.indicator[i]] == nullptr)
                (void)detail::known_indicator(*registry, c.indicators[c.indicator[i]], where);
            detail::check_value(info[c.indicator[i]], c.sex[i], c.value[i], c.se[i], where, [&] {
                return detail::describe_key(c.regions[c.region[i]], c.period[i], c.sex[i], c.indicators[c.indicator[i]],
                                            c.age_groups[c.age_group[i]]);
            });
        }
    }
    Dataset ds;
    ds.cols_ = std::move(c);
    if (auto dup = ds.index_.build(ds.cols_)) {
        const auto& cc = ds.cols_;
        const auto [first, second] = *dup;
        throw value_error(
            label.where(second),
            "duplicate key (" +
                detail::describe_key(cc.regions[cc.region[second]], cc.period[second], cc.sex[second],
                                     cc.indicators[cc.indicator[second]], cc.age_groups[cc.age_group[second]]) +
                "), first given at " + label(first));
    }
    return ds;
}

inline Dataset Dataset::from_columns(DatasetColumns columns, const IndicatorRegistry* registry) {
    return adopt(std::move(columns), detail::RowLabels{}, registry, true);
}

inline Dataset Dataset::filter(const DatasetFilter& f) const {
    auto codes_of = [](const StringDictionary& d, const std::vector<std::string>& names) {
        std::vector<bool> keep(d.size(), names.empty());
        for (const auto& s : names)
            if (auto code = d.find(s); code != StringDictionary::npos) keep[code] = true;
        return keep;
    };
    const auto keep_region = codes_of(cols_.regions, f.regions);
    const auto keep_indicator = codes_of(cols_.indicators, f.indicators);
    const auto keep_age = codes_of(cols_.age_groups, f.age_groups);
    bool keep_sex[3] = {f.sexes.empty(), f.sexes.empty(), f.sexes.empty()};
    for (Sex s : f.sexes) keep_sex[static_cast<int>(s)] = true;
    const auto& p = f.periods;

    DatasetColumns out;
    for (std::size_t i = 0; i < size(); ++i) {
        if (!keep_region[cols_.region[i]] || !keep_indicator[cols_.indicator[i]] || !keep_age[cols_.age_group[i]] ||
            !keep_sex[static_cast<int>(cols_.sex[i])])
            continue;
        if (!p.empty() && std::find(p.begin(), p.end(), cols_.period[i]) == p.end()) continue;
        out.region.push_back(out.regions.intern(cols_.regions[cols_.region[i]]));
        out.indicator.push_back(out.indicators.intern(cols_.indicators[cols_.indicator[i]]));
        out.age_group.push_back(out.age_groups.intern(cols_.age_groups[cols_.age_group[i]]));
        out.unit.push_back(out.units.intern(cols_.units[cols_.unit[i]]));
        out.source.push_back(out.sources.intern(cols_.sources[cols_.source[i]]));
        out.period.push_back(cols_.period[i]);
        out.sex.push_back(cols_.sex[i]);
        out.value.push_back(cols_.value[i]);
        out.se.push_back(cols_.se[i]);
    }
    return adopt(std::move(out), detail::RowLabels{}, nullptr, false);
}

inline Dataset Dataset::concat(const Dataset& other) const {
    DatasetColumns out = cols_;
    const auto& o = other.cols_;
    out.reserve(size() + other.size());
    for (std::size_t i = 0; i < other.size(); ++i) {
        out.region.push_back(out.regions.intern(o.regions[o.region[i]]));
        out.indicator.push_back(out.indicators.intern(o.indicators[o.indicator[i]]));
        out.age_group.push_back(out.age_groups.intern(o.age_groups[o.age_group[i]]));
        out.unit.push_back(out.units.intern(o.units[o.unit[i]]));
        out.source.push_back(out.sources.intern(o.sources[o.source[i]]));
        out.period.push_back(o.period[i]);
        out.sex.push_back(o.sex[i]);
        out.value.push_back(o.value[i]);
        out.se.push_back(o.se[i]);
    }
    return adopt(std::move(out), detail::RowLabels{}, nullptr, false);
}

inline bool operator==(const Dataset& a, const Dataset& b) {
    if (a.size() != b.size()) return false;
    const auto& x = a.cols_;
    const auto& y = b.cols_;
    auto same_bits = [](double u, double v) { return std::memcmp(&u, &v, sizeof u) == 0; };
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (x.period[i] != y.period[i] || x.sex[i] != y.sex[i] || !same_bits(x.value[i], y.value[i]) ||
            !same_bits(x.se[i], y.se[i]) || x.regions[x.region[i]] != y.regions[y.region[i]] ||
            x.indicators[x.indicator[i]] != y.indicators[y.indicator[i]] ||
            x.age_groups[x.age_group[i]] != y.age_groups[y.age_group[i]] || x.units[x.unit[i]] != y.units[y.unit[i]] ||
            x.sources[x.source[i]] != y.sources[y.source[i]])
            return false;
    }
    return true;
}

}  // namespace gendex
