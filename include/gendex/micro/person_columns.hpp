// Person-level survey columns and the variables derived from them, chunk by
// chunk, for the index-input pass (index_inputs.hpp): each indicator
// restricted to a population (25+, 15+, relevant women) is the ratio of two
// derived variables, y * 1[in population] over 1[in population]. The fill
// loops are branch-free and compiled once per instruction set
// (batch_compile.hpp); an invalid value reaches the sums as NaN or infinity,
// and check_derived then names its row.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/batch_compile.hpp"
#include "gendex/edition.hpp"
#include "gendex/error.hpp"
#include "gendex/micro/accumulate.hpp"
#include "gendex/micro/cell_index.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/run_control.hpp"

namespace gendex::micro {

// ----------------------------------------------------------------- inputs

/// A numeric person-level column and the caller's name for it (used in messages).
struct NamedColumn {
    std::string name;
    std::span<const double> values;  ///< one per row (none in a part of the data without rows)
    /// Whether the column is given: {name, values} says yes, PersonColumns' defaults say no. Not
    /// inferred from the values, so that an empty part of the data accumulates the same variables
    /// as the others and merges with them.
    bool present = true;
    [[nodiscard]] bool given() const noexcept { return present; }
};

/// Person-level columns. Only region and sex are required; an indicator is
/// built when the columns it needs are given.
struct PersonColumns {
    std::span<const code32> region;     ///< dense region codes 0..regions-1
    std::span<const std::uint8_t> sex;  ///< 0 = female, 1 = male (gendex::Sex codes)
    std::string region_name = "region", sex_name = "sex";
    NamedColumn age{"age", {}, false};                    ///< years (needed by the age-restricted indicators)
    NamedColumn schooling{"schooling", {}, false};        ///< years of schooling -> mean_schooling
    NamedColumn education{"education", {}, false};        ///< level or years for the thresholds (empty: schooling)
    NamedColumn labour_force{"labour_force", {}, false};  ///< 0/1 for persons of labour age
    NamedColumn earnings{"earnings", {}, false};          ///< finite for every row (0 without earnings)
    /// 1 = outside a facility, 0 = in one, NaN = not a relevant birth (women only are used).
    NamedColumn births_outside_facility{"births_outside_facility", {}, false};
    /// 1 = first live birth before 20, 0 = not, NaN = not a relevant woman (women only are used).
    NamedColumn first_birth_before_20{"first_birth_before_20", {}, false};
    /// Live births in the last 12 months of women aged 15-19 (other rows are not read).
    NamedColumn adolescent_births{"adolescent_births", {}, false};
};

/// Options of the index-input pass. The age limits default to the edition
/// constants survey_* of the newest UNDP edition (the same in every built-in
/// edition); index_input_options(ed) takes them from another edition.
struct IndexInputOptions {
    code32 regions = 0;  ///< number of regions; 0: largest code + 1
    /// mean_schooling and the education shares: age >= this
    double schooling_age = edition(latest_hdr_edition_id).survey_schooling_age.value;
    /// labour_force_participation: age >= this
    double labour_age = edition(latest_hdr_edition_id).survey_labour_age.value;
    /// education >= threshold counts as "at least some secondary" / "upper
    /// secondary or higher"; NaN: the indicator is not built. With years of
    /// schooling in a 6-3-3 system (Indonesia) these are 7 and 12.
    double secondary_threshold = std::numeric_limits<double>::quiet_NaN();
    double upper_secondary_threshold = std::numeric_limits<double>::quiet_NaN();
    /// adolescent_birth_rate: women with adolescent_age_min <= age <= adolescent_age_max
    double adolescent_age_min = edition(latest_hdr_edition_id).survey_adolescent_age_min.value;
    double adolescent_age_max = edition(latest_hdr_edition_id).survey_adolescent_age_max.value;
    bool linearization = true;         ///< keep per-(PSU, domain) sums (linearisation, internal bootstrap)
    bool replicates = true;            ///< sum under the design's replicate weights, when it has them
    const CellIndex* cells = nullptr;  ///< a cell index over (PSU, region x sex) built once; null: built here
    Progress progress;                 ///< after every chunk of rows (run_control.hpp); may stop the pass
    unsigned threads = 0;              ///< threads of the pass (not with replicate weights); 0: every core
};

/// Default options with the age limits of edition `ed`.
[[nodiscard]] inline IndexInputOptions index_input_options(const Edition& ed) {
    IndexInputOptions o;
    o.schooling_age = ed.survey_schooling_age.value;
    o.labour_age = ed.survey_labour_age.value;
    o.adolescent_age_min = ed.survey_adolescent_age_min.value;
    o.adolescent_age_max = ed.survey_adolescent_age_max.value;
    return o;
}

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
                    throw value_error(row_column(i, c.schooling.name),
                                      "years of schooling " + number(c.schooling.values[i]) + " of a person aged " +
                                          number(age) + " is not a finite number (persons aged " +
                                          number(o.schooling_age) + "+ need a value)");
                break;
            case Derived::secondary:
            case Derived::upper_secondary:
                if (age >= o.schooling_age && !finite(x.education[i]))
                    throw value_error(row_column(i, x.education_name), "education " + number(x.education[i]) +
                                                                           " of a person aged " + number(age) +
                                                                           " is not a finite number (persons aged " +
                                                                           number(o.schooling_age) + "+ need a value)");
                break;
            case Derived::labour_force: {
                const double lf = c.labour_force.values[i];
                if (age >= o.labour_age && lf != 0.0 && lf != 1.0)
                    throw value_error(row_column(i, c.labour_force.name),
                                      std::string("labour-force status must be 0 or 1 for ") + "persons aged " +
                                          number(o.labour_age) + "+, got " + number(lf));
                break;
            }
            case Derived::earnings:
                if (!finite(c.earnings.values[i]))
                    throw value_error(row_column(i, c.earnings.name),
                                      "earnings " + number(c.earnings.values[i]) +
                                          " is not a finite number (use 0 for persons without earnings)");
                break;
            case Derived::births_outside: {
                const double b = c.births_outside_facility.values[i];
                if (c.sex[i] == 0 && finite(b) && b != 0.0 && b != 1.0)
                    throw value_error(row_column(i, c.births_outside_facility.name),
                                      "must be 1 (outside a facility), 0 (in one) or missing (not a relevant "
                                      "birth), got " +
                                          number(b));
                if (c.sex[i] == 0 && !finite(b) && !std::isnan(b))
                    throw value_error(row_column(i, c.births_outside_facility.name),
                                      "" + number(b) + " is not 0, 1 or missing");
                break;
            }
            case Derived::first_birth_before_20: {
                const double b = c.first_birth_before_20.values[i];
                if (c.sex[i] == 0 && finite(b) && b != 0.0 && b != 1.0)
                    throw value_error(row_column(i, c.first_birth_before_20.name),
                                      "must be 1 (first birth before 20), 0 (not) or missing (not a relevant "
                                      "woman), got " +
                                          number(b));
                if (c.sex[i] == 0 && !finite(b) && !std::isnan(b))
                    throw value_error(row_column(i, c.first_birth_before_20.name),
                                      "" + number(b) + " is not 0, 1 or missing");
                break;
            }
            case Derived::adolescent_births: {
                const double b = c.adolescent_births.values[i];
                if (c.sex[i] == 0 && age >= o.adolescent_age_min && age <= o.adolescent_age_max &&
                    !(finite(b) && b >= 0.0))
                    throw value_error(
                        row_column(i, c.adolescent_births.name),
                        "births " + number(b) + " of a woman aged " + number(age) + " must be a finite number >= 0");
                break;
            }
            default: break;
        }
    }
}

