// A survey design over person-level microdata: weights, strata, PSUs and
// (optionally) supplied replicate weights, as columns the caller owns.
//
// The R equivalents are
//   svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data)
//   svrepdesign(weights = ~w, repweights = ..., type, scale, rscales, rho, mse, combined.weights)
// A Design holds spans, not copies: the columns must outlive it. Every code
// column holds dense integer codes (0..count-1); densify() and
// nested_psu_codes() turn arbitrary ids into such codes once, so the
// estimation passes index contiguous arrays and never hash a row.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gendex/batch_compile.hpp"
#include "gendex/error.hpp"
#include "gendex/micro/threads.hpp"

namespace gendex::micro {

/// A dense integer code (stratum, PSU, domain).
using code32 = std::uint32_t;
inline constexpr code32 no_code = std::numeric_limits<code32>::max();

namespace detail {

inline std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

/// Row `row` (0-based) and `column` of the caller's columns: "row 3, column 'weight'".
inline Location row_column(std::size_t row, std::string_view column) {
    Location where;
    where.row = row;
    where.column = column;
    return where;
}

/// The largest code (0 for none): one vectorised pass (a missing code, no_code, is the largest).
GENDEX_BATCH_CLONES inline code32 largest_code(std::span<const code32> codes) noexcept {
    code32 top = 0;
    for (const code32 c : codes) top = std::max(top, c);
    return top;
}

/// The first row whose weight is not a finite number >= `low`, or weights.size(): the good weights of
/// a block of rows are counted without a branch (the count vectorises), a short block looked at row by
/// row. Sampling weights must be > 0 (low: the smallest positive double), replicate weights >= 0.
GENDEX_BATCH_CLONES inline std::size_t first_weight_below(std::span<const double> weights, double low) noexcept {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const std::size_t n = weights.size();
    for (std::size_t b = 0; b < n; b += 1024) {
        const std::size_t e = std::min(n, b + 1024);
        std::size_t good = 0;
        for (std::size_t i = b; i < e; ++i)  // NaN: both false; int operands (clang: no bitwise & of bools)
            good += static_cast<int>(weights[i] >= low) & static_cast<int>(weights[i] < inf);
        if (good != e - b)
            for (std::size_t i = b; i < e; ++i)
                if (!(weights[i] >= low && weights[i] < inf)) return i;
    }
    return n;
}

/// The first row whose sampling weight is not a finite number > 0, or weights.size(): on up to
/// `threads` threads (0: every core), a share of the rows each (threads.hpp), the least of the
/// shares' first rows.
inline std::size_t first_bad_weight(std::span<const double> weights, unsigned threads) {
    const std::size_t n = weights.size();
    const unsigned shares = row_shares(n, threads);
    std::vector<std::size_t> first(shares, n);
    for_row_shares(n, shares, 1, [&](std::size_t t, std::size_t b0, std::size_t b1) {
        const std::size_t bad =
            first_weight_below(weights.subspan(b0, b1 - b0), std::numeric_limits<double>::denorm_min());
        if (bad < b1 - b0) first[t] = b0 + bad;
    });
    return *std::min_element(first.begin(), first.end());
}

}  // namespace detail

// ----------------------------------------------------------------- options

/// What a stratum with a single PSU contributes to a linearised variance
/// (R's options(survey.lonely.psu = ...)).
enum class LonelyPsu : std::uint8_t {
    fail,       ///< error naming the stratum (R's default)
    remove,     ///< contributes nothing
    adjust,     ///< the PSU's score total squared: deviation from the overall mean score (0)
    certainty,  ///< contributes nothing (with one sampling stage the same as remove)
    average,    ///< left out, and the variance scaled up by strata / strata with variance
};

[[nodiscard]] constexpr std::string_view to_string(LonelyPsu o) noexcept {
    switch (o) {
        case LonelyPsu::fail: return "fail";
        case LonelyPsu::remove: return "remove";
        case LonelyPsu::adjust: return "adjust";
        case LonelyPsu::certainty: return "certainty";
        case LonelyPsu::average: return "average";
    }
    return "fail";
}

[[nodiscard]] inline LonelyPsu parse_lonely_psu(std::string_view text) {
    for (auto o : {LonelyPsu::fail, LonelyPsu::remove, LonelyPsu::adjust, LonelyPsu::certainty, LonelyPsu::average})
        if (text == to_string(o)) return o;
    throw value_error("unknown lonely-PSU option '" + std::string(text) +
                      "' (use fail, remove, adjust, certainty or average)");
}

/// How messages name a design's strata and PSUs. A C++ caller's codes are its own ids, the default;
/// a front end that coded other values (Python's Design) names those.
struct DesignNames {
    std::function<std::string(code32)> stratum, psu;
};

namespace detail {

/// "stratum 11010 has only one PSU (PSU 7)": how every lonely-PSU message starts.
inline std::string lonely_psu_stratum(const DesignNames& names, code32 stratum, code32 psu) {
    return "stratum " + (names.stratum ? names.stratum(stratum) : std::to_string(stratum)) + " has only one PSU (PSU " +
           (names.psu ? names.psu(psu) : std::to_string(psu)) + ")";
}

/// An estimator's error under lonely_psu = fail: the stratum, its PSU and the domain with rows in it.
inline std::string lonely_psu_message(const DesignNames& names, code32 stratum, code32 psu, std::string_view domain) {
    return lonely_psu_stratum(names, stratum, psu) + " and " + std::string(domain) +
           " has rows in it; choose lonely_psu = remove, adjust, certainty or average "
           "(R: options(survey.lonely.psu = ...))";
}

}  // namespace detail

/// How supplied replicate weights were made; fixes R's default scale.
enum class ReplicateType : std::uint8_t { bootstrap, subbootstrap, jk1, brr, fay, other };

[[nodiscard]] constexpr std::string_view to_string(ReplicateType t) noexcept {
    switch (t) {
        case ReplicateType::bootstrap: return "bootstrap";
        case ReplicateType::subbootstrap: return "subbootstrap";
        case ReplicateType::jk1: return "JK1";
        case ReplicateType::brr: return "BRR";
        case ReplicateType::fay: return "Fay";
        case ReplicateType::other: return "other";
    }
    return "other";
}

/// Accepts R's spellings ("JK1", "BRR", "Fay") in any letter case.
[[nodiscard]] inline ReplicateType parse_replicate_type(std::string_view text) {
    std::string lower(text);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto t : {ReplicateType::bootstrap, ReplicateType::subbootstrap, ReplicateType::jk1, ReplicateType::brr,
                   ReplicateType::fay, ReplicateType::other}) {
        std::string name(to_string(t));
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == name) return t;
    }
    throw value_error("unknown replicate type '" + std::string(text) +
                      "' (use bootstrap, subbootstrap, JK1, BRR, Fay or other)");
}

