#include <cmath>

#include "gendex/align.hpp"
#include "gendex/dataset.hpp"
#include "gendex/parity.hpp"
#include "test_support.hpp"

using namespace gendex;

namespace {

Dataset small() {
    DatasetBuilder b;
    b.add("IDN", 2020, Sex::female, "life_expectancy", 73.5);
    b.add("IDN", 2020, Sex::male, "life_expectancy", 69.5);
    b.add("IDN", 2021, Sex::female, "life_expectancy", 73.8, "", 0.2, "years", "BPS");
    b.add("MYS", 2020, Sex::female, "life_expectancy", 77.0);
    b.add("MYS", 2020, Sex::male, "life_expectancy", 72.5);
    b.add("IDN", 2020, Sex::female, "labour_force_participation", 53.1, "15+");
    b.add("IDN", 2020, Sex::total, "population", 270.2, "", NAN, "millions");
    return std::move(b).build();
}

}  // namespace

TEST(Dataset, KeysAreLookedUpAndAbsentKeysNamed) {
    const Dataset ds = small();
    EXPECT_EQ(ds.size(), 7u);
    EXPECT_DOUBLE_EQ(ds.value("IDN", 2020, Sex::male, "life_expectancy"), 69.5);
    EXPECT_DOUBLE_EQ(ds.value("IDN", 2020, Sex::female, "labour_force_participation", "15+"), 53.1);
    EXPECT_FALSE(ds.find("IDN", 2020, Sex::female, "labour_force_participation").has_value());  // other age group
    EXPECT_THROW_MSG((void)ds.value("IDN", 2021, Sex::male, "life_expectancy"), key_error,
                     "no observation for region 'IDN', period 2021, sex male, indicator 'life_expectancy'");
    const Observation o = ds.row(2);
    EXPECT_EQ(o.unit, "years");
    EXPECT_EQ(o.source, "BPS");
    EXPECT_DOUBLE_EQ(o.se, 0.2);
    EXPECT_TRUE(std::isnan(ds.row(0).se));
    EXPECT_TRUE(ds.has_se());
}

TEST(Dataset, BuilderRejectsBadObservationsWithTheirLocation) {
    const Location at_line{"in.csv", 9, ""};
    DatasetBuilder b;
    EXPECT_THROW_MSG(b.add("IDN", 2020, Sex::total, "life_expectancy", NAN, "", NAN, "", "", at_line), value_error,
                     "in.csv: line 9, column 'value': value is not a finite number");
    EXPECT_THROW_MSG(b.add("IDN", 2020, Sex::total, "life_expectancy", 121, "", NAN, "", "", at_line), value_error,
                     "value 121 is outside the valid range [0, 120] of 'life_expectancy'");
    EXPECT_THROW_MSG(b.add("IDN", 2020, Sex::total, "lifeexp", 70, "", NAN, "", "", at_line), key_error,
                     "in.csv: line 9, column 'indicator': unknown indicator 'lifeexp'");
    EXPECT_THROW_MSG(b.add("IDN", 2020, Sex::male, "maternal_mortality", 70, "", NAN, "", "", at_line), value_error,
                     "indicator 'maternal_mortality' is female_only and cannot have sex 'male'");
    EXPECT_THROW_MSG(b.add("IDN", 2020, Sex::total, "hdi", 0.7, "", -1.0, "", "", at_line), value_error,
                     "column 'se': standard error -1 must be a finite number >= 0");
    EXPECT_THROW_MSG(b.add("", 2020, Sex::total, "hdi", 0.7, "", NAN, "", "", at_line), value_error,
                     "column 'region': region is empty");
    EXPECT_EQ(b.size(), 0u);  // nothing half-added
}

TEST(Dataset, DuplicateKeysNameBothPlaces) {
    DatasetBuilder b;
    b.add("IDN", 2020, Sex::total, "hdi", 0.7, "", NAN, "", "", {"in.csv", 2, ""});
    b.add("IDN", 2020, Sex::total, "hdi", 0.71, "", NAN, "", "", {"in.csv", 5, ""});
    EXPECT_THROW_MSG(
        (void)std::move(b).build(), value_error,
        "in.csv: line 5: duplicate key (region 'IDN', period 2020, sex total, indicator 'hdi'), first given "
        "at in.csv: line 2");
}

TEST(Dataset, UserRegisteredIndicatorsAreAccepted) {
    IndicatorRegistry r = IndicatorRegistry::standard();
    r.add({"child_marriage", "Women 20-24 married before 18", "%", 0, 100, SexScope::female_only, false});
    DatasetBuilder b(r);
    b.add("IDN", 2020, Sex::female, "child_marriage", 10.35);
    EXPECT_EQ(std::move(b).build().size(), 1u);
    EXPECT_THROW_MSG(r.add({"child_marriage", "again", "%", 0, 100}), value_error, "already registered");
    EXPECT_THROW_MSG(r.add({"bad", "inverted", "%", 5, 1}), value_error, "valid range min 5");
}

