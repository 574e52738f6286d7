// One pass over person rows into mergeable, serializable sums.
//
// What design-based estimation by domain needs, without keeping the rows:
//   per domain:            rows, sum w, sum w*v for every variable v
//   per (PSU, domain) cell: the same sums (Taylor linearisation and the
//                          internal bootstrap turn them into score totals)
//   per (domain, replicate): the same sums under each supplied replicate weight
// An Accumulator is a monoid: merge(a, b) adds sums cell by cell, so
// partitions of the rows (files, threads, machines) can be accumulated
// anywhere, saved (to_archive) and combined in any order; results differ
// only by floating-point rounding. Codes (PSU, stratum, domain) must be the
// same global codes in every partition.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/serialization.hpp"

namespace gendex::micro {

/// A named numeric column (the caller owns the values).
struct Variable {
    std::string name;
    std::span<const double> values;
};

// ----------------------------------------------------------------- cell index

/// Row -> (PSU, domain) cell, built once per design and domain coding and
/// reusable by every accumulate() over them. One pass over the rows looks up,
/// per PSU, the cells seen so far: two inline, then a chain (a PSU holds few
/// domains when domains are nested in regions); when chains turn out long (domains
/// crossing PSUs) it switches to a counting sort of rows by PSU. No hashing;
/// 4 bytes per row are kept. Cells are numbered in order of first sight
/// ("slots"); sorted() lists the slots in (PSU, domain) order, the order
/// accumulators keep. When every row is its own PSU, row i is slot i.
class CellIndex {
public:
    enum class Build : std::uint8_t { automatic, chains, sorting };

    CellIndex(const Design& design, const Domains& domains, Build build = Build::automatic)
        : CellIndex(design, domains.count(), checked(design, domains), build) {}

    /// Over domain codes made chunk by chunk, so that no column of codes for
    /// every row need exist: `codes(b0, m, scratch)` returns the codes of rows
    /// [b0, b0 + m), each below `domain_count`, written to scratch (room for
    /// m codes) or pointing elsewhere.
    template <class Codes>
    CellIndex(const Design& design, code32 domain_count, Codes&& codes, Build build = Build::automatic)
        : rows_(design.rows()), domains_(domain_count), psus_(design.psu_count()) {
        const std::size_t n = design.rows();
        if (!design.has_psu()) {
            identity_ = true;
            cell_psu_.resize(n);
            cell_domain_.resize(n);
            for_chunks(codes, [&](std::size_t b0, std::size_t m, const code32* d) {
                std::copy(d, d + m, cell_domain_.data() + b0);
            });
            for (std::size_t i = 0; i < n; ++i) cell_psu_[i] = static_cast<code32>(i);
            return;
        }
        if (build == Build::sorting ||
            !build_by_chains(design.psu(), codes, design.psu_count(), build == Build::chains))
            build_by_sorting(design.psu(), codes, design.psu_count());
    }

