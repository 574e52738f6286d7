// Domains from by-columns: the dense domain code of every row, for columns of
// integers of any width (read in place), numbered in sorted order of the
// columns' value tuples, among the rows inside a row filter (R's
// svyby(~a + b, subset(design, where), ...) lists the combinations present
// in the subset, sorted).
//
// The combination never packs all columns into one product that could wrap:
// when the product of the columns' value ranges is small, one mixed-radix key
// per row (below the product, which is kept below max(2^16, rows)); otherwise
// each column is coded densely and the columns are combined one at a time,
// the running code re-densified after each, so every key stays below rows^2.
// The mixed-radix path runs on threads, each over its own share of the rows:
// a code is the rank of its tuple and a domain's first row the least over the
// shares, so the codes are the same for any number of threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "gendex/batch_compile.hpp"
#include "gendex/error.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/threads.hpp"

namespace gendex::micro {

/// One by-column: a span of integers of any width, read where it is.
struct KeyColumn {
    using Values =
        std::variant<std::span<const std::int8_t>, std::span<const std::int16_t>, std::span<const std::int32_t>,
                     std::span<const std::int64_t>, std::span<const std::uint8_t>, std::span<const std::uint16_t>,
                     std::span<const std::uint32_t>, std::span<const std::uint64_t>>;
    std::string name;
    Values values;
    /// Negative values mean "missing" (codes of a factorized or categorical column): an error naming the row.
    bool negative_is_missing = false;

