// The standard index inputs from person-level survey rows, by region x sex,
// with design-based standard errors, as a Dataset of data-contract ids.
//
//   mean_schooling              years of schooling, persons aged >= 25         ratio
//   secondary_education         % of 25+ with education >= a threshold         ratio x 100
//   upper_secondary_education   % of 25+ with education >= another threshold  ratio x 100
//   labour_force_participation  % of 15+ in the labour force                   ratio x 100
//   population                  weighted count                                 total
//   income_share                % of the region's earnings going to the sex    ratio across the two sexes x 100
//   births_outside_facility     % of relevant births outside a facility        ratio x 100 (women)
//   first_birth_before_20       % of relevant women, first birth before 20     ratio x 100 (women)
//   adolescent_birth_rate       births per 1,000 women aged 15-19              ratio x 1000 (women)
//
// One pass over the rows (accumulate_index_inputs) sums derived variables
// computed chunk by chunk (never materialised for all rows): each
// indicator restricted to a population (25+, 15+, relevant women) is the ratio
// of two derived variables, y * 1[in population] over 1[in population]. Its
// linearised variance is that of the domain mean over the population (R:
// svyby(~y, ~region + sex, subset(design, age >= 25), svymean)), except that
// strata where the domain has rows but none in the population count as
// touched (R's svyratio of the derived variables): it matters only for
// lonely_psu = fail (an error there) and average (the scaling).
//
// The result is an ordinary Accumulator: it merges with the accumulators of
// other partitions (same codes), pickles through its archive, and the
// generic estimators (ratio, total, ...) work on its derived variables.
#pragma once

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/batch_compile.hpp"
#include "gendex/dataset.hpp"
#include "gendex/error.hpp"
#include "gendex/indicator.hpp"
#include "gendex/micro/accumulate.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/estimate.hpp"
#include "gendex/micro/variance.hpp"
#include "gendex/sex.hpp"