    [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
    [[nodiscard]] code32 domain_count() const noexcept { return domains_; }
    [[nodiscard]] code32 psu_count() const noexcept { return psus_; }
    [[nodiscard]] std::size_t size() const noexcept { return cell_psu_.size(); }
    /// True when every row is its own PSU: row i is slot i.
    [[nodiscard]] bool identity() const noexcept { return identity_; }
    /// Slot of every row (empty when identity()).
    [[nodiscard]] std::span<const code32> row_cells() const noexcept { return row_cell_; }
    /// PSU and domain of every slot.
    [[nodiscard]] std::span<const code32> cell_psu() const noexcept { return cell_psu_; }
    [[nodiscard]] std::span<const code32> cell_domain() const noexcept { return cell_domain_; }
    /// Slots in (PSU, domain) order; empty when slots already are in that order.
    [[nodiscard]] std::span<const code32> sorted() const noexcept { return sorted_; }

private:
    /// The codes of a Domains, read in place, after checking they cover the design's rows.
    struct StoredCodes {
        std::span<const code32> codes;
        const code32* operator()(std::size_t b0, std::size_t, code32*) const noexcept { return codes.data() + b0; }
    };
    static StoredCodes checked(const Design& design, const Domains& domains) {
        if (domains.codes().size() != design.rows())
            throw value_error("domain codes have " + std::to_string(domains.codes().size()) + " rows, the design " +
                              std::to_string(design.rows()));
        return {domains.codes()};
    }

    /// `body(b0, m, codes)` for every chunk of rows with its domain codes.
    template <class Codes, class Body>
    void for_chunks(Codes& codes, Body&& body) const {
        constexpr std::size_t chunk = 4096;
        std::vector<code32> scratch(std::min(chunk, rows_));
        for (std::size_t b0 = 0; b0 < rows_; b0 += chunk) {
            const std::size_t m = std::min(chunk, rows_ - b0);
            body(b0, m, static_cast<const code32*>(codes(b0, m, scratch.data())));
        }
    }

    /// The first two cells of every PSU inline, further ones in a chain per
    /// PSU; false (and nothing kept) when chains get long. A row costs one
    /// random read (the PSU's entry, prefetched) and no branch that the data
    /// decide while a PSU holds at most two domains (e.g. the two sexes of
    /// one region).
    template <class Codes>
    bool build_by_chains(std::span<const code32> psu, Codes& codes, code32 psus, bool forced) {
        const std::size_t n = psu.size();
        struct First {
            code32 domain[2], slot[2];
        };
        struct Link {
            code32 domain, slot, next;
        };
        std::vector<First> first(psus, First{{no_code, no_code}, {no_code, no_code}});
        std::vector<code32> more(psus, no_code);  // chain of the PSU's third and later cells
        std::vector<Link> link;
        std::vector<code32> slot_psu, slot_domain;
        std::size_t steps = 0;
        auto add = [&](code32 p, code32 d) {
            if (slot_psu.size() >= no_code - 1) throw value_error("more than 2^32 - 2 (PSU, domain) cells");
            slot_psu.push_back(p), slot_domain.push_back(d);
            return static_cast<code32>(slot_psu.size() - 1);
        };
        // A cell not among the PSU's first two: fill a free inline place, or walk (and extend) the chain.
        auto find_or_add = [&](code32 p, code32 d) {
            First& f = first[p];
            for (int j = 0; j < 2; ++j)
                if (f.slot[j] == no_code) {
                    f.domain[j] = d, f.slot[j] = add(p, d);
                    return f.slot[j];
                }
            code32 l = more[p];
            while (l != no_code && link[l].domain != d) l = link[l].next, ++steps;
            if (l != no_code) return link[l].slot;
            const code32 c = add(p, d);
            link.push_back({d, c, more[p]});
            more[p] = static_cast<code32>(link.size() - 1);
            return c;
        };
        row_cell_.resize(n);
        constexpr std::size_t ahead = 32;  // the PSUs' entries miss the cache
        bool gave_up = false;
        for_chunks(codes, [&](std::size_t b0, std::size_t m, const code32* dom) {
            if (gave_up) return;
            for (std::size_t i = b0; i < b0 + m; ++i) {
#if defined(__GNUC__)
                if (i + ahead < n) __builtin_prefetch(first.data() + psu[i + ahead]);
#endif
                const code32 p = psu[i], d = dom[i - b0];
                const First& f = first[p];
                // Masks, not branches: which of the two matches is as random as the rows.
                const code32 m0 = 0u - static_cast<code32>(f.domain[0] == d);
                const code32 m1 = 0u - static_cast<code32>(f.domain[1] == d);
                code32 c = (f.slot[0] & m0) | (f.slot[1] & m1) | ~(m0 | m1);  // no_code: neither
                if (c == no_code) c = find_or_add(p, d);
                row_cell_[i] = c;
            }
            gave_up = !forced && steps > 8 * (b0 + m);  // ~8 cells per PSU and more: sort instead
        });
        if (gave_up) {
            row_cell_ = {};
            return false;
        }
        first = {}, more = {}, link = {};
        // Slots by PSU (counting sort), then by domain within each PSU's few.
        std::vector<std::uint32_t> start(static_cast<std::size_t>(psus) + 1, 0);
        for (code32 p : slot_psu) ++start[p + 1];
        for (code32 p = 0; p < psus; ++p) start[p + 1] += start[p];
        sorted_.resize(slot_psu.size());
        {
            std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
            for (code32 c = 0; c < sorted_.size(); ++c) sorted_[next[slot_psu[c]]++] = c;
        }
        for (code32 p = 0; p < psus; ++p)
            std::sort(sorted_.begin() + start[p], sorted_.begin() + start[p + 1],
                      [&](code32 a, code32 b) { return slot_domain[a] < slot_domain[b]; });
        cell_psu_ = std::move(slot_psu);
        cell_domain_ = std::move(slot_domain);
        cell_psu_.shrink_to_fit(), cell_domain_.shrink_to_fit();  // grown by doubling
        return true;
    }

    /// Counting sort of rows by PSU: O(rows + PSUs + domains) whatever the
    /// coding; slots come out in (PSU, domain) order.
    template <class Codes>
    void build_by_sorting(std::span<const code32> psu, Codes& codes, code32 psus) {
        const std::size_t n = psu.size();
        std::vector<std::uint32_t> start(static_cast<std::size_t>(psus) + 1, 0);
        for (code32 p : psu) ++start[p + 1];
        for (code32 p = 0; p < psus; ++p) start[p + 1] += start[p];
        // Rows and their domains grouped by PSU (stable: row order within a PSU).
        std::vector<std::uint32_t> perm(n);
        std::vector<code32> grouped(n);
        {
            std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
            for_chunks(codes, [&](std::size_t b0, std::size_t m, const code32* dom) {
                for (std::size_t i = b0; i < b0 + m; ++i) {
                    const std::uint32_t at = next[psu[i]]++;
                    perm[at] = static_cast<std::uint32_t>(i);
                    grouped[at] = dom[i - b0];
                }
            });
        }
        row_cell_.resize(n);
        cell_psu_.clear();
        cell_domain_.clear();
        sorted_.clear();
        std::vector<code32> slot(domains_, no_code);
        std::vector<code32> seen;
        for (code32 p = 0; p < psus; ++p) {
            seen.clear();
            for (std::uint32_t k = start[p]; k < start[p + 1]; ++k)
                if (slot[grouped[k]] == no_code) slot[grouped[k]] = 0, seen.push_back(grouped[k]);
            std::sort(seen.begin(), seen.end());
            if (cell_psu_.size() + seen.size() >= no_code) throw value_error("more than 2^32 - 2 (PSU, domain) cells");
            for (code32 d : seen) {
                slot[d] = static_cast<code32>(cell_psu_.size());
                cell_psu_.push_back(p);
                cell_domain_.push_back(d);
            }
            for (std::uint32_t k = start[p]; k < start[p + 1]; ++k) row_cell_[perm[k]] = slot[grouped[k]];
            for (code32 d : seen) slot[d] = no_code;
        }
    }

    std::size_t rows_ = 0;
    code32 domains_ = 0, psus_ = 0;
    bool identity_ = false;
    std::vector<code32> row_cell_, cell_psu_, cell_domain_, sorted_;
};

// ----------------------------------------------------------------- accumulator

/// The raw state of an Accumulator. Sums are stored (K + 1) per entry: slot 0
/// is sum w, slot 1 + k is sum w * variables[k].
struct AccumulatorParts {
    std::vector<std::string> variables;
    code32 domains = 1;
    LonelyPsu lonely_psu = LonelyPsu::fail;

