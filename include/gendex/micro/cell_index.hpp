// Row -> (PSU, domain) cell: the index the summing pass (accumulate.hpp)
// scatters rows through when it keeps per-PSU sums.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/large_array.hpp"

namespace gendex::micro {

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
    [[nodiscard]] std::span<const code32> row_cells() const noexcept { return {row_cell_.data(), row_cell_.size()}; }
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
        row_cell_ = detail::LargeArray<code32>(n);  // every row written (or all dropped)
        constexpr std::size_t ahead = 32;           // the PSUs' entries miss the cache
        bool gave_up = false;
        code32* const row_cell = row_cell_.data();
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
                row_cell[i] = c;
            }
            // Chain steps beyond 2 per row so far: domains cross PSUs (walks grow with every row
            // read), sort instead. Caught early, when little walking has been done.
            gave_up = !forced && steps > 2 * (b0 + m);
        });
        if (gave_up) {
            row_cell_.release();
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
        detail::LargeArray<std::uint32_t> perm(n);  // every place written
        detail::LargeArray<code32> grouped(n);
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
        row_cell_ = detail::LargeArray<code32>(n);  // every row written
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
    detail::LargeArray<code32> row_cell_;
    std::vector<code32> cell_psu_, cell_domain_, sorted_;
};

}  // namespace gendex::micro