namespace gendex::micro {

// ----------------------------------------------------------------- inputs

/// A numeric person-level column and the caller's name for it (used in messages).
struct NamedColumn {
    std::string name;
    std::span<const double> values;  ///< empty: not given
    [[nodiscard]] bool given() const noexcept { return !values.empty(); }
};

/// Person-level columns. Only region and sex are required; an indicator is
/// built when the columns it needs are given.
struct PersonColumns {
    std::span<const code32> region;     ///< dense region codes 0..regions-1
    std::span<const std::uint8_t> sex;  ///< 0 = female, 1 = male (gendex::Sex codes)
    std::string region_name = "region", sex_name = "sex";
    NamedColumn age{"age", {}};                    ///< years (needed by the age-restricted indicators)
    NamedColumn schooling{"schooling", {}};        ///< years of schooling -> mean_schooling
    NamedColumn education{"education", {}};        ///< level or years for the thresholds (empty: schooling)
    NamedColumn labour_force{"labour_force", {}};  ///< 0/1 for persons of labour age
    NamedColumn earnings{"earnings", {}};          ///< finite for every row (0 without earnings)
    /// 1 = outside a facility, 0 = in one, NaN = not a relevant birth (women only are used).
    NamedColumn births_outside_facility{"births_outside_facility", {}};
    /// 1 = first live birth before 20, 0 = not, NaN = not a relevant woman (women only are used).
    NamedColumn first_birth_before_20{"first_birth_before_20", {}};
    /// Live births in the last 12 months of women aged 15-19 (other rows are not read).
    NamedColumn adolescent_births{"adolescent_births", {}};
};

struct IndexInputOptions {
    code32 regions = 0;         ///< number of regions; 0: largest code + 1
    double schooling_age = 25;  ///< mean_schooling and the education shares: age >= this
    double labour_age = 15;     ///< labour_force_participation: age >= this
    /// education >= threshold counts as "at least some secondary" / "upper
    /// secondary or higher"; NaN: the indicator is not built. With years of
    /// schooling in a 6-3-3 system (Indonesia) these are 7 and 12.
    double secondary_threshold = std::numeric_limits<double>::quiet_NaN();
    double upper_secondary_threshold = std::numeric_limits<double>::quiet_NaN();
    double adolescent_age_min = 15, adolescent_age_max = 19;  ///< inclusive
    bool linearization = true;         ///< keep per-(PSU, domain) sums (linearisation, internal bootstrap)
    bool replicates = true;            ///< sum under the design's replicate weights, when it has them
    const CellIndex* cells = nullptr;  ///< a cell index over (PSU, region x sex) built once; null: built here
};

/// Names of the derived variables in the accumulator.
namespace input_variable {
inline constexpr std::string_view schooling_universe = "schooling_universe";
inline constexpr std::string_view schooling_years = "schooling_years";
inline constexpr std::string_view secondary = "secondary";
inline constexpr std::string_view upper_secondary = "upper_secondary";
inline constexpr std::string_view labour_universe = "labour_universe";
inline constexpr std::string_view labour_force = "labour_force";
inline constexpr std::string_view earnings = "earnings";
inline constexpr std::string_view births_universe = "births_universe";
inline constexpr std::string_view births_outside_facility = "births_outside_facility";
inline constexpr std::string_view first_birth_universe = "first_birth_universe";
inline constexpr std::string_view first_birth_before_20 = "first_birth_before_20";
inline constexpr std::string_view adolescent_women = "adolescent_women";
inline constexpr std::string_view adolescent_births = "adolescent_births";
}  // namespace input_variable

/// Domain code of region r and sex s (0 female, 1 male) in index-input accumulators.
[[nodiscard]] constexpr code32 region_sex_domain(code32 region, std::uint8_t sex) noexcept { return region * 2 + sex; }

/// Reports progress of long steps (replicates done of total); may be empty.
using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

namespace detail {

enum class Derived : std::uint8_t {
    schooling_universe,
    schooling_years,
    secondary,
    upper_secondary,
    labour_universe,
    labour_force,
    earnings,
    births_universe,
    births_outside,
    first_birth_universe,
    first_birth_before_20,
    adolescent_women,
    adolescent_births,
};

inline std::string_view derived_name(Derived v) {
    namespace iv = input_variable;
    switch (v) {
        case Derived::schooling_universe: return iv::schooling_universe;
        case Derived::schooling_years: return iv::schooling_years;
        case Derived::secondary: return iv::secondary;
        case Derived::upper_secondary: return iv::upper_secondary;
        case Derived::labour_universe: return iv::labour_universe;
        case Derived::labour_force: return iv::labour_force;
        case Derived::earnings: return iv::earnings;
        case Derived::births_universe: return iv::births_universe;
        case Derived::births_outside: return iv::births_outside_facility;
        case Derived::first_birth_universe: return iv::first_birth_universe;
        case Derived::first_birth_before_20: return iv::first_birth_before_20;
        case Derived::adolescent_women: return iv::adolescent_women;
        case Derived::adolescent_births: return iv::adolescent_births;
    }
    return "";
}

/// Finite without a library call, so the fill loops vectorise.
inline bool finite(double x) { return x - x == 0.0; }

/// The columns and cut-offs the fill loops read, resolved once.
struct DeriveContext {
    const PersonColumns* c;
    const IndexInputOptions* o;
    const double* education;  // education, else schooling
    std::string_view education_name;
};

/// Throws a value_error naming the first invalid row of a derived variable in [b0, b0 + m), if any.
inline void check_derived(Derived v, const DeriveContext& x, std::size_t b0, std::size_t m) {
    const PersonColumns& c = *x.c;
    const IndexInputOptions& o = *x.o;
    for (std::size_t i = b0; i < b0 + m; ++i) {
        const double age = c.age.given() ? c.age.values[i] : 0.0;
        switch (v) {
            case Derived::schooling_years:
                if (age >= o.schooling_age && !finite(c.schooling.values[i]))
                    throw value_error(row_column(i, c.schooling.name) + ": years of schooling " +
                                      number(c.schooling.values[i]) + " of a person aged " + number(age) +
                                      " is not a finite number (persons aged " + number(o.schooling_age) +
                                      "+ need a value)");
                break;
            case Derived::secondary:
            case Derived::upper_secondary:
                if (age >= o.schooling_age && !finite(x.education[i]))
                    throw value_error(row_column(i, x.education_name) + ": education " + number(x.education[i]) +
                                      " of a person aged " + number(age) + " is not a finite number (persons aged " +
                                      number(o.schooling_age) + "+ need a value)");
                break;
            case Derived::labour_force: {
                const double lf = c.labour_force.values[i];
                if (age >= o.labour_age && lf != 0.0 && lf != 1.0)
                    throw value_error(row_column(i, c.labour_force.name) + ": labour-force status must be 0 or 1 for " +
                                      "persons aged " + number(o.labour_age) + "+, got " + number(lf));
                break;
            }
            case Derived::earnings:
                if (!finite(c.earnings.values[i]))
                    throw value_error(row_column(i, c.earnings.name) + ": earnings " + number(c.earnings.values[i]) +
                                      " is not a finite number (use 0 for persons without earnings)");
                break;
            case Derived::births_outside: {
                const double b = c.births_outside_facility.values[i];
                if (c.sex[i] == 0 && finite(b) && b != 0.0 && b != 1.0)
                    throw value_error(row_column(i, c.births_outside_facility.name) +
                                      ": must be 1 (outside a facility), 0 (in one) or missing (not a relevant "
                                      "birth), got " +
                                      number(b));
                if (c.sex[i] == 0 && !finite(b) && !std::isnan(b))
                    throw value_error(row_column(i, c.births_outside_facility.name) + ": " + number(b) +
                                      " is not 0, 1 or missing");
                break;
            }
            case Derived::first_birth_before_20: {
                const double b = c.first_birth_before_20.values[i];
                if (c.sex[i] == 0 && finite(b) && b != 0.0 && b != 1.0)
                    throw value_error(row_column(i, c.first_birth_before_20.name) +
                                      ": must be 1 (first birth before 20), 0 (not) or missing (not a relevant "
                                      "woman), got " +
                                      number(b));
                if (c.sex[i] == 0 && !finite(b) && !std::isnan(b))
                    throw value_error(row_column(i, c.first_birth_before_20.name) + ": " + number(b) +
                                      " is not 0, 1 or missing");
                break;
            }
            case Derived::adolescent_births: {
                const double b = c.adolescent_births.values[i];
                if (c.sex[i] == 0 && age >= o.adolescent_age_min && age <= o.adolescent_age_max &&
                    !(finite(b) && b >= 0.0))
                    throw value_error(row_column(i, c.adolescent_births.name) + ": births " + number(b) +
                                      " of a woman aged " + number(age) + " must be a finite number >= 0");
                break;
            }
            default: break;
        }
    }
}

/// Rows per chunk of the pass: the derived variables of a chunk stay in L1/L2.
inline constexpr std::size_t chunk_rows = 2048;

/// Per-chunk 1/0 masks several derived variables share.
struct ChunkMasks {
    alignas(64) double female[chunk_rows];
    alignas(64) double schooling[chunk_rows];   // age >= schooling_age
    alignas(64) double labour[chunk_rows];      // age >= labour_age
    alignas(64) double adolescent[chunk_rows];  // female and adolescent_age_min <= age <= adolescent_age_max
};

GENDEX_KERNEL_MATH GENDEX_BATCH_CLONES inline void fill_masks(const DeriveContext& x, std::size_t b0, std::size_t m,
                                                              ChunkMasks& k) noexcept {
    const std::uint8_t* sex = x.c->sex.data() + b0;
    for (std::size_t i = 0; i < m; ++i) k.female[i] = sex[i] == 0 ? 1.0 : 0.0;
    if (!x.c->age.given()) return;
    const double* age = x.c->age.values.data() + b0;
    const double sa = x.o->schooling_age, la = x.o->labour_age;
    const double lo = x.o->adolescent_age_min, hi = x.o->adolescent_age_max;
    for (std::size_t i = 0; i < m; ++i) {
        const double a = age[i], missing = a - a;  // 0, or NaN for a missing age: it reaches the sums
        k.schooling[i] = (a >= sa ? 1.0 : 0.0) + missing;
        k.labour[i] = (a >= la ? 1.0 : 0.0) + missing;
        k.adolescent[i] = ((k.female[i] != 0.0) & (a >= lo) & (a <= hi) ? 1.0 : 0.0) + missing;
    }
}

/// One derived variable for rows [b0, b0 + m) into out[0..m). An invalid
/// value inside a population (missing, infinite, or finite but not allowed,
/// such as a labour-force status of 2) becomes NaN or infinite in out, so it
/// reaches the sums, which the pass checks once at the end (check_derived then
/// names the row). Branch-free: every loop vectorises.
GENDEX_KERNEL_MATH GENDEX_BATCH_CLONES inline void fill_derived(Derived v, const DeriveContext& x, const ChunkMasks& mk,
                                                                std::size_t b0, std::size_t m, double* out) noexcept {
    const PersonColumns& c = *x.c;
    const IndexInputOptions& o = *x.o;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    switch (v) {
        case Derived::schooling_universe: std::copy(mk.schooling, mk.schooling + m, out); break;
        case Derived::schooling_years: {
            const double* y = c.schooling.values.data() + b0;
            for (std::size_t k = 0; k < m; ++k) {
                const double yk = y[k];  // loaded unconditionally: the select vectorises
                out[k] = mk.schooling[k] != 0.0 ? yk : 0.0;
            }
            break;
        }
        case Derived::secondary:
        case Derived::upper_secondary: {
            const double* e = x.education + b0;
            const double t = v == Derived::secondary ? o.secondary_threshold : o.upper_secondary_threshold;
            for (std::size_t k = 0; k < m; ++k) {
                const double ek = e[k];
                const double ev = mk.schooling[k] != 0.0 ? ek : 0.0;
                const double hit = (mk.schooling[k] != 0.0) & (ev >= t) ? 1.0 : 0.0;
                out[k] = hit + (ev - ev);  // ev - ev: 0 when finite, NaN otherwise
            }
            break;
        }
        case Derived::labour_universe: std::copy(mk.labour, mk.labour + m, out); break;
        case Derived::labour_force: {
            const double* y = c.labour_force.values.data() + b0;
            for (std::size_t k = 0; k < m; ++k) {
                const double yk = y[k];
                const double v = mk.labour[k] != 0.0 ? yk : 0.0;
                out[k] = v + (v * v == v ? 0.0 : nan);  // 0 and 1 only
            }
            break;
        }
        case Derived::earnings: std::copy(c.earnings.values.data() + b0, c.earnings.values.data() + b0 + m, out); break;
        case Derived::births_universe:
        case Derived::first_birth_universe: {
            const double* y =
                (v == Derived::births_universe ? c.births_outside_facility : c.first_birth_before_20).values.data() +
                b0;
            for (std::size_t k = 0; k < m; ++k) {
                const double yk = y[k];
                out[k] = (mk.female[k] != 0.0) & (yk == yk) ? 1.0 : 0.0;
            }
            break;
        }
        case Derived::births_outside:
        case Derived::first_birth_before_20: {
            const double* y =
                (v == Derived::births_outside ? c.births_outside_facility : c.first_birth_before_20).values.data() + b0;
            for (std::size_t k = 0; k < m; ++k) {
                const double yk = y[k];  // women with a value; 0 and 1 only (infinity stays infinite)
                const double v = (mk.female[k] != 0.0) & (yk == yk) ? yk : 0.0;
                out[k] = v + (v * v == v ? 0.0 : nan);
            }
            break;
        }
        case Derived::adolescent_women: std::copy(mk.adolescent, mk.adolescent + m, out); break;
        case Derived::adolescent_births: {
            const double* y = c.adolescent_births.values.data() + b0;
            for (std::size_t k = 0; k < m; ++k) {
                const double yk = y[k];
                const double v = mk.adolescent[k] != 0.0 ? yk : 0.0;
                out[k] = v + (v >= 0.0 ? 0.0 : nan);
            }
            break;
        }
    }
}

/// Region x sex codes of rows [b0, b0 + m) into out; false when a code is out of range.
GENDEX_KERNEL_MATH GENDEX_BATCH_CLONES inline bool domain_codes(const PersonColumns& c, code32 regions, std::size_t b0,
                                                                std::size_t m, code32* out) noexcept {
    const code32* region = c.region.data() + b0;
    const std::uint8_t* sex = c.sex.data() + b0;
    code32 bad = 0;
    for (std::size_t i = 0; i < m; ++i) {
        const code32 r = region[i], s = sex[i];
        out[i] = region_sex_domain(r, static_cast<std::uint8_t>(s));
        bad |= static_cast<code32>(r >= regions) | static_cast<code32>(s > 1);
    }
    return bad == 0;
}

[[noreturn]] inline void throw_domain_code(const PersonColumns& c, code32 regions) {
    for (std::size_t i = 0; i < c.region.size(); ++i) {
        if (c.region[i] >= regions)
            throw value_error(row_column(i, c.region_name) + ": region code " + std::to_string(c.region[i]) +
                              " is not below the region count " + std::to_string(regions));
        if (c.sex[i] > 1)
            throw value_error(row_column(i, c.sex_name) + ": sex code " + std::to_string(c.sex[i]) +
                              " is neither 0 (female) nor 1 (male)");
    }
    throw value_error("invalid region or sex code");
}

/// The next chunk's input columns, prefetched into L2 while this chunk sums:
/// the chunked fill reads one column at a time, which the hardware
/// prefetchers alone stream at half the memory throughput.
struct Lookahead {
    std::array<const double*, 10> columns{};
    std::size_t count = 0;
    const code32* region = nullptr;
    const std::uint8_t* sex = nullptr;
    std::size_t rows = 0;  // rows of the next chunk

