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
#include "gendex/compute/gggi.hpp"
#include "gendex/compute/gii.hpp"
#include "gendex/compute/hdi.hpp"
#include "gendex/compute/decomposition_model.hpp"
#include "gendex/compute/gradient_model.hpp"
#include "gendex/compute/ihdi.hpp"
#include "gendex/compute/parity_components.hpp"
#include "gendex/compute/policy.hpp"
#include "gendex/compute/twin.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/requirements.hpp"
#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/error.hpp"

namespace gendex {

struct IndexDescriptor {
    std::string_view name;       // "gdi": the CLI argument and the Python name
    std::string_view title;      // "Gender Development Index"
    std::string_view publisher;  // "UNDP", "BPS", "WEF" or "UNDP/UN Women"
    /// The edition used when none is given: BPS indices bps, WEF's wef2023, UNDP's the latest HDR.
    std::string_view default_edition;
    /// What it needs, by data-contract id and sex: the specification the compute
    /// function checks (describe(inputs) is the text of --help and the docs).
    const InputRequirements* inputs;
    /// Every output an index can give, headline first, in display order; the
    /// wide frames of the Python facade have one column per entry.
    std::vector<AlignedColumn> outputs;
    /// How tables list units: by the headline, highest or lowest first, or
    /// nearest to parity (the GDI).
    enum class Order : std::uint8_t { highest_first, lowest_first, nearest_one_first } display;
    IndexResult (*compute)(const Dataset&, const Edition&, const ComputeOptions&);
    /// The components the priorities analysis (parity gains) sets at parity; null: none.
    const ParityModel* parity = nullptr;
    /// Whether micro::index_uncertainty computes it from survey microdata.
    bool survey = false;
    /// How analysis/decomposition.hpp splits it into additive parts; null: it does not.
    const DecompositionModel* decomposition = nullptr;
    /// Which analytic gradient analysis/elasticity.hpp gives; null: none.
    const GradientModel* gradients = nullptr;
};

namespace detail {

[[nodiscard]] inline std::vector<AlignedColumn> concat(std::vector<AlignedColumn> head,
                                                       const std::vector<AlignedColumn>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

/// The IPM and its dimension indices of women and men, as the IPM and the IPG give them.
[[nodiscard]] inline std::vector<AlignedColumn> ipm_by_sex_outputs() {
    std::vector<AlignedColumn> out;
    for (const char* id : {"ipm", "ipm_health_index", "ipm_education_index", "ipm_expenditure_index"})
        for (Sex sex : {Sex::female, Sex::male}) out.push_back({id, sex});
    return out;
}

}  // namespace detail

/// Every index, in a fixed order.
[[nodiscard]] inline const std::vector<IndexDescriptor>& index_table() {
    static const std::vector<IndexDescriptor> table{
        {"hdi",
         "Human Development Index",
         "UNDP",
         latest_hdr_edition_id,
         &detail::hdi_requirements(),
         {{"hdi", Sex::total},
          {"hdi_rank", Sex::total},
          {"hdi_group", Sex::total},
          {"hdi_health_index", Sex::total},
          {"hdi_education_index", Sex::total},
          {"hdi_income_index", Sex::total}},
         IndexDescriptor::Order::highest_first,
         &compute_hdi,
         nullptr,
         false,
         nullptr,
         &hdi_gradient},
        {"gdi",
         "Gender Development Index",
         "UNDP",
         latest_hdr_edition_id,
         &detail::gdi_requirements(),
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
         IndexDescriptor::Order::nearest_one_first,
         &compute_gdi,
         &gdi_parity,
         true,
         &gdi_decomposition,
         &gdi_gradient},
        {"gii",
         "Gender Inequality Index",
         "UNDP",
         latest_hdr_edition_id,
         &detail::gii_requirements(),
         {{"gii", Sex::total},
          {"gii_rank", Sex::total},
          {"gii_geometric_mean", Sex::female},
          {"gii_geometric_mean", Sex::male},
          {"gii_harmonic_mean", Sex::total},
          {"gii_reference", Sex::total},
          {"gii_health", Sex::total},
          {"gii_empowerment", Sex::total},
          {"gii_labour", Sex::total}},
         IndexDescriptor::Order::lowest_first,
         &compute_gii,
         &gii_parity,
         true,
         &shapley_decomposition,
         &gii_gradient},
        {"ihdi",
         "Inequality-adjusted Human Development Index",
         "UNDP",
         latest_hdr_edition_id,
         &detail::ihdi_requirements(),
         {{"ihdi", Sex::total},
          {"ihdi_loss", Sex::total},
          {"coefficient_human_inequality", Sex::total},
          {"ihdi_health_index", Sex::total},
          {"ihdi_education_index", Sex::total},
          {"ihdi_income_index", Sex::total}},
         IndexDescriptor::Order::highest_first,
         &compute_ihdi,
         nullptr,
         false,
         nullptr,
         &ihdi_gradient},
        {"gem",
         "Gender Empowerment Measure (HDR 1995-2009)",
         "UNDP",
         latest_hdr_edition_id,
         &detail::gem_requirements(),
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
         IndexDescriptor::Order::highest_first,
         &compute_gem,
         nullptr,
         false,
         &gem_decomposition,
         &gem_gradient},
        {"ipm", "Indeks Pembangunan Manusia (BPS)", "BPS", bps_edition_id, &detail::ipm_requirements(),
         detail::concat({{"ipm", Sex::total},
                         {"ipm_health_index", Sex::total},
                         {"ipm_education_index", Sex::total},
                         {"ipm_expenditure_index", Sex::total}},
                        detail::ipm_by_sex_outputs()),
         IndexDescriptor::Order::highest_first, &compute_ipm, nullptr, false, nullptr, &ipm_gradient},
        {"ipg", "Indeks Pembangunan Gender (BPS)", "BPS", bps_edition_id, &detail::ipg_requirements(),
         detail::concat({{"ipg", Sex::total}}, detail::ipm_by_sex_outputs()), IndexDescriptor::Order::highest_first,
         &compute_ipg, &ipg_parity, true, &ipg_decomposition, &ipg_gradient},
        {"idg",
         "Indeks Pemberdayaan Gender (BPS)",
         "BPS",
         bps_edition_id,
         &detail::idg_requirements(),
         {{"idg", Sex::total},
          {"idg_parliament_index", Sex::total},
          {"idg_professional_index", Sex::total},
          {"idg_income_index", Sex::total}},
         IndexDescriptor::Order::highest_first,
         &compute_idg,
         nullptr,
         false,
         &idg_decomposition,
         &idg_gradient},
        {"ikg",
         "Indeks Ketimpangan Gender (BPS)",
         "BPS",
         bps_edition_id,
         &detail::ikg_requirements(),
         {{"ikg", Sex::total},
          {"ikg_health", Sex::female},
          {"ikg_geometric_mean", Sex::female},
          {"ikg_geometric_mean", Sex::male},
          {"ikg_harmonic_mean", Sex::total},
          {"ikg_reference", Sex::total}},
         IndexDescriptor::Order::lowest_first,
         &compute_ikg,
         &ikg_parity,
         true,
         &shapley_decomposition,
         &ikg_gradient},
        {"gggi",
         "WEF Global Gender Gap Index",
         "WEF",
         wef_edition_id,
         &detail::gggi_requirements(),
         {{"gggi", Sex::total},
          {"gggi_rank", Sex::total},
          {"gggi_economic_participation_and_opportunity", Sex::total},
          {"gggi_educational_attainment", Sex::total},
          {"gggi_health_and_survival", Sex::total},
          {"gggi_political_empowerment", Sex::total},
          {"gggi_labour_force_participation", Sex::total},
          {"gggi_wage_equality_for_similar_work", Sex::total},
          {"gggi_estimated_earned_income", Sex::total},
          {"gggi_legislators_senior_officials_and_managers", Sex::total},
          {"gggi_professional_and_technical_workers", Sex::total},
          {"gggi_literacy_rate", Sex::total},
          {"gggi_enrolment_in_primary_education", Sex::total},
          {"gggi_enrolment_in_secondary_education", Sex::total},
          {"gggi_enrolment_in_tertiary_education", Sex::total},
          {"gggi_sex_ratio_at_birth", Sex::total},
          {"gggi_healthy_life_expectancy", Sex::total},
          {"gggi_women_in_parliament", Sex::total},
          {"gggi_women_in_ministerial_positions", Sex::total},
          {"gggi_years_with_female_head_of_state", Sex::total}},
         IndexDescriptor::Order::highest_first,
         &compute_gggi,
         nullptr,
         false,
         nullptr,
         &gggi_gradient},
        {"wei",
         "Women's Empowerment Index (UNDP / UN Women)",
         "UNDP/UN Women",
         twin_edition_id,
         &detail::wei_requirements(),
         {{"wei", Sex::total},
          {"wei_group", Sex::total},
          {"wei_health", Sex::total},
          {"wei_education", Sex::total},
          {"wei_labour", Sex::total},
          {"wei_decision", Sex::total},
          {"wei_violence", Sex::total}},
         IndexDescriptor::Order::highest_first,
         &compute_wei,
         nullptr,
         false,
         nullptr,
         &wei_gradient},
        {"ggpi",
         "Global Gender Parity Index (UNDP / UN Women)",
         "UNDP/UN Women",
         twin_edition_id,
         &detail::ggpi_requirements(),
         {{"ggpi", Sex::total},
          {"ggpi_group", Sex::total},
          {"ggpi_health", Sex::total},
          {"ggpi_education", Sex::total},
          {"ggpi_labour", Sex::total},
          {"ggpi_decision", Sex::total}},
         IndexDescriptor::Order::highest_first,
         &compute_ggpi,
         nullptr,
         false,
         nullptr,
         &ggpi_gradient},
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
    throw key_error(Location{.key = std::string(name)},
                    "unknown index '" + std::string(name) + "'; known indices: " + known);
}

/// Compute the index called `name` over every region-period of `ds`.
[[nodiscard]] inline IndexResult compute(std::string_view name, const Dataset& ds, const Edition& ed,
                                         const ComputeOptions& options = {}) {
    return index_descriptor(name).compute(ds, ed, options);
}

}  // namespace gendex
