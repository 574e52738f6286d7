// The one summing pass over person rows: chunk by chunk, a chunk source
// fills the variables of a chunk of rows (and gives their domain codes), and
// the engine adds them, weighted, into cache-line-aligned blocks per (PSU,
// domain) cell or per domain, and per (domain, supplied replicate); then the
// blocks become an Accumulator's parts (accumulator.hpp). accumulate() feeds it
// caller-owned columns; the index-input pass (index_inputs.hpp) feeds it
// variables derived chunk by chunk, never materialised for all rows.
//
// Every target's sums add its rows in row order, whatever the chunking, so
// the sums do not depend on the source. The scatter is the hot loop of a
// survey pass: one clone per instruction set without FMA contraction
// (batch_compile.hpp), and the target blocks and the next chunk's columns
// prefetched.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gendex/batch_compile.hpp"
#include "gendex/error.hpp"
#include "gendex/micro/accumulator.hpp"
#include "gendex/micro/cell_index.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/design_effect.hpp"
#include "gendex/micro/large_array.hpp"
#include "gendex/micro/run_control.hpp"
#include "gendex/micro/threads.hpp"

namespace gendex::micro {

/// A named numeric column (the caller owns the values).
struct Variable {
    std::string name;
    std::span<const double> values;
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
    /// Called after every chunk of rows (rows done of all rows); may stop the pass by throwing.
    Progress progress;
    /// Keep per-domain second moments (AccumulatorParts::domain_products), so estimates from the
    /// accumulator carry design effects; one more light pass over the variables.
    bool moments = false;
    /// Threads of the pass (with replicate weights: of their sums, by groups of replicates); 0: every
    /// core. The result is the same bit for bit for any number (threads.hpp; with cells, sum_chunks).
    unsigned threads = 0;
};

namespace detail {

/// Rows per chunk of the pass: the variables of a chunk stay in L1/L2.
inline constexpr std::size_t chunk_rows = 2048;

static_assert(pass_block_rows % chunk_rows == 0);

/// Rows [begin, end) of a pass.
struct RowRange {
    std::size_t begin = 0, end = static_cast<std::size_t>(-1);
};

/// The next chunk's input columns, prefetched into L2 while this chunk sums:
/// a chunk source fills one column at a time, which the hardware prefetchers
/// alone stream at half the memory throughput. `codes` and `bytes` are a
/// 4-byte and a 1-byte column (never null when rows > 0).
struct Lookahead {
    std::array<const double*, 10> columns{};
    std::size_t count = 0;
    const code32* codes = nullptr;
    const std::uint8_t* bytes = nullptr;
    std::size_t rows = 0;  // rows of the next chunk

    void add(const double* column) noexcept {
        if (count < columns.size()) columns[count++] = column;
    }