    std::vector<std::uint64_t> domain_rows;  // [domain]
    std::vector<double> domain_sums;         // [domain][K + 1]

    // Linearisation and internal bootstrap.
    bool has_cells = false;
    std::vector<code32> psu_stratum;            // [PSU code] stratum, no_code for codes no row used
    std::vector<code32> cell_psu, cell_domain;  // strictly increasing (PSU, domain)
    std::vector<std::uint64_t> cell_rows;       // rows in the cell after the row filter
    std::vector<double> cell_sums;              // [cell][K + 1]

    // Supplied replicate weights.
    std::uint32_t replicates = 0;
    ReplicateSpec replicate_spec;
    std::vector<double> replicate_sums;  // [domain][replicate][K + 1]

    [[nodiscard]] std::size_t stride() const noexcept { return variables.size() + 1; }
};

struct LinearizationLayout;  // variance.hpp

namespace detail {
/// What estimators derive from an accumulator's sums and reuse across calls
/// (seven indicators from one accumulator build these once). Shared by
/// copies, replaced on every change; the mutex makes const use thread-safe.
struct AccumulatorCache {
    std::mutex mutex;
    std::shared_ptr<const LinearizationLayout> layout;
    std::uint64_t bootstrap_seed = 0;
    std::uint32_t bootstrap_replicates = 0;
    LonelyPsu bootstrap_lonely = LonelyPsu::fail;
    std::shared_ptr<const std::vector<double>> bootstrap_sums;  // [domain][replicate][K + 1]
};
}  // namespace detail

class Accumulator {
public:
    Accumulator() = default;

