// Human-readable labels for output, in English or Indonesian (Bahasa
// Indonesia), so reports for a Pokja PUG read as BPS's own publications do.
// Ids without a label fall back to the id itself.
#pragma once

#include <string>
#include <string_view>

#include "gendex/error.hpp"
#include "gendex/sex.hpp"

namespace gendex {

enum class Language : std::uint8_t { en, id };

[[nodiscard]] inline Language parse_language(std::string_view code) {
    if (code == "en") return Language::en;
    if (code == "id") return Language::id;
    throw key_error(Location{.key = std::string(code)}, "unknown language '" + std::string(code) + "' (use en or id)");
}

[[nodiscard]] constexpr std::string_view sex_label(Sex s, Language lang) noexcept {
    if (lang == Language::id) {
        switch (s) {
            case Sex::female: return "Perempuan";
            case Sex::male: return "Laki-laki";
            case Sex::total: return "Total";
        }
    }
    switch (s) {
        case Sex::female: return "Women";
        case Sex::male: return "Men";
        case Sex::total: return "Total";
    }
    return "Total";
}

namespace detail {

struct IndicatorLabelRow {
    std::string_view id, en, id_lang;
};

// Indonesian names as BPS publishes them (bps.go.id tables and BRS releases).
inline constexpr IndicatorLabelRow indicator_labels[] = {
    {"life_expectancy", "Life expectancy at birth", "Umur Harapan Hidup saat lahir (UHH)"},
    {"expected_schooling", "Expected years of schooling", "Harapan Lama Sekolah (HLS)"},
    {"mean_schooling", "Mean years of schooling", "Rata-rata Lama Sekolah (RLS)"},
    {"gni_per_capita", "GNI per capita (PPP $)", "PNB per kapita (PPP $)"},
    {"per_capita_expenditure", "Adjusted per-capita expenditure", "Pengeluaran per Kapita Disesuaikan"},
    {"maternal_mortality", "Maternal mortality ratio", "Angka Kematian Ibu"},
    {"adolescent_birth_rate", "Adolescent birth rate", "Angka Kelahiran Remaja"},
    {"parliament_share", "Share of seats in parliament", "Keterlibatan Perempuan di Parlemen"},
    {"secondary_education", "Population with some secondary education", "Penduduk dengan pendidikan menengah"},
    {"upper_secondary_education", "Population 25+ with upper secondary education or higher",
     "Penduduk 25+ berpendidikan SMA ke atas"},
    {"labour_force_participation", "Labour force participation rate", "Tingkat Partisipasi Angkatan Kerja (TPAK)"},
    {"births_outside_facility", "Live births not in a health facility (MTF)",
     "Proporsi perempuan yang melahirkan hidup tidak di fasilitas kesehatan (MTF)"},
    {"first_birth_before_20", "First live birth before age 20 (MHPK20)",
     "Proporsi perempuan yang melahirkan hidup pertama kali di bawah 20 tahun (MHPK20)"},
    {"professional_share", "Women as professional workers", "Perempuan sebagai Tenaga Profesional"},
    {"income_share", "Women's share of earned income", "Sumbangan Pendapatan Perempuan"},
    {"managers_share", "Legislators, senior officials and managers", "Anggota legislatif, pejabat tinggi dan manajer"},
    {"professional_technical_share", "Professional and technical workers", "Tenaga profesional dan teknisi"},
    {"population", "Population", "Jumlah Penduduk"},
    {"wage_ratio", "Female to male wage ratio", "Rasio upah perempuan terhadap laki-laki"},
    {"economically_active_share", "Share of the economically active population", "Proporsi angkatan kerja"},
    {"hdi", "Human Development Index", "Indeks Pembangunan Manusia (UNDP)"},
    {"gdi", "Gender Development Index", "Indeks Pembangunan Gender (UNDP)"},
    {"gdi_group", "GDI group", "Kelompok IPG (UNDP)"},
    {"gii", "Gender Inequality Index", "Indeks Ketimpangan Gender (UNDP)"},
    {"ihdi", "Inequality-adjusted HDI", "IPM yang disesuaikan dengan ketimpangan"},
    {"ihdi_loss", "Loss due to inequality", "Kehilangan akibat ketimpangan"},
    {"coefficient_human_inequality", "Coefficient of human inequality", "Koefisien ketimpangan manusia"},
    {"gem", "Gender Empowerment Measure", "Ukuran Pemberdayaan Gender (UNDP)"},
    {"hdi_rank", "HDI rank", "Peringkat IPM"},
    {"gii_rank", "GII rank", "Peringkat IKG (UNDP)"},
    {"ipm", "Human Development Index (IPM)", "Indeks Pembangunan Manusia (IPM)"},
    {"ipg", "Gender Development Index (IPG)", "Indeks Pembangunan Gender (IPG)"},
    {"idg", "Gender Empowerment Index (IDG)", "Indeks Pemberdayaan Gender (IDG)"},
    {"ikg", "Gender Inequality Index (IKG)", "Indeks Ketimpangan Gender (IKG)"},
    {"inequality_income", "Inequality in income", "Ketimpangan pendapatan"},
    {"inequality_education", "Inequality in education", "Ketimpangan pendidikan"},
    {"gggi", "Global Gender Gap Index (WEF)", "Indeks Kesenjangan Gender Global (WEF)"},
    {"gggi_rank", "GGGI rank", "Peringkat Indeks Kesenjangan Gender Global"},
    {"gggi_economic_participation_and_opportunity", "Economic participation and opportunity",
     "Partisipasi dan kesempatan ekonomi"},
    {"gggi_educational_attainment", "Educational attainment", "Capaian pendidikan"},
    {"gggi_health_and_survival", "Health and survival", "Kesehatan dan keberlangsungan hidup"},
    {"gggi_political_empowerment", "Political empowerment", "Pemberdayaan politik"},
    {"wei", "Women's Empowerment Index (WEI)", "Indeks Pemberdayaan Perempuan (WEI)"},
    {"ggpi", "Global Gender Parity Index (GGPI)", "Indeks Paritas Gender Global (GGPI)"},
    // Components and steps of the indices, as tables of decompositions, priorities and reports name them.
    {"inequality_life_expectancy", "Inequality in life expectancy", "Ketimpangan harapan hidup"},
    {"purchasing_power", "Purchasing-power level of the IDG income step", "Tingkat daya beli (langkah pendapatan IDG)"},
    {"hdi_group", "HDI group", "Kelompok IPM (UNDP)"},
    {"hdi_health_index", "HDI health index", "Indeks kesehatan (UNDP)"},
    {"hdi_education_index", "HDI education index", "Indeks pendidikan (UNDP)"},
    {"hdi_income_index", "HDI income index", "Indeks pendapatan (UNDP)"},
    {"gii_geometric_mean", "GII within-sex geometric mean", "Rata-rata geometrik per jenis kelamin (UNDP)"},
    {"gii_harmonic_mean", "GII harmonic mean of women and men", "Rata-rata harmonik perempuan dan laki-laki (UNDP)"},
    {"gii_reference", "GII reference standard", "Standar acuan IKG (UNDP)"},
    {"gii_health", "GII reproductive health term", "Dimensi kesehatan reproduksi (UNDP)"},
    {"gii_empowerment", "GII empowerment term", "Dimensi pemberdayaan (UNDP)"},
    {"gii_labour", "GII labour market term", "Dimensi pasar tenaga kerja (UNDP)"},
    {"ihdi_health_index", "Inequality-adjusted health index", "Indeks kesehatan disesuaikan ketimpangan"},
    {"ihdi_education_index", "Inequality-adjusted education index", "Indeks pendidikan disesuaikan ketimpangan"},
    {"ihdi_income_index", "Inequality-adjusted income index", "Indeks pendapatan disesuaikan ketimpangan"},
    {"gem_political", "GEM political participation", "Partisipasi politik (GEM)"},
    {"gem_economic", "GEM economic participation", "Partisipasi ekonomi (GEM)"},
    {"gem_income", "GEM power over economic resources", "Penguasaan sumber daya ekonomi (GEM)"},
    {"gem_parliament_edep", "GEM equally distributed share of parliament seats",
     "Persentase ekuivalen merata kursi parlemen (GEM)"},
    {"gem_managers_edep", "GEM equally distributed share of managers", "Persentase ekuivalen merata manajer (GEM)"},
    {"gem_professional_technical_edep", "GEM equally distributed share of professional and technical workers",
     "Persentase ekuivalen merata tenaga profesional dan teknisi (GEM)"},
    {"gem_income_index", "GEM income index", "Indeks pendapatan (GEM)"},
    {"ipm_health_index", "Health index (IPM)", "Indeks Kesehatan"},
    {"ipm_education_index", "Education index (IPM)", "Indeks Pendidikan"},
    {"ipm_expenditure_index", "Expenditure index (IPM)", "Indeks Pengeluaran"},
    {"ikg_health", "Reproductive health term (IKG)", "Dimensi kesehatan reproduksi"},
    {"ikg_geometric_mean", "Within-sex geometric mean (IKG)", "Rata-rata geometrik per jenis kelamin (IKG)"},
    {"ikg_harmonic_mean", "Harmonic mean of women and men (IKG)", "Rata-rata harmonik perempuan dan laki-laki (IKG)"},
    {"ikg_reference", "Reference standard (IKG)", "Standar acuan (IKG)"},
    {"idg_parliament_index", "Parliament index (IDG)", "Indeks keterlibatan perempuan di parlemen"},
    {"idg_professional_index", "Professional workers index (IDG)", "Indeks perempuan sebagai tenaga profesional"},
    {"idg_income_index", "Income index (IDG)", "Indeks sumbangan pendapatan perempuan"},
    // The Paths to Equal (UNDP / UN Women 2023).
    {"family_planning_satisfied", "Demand for family planning satisfied by modern methods",
     "Kebutuhan KB yang terpenuhi dengan cara modern"},
    {"neet_rate", "Youth not in education, employment or training (NEET)",
     "Pemuda tidak sekolah, tidak bekerja dan tidak dalam pelatihan (NEET)"},
    {"lfpr_couple_young_child", "Labour force participation, couples with a child under 6",
     "TPAK pasangan dengan anak di bawah 6 tahun"},
    {"account_ownership", "Account ownership", "Kepemilikan rekening"},
    {"local_government_share", "Share of seats in local government", "Keterwakilan di pemerintahan daerah"},
    {"intimate_partner_violence", "Intimate partner violence in the last 12 months",
     "Kekerasan oleh pasangan dalam 12 bulan terakhir"},
    {"healthy_life_share", "Share of life in good health", "Proporsi umur hidup sehat"},
    {"no_local_government", "No elected local government", "Tidak ada pemerintahan daerah hasil pemilihan"},
    {"wei_group", "WEI group", "Kelompok WEI"},
    {"wei_health", "WEI life and good health", "Dimensi hidup dan kesehatan (WEI)"},
    {"wei_education", "WEI education, skill-building and knowledge", "Dimensi pendidikan dan keterampilan (WEI)"},
    {"wei_labour", "WEI labour and financial inclusion", "Dimensi tenaga kerja dan inklusi keuangan (WEI)"},
    {"wei_decision", "WEI participation in decision-making", "Dimensi pengambilan keputusan (WEI)"},
    {"wei_violence", "WEI freedom from violence", "Dimensi bebas dari kekerasan (WEI)"},
    {"ggpi_group", "GGPI group", "Kelompok GGPI"},
    {"ggpi_health", "GGPI life and good health", "Dimensi hidup dan kesehatan (GGPI)"},
    {"ggpi_education", "GGPI education, skill-building and knowledge", "Dimensi pendidikan dan keterampilan (GGPI)"},
    {"ggpi_labour", "GGPI labour and financial inclusion", "Dimensi tenaga kerja dan inklusi keuangan (GGPI)"},
    {"ggpi_decision", "GGPI participation in decision-making", "Dimensi pengambilan keputusan (GGPI)"},
    // The 14 indicators of WEF's Global Gender Gap Index, as the report names them.
    {"gggi_labour_force_participation", "Labour-force participation rate (WEF)", "Partisipasi angkatan kerja (WEF)"},
    {"gggi_wage_equality_for_similar_work", "Wage equality for similar work (WEF)",
     "Kesetaraan upah untuk pekerjaan serupa (WEF)"},
    {"gggi_estimated_earned_income", "Estimated earned income (WEF)", "Perkiraan pendapatan (WEF)"},
    {"gggi_legislators_senior_officials_and_managers", "Legislators, senior officials and managers (WEF)",
     "Anggota legislatif, pejabat tinggi dan manajer (WEF)"},
    {"gggi_professional_and_technical_workers", "Professional and technical workers (WEF)",
     "Tenaga profesional dan teknisi (WEF)"},
    {"gggi_literacy_rate", "Literacy rate (WEF)", "Angka melek huruf (WEF)"},
    {"gggi_enrolment_in_primary_education", "Enrolment in primary education (WEF)",
     "Partisipasi pendidikan dasar (WEF)"},
    {"gggi_enrolment_in_secondary_education", "Enrolment in secondary education (WEF)",
     "Partisipasi pendidikan menengah (WEF)"},
    {"gggi_enrolment_in_tertiary_education", "Enrolment in tertiary education (WEF)",
     "Partisipasi pendidikan tinggi (WEF)"},
    {"gggi_sex_ratio_at_birth", "Sex ratio at birth (WEF)", "Rasio jenis kelamin saat lahir (WEF)"},
    {"gggi_healthy_life_expectancy", "Healthy life expectancy (WEF)", "Harapan hidup sehat (WEF)"},
    {"gggi_women_in_parliament", "Women in parliament (WEF)", "Perempuan di parlemen (WEF)"},
    {"gggi_women_in_ministerial_positions", "Women in ministerial positions (WEF)",
     "Perempuan di jabatan menteri (WEF)"},
    {"gggi_years_with_female_head_of_state", "Years with female head of state, last 50 (WEF)",
     "Tahun dengan kepala negara perempuan, 50 tahun terakhir (WEF)"},
};

}  // namespace detail

/// Label of an indicator id (every id of IndicatorRegistry::standard() has one); the id itself for others.
[[nodiscard]] inline std::string_view indicator_label(std::string_view id, Language lang) noexcept {
    for (const auto& row : detail::indicator_labels)
        if (row.id == id) return lang == Language::id ? row.id_lang : row.en;
    return id;
}

}  // namespace gendex
