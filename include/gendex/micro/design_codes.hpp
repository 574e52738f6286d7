// A design's strata and PSU codes made from its columns in one step: the PSU
// ids are coded within strata (R's nest = TRUE), so each PSU is in one stratum
// by construction and the stratum of every PSU is known from the coding. A
// Design made from them (the NestedPsus constructor) does not read every row
// again to check the nesting, which on 10 M rows in random order took as long
// as the coding (30 of 90 ms).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstddef>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/domain_codes.hpp"

namespace gendex::micro {

/// The codes of a design's strata and PSUs, and where to read each code's value.
struct CodedDesign {
    NestedPsus nested;
    /// Per stratum code, a row holding its value (empty without a strata column).
    std::vector<std::size_t> stratum_row;
    /// Per PSU code, its first row.
    std::vector<std::size_t> psu_row;
};

namespace detail {
/// Most values a stratum column may span for its codes to be looked up by value (a table in L1).
inline constexpr std::uint64_t stratum_table_max = 4096;

struct DesignCoder {
    static CodedDesign code(const KeyColumn* strata, const KeyColumn& psu, std::span<code32> strata_out,
                            std::span<code32> psu_out, unsigned threads) {
        const std::size_t rows = psu_out.size();
        if (strata != nullptr && strata_out.size() != rows)
            throw value_error("the strata codes have room for " + std::to_string(strata_out.size()) +
                              " rows, the PSU codes for " + std::to_string(rows));
        std::vector<KeyColumn> key;
        if (strata != nullptr) key.push_back(*strata);
        key.push_back(psu);
        // PSU codes in sorted order of (stratum, PSU) values: a stratum's PSUs are consecutive codes.
        const DomainList psus = code_domains(key, {}, psu_out, threads);
        std::vector<code32> psu_stratum(psus.count, 0);
        CodedDesign out{NestedPsus(1, {}), {}, psus.first_row};
        if (strata == nullptr) {
            out.nested = NestedPsus(1, std::move(psu_stratum));
            return out;
        }
        std::visit(
            [&](const auto& v) {
                code32 h = 0;
                for (code32 p = 0; p < psus.count; ++p) {
                    const std::size_t row = psus.first_row[p];
                    if (p == 0 || v[row] != v[out.stratum_row.back()]) {
                        h = static_cast<code32>(out.stratum_row.size());
                        out.stratum_row.push_back(row);
                    }
                    psu_stratum[p] = h;
                }
                if (rows == 0) return;
                // Each row's stratum: from a table by value where the strata's values span a short
                // range (read in order), else from its PSU's (a gather from a table of every PSU).
                const std::uint64_t low = static_cast<std::uint64_t>(v[out.stratum_row.front()]);  // values ascend
                const std::uint64_t range = static_cast<std::uint64_t>(v[out.stratum_row.back()]) - low + 1;
                std::vector<code32> table(range != 0 && range <= stratum_table_max ? range : 0, 0);
                for (code32 s = 0; s < out.stratum_row.size() && !table.empty(); ++s)
                    table[static_cast<std::uint64_t>(v[out.stratum_row[s]]) - low] = s;
                for_row_shares(rows, row_shares(rows, threads), coding_chunk_rows,
                               [&](std::size_t, std::size_t b0, std::size_t b1) {
                                   if (!table.empty())
                                       look_up_codes(v.data() + b0, b1 - b0, low, table.data(), strata_out.data() + b0);
                                   else
                                       for (std::size_t i = b0; i < b1; ++i) strata_out[i] = psu_stratum[psu_out[i]];
                               });
            },
            strata->values);
        const auto count = static_cast<code32>(std::max<std::size_t>(out.stratum_row.size(), 1));
        out.nested = NestedPsus(count, std::move(psu_stratum));
        return out;
    }
};
}  // namespace detail

/// Writes the stratum and PSU code of every row to `strata_out` and `psu_out` from the columns
/// `strata` (null: one stratum; `strata_out` then unused) and `psu`: strata numbered in sorted order
/// of their values, PSUs in sorted order of (stratum, PSU) values, as code_domains() numbers them, so
/// the codes (and bootstrap draws) do not depend on the order of the rows. A missing value (negative,
/// in a negative_is_missing column) is an error naming the row. Make the design with
/// Design(weights, strata_out, psu_out, coded.nested); the outputs must outlive it, unchanged. On
/// `threads` threads (0: every core), the same codes for any number.
[[nodiscard]] inline CodedDesign code_design(const KeyColumn* strata, const KeyColumn& psu,
                                             std::span<code32> strata_out, std::span<code32> psu_out,
                                             unsigned threads = 0) {
    return detail::DesignCoder::code(strata, psu, strata_out, psu_out, threads);
}

}  // namespace gendex::micro
