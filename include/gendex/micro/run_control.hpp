// What bounds a long survey run (the pass over rows, bootstrap and replicate
// sums, index uncertainty): its caller can follow and stop it (Progress), and
// its memory is checked before anything is allocated (check_replicate_memory).
// The core knows nothing of the front end: the Python binding's Progress
// checks for Ctrl-C (PyErr_CheckSignals) and throws to stop the run.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "gendex/error.hpp"

namespace gendex::micro {

/// Called between chunks of a long run (rows, replicates) with the units done
/// of the total, never inside a chunk, so the caller can report progress and
/// stop the run: an exception thrown by the callback ends the run and leaves
/// nothing half-built. Called often (every chunk): throttle costly work in it.
/// May be empty.
using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// The most memory one replicate run may hold for its per-replicate numbers
/// (domains x replicates x cells doubles: sums of a domain's slots, or an index's
/// inputs per region). Beyond it the run is refused before allocating, naming
/// the figures, instead of exhausting the machine (a bootstrap of 10^9
/// replicates once grew to 8 GB before std::bad_alloc). Documented in docs/micro.md.
inline constexpr std::uint64_t replicate_memory_limit = std::uint64_t{4} << 30;  // 4 GiB

/// Bytes of domains x replicates x cells doubles, saturating instead of wrapping.
[[nodiscard]] inline std::uint64_t replicate_bytes(std::uint64_t domains, std::uint64_t replicates,
                                                   std::uint64_t cells) noexcept {
    long double bytes = static_cast<long double>(domains) * static_cast<long double>(replicates) *
                        static_cast<long double>(cells) * sizeof(double);
    return bytes >= static_cast<long double>(UINT64_MAX) ? UINT64_MAX : static_cast<std::uint64_t>(bytes);
}

/// value_error when `what` (e.g. "the bootstrap") over `domains` domains, with `replicates`
/// replicates of `cells` numbers each, needs more than replicate_memory_limit.
inline void check_replicate_memory(std::string_view what, std::uint64_t domains, std::uint64_t replicates,
                                   std::uint64_t cells) {
    const std::uint64_t bytes = replicate_bytes(domains, replicates, cells);
    if (bytes <= replicate_memory_limit) return;
    const std::uint64_t per_replicate = replicate_bytes(domains, 1, cells);
    char gb[32];
    std::snprintf(gb, sizeof gb, "%.1f GB", static_cast<double>(bytes) / 1e9);
    throw value_error(std::string(what) + " with " + std::to_string(replicates) + " replicates needs about " + gb +
                      " (" + std::to_string(domains) + " domains x " + std::to_string(replicates) + " replicates x " +
                      std::to_string(cells) + " numbers x 8 bytes), more than the " +
                      std::to_string(replicate_memory_limit >> 30) +
                      " GiB gendex allows a replicate run; use at most " +
                      std::to_string(per_replicate ? replicate_memory_limit / per_replicate : 0) +
                      " replicates here, or fewer domains");
}

}  // namespace gendex::micro
