// A stable scatter of fixed-size records into blocks (a block of PSU codes), in
// one pass over the rows and without counting them first: each part of rows
// (fixed by the data, not the threads) appends a block's records to pages of
// its own, and reading a block's pages part by part, page by page gives the
// records in row order, as a counting sort would place them.
//
// A record is staged in a small buffer per block (16 records: whole cache
// lines, in L1 for a hundred blocks) and a full buffer goes to its page with
// non-temporal stores, which write the lines without reading them first. A
// direct scatter into a hundred places wrote each line in 12-byte pieces and
// waited for every line to be read from memory before it could be written.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gendex::micro::detail {

/// Records a block's staging buffer holds: 16 records of stride bytes (stride a multiple of 4)
/// are whole 64-byte lines.
inline constexpr std::size_t staged_records = 16;

/// Copies `bytes` (a multiple of 64) from `from` to the 64-byte aligned `to` with non-temporal
/// stores where the target has them (SSE2), else memcpy. stream_fence() before others read them.
inline void stream_lines(std::byte* to, const std::byte* from, std::size_t bytes) noexcept {
#if defined(__SSE2__)
    for (std::size_t k = 0; k < bytes; k += 16)
        _mm_stream_si128(reinterpret_cast<__m128i*>(to + k),
                         _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + k)));
#else
    std::memcpy(to, from, bytes);
#endif
}

/// Orders the non-temporal stores of stream_lines() before the stores after it (the end of a thread's part).
inline void stream_fence() noexcept {
#if defined(__SSE2__)
    _mm_sfence();
#endif
}

/// Where a paged scatter put each (part, block)'s records: pages of `page` records (a multiple of
/// staged_records), part r's from places [r * part_places, (r + 1) * part_places).
struct BlockPages {
    std::size_t parts = 0, blocks = 0, page = 0, part_places = 0;
    std::vector<std::vector<std::size_t>> first;  ///< [part * blocks + block]: its pages' first places, in order
    std::vector<std::uint32_t> count;             ///< [part * blocks + block]: its records

    /// For parts of at most `part_rows` rows: each part's places hold its rows and a part-filled page
    /// per block, and start at a whole number of staging buffers (64-byte lines).
    BlockPages(std::size_t parts_, std::size_t blocks_, std::size_t page_, std::size_t part_rows)
        : parts(parts_),
          blocks(blocks_),
          page(page_),
          part_places((part_rows + staged_records - 1) / staged_records * staged_records + blocks_ * page_),
          first(parts_ * blocks_),
          count(parts_ * blocks_, 0) {}

    /// Records in block b over every part.
    [[nodiscard]] std::size_t block_size(std::size_t b) const noexcept {
        std::size_t size = 0;
        for (std::size_t r = 0; r < parts; ++r) size += count[r * blocks + b];
        return size;
    }
    /// Calls visit(first, last) for each run of places of block b's records, in row order.
    template <class Visit>
    void for_block(std::size_t b, Visit&& visit) const {
        for (std::size_t r = 0; r < parts; ++r) {
            std::size_t left = count[r * blocks + b];
            for (const std::size_t at : first[r * blocks + b]) {
                const std::size_t take = std::min(left, page);
                visit(at, at + take);
                left -= take;
            }
        }
    }
};

/// Page size for `blocks` blocks and parts of at most `part_rows` rows: up to 256 records, a multiple
/// of staged_records, small enough that the pages a part leaves part-filled (one per block) add at most
/// a quarter to its rows (or staged_records per block).
[[nodiscard]] inline std::size_t block_page_records(std::size_t part_rows, std::size_t blocks) {
    const std::size_t lines = part_rows / (4 * staged_records * std::max<std::size_t>(blocks, 1));
    return staged_records * std::clamp<std::size_t>(lines, 1, 16);
}

/// One part's writer: add() stages a record of its block, flush() ends the part.
class PageWriter {
public:
    /// Writes part `part`'s records to its places of `base` (64-byte aligned), `stride` bytes each (a
    /// multiple of 4), into `pages`' lists.
    PageWriter(BlockPages& pages, std::size_t part, std::byte* base, std::size_t stride)
        : pages_(pages),
          part_(part),
          base_(base),
          stride_(stride),
          next_page_(part * pages.part_places),
          staged_(pages.blocks * staged_records * stride),
          fill_(pages.blocks, 0),
          cursor_(pages.blocks, 0),
          end_(pages.blocks, 0) {}

    /// Stages a record of block b: put(slot) writes it to its slot. `in` false: the slot is used again
    /// by the next record (a row outside the filter, written without a branch).
    template <class Put>
    void add(std::size_t b, bool in, Put&& put) {
        std::uint32_t* const fill = fill_.data();  // held: the record's byte stores may alias members
        const std::uint32_t f = fill[b];
        put(staged_.data() + (b * staged_records + f) * stride_);
        const std::uint32_t next = f + (in ? 1u : 0u);
        fill[b] = next;
        if (next == staged_records) write(b, staged_records), fill[b] = 0;
    }
    /// Writes what is staged; the part's records are then in place.
    void flush() {
        for (std::size_t b = 0; b < pages_.blocks; ++b)
            if (fill_[b] != 0) write(b, fill_[b]), fill_[b] = 0;
        stream_fence();
    }

private:
    void write(std::size_t b, std::size_t records) {
        if (cursor_[b] == end_[b]) {  // a new page from the part's range
            cursor_[b] = next_page_, end_[b] = next_page_ + pages_.page;
            pages_.first[part_ * pages_.blocks + b].push_back(next_page_);
            next_page_ += pages_.page;
        }
        const std::byte* from = staged_.data() + b * staged_records * stride_;
        std::byte* to = base_ + cursor_[b] * stride_;
        if (records == staged_records)
            stream_lines(to, from, records * stride_);  // cursor_ steps by staged_records: to is aligned
        else
            std::memcpy(to, from, records * stride_);  // the part's last records of the block
        cursor_[b] += records;
        pages_.count[part_ * pages_.blocks + b] += static_cast<std::uint32_t>(records);
    }

    BlockPages& pages_;
    std::size_t part_;
    std::byte* base_;
    std::size_t stride_;
    std::size_t next_page_;
    std::vector<std::byte> staged_;
    std::vector<std::uint32_t> fill_;
    std::vector<std::size_t> cursor_, end_;
};

}  // namespace gendex::micro::detail