    GENDEX_BLOCK_INLINE void fetch(std::size_t i) const noexcept {
#if defined(__GNUC__)
        if (i >= rows) return;
        if (i % 8 == 0)
            for (std::size_t c = 0; c < count; ++c) __builtin_prefetch(columns[c] + i, 0, 2);
        if (i % 16 == 0) __builtin_prefetch(region + i, 0, 2);
        if (i % 64 == 0) __builtin_prefetch(sex + i, 0, 2);
#else
        (void)i;
#endif
    }
};

/// Row sums into blocks of `bstride` doubles (sum w, sum w * v_j, rows),
/// 64-byte aligned so that a block of up to 16 doubles spans at most two
/// cache lines; both are prefetched `ahead` rows early, across chunks.
template <int K>
GENDEX_BLOCK_INLINE inline void sum_block_rows(std::size_t m, const code32* target, std::size_t visible,
                                               const double* w, const double* vars, std::size_t chunk, std::size_t k,
                                               double* blocks, std::size_t bstride, bool prefetch,
                                               const Lookahead& next) noexcept {
    const std::size_t nvar = K > 0 ? static_cast<std::size_t>(K) : k;
    constexpr std::size_t ahead = 64;  // ~128 lines in flight: 20 rows left the scatter into cells latency-bound
    for (std::size_t i = 0; i < m; ++i) {
#if defined(__GNUC__)
        if (prefetch && i + ahead < visible) {
            const double* p = blocks + static_cast<std::size_t>(target[i + ahead]) * bstride;
            __builtin_prefetch(p, 1);
            __builtin_prefetch(p + 8, 1);
        }
#endif
        next.fetch(i);
        double* s = blocks + static_cast<std::size_t>(target[i]) * bstride;
        const double wi = w[i];
        s[0] += wi;
        for (std::size_t j = 0; j < nvar; ++j) s[j + 1] += wi * vars[j * chunk + i];
        s[nvar + 1] += 1.0;
    }
}

GENDEX_KERNEL_MATH GENDEX_BATCH_CLONES inline void sum_blocks(std::size_t k, std::size_t m, const code32* target,
                                                              std::size_t visible, const double* w, const double* vars,
                                                              std::size_t chunk, double* blocks, std::size_t bstride,
                                                              bool prefetch, const Lookahead& next) noexcept {
    // A case per block width, written as a table.
    // clang-format off
    switch (k) {
#define GENDEX_MICRO_SUM_CASE(K) \
    case K: sum_block_rows<K>(m, target, visible, w, vars, chunk, k, blocks, bstride, prefetch, next); break;
        GENDEX_MICRO_SUM_CASE(1) GENDEX_MICRO_SUM_CASE(2) GENDEX_MICRO_SUM_CASE(3) GENDEX_MICRO_SUM_CASE(4)
        GENDEX_MICRO_SUM_CASE(5) GENDEX_MICRO_SUM_CASE(6) GENDEX_MICRO_SUM_CASE(7) GENDEX_MICRO_SUM_CASE(8)
        GENDEX_MICRO_SUM_CASE(9) GENDEX_MICRO_SUM_CASE(10) GENDEX_MICRO_SUM_CASE(11) GENDEX_MICRO_SUM_CASE(12)
        GENDEX_MICRO_SUM_CASE(13)
#undef GENDEX_MICRO_SUM_CASE
        default: sum_block_rows<0>(m, target, visible, w, vars, chunk, k, blocks, bstride, prefetch, next); break;
        // clang-format on
    }
}

/// A zeroed, 64-byte-aligned array of doubles.
class AlignedDoubles {
public:
    explicit AlignedDoubles(std::size_t n) : raw_(n + 8, 0.0) {
        const auto at = reinterpret_cast<std::uintptr_t>(raw_.data());
        offset_ = ((64 - at % 64) % 64) / sizeof(double);
    }
    [[nodiscard]] double* data() noexcept { return raw_.data() + offset_; }
    void release() { raw_ = {}; }

private:
    std::vector<double> raw_;
    std::size_t offset_ = 0;
};

}  // namespace detail

// ----------------------------------------------------------------- the pass

/// One pass over the rows: the derived variables of every indicator whose
/// columns are given, summed per region x sex domain (code region * 2 + sex),
/// per (PSU, domain) cell and per supplied replicate. value_error naming the
/// row and column for a missing or invalid value.
[[nodiscard]] inline Accumulator accumulate_index_inputs(const Design& design, const PersonColumns& c,
                                                         const IndexInputOptions& o = {}) {
    using detail::Derived;
    const std::size_t n = design.rows();
    auto check_length = [&](std::size_t size, const std::string& name) {
        if (size != n)
            throw value_error("column '" + name + "' has " + std::to_string(size) + " rows, the design " +
                              std::to_string(n));
    };
    check_length(c.region.size(), c.region_name);
    check_length(c.sex.size(), c.sex_name);
    for (const NamedColumn* col : {&c.age, &c.schooling, &c.education, &c.labour_force, &c.earnings,
                                   &c.births_outside_facility, &c.first_birth_before_20, &c.adolescent_births})
        if (col->given()) check_length(col->values.size(), col->name);
    code32 regions = o.regions;
    if (regions == 0)
        for (code32 r : c.region) regions = std::max(regions, r == no_code ? r : r + 1);
    if (regions == 0) regions = 1;
    if (regions > (no_code - 1) / 2) throw value_error("too many regions for 32-bit region x sex codes");
    // The derived variables of the indicators whose columns are given.
    std::vector<Derived> vars;
    auto add = [&](Derived v) {
        if (std::find(vars.begin(), vars.end(), v) == vars.end()) vars.push_back(v);
    };
    const bool want_secondary = !std::isnan(o.secondary_threshold);
    const bool want_upper = !std::isnan(o.upper_secondary_threshold);
    for (double t : {o.secondary_threshold, o.upper_secondary_threshold})
        if (std::isinf(t)) throw value_error("education thresholds must be finite numbers (or NaN: not built)");
    if (c.education.given() && !want_secondary && !want_upper)
        throw value_error("column '" + c.education.name +
                          "' is given but neither secondary_threshold nor upper_secondary_threshold");
    if ((want_secondary || want_upper) && !c.education.given() && !c.schooling.given())
        throw value_error(
            "the secondary-education shares need an education column or a schooling column "
            "(education >= threshold)");
    if (c.schooling.given()) add(Derived::schooling_universe), add(Derived::schooling_years);
    if (want_secondary) add(Derived::schooling_universe), add(Derived::secondary);
    if (want_upper) add(Derived::schooling_universe), add(Derived::upper_secondary);
    if (c.labour_force.given()) add(Derived::labour_universe), add(Derived::labour_force);
    if (c.earnings.given()) add(Derived::earnings);
    if (c.births_outside_facility.given()) add(Derived::births_universe), add(Derived::births_outside);
    if (c.first_birth_before_20.given()) add(Derived::first_birth_universe), add(Derived::first_birth_before_20);
    if (c.adolescent_births.given()) add(Derived::adolescent_women), add(Derived::adolescent_births);
    std::sort(vars.begin(), vars.end());  // the kernels' (and the accumulator's) order
    const bool needs_age =
        c.schooling.given() || want_secondary || want_upper || c.labour_force.given() || c.adolescent_births.given();
    if (needs_age && !c.age.given())
        throw value_error(
            "an age column is needed for mean_schooling, the education shares, labour-force "
            "participation and the adolescent birth rate");
    for (double a : {o.schooling_age, o.labour_age, o.adolescent_age_min, o.adolescent_age_max})
        if (!std::isfinite(a)) throw value_error("age limits must be finite numbers");
    detail::DeriveContext ctx{&c, &o, c.education.given() ? c.education.values.data() : c.schooling.values.data(),
                              c.education.given() ? c.education.name : c.schooling.name};

    AccumulatorParts p;
    for (Derived v : vars) p.variables.emplace_back(detail::derived_name(v));
    const std::size_t k = vars.size(), stride = k + 1;
    const std::size_t bstride = k + 2 <= 8 ? 8 : (k + 2 + 7) / 8 * 8;  // whole cache lines per block
    const code32 nd = regions * 2;
    p.domains = nd;
    p.lonely_psu = design.options().lonely_psu;

    // Cells: a given index, or one built from region x sex codes made chunk by chunk.
    std::optional<CellIndex> built;
    const CellIndex* index = nullptr;
    if (o.linearization) {
        index = o.cells;
        if (index == nullptr)
            index = &built.emplace(design, nd, [&](std::size_t b0, std::size_t m, code32* scratch) {
                if (!detail::domain_codes(c, regions, b0, m, scratch)) detail::throw_domain_code(c, regions);
                return static_cast<const code32*>(scratch);
            });
        if (index->rows() != n || index->domain_count() != nd || index->psu_count() != design.psu_count())
            throw value_error("the cell index was built for another design or another region x sex coding");
    }
    const std::size_t targets = index != nullptr ? index->size() : nd;
    detail::AlignedDoubles blocks(targets * bstride);

    const bool with_replicates = o.replicates && design.has_replicates();
    const std::uint32_t reps = with_replicates ? static_cast<std::uint32_t>(design.replicate_weights().count()) : 0;
    if (with_replicates) {
        p.replicates = reps;
        p.replicate_spec = design.replicate_spec();
        p.replicate_sums.assign(static_cast<std::size_t>(nd) * reps * stride, 0.0);
    }

    constexpr std::size_t chunk = detail::chunk_rows;
    std::vector<double> buffer(std::max<std::size_t>(k, 1) * chunk);
    const auto masks = std::make_unique<detail::ChunkMasks>();
    std::vector<code32> domain(chunk), target(chunk);
    const double* w = design.weights().data();
    const bool identity = index != nullptr && index->identity();
    for (std::size_t b0 = 0; b0 < n; b0 += chunk) {
        const std::size_t m = std::min(chunk, n - b0);
        detail::fill_masks(ctx, b0, m, *masks);
        for (std::size_t j = 0; j < k; ++j)
            detail::fill_derived(vars[j], ctx, *masks, b0, m, buffer.data() + j * chunk);
        if (!detail::domain_codes(c, regions, b0, m, domain.data())) detail::throw_domain_code(c, regions);
        const code32* tg = domain.data();
        std::size_t visible = m;  // rows whose targets can be prefetched (beyond the chunk for a cell index)
        if (index != nullptr) {
            if (identity) {
                for (std::size_t t = 0; t < m; ++t) target[t] = static_cast<code32>(b0 + t);
                tg = target.data();
            } else {
                tg = index->row_cells().data() + b0;
                visible = n - b0;
            }
        }
        detail::Lookahead next;
        if (b0 + m < n) {
            const std::size_t b1 = b0 + m;
            next.rows = std::min(chunk, n - b1);
            next.region = c.region.data() + b1;
            next.sex = c.sex.data() + b1;
            next.columns[next.count++] = w + b1;
            for (const NamedColumn* col : {&c.age, &c.schooling, &c.education, &c.labour_force, &c.earnings,
                                           &c.births_outside_facility, &c.first_birth_before_20, &c.adolescent_births})
                if (col->given()) next.columns[next.count++] = col->values.data() + b1;
        }
        detail::sum_blocks(k, m, tg, visible, w + b0, buffer.data(), chunk, blocks.data(), bstride, index != nullptr,
                           next);
        if (with_replicates) {
            const auto& rw = design.replicate_weights();
            const bool combined = p.replicate_spec.combined_weights;
            const std::ptrdiff_t rs = rw.row_stride();
            for (std::uint32_t r = 0; r < reps; ++r) {
                const double* col = rw.column(r);
                for (std::size_t t = 0; t < m; ++t) {
                    const std::size_t i = b0 + t;
                    double wi = col[static_cast<std::ptrdiff_t>(i) * rs];
                    if (!combined) wi *= w[i];
                    double* s = p.replicate_sums.data() + (static_cast<std::size_t>(domain[t]) * reps + r) * stride;
                    s[0] += wi;
                    for (std::size_t j = 0; j < k; ++j) s[j + 1] += wi * buffer[j * chunk + t];
                }
            }
        }
    }

    p.domain_rows.assign(nd, 0);
    p.domain_sums.assign(static_cast<std::size_t>(nd) * stride, 0.0);
    if (index != nullptr) {
        p.has_cells = true;
        p.psu_stratum.resize(design.psu_count());
        for (code32 q = 0; q < design.psu_count(); ++q) p.psu_stratum[q] = design.stratum_of_psu(q);
        const auto order = index->sorted();
        p.cell_psu.resize(targets), p.cell_domain.resize(targets), p.cell_rows.resize(targets);
        p.cell_sums.resize(targets * stride);
        constexpr std::size_t ahead = 32;  // slots are in order of first sight: their blocks are read at random
        for (std::size_t t = 0; t < targets; ++t) {
#if defined(__GNUC__)
            if (!order.empty() && t + ahead < targets) {
                const double* q = blocks.data() + static_cast<std::size_t>(order[t + ahead]) * bstride;
                __builtin_prefetch(q), __builtin_prefetch(q + 8);
            }
#endif
            const code32 slot = order.empty() ? static_cast<code32>(t) : order[t];
            const double* b = blocks.data() + static_cast<std::size_t>(slot) * bstride;
            std::copy(b, b + stride, p.cell_sums.data() + t * stride);
            p.cell_rows[t] = static_cast<std::uint64_t>(b[k + 1]);
            p.cell_psu[t] = index->cell_psu()[slot];
            p.cell_domain[t] = index->cell_domain()[slot];
        }
        blocks.release();
        for (std::size_t t = 0; t < targets; ++t) {
            const code32 d = p.cell_domain[t];
            p.domain_rows[d] += p.cell_rows[t];
            for (std::size_t j = 0; j < stride; ++j) p.domain_sums[d * stride + j] += p.cell_sums[t * stride + j];
        }
    } else {
        for (std::size_t d = 0; d < nd; ++d) {
            std::copy(blocks.data() + d * bstride, blocks.data() + d * bstride + stride,
                      p.domain_sums.data() + d * stride);
            p.domain_rows[d] = static_cast<std::uint64_t>(blocks.data()[d * bstride + k + 1]);
        }
    }
    if (!detail::all_finite(p.domain_sums) || !detail::all_finite(p.replicate_sums)) {
        // A missing or infinite value inside a population reached the sums: name it.
        if (needs_age)
            for (std::size_t i = 0; i < n; ++i)
                if (!detail::finite(c.age.values[i]))
                    throw value_error(detail::row_column(i, c.age.name) + ": age " + detail::number(c.age.values[i]) +
                                      " is not a finite number");
        for (Derived v : vars) detail::check_derived(v, ctx, 0, n);
        throw value_error("weighted sums overflowed the range of double (values or weights too large)");
    }
    return Accumulator::from_parts(std::move(p));
}

// ----------------------------------------------------------------- indicators

/// How an indicator is computed from the domain sums.
enum class InputKind : std::uint8_t {
    ratio,         ///< scale * sum(w y) / sum(w x) within the domain
    population,    ///< sum(w) of the domain
    female_share,  ///< scale * sum_F(w y) / (sum_F(w y) + sum_M(w y)) within the region; male: scale - female
};

struct InputIndicator {
    std::string_view id;  ///< data-contract id
    InputKind kind;
    std::string_view numerator, denominator;  ///< derived variables
    double scale;
    bool female_only;
};

/// The standard index inputs in output order.
inline constexpr std::array<InputIndicator, 9> input_indicators{{
    {"mean_schooling", InputKind::ratio, input_variable::schooling_years, input_variable::schooling_universe, 1.0,
     false},
    {"secondary_education", InputKind::ratio, input_variable::secondary, input_variable::schooling_universe, 100.0,
     false},
    {"upper_secondary_education", InputKind::ratio, input_variable::upper_secondary, input_variable::schooling_universe,
     100.0, false},
    {"labour_force_participation", InputKind::ratio, input_variable::labour_force, input_variable::labour_universe,
     100.0, false},
    {"population", InputKind::population, "", "", 1.0, false},
    {"income_share", InputKind::female_share, input_variable::earnings, "", 100.0, false},
    {"births_outside_facility", InputKind::ratio, input_variable::births_outside_facility,
     input_variable::births_universe, 100.0, true},
    {"first_birth_before_20", InputKind::ratio, input_variable::first_birth_before_20,
     input_variable::first_birth_universe, 100.0, true},
    {"adolescent_birth_rate", InputKind::ratio, input_variable::adolescent_births, input_variable::adolescent_women,
     1000.0, true},
}};

/// The input indicator of a data-contract id; key_error when it is not one.
[[nodiscard]] inline const InputIndicator& input_indicator(std::string_view id) {
    for (const auto& ind : input_indicators)
        if (ind.id == id) return ind;
    std::string known;
    for (const auto& ind : input_indicators) known += (known.empty() ? "" : ", ") + std::string(ind.id);
    throw key_error("'" + std::string(id) + "' is not a survey index input (known: " + known + ")");
}

/// Whether the accumulator holds the variables of an indicator.
[[nodiscard]] inline bool has_input(const Accumulator& acc, const InputIndicator& ind) {
    auto has = [&](std::string_view v) {
        return v.empty() || std::find(acc.variables().begin(), acc.variables().end(), v) != acc.variables().end();
    };
    return has(ind.numerator) && has(ind.denominator);
}

/// Sum slots of an indicator in an accumulator.
struct InputSlots {
    std::size_t num = 0, den = 0;
};

[[nodiscard]] inline InputSlots input_slots(const Accumulator& acc, const InputIndicator& ind) {
    InputSlots s;
    if (!ind.numerator.empty()) s.num = acc.slot(ind.numerator);
    if (!ind.denominator.empty()) s.den = acc.slot(ind.denominator);
    return s;
}

/// The value of an indicator in domain d from per-domain sums `at(domain)`
/// (stride K + 1). NaN when undefined (zero denominator); `infinite` is set
/// when a ratio's denominator is 0 but its numerator is not.
template <class At>
[[nodiscard]] inline double input_value(const InputIndicator& ind, InputSlots s, code32 d, At&& at, bool& infinite) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    switch (ind.kind) {
        case InputKind::ratio: {
            const double* x = at(d);
            if (x[s.den] == 0.0) {
                infinite |= x[s.num] != 0.0;
                return nan;
            }
            return ind.scale * (x[s.num] / x[s.den]);
        }
        case InputKind::population: return at(d)[0];
        case InputKind::female_share: {
            const code32 f = d & ~code32{1};
            const double ef = at(f)[s.num], em = at(f + 1)[s.num], total = ef + em;
            if (total == 0.0) return nan;
            const double female = ind.scale * (ef / total);
            return (d & 1) == 0 ? female : ind.scale - female;
        }
    }
    return nan;
}

