// Mergeable, serializable sums of person rows: what design-based estimation
// by domain needs, without keeping the rows:
//   per domain:             rows, sum w, sum w*v for every variable v
//   per (PSU, domain) cell: the same sums (Taylor linearisation and the
//                           internal bootstrap turn them into score totals)
//   per (domain, replicate): the same sums under each supplied replicate weight
//   per domain, optionally:  sum w*a*b for every pair of slots (design effects)
// An Accumulator is a monoid: merge(a, b) adds sums cell by cell, so
// partitions of the rows (files, threads, machines) can be accumulated
// anywhere (accumulate.hpp), saved (to_archive) and combined in any order;
// results differ only by floating-point rounding. Codes (PSU, stratum,
// domain) must be the same global codes in every partition.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gendex/archive_format.hpp"
#include "gendex/error.hpp"
#include "gendex/micro/design.hpp"

namespace gendex::micro {

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

    // Finite population corrections: N_h per stratum code (NaN for a stratum
    // this partition has no rows of); empty without them (Design::with_fpc).
    std::vector<double> stratum_population;

    // Second moments for the design effects (design_effect.hpp): per domain, sum w*a*b over the
    // slots a <= b (slot 0 is 1, so these include sum w and sum w*v), product_index order;
    // empty when not kept (AccumulateOptions::moments) or when merged with an accumulator without.
    std::vector<double> domain_products;  // [domain][(K + 1)(K + 2) / 2]

    [[nodiscard]] std::size_t stride() const noexcept { return variables.size() + 1; }
    [[nodiscard]] std::size_t products() const noexcept { return stride() * (stride() + 1) / 2; }
    /// Position of slots (a, b) in a domain's products, a <= b or not.
    [[nodiscard]] std::size_t product_index(std::size_t a, std::size_t b) const noexcept {
        if (a > b) std::swap(a, b);
        return a * stride() - a * (a - 1) / 2 + (b - a);
    }
};

namespace detail {
/// Room for what estimators derive from an accumulator's sums and reuse
/// across calls (variance.hpp keeps its result cache here). Shared by copies,
/// replaced on every change; the mutex makes const use thread-safe.
struct DerivedSlot {
    std::mutex mutex;
    std::shared_ptr<void> data;
};

/// Equal population sizes, NaN (unknown) equal to NaN.
inline bool same_populations(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t h = 0; h < a.size(); ++h)
        if (!(a[h] == b[h] || (std::isnan(a[h]) && std::isnan(b[h])))) return false;
    return true;
}

inline bool all_finite(const std::vector<double>& v) {
    double acc = 0;
    for (double x : v) acc += x * 0.0;  // NaN iff some x is NaN or infinite
    return acc == 0.0;
}
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
        throw key_error(Location{.key = std::string(variable)},
                        "variable '" + std::string(variable) + "' was not accumulated (accumulated: " + known + ")");
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
    [[nodiscard]] detail::DerivedSlot& cache() const {
        if (!cache_) cache_ = std::make_shared<detail::DerivedSlot>();  // only a moved-from object lacks one
        return *cache_;
    }

private:
    static void check(const AccumulatorParts& p);
    static bool equal_parts(const AccumulatorParts& a, const AccumulatorParts& b);

    AccumulatorParts p_;
    mutable std::shared_ptr<detail::DerivedSlot> cache_ = std::make_shared<detail::DerivedSlot>();
};

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
    if (!p.domain_products.empty() && p.domain_products.size() != nd * p.products())
        throw value_error(who + "second moments do not match domains x pairs of variables");
    if (!detail::all_finite(p.domain_products)) throw value_error(who + "non-finite second moments");
    for (double population : p.stratum_population)
        if (!(std::isnan(population) || (population > 0 && std::isfinite(population))))
            throw value_error(who + "a stratum population size must be a finite number > 0");
    if (!p.stratum_population.empty())
        for (code32 h : p.psu_stratum)
            if (h != no_code && !(h < p.stratum_population.size() && !std::isnan(p.stratum_population[h])))
                throw value_error(who + "stratum " + std::to_string(h) + " has PSUs but no population size");
}

inline bool Accumulator::equal_parts(const AccumulatorParts& a, const AccumulatorParts& b) {
    return a.variables == b.variables && a.domains == b.domains && a.lonely_psu == b.lonely_psu &&
           a.domain_rows == b.domain_rows && a.domain_sums == b.domain_sums && a.has_cells == b.has_cells &&
           a.psu_stratum == b.psu_stratum && a.cell_psu == b.cell_psu && a.cell_domain == b.cell_domain &&
           a.cell_rows == b.cell_rows && a.cell_sums == b.cell_sums && a.replicates == b.replicates &&
           a.replicate_spec == b.replicate_spec && a.replicate_sums == b.replicate_sums &&
           a.domain_products == b.domain_products &&
           detail::same_populations(a.stratum_population, b.stratum_population);
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
    if (a.stratum_population.empty() != b.stratum_population.empty())
        throw value_error(who + "one has finite population corrections and the other not");
    for (std::size_t h = 0; h < std::min(a.stratum_population.size(), b.stratum_population.size()); ++h)
        if (!std::isnan(a.stratum_population[h]) && !std::isnan(b.stratum_population[h]) &&
            a.stratum_population[h] != b.stratum_population[h])
            throw value_error(who + "stratum " + std::to_string(h) + " has population " +
                              detail::number(a.stratum_population[h]) + " in one and " +
                              detail::number(b.stratum_population[h]) + " in the other");
    cache_ = std::make_shared<detail::DerivedSlot>();  // copies keep the old one, which still fits them
    const std::size_t stride = a.stride();

    // Second moments only where both kept them (then design effects stay available).
    if (a.domain_products.empty() || b.domain_products.empty()) {
        a.domain_products.clear();
    } else if (b.domains > a.domains) {
        a.domain_products.resize(static_cast<std::size_t>(b.domains) * a.products(), 0.0);
    }
    if (!a.domain_products.empty())
        for (std::size_t i = 0; i < b.domain_products.size(); ++i) a.domain_products[i] += b.domain_products[i];

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
    if (b.stratum_population.size() > a.stratum_population.size())
        a.stratum_population.resize(b.stratum_population.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t h = 0; h < b.stratum_population.size(); ++h)
        if (!std::isnan(b.stratum_population[h])) a.stratum_population[h] = b.stratum_population[h];

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

/// 2 adds the stratum population sizes (finite population corrections), 3 the second moments
/// (design effects); 1 and 2 are still read (without them).
inline constexpr unsigned accumulator_archive_version = 3;

}  // namespace gendex::micro
