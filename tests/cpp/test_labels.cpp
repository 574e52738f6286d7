#include <map>
#include <string_view>

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

// Tables for people (reports, the CLI's --lang, plots) print labels: every standard indicator has
// its own in each language, so no table falls back to a code, and no two indicators read alike.
TEST(Labels, EveryStandardIndicatorHasItsOwnLabelInBothLanguages) {
    for (const Language lang : {Language::en, Language::id}) {
        std::map<std::string_view, std::string_view> owner;  // label -> id
        for (const auto& id : IndicatorRegistry::standard().ids()) {
            const std::string_view label = indicator_label(id, lang);
            EXPECT_NE(label, id) << "no label for " << id;
            const auto [at, fresh] = owner.emplace(label, id);
            EXPECT_TRUE(fresh) << id << " and " << at->second << " share the label '" << label << "'";
        }
    }
    EXPECT_EQ(indicator_label("ipm_education_index", Language::id), "Indeks Pendidikan");
    EXPECT_EQ(indicator_label("idg_parliament_index", Language::id), "Indeks keterlibatan perempuan di parlemen");
}

TEST(Labels, EveryLabelledIdIsRegistered) {
    for (const auto& row : detail::indicator_labels)
        EXPECT_TRUE(IndicatorRegistry::standard().contains(row.id)) << row.id;
}