/// The variance formula of supplied replicate weights, as svrepdesign():
///   v = scale * sum_r rscales[r] * (theta_r - centre)^2,
///   centre = full-sample estimate (mse = true) or the mean of the replicates
///   with rscales > 0 (mse = false, R's default).
struct ReplicateSpec {
    ReplicateType type = ReplicateType::bootstrap;
    std::optional<double> scale;   ///< empty: R's default for the type (see resolved_scale)
    std::vector<double> rscales;   ///< empty: all 1; one value: the same for every replicate
    double rho = 0.0;              ///< Fay's rho (type fay only)
    bool mse = false;              ///< R's survey.replicates.mse default
    bool combined_weights = true;  ///< replicate weights include the sampling weight (R's default)

    /// R's scale: bootstrap and subbootstrap 1/(R-1); JK1 (R-1)/R; BRR 1/R;
    /// Fay 1/(R (1-rho)^2); other 1. A given scale wins, except for BRR and
    /// Fay, whose scale R fixes (passing one is an error here, not ignored).
    [[nodiscard]] double resolved_scale(std::size_t replicates) const {
        const auto r = static_cast<double>(replicates);
        switch (type) {
            case ReplicateType::brr: return 1.0 / r;
            case ReplicateType::fay: return 1.0 / (r * (1.0 - rho) * (1.0 - rho));
            case ReplicateType::bootstrap:
            case ReplicateType::subbootstrap: return scale ? *scale : 1.0 / (r - 1.0);
            case ReplicateType::jk1: return scale ? *scale : (r - 1.0) / r;
            case ReplicateType::other: return scale ? *scale : 1.0;
        }
        return 1.0;
    }