/// One indicator's estimates per region x sex domain.
struct InputEstimate {
    std::string indicator;
    bool female_only = false;
    std::vector<double> estimate;                   ///< [domain]; NaN without an estimate
    std::vector<double> se;                         ///< [domain]; empty for Variance::none
    std::vector<EstimateStatus> status;             ///< male domains of female-only indicators: no_rows
    std::vector<std::uint32_t> replicates_dropped;  ///< replicate methods only
};

struct IndexInputEstimates {
    code32 regions = 0;
    Variance variance = Variance::none;
    std::uint32_t replicates_used = 0;
    std::vector<InputEstimate> indicators;  ///< those the accumulator has variables for, in input_indicators order

    [[nodiscard]] const InputEstimate* find(std::string_view id) const {
        for (const auto& e : indicators)
            if (e.indicator == id) return &e;
        return nullptr;
    }
};

// ----------------------------------------------------------------- replicate sums

/// Per-domain sums under every replicate, and the variance formula that goes with them.
struct ReplicateSums {
    Variance variance = Variance::none;  ///< replicates or bootstrap
    std::uint32_t count = 0;
    double scale = 0;
    std::vector<double> rscales;
    bool mse = false;
    std::uint64_t seed = 0;  ///< bootstrap only
    ReplicateSpec spec;      ///< supplied replicates only
    /// [domain][replicate][K + 1]; for supplied replicates a view of the
    /// accumulator's own sums (the accumulator must outlive this).
    std::shared_ptr<const std::vector<double>> sums;
    std::size_t stride = 0;

