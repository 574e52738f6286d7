// Threads for the passes over rows. A pass is cut into blocks fixed by the
// data's shape alone (never by the thread count); each block sums into its own
// partial result and the partials are combined in block order, so every
// result is the same bit for bit whatever the number of threads. Work whose
// result cannot depend on how the rows are cut (a least row, values written
// row by row) takes one share of the rows per thread instead (for_row_shares).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace gendex::micro {

/// Rows per block of a threaded pass over rows (the point pass, the design effects' residuals):
/// each block sums into its own partial sums, added in block order.
inline constexpr std::size_t pass_block_rows = std::size_t{1} << 18;

/// Threads a pass uses when asked for 0: every core the machine reports (at least 1).
[[nodiscard]] inline unsigned resolve_threads(unsigned asked) noexcept {
    if (asked > 0) return asked;
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 0 ? cores : 1;
}

/// Runs body(b) for every block b in [0, blocks) on up to `threads` threads,
/// the caller's among them; blocks are taken in order from a shared counter.
/// `report(done)` (blocks finished) is called on the caller's thread only:
/// between its blocks, and about every 50 ms while it waits for the others, so
/// a front end can show progress and stop the run by throwing from it. The
/// first exception (of report, or of the lowest block that threw) stops the
/// taking of further blocks and is rethrown once every thread has finished.
template <class Body, class Report>
void run_blocks(std::size_t blocks, unsigned threads, Body&& body, Report&& report) {
    const std::size_t helpers = std::min<std::size_t>(threads > 0 ? threads - 1 : 0, blocks > 0 ? blocks - 1 : 0);
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finished;
    std::vector<std::exception_ptr> failure(blocks);
    auto work = [&]() -> bool {  // one block; false when none is left
        if (stop.load(std::memory_order_relaxed)) return false;
        const std::size_t b = next.fetch_add(1);
        if (b >= blocks) return false;
        try {
            body(b);
        } catch (...) {
            failure[b] = std::current_exception();
            stop = true;
        }
        {
            std::lock_guard lock(mutex);
            ++done;
        }
        finished.notify_one();
        return true;
    };
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (std::size_t t = 0; t < helpers; ++t)
        pool.emplace_back([&] {
            while (work()) {}
        });
    std::exception_ptr reported;
    auto check = [&] {
        if (reported) return;
        try {
            report(done.load());
        } catch (...) {
            reported = std::current_exception();
            stop = true;
        }
    };
    while (work()) check();
    {
        std::unique_lock lock(mutex);
        auto all_done = [&] { return done.load() >= std::min(next.load(), blocks); };
        while (!finished.wait_for(lock, std::chrono::milliseconds(50), all_done)) {
            lock.unlock();
            check();
            lock.lock();
        }
    }
    for (auto& t : pool) t.join();
    if (reported) std::rethrow_exception(reported);
    for (auto& e : failure)
        if (e) std::rethrow_exception(e);
    check();
    if (reported) std::rethrow_exception(reported);
}

/// Least rows of a share where rows are cut into one share per thread (the coding before a pass, the
/// weights' check): below this a thread's start and its own tables cost more than its rows.
inline constexpr std::size_t share_min_rows = std::size_t{1} << 18;

/// Shares of rows [0, rows) for up to `threads` threads (0: every core), of share_min_rows at least.
[[nodiscard]] inline unsigned row_shares(std::size_t rows, unsigned threads) noexcept {
    const std::size_t most = std::max<std::size_t>(1, rows / share_min_rows);
    return static_cast<unsigned>(std::min<std::size_t>(resolve_threads(threads), most));
}

/// Runs share(t, first, last) over `shares` consecutive shares of rows [0, rows), each starting at a
/// multiple of `align` rows, on as many threads. What a caller makes of the shares must not depend on
/// their number (a least row over them, values written per row).
template <class Share>
void for_row_shares(std::size_t rows, unsigned shares, std::size_t align, Share&& share) {
    const std::size_t units = (rows + align - 1) / align;
    const auto at = [&](std::size_t t) { return std::min(rows, units * t / shares * align); };
    run_blocks(
        shares, shares, [&](std::size_t t) { share(t, at(t), at(t + 1)); }, [](std::size_t) {});
}

/// A pass over rows [0, n) in blocks of pass_block_rows on `threads` threads (0: every core): block b's
/// partial is sum_block(first, last), and the partials are added in block order, add(total, partial),
/// so the result is the same bit for bit for any thread count. `report(rows_done)` as run_blocks'.
template <class Partial, class SumBlock, class Add, class Report>
[[nodiscard]] Partial sum_blocks_in_order(std::size_t n, unsigned threads, SumBlock&& sum_block, Add&& add,
                                          Report&& report) {
    const std::size_t blocks = std::max<std::size_t>(1, (n + pass_block_rows - 1) / pass_block_rows);
    std::vector<Partial> parts(blocks);
    run_blocks(
        blocks, resolve_threads(threads),
        [&](std::size_t b) { parts[b] = sum_block(b * pass_block_rows, std::min(n, (b + 1) * pass_block_rows)); },
        [&](std::size_t done) { report(std::min(n, done * pass_block_rows)); });
    for (std::size_t b = 1; b < blocks; ++b) add(parts[0], parts[b]);
    return std::move(parts[0]);
}

}  // namespace gendex::micro