    [[nodiscard]] std::vector<double> resolved_rscales(std::size_t replicates) const {
        if (rscales.empty()) return std::vector<double>(replicates, 1.0);
        if (rscales.size() == 1) return std::vector<double>(replicates, rscales[0]);
        return rscales;
    }

    /// value_error when the spec cannot describe `replicates` replicates.
    void validate(std::size_t replicates) const {
        const std::string what = "replicate weights (type " + std::string(to_string(type)) + ")";
        if (replicates == 0) throw value_error(what + ": no replicate columns");
        if ((type == ReplicateType::bootstrap || type == ReplicateType::subbootstrap) && replicates < 2 && !scale)
            throw value_error(what + ": the default scale 1/(R-1) needs at least 2 replicates");
        if ((type == ReplicateType::brr || type == ReplicateType::fay) && scale)
            throw value_error(what +
                              ": R fixes the scale of BRR and Fay replicates; use type 'other' for a custom scale");
        if (type == ReplicateType::fay && !(rho >= 0.0 && rho < 1.0))
            throw value_error(what + ": Fay's rho must be in [0, 1), got " + detail::number(rho));
        if (type != ReplicateType::fay && rho != 0.0) throw value_error(what + ": rho is only used by type Fay");
        if (scale && !(std::isfinite(*scale) && *scale > 0))
            throw value_error(what + ": scale must be a finite number > 0, got " + detail::number(*scale));
        if (rscales.size() > 1 && rscales.size() != replicates)
            throw value_error(what + ": rscales has " + std::to_string(rscales.size()) + " values for " +
                              std::to_string(replicates) + " replicates (give 1 or one per replicate)");
        for (std::size_t r = 0; r < rscales.size(); ++r)
            if (!(std::isfinite(rscales[r]) && rscales[r] >= 0))
                throw value_error(what + ": rscales[" + std::to_string(r) + "] must be a finite number >= 0");
    }

    friend bool operator==(const ReplicateSpec&, const ReplicateSpec&) = default;
};

// ----------------------------------------------------------------- replicate weights

/// A read-only view of an n x R replicate-weight matrix: one pointer per
/// replicate column and the distance between consecutive rows. Covers
/// column-major (Eigen's default, R's matrix), row-major, and one span per
/// column (pandas columns) without copying.
class ReplicateWeights {
public:
    ReplicateWeights() = default;

    /// One span per replicate; all of the same length.
    static ReplicateWeights columns(std::span<const std::span<const double>> columns) {
        ReplicateWeights w;
        w.rows_ = columns.empty() ? 0 : columns[0].size();
        for (std::size_t r = 0; r < columns.size(); ++r) {
            if (columns[r].size() != w.rows_)
                throw value_error("replicate weight column " + std::to_string(r) + " has " +
                                  std::to_string(columns[r].size()) + " rows, column 0 has " + std::to_string(w.rows_));
            w.columns_.push_back(columns[r].data());
        }
        return w;
    }

    /// `data[row + r * rows]` (column-major, Eigen's and R's layout).
    static ReplicateWeights column_major(const double* data, std::size_t rows, std::size_t replicates) {
        return strided(data, rows, replicates, 1, static_cast<std::ptrdiff_t>(rows));
    }

    /// `data[row * replicates + r]` (row-major, C's and NumPy's default layout).
    static ReplicateWeights row_major(const double* data, std::size_t rows, std::size_t replicates) {
        return strided(data, rows, replicates, static_cast<std::ptrdiff_t>(replicates), 1);
    }