    [[nodiscard]] const double* at(code32 domain, std::uint32_t r) const {
        return sums->data() + (static_cast<std::size_t>(domain) * count + r) * stride;
    }
};

/// The replicate sums an estimator with options `o` uses: the accumulator's
/// supplied replicates, or the internal Rao-Wu bootstrap (the same replicates
/// and the same cache as the estimators in estimate.hpp), reporting progress.
[[nodiscard]] inline ReplicateSums replicate_sums(const Accumulator& acc, const EstimateOptions& o,
                                                  const Progress& progress = {}) {
    const AccumulatorParts& p = acc.parts();
    ReplicateSums out;
    out.variance = o.variance;
    out.stride = p.stride();
    if (o.variance == Variance::replicates) {
        if (p.replicates == 0)
            throw value_error(
                "replicate standard errors need replicate weights: attach them to the design "
                "(Design::with_replicates) and accumulate with replicates = true");
        out.count = p.replicates;
        out.scale = p.replicate_spec.resolved_scale(out.count);
        out.rscales = p.replicate_spec.resolved_rscales(out.count);
        out.mse = p.replicate_spec.mse;
        out.spec = p.replicate_spec;
        out.sums = std::shared_ptr<const std::vector<double>>(std::shared_ptr<void>{}, &p.replicate_sums);
        if (progress) progress(out.count, out.count);
        return out;
    }
    if (o.variance != Variance::bootstrap)
        throw value_error("replicate sums need variance = replicates or bootstrap, got " +
                          std::string(to_string(o.variance)));
    if (!p.has_cells)
        throw value_error("the internal bootstrap needs per-PSU sums: accumulate with linearization = true");
    if (o.bootstrap.replicates < 2) throw value_error("the bootstrap needs at least 2 replicates");
    const std::uint32_t reps = o.bootstrap.replicates;
    const LonelyPsu lonely = o.lonely_psu.value_or(p.lonely_psu);
    out.count = reps;
    out.scale = 1.0 / (reps - 1.0);
    out.rscales.assign(reps, 1.0);
    out.mse = o.bootstrap.mse;
    out.seed = o.bootstrap.seed;
    auto& cache = acc.cache();
    {
        std::lock_guard lock(cache.mutex);
        if (cache.bootstrap_sums && cache.bootstrap_seed == out.seed && cache.bootstrap_replicates == reps &&
            cache.bootstrap_lonely == lonely) {
            out.sums = cache.bootstrap_sums;
            if (progress) progress(reps, reps);
            return out;
        }
    }
    // As bootstrap_sums (variance.hpp), with progress after each replicate.
    const std::uint32_t step = std::max<std::uint32_t>(1, reps / 100);
    std::shared_ptr<std::vector<double>> sums = rao_wu_sums(p, reps, out.seed, lonely, [&](std::uint32_t done) {
        if (progress && (done % step == 0 || done == reps)) progress(done, reps);
    });
    std::shared_ptr<const std::vector<double>> done = std::move(sums);
    {
        std::lock_guard lock(cache.mutex);
        cache.bootstrap_seed = out.seed, cache.bootstrap_replicates = reps, cache.bootstrap_lonely = lonely;
        cache.bootstrap_sums = done;
    }
    out.sums = std::move(done);
    return out;
}

