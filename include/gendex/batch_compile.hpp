// How the library's batch loops are compiled: one clone per instruction set,
// forced inlining of their stages, and the floating-point options they need.
// Shared by the index kernels (indices/) and the survey pass (micro/).
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "gendex/error.hpp"

// On x86-64 Linux each batch function is also compiled for x86-64-v4 (AVX-512)
// and AVX2. The survey pass's functions are GCC target_clones (the loader picks
// the clone once); the index kernels are GENDEX_BATCH_FUNCTIONs, which pick the
// clone on each call from batch_isa(), so that a test can force each clone
// (force_batch_isa) and check that all give identical results. Clones must not
// throw: every check happens in the caller. The stages they call are forced
// inline (GENDEX_BLOCK_INLINE) so that they are compiled into each clone.
// Define GENDEX_NO_TARGET_CLONES to build the baseline only.
#if defined(__x86_64__) && defined(__ELF__) && defined(__GLIBC__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(GENDEX_NO_TARGET_CLONES)
#define GENDEX_HAS_BATCH_CLONES 1
#define GENDEX_BATCH_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define GENDEX_HAS_BATCH_CLONES 0
#define GENDEX_BATCH_CLONES
#endif
#if defined(__GNUC__)
#define GENDEX_BLOCK_INLINE __attribute__((always_inline))
#else
#define GENDEX_BLOCK_INLINE
#endif

namespace gendex {

/// The instruction sets batch code is compiled for, from the baseline up.
enum class BatchIsa : int { baseline, avx2, avx512 };

[[nodiscard]] constexpr std::string_view to_string(BatchIsa isa) noexcept {
    return isa == BatchIsa::avx512 ? "avx512 (x86-64-v4)" : isa == BatchIsa::avx2 ? "avx2" : "baseline";
}

/// Whether this build has a clone for `isa` and this CPU can run it.
[[nodiscard]] inline bool batch_isa_available(BatchIsa isa) noexcept {
#if GENDEX_HAS_BATCH_CLONES
    if (isa == BatchIsa::avx512) return __builtin_cpu_supports("x86-64-v4") != 0;
    if (isa == BatchIsa::avx2) return __builtin_cpu_supports("avx2") != 0;
#endif
    return isa == BatchIsa::baseline;
}

namespace batch_detail {
/// The clone forced by force_batch_isa, or -1 for the CPU's best.
inline std::atomic<int> forced_isa{-1};
}  // namespace batch_detail

/// The clone the index kernels run: the best this CPU and build have, unless a test forced one.
[[nodiscard]] inline BatchIsa batch_isa() noexcept {
    static const BatchIsa best = batch_isa_available(BatchIsa::avx512) ? BatchIsa::avx512
                                 : batch_isa_available(BatchIsa::avx2) ? BatchIsa::avx2
                                                                       : BatchIsa::baseline;
    const int forced = batch_detail::forced_isa.load(std::memory_order_relaxed);
    return forced < 0 ? best : static_cast<BatchIsa>(forced);
}

/// For tests: make the index kernels run `isa`'s clone (std::nullopt: the CPU's best again).
/// value_error if this CPU or build cannot run it. Affects every thread.
inline void force_batch_isa(std::optional<BatchIsa> isa) {
    if (isa && !batch_isa_available(*isa))
        throw value_error("this " + std::string(GENDEX_HAS_BATCH_CLONES ? "CPU" : "build") + " has no " +
                          std::string(to_string(*isa)) + " clone to run");
    batch_detail::forced_isa.store(isa ? static_cast<int>(*isa) : -1, std::memory_order_relaxed);
}

}  // namespace gendex

// GENDEX_BATCH_FUNCTION(name, (parameters), (arguments)) { body } defines `void name(parameters) noexcept`,
// which runs the body compiled for batch_isa(): one clone per instruction set, each a copy of the body
// (`name##_body`, forced inline into it). `arguments` are the parameters' names, in order.
#if GENDEX_HAS_BATCH_CLONES
#define GENDEX_BATCH_FUNCTION(name, params, args)                                                                   \
    GENDEX_BLOCK_INLINE inline void name##_body params noexcept;                                                    \
    [[gnu::noinline]] __attribute__((target("arch=x86-64-v4"))) inline void name##_avx512 params noexcept {         \
        name##_body args;                                                                                           \
    }                                                                                                               \
    [[gnu::noinline]] __attribute__((target("avx2"))) inline void name##_avx2 params noexcept { name##_body args; } \
    [[gnu::noinline]] inline void name##_baseline params noexcept { name##_body args; }                             \
    inline void name params noexcept {                                                                              \
        switch (::gendex::batch_isa()) {                                                                            \
            case ::gendex::BatchIsa::avx512: return name##_avx512 args;                                             \
            case ::gendex::BatchIsa::avx2: return name##_avx2 args;                                                 \
            case ::gendex::BatchIsa::baseline: break;                                                               \
        }                                                                                                           \
        name##_baseline args;                                                                                       \
    }                                                                                                               \
    GENDEX_BLOCK_INLINE inline void name##_body params noexcept
#else
#define GENDEX_BATCH_FUNCTION(name, params, args) [[gnu::noinline]] inline void name params noexcept
#endif

// Two options for batch code, and only for it (never for the includer's code):
//  - no contraction of a*b + c into one FMA: the AVX-512 clone could use FMA,
//    which rounds once where the baseline rounds twice. Without it every clone
//    rounds every operation identically and results do not depend on the
//    machine (publisher rounding at the 3rd decimal must not either);
//  - no trapping math: GCC otherwise refuses to compute both sides of a select
//    (a comparison could raise an exception flag), and selects are how the
//    loops stay branch-free and vectorise. The code never reads those flags.
// GENDEX_KERNELS_BEGIN/END set them for every function defined between them
// (the index kernel headers); GENDEX_KERNEL_MATH for one function. Functions
// defined outside (std::min, std::bit_cast, ...) are then not inlined into
// batch code: it uses its own (indices/batch_math.hpp).
#if defined(__GNUC__) && !defined(__clang__)
#define GENDEX_KERNELS_BEGIN \
    _Pragma("GCC push_options") _Pragma("GCC optimize(\"fp-contract=off\", \"no-trapping-math\")")
#define GENDEX_KERNELS_END _Pragma("GCC pop_options")
#define GENDEX_KERNEL_MATH __attribute__((optimize("fp-contract=off", "no-trapping-math")))
#else
#define GENDEX_KERNELS_BEGIN
#define GENDEX_KERNELS_END
#define GENDEX_KERNEL_MATH
#endif