    /// Any Eigen matrix or map with direct access (rows = persons, columns = replicates).
    template <class Derived>
    static ReplicateWeights eigen(const Eigen::DenseBase<Derived>& m) {
        static_assert(static_cast<bool>(Derived::Flags & Eigen::DirectAccessBit),
                      "replicate weights need an Eigen expression with direct memory access (a Matrix or Map)");
        const auto& d = m.derived();
        const auto inner = static_cast<std::ptrdiff_t>(d.innerStride());
        const auto outer = static_cast<std::ptrdiff_t>(d.outerStride());
        const bool row_major = static_cast<bool>(Derived::IsRowMajor);
        return strided(d.data(), static_cast<std::size_t>(d.rows()), static_cast<std::size_t>(d.cols()),
                       row_major ? outer : inner, row_major ? inner : outer);
    }

    [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
    [[nodiscard]] std::size_t count() const noexcept { return columns_.size(); }
    [[nodiscard]] bool empty() const noexcept { return columns_.empty(); }
    [[nodiscard]] std::ptrdiff_t row_stride() const noexcept { return row_stride_; }
    [[nodiscard]] const double* column(std::size_t r) const noexcept { return columns_[r]; }
    [[nodiscard]] double operator()(std::size_t row, std::size_t r) const noexcept {
        return columns_[r][static_cast<std::ptrdiff_t>(row) * row_stride_];
    }

private:
    static ReplicateWeights strided(const double* data, std::size_t rows, std::size_t replicates,
                                    std::ptrdiff_t row_stride, std::ptrdiff_t replicate_stride) {
        ReplicateWeights w;
        w.rows_ = rows;
        w.row_stride_ = row_stride;
        for (std::size_t r = 0; r < replicates; ++r)
            w.columns_.push_back(data + static_cast<std::ptrdiff_t>(r) * replicate_stride);
        return w;
    }

    std::vector<const double*> columns_;
    std::size_t rows_ = 0;
    std::ptrdiff_t row_stride_ = 1;
};

// ----------------------------------------------------------------- codes

/// Dense codes 0..values.size()-1 in order of first appearance, and the
/// original id of each code.
template <class T>
struct DenseCodes {
    std::vector<code32> codes;
    std::vector<T> values;
    [[nodiscard]] code32 count() const noexcept { return static_cast<code32>(values.size()); }
};

/// Turn arbitrary ids (numbers, strings) into dense codes, once, before estimating.
template <class T, class Hash = std::hash<T>>
[[nodiscard]] DenseCodes<T> densify(std::span<const T> ids) {
    DenseCodes<T> out;
    out.codes.resize(ids.size());
    std::unordered_map<T, code32, Hash> seen;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto [it, fresh] = seen.try_emplace(ids[i], static_cast<code32>(out.values.size()));
        if (fresh) {
            if (out.values.size() >= no_code) throw value_error("too many distinct ids to code in 32 bits");
            out.values.push_back(ids[i]);
        }
        out.codes[i] = it->second;
    }
    return out;
}

namespace detail {
struct PairHash {
    std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& p) const noexcept {
        std::uint64_t x =
            static_cast<std::uint64_t>(p.first) * 0x9e3779b97f4a7c15ULL ^ static_cast<std::uint64_t>(p.second);
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return static_cast<std::size_t>(x ^ (x >> 31));
    }
};
}  // namespace detail

/// PSU codes unique within strata, as R's nest=TRUE: PSU 1 of stratum 1 and
/// PSU 1 of stratum 2 are different PSUs. `values` holds (stratum, psu) ids.
[[nodiscard]] inline DenseCodes<std::pair<std::int64_t, std::int64_t>> nested_psu_codes(
    std::span<const std::int64_t> strata, std::span<const std::int64_t> psu) {
    if (strata.size() != psu.size())
        throw value_error("nested_psu_codes: strata have " + std::to_string(strata.size()) + " rows, PSU ids " +
                          std::to_string(psu.size()));
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs(psu.size());
    for (std::size_t i = 0; i < psu.size(); ++i) pairs[i] = {strata[i], psu[i]};
    return densify<std::pair<std::int64_t, std::int64_t>, detail::PairHash>(
        std::span<const std::pair<std::int64_t, std::int64_t>>(pairs));
}