// ----------------------------------------------------------------- grouped linearisation

/// Linearised variances of estimates whose score spans several domains: the
/// score of a (PSU, domain) cell c is z_c = sum_j coef[d_c * (K + 1) + j] *
/// cell_sums[c][j], and estimate g sums the scores of the domains d with
/// group_of_domain[d] == g (no_code: none). The PSU totals z_hj add the cells
/// of a PSU; otherwise the formula, the lonely-PSU rules and the gaps are those
/// of linearized_variances (variance.hpp), which this reproduces when every
/// group is one domain. `lonely_error(stratum code, PSU code, group)` must throw.
template <class LonelyError>
void grouped_linearized_variances(const AccumulatorParts& p, std::span<const code32> group_of_domain, code32 groups,
                                  std::span<const double> coef, LonelyPsu lonely, std::vector<double>& variance,
                                  std::vector<LinearizationGap>& gap, LonelyError&& lonely_error) {
    const std::size_t stride = p.stride(), cells = p.cell_psu.size();
    if (group_of_domain.size() != p.domains || coef.size() != static_cast<std::size_t>(p.domains) * stride)
        throw value_error("grouped linearisation: group or coefficient arrays do not match the domains");
    const StrataLayout strata(p.psu_stratum);
    const std::size_t nh = strata.strata();
    // Cells by (group, stratum), PSU order kept within (cells are in (PSU, domain) order).
    std::vector<std::uint32_t> by_stratum(cells), start(nh + 1, 0);
    for (std::size_t c = 0; c < cells; ++c) ++start[strata.psu_stratum[p.cell_psu[c]] + 1];
    for (std::size_t h = 0; h < nh; ++h) start[h + 1] += start[h];
    for (std::size_t c = 0; c < cells; ++c)
        by_stratum[start[strata.psu_stratum[p.cell_psu[c]]]++] = static_cast<std::uint32_t>(c);
    std::vector<std::uint32_t> group_start(static_cast<std::size_t>(groups) + 1, 0);
    for (std::size_t c = 0; c < cells; ++c) {
        const code32 g = group_of_domain[p.cell_domain[c]];
        if (g != no_code) ++group_start[g + 1];
    }
    for (std::size_t g = 0; g < groups; ++g) group_start[g + 1] += group_start[g];
    std::vector<std::uint32_t> order(group_start.back()), next(group_start.begin(), group_start.end() - 1);
    for (std::uint32_t c : by_stratum) {
        const code32 g = group_of_domain[p.cell_domain[c]];
        if (g != no_code) order[next[g]++] = c;
    }

    variance.assign(groups, std::numeric_limits<double>::quiet_NaN());
    gap.assign(groups, LinearizationGap::none);
    std::vector<double> z;
    for (code32 g = 0; g < groups; ++g) {
        const std::uint32_t end = group_start[g + 1];
        double v = 0;
        std::uint32_t strata_touched = 0, strata_lonely = 0;
        for (std::uint32_t at = group_start[g]; at < end;) {
            const std::uint32_t h = strata.psu_stratum[p.cell_psu[order[at]]];
            z.clear();
            code32 last_psu = no_code;
            for (; at < end && strata.psu_stratum[p.cell_psu[order[at]]] == h; ++at) {
                const std::uint32_t c = order[at];
                if (p.cell_rows[c] == 0) continue;
                const double* s = p.cell_sums.data() + static_cast<std::size_t>(c) * stride;
                const double* a = coef.data() + static_cast<std::size_t>(p.cell_domain[c]) * stride;
                double score = 0;
                for (std::size_t j = 0; j < stride; ++j) score += a[j] * s[j];
                if (p.cell_psu[c] == last_psu)
                    z.back() += score;
                else
                    z.push_back(score);
                last_psu = p.cell_psu[c];
            }
            if (z.empty()) continue;
            ++strata_touched;
            const std::uint32_t count = strata.psus_in(h);
            if (count == 1) {
                switch (lonely) {
                    case LonelyPsu::fail: lonely_error(strata.stratum_code[h], last_psu, g); break;
                    case LonelyPsu::remove:
                    case LonelyPsu::certainty: break;
                    case LonelyPsu::adjust: v += z[0] * z[0]; break;
                    case LonelyPsu::average: ++strata_lonely; break;
                }
                continue;
            }
            double total = 0;
            for (double x : z) total += x;
            const double mean = total / count;
            double ss = static_cast<double>(count - z.size()) * mean * mean;
            for (double x : z) ss += (x - mean) * (x - mean);
            v += static_cast<double>(count) / static_cast<double>(count - 1) * ss;
        }
        if (strata_lonely > 0) {
            if (strata_lonely == strata_touched) {
                gap[g] = LinearizationGap::only_lonely_strata;
                continue;
            }
            v *= static_cast<double>(strata_touched) / static_cast<double>(strata_touched - strata_lonely);
        }
        variance[g] = v;
    }
}