/// Per-chunk 1/0 masks several derived variables share (chunk_rows: accumulate.hpp).
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
        k.adolescent[i] = (((k.female[i] != 0.0) & (a >= lo) & (a <= hi)) ? 1.0 : 0.0) + missing;
    }
}

/// One derived variable for rows [b0, b0 + m): written to out[0..m), or, for a population mask and
/// the earnings, the mask or the column itself (no copy); returns where the values are. An invalid
/// value inside a population (missing, infinite, or finite but not allowed, such as a labour-force
/// status of 2) becomes NaN or infinite, so it reaches the sums, which the pass checks once at the
/// end (check_derived then names the row). Branch-free: every loop vectorises.
GENDEX_KERNEL_MATH GENDEX_BATCH_CLONES inline const double* fill_derived(Derived v, const DeriveContext& x,
                                                                         const ChunkMasks& mk, std::size_t b0,
                                                                         std::size_t m, double* out) noexcept {
    const PersonColumns& c = *x.c;
    const IndexInputOptions& o = *x.o;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    switch (v) {
        case Derived::schooling_universe: return mk.schooling;
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
                const double hit = ((mk.schooling[k] != 0.0) & (ev >= t)) ? 1.0 : 0.0;
                out[k] = hit + (ev - ev);  // ev - ev: 0 when finite, NaN otherwise
            }
            break;
        }
        case Derived::labour_universe: return mk.labour;
        case Derived::labour_force: {
            const double* y = c.labour_force.values.data() + b0;
            for (std::size_t k = 0; k < m; ++k) {
                const double yk = y[k];
                const double v = mk.labour[k] != 0.0 ? yk : 0.0;
                out[k] = v + (v * v == v ? 0.0 : nan);  // 0 and 1 only
            }
            break;
        }
        case Derived::earnings: return c.earnings.values.data() + b0;
        case Derived::births_universe:
        case Derived::first_birth_universe: {
            const double* y =
                (v == Derived::births_universe ? c.births_outside_facility : c.first_birth_before_20).values.data() +
                b0;
            for (std::size_t k = 0; k < m; ++k) {
                const double yk = y[k];
                out[k] = ((mk.female[k] != 0.0) & (yk == yk)) ? 1.0 : 0.0;
            }
            break;
        }
        case Derived::births_outside:
        case Derived::first_birth_before_20: {
            const double* y =
                (v == Derived::births_outside ? c.births_outside_facility : c.first_birth_before_20).values.data() + b0;
            for (std::size_t k = 0; k < m; ++k) {
                const double yk = y[k];  // women with a value; 0 and 1 only (infinity stays infinite)
                const double v = ((mk.female[k] != 0.0) & (yk == yk)) ? yk : 0.0;
                out[k] = v + (v * v == v ? 0.0 : nan);
            }
            break;
        }
        case Derived::adolescent_women: return mk.adolescent;
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
    return out;
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
            throw value_error(row_column(i, c.region_name), "region code " + std::to_string(c.region[i]) +
                                                                " is not below the region count " +
                                                                std::to_string(regions));
        if (c.sex[i] > 1)
            throw value_error(row_column(i, c.sex_name),
                              "sex code " + std::to_string(c.sex[i]) + " is neither 0 (female) nor 1 (male)");
    }
    throw value_error("invalid region or sex code");
}