/// One domain code per row from two codes, a * b_count + b (e.g. region x sex).
[[nodiscard]] inline std::vector<code32> cross_codes(std::span<const code32> a, code32 a_count,
                                                     std::span<const code32> b, code32 b_count) {
    if (a.size() != b.size())
        throw value_error("cross_codes: the two code columns have " + std::to_string(a.size()) + " and " +
                          std::to_string(b.size()) + " rows");
    if (a_count != 0 && b_count > (no_code - 1) / a_count)
        throw value_error("cross_codes: " + std::to_string(a_count) + " x " + std::to_string(b_count) +
                          " domains do not fit in 32-bit codes");
    std::vector<code32> out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] >= a_count || b[i] >= b_count)
            throw value_error("cross_codes: row " + std::to_string(i) + " has codes (" + std::to_string(a[i]) + ", " +
                              std::to_string(b[i]) + ") outside " + std::to_string(a_count) + " x " +
                              std::to_string(b_count));
        out[i] = a[i] * b_count + b[i];
    }
    return out;
}

// ----------------------------------------------------------------- design

struct DesignOptions {
    LonelyPsu lonely_psu = LonelyPsu::fail;
    /// Threads that check the weights (0: every core); the design is the same for any number.
    unsigned threads = 0;
};

namespace detail {
struct DesignCoder;
}

/// The stratum of every PSU code, known while the codes were made from the data's columns
/// (code_design(), design_codes.hpp: PSU ids coded within strata are nested by construction), so
/// that a Design need not look at every row again to check it. Only code_design() makes one.
class NestedPsus {
public:
    [[nodiscard]] code32 strata_count() const noexcept { return strata_; }
    /// Per PSU code, its stratum code.
    [[nodiscard]] const std::vector<code32>& psu_stratum() const noexcept { return psu_stratum_; }

private:
    friend struct detail::DesignCoder;
    friend class Design;
    NestedPsus(code32 strata, std::vector<code32> psu_stratum)
        : strata_(strata), psu_stratum_(std::move(psu_stratum)) {}
    code32 strata_ = 1;
    std::vector<code32> psu_stratum_;
};

/// Below this finite population correction (N_h - n_h) / N_h a stratum is a
/// census and contributes no variance, lonely PSU or not (R: onestrat() in
/// survey 4.1-1, `if (all(f < 1e-07)) return(0)`).
inline constexpr double census_fpc = 1e-7;

class Design {
public:
    /// `weights`: one per row, finite and > 0. `strata`: empty (one stratum)
    /// or dense codes. `psu`: empty (every row is its own PSU, R's ids = ~1)
    /// or dense codes, each PSU inside one stratum (see nested_psu_codes).
    explicit Design(std::span<const double> weights, std::span<const code32> strata = {},
                    std::span<const code32> psu = {}, DesignOptions options = {})
        : weights_(weights), strata_(strata), psu_(psu), options_(options) {
        const std::size_t n = weights.size();
        check_weights(weights, options.threads);
        if (!strata.empty() && strata.size() != n)
            throw value_error("column 'stratum' has " + std::to_string(strata.size()) + " rows, 'weight' has " +
                              std::to_string(n));
        if (!psu.empty() && psu.size() != n)
            throw value_error("column 'psu' has " + std::to_string(psu.size()) + " rows, 'weight' has " +
                              std::to_string(n));
        // The largest code tells both the count and whether a code is missing (no_code is the largest).
        const auto first_missing = [](std::span<const code32> codes) {
            return static_cast<std::size_t>(std::find(codes.begin(), codes.end(), no_code) - codes.begin());
        };
        const code32 top_stratum = detail::largest_code(strata);
        if (top_stratum == no_code)
            throw value_error(detail::row_column(first_missing(strata), "stratum"), "missing stratum code");
        strata_count_ = top_stratum + 1;

        if (psu.empty()) {  // each row its own PSU
            psu_count_ = static_cast<code32>(n);
            stratum_psus_.assign(strata_count_, 0);
            if (strata.empty()) stratum_psus_[0] = static_cast<std::uint32_t>(n);
            for (code32 h : strata) ++stratum_psus_[h];
            return;
        }
        const code32 top_psu = detail::largest_code(psu);
        if (top_psu == no_code) throw value_error(detail::row_column(first_missing(psu), "psu"), "missing PSU code");
        psu_count_ = top_psu + 1;
        psu_stratum_.assign(psu_count_, no_code);
        const auto stratum_of = [&](std::size_t i) { return strata.empty() ? code32{0} : strata[i]; };
        // Rows of a survey file come in runs of one PSU: a block of 16 rows with the (PSU, stratum) of
        // the row before it is passed over in one vectorised test.
        code32 last_psu = no_code, last_stratum = no_code;
        for (std::size_t i = 0; i < n;) {
            const std::size_t end = std::min(n, i + 16);
            code32 differ = 0;
            for (std::size_t j = i; j < end; ++j) differ |= (psu[j] ^ last_psu) | (stratum_of(j) ^ last_stratum);
            if (differ == 0) {
                i = end;
                continue;
            }
            for (; i < end; ++i) {
#if defined(__GNUC__)
                if (i + 32 < n) __builtin_prefetch(psu_stratum_.data() + psu[i + 32]);  // PSUs in random order miss L2
#endif
                const code32 p = psu[i], h = stratum_of(i);
                code32& at = psu_stratum_[p];
                if (at == no_code) {
                    at = h;
                } else if (at != h) {
                    const std::size_t first_row =
                        static_cast<std::size_t>(std::find(psu.begin(), psu.end(), p) - psu.begin());
                    throw value_error(
                        detail::row_column(i, "psu"),
                        "PSU " + std::to_string(p) + " is in stratum " + std::to_string(h) + " here but in stratum " +
                            std::to_string(at) + " at row " + std::to_string(first_row) +
                            "; PSU ids must be nested in strata (code them with nested_psu_codes, R's nest=TRUE)");
                }
                last_psu = p, last_stratum = h;
            }
        }
        count_stratum_psus();
    }

