// How the library's batch loops are compiled: one clone per instruction set,
// forced inlining of their stages, and the floating-point options they need.
// Shared by the index kernels (indices/) and the survey pass (micro/).
#pragma once

// On x86-64 Linux each batch function is also compiled for x86-64-v4 (AVX-512)
// and AVX2, and the loader picks the clone once (GCC target_clones). Clones
// must not throw: exceptions do not unwind through the dispatch, so every
// check happens in the caller. The stages they call are forced inline
// (GENDEX_BLOCK_INLINE) so that they are compiled into each clone. Define
// GENDEX_NO_TARGET_CLONES to build the baseline only.
#if defined(__x86_64__) && defined(__ELF__) && defined(__GLIBC__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(GENDEX_NO_TARGET_CLONES)
#define GENDEX_BATCH_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define GENDEX_BATCH_CLONES
#endif
#if defined(__GNUC__)
#define GENDEX_BLOCK_INLINE __attribute__((always_inline))
#else
#define GENDEX_BLOCK_INLINE
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