    /// Validate raw parts (sizes, sorted unique cells, codes in range, finite
    /// sums) and take them over; value_error naming the first inconsistency.
    static Accumulator from_parts(AccumulatorParts parts) {
        check(parts);
        Accumulator a;
        a.p_ = std::move(parts);
        return a;
    }

    [[nodiscard]] const AccumulatorParts& parts() const noexcept { return p_; }
    [[nodiscard]] const std::vector<std::string>& variables() const noexcept { return p_.variables; }
    [[nodiscard]] code32 domain_count() const noexcept { return p_.domains; }
    [[nodiscard]] bool has_cells() const noexcept { return p_.has_cells; }
    [[nodiscard]] std::uint32_t replicate_count() const noexcept { return p_.replicates; }
    [[nodiscard]] LonelyPsu lonely_psu() const noexcept { return p_.lonely_psu; }

    /// Slot of a variable in the sums (1 + its position); key_error naming it when absent.
    [[nodiscard]] std::size_t slot(std::string_view variable) const {
        for (std::size_t k = 0; k < p_.variables.size(); ++k)
            if (p_.variables[k] == variable) return k + 1;
        std::string known;
        for (const auto& v : p_.variables) known += (known.empty() ? "'" : ", '") + v + "'";
        throw key_error("variable '" + std::string(variable) + "' was not accumulated (accumulated: " + known + ")");
    }

    [[nodiscard]] std::uint64_t rows(code32 d) const { return p_.domain_rows.at(d); }
    [[nodiscard]] double weight_sum(code32 d) const { return p_.domain_sums.at(d * p_.stride()); }
    [[nodiscard]] double sum(code32 d, std::string_view variable) const {
        return p_.domain_sums.at(d * p_.stride() + slot(variable));
    }

    /// Add another accumulator's sums (the monoid operation).
    Accumulator& merge(const Accumulator& other);
    [[nodiscard]] friend Accumulator merge(Accumulator a, const Accumulator& b) {
        a.merge(b);
        return a;
    }

    friend bool operator==(const Accumulator& a, const Accumulator& b) { return equal_parts(a.p_, b.p_); }

    /// Derived data reused by the estimators (internal).
    [[nodiscard]] detail::AccumulatorCache& cache() const {
        if (!cache_) cache_ = std::make_shared<detail::AccumulatorCache>();  // only a moved-from object lacks one
        return *cache_;
    }

private:
    static void check(const AccumulatorParts& p);
    static bool equal_parts(const AccumulatorParts& a, const AccumulatorParts& b);