    [[nodiscard]] std::size_t size() const {
        return std::visit([](const auto& v) { return v.size(); }, values);
    }
};

/// The domains found by code_domains(): how many, and a row to read each one's by-values from.
struct DomainList {
    code32 count = 0;  ///< domains (combinations present inside the filter); 0 when no row passes
    /// The first row inside the filter of each domain, in domain order.
    std::vector<std::size_t> first_row;
};

/// The domain of every row, and the domains.
struct DomainCodes : DomainList {
    std::vector<code32> codes;  ///< per row; rows outside the filter whose combination is no domain: 0
};

namespace detail {

/// Codes in [0, count), increasing with the value (tuple).
struct KeyCodes {
    std::vector<code32> codes;
    std::uint64_t count = 0;
};

/// A column read as unsigned offsets from its minimum (order kept): offset(i) = bits(v[i]) - low;
/// `range` = max - min + 1, 0 when that does not fit in 64 bits.
struct ColumnRange {
    std::uint64_t low = 0, range = 0;
};

/// The smallest and the largest value of a non-empty column (a clone per instruction set: the
/// baseline has no 32-bit vector min, and takes three times as long on an int32 column).
template <class T>
struct Extremes {
    T lo, hi;
};
template <class T>
GENDEX_BATCH_CLONES Extremes<T> extremes(std::span<const T> v) noexcept {
    T lo = v[0], hi = v[0];
    for (const T x : v) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    return {lo, hi};
}

/// Rows per coding chunk (a chunk's keys stay in cache while each column adds its digit); the
/// shares of rows on threads (threads.hpp) start at a chunk.
inline constexpr std::size_t coding_chunk_rows = 4096;

template <class T>
ColumnRange column_range(std::span<const T> v, const std::string& name, bool negative_is_missing, unsigned parts = 1) {
    if (v.empty()) return {};
    std::vector<Extremes<T>> part(parts, Extremes<T>{v[0], v[0]});
    for_row_shares(v.size(), parts, coding_chunk_rows, [&](std::size_t t, std::size_t first, std::size_t last) {
        if (last > first) part[t] = extremes(v.subspan(first, last - first));
    });
    T lo = v[0], hi = v[0];
    for (const auto& e : part) lo = std::min(lo, e.lo), hi = std::max(hi, e.hi);
    if constexpr (std::is_signed_v<T>) {
        if (negative_is_missing && lo < 0) {
            const auto it = std::find_if(v.begin(), v.end(), [](T x) { return x < 0; });
            throw value_error(row_column(static_cast<std::size_t>(it - v.begin()), name), "missing value");
        }
    }
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    return {static_cast<std::uint64_t>(lo), span == std::numeric_limits<std::uint64_t>::max() ? 0 : span + 1};
}

/// A value's offset from the column's minimum (`base`: the minimum's bits, truncated to 32), in 32
/// bits: the 64-bit difference's low bits, exact for an offset below 2^32 (a digit, a table index),
/// and 32-bit arithmetic lets the loops that use it vectorise.
template <class T>
GENDEX_BLOCK_INLINE inline code32 offset32(T v, code32 base) noexcept {
    return static_cast<code32>(static_cast<code32>(v) - base);
}

/// Rows [0, m) of a mixed-radix key: k = v - low (the first column), or k * radix + (v - low); a
/// clone per instruction set.
template <class T>
GENDEX_BATCH_CLONES void add_digit(code32* k, const T* v, std::size_t m, std::uint64_t low, code32 radix,
                                   bool first) noexcept {
    const auto base = static_cast<code32>(low);
    if (first)
        for (std::size_t i = 0; i < m; ++i) k[i] = offset32(v[i], base);
    else
        for (std::size_t i = 0; i < m; ++i) k[i] = k[i] * radix + offset32(v[i], base);
}

/// out[i] = table[v[i] - low] for rows [0, n), every value in the table's range (as the caller knows
/// from coding the column; look_up() checks it instead); a clone per instruction set.
template <class T>
GENDEX_BATCH_CLONES void look_up_codes(const T* __restrict v, std::size_t n, std::uint64_t low,
                                       const code32* __restrict table, code32* __restrict out) noexcept {
    const auto base = static_cast<code32>(low);
    for (std::size_t i = 0; i < n; ++i) out[i] = table[offset32(v[i], base)];
}

/// Replaces keys below `count` (at most `limit`) by their rank among the keys present.
inline void densify_small(KeyCodes& k) {
    std::vector<code32> table(k.count, 0);
    for (code32 c : k.codes) table[c] = 1;
    code32 next = 0;
    for (auto& t : table) t = t != 0 ? next++ : 0;
    for (auto& c : k.codes) c = table[c];
    k.count = next;
}

/// Dense codes from 64-bit keys by sorting the distinct ones.
inline KeyCodes densify_sorted(const std::vector<std::uint64_t>& keys) {
    std::vector<std::uint64_t> distinct = keys;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    KeyCodes out;
    out.codes.resize(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i)
        out.codes[i] =
            static_cast<code32>(std::lower_bound(distinct.begin(), distinct.end(), keys[i]) - distinct.begin());
    out.count = distinct.size();
    return out;
}

/// One column's dense codes in value order.
template <class T>
KeyCodes dense_column(std::span<const T> v, ColumnRange r, std::uint64_t limit) {
    const auto offset = [&](std::size_t i) { return static_cast<std::uint64_t>(v[i]) - r.low; };
    if (r.range != 0 && r.range <= limit) {
        KeyCodes out;
        out.codes.resize(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) out.codes[i] = static_cast<code32>(offset(i));
        out.count = r.range;
        densify_small(out);
        return out;
    }
    std::vector<std::uint64_t> keys(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) keys[i] = offset(i);
    return densify_sorted(keys);
}

/// `running` (count a) combined with `next` (count b): dense codes of the pairs, in pair order.
inline void combine(KeyCodes& running, const KeyCodes& next, std::uint64_t limit) {
    const std::size_t n = running.codes.size();
    const std::uint64_t b = next.count;
    if (running.count * b <= limit) {  // a, b <= rows < 2^32, so a * b < 2^64
        for (std::size_t i = 0; i < n; ++i)
            running.codes[i] = static_cast<code32>(running.codes[i] * b + next.codes[i]);
        running.count *= b;
        densify_small(running);
        return;
    }
    std::vector<std::uint64_t> keys(n);
    for (std::size_t i = 0; i < n; ++i) keys[i] = running.codes[i] * b + next.codes[i];
    running = densify_sorted(keys);
}

/// The first row of rows [b0, b1) of each key, rows outside the filter marked on slot `outside`
/// (no branch on the filter: it is often random). Returns how many keys below `outside` it marked.
/// Sorted data (a survey file in stratum and PSU order) comes in runs of one key, and its last keys
/// come late, so every row is looked at: blocks of 16 rows with the key of the row before them are
/// passed over in one vectorised test.
inline std::size_t mark_first(const code32* keys, std::span<const std::uint8_t> where, std::size_t b0, std::size_t b1,
                              code32 outside, std::vector<code32>& first) {
    const std::uint8_t* in = where.empty() ? nullptr : where.data();
    auto marks = [&](auto key) {
        std::size_t marked = 0;
        code32 previous = no_code;
        for (std::size_t i = b0; i < b1;) {
            const std::size_t end = std::min(b1, i + 16);
            code32 differ = 0;
            for (std::size_t j = i; j < end; ++j) differ |= key(j) ^ previous;
            if (differ == 0) {
                i = end;
                continue;
            }
            for (; i < end; ++i) {
                const code32 k = key(i);
                if (first[k] == no_code) first[k] = static_cast<code32>(i), marked += k != outside;
                previous = k;
            }
        }
        return marked;
    };
    if (in == nullptr) return marks([&](std::size_t i) { return keys[i]; });
    return marks([&](std::size_t i) {
        const code32 inside = 0u - static_cast<code32>(in[i] != 0);  // all ones inside the filter
        return (keys[i] & inside) | (outside & ~inside);
    });
}

}  // namespace detail

/// Writes the domain code of each row to `codes` (one per row) from `columns`
/// (none: every row in one domain), among the rows where `where` is non-zero
/// (empty: every row). `codes` may come from the caller's allocator (e.g. NumPy's). On `threads`
/// threads (0: every core), the same codes for any number.
inline DomainList code_domains(std::span<const KeyColumn> columns, std::span<const std::uint8_t> where,
                               std::span<code32> codes, unsigned threads = 0) {
    const std::size_t rows = codes.size();
    if (rows >= no_code) throw value_error("domains: at most 2^32 - 2 rows");
    for (const auto& c : columns)
        if (c.size() != rows)
            throw value_error("column '" + c.name + "' has " + std::to_string(c.size()) + " rows, the data " +
                              std::to_string(rows));
    if (!where.empty() && where.size() != rows)
        throw value_error("'where' has " + std::to_string(where.size()) + " rows, the data " + std::to_string(rows));
    DomainList out;
    if (columns.empty()) {
        std::fill(codes.begin(), codes.end(), code32{0});
        out.count = 1;
        out.first_row.assign(1, 0);
        return out;
    }
    const std::uint64_t limit = std::max<std::uint64_t>(std::uint64_t{1} << 16, rows);
    const unsigned parts = row_shares(rows, threads);

    // Every row's combination as a key below key.count, increasing with the value tuple.
    std::vector<detail::ColumnRange> ranges;
    std::uint64_t product = 1;
    for (const auto& c : columns) {
        ranges.push_back(std::visit(
            [&](const auto& v) { return detail::column_range(v, c.name, c.negative_is_missing, parts); }, c.values));
        const std::uint64_t r = ranges.back().range;
        product = (r == 0 || product > limit / r) ? limit + 1 : product * r;
    }
    std::vector<code32> first;  // first row inside the filter of each key (no_code: none)
    std::uint64_t keys = 1;
    if (product <= limit) {
        // One mixed-radix key per row, below the product of the ranges, made chunk by chunk (the chunk's
        // keys stay in cache while each column adds its digit) and the first rows marked on the way:
        // each share of the rows in its own table, the shares' tables then read in row order.
        keys = product;
        // A table per share: shares at most as many as keep the tables within the codes' size.
        const auto shares =
            static_cast<unsigned>(std::min<std::uint64_t>(parts, std::max<std::uint64_t>(1, rows / (product + 1))));
        std::vector<std::vector<code32>> firsts(shares);
        code32* k = codes.data();
        for_row_shares(rows, shares, detail::coding_chunk_rows, [&](std::size_t t, std::size_t b0, std::size_t b1) {
            std::vector<code32>& mine = firsts[t];
            mine.assign(product + 1, no_code);  // + 1: the slot of rows outside the filter
            std::uint64_t unmarked = product;   // once every key has its first row, no row need be looked at
            for (std::size_t c0 = b0; c0 < b1; c0 += detail::coding_chunk_rows) {
                const std::size_t c1 = std::min(b1, c0 + detail::coding_chunk_rows);
                for (std::size_t j = 0; j < columns.size(); ++j) {
                    const detail::ColumnRange r = ranges[j];
                    const auto radix = static_cast<code32>(r.range);
                    std::visit(
                        [&](const auto& v) { detail::add_digit(k + c0, v.data() + c0, c1 - c0, r.low, radix, j == 0); },
                        columns[j].values);
                }
                if (unmarked != 0) unmarked -= detail::mark_first(k, where, c0, c1, static_cast<code32>(product), mine);
            }
        });
        first = std::move(firsts[0]);
        for (std::size_t t = 1; t < shares; ++t)
            for (std::size_t key = 0; key <= product; ++key)
                if (first[key] == no_code) first[key] = firsts[t][key];
    } else {
        // Column by column, re-densified after each: every key stays below rows^2.
        detail::KeyCodes key;
        key.codes.assign(rows, 0);
        key.count = 1;
        for (std::size_t j = 0; j < columns.size(); ++j)
            std::visit([&](const auto& v) { detail::combine(key, detail::dense_column(v, ranges[j], limit), limit); },
                       columns[j].values);
        std::copy(key.codes.begin(), key.codes.end(), codes.begin());
        keys = key.count;
        first.assign(keys + 1, no_code);
        detail::mark_first(codes.data(), where, 0, rows, static_cast<code32>(keys), first);
    }
    first.pop_back();

    // The combinations present inside the filter, in key order, numbered densely.
    for (std::size_t k = 0; k < first.size(); ++k)
        if (first[k] != no_code) {
            out.first_row.push_back(first[k]);
            first[k] = static_cast<code32>(out.first_row.size() - 1);
        } else {
            first[k] = 0;  // no domain: rows outside the filter only
        }
    out.count = static_cast<code32>(out.first_row.size());
    if (out.count != first.size())  // else every key is a domain and its own code
        for_row_shares(rows, parts, detail::coding_chunk_rows, [&](std::size_t, std::size_t b0, std::size_t b1) {
            for (std::size_t i = b0; i < b1; ++i) codes[i] = first[codes[i]];
        });
    return out;
}

/// code_domains() into a new vector of codes.
[[nodiscard]] inline DomainCodes code_domains(std::span<const KeyColumn> columns, std::span<const std::uint8_t> where,
                                              std::size_t rows, unsigned threads = 0) {
    DomainCodes out;
    out.codes.resize(rows);
    static_cast<DomainList&>(out) = code_domains(columns, where, std::span<code32>(out.codes), threads);
    return out;
}

/// The values of one integer column with a narrow range, as offsets from its minimum: what a caller maps
/// value by value (a sex column's spellings) before look_up() writes the mapped byte of every row.
struct SmallValues {
    std::uint64_t low = 0;  ///< the minimum, as the column's bits widened to 64
    /// Per offset (value - low): the first row holding it, or -1 when no row does.
    std::vector<std::int64_t> first_row;
};

/// The column's small values, or nullopt when its range (max - min + 1) exceeds `max_range`
/// (then code_domains() codes it). A negative value of a negative_is_missing column is an error naming the row.
[[nodiscard]] inline std::optional<SmallValues> small_values(const KeyColumn& c, std::uint64_t max_range) {
    return std::visit(
        [&](const auto& v) -> std::optional<SmallValues> {
            const detail::ColumnRange r = detail::column_range(v, c.name, c.negative_is_missing);
            if (r.range == 0 && !v.empty()) return std::nullopt;  // the full 64-bit range
            if (r.range > max_range) return std::nullopt;
            SmallValues out{r.low, std::vector<std::int64_t>(r.range, -1)};
            // Forwards, up to the row where every value of the range has been seen (a sex column:
            // its first rows, not ten million).
            std::uint64_t unseen = r.range;
            for (std::size_t i = 0; i < v.size() && unseen > 0; ++i) {
                std::int64_t& first = out.first_row[static_cast<std::uint64_t>(v[i]) - r.low];
                if (first < 0) first = static_cast<std::int64_t>(i), --unseen;
            }
            return out;
        },
        c.values);
}

/// out[i] = table[value(i) - low] for every row; every value must lie in [low, low + table.size())
/// (as small_values() found them), else a value_error naming the row.
inline void look_up(const KeyColumn& c, std::uint64_t low, std::span<const std::uint8_t> table,
                    std::span<std::uint8_t> out) {
    if (out.size() != c.size())
        throw value_error("column '" + c.name + "' has " + std::to_string(c.size()) + " rows, the output " +
                          std::to_string(out.size()));
    std::visit(
        [&](const auto& v) {
            // Offsets in the column's own width (wrapping as the 64-bit ones would): the loops vectorise.
            using T = typename std::decay_t<decltype(v)>::value_type;
            using U = std::make_unsigned_t<T>;
            const std::uint64_t size = table.size();
            if (size == 0 && !v.empty()) throw value_error("column '" + c.name + "': an empty lookup table");
            const U lo = static_cast<U>(low);
            const U last =
                size - 1 >= std::numeric_limits<U>::max() ? std::numeric_limits<U>::max() : static_cast<U>(size - 1);
            const T* values = v.data();  // held locally: a byte store may alias anything captured
            std::uint8_t* mapped = out.data();
            const std::size_t n = v.size();
            std::uint8_t bad = 0;
            if (size <= 2) {  // two values (a sex column): a select instead of a gather
                const std::uint8_t t0 = table[0], t1 = table[size - 1];
                for (std::size_t i = 0; i < n; ++i) {
                    const U k = static_cast<U>(static_cast<U>(values[i]) - lo);
                    bad |= static_cast<std::uint8_t>(k > last);
                    mapped[i] = k == 0 ? t0 : t1;
                }
            } else {
                const std::uint8_t* map = table.data();
                for (std::size_t i = 0; i < n; ++i) {
                    const U k = static_cast<U>(static_cast<U>(values[i]) - lo);
                    bad |= static_cast<std::uint8_t>(k > last);
                    mapped[i] = map[k > last ? 0 : k];
                }
            }
            if (bad == 0) return;
            for (std::size_t i = 0; i < v.size(); ++i)
                if (static_cast<std::uint64_t>(v[i]) - low >= size)
                    throw value_error(detail::row_column(i, c.name), "value outside the column's looked-up values");
        },
        c.values);
}

}  // namespace gendex::micro