    /// Called for every eighth row i (a multiple of 8).
    GENDEX_BLOCK_INLINE void fetch(std::size_t i) const noexcept {
#if defined(__GNUC__)
        if (i >= rows) return;
        for (std::size_t c = 0; c < count; ++c) __builtin_prefetch(columns[c] + i, 0, 2);
        if (i % 16 == 0) __builtin_prefetch(codes + i, 0, 2);
        if (i % 64 == 0) __builtin_prefetch(bytes + i, 0, 2);
#else
        (void)i;
#endif
    }
};

/// Doubles per block of a pass summing k variables: sum w, sum w * v_j, rows, padded to whole
/// lanes (a multiple of 4) for the vector adds of sum_block_rows.
[[nodiscard]] constexpr std::size_t block_width(std::size_t k) noexcept { return (k + 2 + 3) / 4 * 4; }

#if defined(__GNUC__)
/// Four doubles of a block, added as one vector (a 256-bit add, or two 128-bit ones in the baseline
/// clone). Aligned as a double: a block's lanes need not start on a 32-byte boundary.
using BlockLanes = double __attribute__((vector_size(32), aligned(8)));

/// Lane l of a row's block update before weighting: 1 (sum w), v_{l-1} (sum w v), 0 (rows, padding).
template <int K, std::size_t L>
GENDEX_BLOCK_INLINE inline double block_lane(const double* const* vars, std::size_t i) noexcept {
    if constexpr (L == 0)
        return 1.0;
    else if constexpr (L <= static_cast<std::size_t>(K))
        return vars[L - 1][i];
    else
        return 0.0;
}

/// Adds row i to block s, four doubles at a time: w * (1, v_1, ..., v_K, 0, ...), then 1 to the
/// rows. Each double gets the same products, added in the same row order, as one add per double.
template <int K, std::size_t... G>
GENDEX_BLOCK_INLINE inline void add_row_lanes(double* s, double wi, const double* const* vars, std::size_t i,
                                              std::index_sequence<G...>) noexcept {
    const BlockLanes w = {wi, wi, wi, wi};
    ((*reinterpret_cast<BlockLanes*>(s + 4 * G) +=
      w * BlockLanes{block_lane<K, 4 * G>(vars, i), block_lane<K, 4 * G + 1>(vars, i),
                     block_lane<K, 4 * G + 2>(vars, i), block_lane<K, 4 * G + 3>(vars, i)}),
     ...);
    s[K + 1] += 1.0;
}
#endif

/// codes[t] of the rows outside the filter (in[t] == 0) replaced by `outside`, rows [0, m); a clone
/// per instruction set. A vector blend: the loop it replaces kept a branch on a random filter
/// (10 M rows, 83 % inside: the point pass 47 -> 21 ms on one thread).
GENDEX_BATCH_CLONES inline void mark_outside(code32* __restrict codes, const std::uint8_t* __restrict in, std::size_t m,
                                             code32 outside) noexcept {
    for (std::size_t t = 0; t < m; ++t) codes[t] = in[t] != 0 ? codes[t] : outside;
}

/// `codes` (rows [0, m)) in `out` with the rows outside the filter replaced by `outside` (mark_outside).
inline void codes_inside(const code32* codes, const std::uint8_t* in, std::size_t m, code32 outside,
                         code32* out) noexcept {
    if (codes != out) std::copy_n(codes, m, out);
    mark_outside(out, in, m, outside);
}

/// Rows ahead whose cell blocks the scatter prefetches (~128 lines in flight: a shorter distance leaves
/// it latency-bound).
inline constexpr std::size_t scatter_ahead = 64;

/// Row sums into blocks of `bstride` doubles (at least block_width(k)), 64-byte aligned so that a
/// block of up to 16 doubles spans at most two cache lines; both are prefetched `ahead` rows early,
/// across chunks. K > 0: k = K, added in vector lanes; K = 0: any k, one double at a time.
template <int K>
GENDEX_BLOCK_INLINE inline void sum_block_rows(std::size_t m, const code32* target, std::size_t visible,
                                               const double* w, const double* const* vars, std::size_t k,
                                               double* blocks, std::size_t bstride, bool prefetch,
                                               const Lookahead& next) noexcept {
    const std::size_t nvar = K > 0 ? static_cast<std::size_t>(K) : k;
    // The column pointers held here: the block stores may not reload them row by row.
    std::array<const double*, (K > 0 ? K : 1)> held{};
    if constexpr (K > 0) std::copy(vars, vars + K, held.begin());
    constexpr std::size_t ahead = scatter_ahead;
    for (std::size_t i0 = 0; i0 < m; i0 += 8) {
        next.fetch(i0);  // once per 8 rows (a cache line of each column), not a branch per row
        const std::size_t i1 = std::min(m, i0 + 8);
        for (std::size_t i = i0; i < i1; ++i) {
#if defined(__GNUC__)
            if (prefetch && i + ahead < visible) {
                const double* p = blocks + static_cast<std::size_t>(target[i + ahead]) * bstride;
                __builtin_prefetch(p, 1);
                __builtin_prefetch(p + 8, 1);
            }
#endif
            double* s = blocks + static_cast<std::size_t>(target[i]) * bstride;
            const double wi = w[i];
#if defined(__GNUC__)
            if constexpr (K > 0) {
                add_row_lanes<K>(s, wi, held.data(), i, std::make_index_sequence<block_width(K) / 4>{});
                continue;
            }
#endif
            s[0] += wi;
            for (std::size_t j = 0; j < nvar; ++j) s[j + 1] += wi * vars[j][i];
            s[nvar + 1] += 1.0;
        }
    }
}

GENDEX_KERNEL_MATH GENDEX_BATCH_CLONES inline void sum_blocks(std::size_t k, std::size_t m, const code32* target,
                                                              std::size_t visible, const double* w,
                                                              const double* const* vars, double* blocks,
                                                              std::size_t bstride, bool prefetch,
                                                              const Lookahead& next) noexcept {
    // A case per block width, written as a table.
    // clang-format off
    switch (k) {
#define GENDEX_MICRO_SUM_CASE(K) \
    case K: sum_block_rows<K>(m, target, visible, w, vars, k, blocks, bstride, prefetch, next); break;
        GENDEX_MICRO_SUM_CASE(1) GENDEX_MICRO_SUM_CASE(2) GENDEX_MICRO_SUM_CASE(3) GENDEX_MICRO_SUM_CASE(4)
        GENDEX_MICRO_SUM_CASE(5) GENDEX_MICRO_SUM_CASE(6) GENDEX_MICRO_SUM_CASE(7) GENDEX_MICRO_SUM_CASE(8)
        GENDEX_MICRO_SUM_CASE(9) GENDEX_MICRO_SUM_CASE(10) GENDEX_MICRO_SUM_CASE(11) GENDEX_MICRO_SUM_CASE(12)
        GENDEX_MICRO_SUM_CASE(13)
#undef GENDEX_MICRO_SUM_CASE
        default: sum_block_rows<0>(m, target, visible, w, vars, k, blocks, bstride, prefetch, next); break;
        // clang-format on
    }
}

/// The parts of the cells that sum_chunks' pass over rows [first, last) sums on `threads` threads
/// (0: every core): one per thread (at most 8) where rows far apart in the data share cells (rows in
/// no order; looked at every 4,096th row: the cells of rows 64 apart), else one: rows in PSU order
/// keep the scatter in cache, and deriving every row, which every part does, is then most of the
/// pass. One for fewer than pass_block_rows rows.
[[nodiscard]] inline std::size_t cells_parts(const CellIndex& cells, std::size_t first, std::size_t last,
                                             unsigned threads) {
    const std::size_t workers = std::min<std::size_t>({resolve_threads(threads), 8, cells.size()});
    if (workers < 2 || cells.identity() || last < first + pass_block_rows) return 1;
    const auto cell = cells.row_cells();
    std::size_t far = 0, looked = 0;
    for (std::size_t i = first; i + 64 < last; i += 4096, ++looked)
        far += std::max(cell[i], cell[i + 64]) - std::min(cell[i], cell[i + 64]) > 4096 ? 1 : 0;
    return 2 * far > looked ? workers : 1;
}

/// Where cells_parts gives one part for rows in PSU order: the first row of each of up to `threads`
/// parts of consecutive rows (at most 8), cut where the PSU changes, then `last`, where every part's
/// cells lie above the part's before it (cells are numbered in order of first sight, so rows in PSU
/// order give each part a range of its own). Each part then sums its own rows into its own cells,
/// and every cell adds its rows in row order, as on one thread. Empty (one part) where the parts'
/// cells overlap (a PSU's rows apart), for one thread, or for fewer than 2 pass_block_rows rows.
[[nodiscard]] inline std::vector<std::size_t> cell_row_parts(const CellIndex& cells, std::span<const code32> psu,
                                                             std::size_t first, std::size_t last, unsigned threads) {
    const std::size_t workers = std::min<std::size_t>(resolve_threads(threads), 8);
    if (workers < 2 || cells.identity() || psu.empty() || last < first + 2 * pass_block_rows) return {};
    std::vector<std::size_t> cut{first};
    for (std::size_t p = 1; p < workers; ++p) {
        std::size_t at = std::max(cut.back() + 1, first + (last - first) * p / workers);
        while (at < last && psu[at] == psu[at - 1]) ++at;
        if (at >= last) break;
        cut.push_back(at);
    }
    cut.push_back(last);
    if (cut.size() < 3) return {};
    const std::size_t parts = cut.size() - 1;
    std::vector<code32> lowest(parts), highest(parts);
    const code32* cell = cells.row_cells().data();
    run_blocks(
        parts, static_cast<unsigned>(workers),
        [&](std::size_t p) {
            code32 lo = cell[cut[p]], hi = lo;
            for (std::size_t i = cut[p]; i < cut[p + 1]; ++i) lo = std::min(lo, cell[i]), hi = std::max(hi, cell[i]);
            lowest[p] = lo, highest[p] = hi;
        },
        [](std::size_t) {});
    for (std::size_t p = 1; p < parts; ++p)
        if (lowest[p] <= highest[p - 1]) return {};
    return cut;
}

/// The engine. `source_for()` makes a chunk source, which gives, for rows [b0, b0 + m) of a chunk
/// (m <= chunk_rows):
///   source.fill(b0, m, buffer, columns)   the k variables: columns[j] points to variable j of row b0,
///                                         in the caller's own column (no copy) or written to
///                                         buffer + j * chunk_rows (derived variables);
///   source.domains(b0, m, scratch)        their domain codes (below `domains`), written to scratch
///                                         (room for m codes) or pointing elsewhere;
///   source.lookahead(b1, next)            the columns of the chunk starting at b1 to prefetch.
/// Sums per cell of `cells` (null: per domain only) and, with `replicates`,
/// per (domain, replicate). Rows outside `where` (empty: none) go to a block
/// that is thrown away. Only the rows of `range` are read (the sums are those
/// of a design with only these rows). The parts are not checked: the caller
/// looks for non-finite sums (to name the row) and then calls
/// Accumulator::from_parts.
///
/// With cells that rows scatter over (PSUs) and no replicates, the pass runs
/// on `threads` threads (0: every core), each with a source of its own, over
/// every row but summing only the cells of its range (the others' rows go to
/// blocks of its own, thrown away): a cell's rows are added in row order
/// whatever the threads, so the sums are the same bit for bit, and the cells'
/// blocks are not copied per thread. Each thread derives every row's
/// variables; the scatter into the cells, which waits on memory, is what is
/// shared (10 M rows, PSUs nested in regions, rows in no order: 1.4 times as
/// fast on two threads). Rows in PSU order are cut instead into parts of
/// consecutive rows with cells of their own (cell_row_parts), each part
/// deriving and summing only its rows: the same bits again.
template <class SourceFor>
[[nodiscard]] AccumulatorParts sum_chunks(const Design& design, std::vector<std::string> variables, code32 domains,
                                          const CellIndex* cells, bool replicates, std::span<const std::uint8_t> where,
                                          SourceFor&& source_for, const Progress& progress = {}, RowRange range = {},
                                          unsigned threads = 1) {
    const std::size_t n = design.rows(), last = std::min(range.end, n);
    AccumulatorParts p;
    p.variables = std::move(variables);
    p.domains = domains;
    p.lonely_psu = design.options().lonely_psu;
    p.stratum_population = design.stratum_population();
    const std::size_t k = p.variables.size(), stride = k + 1;
    // Whole cache lines per block only where rows scatter over many cells (a PSU cell index): sums per
    // domain, or per row when every row is its own PSU, keep blocks of whole lanes only (fewer bytes to
    // zero, fill and copy; a few domains' blocks stay in L1).
    const bool scatter = cells != nullptr && !cells->identity();
    const std::size_t bstride = !scatter ? block_width(k) : (k + 2 <= 8 ? 8 : (k + 2 + 7) / 8 * 8);
    const code32 nd = domains;
    const bool filtered = !where.empty();
    const std::size_t targets = cells != nullptr ? cells->size() : nd;
    const code32 trash_domain = nd;  // the block of the rows outside `where` (sums per domain)
    const std::size_t cell_parts = scatter && !replicates ? cells_parts(*cells, range.begin, last, threads) : 1;
    // Rows in PSU order: parts of consecutive rows, each with cells of its own (empty: none).
    const std::vector<std::size_t> row_cut = scatter && !replicates && cell_parts == 1
                                                 ? cell_row_parts(*cells, design.psu(), range.begin, last, threads)
                                                 : std::vector<std::size_t>{};
    const std::size_t parts = row_cut.empty() ? cell_parts : row_cut.size() - 1;
    // After the cells' blocks, `spill` blocks per part for the rows it does not sum (outside `where` or
    // its cells), taken in turn: their adds do not wait on one another.
    constexpr std::size_t spill = 16;
    LargeArray<double> blocks((targets + (filtered || parts > 1 ? spill * parts : 0)) * bstride, true);

    const std::uint32_t reps = replicates ? static_cast<std::uint32_t>(design.replicate_weights().count()) : 0;
    if (replicates) {
        // Held twice: by replicate while they are added, then by domain (replicate_sums).
        check_replicate_memory("summing the replicate weights", nd, reps, 2 * stride);
        p.replicates = reps;
        p.replicate_spec = design.replicate_spec();
        p.replicate_sums.assign(static_cast<std::size_t>(nd) * reps * stride, 0.0);
    }

    constexpr std::size_t chunk = chunk_rows;
    const double* w = design.weights().data();
    const bool identity = cells != nullptr && !scatter;
    std::atomic<std::size_t> rows_done{0};  // over the parts (threads)
    std::atomic<bool> stopped{false};       // the progress callback threw: the parts stop
    auto sum_part = [&](std::size_t part) {
        auto source = source_for();
        std::vector<double> buffer(std::max<std::size_t>(k, 1) * chunk);
        std::vector<const double*> columns(std::max<std::size_t>(k, 1), nullptr);
        std::vector<code32> domain(chunk), target(chunk + scatter_ahead);
        const code32 lo = static_cast<code32>(targets * part / cell_parts),
                     hi = static_cast<code32>(targets * (part + 1) / cell_parts),
                     trash = static_cast<code32>(targets + spill * part);
        // The part's rows: all (parts of the cells), or its own (parts of the rows).
        const std::size_t begin = row_cut.empty() ? range.begin : row_cut[part],
                          end = row_cut.empty() ? last : row_cut[part + 1];
        for (std::size_t b0 = begin; b0 < end && !stopped.load(std::memory_order_relaxed); b0 += chunk) {
            const std::size_t m = std::min(chunk, end - b0);
            source.fill(b0, m, buffer.data(), columns.data());
            const code32* dom = source.domains(b0, m, domain.data());
            const std::uint8_t* in = filtered ? where.data() + b0 : nullptr;
            if (filtered) {
                codes_inside(dom, in, m, trash_domain, domain.data());
                dom = domain.data();
            }
            const code32* tg = dom;
            std::size_t visible = m;  // rows whose targets can be prefetched (beyond the chunk for a cell index)
            if (cells != nullptr) {
                if (identity) {
                    for (std::size_t t = 0; t < m; ++t) target[t] = static_cast<code32>(b0 + t);
                    tg = target.data();
                } else {
                    tg = cells->row_cells().data() + b0;
                    visible = end - b0;
                }
                if (filtered) {
                    codes_inside(tg, in, m, trash, target.data());
                    tg = target.data();
                    visible = m;
                }
                if (cell_parts > 1) {  // this part's cells; the other rows to its own block
                    visible = std::min(visible, m + scatter_ahead);
                    for (std::size_t t = 0; t < visible; ++t) {
                        const code32 c = tg[t];  // (unsigned: c below lo wraps past hi - lo)
                        target[t] = c - lo < hi - lo ? c : trash + static_cast<code32>(t % spill);
                    }
                    tg = target.data();
                }
            }
            Lookahead next;
            if (b0 + m < end) {
                const std::size_t b1 = b0 + m;
                next.rows = std::min(chunk, end - b1);
                next.add(w + b1);
                source.lookahead(b1, next);
            }
            sum_blocks(k, m, tg, visible, w + b0, columns.data(), blocks.data(), bstride, scatter, next);
            if (parts == 1) {
                if (progress && !replicates) progress(b0 + m, n);  // with replicates: their pass reports
            } else {
                rows_done += m;
            }
        }
    };
    if (parts == 1) {
        sum_part(0);
    } else {
        const std::size_t passes = row_cut.empty() ? cell_parts : 1;  // how often each row is read
        run_blocks(parts, resolve_threads(threads), sum_part, [&](std::size_t) {
            if (!progress) return;
            try {
                progress(range.begin + rows_done.load() / passes, n);
            } catch (...) {
                stopped = true;
                throw;
            }
        });
    }
    if (replicates) {
        // The sums under each supplied replicate weight, kept [replicate][domain][slot] while they are
        // added: one replicate's sums (1,000 domains: 16 KB) stay in L1 while its weights are read,
        // where [domain][replicate][slot] spread them over a replicate count's worth of cache lines
        // (1 M rows, 80 replicates, 1,000 domains: 405 -> 220 ms on one thread). Groups of replicates
        // on threads, each deriving the rows' variables itself;
        // every sum adds its rows in row order, so the bits depend neither on the groups nor on the
        // threads. Progress: the rows every group has done, reported on the caller's thread (within its
        // own group's pass too, so that a callback that throws stops the run there).
        const auto& rw = design.replicate_weights();
        const bool combined = p.replicate_spec.combined_weights;
        const std::ptrdiff_t rs = rw.row_stride();
        const std::size_t held = static_cast<std::size_t>(nd) + (filtered ? 1 : 0), slots = held * stride;
        LargeArray<double> by_replicate(reps * slots, true);
        const unsigned workers = resolve_threads(threads);
        const std::size_t groups = std::min<std::size_t>(reps, workers);
        const std::thread::id caller = std::this_thread::get_id();
        std::vector<std::atomic<std::size_t>> group_rows(groups);  // rows each group has done
        const auto report = [&] {
            if (!progress) return;
            std::size_t done = last - range.begin;
            for (const auto& rows : group_rows) done = std::min(done, rows.load(std::memory_order_relaxed));
            progress(range.begin + done, n);
        };
        run_blocks(
            groups, workers,
            [&](std::size_t g) {
                const auto r0 = static_cast<std::uint32_t>(reps * g / groups),
                           r1 = static_cast<std::uint32_t>(reps * (g + 1) / groups);
                const bool reports = std::this_thread::get_id() == caller;
                auto source = source_for();
                std::vector<double> buffer(std::max<std::size_t>(k, 1) * chunk);
                std::vector<const double*> columns(std::max<std::size_t>(k, 1), nullptr);
                std::vector<code32> domain(chunk);
                for (std::size_t b0 = range.begin; b0 < last; b0 += chunk) {
                    const std::size_t m = std::min(chunk, last - b0);
                    source.fill(b0, m, buffer.data(), columns.data());
                    const code32* dom = source.domains(b0, m, domain.data());
                    if (filtered) {
                        codes_inside(dom, where.data() + b0, m, trash_domain, domain.data());
                        dom = domain.data();
                    }
                    for (std::uint32_t r = r0; r < r1; ++r) {
                        const double* col = rw.column(r);
                        double* const sums = by_replicate.data() + r * slots;
                        for (std::size_t t = 0; t < m; ++t) {
                            const std::size_t i = b0 + t;
                            double wi = col[static_cast<std::ptrdiff_t>(i) * rs];
                            if (!combined) wi *= w[i];
                            double* s = sums + static_cast<std::size_t>(dom[t]) * stride;
                            s[0] += wi;
                            for (std::size_t j = 0; j < k; ++j) s[j + 1] += wi * columns[j][t];
                        }
                    }
                    group_rows[g].store(b0 + m - range.begin, std::memory_order_relaxed);
                    if (reports) report();
                }
            },
            [&](std::size_t) { report(); });
        for (std::size_t d = 0; d < nd; ++d)  // [domain][replicate][slot]; the rows outside `where` dropped
            for (std::uint32_t r = 0; r < reps; ++r)
                std::copy_n(by_replicate.data() + r * slots + d * stride, stride,
                            p.replicate_sums.data() + (d * reps + r) * stride);
    }

    // Blocks -> parts: cells in (PSU, domain) order, and the domains' sums.
    p.domain_rows.assign(nd, 0);
    p.domain_sums.assign(static_cast<std::size_t>(nd) * stride, 0.0);
    if (cells != nullptr) {
        p.has_cells = true;
        p.psu_stratum.resize(design.psu_count());
        for (code32 q = 0; q < design.psu_count(); ++q) p.psu_stratum[q] = design.stratum_of_psu(q);
        const auto order = cells->sorted();
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
            p.cell_psu[t] = cells->cell_psu()[slot];
            p.cell_domain[t] = cells->cell_domain()[slot];
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
    return p;
}

/// The point pass (no cells, no replicate weights) over `n` rows in blocks of pass_block_rows on
/// `threads` threads (0: every core): `sum_block(range)` sums a block's rows, and the blocks' domain
/// sums and rows are added in block order, so the parts are the same bit for bit for any thread
/// count. `progress` is called on this thread with the rows of the blocks done.
template <class SumBlock>
[[nodiscard]] AccumulatorParts point_pass_on_threads(std::size_t n, unsigned threads, const Progress& progress,
                                                     SumBlock&& sum_block) {
    return sum_blocks_in_order<AccumulatorParts>(
        n, threads,
        [&](std::size_t first, std::size_t last) {
            return sum_block(RowRange{first, last});
        },
        [](AccumulatorParts& p, const AccumulatorParts& part) {
            for (std::size_t j = 0; j < p.domain_sums.size(); ++j) p.domain_sums[j] += part.domain_sums[j];
            for (std::size_t d = 0; d < p.domain_rows.size(); ++d) p.domain_rows[d] += part.domain_rows[d];
        },
        [&](std::size_t rows) {
            if (progress) progress(rows, n);
        });
}

/// The chunk source of accumulate(): caller-owned columns and domain codes.
struct ColumnChunks {
    std::span<const double* const> columns;
    std::span<const code32> codes;
    std::span<const std::uint8_t> where;

    // The caller's columns are read where they are: no copy.
    void fill(std::size_t b0, std::size_t, double*, const double** out) const noexcept {
        for (std::size_t j = 0; j < columns.size(); ++j) out[j] = columns[j] + b0;
    }
    const code32* domains(std::size_t b0, std::size_t, code32*) const noexcept { return codes.data() + b0; }
    void lookahead(std::size_t b1, Lookahead& next) const noexcept {
        for (const double* c : columns) next.add(c + b1);
        next.codes = codes.data() + b1;
        next.bytes = where.empty() ? reinterpret_cast<const std::uint8_t*>(codes.data() + b1) : where.data() + b1;
    }
};

/// Sums went non-finite: name the first in-filter row with a non-finite value.
[[noreturn]] inline void throw_non_finite(std::span<const Variable> variables, const std::uint8_t* where,
                                          std::size_t rows) {
    for (std::size_t i = 0; i < rows; ++i) {
        if (where != nullptr && where[i] == 0) continue;
        for (const auto& v : variables)
            if (!std::isfinite(v.values[i]))
                throw value_error(row_column(i, v.name),
                                  "value " + number(v.values[i]) +
                                      " is not a finite number; rows inside the filter need values "
                                      "(leave rows with missing values out with the row filter)");
    }
    throw value_error(
        "weighted sums overflowed the range of double (values or weights too "
        "large)");
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
    std::vector<std::string> names;
    std::vector<const double*> vars;
    for (const auto& v : variables) {
        if (v.name.empty()) throw value_error("a variable has an empty name");
        if (std::find(names.begin(), names.end(), v.name) != names.end())
            throw value_error("variable '" + v.name + "' is given twice");
        if (v.values.size() != n)
            throw value_error("column '" + v.name + "' has " + std::to_string(v.values.size()) + " rows, the design " +
                              std::to_string(n));
        names.push_back(v.name);
        vars.push_back(v.values.data());
    }
    const code32 nd = domains.count();
    std::optional<CellIndex> built;
    const CellIndex* index = nullptr;
    if (options.linearization) {
        index = options.cells;
        if (index == nullptr) index = &built.emplace(design, domains);
        if (index->rows() != n || index->domain_count() != nd || index->psu_count() != design.psu_count())
            throw value_error("the cell index was built for another design or domain coding");
    }
    const bool replicates = options.replicates && design.has_replicates();
    AccumulatorParts p;
    auto source = [&] { return detail::ColumnChunks{vars, domains.codes(), options.where}; };
    if (index == nullptr && !replicates && n > pass_block_rows) {
        p = detail::point_pass_on_threads(n, options.threads, options.progress, [&](detail::RowRange rows) {
            return detail::sum_chunks(design, names, nd, nullptr, false, options.where, source, {}, rows);
        });
    } else {
        p = detail::sum_chunks(design, std::move(names), nd, index, replicates, options.where, source, options.progress,
                               {}, options.threads);
    }
    if (!detail::all_finite(p.domain_sums) || !detail::all_finite(p.replicate_sums))
        detail::throw_non_finite(variables, options.where.empty() ? nullptr : options.where.data(), n);
    if (options.moments) p.domain_products = domain_products(design, domains.codes(), nd, vars, options.where);
    return Accumulator::from_parts(std::move(p));
}

}  // namespace gendex::micro
