// Human-readable labels for output, in English or Indonesian (Bahasa
// Indonesia), so reports for a Pokja PUG read as BPS's own publications do.
// Ids without a label fall back to the id itself.
#pragma once

#include <array>
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
inline constexpr std::array<IndicatorLabelRow, 44> indicator_labels{{
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
}};

}  // namespace detail

/// Label of an indicator id; the id itself when it has none.
[[nodiscard]] inline std::string_view indicator_label(std::string_view id, Language lang) noexcept {
    for (const auto& row : detail::indicator_labels)
        if (row.id == id) return lang == Language::id ? row.id_lang : row.en;
    return id;
}

}  // namespace gendex