// ----------------------------------------------------------------- estimates

namespace detail {

inline std::string region_sex_label(const EstimateOptions& o, code32 d) {
    if (o.domain_name) return o.domain_name(d);
    return "region " + std::to_string(d / 2) + ", " + (d % 2 == 0 ? "female" : "male");
}

}  // namespace detail

/// Estimates and standard errors of every index input the accumulator (from
/// accumulate_index_inputs) has variables for. `o.variance`: none,
/// linearization, replicates or bootstrap; `o.domain_name` names region x sex
/// codes in messages; `o.empty_domain` as for the estimators (a domain without
/// an estimate is an error, or marked in status with NaN numbers).
/// Percentages and their SEs are scaled alike (x 100; adolescent births x 1000).
[[nodiscard]] inline IndexInputEstimates estimate_index_inputs(const Accumulator& acc, const EstimateOptions& o = {},
                                                               const Progress& progress = {}) {
    const AccumulatorParts& p = acc.parts();
    if (p.domains % 2 != 0)
        throw value_error("an index-input accumulator has region x sex domains (an even count), this one has " +
                          std::to_string(p.domains));
    const code32 nd = p.domains, regions = nd / 2;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    IndexInputEstimates out;
    out.regions = regions;
    out.variance = o.variance;

    std::optional<ReplicateSums> reps;
    if (o.variance == Variance::replicates || o.variance == Variance::bootstrap) {
        reps.emplace(replicate_sums(acc, o, progress));
        out.replicates_used = reps->count;
    }
    const LonelyPsu lonely = o.lonely_psu.value_or(p.lonely_psu);
    auto full = [&](code32 d) { return p.domain_sums.data() + static_cast<std::size_t>(d) * p.stride(); };

    for (const InputIndicator& ind : input_indicators) {
        if (!has_input(acc, ind)) continue;
        const InputSlots slots = input_slots(acc, ind);
        InputEstimate e;
        e.indicator = ind.id;
        e.female_only = ind.female_only;
        e.estimate.assign(nd, nan);
        e.status.assign(nd, EstimateStatus::ok);
        std::vector<std::uint8_t> active(nd, 0);
        auto fail_or_mark = [&](code32 d, EstimateStatus s, const std::string& why) {
            if (o.empty_domain == EmptyDomain::error)
                throw value_error(std::string(ind.id) + ", " + detail::region_sex_label(o, d) + ": " + why +
                                  " (estimate with empty_domain = no_estimate to get an explicit 'no estimate')");
            e.status[d] = s;
        };
        for (code32 d = 0; d < nd; ++d) {
            if (ind.female_only && d % 2 == 1) {
                e.status[d] = EstimateStatus::no_rows;
                continue;
            }
            if (p.domain_rows[d] == 0) {
                fail_or_mark(d, EstimateStatus::no_rows, "no rows in the domain");
                continue;
            }
            bool infinite = false;
            const double value = input_value(ind, slots, d, full, infinite);
            if (std::isnan(value)) {
                const std::string what =
                    ind.kind == InputKind::female_share
                        ? "the region's weighted total of '" + std::string(ind.numerator) + "' is 0"
                        : "no rows in the indicator's population (the weighted total of '" +
                              std::string(ind.denominator) + "' is 0)";
                fail_or_mark(d, EstimateStatus::zero_denominator, what);
                continue;
            }
            e.estimate[d] = value;
            active[d] = 1;
        }
        if (o.variance == Variance::none) {
            out.indicators.push_back(std::move(e));
            continue;
        }
        e.se.assign(nd, nan);
        auto no_variance = [&](code32 d, const std::string& why) { fail_or_mark(d, EstimateStatus::no_variance, why); };

        if (o.variance == Variance::linearization) {
            if (!p.has_cells)
                throw value_error("linearised standard errors need per-PSU sums: accumulate with linearization = true");
            if (ind.kind == InputKind::ratio) {
                // The estimator of estimate.hpp (R's svyratio), scaled.
                EstimateOptions lin = o;
                lin.empty_domain = EmptyDomain::no_estimate;
                lin.domain_name = [&](code32 d) { return detail::region_sex_label(o, d); };
                const Estimates r = ratio(acc, ind.numerator, ind.denominator, lin);
                for (code32 d = 0; d < nd; ++d) {
                    if (!active[d]) continue;
                    if (r.status[d] == EstimateStatus::no_variance)
                        no_variance(d,
                                    "all its strata have a single PSU, so lonely_psu = average has nothing to average");
                    else
                        e.se[d] = ind.scale * r.se[d];
                }
            } else {
                // Scores across domains: population (slot 0 total), or the female share of the region.
                const std::size_t stride = p.stride();
                std::vector<code32> group(nd);
                std::vector<double> coef(static_cast<std::size_t>(nd) * stride, 0.0);
                code32 groups = nd;
                if (ind.kind == InputKind::population) {
                    for (code32 d = 0; d < nd; ++d) {
                        group[d] = active[d] ? d : no_code;
                        coef[d * stride] = 1.0;
                    }
                } else {
                    groups = regions;
                    for (code32 g = 0; g < regions; ++g) {
                        const code32 f = 2 * g;
                        const bool on = active[f] || active[f + 1];
                        group[f] = group[f + 1] = on ? g : no_code;
                        if (!on) continue;
                        const double total = full(f)[slots.num] + full(f + 1)[slots.num];
                        const double share = full(f)[slots.num] / total;
                        coef[f * stride + slots.num] = (1.0 - share) / total;
                        coef[(f + 1) * stride + slots.num] = -share / total;
                    }
                }
                std::vector<double> var;
                std::vector<LinearizationGap> gap;
                grouped_linearized_variances(
                    p, group, groups, coef, lonely, var, gap, [&](code32 stratum, code32 psu, code32 g) {
                        const code32 d = ind.kind == InputKind::population ? g : 2 * g;
                        throw value_error("stratum " + std::to_string(stratum) + " has only one PSU (PSU " +
                                          std::to_string(psu) + ") and " + std::string(ind.id) + ", " +
                                          detail::region_sex_label(o, d) +
                                          " has rows in it; choose lonely_psu = remove, adjust, certainty "
                                          "or average (R: options(survey.lonely.psu = ...))");
                    });
                for (code32 d = 0; d < nd; ++d) {
                    if (!active[d]) continue;
                    const code32 g = ind.kind == InputKind::population ? d : d / 2;
                    if (gap[g] == LinearizationGap::only_lonely_strata)
                        no_variance(d,
                                    "all its strata have a single PSU, so lonely_psu = average has nothing to average");
                    else
                        e.se[d] = ind.scale * std::sqrt(var[g]);
                }
            }
            out.indicators.push_back(std::move(e));
            continue;
        }

        // Replicates: the indicator under every replicate, R's svrVar.
        const ReplicateSums& rs = *reps;
        e.replicates_dropped.assign(nd, 0);
        std::vector<double> theta(rs.count);
        for (code32 d = 0; d < nd; ++d) {
            if (!active[d]) continue;
            for (std::uint32_t r = 0; r < rs.count; ++r) {
                bool infinite = false;
                theta[r] = input_value(
                    ind, slots, d, [&](code32 x) { return rs.at(x, r); }, infinite);
                if (infinite)
                    throw value_error(std::string(ind.id) + ", " + detail::region_sex_label(o, d) +
                                      ": a replicate has a zero denominator total but a non-zero numerator; "
                                      "its ratio is infinite");
            }
            const double v =
                replicate_variance(theta, e.estimate[d], rs.scale, rs.rscales, rs.mse, e.replicates_dropped[d]);
            if (std::isnan(v))
                no_variance(d, "every replicate leaves the domain without weight, so no replicate estimate exists");
            else
                e.se[d] = std::sqrt(v);
        }
        out.indicators.push_back(std::move(e));
    }
    return out;
}