TEST(Dataset, FromColumnsValidatesCodesAndLengths) {
    DatasetColumns c;
    c.regions.intern("IDN");
    c.indicators.intern("hdi");
    c.region = {0}, c.indicator = {1}, c.age_group = {0}, c.unit = {0}, c.source = {0};
    c.period = {2020}, c.sex = {Sex::total}, c.value = {0.7}, c.se = {NAN};
    EXPECT_THROW_MSG((void)Dataset::from_columns(c), value_error,
                     "row 0: column 'indicator' code 1 is not in its dictionary");
    c.indicator = {0};
    c.se = {};
    EXPECT_THROW_MSG((void)Dataset::from_columns(c), value_error, "column 'se' has 0 rows but 'value' has 1");
}

TEST(Dataset, FilterAndConcat) {
    const Dataset ds = small();
    DatasetFilter f;
    f.regions = {"IDN"};
    f.sexes = {Sex::female};
    const Dataset idn_f = ds.filter(f);
    EXPECT_EQ(idn_f.size(), 3u);  // LE 2020, LE 2021, LFPR 2020
    f.age_groups = {""};
    f.periods = {2020};
    EXPECT_EQ(ds.filter(f).size(), 1u);
    DatasetFilter rest;
    rest.regions = {"MYS"};
    const Dataset both = idn_f.concat(ds.filter(rest));
    EXPECT_EQ(both.size(), 5u);
    EXPECT_DOUBLE_EQ(both.value("MYS", 2020, Sex::male, "life_expectancy"), 72.5);
    EXPECT_THROW_MSG((void)both.concat(ds.filter(rest)), value_error, "duplicate key (region 'MYS'");
}

TEST(Dataset, EqualityIsBitwise) {
    const Dataset a = small();
    Dataset b = small();
    EXPECT_TRUE(a == b);
    DatasetFilter f;
    f.regions = {"MYS", "IDN"};
    EXPECT_TRUE(a.filter(f) == a);  // filter keeps order
    DatasetBuilder c;
    c.add("IDN", 2020, Sex::total, "hdi", 0.1 + 0.2);
    DatasetBuilder d;
    d.add("IDN", 2020, Sex::total, "hdi", 0.3);  // differs from 0.1 + 0.2 in the last bit
    EXPECT_FALSE(std::move(c).build() == std::move(d).build());
}

TEST(Align, FemaleAndMaleColumnsPerUnit) {
    const Dataset ds = small();
    const std::string ids[] = {"life_expectancy"};
    const AlignedTable t = align_sexes(ds, ids);
    ASSERT_EQ(t.units(), 3u);  // IDN 2020, IDN 2021, MYS 2020 (region order of first appearance)
    EXPECT_EQ(t.region[0], "IDN");
    EXPECT_EQ(t.period[1], 2021);
    EXPECT_EQ(t.region[2], "MYS");
    EXPECT_DOUBLE_EQ(t.column(0)[0], 73.5);
    EXPECT_DOUBLE_EQ(t.column(1)[0], 69.5);
    EXPECT_DOUBLE_EQ(t.column(0)[1], 73.8);
    EXPECT_FALSE(t.present(1, 1));  // no male value for IDN 2021
    EXPECT_TRUE(std::isnan(t.column(1)[1]));
    EXPECT_DOUBLE_EQ(t.column(1)[2], 72.5);
    EXPECT_EQ(t.column_index("life_expectancy", Sex::male), 1u);
    EXPECT_THROW_MSG((void)t.column_index("hdi", Sex::total), key_error, "no column for indicator 'hdi'");
}

TEST(Align, AgeGroupsAreSeparateAndSparsePeriodsWork) {
    DatasetBuilder b;
    b.add("A", 1900, Sex::female, "labour_force_participation", 40, "15+");
    b.add("A", 1900, Sex::female, "labour_force_participation", 44, "15-64");
    b.add("A", 2100, Sex::male, "labour_force_participation", 70, "15+");  // 200 years apart: sparse grid
    const Dataset ds = std::move(b).build();
    const std::string ids[] = {"labour_force_participation"};
    const auto t = align_sexes(ds, ids, "15+");
    ASSERT_EQ(t.units(), 2u);
    EXPECT_DOUBLE_EQ(t.column(0)[0], 40);
    EXPECT_DOUBLE_EQ(t.column(1)[1], 70);
    EXPECT_EQ(align_sexes(ds, ids, "25+").units(), 0u);
}

TEST(Parity, RatioDifferenceAndAdjustedIndex) {
    const Dataset ds = small();
    const std::string ids[] = {"life_expectancy"};
    const auto rows = parity(ds, ids);
    ASSERT_EQ(rows.size(), 2u);  // IDN 2021 has no male value
    EXPECT_DOUBLE_EQ(rows[0].ratio, 73.5 / 69.5);
    EXPECT_DOUBLE_EQ(rows[0].difference, 4.0);
    // female > male: adjusted GPI = 2 - 69.5/73.5 = 1.054421768...
    EXPECT_NEAR(rows[0].adjusted_gpi, 1.0544217687, 1e-10);
    // female < male: the plain ratio.
    EXPECT_DOUBLE_EQ(adjusted_gender_parity_index(40, 80), 0.5);
    EXPECT_DOUBLE_EQ(adjusted_gender_parity_index(80, 40), 1.5);
}