    AccumulatorParts p_;
    mutable std::shared_ptr<detail::AccumulatorCache> cache_ = std::make_shared<detail::AccumulatorCache>();
};

struct AccumulateOptions {
    /// Row filter (e.g. age >= 15): 1 = in, 0 = out. Rows outside are outside
    /// every domain but stay in the design (their PSUs count, with zero
    /// score). Empty: every row. Values of rows outside may be NaN.
    std::span<const std::uint8_t> where;
    /// Keep per-(PSU, domain) sums: needed for Taylor linearisation and the
    /// internal bootstrap; off gives the point-estimate-only fast path.
    bool linearization = true;
    /// Sum under each supplied replicate weight (when the design has them).
    bool replicates = true;
    /// A cell index built once for this design and domain coding; built here when null.
    const CellIndex* cells = nullptr;
};

namespace detail {

/// Sums per target (cell or domain) in blocks of K + 2 doubles: sum w, sum
/// w*v for each variable, then the row count (exact in a double below 2^53),
/// so one cache line or two hold everything a row touches.
template <int K>  // K > 0: number of variables known at compile time; 0: runtime `k`
inline void sum_rows(std::size_t n, const code32* target, const double* w, const std::uint8_t* where,
                     const double* const* vars, std::size_t k, double* blocks) {
    const std::size_t nvar = K > 0 ? static_cast<std::size_t>(K) : k;
    const std::size_t stride = nvar + 2;
    constexpr std::size_t ahead = 16;  // prefetch distance: random targets miss the cache
    for (std::size_t i = 0; i < n; ++i) {
#if defined(__GNUC__)
        if (target != nullptr && i + ahead < n) __builtin_prefetch(blocks + target[i + ahead] * stride, 1);
#endif
        if (where != nullptr && where[i] == 0) continue;
        const std::size_t t = target != nullptr ? target[i] : i;
        const double wi = w[i];
        double* s = blocks + t * stride;
        s[0] += wi;
        if constexpr (K > 0) {
            for (int j = 0; j < K; ++j) s[j + 1] += wi * vars[j][i];
        } else {
            for (std::size_t j = 0; j < nvar; ++j) s[j + 1] += wi * vars[j][i];
        }
        s[nvar + 1] += 1.0;
    }
}

/// Sums into blocks, then split into (sums, rows) as AccumulatorParts stores them.
inline void sum_rows_into(std::size_t n, const code32* target, std::size_t targets, const double* w,
                          const std::uint8_t* where, const double* const* vars, std::size_t k,
                          std::span<const code32> order, std::vector<double>& sums, std::vector<std::uint64_t>& rows) {
    std::vector<double> blocks(targets * (k + 2), 0.0);
    switch (k) {
        case 1: sum_rows<1>(n, target, w, where, vars, k, blocks.data()); break;
        case 2: sum_rows<2>(n, target, w, where, vars, k, blocks.data()); break;
        case 3: sum_rows<3>(n, target, w, where, vars, k, blocks.data()); break;
        case 7: sum_rows<7>(n, target, w, where, vars, k, blocks.data()); break;
        default: sum_rows<0>(n, target, w, where, vars, k, blocks.data()); break;
    }
    sums.resize(targets * (k + 1));
    rows.resize(targets);
    for (std::size_t t = 0; t < targets; ++t) {  // output position t holds target order[t]
        const double* b = blocks.data() + (order.empty() ? t : order[t]) * (k + 2);
        std::copy(b, b + k + 1, sums.data() + t * (k + 1));
        rows[t] = static_cast<std::uint64_t>(b[k + 1]);
    }
}

/// Replicate sums, rows in blocks so a block's domains and values stay in
/// cache while every replicate column streams through it.
inline void sum_replicates(const Design& design, std::span<const code32> domain, const std::uint8_t* where,
                           const std::vector<const double*>& vars, std::uint32_t replicates, double* sums) {
    const auto& rw = design.replicate_weights();
    const bool combined = design.replicate_spec().combined_weights;
    const double* w = design.weights().data();
    const std::size_t n = design.rows(), nvar = vars.size(), stride = nvar + 1;
    const std::ptrdiff_t rs = rw.row_stride();
    constexpr std::size_t block = 512;
    for (std::size_t b0 = 0; b0 < n; b0 += block) {
        const std::size_t b1 = std::min(n, b0 + block);
        for (std::uint32_t r = 0; r < replicates; ++r) {
            const double* col = rw.column(r);
            for (std::size_t i = b0; i < b1; ++i) {
                if (where != nullptr && where[i] == 0) continue;
                double wi = col[static_cast<std::ptrdiff_t>(i) * rs];
                if (!combined) wi *= w[i];
                double* s = sums + (static_cast<std::size_t>(domain[i]) * replicates + r) * stride;
                s[0] += wi;
                for (std::size_t j = 0; j < nvar; ++j) s[j + 1] += wi * vars[j][i];
            }
        }
    }
}

/// Sums went non-finite: name the first in-filter row with a non-finite value.
[[noreturn]] inline void throw_non_finite(std::span<const Variable> variables, const std::uint8_t* where,
                                          std::size_t rows) {
    for (std::size_t i = 0; i < rows; ++i) {
        if (where != nullptr && where[i] == 0) continue;
        for (const auto& v : variables)
            if (!std::isfinite(v.values[i]))
                throw value_error(row_column(i, v.name) + ": value " + number(v.values[i]) +
                                  " is not a finite number; rows inside the filter need values "
                                  "(leave rows with missing values out with the row filter)");
    }
    throw value_error("weighted sums overflowed the range of double (values or weights too large)");
}

inline bool all_finite(const std::vector<double>& v) {
    double acc = 0;
    for (double x : v) acc += x * 0.0;  // NaN iff some x is NaN or infinite
    return acc == 0.0;
}

}  // namespace detail

/// One pass over the design's rows: sums per domain, per (PSU, domain) cell
/// (options.linearization) and per supplied replicate (options.replicates).
[[nodiscard]] inline Accumulator accumulate(const Design& design, const Domains& domains,
                                            std::span<const Variable> variables,
                                            const AccumulateOptions& options = {}) {
    const std::size_t n = design.rows();
    if (domains.codes().size() != n)
        throw value_error("domain codes have " + std::to_string(domains.codes().size()) + " rows, the design " +
                          std::to_string(n));
    if (!options.where.empty() && options.where.size() != n)
        throw value_error("the row filter has " + std::to_string(options.where.size()) + " rows, the design " +
                          std::to_string(n));
    AccumulatorParts p;
    std::vector<const double*> vars;
    for (const auto& v : variables) {
        if (v.name.empty()) throw value_error("a variable has an empty name");
        if (std::find(p.variables.begin(), p.variables.end(), v.name) != p.variables.end())
            throw value_error("variable '" + v.name + "' is given twice");
        if (v.values.size() != n)
            throw value_error("column '" + v.name + "' has " + std::to_string(v.values.size()) + " rows, the design " +
                              std::to_string(n));
        p.variables.push_back(v.name);
        vars.push_back(v.values.data());
    }
    const std::size_t k = vars.size(), stride = k + 1;
    const code32 nd = domains.count();
    const std::uint8_t* where = options.where.empty() ? nullptr : options.where.data();
    p.domains = nd;
    p.lonely_psu = design.options().lonely_psu;
    p.domain_rows.assign(nd, 0);
    p.domain_sums.assign(static_cast<std::size_t>(nd) * stride, 0.0);

    if (options.linearization) {
        p.has_cells = true;
        p.psu_stratum.resize(design.psu_count());
        for (code32 q = 0; q < design.psu_count(); ++q) p.psu_stratum[q] = design.stratum_of_psu(q);
        std::optional<CellIndex> built;
        const CellIndex* index = options.cells;
        if (index == nullptr) index = &built.emplace(design, domains);
        if (index->rows() != n || index->domain_count() != nd || index->psu_count() != design.psu_count())
            throw value_error("the cell index was built for another design or domain coding");
        detail::sum_rows_into(n, index->identity() ? nullptr : index->row_cells().data(), index->size(),
                              design.weights().data(), where, vars.data(), k, index->sorted(), p.cell_sums,
                              p.cell_rows);
        p.cell_psu.resize(index->size()), p.cell_domain.resize(index->size());
        const auto order = index->sorted();
        for (std::size_t c = 0; c < index->size(); ++c) {
            const code32 slot = order.empty() ? static_cast<code32>(c) : order[c];
            p.cell_psu[c] = index->cell_psu()[slot];
            p.cell_domain[c] = index->cell_domain()[slot];
        }
        for (std::size_t c = 0; c < p.cell_psu.size(); ++c) {
            const code32 d = p.cell_domain[c];
            p.domain_rows[d] += p.cell_rows[c];
            for (std::size_t j = 0; j < stride; ++j) p.domain_sums[d * stride + j] += p.cell_sums[c * stride + j];
        }
    } else {
        detail::sum_rows_into(n, domains.codes().data(), nd, design.weights().data(), where, vars.data(), k, {},
                              p.domain_sums, p.domain_rows);
    }
    if (options.replicates && design.has_replicates()) {
        p.replicates = static_cast<std::uint32_t>(design.replicate_weights().count());
        p.replicate_spec = design.replicate_spec();
        p.replicate_sums.assign(static_cast<std::size_t>(nd) * p.replicates * stride, 0.0);
        detail::sum_replicates(design, domains.codes(), where, vars, p.replicates, p.replicate_sums.data());
    }
    if (!detail::all_finite(p.domain_sums) || !detail::all_finite(p.replicate_sums))
        detail::throw_non_finite(variables, where, n);
    return Accumulator::from_parts(std::move(p));
}

// ----------------------------------------------------------------- checks and merge

inline void Accumulator::check(const AccumulatorParts& p) {
    const std::string who = "accumulator: ";
    const std::size_t k = p.variables.size(), stride = k + 1;
    for (std::size_t i = 0; i < k; ++i) {
        if (p.variables[i].empty()) throw value_error(who + "variable " + std::to_string(i) + " has an empty name");
        for (std::size_t j = 0; j < i; ++j)
            if (p.variables[i] == p.variables[j]) throw value_error(who + "variable '" + p.variables[i] + "' twice");
    }
    if (p.domains == 0 || p.domains == no_code) throw value_error(who + "domain count must be at least 1");
    if (static_cast<int>(p.lonely_psu) > static_cast<int>(LonelyPsu::average))
        throw value_error(who + "unknown lonely-PSU option");
    const std::size_t nd = p.domains;
    if (p.domain_rows.size() != nd || p.domain_sums.size() != nd * stride)
        throw value_error(who + "per-domain arrays do not match " + std::to_string(nd) + " domains x " +
                          std::to_string(k) + " variables");
    if (!detail::all_finite(p.domain_sums)) throw value_error(who + "non-finite domain sums");
    if (p.has_cells) {
        const std::size_t cells = p.cell_psu.size();
        if (p.cell_domain.size() != cells || p.cell_rows.size() != cells || p.cell_sums.size() != cells * stride)
            throw value_error(who + "cell arrays have different lengths");
        std::vector<std::uint64_t> rows(nd, 0);
        for (std::size_t c = 0; c < cells; ++c) {
            const code32 q = p.cell_psu[c], d = p.cell_domain[c];
            if (d >= nd)
                throw value_error(who + "cell " + std::to_string(c) + " has domain " + std::to_string(d) + " outside " +
                                  std::to_string(nd) + " domains");
            if (q >= p.psu_stratum.size() || p.psu_stratum[q] == no_code)
                throw value_error(who + "cell " + std::to_string(c) + " has PSU " + std::to_string(q) +
                                  " without a stratum");
            if (c > 0 && !(p.cell_psu[c - 1] < q || (p.cell_psu[c - 1] == q && p.cell_domain[c - 1] < d)))
                throw value_error(who + "cells are not in strictly increasing (PSU, domain) order at cell " +
                                  std::to_string(c));
            rows[d] += p.cell_rows[c];
        }
        if (rows != p.domain_rows) throw value_error(who + "cell row counts do not add up to the domain row counts");
        if (!detail::all_finite(p.cell_sums)) throw value_error(who + "non-finite cell sums");
    } else if (!p.psu_stratum.empty() || !p.cell_psu.empty() || !p.cell_domain.empty() || !p.cell_rows.empty() ||
               !p.cell_sums.empty()) {
        throw value_error(who + "cell arrays present without has_cells");
    }
    if (p.replicates > 0) {
        p.replicate_spec.validate(p.replicates);
        if (p.replicate_sums.size() != nd * p.replicates * stride)
            throw value_error(who + "replicate sums do not match domains x replicates x variables");
        if (!detail::all_finite(p.replicate_sums)) throw value_error(who + "non-finite replicate sums");
    } else if (!p.replicate_sums.empty()) {
        throw value_error(who + "replicate sums present without replicates");
    }
}

inline bool Accumulator::equal_parts(const AccumulatorParts& a, const AccumulatorParts& b) {
    return a.variables == b.variables && a.domains == b.domains && a.lonely_psu == b.lonely_psu &&
           a.domain_rows == b.domain_rows && a.domain_sums == b.domain_sums && a.has_cells == b.has_cells &&
           a.psu_stratum == b.psu_stratum && a.cell_psu == b.cell_psu && a.cell_domain == b.cell_domain &&
           a.cell_rows == b.cell_rows && a.cell_sums == b.cell_sums && a.replicates == b.replicates &&
           a.replicate_spec == b.replicate_spec && a.replicate_sums == b.replicate_sums;
}

inline Accumulator& Accumulator::merge(const Accumulator& other) {
    const auto& b = other.p_;
    auto& a = p_;
    // Every check before any change: a failed merge leaves this accumulator as it was.
    const std::string who = "cannot merge accumulators: ";
    if (a.variables != b.variables) throw value_error(who + "they hold different variables");
    if (a.has_cells != b.has_cells) throw value_error(who + "one has linearisation cells and the other not");
    if (a.lonely_psu != b.lonely_psu)
        throw value_error(who + "lonely-PSU options differ (" + std::string(to_string(a.lonely_psu)) + " and " +
                          std::string(to_string(b.lonely_psu)) + ")");
    if (a.replicates != b.replicates || (a.replicates > 0 && !(a.replicate_spec == b.replicate_spec)))
        throw value_error(who + "their replicate weights differ (" + std::to_string(a.replicates) + " and " +
                          std::to_string(b.replicates) + " replicates, or another type or scale)");
    for (std::size_t q = 0; q < std::min(a.psu_stratum.size(), b.psu_stratum.size()); ++q)
        if (a.psu_stratum[q] != no_code && b.psu_stratum[q] != no_code && a.psu_stratum[q] != b.psu_stratum[q])
            throw value_error(who + "PSU " + std::to_string(q) + " is in stratum " + std::to_string(a.psu_stratum[q]) +
                              " in one and stratum " + std::to_string(b.psu_stratum[q]) +
                              " in the other (partitions must share global PSU and stratum codes)");
    cache_ = std::make_shared<detail::AccumulatorCache>();  // copies keep the old one, which still fits them
    const std::size_t stride = a.stride();

    // Domains: the larger coding wins; sums add.
    if (b.domains > a.domains) {
        if (a.replicates > 0) a.replicate_sums.resize(static_cast<std::size_t>(b.domains) * a.replicates * stride, 0.0);
        a.domains = b.domains;
        a.domain_rows.resize(a.domains, 0);
        a.domain_sums.resize(static_cast<std::size_t>(a.domains) * stride, 0.0);
    }
    for (std::size_t d = 0; d < b.domains; ++d) a.domain_rows[d] += b.domain_rows[d];
    for (std::size_t i = 0; i < b.domain_sums.size(); ++i) a.domain_sums[i] += b.domain_sums[i];
    for (std::size_t i = 0; i < b.replicate_sums.size(); ++i) a.replicate_sums[i] += b.replicate_sums[i];

    if (a.has_cells) {
        if (b.psu_stratum.size() > a.psu_stratum.size()) a.psu_stratum.resize(b.psu_stratum.size(), no_code);
        for (std::size_t q = 0; q < b.psu_stratum.size(); ++q)
            if (b.psu_stratum[q] != no_code) a.psu_stratum[q] = b.psu_stratum[q];
        // Sorted merge of the two cell lists.
        AccumulatorParts m;
        const std::size_t na = a.cell_psu.size(), nb = b.cell_psu.size();
        m.cell_psu.reserve(na + nb), m.cell_domain.reserve(na + nb), m.cell_rows.reserve(na + nb);
        m.cell_sums.reserve((na + nb) * stride);
        std::size_t i = 0, j = 0;
        auto take = [&](const AccumulatorParts& s, std::size_t c) {
            m.cell_psu.push_back(s.cell_psu[c]);
            m.cell_domain.push_back(s.cell_domain[c]);
            m.cell_rows.push_back(s.cell_rows[c]);
            m.cell_sums.insert(m.cell_sums.end(), s.cell_sums.begin() + static_cast<std::ptrdiff_t>(c * stride),
                               s.cell_sums.begin() + static_cast<std::ptrdiff_t>((c + 1) * stride));
        };
        while (i < na || j < nb) {
            if (j == nb || (i < na && (a.cell_psu[i] < b.cell_psu[j] ||
                                       (a.cell_psu[i] == b.cell_psu[j] && a.cell_domain[i] < b.cell_domain[j])))) {
                take(a, i++);
            } else if (i == na || b.cell_psu[j] < a.cell_psu[i] || b.cell_domain[j] < a.cell_domain[i]) {
                take(b, j++);
            } else {  // same cell
                take(a, i);
                m.cell_rows.back() += b.cell_rows[j];
                double* s = m.cell_sums.data() + m.cell_sums.size() - stride;
                for (std::size_t t = 0; t < stride; ++t) s[t] += b.cell_sums[j * stride + t];
                ++i, ++j;
            }
        }
        a.cell_psu = std::move(m.cell_psu);
        a.cell_domain = std::move(m.cell_domain);
        a.cell_rows = std::move(m.cell_rows);
        a.cell_sums = std::move(m.cell_sums);
    }
    return *this;
}

// ----------------------------------------------------------------- archives

/// Save an accumulator (Boost archive in the gendex envelope, kind "accumulator").
[[nodiscard]] std::string to_archive(const Accumulator& acc, ArchiveFormat format = ArchiveFormat::binary);
/// Load one; archive_error for anything truncated, corrupted, inconsistent or newer.
[[nodiscard]] Accumulator accumulator_from_archive(std::string_view bytes, std::string_view name = "archive");

inline constexpr unsigned accumulator_archive_version = 1;

}  // namespace gendex::micro