    /// A design over the codes code_design() wrote to `strata` and `psu` (the spans it wrote them
    /// to), with the strata of its PSUs from `nested`: the codes are not read again (every code is
    /// below its count, and every PSU in one stratum, as they were made).
    Design(std::span<const double> weights, std::span<const code32> strata, std::span<const code32> psu,
           NestedPsus nested, DesignOptions options = {})
        : weights_(weights), strata_(strata), psu_(psu), options_(options) {
        const std::size_t n = weights.size();
        check_weights(weights, options.threads);
        if ((!strata.empty() && strata.size() != n) || psu.size() != n)
            throw value_error("the coded strata and PSUs have " + std::to_string(strata.size()) + " and " +
                              std::to_string(psu.size()) + " rows, 'weight' has " + std::to_string(n));
        strata_count_ = nested.strata_;
        psu_stratum_ = std::move(nested.psu_stratum_);
        psu_count_ = static_cast<code32>(psu_stratum_.size());
        count_stratum_psus();
    }

    /// Attach supplied replicate weights (svrepdesign). Each value must be
    /// finite and >= 0; the view must outlive the design.
    Design& with_replicates(ReplicateWeights weights, ReplicateSpec spec) {
        if (weights.rows() != rows())
            throw value_error("replicate weights have " + std::to_string(weights.rows()) + " rows, the design " +
                              std::to_string(rows()));
        spec.validate(weights.count());
        for (std::size_t r = 0; r < weights.count(); ++r) {
            std::size_t i = 0;  // the first bad row: a contiguous column in one vectorised count
            if (weights.row_stride() == 1)
                i = detail::first_weight_below(std::span<const double>(weights.column(r), weights.rows()), 0.0);
            else
                while (i < weights.rows() && weights(i, r) >= 0 &&
                       weights(i, r) < std::numeric_limits<double>::infinity())
                    ++i;
            if (i < weights.rows())
                throw value_error(Location{.row = i}, "replicate weight " + std::to_string(r) + ": " +
                                                          detail::number(weights(i, r)) +
                                                          " must be a finite number >= 0");
        }
        replicates_ = std::move(weights);
        spec_ = std::move(spec);
        return *this;
    }

