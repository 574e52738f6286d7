#include "gendex/indicator.hpp"
#include "gendex/labels.hpp"
#include "test_support.hpp"

using namespace gendex;

TEST(Labels, EnglishAndIndonesian) {
    EXPECT_EQ(indicator_label("ipg", Language::id), "Indeks Pembangunan Gender (IPG)");
    EXPECT_EQ(indicator_label("idg", Language::id), "Indeks Pemberdayaan Gender (IDG)");
    EXPECT_EQ(indicator_label("ikg", Language::en), "Gender Inequality Index (IKG)");
    EXPECT_EQ(sex_label(Sex::female, Language::id), "Perempuan");
    EXPECT_EQ(sex_label(Sex::male, Language::id), "Laki-laki");
    EXPECT_EQ(sex_label(Sex::female, Language::en), "Women");
    EXPECT_EQ(indicator_label("my_own_indicator", Language::id), "my_own_indicator");
    EXPECT_EQ(parse_language("id"), Language::id);
    EXPECT_THROW_MSG((void)parse_language("fr"), key_error, "unknown language 'fr' (use en or id)");
}

TEST(Labels, EveryLabelledIdIsRegistered) {
    for (const auto& row : detail::indicator_labels)
        EXPECT_TRUE(IndicatorRegistry::standard().contains(row.id)) << row.id;
}
