// The indices the compute layer knows, as a table: the one home of every fact
// about an index (name, title, publisher, default edition, inputs, outputs,
// parity components, survey path). Adding an index is one more entry here plus
// its compute function; the CLI, Python, the priorities analysis and the survey
// layer enumerate this table instead of listing indices of their own.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/align.hpp"
#include "gendex/compute/bps.hpp"
#include "gendex/compute/gdi.hpp"
#include "gendex/compute/gem.hpp"
#include "gendex/compute/gii.hpp"
#include "gendex/compute/hdi.hpp"
#include "gendex/compute/decomposition_model.hpp"
#include "gendex/compute/ihdi.hpp"
#include "gendex/compute/parity_components.hpp"
#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/error.hpp"

namespace gendex {

struct IndexDescriptor {
    std::string_view name;       // "gdi": the CLI argument and the Python name
    std::string_view title;      // "Gender Development Index"
    std::string_view publisher;  // "UNDP" or "BPS"
    /// The edition used when none is given: BPS indices bps, UNDP's the latest HDR.
    std::string_view default_edition;
    /// Inputs by data-contract id and sex, as a user would read them in --help.
    std::string_view inputs;
    /// Every output an index can give, headline first, in display order; the
    /// wide frames of the Python facade have one column per entry.
    std::vector<AlignedColumn> outputs;
    /// How tables list units: by the headline, highest or lowest first, or
    /// nearest to parity (the GDI).
    enum class order : std::uint8_t { highest_first, lowest_first, nearest_one_first } display;
    IndexResult (*compute)(const Dataset&, const Edition&, const ComputeOptions&);
    /// The components the priorities analysis (parity gains) sets at parity; null: none.
    const ParityModel* parity = nullptr;
    /// Whether micro::index_uncertainty computes it from survey microdata.
    bool survey = false;
    /// How analysis/decomposition.hpp splits it into additive parts; null: it does not.
    const DecompositionModel* decomposition = nullptr;
};

/// Every index, in a fixed order.
[[nodiscard]] inline const std::vector<IndexDescriptor>& index_table() {
    static const std::vector<IndexDescriptor> table{
        {"hdi",
         "Human Development Index",
         "UNDP",
         latest_hdr_edition_id,
         "life_expectancy, expected_schooling, mean_schooling, gni_per_capita (total)",
         {{"hdi", Sex::total},
          {"hdi_rank", Sex::total},
          {"hdi_group", Sex::total},
          {"hdi_health_index", Sex::total},
          {"hdi_education_index", Sex::total},
          {"hdi_income_index", Sex::total}},
         IndexDescriptor::order::highest_first,
         &compute_hdi,
         nullptr,
         false},
        {"gdi",
         "Gender Development Index",
         "UNDP",
         latest_hdr_edition_id,
         "life_expectancy, expected_schooling, mean_schooling, gni_per_capita (female, male); without "
         "gni_per_capita by sex: gni_per_capita (total), wage_ratio (optional), economically_active_share "
         "(or labour_force_participation), population by sex",
         {{"gdi", Sex::total},
          {"gdi_group", Sex::total},
          {"hdi", Sex::female},
          {"hdi", Sex::male},
          {"hdi_health_index", Sex::female},
          {"hdi_health_index", Sex::male},
          {"hdi_education_index", Sex::female},
          {"hdi_education_index", Sex::male},
          {"hdi_income_index", Sex::female},
          {"hdi_income_index", Sex::male},
          {"gni_per_capita", Sex::female},
          {"gni_per_capita", Sex::male},
          {"income_share", Sex::female},
          {"income_share", Sex::male}},
         IndexDescriptor::order::nearest_one_first,
         &compute_gdi,
         &gdi_parity,
         true,
         &gdi_decomposition},
        {"gii",
         "Gender Inequality Index",
         "UNDP",
         latest_hdr_edition_id,
         "maternal_mortality, adolescent_birth_rate (female); parliament_share, secondary_education, "
         "labour_force_participation (female, male)",
         {{"gii", Sex::total},
          {"gii_rank", Sex::total},
          {"gii_geometric_mean", Sex::female},
          {"gii_geometric_mean", Sex::male},
          {"gii_harmonic_mean", Sex::total},
          {"gii_reference", Sex::total},
          {"gii_health", Sex::total},
          {"gii_empowerment", Sex::total},
          {"gii_labour", Sex::total}},
         IndexDescriptor::order::lowest_first,
         &compute_gii,
         &gii_parity,
         true,
         &shapley_decomposition},
        {"ihdi",
         "Inequality-adjusted Human Development Index",
         "UNDP",
         latest_hdr_edition_id,
         "life_expectancy, expected_schooling, mean_schooling, gni_per_capita, inequality_life_expectancy, "
         "inequality_education, inequality_income (total)",
         {{"ihdi", Sex::total},
          {"ihdi_loss", Sex::total},
          {"coefficient_human_inequality", Sex::total},
          {"ihdi_health_index", Sex::total},
          {"ihdi_education_index", Sex::total},
          {"ihdi_income_index", Sex::total}},
         IndexDescriptor::order::highest_first,
         &compute_ihdi,
         nullptr,
         false},
        {"gem",
         "Gender Empowerment Measure (HDR 1995-2009)",
         "UNDP",
         latest_hdr_edition_id,
         "parliament_share, managers_share, professional_technical_share, population (female, male); "
         "gni_per_capita by sex, or its total (+ optional wage_ratio, economically_active_share)",
         {{"gem", Sex::total},
          {"gem_political", Sex::total},
          {"gem_economic", Sex::total},
          {"gem_income", Sex::total},
          {"gem_parliament_edep", Sex::total},
          {"gem_managers_edep", Sex::total},
          {"gem_professional_technical_edep", Sex::total},
          {"gem_income_index", Sex::female},
          {"gem_income_index", Sex::male},
          {"gni_per_capita", Sex::female},
          {"gni_per_capita", Sex::male},
          {"income_share", Sex::female},
          {"income_share", Sex::male}},
         IndexDescriptor::order::highest_first,
         &compute_gem,
         nullptr,
         false,
         &gem_decomposition},
        {"ipm",
         "Indeks Pembangunan Manusia (BPS)",
         "BPS",
         bps_edition_id,
         "life_expectancy, expected_schooling, mean_schooling, per_capita_expenditure (total)",
         {{"ipm", Sex::total},
          {"ipm_health_index", Sex::total},
          {"ipm_education_index", Sex::total},
          {"ipm_expenditure_index", Sex::total}},
         IndexDescriptor::order::highest_first,
         &compute_ipm,
         nullptr,
         false},
        {"ipg",
         "Indeks Pembangunan Gender (BPS)",
         "BPS",
         bps_edition_id,
         "life_expectancy, expected_schooling, mean_schooling, per_capita_expenditure (female, male); or ipm "
         "(female, male)",
         {{"ipg", Sex::total},
          {"ipm", Sex::female},
          {"ipm", Sex::male},
          {"ipm_health_index", Sex::female},
          {"ipm_health_index", Sex::male},
          {"ipm_education_index", Sex::female},
          {"ipm_education_index", Sex::male},
          {"ipm_expenditure_index", Sex::female},
          {"ipm_expenditure_index", Sex::male}},
         IndexDescriptor::order::highest_first,
         &compute_ipg,
         &ipg_parity,
         true,
         &ipg_decomposition},
        {"idg",
         "Indeks Pemberdayaan Gender (BPS)",
         "BPS",
         bps_edition_id,
         "parliament_share, professional_share, income_share (female; men's implied), population (female, male), "
         "purchasing_power (total)",
         {{"idg", Sex::total},
          {"idg_parliament_index", Sex::total},
          {"idg_professional_index", Sex::total},
          {"idg_income_index", Sex::total}},
         IndexDescriptor::order::highest_first,
         &compute_idg,
         nullptr,
         false,
         &idg_decomposition},
        {"ikg",
         "Indeks Ketimpangan Gender (BPS)",
         "BPS",
         bps_edition_id,
         "births_outside_facility, first_birth_before_20 (female); parliament_share, upper_secondary_education, "
         "labour_force_participation (female, male)",
         {{"ikg", Sex::total},
          {"ikg_health", Sex::female},
          {"gii_geometric_mean", Sex::female},
          {"gii_geometric_mean", Sex::male},
          {"gii_harmonic_mean", Sex::total},
          {"gii_reference", Sex::total}},
         IndexDescriptor::order::lowest_first,
         &compute_ikg,
         &ikg_parity,
         true,
         &shapley_decomposition},
    };
    return table;
}

/// The names of the table, in order.
[[nodiscard]] inline std::vector<std::string> index_names() {
    std::vector<std::string> out;
    for (const auto& d : index_table()) out.emplace_back(d.name);
    return out;
}

/// The names of the entries whose `facet` is set (e.g. &IndexDescriptor::parity), comma-separated.
template <class Member>
[[nodiscard]] std::string join_index_names(Member IndexDescriptor::*facet) {
    std::string out;
    for (const auto& d : index_table())
        if (d.*facet) out += (out.empty() ? "" : ", ") + std::string(d.name);
    return out;
}

/// The entry of `name`; key_error listing the known names.
[[nodiscard]] inline const IndexDescriptor& index_descriptor(std::string_view name) {
    for (const auto& d : index_table())
        if (d.name == name) return d;
    std::string known;
    for (const auto& d : index_table()) known += (known.empty() ? "" : ", ") + std::string(d.name);
    throw key_error("unknown index '" + std::string(name) + "'; known indices: " + known);
}

/// Compute the index called `name` over every region-period of `ds`.
[[nodiscard]] inline IndexResult compute(std::string_view name, const Dataset& ds, const Edition& ed,
                                         const ComputeOptions& options = {}) {
    return index_descriptor(name).compute(ds, ed, options);
}

}  // namespace gendex