    /// Finite population corrections, R's svydesign(fpc = ~column): per row,
    /// the population size of its stratum (in PSUs; in elements when every row
    /// is its own PSU) or the stratum's sampling fraction. As R's as.fpc: all
    /// values <= 1 are fractions (N_h = n_h / f_h), all >= 1 sizes (all equal
    /// to 1: fractions, a census); a mix is an error, and so is a population
    /// smaller than the sample. Stricter than R, which warns: the value must be
    /// the same on every row of a stratum. Kept per stratum as N_h; the
    /// linearised variance multiplies stratum h by (N_h - n_h) / N_h.
    Design& with_fpc(std::span<const double> fpc) {
        const std::size_t n = rows();
        if (fpc.size() != n)
            throw value_error("column 'fpc' has " + std::to_string(fpc.size()) + " rows, 'weight' has " +
                              std::to_string(n));
        std::size_t above = n, below = n;  // first rows with a value > 1 and < 1
        std::vector<std::size_t> first_row(strata_count_, n);
        for (std::size_t i = 0; i < n; ++i) {
            const double v = fpc[i];
            if (!(v > 0 && v < std::numeric_limits<double>::infinity()))
                throw value_error(detail::row_column(i, "fpc"),
                                  "finite population correction " + detail::number(v) +
                                      " must be a finite number > 0 (a population size, or a sampling fraction "
                                      "in (0, 1])");
            if (v > 1 && above == n) above = i;
            if (v < 1 && below == n) below = i;
            const code32 h = strata_.empty() ? 0 : strata_[i];
            if (first_row[h] == n)
                first_row[h] = i;
            else if (fpc[first_row[h]] != v)
                throw value_error(detail::row_column(i, "fpc"),
                                  "finite population correction " + detail::number(v) + " differs from " +
                                      detail::number(fpc[first_row[h]]) + " at row " + std::to_string(first_row[h]) +
                                      " of the same stratum; give one value per stratum");
        }
        if (above < n && below < n)
            throw value_error(detail::row_column(std::max(above, below), "fpc"),
                              "finite population corrections mix population sizes (row " + std::to_string(above) +
                                  ": " + detail::number(fpc[above]) + ") and sampling fractions (row " +
                                  std::to_string(below) + ": " + detail::number(fpc[below]) +
                                  "); give all as sizes (>= 1) or all as fractions (<= 1)");
        const bool sizes = above < n;
        std::vector<double> population(strata_count_, std::numeric_limits<double>::quiet_NaN());
        for (code32 h = 0; h < strata_count_; ++h) {
            if (first_row[h] == n) continue;
            const double v = fpc[first_row[h]], sample = stratum_psus_[h];
            population[h] = sizes ? v : sample / v;
            if (population[h] < sample)
                throw value_error(detail::row_column(first_row[h], "fpc"),
                                  "finite population correction " + detail::number(v) + " implies a population of " +
                                      detail::number(population[h]) + " below the stratum's " +
                                      std::to_string(stratum_psus_[h]) +
                                      (has_psu() ? " sampled PSUs" : " sampled rows"));
        }
        stratum_population_ = std::move(population);
        return *this;
    }

    [[nodiscard]] std::size_t rows() const noexcept { return weights_.size(); }
    [[nodiscard]] std::span<const double> weights() const noexcept { return weights_; }
    [[nodiscard]] std::span<const code32> strata() const noexcept { return strata_; }
    [[nodiscard]] std::span<const code32> psu() const noexcept { return psu_; }
    [[nodiscard]] bool has_psu() const noexcept { return !psu_.empty(); }
    [[nodiscard]] code32 strata_count() const noexcept { return strata_count_; }
    /// One past the largest PSU code (rows, when every row is its own PSU).
    [[nodiscard]] code32 psu_count() const noexcept { return psu_count_; }
    [[nodiscard]] code32 psu_of_row(std::size_t i) const noexcept {
        return psu_.empty() ? static_cast<code32>(i) : psu_[i];
    }
    /// Stratum of a PSU code, no_code for a code no row uses.
    [[nodiscard]] code32 stratum_of_psu(code32 p) const noexcept {
        if (psu_.empty()) return strata_.empty() ? 0 : strata_[p];
        return psu_stratum_[p];
    }
    /// PSUs with rows in stratum h (R's nPSU).
    [[nodiscard]] std::uint32_t psus_in_stratum(code32 h) const noexcept { return stratum_psus_[h]; }

