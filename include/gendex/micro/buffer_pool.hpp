// Row-sized buffers kept for the next pass after they are freed. A buffer of
// tens of megabytes freed to the C library goes back to the kernel, and the
// next pass's buffer comes back as fresh pages that the kernel clears first:
// on 10 M rows of a survey call through Python the kernel's clearing of
// pages was the largest single entry of a profile. Allocators such as jemalloc
// keep freed pages for the same reason.
//
// Kept buffers are marked MADV_FREE: the kernel may take their pages back
// whenever it needs memory (they then read as zeros), and until it does they
// are reused without a fault. At most pool_retained_bytes are kept (the
// oldest freed first); a buffer larger than that is freed at once.
// Thread-safe. Measured in one process, kept and not kept alternating: the
// mean with strata and PSUs 402 -> 370 ms, and the kernel's page clearing
// 8.7 -> 4.5 % of the run's samples (what is left is the data's creation).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace gendex::micro::detail {

/// Buffers at least this large are aligned to and advised as huge pages, and kept for reuse.
inline constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

/// Most bytes of freed buffers kept for reuse; none under AddressSanitizer, which finds a use after
/// free only in memory given back to it.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr std::size_t pool_retained_bytes = 0;
#else
inline constexpr std::size_t pool_retained_bytes = std::size_t{512} << 20;
#endif

class BufferPool {
public:
    /// The process's pool, never destroyed (a NumPy array may give its buffer back at exit).
    static BufferPool& instance() {
        static BufferPool* const pool = new BufferPool;
        return *pool;
    }

    /// At least `bytes` (> 0), 64-byte aligned; huge-page aligned and advised from huge_page_bytes.
    /// Give it back with give(p, bytes), the same `bytes`.
    [[nodiscard]] void* take(std::size_t bytes) {
        if (bytes < huge_page_bytes) return allocate(64, (bytes + 63) / 64 * 64);
        const std::size_t size = rounded(bytes);
        {
            std::lock_guard lock(mutex_);
            // The smallest kept buffer that fits, if it wastes at most a quarter.
            auto best = kept_.end();
            for (auto it = kept_.begin(); it != kept_.end(); ++it)
                if (it->bytes >= size && it->bytes <= size + size / 4 &&
                    (best == kept_.end() || it->bytes < best->bytes))
                    best = it;
            if (best != kept_.end()) {
                void* p = best->data;
                retained_ -= best->bytes;
                kept_.erase(best);
                return p;
            }
        }
        void* p = allocate(huge_page_bytes, size);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        (void)madvise(p, size, MADV_HUGEPAGE);
#endif
        return p;
    }

    void give(void* p, std::size_t bytes) noexcept {
        if (p == nullptr) return;
        if (bytes < huge_page_bytes) return std::free(p);
        const std::size_t size = rounded(bytes);
        if (size > pool_retained_bytes) return std::free(p);
#if defined(__linux__) && defined(MADV_FREE)
        (void)madvise(p, size, MADV_FREE);
#endif
        std::vector<void*> freed;
        {
            std::lock_guard lock(mutex_);
            kept_.push_back({p, size});  // capacity reserved: no allocation while the lock is held
            retained_ += size;
            while (retained_ > pool_retained_bytes) {  // the oldest first
                freed.push_back(kept_.front().data);
                retained_ -= kept_.front().bytes;
                kept_.erase(kept_.begin());
            }
        }
        for (void* q : freed) std::free(q);
    }

    /// Bytes kept for reuse now.
    [[nodiscard]] std::size_t retained() {
        std::lock_guard lock(mutex_);
        return retained_;
    }

    /// Frees every kept buffer.
    void release() {
        std::vector<Kept> freed;
        {
            std::lock_guard lock(mutex_);
            freed.swap(kept_);
            kept_.reserve(capacity);
            retained_ = 0;
        }
        for (const Kept& k : freed) std::free(k.data);
    }

    BufferPool(const BufferPool&) = delete;
    BufferPool& operator=(const BufferPool&) = delete;

private:
    struct Kept {
        void* data;
        std::size_t bytes;
    };
    /// Kept buffers are at least huge_page_bytes, so at most this many fit in pool_retained_bytes.
    static constexpr std::size_t capacity = pool_retained_bytes / huge_page_bytes + 1;

    BufferPool() { kept_.reserve(capacity); }
    ~BufferPool() = default;

    static std::size_t rounded(std::size_t bytes) noexcept {
        return (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
    }
    static void* allocate(std::size_t align, std::size_t size) {
        void* p = std::aligned_alloc(align, size);
        if (p == nullptr) throw std::bad_alloc();
        return p;
    }

    std::mutex mutex_;
    std::vector<Kept> kept_;
    std::size_t retained_ = 0;
};

}  // namespace gendex::micro::detail