/// The chunk source (accumulate.hpp) of the index-input pass: the derived
/// variables `vars` of rows [b0, b0 + m), their region x sex codes, and the
/// given columns of the next chunk to prefetch.
struct PersonChunks {
    const DeriveContext& x;
    std::span<const Derived> vars;
    code32 regions;
    std::unique_ptr<ChunkMasks> masks = std::make_unique<ChunkMasks>();  // a thread's own

    void fill(std::size_t b0, std::size_t m, double* buffer, const double** out) const {
        fill_masks(x, b0, m, *masks);
        for (std::size_t j = 0; j < vars.size(); ++j)
            out[j] = fill_derived(vars[j], x, *masks, b0, m, buffer + j * chunk_rows);
    }
    const code32* domains(std::size_t b0, std::size_t m, code32* scratch) const {
        if (!domain_codes(*x.c, regions, b0, m, scratch)) throw_domain_code(*x.c, regions);
        return scratch;
    }
    void lookahead(std::size_t b1, Lookahead& next) const noexcept {
        const PersonColumns& c = *x.c;
        next.codes = c.region.data() + b1;
        next.bytes = c.sex.data() + b1;
        for (const NamedColumn* col : {&c.age, &c.schooling, &c.education, &c.labour_force, &c.earnings,
                                       &c.births_outside_facility, &c.first_birth_before_20, &c.adolescent_births})
            if (col->given()) next.add(col->values.data() + b1);
    }
};

}  // namespace detail

}  // namespace gendex::micro