    /// N_h per stratum code (NaN for a code without rows); empty without finite population corrections.
    [[nodiscard]] const std::vector<double>& stratum_population() const noexcept { return stratum_population_; }

    [[nodiscard]] bool has_replicates() const noexcept { return !replicates_.empty(); }
    [[nodiscard]] const ReplicateWeights& replicate_weights() const noexcept { return replicates_; }
    [[nodiscard]] const ReplicateSpec& replicate_spec() const noexcept { return spec_; }
    [[nodiscard]] const DesignOptions& options() const noexcept { return options_; }

private:
    std::span<const double> weights_;
    std::span<const code32> strata_, psu_;
    DesignOptions options_;
    /// At most 2^32 - 2 rows, every weight finite and > 0.
    static void check_weights(std::span<const double> weights, unsigned threads) {
        if (weights.size() >= no_code)
            throw value_error("a design holds at most 2^32 - 2 rows; split it and merge accumulators");
        if (const std::size_t bad = detail::first_bad_weight(weights, threads); bad < weights.size())
            throw value_error(
                detail::row_column(bad, "weight"),
                "weight " + detail::number(weights[bad]) +
                    " must be a finite number > 0 (drop the row, or put it outside the domain with a row filter)");
    }

    void count_stratum_psus() {
        stratum_psus_.assign(strata_count_, 0);
        for (code32 h : psu_stratum_)
            if (h != no_code) ++stratum_psus_[h];
    }

    code32 strata_count_ = 1, psu_count_ = 0;
    std::vector<code32> psu_stratum_;
    std::vector<std::uint32_t> stratum_psus_;
    std::vector<double> stratum_population_;
    ReplicateWeights replicates_;
    ReplicateSpec spec_;
};

// ----------------------------------------------------------------- domains

/// The domain of every row (e.g. region x sex as one code, see cross_codes).
/// Domains are subsets of the design: rows of other domains stay in the
/// design and count, with zero score, in every domain's variance.
class Domains {
public:
    /// `count` = number of domains; 0 means largest code + 1. A code >= count
    /// is an error naming the row.
    Domains(const Design& design, std::span<const code32> codes, code32 count = 0) : codes_(codes) {
        if (codes.size() != design.rows())
            throw value_error("domain codes have " + std::to_string(codes.size()) + " rows, the design " +
                              std::to_string(design.rows()));
        const code32 largest = detail::largest_code(codes);  // no_code, the missing code, is the largest
        if (largest == no_code)
            throw value_error(
                detail::row_column(
                    static_cast<std::size_t>(std::find(codes.begin(), codes.end(), no_code) - codes.begin()), "domain"),
                "missing domain code");
        count_ = count != 0 ? count : (codes.empty() ? 1 : largest + 1);
        if (!codes.empty() && largest >= count_)
            for (std::size_t i = 0; i < codes.size(); ++i)
                if (codes[i] >= count_)
                    throw value_error(detail::row_column(i, "domain"), "domain code " + std::to_string(codes[i]) +
                                                                           " is not below the domain count " +
                                                                           std::to_string(count_));
    }

    /// Every row in one domain (estimates for the whole population).
    static Domains whole(const Design& design) { return Domains(design); }

    Domains(const Domains& o) : owned_(o.owned_), codes_(o.codes_), count_(o.count_) {
        if (!owned_.empty()) codes_ = owned_;
    }
    Domains& operator=(const Domains& o) {
        if (this != &o) {
            owned_ = o.owned_;
            codes_ = owned_.empty() ? o.codes_ : std::span<const code32>(owned_);
            count_ = o.count_;
        }
        return *this;
    }
    Domains(Domains&&) noexcept = default;  // a moved vector keeps its buffer, so the span stays valid
    Domains& operator=(Domains&&) noexcept = default;

    [[nodiscard]] code32 count() const noexcept { return count_; }
    [[nodiscard]] std::span<const code32> codes() const noexcept { return codes_; }

private:
    explicit Domains(const Design& design) : owned_(design.rows(), 0), codes_(owned_), count_(1) {}

    std::vector<code32> owned_;
    std::span<const code32> codes_;
    code32 count_ = 1;
};

}  // namespace gendex::micro
