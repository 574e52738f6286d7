// Scratch arrays of tens or hundreds of megabytes (a survey pass's per-row
// scores, per-cell sums): from the buffer pool (buffer_pool.hpp), on Linux
// backed by transparent huge pages where the kernel allows them (madvise), so
// that first touching them costs one page fault per 2 MiB instead of one per
// 4 KiB (measured here on 100 MiB written once: 78 ms with 4 KiB pages, 12 ms
// with huge pages), and reused by the next pass without a fault where the
// pool kept them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <type_traits>

#include "gendex/micro/buffer_pool.hpp"

namespace gendex::micro::detail {

/// `count` uninitialised values of a trivial type (zeroed with `zeroed`), 64-byte aligned at least.
template <class T>
class LargeArray {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

public:
    LargeArray() = default;
    explicit LargeArray(std::size_t count, bool zeroed = false)
        : data_(static_cast<T*>(BufferPool::instance().take(bytes_of(count))), Give{bytes_of(count)}), size_(count) {
        if (zeroed) std::fill(data_.get(), data_.get() + count, T{});
    }
    [[nodiscard]] T* data() noexcept { return data_.get(); }
    [[nodiscard]] const T* data() const noexcept { return data_.get(); }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    T& operator[](std::size_t i) noexcept { return data_[i]; }
    const T& operator[](std::size_t i) const noexcept { return data_[i]; }
    void release() noexcept { data_.reset(), size_ = 0; }

private:
    static std::size_t bytes_of(std::size_t count) noexcept { return std::max<std::size_t>(count * sizeof(T), 1); }
    struct Give {
        std::size_t bytes = 0;
        void operator()(T* p) const noexcept { BufferPool::instance().give(p, bytes); }
    };
    std::unique_ptr<T[], Give> data_;
    std::size_t size_ = 0;
};

}  // namespace gendex::micro::detail