/// Dictionary codes of the region names in a Dataset being built, checking
/// there is one name per region code.
[[nodiscard]] inline std::vector<code_t> region_codes(DatasetBuilder& b, std::span<const std::string> region_names,
                                                      std::size_t regions) {
    if (region_names.size() != regions)
        throw value_error("to_dataset: " + std::to_string(region_names.size()) + " region names for " +
                          std::to_string(regions) + " regions");
    std::vector<code_t> region(regions);
    for (std::size_t r = 0; r < regions; ++r) region[r] = b.region(region_names[r]);
    return region;
}

/// The estimates as a Dataset: one row per indicator, region and sex
/// (female only for female-only indicators), `se` from the estimates (NaN
/// for Variance::none), units from the standard registry. Domains without an
/// estimate are left out. `region_names[r]` names region code r.
[[nodiscard]] inline Dataset to_dataset(const IndexInputEstimates& e, std::span<const std::string> region_names,
                                        std::int32_t period, std::string_view source = "survey microdata") {
    DatasetBuilder b;
    const std::vector<code_t> region = region_codes(b, region_names, e.regions);
    const code_t age = b.age_group(""), src = b.source(source);
    for (const InputEstimate& x : e.indicators) {
        const auto ind = b.indicator(x.indicator);
        const code_t unit = b.unit(ind.info->unit);
        for (code32 r = 0; r < e.regions; ++r)
            for (std::uint8_t s = 0; s < 2; ++s) {
                const code32 d = region_sex_domain(r, s);
                if (std::isnan(x.estimate[d])) continue;
                const double se = x.se.empty() ? std::numeric_limits<double>::quiet_NaN() : x.se[d];
                b.add_coded(region[r], period, static_cast<Sex>(s), ind, x.estimate[d], age, se, unit, src);
            }
    }
    return std::move(b).build();
}

}  // namespace gendex::micro
