// gendex::micro against R's survey package (tests/fixtures/micro/reference.csv,
// written by make_reference.R from survey.csv), plus the monoid, archive,
// bootstrap and error contracts.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <thread>
#include <tuple>

#include <Eigen/Core>

#include "gendex/micro/accumulate.hpp"
#include "gendex/micro/block_pages.hpp"
#include "gendex/micro/buffer_pool.hpp"
#include "gendex/micro/design.hpp"
#include "gendex/micro/design_codes.hpp"
#include "gendex/micro/domain_codes.hpp"
#include "gendex/micro/large_array.hpp"
#include "gendex/micro/score_variance.hpp"
#include "gendex/micro/threads.hpp"
#include "gendex/micro/estimate.hpp"
#include "gendex/serialization.hpp"
#include "test_support.hpp"

using namespace gendex;
using namespace gendex::micro;
using gendex::test::fixture;

namespace {

/// A numeric CSV: header names, then columns of doubles.
struct Table {
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;

    [[nodiscard]] const std::vector<double>& operator[](std::string_view name) const {
        for (std::size_t j = 0; j < names.size(); ++j)
            if (names[j] == name) return columns[j];
        throw key_error("no column " + std::string(name));
    }
    [[nodiscard]] std::size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, ',')) out.push_back(field);
    return out;
}

const Table& survey() {
    static const Table t = [] {
        Table out;
        std::ifstream in(fixture("micro/survey.csv"));
        std::string line;
        std::getline(in, line);
        out.names = split(line);
        out.columns.resize(out.names.size());
        while (std::getline(in, line)) {
            const auto f = split(line);
            for (std::size_t j = 0; j < f.size(); ++j) out.columns[j].push_back(std::strtod(f[j].c_str(), nullptr));
        }
        return out;
    }();
    return t;
}

struct Reference {
    std::string config, statistic;
    int region, sex;
    double estimate, se;
};

const std::vector<Reference>& reference() {
    static const std::vector<Reference> rows = [] {
        std::vector<Reference> out;
        std::ifstream in(fixture("micro/reference.csv"));
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            const auto f = split(line);
            out.push_back({f[0], f[1], std::stoi(f[2]), std::stoi(f[3]), std::strtod(f[4].c_str(), nullptr),
                           std::strtod(f[5].c_str(), nullptr)});
        }
        return out;
    }();
    return rows;
}

std::vector<code32> codes_minus_one(const std::vector<double>& v) {
    std::vector<code32> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = static_cast<code32>(v[i]) - 1;
    return out;
}

std::vector<std::int64_t> ints(const std::vector<double>& v) { return std::vector<std::int64_t>(v.begin(), v.end()); }

/// The columns every test builds designs from, coded once.
struct Coded {
    std::vector<code32> stratum, stratum_lonely, psu, psu_lonely, domain;
    std::vector<std::uint8_t> age15, age25;
    std::vector<std::span<const double>> boot, jk, boot_factor;
    std::vector<std::vector<double>> boot_factor_values;  // boot / weight: replicate factors, not combined
};

const Coded& coded() {
    static const Coded c = [] {
        const Table& t = survey();
        Coded out;
        out.stratum = codes_minus_one(t["stratum"]);
        out.stratum_lonely = codes_minus_one(t["stratum_lonely"]);
        const auto s = ints(t["stratum"]), sl = ints(t["stratum_lonely"]), p = ints(t["psu"]);
        out.psu = nested_psu_codes(s, p).codes;
        out.psu_lonely = nested_psu_codes(sl, p).codes;
        out.domain = cross_codes(codes_minus_one(t["region"]), 30, codes_minus_one(t["sex"]), 2);
        for (double a : t["age"]) out.age15.push_back(a >= 15), out.age25.push_back(a >= 25);
        for (int r = 1; r <= 20; ++r) {
            out.boot.emplace_back(t["boot" + std::to_string(r)]);
            out.jk.emplace_back(t["jk" + std::to_string(r)]);
            std::vector<double> f(t.rows());
            for (std::size_t i = 0; i < t.rows(); ++i) f[i] = t["boot" + std::to_string(r)][i] / t["weight"][i];
            out.boot_factor_values.push_back(std::move(f));
        }
        for (const auto& f : out.boot_factor_values) out.boot_factor.emplace_back(f);
        return out;
    }();
    return c;
}

std::vector<Variable> all_variables() {
    const Table& t = survey();
    return {{"y", t["y"]}, {"in_lf", t["in_lf"]}, {"earnings", t["earnings"]}, {"years_school", t["years_school"]}};
}

/// Designs of reference.csv, by configuration name.
Design make_design(const std::string& config) {
    const Table& t = survey();
    const Coded& c = coded();
    const auto w = std::span<const double>(t["weight"]);
    if (config == "lin") return Design(w, c.stratum, c.psu);
    if (config == "lin_element") return Design(w, c.stratum);
    if (config == "lin_nostrata") return Design(w, {}, c.psu);
    if (config.rfind("lonely_", 0) == 0)
        return Design(w, c.stratum_lonely, c.psu_lonely, {parse_lonely_psu(config.substr(7))});
    Design d(w);
    ReplicateSpec spec;
    auto cols = std::span<const std::span<const double>>(c.boot);
    if (config == "boot")
        spec.type = ReplicateType::bootstrap;
    else if (config == "boot_mse")
        spec.type = ReplicateType::bootstrap, spec.mse = true;
    else if (config == "boot_scale")
        spec.type = ReplicateType::bootstrap, spec.scale = 0.05, spec.rscales = {1.0};
    else if (config == "jk1")
        spec.type = ReplicateType::jk1, cols = c.jk;
    else if (config == "jk1_mse")
        spec.type = ReplicateType::jk1, spec.mse = true, cols = c.jk;
    else if (config == "boot_factors")
        spec.combined_weights = false, cols = c.boot_factor;
    else if (config == "brr")
        spec.type = ReplicateType::brr;
    else if (config == "fay")
        spec.type = ReplicateType::fay, spec.rho = 0.3, spec.mse = true;
    else if (config == "other") {
        spec.type = ReplicateType::other, spec.scale = 0.07, cols = c.jk;
        for (int r = 0; r < 20; ++r) spec.rscales.push_back(0.5 + r * (1.0 / 19.0));
    } else {
        throw key_error("unknown configuration " + config);
    }
    d.with_replicates(ReplicateWeights::columns(cols), spec);
    return d;
}

Variance variance_of(const std::string& config) {
    return config.rfind("lin", 0) == 0 || config.rfind("lonely", 0) == 0 ? Variance::linearization
                                                                         : Variance::replicates;
}

/// The estimate of a reference statistic from an accumulator.
Estimates estimate_statistic(const std::string& statistic, const Accumulator& acc, const EstimateOptions& o) {
    if (statistic == "mean_y") return mean(acc, "y", o);
    if (statistic == "proportion_in_lf_15") return proportion(acc, "in_lf", o);
    if (statistic == "total_earnings") return total(acc, "earnings", o);
    if (statistic == "ratio_earnings_in_lf_15") return ratio(acc, "earnings", "in_lf", o);
    if (statistic == "mean_years_school_25") return mean(acc, "years_school", o);
    throw key_error("unknown statistic " + statistic);
}

std::span<const std::uint8_t> filter_of(const std::string& statistic) {
    if (statistic.ends_with("_15")) return coded().age15;
    if (statistic.ends_with("_25")) return coded().age25;
    return {};
}

double rel(double a, double b) { return a == b ? 0.0 : std::abs(a - b) / std::max(std::abs(b), 1e-300); }

/// Standard errors equal to `tol` relative, or both at rounding-noise level
/// for the estimate (a domain inside a single PSU has a zero variance in
/// exact arithmetic, and its computed SE is rounding noise of the order
/// 1e-15 x estimate, whose digits depend on summation order).
bool se_close(double a, double b, double estimate, double tol) {
    return std::abs(a - b) <= tol * std::abs(b) + 1e-12 * std::abs(estimate);
}

}  // namespace

// ----------------------------------------------------------------- against R

TEST(MicroReference, MatchesRSurveyForEveryConfiguration) {
    const auto& refs = reference();
    ASSERT_EQ(refs.size(), 4800u);
    std::map<std::pair<std::string, std::string>, std::vector<const Reference*>> groups;
    for (const auto& r : refs) groups[{r.config, r.statistic}].push_back(&r);

    std::map<std::string, std::pair<double, double>> worst;  // per configuration: estimate, se
    std::map<std::string, int> noise_level;                  // SEs compared absolutely
    std::size_t compared = 0;
    const auto vars = all_variables();
    for (const auto& [key, rows] : groups) {
        const auto& [config, statistic] = key;
        SCOPED_TRACE(config + " / " + statistic);
        const Design design = make_design(config);
        const Domains domains(design, coded().domain, 60);
        AccumulateOptions ao;
        ao.where = filter_of(statistic);
        const Accumulator acc = accumulate(design, domains, vars, ao);
        EstimateOptions eo;
        eo.variance = variance_of(config);
        const Estimates e = estimate_statistic(statistic, acc, eo);
        ASSERT_EQ(e.size(), 60u);
        ASSERT_EQ(rows.size(), 60u);  // R's svyby: every domain has rows
        for (const Reference* r : rows) {
            const code32 d = static_cast<code32>((r->region - 1) * 2 + (r->sex - 1));
            ASSERT_EQ(e.status[d], EstimateStatus::ok);
            const double re = rel(e.estimate[d], r->estimate);
            // An SE at rounding-noise level (a domain inside one PSU under bootstrap
            // replicates: R gives ~1e-8 for a mean of 50) is compared absolutely,
            // relative to the estimate; every other SE relatively.
            const bool tiny = r->se <= 1e-6 * std::abs(r->estimate);
            const double rs = tiny ? std::abs(e.se[d] - r->se) / std::abs(r->estimate) * 1e3 : rel(e.se[d], r->se);
            EXPECT_LE(re, 1e-12) << "domain " << r->region << "/" << r->sex << ": " << e.estimate[d] << " vs R "
                                 << r->estimate;
            EXPECT_LE(rs, 1e-9) << "domain " << r->region << "/" << r->sex << ": se " << e.se[d] << " vs R " << r->se;
            auto& w = worst[config];
            w.first = std::max(w.first, re);
            if (!tiny)
                w.second = std::max(w.second, rs);
            else
                ++noise_level[config];
            ++compared;
        }
    }
    EXPECT_EQ(compared, 4800u);
    for (const auto& [config, w] : worst)
        std::cout << "[ R agreement ] " << config << ": max relative difference estimate " << w.first << ", se "
                  << w.second << " (" << noise_level[config] << " SEs at rounding-noise level compared absolutely)\n";
}

TEST(MicroReference, PointEstimatesWithoutCellsEqualTheFullPass) {
    const Design design = make_design("lin");
    const Domains domains(design, coded().domain, 60);
    const auto vars = all_variables();
    AccumulateOptions fast;
    fast.linearization = false;
    const Accumulator a = accumulate(design, domains, vars, fast), b = accumulate(design, domains, vars);
    EXPECT_FALSE(a.has_cells());
    EstimateOptions none;
    none.variance = Variance::none;
    const Estimates ea = mean(a, "y", none), eb = mean(b, "y", none);
    EXPECT_TRUE(ea.se.empty());
    for (code32 d = 0; d < 60; ++d) EXPECT_LE(rel(ea.estimate[d], eb.estimate[d]), 1e-13);
    EXPECT_THROW_MSG((void)mean(a, "y"), value_error, "accumulate with linearization = true");
}

// ----------------------------------------------------------------- lonely PSUs

TEST(MicroLonelyPsu, FailNamesTheStratumAndTheDomain) {
    const Design design = make_design("lonely_fail");  // parse_lonely_psu("fail")
    const Domains domains(design, coded().domain, 60);
    const Accumulator acc = accumulate(design, domains, all_variables());
    EXPECT_THROW_MSG((void)mean(acc, "y"), value_error, "stratum 10 has only one PSU");
    EXPECT_THROW_MSG((void)mean(acc, "y"), value_error, "choose lonely_psu = remove, adjust, certainty or average");
    // A front end that coded other values names those (Python names the data's stratum and PSU ids).
    EstimateOptions named;
    named.design_names = {[](code32 h) { return "h" + std::to_string(h); },
                          [](code32 p) { return "ea" + std::to_string(p); }};
    EXPECT_THROW_MSG((void)mean(acc, "y", named), value_error, "stratum h10 has only one PSU (PSU ea");
    // A domain without rows in the lonely stratum is fine, as in R; rows left
    // out by the row filter do not count as rows there.
    std::vector<std::uint8_t> region1(survey().rows());
    for (std::size_t i = 0; i < region1.size(); ++i) region1[i] = coded().domain[i] < 2;
    AccumulateOptions ao;
    ao.where = region1;
    const Accumulator acc2 = accumulate(design, domains, all_variables(), ao);
    EstimateOptions o;
    o.empty_domain = EmptyDomain::no_estimate;
    const Estimates e = mean(acc2, "y", o);
    EXPECT_EQ(e.status[0], EstimateStatus::ok);
    EXPECT_TRUE(std::isfinite(e.se[0]));
    EXPECT_EQ(e.status[2], EstimateStatus::no_rows);
    // An estimate-time override wins over the design's option.
    o.lonely_psu = LonelyPsu::remove;
    EXPECT_NO_THROW((void)mean(acc, "y", o));
    EXPECT_THROW_MSG((void)parse_lonely_psu("drop"), value_error, "unknown lonely-PSU option 'drop'");
}

TEST(MicroLonelyPsu, AverageWithOnlyLonelyStrataIsAnExplicitGap) {
    // Two strata: one lonely PSU each, and one with two PSUs; domain 0 lives only in the lonely stratum.
    const std::vector<double> w{1, 2, 3, 4}, y{1, 2, 3, 4};
    const std::vector<code32> strata{0, 1, 1, 1}, psu{0, 1, 2, 2}, dom{0, 1, 1, 1};
    const Design design(w, strata, psu, {LonelyPsu::average});
    const Domains domains(design, dom, 2);
    const Variable v{"y", y};
    const Accumulator acc = accumulate(design, domains, std::span<const Variable>(&v, 1));
    EXPECT_THROW_MSG((void)mean(acc, "y"), value_error, "domain 0: all its strata have a single PSU");
    EstimateOptions o;
    o.empty_domain = EmptyDomain::no_estimate;
    const Estimates e = mean(acc, "y", o);
    EXPECT_EQ(e.status[0], EstimateStatus::no_variance);
    EXPECT_DOUBLE_EQ(e.estimate[0], 1.0);
    EXPECT_TRUE(std::isnan(e.se[0]));
    EXPECT_EQ(e.status[1], EstimateStatus::ok);
    // adjust: the lonely PSU's score total squared; for a domain mean inside it that is 0.
    o.lonely_psu = LonelyPsu::adjust;
    EXPECT_DOUBLE_EQ(mean(acc, "y", o).se[0], 0.0);
    // ... and for a total, the total itself (R 4.1's adjust centres at zero).
    EXPECT_DOUBLE_EQ(total(acc, "y", o).se[0], 1.0);
}

// ----------------------------------------------------------------- monoid

namespace {

/// Accumulate `parts` random partitions of the survey, each as its own Design
/// over its rows with the global codes, with replicate weights attached.
std::vector<Accumulator> partition_accumulators(std::size_t parts, std::uint32_t seed,
                                                std::span<const std::uint8_t> where) {
    const Table& t = survey();
    const Coded& c = coded();
    std::mt19937 rng(seed);
    std::vector<std::vector<std::size_t>> rows(parts);
    for (std::size_t i = 0; i < t.rows(); ++i) rows[rng() % parts].push_back(i);
    std::vector<Accumulator> out;
    for (const auto& idx : rows) {
        auto pick = [&](const auto& col) {
            std::vector<std::decay_t<decltype(col[0])>> v;
            for (std::size_t i : idx) v.push_back(col[i]);
            return v;
        };
        const auto w = pick(t["weight"]);
        const auto strata = pick(c.stratum), psu = pick(c.psu), dom = pick(c.domain);
        const auto y = pick(t["y"]), lf = pick(t["in_lf"]), earn = pick(t["earnings"]);
        std::vector<std::uint8_t> in;
        if (!where.empty()) in = pick(where);
        std::vector<std::vector<double>> boot;
        for (const auto& col : c.boot) boot.push_back(pick(col));
        std::vector<std::span<const double>> bcols(boot.begin(), boot.end());
        Design design(w, strata, psu);
        design.with_replicates(ReplicateWeights::columns(bcols), ReplicateSpec{});
        const Domains domains(design, dom, 60);
        const std::vector<Variable> vars{{"y", y}, {"in_lf", lf}, {"earnings", earn}};
        AccumulateOptions o;
        o.where = in;
        o.moments = true;
        out.push_back(accumulate(design, domains, vars, o));
    }
    return out;
}

Accumulator whole_accumulator(std::span<const std::uint8_t> where) {
    const Table& t = survey();
    const Coded& c = coded();
    Design design(t["weight"], c.stratum, c.psu);
    design.with_replicates(ReplicateWeights::columns(c.boot), ReplicateSpec{});
    const Domains domains(design, c.domain, 60);
    const std::vector<Variable> vars{{"y", t["y"]}, {"in_lf", t["in_lf"]}, {"earnings", t["earnings"]}};
    AccumulateOptions o;
    o.where = where;
    o.moments = true;
    return accumulate(design, domains, vars, o);
}

void expect_same_estimates(const Accumulator& a, const Accumulator& b, double tol) {
    for (auto variance : {Variance::linearization, Variance::replicates, Variance::bootstrap}) {
        EstimateOptions o;
        o.variance = variance;
        o.bootstrap.replicates = 30;
        const Estimates list[][2] = {{mean(a, "y", o), mean(b, "y", o)},
                                     {total(a, "earnings", o), total(b, "earnings", o)},
                                     {ratio(a, "earnings", "in_lf", o), ratio(b, "earnings", "in_lf", o)}};
        for (const auto& pair : list)
            for (std::size_t d = 0; d < pair[0].size(); ++d) {
                EXPECT_LE(rel(pair[0].estimate[d], pair[1].estimate[d]), tol) << pair[0].statistic << " " << d;
                EXPECT_TRUE(se_close(pair[0].se[d], pair[1].se[d], pair[1].estimate[d], tol))
                    << pair[0].statistic << " " << d << " (" << to_string(variance) << "): " << pair[0].se[d] << " vs "
                    << pair[1].se[d];
                EXPECT_EQ(pair[0].rows[d], pair[1].rows[d]);
            }
    }
}

}  // namespace

TEST(MicroMonoid, RandomPartitionsMergedInRandomOrdersEqualOnePass) {
    const auto where = std::span<const std::uint8_t>(coded().age15);
    const Accumulator whole = whole_accumulator(where);
    for (std::uint32_t trial = 0; trial < 6; ++trial) {
        SCOPED_TRACE("trial " + std::to_string(trial));
        auto parts = partition_accumulators(2 + trial, 1000 + trial, where);
        std::mt19937 rng(77 + trial);
        std::shuffle(parts.begin(), parts.end(), rng);
        // Left fold in one random order ...
        Accumulator folded = parts[0];
        for (std::size_t i = 1; i < parts.size(); ++i) folded.merge(parts[i]);
        // ... and a pairwise tree in another.
        std::shuffle(parts.begin(), parts.end(), rng);
        while (parts.size() > 1) {
            std::vector<Accumulator> next;
            for (std::size_t i = 0; i + 1 < parts.size(); i += 2) next.push_back(merge(parts[i], parts[i + 1]));
            if (parts.size() % 2) next.push_back(parts.back());
            parts = std::move(next);
        }
        expect_same_estimates(folded, whole, 1e-12);
        expect_same_estimates(parts[0], whole, 1e-12);
        EXPECT_EQ(folded.parts().cell_psu, whole.parts().cell_psu);
        EXPECT_EQ(folded.parts().domain_rows, whole.parts().domain_rows);
    }
}

TEST(MicroMonoid, MergeRejectsIncompatibleAccumulators) {
    const auto where = std::span<const std::uint8_t>(coded().age15);
    Accumulator a = whole_accumulator(where);
    const Design design(survey()["weight"], coded().stratum, coded().psu);
    const Domains domains(design, coded().domain, 60);
    const Variable v{"y", survey()["y"]};
    const Accumulator other = accumulate(design, domains, std::span<const Variable>(&v, 1));
    EXPECT_THROW_MSG(a.merge(other), value_error, "they hold different variables");
    // The same PSU code in two strata.
    const std::vector<double> w{1, 1};
    const std::vector<code32> s0{0, 0}, s1{1, 1}, p{0, 0}, d{0, 0};
    const Design d0(w, s0, p), d1(w, s1, p);
    const Variable one{"y", w};
    Accumulator x = accumulate(d0, Domains(d0, d), std::span<const Variable>(&one, 1));
    const Accumulator y = accumulate(d1, Domains(d1, d), std::span<const Variable>(&one, 1));
    EXPECT_THROW_MSG(x.merge(y), value_error, "PSU 0 is in stratum 0 in one and stratum 1 in the other");
}

TEST(MicroDesignEffect, AccumulatorMomentsGiveTheOneCallDesignEffectsAndMerge) {
    const auto where = std::span<const std::uint8_t>(coded().age15);
    const Accumulator whole = whole_accumulator(where);
    const Table& t = survey();
    Design design(t["weight"], coded().stratum, coded().psu);
    const Domains domains(design, coded().domain, 60);
    EstimateOptions o;
    o.design_effect = DesignEffect::srswor;
    o.where = where;
    const Variable y{"y", t["y"]}, earnings{"earnings", t["earnings"]}, lf{"in_lf", t["in_lf"]};
    const Estimates pairs[][2] = {{mean(whole, "y", o), mean(design, domains, y, o)},
                                  {total(whole, "earnings", o), total(design, domains, earnings, o)},
                                  {ratio(whole, "earnings", "in_lf", o), ratio(design, domains, earnings, lf, o)}};
    for (const auto& pair : pairs) {
        ASSERT_EQ(pair[0].deff.size(), 60u) << pair[0].statistic;
        // Domains 58 and 59 lie inside one PSU: variance 0 in exact arithmetic, rounding noise
        // (deff ~1e-28) whose digits depend on the summation order; hence the absolute 1e-12.
        for (std::size_t d = 0; d < 60; ++d)
            EXPECT_LE(std::abs(pair[0].deff[d] - pair[1].deff[d]), 1e-12 * std::abs(pair[1].deff[d]) + 1e-12)
                << pair[0].statistic << " " << d << ": " << pair[0].deff[d] << " " << pair[1].deff[d];
    }
    // Partitions merged: the moments add up.
    auto parts = partition_accumulators(4, 99, where);
    Accumulator folded = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) folded.merge(parts[i]);
    const Estimates merged = mean(folded, "y", o), one = mean(whole, "y", o);
    for (std::size_t d = 0; d < 60; ++d) EXPECT_LE(rel(merged.deff[d], one.deff[d]), 1e-12) << d;
    // A partition without moments: the merge keeps none, and estimates carry no design effects.
    AccumulatorParts bare = parts[1].parts();
    bare.domain_products.clear();
    Accumulator without = parts[0];
    without.merge(Accumulator::from_parts(bare));
    EXPECT_TRUE(without.parts().domain_products.empty());
    EXPECT_TRUE(mean(without, "y", o).deff.empty());
}

TEST(MicroScoreVariance, OneCallVariancesWithoutACellPerRowEqualTheCellPath) {
    // The one-call estimators sum the rows' scores per PSU and stratum in a second pass
    // (score_variance.hpp); an accumulator keeps a cell per (PSU, domain). Same variances, for
    // element designs (every row its own PSU, R's ids = ~1) and PSU designs, with and without
    // strata and finite population corrections.
    const Table& t = survey();
    const Coded& c = coded();
    const auto where = std::span<const std::uint8_t>(c.age15);
    // Finite population corrections: three times the stratum's sampled units (rows or PSUs).
    auto fpc_of = [&](std::span<const code32> strata, std::span<const code32> psu) {
        const code32 nh = strata.empty() ? 1 : *std::max_element(strata.begin(), strata.end()) + 1;
        std::vector<std::vector<code32>> units(nh);
        for (std::size_t i = 0; i < t["weight"].size(); ++i)
            units[strata.empty() ? 0 : strata[i]].push_back(psu.empty() ? static_cast<code32>(i) : psu[i]);
        std::vector<double> fpc;
        for (std::size_t i = 0; i < t["weight"].size(); ++i) {
            auto& u = units[strata.empty() ? 0 : strata[i]];
            std::sort(u.begin(), u.end());
            u.erase(std::unique(u.begin(), u.end()), u.end());
            fpc.push_back(3.0 * static_cast<double>(u.size()));
        }
        return fpc;
    };
    struct Shape {
        const char* name;
        std::span<const code32> strata, psu;
    };
    const Shape shapes[] = {
        {"element, strata", c.stratum, {}}, {"PSUs, strata", c.stratum, c.psu}, {"PSUs, no strata", {}, c.psu}};
    for (const Shape& shape : shapes)
        for (bool with_fpc : {false, true}) {
            const std::vector<double> fpc = fpc_of(shape.strata, shape.psu);
            Design design(t["weight"], shape.strata, shape.psu);
            if (with_fpc) design.with_fpc(fpc);
            ASSERT_TRUE(score_variances_apply(design, 60)) << shape.name;
            const Domains domains(design, c.domain, 60);
            const Variable y{"y", t["y"]}, earnings{"earnings", t["earnings"]}, lf{"in_lf", t["in_lf"]};
            const std::vector<Variable> vars{y, lf, earnings};
            AccumulateOptions ao;
            ao.where = where;
            const Accumulator cells = accumulate(design, domains, vars, ao);
            EstimateOptions o;
            o.where = where;
            const Estimates pairs[][2] = {
                {mean(design, domains, y, o), mean(cells, "y", o)},
                {total(design, domains, earnings, o), total(cells, "earnings", o)},
                {proportion(design, domains, lf, o), proportion(cells, "in_lf", o)},
                {ratio(design, domains, earnings, lf, o), ratio(cells, "earnings", "in_lf", o)}};
            for (const auto& pair : pairs)
                for (std::size_t d = 0; d < 60; ++d) {
                    // Sums in another order (cells): the last bits of the estimate may differ.
                    EXPECT_LE(rel(pair[0].estimate[d], pair[1].estimate[d]), 1e-14) << pair[0].statistic << " " << d;
                    EXPECT_GE(pair[0].se[d], 0.0) << shape.name << " " << pair[0].statistic << " " << d;
                    EXPECT_TRUE(se_close(pair[0].se[d], pair[1].se[d], pair[0].estimate[d], 1e-12))
                        << pair[0].se[d] << " " << pair[1].se[d] << " " << shape.name << " " << pair[0].statistic << " "
                        << d << " fpc " << with_fpc;
                }
        }
    // A stratum with a single PSU (or row) needs the lonely-PSU rules: the cell path.
    const std::vector<double> w{1, 2, 3};
    const std::vector<code32> lonely{0, 0, 1}, psu{0, 1, 2}, one_psu{0, 0, 0};
    EXPECT_FALSE(score_variances_apply(Design(w, lonely, {}), 1));
    EXPECT_TRUE(score_variances_apply(Design(w, {}, {}), 1));
    EXPECT_TRUE(score_variances_apply(Design(w, {}, psu), 1));
    EXPECT_FALSE(score_variances_apply(Design(w, lonely, psu), 1));
    EXPECT_FALSE(score_variances_apply(Design(w, {}, one_psu), 1));
    // Too many strata x domains sums: the cell path.
    EXPECT_FALSE(score_variances_apply(Design(w, {}, psu), (code32{1} << 21) + 1));
    EXPECT_TRUE(score_variances_apply(Design(w, {}, psu), code32{1} << 21));
}

namespace {
/// Rows in random order whose PSUs (nested in strata: PSU % strata) and domains cross: a seeded
/// synthetic survey for the tests of the score pass and the threads.
struct CrossedSurvey {
    std::vector<double> w, y;
    std::vector<code32> strata, psu, dom;
    std::vector<std::uint8_t> where;

    CrossedSurvey(std::size_t n, code32 psus, code32 strata_count, code32 domains, std::uint64_t seed)
        : w(n), y(n), strata(n), psu(n), dom(n), where(n) {
        std::mt19937_64 rng(seed);
        for (std::size_t i = 0; i < n; ++i) {
            psu[i] = static_cast<code32>(rng() % psus);
            strata[i] = psu[i] % strata_count;
            dom[i] = static_cast<code32>(rng() % domains);
            w[i] = 1.0 + static_cast<double>(rng() % 100);
            y[i] = static_cast<double>(rng() % 1000) / 7.0;
            where[i] = rng() % 4 != 0;
        }
    }
};

}  // namespace

TEST(MicroScoreVariance, ManyPsusAcrossBlocksEqualTheCellPath) {
    // 6,000 PSUs (three blocks of 2,048 PSU codes in the grouping) in 5 strata, 40,000 rows in
    // random order, 12 domains crossing PSUs, a row filter: the score pass against the cells.
    const CrossedSurvey s(40'000, 6000, 5, 12, 5);
    const auto &w = s.w, &y = s.y;
    const auto &strata = s.strata, &psu = s.psu, &dom = s.dom;
    const auto& where = s.where;
    const Design design(w, strata, psu);
    ASSERT_TRUE(score_variances_apply(design, 12));
    const Domains domains(design, dom, 12);
    const Variable v{"y", y};
    AccumulateOptions ao;
    ao.where = where;
    const Accumulator cells = accumulate(design, domains, std::span<const Variable>(&v, 1), ao);
    EstimateOptions o;
    o.where = where;
    const Estimates rows = mean(design, domains, v, o), from_cells = mean(cells, "y", o);
    for (std::size_t d = 0; d < 12; ++d) {
        EXPECT_LE(rel(rows.estimate[d], from_cells.estimate[d]), 1e-14) << d;
        EXPECT_LE(rel(rows.se[d], from_cells.se[d]), 1e-12) << d;
        EXPECT_GT(rows.se[d], 0.0) << d;
    }
}

TEST(MicroScoreVariance, PagedScatterGivesEachBlocksRecordsInRowOrder) {
    // 3 parts of 1,000 rows into 5 blocks, pages of 32 records, a third of the rows outside: reading a
    // block's pages part by part gives its rows in row order (a stable counting sort's layout), every
    // full page at a 64-byte line, for a compile-time width of 1 (12-byte records) and a run-time 7.
    for (const std::size_t width : {1, 7}) {
        const std::size_t parts = 3, rows = 1000, blocks = 5;
        const micro::detail::RowRecords<0> rec{width};
        const micro::detail::BlockPages sized(parts, blocks, 32, rows);
        EXPECT_EQ(sized.part_places, 1008u + 5 * 32);  // 1,000 rows to whole staging buffers, a page per block
        micro::detail::BlockPages pages = sized;
        micro::detail::LargeArray<std::byte> records(parts * pages.part_places * rec.stride());
        std::mt19937_64 g(5);
        std::vector<std::vector<code32>> expected(blocks);  // rows inside, by block, in row order
        std::vector<double> z(width);
        for (std::size_t r = 0; r < parts; ++r) {
            micro::detail::PageWriter writer(pages, r, records.data(), rec.stride());
            for (std::size_t j = 0; j < rows; ++j) {
                const auto row = static_cast<code32>(r * rows + j);
                // Block 4 is empty; block 3 gets exactly 64 rows of part 1 (two full pages).
                std::size_t b = g() % 3;
                if (r == 1 && j < 64) b = 3;
                const bool in = g() % 3 != 0 || b == 3;
                for (std::size_t k = 0; k < width; ++k) z[k] = row + 0.25 * static_cast<double>(k);
                writer.add(b, in, [&](std::byte* slot) { rec.put(slot, row, z.data(), 1); });
                if (in) expected[b].push_back(row);
            }
            writer.flush();
        }
        for (std::size_t b = 0; b < blocks; ++b) {
            std::vector<code32> got;
            pages.for_block(b, [&](std::size_t first, std::size_t last) {
                EXPECT_EQ(first * rec.stride() % 64, 0u) << b;  // pages start at lines
                for (std::size_t k = first; k < last; ++k) {
                    got.push_back(rec.key(records.data(), k));
                    EXPECT_EQ(rec.score(records.data(), k, width - 1), got.back() + 0.25 * (width - 1.0));
                }
            });
            EXPECT_EQ(got, expected[b]) << "width " << width << ", block " << b;
            EXPECT_EQ(pages.block_size(b), expected[b].size());
        }
        EXPECT_TRUE(expected[4].empty());
        EXPECT_EQ(pages.first[1 * blocks + 3].size(), 2u);  // 64 records: two pages, no third
    }
    // Page sizes: 256 records for 123 blocks of a 2^20-row part (10 M rows, 250,000 PSUs); fewer for
    // more blocks, so the part-filled pages add at most a quarter; never below a staging buffer's 16.
    EXPECT_EQ(micro::detail::block_page_records(std::size_t{1} << 20, 123), 256u);
    EXPECT_EQ(micro::detail::block_page_records(std::size_t{1} << 20, 4883), 48u);
    EXPECT_EQ(micro::detail::block_page_records(100, 5), 16u);
}

TEST(MicroScoreVariance, RowsOutsideTheFilterMayHoldNaN) {
    // The score pass and the design-effect pass read rows outside `where` without a branch (their
    // scores go to a spare place, their residuals to a spare domain): a NaN there changes no bit of
    // the estimates, SEs or design effects, with PSUs or without, on 1 or 2 threads.
    const CrossedSurvey s(300'000, 3000, 4, 12, 7);
    std::vector<double> holes = s.y;
    for (std::size_t i = 0; i < holes.size(); ++i)
        if (s.where[i] == 0) holes[i] = std::numeric_limits<double>::quiet_NaN();
    for (bool with_psu : {false, true}) {
        const Design design(s.w, s.strata, with_psu ? std::span<const code32>(s.psu) : std::span<const code32>{});
        const Domains domains(design, s.dom, 12);
        for (unsigned threads : {1u, 2u}) {
            EstimateOptions o;
            o.where = s.where;
            o.design_effect = DesignEffect::srswor;
            o.threads = threads;
            const Estimates clean = mean(design, domains, Variable{"y", s.y}, o);
            const Estimates nan = mean(design, domains, Variable{"y", holes}, o);
            EXPECT_EQ(nan.estimate, clean.estimate) << "PSUs " << with_psu << ", " << threads << " threads";
            EXPECT_EQ(nan.se, clean.se) << "PSUs " << with_psu << ", " << threads << " threads";
            EXPECT_EQ(nan.deff, clean.deff) << "PSUs " << with_psu << ", " << threads << " threads";
            EXPECT_TRUE(std::all_of(clean.deff.begin(), clean.deff.end(), [](double x) { return x > 0; }));
        }
    }
}

TEST(MicroScoreVariance, PsusNumberedWithinStrataGiveEachPartItsStrata) {
    // PSU codes in stratum order (as micro.Design numbers them): each part of PSU blocks keeps
    // moments for its own range of strata only. 600,000 rows, 12,000 PSUs (6 blocks of 2,048 codes,
    // 4 parts) in 60 strata, some PSU codes without rows: every thread count gives the same bits,
    // equal to the cell path's.
    CrossedSurvey s(600'000, 12'000, 60, 30, 17);
    for (std::size_t i = 0; i < s.psu.size(); ++i) {
        if (s.psu[i] % 97 == 5) s.psu[i] += 1;  // codes 5, 102, ... have no rows
        s.strata[i] = s.psu[i] / 200;
    }
    const Design design(s.w, s.strata, s.psu);
    ASSERT_TRUE(score_variances_apply(design, 30));
    const Domains domains(design, s.dom, 30);
    const Variable v{"y", s.y};
    EstimateOptions o;
    o.where = s.where;
    o.threads = 1;
    const Estimates one = mean(design, domains, v, o);
    o.threads = 3;
    const Estimates three = mean(design, domains, v, o);
    EXPECT_EQ(one.se, three.se);
    AccumulateOptions ao;
    ao.where = s.where;
    const Accumulator cells = accumulate(design, domains, std::span<const Variable>(&v, 1), ao);
    EstimateOptions co;
    co.where = s.where;
    const Estimates reference = mean(cells, "y", co);
    for (std::size_t d = 0; d < 30; ++d) {
        EXPECT_LE(rel(one.se[d], reference.se[d]), 1e-12) << d;
        EXPECT_GT(one.se[d], 0.0) << d;
    }
}

TEST(MicroThreads, AnyThreadCountGivesTheSameBitsAndTheCellPathsVariances) {
    // 1.3 M rows: 5 blocks of the point pass (2^18 rows), 2 row parts of the score pass (2^20), and
    // with PSUs 5 parts of PSU blocks (9,000 PSUs: 5 blocks of 2,048 codes). Every thread count gives
    // the same estimates and SEs bit for bit, and they equal the cell path's (one thread, no parts).
    const CrossedSurvey s(1'300'000, 9000, 7, 40, 11);
    const auto &w = s.w, &y = s.y;
    const auto &strata = s.strata, &psu = s.psu, &dom = s.dom;
    const auto& where = s.where;
    for (bool with_psu : {false, true}) {
        const Design design(w, strata, with_psu ? std::span<const code32>(psu) : std::span<const code32>{});
        const Domains domains(design, dom, 40);
        const Variable v{"y", y};
        EstimateOptions o;
        o.where = where;
        o.design_effect = DesignEffect::srswor;  // its residual pass runs on threads too
        o.threads = 1;
        const Estimates one = mean(design, domains, v, o);
        ASSERT_EQ(one.deff.size(), 40u);
        for (unsigned threads : {2u, 3u, 8u}) {
            o.threads = threads;
            const Estimates many = mean(design, domains, v, o);
            EXPECT_EQ(many.estimate, one.estimate) << threads << " threads, PSUs " << with_psu;
            EXPECT_EQ(many.se, one.se) << threads << " threads, PSUs " << with_psu;
            EXPECT_EQ(many.deff, one.deff) << threads << " threads, PSUs " << with_psu;
        }
        AccumulateOptions ao;
        ao.where = where;
        const Accumulator cells = accumulate(design, domains, std::span<const Variable>(&v, 1), ao);
        EstimateOptions co;
        co.where = where;
        const Estimates reference = mean(cells, "y", co);
        for (std::size_t d = 0; d < 40; ++d) {
            EXPECT_LE(rel(one.estimate[d], reference.estimate[d]), 1e-13) << d;
            EXPECT_LE(rel(one.se[d], reference.se[d]), 1e-12) << d << " PSUs " << with_psu;
        }
    }
}

TEST(MicroThreads, CellsOnThreadsAreTheSameBits) {
    // 300,000 rows in no order over 9,000 PSUs x 40 domains (about 200,000 cells), a row filter: each
    // thread sums the cells of its range over every row, so every thread count gives the cells', the
    // domains' and the variances' bits of one thread. A progress callback is called on the caller's
    // thread up to the last row, and one that throws stops the pass with its exception.
    const CrossedSurvey s(300'000, 9000, 7, 40, 23);
    const Design design(s.w, s.strata, s.psu);
    const Domains domains(design, s.dom, 40);
    const Variable v{"y", s.y};
    const CellIndex index(design, domains);
    ASSERT_EQ(gendex::micro::detail::cells_parts(index, 0, s.w.size(), 2), 2u);  // the pass is split
    ASSERT_EQ(gendex::micro::detail::cells_parts(index, 0, s.w.size(), 3), 3u);
    ASSERT_EQ(gendex::micro::detail::cells_parts(index, 0, 200'000, 2), 1u);  // too few rows to split
    {  // rows in PSU order: one part (the scatter stays in cache)
        std::vector<code32> psu = s.psu, dom = s.dom;
        std::vector<std::size_t> order(psu.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s.psu[a] < s.psu[b]; });
        for (std::size_t i = 0; i < order.size(); ++i) psu[i] = s.psu[order[i]], dom[i] = s.dom[order[i]];
        const Design sorted(s.w, std::span<const code32>{}, psu);
        EXPECT_EQ(gendex::micro::detail::cells_parts(CellIndex(sorted, Domains(sorted, dom, 40)), 0, psu.size(), 2),
                  1u);
    }
    AccumulateOptions ao;
    ao.where = s.where;
    ao.threads = 1;
    const Accumulator one = accumulate(design, domains, std::span<const Variable>(&v, 1), ao);
    ASSERT_GT(one.parts().cell_sums.size(), 2 * 150'000u);  // (stride 2: sum w, sum w y)
    EstimateOptions o;
    o.where = s.where;
    const Estimates reference = mean(one, "y", o);
    for (unsigned threads : {2u, 3u, 8u}) {
        ao.threads = threads;
        std::size_t last = 0;
        bool ordered = true;
        const std::thread::id caller = std::this_thread::get_id();
        ao.progress = [&](std::size_t done, std::size_t total) {
            ordered = ordered && done >= last && total == s.w.size() && std::this_thread::get_id() == caller;
            last = done;
        };
        const Accumulator many = accumulate(design, domains, std::span<const Variable>(&v, 1), ao);
        EXPECT_EQ(many.parts().cell_sums, one.parts().cell_sums) << threads;
        EXPECT_EQ(many.parts().cell_rows, one.parts().cell_rows) << threads;
        EXPECT_EQ(many.parts().cell_psu, one.parts().cell_psu) << threads;
        EXPECT_EQ(many.parts().domain_sums, one.parts().domain_sums) << threads;
        EXPECT_EQ(mean(many, "y", o).se, reference.se) << threads;
        EXPECT_TRUE(ordered) << threads;
        EXPECT_EQ(last, s.w.size()) << threads;
    }
    ao.threads = 2;
    ao.progress = [](std::size_t, std::size_t) { throw std::runtime_error("stopped by the user"); };
    EXPECT_THROW_MSG((void)accumulate(design, domains, std::span<const Variable>(&v, 1), ao), std::runtime_error,
                     "stopped by the user");
}

TEST(MicroThreads, RowsInPsuOrderAreCutIntoPartsWithCellsOfTheirOwn) {
    // 600,000 rows sorted by PSU (18,000 PSUs, 40 domains crossing them), a row filter: cells_parts
    // gives one part, and cell_row_parts cuts the rows where the PSU changes, each part's cells above
    // the part's before it; every thread count gives one thread's bits. With one PSU's rows apart
    // (its first row moved to the end) the parts' cells overlap: one part.
    const CrossedSurvey s(600'000, 18'000, 7, 40, 29);
    std::vector<std::size_t> order(s.psu.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s.psu[a] < s.psu[b]; });
    std::vector<code32> psu(order.size()), strata(order.size()), dom(order.size());
    std::vector<double> w(order.size()), y(order.size());
    std::vector<std::uint8_t> where(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        const std::size_t r = order[i];
        psu[i] = s.psu[r], strata[i] = s.strata[r], dom[i] = s.dom[r], w[i] = s.w[r], y[i] = s.y[r];
        where[i] = s.where[r];
    }
    const Design design(w, strata, psu);
    const Domains domains(design, dom, 40);
    const CellIndex index(design, domains);
    const std::size_t n = psu.size();
    ASSERT_EQ(gendex::micro::detail::cells_parts(index, 0, n, 2), 1u);
    const std::vector<std::size_t> cut = gendex::micro::detail::cell_row_parts(index, psu, 0, n, 3);
    ASSERT_EQ(cut.size(), 4u);  // three parts
    EXPECT_EQ(cut.front(), 0u);
    EXPECT_EQ(cut.back(), n);
    for (std::size_t p = 1; p + 1 < cut.size(); ++p) {
        EXPECT_GE(cut[p], n * p / 3) << p;
        EXPECT_NE(psu[cut[p]], psu[cut[p] - 1]) << p;  // cut where the PSU changes
    }
    EXPECT_TRUE(gendex::micro::detail::cell_row_parts(index, psu, 0, n, 1).empty());        // one thread
    EXPECT_TRUE(gendex::micro::detail::cell_row_parts(index, psu, 0, 500'000, 2).empty());  // too few rows
    const Variable v{"y", y};
    AccumulateOptions ao;
    ao.where = where;
    ao.threads = 1;
    const Accumulator one = accumulate(design, domains, std::span<const Variable>(&v, 1), ao);
    EstimateOptions o;
    o.where = where;
    const Estimates reference = mean(one, "y", o);
    for (unsigned threads : {2u, 3u, 8u}) {
        ao.threads = threads;
        std::size_t last = 0;
        ao.progress = [&](std::size_t done, std::size_t) { last = std::max(last, done); };
        const Accumulator many = accumulate(design, domains, std::span<const Variable>(&v, 1), ao);
        EXPECT_EQ(many.parts().cell_sums, one.parts().cell_sums) << threads;
        EXPECT_EQ(many.parts().cell_rows, one.parts().cell_rows) << threads;
        EXPECT_EQ(many.parts().domain_sums, one.parts().domain_sums) << threads;
        EXPECT_EQ(mean(many, "y", o).se, reference.se) << threads;
        EXPECT_EQ(last, n) << threads;
    }
    // PSU 0's first row moved to the end: its cells are in the first part and the last.
    std::rotate(psu.begin(), psu.begin() + 1, psu.end());
    std::rotate(strata.begin(), strata.begin() + 1, strata.end());
    std::rotate(dom.begin(), dom.begin() + 1, dom.end());
    const Design apart(w, strata, psu);
    const CellIndex apart_index(apart, Domains(apart, dom, 40));
    EXPECT_TRUE(gendex::micro::detail::cell_row_parts(apart_index, psu, 0, n, 3).empty());
}

TEST(MicroThreads, ReplicateWeightSumsOnThreadsAreTheSameBitsAsRowOrderSums) {
    // 50,000 rows over 30 domains, 7 replicate weights (not combined: times the weight), a row filter:
    // groups of replicates run on threads, and every (domain, replicate) sum is its rows' in row order,
    // as the loop below adds them, whatever the thread count. Progress comes on the caller's thread;
    // a progress callback that throws stops the pass.
    const CrossedSurvey s(50'000, 500, 5, 30, 41);
    const std::size_t n = s.w.size(), reps = 7;
    std::vector<std::vector<double>> rep(reps, std::vector<double>(n));
    std::mt19937_64 rng(3);
    for (auto& column : rep)
        for (double& x : column) x = static_cast<double>(rng() % 3) * 0.5;
    std::vector<std::span<const double>> cols(rep.begin(), rep.end());
    Design design(s.w, s.strata, s.psu);
    ReplicateSpec spec;
    spec.combined_weights = false;
    design.with_replicates(ReplicateWeights::columns(cols), spec);
    const Domains domains(design, s.dom, 30);
    const Variable v{"y", s.y};
    std::vector<double> expected(30 * reps * 2, 0.0);  // [domain][replicate][w, w y]
    for (std::size_t i = 0; i < n; ++i) {
        if (!s.where[i]) continue;
        for (std::size_t r = 0; r < reps; ++r) {
            const double wi = rep[r][i] * s.w[i];
            double* at = expected.data() + (s.dom[i] * reps + r) * 2;
            at[0] += wi, at[1] += wi * s.y[i];
        }
    }
    AccumulateOptions ao;
    ao.where = s.where;
    ao.linearization = false;
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
        ao.threads = threads;
        std::size_t last = 0;
        bool ordered = true;
        const std::thread::id caller = std::this_thread::get_id();
        ao.progress = [&](std::size_t done, std::size_t total) {
            ordered = ordered && done >= last && total == n && std::this_thread::get_id() == caller;
            last = done;
        };
        const Accumulator acc = accumulate(design, domains, std::span<const Variable>(&v, 1), ao);
        EXPECT_EQ(acc.parts().replicate_sums, expected) << threads;
        EXPECT_TRUE(ordered && last == n) << threads;
    }
    ao.threads = 2;
    ao.progress = [](std::size_t, std::size_t) { throw std::runtime_error("stopped by the user"); };
    EXPECT_THROW_MSG((void)accumulate(design, domains, std::span<const Variable>(&v, 1), ao), std::runtime_error,
                     "stopped by the user");
}

TEST(MicroThreads, BootstrapReplicatesOnThreadsAreTheSameBits) {
    // 50 Rao-Wu replicates in 7 blocks of 8 (the last of 2): blocks on 1, 2 and 3 threads give the
    // same replicate sums and SEs bit for bit; progress comes on the caller's thread, in order, up to
    // 50; a progress callback that throws stops the replicates with its exception.
    const CrossedSurvey s(60'000, 900, 9, 12, 31);
    const Design design(s.w, s.strata, s.psu);
    const Domains domains(design, s.dom, 12);
    const Variable v{"y", s.y};
    std::vector<Estimates> runs;
    std::vector<std::vector<double>> sums;
    for (unsigned threads : {1u, 2u, 3u}) {
        const Accumulator acc = accumulate(design, domains, std::span<const Variable>(&v, 1));  // (no cache shared)
        EstimateOptions o;
        o.variance = Variance::bootstrap;
        o.bootstrap = {50, 777, false};
        o.threads = threads;
        std::uint32_t last = 0;
        bool ordered = true;
        const std::thread::id caller = std::this_thread::get_id();
        const ReplicateSums rs = replicate_sums(acc, o, [&](std::size_t done, std::size_t total) {
            ordered = ordered && done >= last && total == 50 && std::this_thread::get_id() == caller;
            last = static_cast<std::uint32_t>(done);
        });
        EXPECT_TRUE(ordered) << threads;
        EXPECT_EQ(last, 50u) << threads;
        sums.push_back(*rs.sums);
        runs.push_back(mean(acc, "y", o));
    }
    for (std::size_t r = 1; r < 3; ++r) {
        EXPECT_EQ(sums[r], sums[0]) << r + 1 << " threads";
        EXPECT_EQ(runs[r].se, runs[0].se) << r + 1 << " threads";
    }
    for (double se : runs[0].se) EXPECT_GT(se, 0.0);
    const Accumulator acc = accumulate(design, domains, std::span<const Variable>(&v, 1));
    EstimateOptions o;
    o.variance = Variance::bootstrap;
    o.bootstrap = {50, 778, false};
    o.threads = 2;
    EXPECT_THROW_MSG((void)replicate_sums(acc, o, [](std::size_t, std::size_t) { throw std::runtime_error("stop"); }),
                     std::runtime_error, "stop");
}

TEST(MicroThreads, RunBlocksReportsOnTheCallersThreadAndRethrowsTheFirstFailure) {
    // Every block runs once; report sees blocks done, ending at all of them.
    std::vector<int> ran(50, 0);
    std::vector<std::size_t> reported;
    run_blocks(
        50, 3, [&](std::size_t b) { ++ran[b]; }, [&](std::size_t done) { reported.push_back(done); });
    EXPECT_EQ(std::count(ran.begin(), ran.end(), 1), 50);
    ASSERT_FALSE(reported.empty());
    EXPECT_EQ(reported.back(), 50u);
    EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
    // The lowest failing block's exception, whatever the thread count.
    for (unsigned threads : {1u, 2u, 4u}) {
        try {
            run_blocks(
                20, threads,
                [](std::size_t b) {
                    if (b == 7 || b == 12) throw value_error("block " + std::to_string(b));
                },
                [](std::size_t) {});
            ADD_FAILURE() << "no exception";
        } catch (const value_error& e) {
            EXPECT_STREQ(e.what(), "block 7") << threads;
        }
    }
    // A report that throws (Ctrl-C) stops the taking of blocks and is rethrown.
    struct Stop {};
    std::atomic<int> started{0};
    EXPECT_THROW(run_blocks(
                     1000, 2,
                     [&](std::size_t) {
                         ++started;
                         std::this_thread::sleep_for(std::chrono::milliseconds(1));  // the stop comes first
                     },
                     [](std::size_t done) {
                         if (done >= 1) throw Stop{};
                     }),
                 Stop);
    EXPECT_LT(started.load(), 1000);
}

TEST(MicroScoreVariance, AStratumWhoseRowsScoreAlikeIsComputedAgainFromCentredScores) {
    // Element design, one domain; stratum 0: 10 rows with y = 5, stratum 1: 10 rows with y = 0..9
    // (weights 1). Mean = (50 + 45) / 20 = 4.75; in stratum 0 every row scores (5 - 4.75) / 20 =
    // 0.0125: sum z^2 - (sum z)^2 / 10 = 0 in exact arithmetic, rounding noise (maybe below 0) in
    // floating point, so it is summed again as sum (z - zbar)^2 = 0. Stratum 1: scores
    // (y - 4.75) / 20, zbar = 0.0125, sum (z - zbar)^2 = sum (y - 4.5)^2 / 400 = 82.5 / 400;
    // v = 10/9 * 82.5 / 400 = 0.2291666...
    std::vector<double> w(20, 1.0), y(20);
    std::vector<code32> strata(20), dom(20, 0);
    for (std::size_t i = 0; i < 10; ++i) y[i] = 5.0, strata[i] = 0;
    for (std::size_t i = 10; i < 20; ++i) y[i] = static_cast<double>(i - 10), strata[i] = 1;
    const Design design(w, strata, {});
    const Domains domains(design, dom, 1);
    const Estimates e = mean(design, domains, Variable{"y", y});
    EXPECT_DOUBLE_EQ(e.estimate[0], 4.75);
    EXPECT_NEAR(e.se[0] * e.se[0], 10.0 / 9.0 * 82.5 / 400.0, 1e-15);
    const Accumulator cells = accumulate(design, domains, std::vector<Variable>{{"y", y}});
    EXPECT_LE(rel(e.se[0], mean(cells, "y").se[0]), 1e-14);
    // A total of ten rows scoring 0.1 each in their one stratum: variance 0 in exact arithmetic.
    // sum z^2 - (sum z)^2 / 10 leaves ~1e-17 of rounding; summed again from centred scores, the
    // residuals are ~1e-17 and their squares ~1e-34.
    const std::vector<double> ones(10, 1.0), tenth(10, 0.1), alpha{1.0}, beta{0.0};
    const std::vector<code32> one_domain(10, 0);
    const std::vector<std::uint8_t> active{1};
    const Design flat(ones, {}, {});
    const std::vector<double> v =
        score_linearized_variances(flat, one_domain, 1, tenth, {}, {}, alpha, beta, active, 1);
    EXPECT_GE(v[0], 0.0);
    EXPECT_LT(v[0], 1e-30);
}

namespace {
/// Three scores a row from arrays: z_k = w y (k + 1) + k, the third score's group the pair of domains
/// {2e, 2e + 1} (as the income share's region), the others their domain.
struct ThreeScores {
    static constexpr std::size_t width = 3;
    std::span<const double> w, y;
    std::span<const code32> dom;
    std::span<const std::uint8_t> where;
    code32 count;  ///< domains
    void domains_of(std::size_t b0, std::size_t m, code32* out) const {
        for (std::size_t j = 0; j < m; ++j) out[j] = where[b0 + j] != 0 ? dom[b0 + j] : count;
    }
    void domains(std::size_t b0, std::size_t m, code32* out) const { domains_of(b0, m, out); }
    struct Scratch {};
    [[nodiscard]] Scratch scratch() const { return {}; }
    void fill(std::size_t b0, std::size_t m, code32* domain, double* z, Scratch&) const {
        domains_of(b0, m, domain);
        for (std::size_t k = 0; k < width; ++k)
            for (std::size_t j = 0; j < m; ++j)
                z[k * score_chunk_rows + j] =
                    w[b0 + j] * y[b0 + j] * static_cast<double>(k + 1) + static_cast<double>(k);
    }
    [[nodiscard]] std::vector<code32> target() const {
        std::vector<code32> t(width * count);
        for (std::size_t k = 0; k < width; ++k)
            for (code32 d = 0; d < count; ++d) t[k * count + d] = k == 2 ? d & ~code32{1} : d;
        return t;
    }
};

/// The variances of ThreeScores by the formula, from the PSU totals in a map:
/// sum_h n_h / (n_h - 1) sum_j (z_hj - zbar_h)^2, the stratum's PSUs without rows of the group at 0.
std::vector<double> three_scores_by_hand(const Design& design, const ThreeScores& s) {
    const std::vector<code32> target = s.target();
    std::map<std::tuple<code32, code32, std::size_t>, double> totals;  // (PSU, group, score)
    for (std::size_t i = 0; i < s.w.size(); ++i) {
        if (s.where[i] == 0) continue;
        for (std::size_t k = 0; k < ThreeScores::width; ++k)
            totals[{design.psu()[i], target[k * s.count + s.dom[i]], k}] +=
                s.w[i] * s.y[i] * static_cast<double>(k + 1) + static_cast<double>(k);
    }
    const std::size_t nh = design.strata_count(), pairs = s.count * 3;
    std::vector<double> sum(nh * pairs, 0.0), with(nh * pairs, 0.0), centred(nh * pairs, 0.0), variance(pairs, 0.0);
    auto at = [&](code32 p, code32 g, std::size_t k) { return design.stratum_of_psu(p) * pairs + g * 3 + k; };
    for (const auto& [key, t] : totals) {
        const auto [p, g, k] = key;
        sum[at(p, g, k)] += t, with[at(p, g, k)] += 1;
    }
    for (const auto& [key, t] : totals) {
        const auto [p, g, k] = key;
        const double zbar = sum[at(p, g, k)] / design.psus_in_stratum(design.stratum_of_psu(p));
        centred[at(p, g, k)] += (t - zbar) * (t - zbar);
    }
    for (code32 h = 0; h < nh; ++h) {
        const double n = design.psus_in_stratum(h);
        for (std::size_t j = 0; j < pairs; ++j) {
            const double zbar = sum[h * pairs + j] / n;  // the PSUs without the group: (0 - zbar)^2 each
            variance[j] += n / (n - 1) * (centred[h * pairs + j] + (n - with[h * pairs + j]) * zbar * zbar);
        }
    }
    return variance;
}
}  // namespace

TEST(MicroScoreVariance, FewSharedCellsPassEqualsTheSortedOneAndTheFormula) {
    // 60,000 rows in random order, 20,000 PSUs in 7 strata (4 rows a PSU), 40 domains: most rows are
    // alone in their (PSU, group), some share it (a pair of domains for the third score). The pass
    // that sums the rows as an element design's plus the shared cells' T^2 - sum z^2 equals the
    // sorted pass and the formula from the PSU totals, and is the same bit for bit on 1, 2, 3 threads.
    CrossedSurvey s(60'000, 20'000, 7, 40, 23);
    const Design design(s.w, s.strata, s.psu);
    const ThreeScores scores{s.w, s.y, s.dom, s.where, 40};
    const std::vector<code32> target = scores.target();
    const ScoreLayout layout{40, 3, target};
    ASSERT_TRUE(score_variances_apply(design, 40, 3));
    const std::vector<double> few =
        micro::detail::score_variances_of<0>(design, layout, scores, 1, micro::detail::PsuPass::few_shared);
    const std::vector<double> sorted =
        micro::detail::score_variances_of<0>(design, layout, scores, 1, micro::detail::PsuPass::sorted);
    const std::vector<double> hand = three_scores_by_hand(design, scores);
    ASSERT_EQ(few.size(), hand.size());
    std::size_t merged = 0;
    for (std::size_t j = 0; j < hand.size(); ++j) {
        if (j % 3 == 2 && (j / 3) % 2 == 1) continue;  // the third score's odd domains: no group of their own
        EXPECT_GT(hand[j], 0.0) << j;
        EXPECT_LE(rel(few[j], hand[j]), 1e-12) << j;
        EXPECT_LE(rel(sorted[j], hand[j]), 1e-12) << j;
        merged += j % 3 == 2;
    }
    EXPECT_EQ(merged, 20u);
    for (unsigned threads : {2u, 3u})
        EXPECT_EQ(
            micro::detail::score_variances_of<0>(design, layout, scores, threads, micro::detail::PsuPass::few_shared),
            few)
            << threads << " threads";
    // The sample chooses this pass here (few rows share their cell), and not where the PSUs are
    // nested in the domains' pairs (every row shares its cell).
    const std::vector<code32> coarse = micro::detail::coarse_groups(layout, micro::detail::score_groups(layout));
    EXPECT_EQ(coarse[5], 2u);  // domains 4 and 5 share the third score's group
    EXPECT_EQ(coarse[40], 20u);
    std::vector<std::uint64_t> crossing, nested;
    for (std::size_t i = 0; i < s.psu.size(); ++i) {
        crossing.push_back(std::uint64_t{s.psu[i]} << 32 | coarse[s.dom[i]]);
        nested.push_back(std::uint64_t{s.psu[i]} << 32 | coarse[s.psu[i] % 40]);
    }
    EXPECT_TRUE(micro::detail::few_shared_cells(crossing));
    EXPECT_FALSE(micro::detail::few_shared_cells(nested));
}

TEST(MicroScoreVariance, FewSharedCellsPassLeavesCancellationToTheSortedOne) {
    // PSU totals all alike (as PsuTotalsAllAlikeAreSummedAgainByWelford, three scores, 5,000 PSUs of
    // two rows y = 0.3 and 0.4, in domains 2p % 40 and 2p % 40 + 1: the third score's group holds
    // both): every total of a group is the same, variance 0. The few-shared pass loses the digits,
    // gives way to the sorted pass, which gives way to Welford's moments: exactly 0.
    const std::size_t n = 10'000;
    std::vector<double> w(n, 1.0), y(n);
    std::vector<code32> psu(n), dom(n);
    std::vector<std::uint8_t> where(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
        y[i] = i % 2 == 0 ? 0.3 : 0.4;
        psu[i] = static_cast<code32>(i / 2);
        dom[i] = static_cast<code32>(i % 2);
    }
    const Design design(w, {}, psu);
    const ThreeScores scores{w, y, dom, where, 2};
    const std::vector<code32> target = scores.target();
    const std::vector<double> v = micro::detail::score_variances_of<0>(design, ScoreLayout{2, 3, target}, scores, 1,
                                                                       micro::detail::PsuPass::few_shared);
    EXPECT_EQ(v[2], 0.0);  // the third score, group {0, 1}: every PSU totals 0.3 * 3 + 2 + 0.4 * 3 + 2
    EXPECT_EQ(v[0], 0.0);  // the first score of domain 0: every PSU 0.3
}

TEST(MicroScoreVariance, PsuTotalsAllAlikeAreSummedAgainByWelford) {
    // Ten PSUs in one stratum, each with rows y = 0.3 and 0.4 (weights 1): every PSU total is 0.7,
    // so the total's variance is 0. The plain sums give sum z^2 - (sum z)^2 / 10 = -1.8e-15 (all
    // 16 digits lost: sqrt would be NaN); the pass then takes Welford's moments, exactly 0.
    std::vector<double> w(20, 1.0), y(20);
    std::vector<code32> psu(20), dom(20, 0);
    for (std::size_t i = 0; i < 20; ++i) y[i] = i % 2 == 0 ? 0.3 : 0.4, psu[i] = static_cast<code32>(i / 2);
    const Design design(w, {}, psu);
    ASSERT_TRUE(score_variances_apply(design, 1));
    const Domains domains(design, dom, 1);
    const Estimates e = total(design, domains, Variable{"y", y});
    EXPECT_DOUBLE_EQ(e.estimate[0], 7.0);
    EXPECT_EQ(e.se[0], 0.0);
}

TEST(MicroScoreVariance, TwoPsusByHand) {
    // One stratum, PSUs {0: rows 0, 1}, {1: row 2}, {2: row 3}, every row in domain 0, weights 1,
    // y = 1, 2, 3, 6: total 12, score z_i = y_i; PSU totals 3, 3, 6, mean 4,
    // v = 3/2 * ((3-4)^2 + (3-4)^2 + (6-4)^2) = 3/2 * 6 = 9.
    const std::vector<double> w{1, 1, 1, 1}, y{1, 2, 3, 6};
    const std::vector<code32> psu{0, 0, 1, 2}, dom{0, 0, 0, 0};
    const Design design(w, {}, psu);
    const Domains domains(design, dom, 1);
    const Estimates e = total(design, domains, Variable{"y", y});
    EXPECT_EQ(e.estimate[0], 12.0);
    EXPECT_DOUBLE_EQ(e.se[0], 3.0);
}

// ----------------------------------------------------------------- archives

TEST(MicroArchive, AccumulatorRoundTripsInBothFormats) {
    const Accumulator acc = whole_accumulator(coded().age15);
    for (auto fmt : {ArchiveFormat::binary, ArchiveFormat::text}) {
        const std::string bytes = to_archive(acc, fmt);
        const Accumulator back = accumulator_from_archive(bytes);
        EXPECT_TRUE(back == acc);
        EstimateOptions o;
        EXPECT_EQ(mean(back, "y", o).se, mean(acc, "y", o).se);  // bit for bit
    }
}

TEST(MicroArchive, DamagedArchivesAreArchiveErrors) {
    const Accumulator acc = whole_accumulator({});
    const std::string bytes = to_archive(acc);
    EXPECT_THROW_MSG((void)accumulator_from_archive(bytes.substr(0, bytes.size() / 2), "part.bin"), archive_error,
                     "part.bin: truncated or corrupted archive");
    EXPECT_THROW_MSG((void)accumulator_from_archive("hello", "x"), archive_error, "not a gendex archive");
    DatasetBuilder b;
    b.add("IDN", 2020, Sex::female, "life_expectancy", 73.5);
    const Dataset ds = std::move(b).build();
    EXPECT_THROW_MSG((void)accumulator_from_archive(gendex::to_archive(ds)), archive_error,
                     "does not hold an accumulator");
    // Flip bytes all over the body: an archive_error or a valid accumulator, never a crash.
    std::mt19937 rng(5);
    for (int trial = 0; trial < 200; ++trial) {
        std::string damaged = bytes;
        const std::size_t at = 40 + rng() % (damaged.size() - 40);
        damaged[at] = static_cast<char>(damaged[at] ^ (1 + rng() % 255));
        try {
            (void)accumulator_from_archive(damaged);  // a flipped bit inside a double can still be valid
        } catch (const archive_error&) {}
    }
    // A text archive with a huge length field.
    std::string text = to_archive(acc, ArchiveFormat::text);
    const auto pos = text.find(" 3 ", 40);  // the variable count
    ASSERT_NE(pos, std::string::npos);
    text.replace(pos, 3, " 99999999999 ");
    EXPECT_THROW((void)accumulator_from_archive(text), archive_error);
}

// ----------------------------------------------------------------- bootstrap

TEST(MicroBootstrap, SeededReplicatesAreReproducibleAndMatchMaterialisedWeights) {
    const Table& t = survey();
    const Coded& c = coded();
    const Design design(t["weight"], c.stratum, c.psu);
    const Domains domains(design, c.domain, 60);
    const auto vars = all_variables();
    AccumulateOptions ao;
    ao.where = c.age15;
    const Accumulator acc = accumulate(design, domains, vars, ao);
    EstimateOptions o;
    o.variance = Variance::bootstrap;
    o.bootstrap = {50, 12345, false};
    const Estimates a = ratio(acc, "earnings", "in_lf", o), b = ratio(acc, "earnings", "in_lf", o);
    EXPECT_EQ(a.se, b.se);  // bit for bit
    o.bootstrap.seed = 12346;
    const Estimates other = ratio(acc, "earnings", "in_lf", o);
    EXPECT_NE(a.se, other.se);
    o.bootstrap.seed = 12345;

    // The same replicates, materialised as row weights, through the supplied-replicate path.
    const RaoWuBootstrap boot(acc.parts().psu_stratum, 12345, LonelyPsu::fail);
    std::vector<double> factor(acc.parts().psu_stratum.size());
    Eigen::MatrixXd rw(static_cast<Eigen::Index>(t.rows()), 50);
    for (std::uint32_t r = 0; r < 50; ++r) {
        boot.factors(r, factor);
        // Every stratum resamples n_h - 1 draws: factors add up to n_h in each.
        double sum = 0;
        for (double f : factor) sum += f;
        EXPECT_NEAR(sum, 100.0, 1e-9);
        for (std::size_t i = 0; i < t.rows(); ++i)
            rw(static_cast<Eigen::Index>(i), r) = t["weight"][i] * factor[c.psu[i]];
    }
    Design materialised(t["weight"], c.stratum, c.psu);
    ReplicateSpec spec;
    spec.type = ReplicateType::subbootstrap;
    materialised.with_replicates(ReplicateWeights::eigen(rw), spec);
    const Accumulator macc = accumulate(materialised, domains, vars, ao);
    EstimateOptions ro;
    ro.variance = Variance::replicates;
    const Estimates m = ratio(macc, "earnings", "in_lf", ro);
    for (code32 d = 0; d < 60; ++d) {
        EXPECT_TRUE(se_close(a.se[d], m.se[d], m.estimate[d], 1e-12)) << d << ": " << a.se[d] << " vs " << m.se[d];
        EXPECT_EQ(a.replicates_dropped[d], m.replicates_dropped[d]);
    }
    // Row-major storage of the same matrix gives the same sums.
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rm = rw;
    Design row_major(t["weight"], c.stratum, c.psu);
    row_major.with_replicates(ReplicateWeights::eigen(rm), spec);
    EXPECT_TRUE(accumulate(row_major, domains, vars, ao) == macc);

    // Region 30 lives in one PSU: replicates that drop it are discarded, as R does.
    const code32 region30 = 29 * 2;
    EXPECT_GT(a.replicates_dropped[region30], 0u);
    EXPECT_EQ(a.replicates_used, 50u);
}

// Review L6: Ctrl-C did not stop a bootstrap until it had finished. A long run calls its Progress
// between chunks (rows, then replicates), and a callback that throws stops it there: the binding's
// callback throws KeyboardInterrupt. Here the callback asks to stop after a fixed number of calls.
TEST(MicroRunControl, ProgressIsCalledBetweenChunksAndCanStopTheRun) {
    const Table& t = survey();
    const Coded& c = coded();
    const Design design(t["weight"], c.stratum, c.psu);
    const Domains domains(design, c.domain, 60);
    const auto vars = all_variables();
    struct Stop {
        std::uint64_t calls;
    };
    // The row pass: one call per chunk of rows, each with the rows done so far, ending at all rows.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
    AccumulateOptions ao;
    ao.progress = [&](std::uint64_t done, std::uint64_t total) { seen.emplace_back(done, total); };
    const Accumulator acc = accumulate(design, domains, vars, ao);
    const std::size_t n = t.rows(), chunks = (n + micro::detail::chunk_rows - 1) / micro::detail::chunk_rows;
    ASSERT_EQ(seen.size(), chunks);
    for (std::size_t i = 0; i < chunks; ++i)
        EXPECT_EQ(seen[i], std::make_pair(static_cast<std::uint64_t>(std::min(n, (i + 1) * micro::detail::chunk_rows)),
                                          static_cast<std::uint64_t>(n)));

    // The bootstrap on one thread: one call per block of 8 replicates (8 of 40 ... 40 of 40,
    // variance.hpp's rao_wu_sums); a callback that throws at the second call stops it. (On threads,
    // one call per new count of blocks done: MicroThreads.BootstrapReplicatesOnThreadsAreTheSameBits.)
    EstimateOptions o;
    o.variance = Variance::bootstrap;
    o.bootstrap = {40, 99, false};
    o.threads = 1;
    std::uint64_t calls = 0, last_done = 0;
    o.progress = [&](std::uint64_t done, std::uint64_t total) {
        EXPECT_EQ(total, 40u);
        EXPECT_EQ(done, 8 * (calls + 1));
        last_done = done;
        if (++calls == 2) throw Stop{calls};
    };
    try {
        (void)mean(acc, "y", o);
        ADD_FAILURE() << "the run was not stopped";
    } catch (const Stop& stop) {
        EXPECT_EQ(stop.calls, 2u);
    }
    EXPECT_EQ(calls, 2u);  // no block ran after the stop
    EXPECT_EQ(last_done, 16u);
    // Nothing half-built was kept: the same accumulator still gives the whole run, reporting all 40.
    calls = 0;
    o.progress = [&](std::uint64_t done, std::uint64_t) { ++calls, last_done = done; };
    const Estimates full = mean(acc, "y", o);
    EXPECT_EQ(calls, 5u);
    EXPECT_EQ(last_done, 40u);
    o.progress = {};
    EXPECT_EQ(mean(acc, "y", o).se, full.se);
}

// Review L6: 10^9 bootstrap replicates grew to 8 GB before std::bad_alloc. A run whose replicate numbers
// would pass replicate_memory_limit is refused before it allocates, with the figures.
TEST(MicroRunControl, ReplicatesAreBoundedByMemory) {
    const Table& t = survey();
    const Coded& c = coded();
    const Design design(t["weight"], c.stratum, c.psu);
    const Domains domains(design, c.domain, 60);
    const std::vector<Variable> y{{"y", t["y"]}};
    const Accumulator acc = accumulate(design, domains, y);
    EstimateOptions o;
    o.variance = Variance::bootstrap;
    o.bootstrap = {1'000'000'000, 1, false};
    // 60 domains x 10^9 replicates x 2 sums (weight, y) x 8 bytes = 960 GB; 4 GiB / 960 bytes = 4473924.
    EXPECT_THROW_MSG((void)mean(acc, "y", o), value_error,
                     "the bootstrap with 1000000000 replicates needs about 960.0 GB (60 domains x 1000000000 "
                     "replicates x 2 numbers x 8 bytes), more than the 4 GiB gendex allows a replicate run; use at "
                     "most 4473924 replicates here, or fewer domains");
    EXPECT_EQ(replicate_bytes(60, 4473924, 2), 4294967040u);  // the largest run allowed here fits
    EXPECT_LE(replicate_bytes(60, 4473924, 2), replicate_memory_limit);
    EXPECT_GT(replicate_bytes(60, 4473925, 2), replicate_memory_limit);
    EXPECT_EQ(replicate_bytes(UINT64_MAX, UINT64_MAX, 8), UINT64_MAX);  // saturates, never wraps
    // Supplied replicate weights: their sums are held twice while they are added (by replicate, then
    // by domain), and both copies count. 10 rows, 100 replicates, 1,600,000 domains, one variable
    // (sum w, sum w y): one copy, 2.56 GB, would fit; the two, 5.12 GB, do not (4 GiB / 51.2 MB a
    // replicate = 83).
    const std::vector<double> w10(10, 1.0), y10(10, 2.0), rep(10, 1.0);
    std::vector<code32> dom10(10);
    for (code32 i = 0; i < 10; ++i) dom10[i] = i * 100'000;
    const std::vector<std::span<const double>> cols(100, std::span<const double>(rep));
    Design with_reps(w10);
    with_reps.with_replicates(ReplicateWeights::columns(cols), ReplicateSpec{});
    const std::vector<Variable> y10s{{"y", y10}};
    EXPECT_THROW_MSG((void)accumulate(with_reps, Domains(with_reps, dom10, 1'600'000), y10s), value_error,
                     "summing the replicate weights with 100 replicates needs about 5.1 GB (1600000 domains x 100 "
                     "replicates x 4 numbers x 8 bytes), more than the 4 GiB gendex allows a replicate run; use at "
                     "most 83 replicates here, or fewer domains");
}

TEST(MicroBootstrap, GeneratorIsPinned) {
    // xoshiro256** seeded by splitmix64 (reference outputs of both published algorithms).
    SplitMix64 sm{1234567};
    EXPECT_EQ(sm.next(), 6457827717110365317ULL);
    EXPECT_EQ(sm.next(), 3203168211198807973ULL);
    Xoshiro256 x(0);
    const std::uint64_t first = x.next();
    Xoshiro256 y(0);
    EXPECT_EQ(first, y.next());
    // below(n) stays in range and is uniform enough over many draws.
    std::vector<int> counts(7, 0);
    for (int i = 0; i < 70000; ++i) ++counts[x.below(7)];
    for (int k : counts) EXPECT_NEAR(k, 10000, 500);
}

TEST(MicroBootstrap, LonelyStratumFailsUnlessAnOptionKeepsIt) {
    const Design design = make_design("lonely_remove");
    const Domains domains(design, coded().domain, 60);
    const Accumulator acc = accumulate(design, domains, all_variables());
    EstimateOptions o;
    o.variance = Variance::bootstrap;
    o.lonely_psu = LonelyPsu::fail;
    EXPECT_THROW_MSG((void)mean(acc, "y", o), value_error, "stratum 10 has only one PSU (PSU");
    o.design_names.stratum = [](code32 h) { return "h" + std::to_string(h); };
    EXPECT_THROW_MSG((void)mean(acc, "y", o), value_error, "stratum h10 has only one PSU (PSU");
    o.lonely_psu = LonelyPsu::remove;
    const Estimates e = mean(acc, "y", o);
    for (code32 d = 0; d < 60; ++d) EXPECT_TRUE(std::isfinite(e.se[d]));
}

// ----------------------------------------------------------------- errors

TEST(MicroErrors, BadInputsAreNamed) {
    const std::vector<double> w{1.0, 0.0, 2.0}, neg{1.0, 2.0, -1.0}, y{1, 2, 3};
    EXPECT_THROW_MSG(Design{w}, value_error, "row 1, column 'weight': weight 0 must be a finite number > 0");
    EXPECT_THROW_MSG(Design{neg}, value_error, "row 2, column 'weight': weight -1");
    const std::vector<double> ok{1, 1, 1};
    const std::vector<code32> strata{0, 1, 1}, psu_bad{0, 0, 1}, short_codes{0, 1};
    EXPECT_THROW_MSG((Design{ok, strata, psu_bad}), value_error,
                     "row 1, column 'psu': PSU 0 is in stratum 1 here but in stratum 0 at row 0");
    EXPECT_THROW_MSG((Design{ok, short_codes}), value_error, "column 'stratum' has 2 rows, 'weight' has 3");
    // Weights are tested 1,024 rows at a time and PSUs skipped in runs of 16 rows: the first bad row
    // of a late block is named, and a stratum that changes inside a run of one PSU is seen.
    std::vector<double> long_w(3000, 1.0);
    long_w[2700] = INFINITY, long_w[2500] = NAN;
    EXPECT_THROW_MSG(Design{long_w}, value_error, "row 2500, column 'weight': weight nan must be a finite number > 0");
    // On threads, each over a share of the rows: the first bad row of all is named, for any number.
    std::vector<double> shared_w(4 * share_min_rows, 1.0);
    shared_w[3 * share_min_rows + 7] = -2.0, shared_w[2 * share_min_rows + 5] = 0.0;
    for (unsigned threads : {1u, 2u, 4u}) {
        DesignOptions options;
        options.threads = threads;
        EXPECT_THROW_MSG((Design{shared_w, {}, {}, options}), value_error,
                         "row 524293, column 'weight': weight 0 must be a finite number > 0");
    }
    const std::vector<double> ones(100, 1.0);
    std::vector<code32> run_psu(100, 0), run_strata(100, 0);
    run_strata[50] = 1;
    EXPECT_THROW_MSG((Design{ones, run_strata, run_psu}), value_error,
                     "row 50, column 'psu': PSU 0 is in stratum 1 here but in stratum 0 at row 0");
    const Design design(ok);
    const std::vector<code32> dom{0, 5, 1};
    EXPECT_THROW_MSG((Domains{design, dom, 3}), value_error, "row 1, column 'domain': domain code 5");

    // Non-finite values inside the filter are named; outside they are ignored.
    const std::vector<double> with_nan{1.0, NAN, 3.0};
    const std::vector<code32> d3{0, 0, 1};
    const Domains domains(design, d3, 2);
    const Variable v{"earnings", with_nan};
    EXPECT_THROW_MSG((void)accumulate(design, domains, std::span<const Variable>(&v, 1)), value_error,
                     "row 1, column 'earnings': value nan is not a finite number");
    const std::vector<std::uint8_t> skip_nan{1, 0, 1};
    AccumulateOptions ao;
    ao.where = skip_nan;
    EXPECT_NO_THROW((void)accumulate(design, domains, std::span<const Variable>(&v, 1), ao));

    // Unknown variable, proportion of a non-0/1 variable.
    const Variable yy{"y", y};
    const Accumulator acc = accumulate(design, domains, std::span<const Variable>(&yy, 1));
    EXPECT_THROW_MSG((void)mean(acc, "income"), key_error, "variable 'income' was not accumulated (accumulated: 'y')");
    EXPECT_THROW_MSG((void)proportion(design, domains, yy), value_error,
                     "row 1, column 'y': a proportion needs 0 or 1, got 2");

    // Replicate specifications R would reject or silently override.
    ReplicateSpec brr;
    brr.type = ReplicateType::brr;
    brr.scale = 0.5;
    std::vector<std::span<const double>> cols{ok, ok};
    Design d2(ok);
    EXPECT_THROW_MSG(d2.with_replicates(ReplicateWeights::columns(cols), brr), value_error,
                     "R fixes the scale of BRR and Fay replicates");
    ReplicateSpec rs;
    rs.rscales = {1, 1, 1};
    EXPECT_THROW_MSG(d2.with_replicates(ReplicateWeights::columns(cols), rs), value_error,
                     "rscales has 3 values for 2 replicates");
    const std::vector<double> negative_rep{1, -1, 1};
    std::vector<std::span<const double>> bad{ok, negative_rep};
    EXPECT_THROW_MSG(d2.with_replicates(ReplicateWeights::columns(bad), ReplicateSpec{}), value_error,
                     "row 1: replicate weight 1: -1 must be a finite number >= 0");
    // A long column is checked a block at a time: the first bad row of the block is named; 0 is a weight.
    std::vector<double> long_ok(3000, 1.0), long_rep(3000, 0.0);
    long_rep[2700] = INFINITY, long_rep[2500] = NAN;
    Design long_design(long_ok);
    std::vector<std::span<const double>> long_cols{long_ok, long_rep};
    EXPECT_THROW_MSG(long_design.with_replicates(ReplicateWeights::columns(long_cols), ReplicateSpec{}), value_error,
                     "row 2500: replicate weight 1: nan must be a finite number >= 0");
    long_rep[2500] = 0.0;
    EXPECT_THROW_MSG(long_design.with_replicates(ReplicateWeights::columns(long_cols), ReplicateSpec{}), value_error,
                     "row 2700: replicate weight 1: inf must be a finite number >= 0");
    const std::vector<double> row_major{1, 1, 1, 1, 1, -2};  // 3 rows x 2 replicates, C order
    EXPECT_THROW_MSG(d2.with_replicates(ReplicateWeights::row_major(row_major.data(), 3, 2), ReplicateSpec{}),
                     value_error, "row 2: replicate weight 1: -2 must be a finite number >= 0");
    EXPECT_THROW_MSG((void)parse_replicate_type("JK3"), value_error, "unknown replicate type 'JK3'");
    EXPECT_EQ(parse_replicate_type("jk1"), ReplicateType::jk1);
    EstimateOptions replicated;
    replicated.variance = Variance::replicates;
    EXPECT_THROW_MSG((void)mean(acc, "y", replicated), value_error, "need replicate weights");
}

TEST(MicroErrors, EmptyDomainsAreAnErrorOrAnExplicitNoEstimate) {
    const std::vector<double> w{1, 2, 3, 4}, y{1, 2, 3, 4}, x{0, 0, 1, 1};
    const std::vector<code32> strata{0, 0, 1, 1}, psu{0, 1, 2, 3}, dom{0, 0, 2, 2};
    const Design design(w, strata, psu);
    const Domains domains(design, dom, 3);  // domain 1 has no rows
    const Variable vars[] = {{"y", y}, {"x", x}};
    const Accumulator acc = accumulate(design, domains, vars);
    EstimateOptions o;
    o.domain_name = [](code32 d) { return "region " + std::to_string(d + 1) + ", female"; };
    EXPECT_THROW_MSG((void)mean(acc, "y", o), value_error, "region 2, female: no rows in the domain");
    EXPECT_THROW_MSG((void)ratio(acc, "y", "x", o), value_error,
                     "region 1, female: the weighted total of 'x' is 0, so the ratio is undefined");
    o.empty_domain = EmptyDomain::no_estimate;
    const Estimates e = ratio(acc, "y", "x", o);
    EXPECT_EQ(e.status[0], EstimateStatus::zero_denominator);
    EXPECT_EQ(e.status[1], EstimateStatus::no_rows);
    EXPECT_EQ(e.status[2], EstimateStatus::ok);
    EXPECT_TRUE(std::isnan(e.estimate[1]) && std::isnan(e.se[1]));
    EXPECT_DOUBLE_EQ(e.estimate[2], 25.0 / 7.0);
    EXPECT_EQ(e.rows[1], 0u);
}

TEST(MicroDesign, CodesHelpers) {
    const std::vector<std::string> ids{"b", "a", "b", "c"};
    const auto dense = densify(std::span<const std::string>(ids));
    EXPECT_EQ(dense.codes, (std::vector<code32>{0, 1, 0, 2}));
    EXPECT_EQ(dense.values, (std::vector<std::string>{"b", "a", "c"}));
    const std::vector<std::int64_t> s{1, 1, 2, 2}, p{1, 2, 1, 1};
    const auto nested = nested_psu_codes(s, p);
    EXPECT_EQ(nested.codes, (std::vector<code32>{0, 1, 2, 2}));  // PSU 1 of stratum 2 is not PSU 1 of stratum 1
    const std::vector<code32> a{0, 1, 2}, b{1, 0, 1};
    EXPECT_EQ(cross_codes(a, 3, b, 2), (std::vector<code32>{1, 2, 5}));
    EXPECT_THROW_MSG((void)cross_codes(a, 2, b, 2), value_error, "row 2 has codes (2, 1) outside 2 x 2");
}

TEST(MicroDesign, ElementDesignCellsAreRows) {
    const Design design(survey()["weight"], coded().stratum);
    const Domains domains(design, coded().domain, 60);
    const CellIndex index(design, domains);
    EXPECT_TRUE(index.identity());
    EXPECT_EQ(index.size(), survey().rows());
    const Design clustered(survey()["weight"], coded().stratum, coded().psu);
    const CellIndex cells(clustered, domains);
    EXPECT_FALSE(cells.identity());
    // Every row's slot has the row's PSU and domain; sorted() lists slots in (PSU, domain) order.
    for (std::size_t i = 0; i < survey().rows(); ++i) {
        EXPECT_EQ(cells.cell_psu()[cells.row_cells()[i]], coded().psu[i]);
        EXPECT_EQ(cells.cell_domain()[cells.row_cells()[i]], coded().domain[i]);
    }
    ASSERT_EQ(cells.sorted().size(), cells.size());
    for (std::size_t c = 1; c < cells.size(); ++c) {
        const code32 a = cells.sorted()[c - 1], b = cells.sorted()[c];
        EXPECT_TRUE(cells.cell_psu()[a] < cells.cell_psu()[b] ||
                    (cells.cell_psu()[a] == cells.cell_psu()[b] && cells.cell_domain()[a] < cells.cell_domain()[b]));
    }
    // A prebuilt index gives the same accumulator.
    AccumulateOptions o;
    o.cells = &cells;
    EXPECT_TRUE(accumulate(clustered, domains, all_variables(), o) == accumulate(clustered, domains, all_variables()));
}

TEST(MicroDesign, ChainedAndSortedIndexesGiveTheSameAccumulator) {
    // Domains crossing PSUs: 70,000 rows, 3 strata, 12 PSUs, 400 domains in every PSU.
    const std::size_t n = 70000;
    std::mt19937 rng(3);
    std::vector<double> w(n), y(n);
    std::vector<code32> strata(n), psu(n), dom(n);
    for (std::size_t i = 0; i < n; ++i) {
        psu[i] = rng() % 12, strata[i] = psu[i] % 3, dom[i] = rng() % 400;
        w[i] = 1 + rng() % 100, y[i] = static_cast<double>(rng() % 1000) / 10.0;
    }
    const Design design(w, strata, psu);
    const Domains domains(design, dom, 400);
    const Variable v{"y", y};
    const CellIndex chains(design, domains, CellIndex::Build::chains),
        sorting(design, domains, CellIndex::Build::sorting);
    EXPECT_TRUE(sorting.sorted().empty());  // already in order
    AccumulateOptions a, b;
    a.cells = &chains, b.cells = &sorting;
    const Accumulator x = accumulate(design, domains, std::span<const Variable>(&v, 1), a);
    const Accumulator z = accumulate(design, domains, std::span<const Variable>(&v, 1), b);
    const Accumulator automatic = accumulate(design, domains, std::span<const Variable>(&v, 1));
    EXPECT_TRUE(x == z);
    EXPECT_TRUE(automatic == z);
    EXPECT_EQ(x.parts().cell_psu.size(), 12u * 400u);
}

// ----------------------------------------------------------------- domain codes from by-columns

namespace {
/// Reference: sort the distinct tuples present inside the filter; code = rank, others 0.
std::vector<code32> brute_codes(const std::vector<std::vector<std::int64_t>>& cols,
                                const std::vector<std::uint8_t>& where, std::vector<std::size_t>& first) {
    const std::size_t n = cols[0].size();
    std::map<std::vector<std::int64_t>, std::size_t> seen;
    for (std::size_t i = 0; i < n; ++i) {
        if (!where.empty() && where[i] == 0) continue;
        std::vector<std::int64_t> t;
        for (const auto& c : cols) t.push_back(c[i]);
        seen.try_emplace(t, i);
    }
    std::map<std::vector<std::int64_t>, code32> rank;
    first.clear();
    for (const auto& [t, row] : seen) {
        rank[t] = static_cast<code32>(first.size());
        first.push_back(row);
    }
    std::vector<code32> out(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::int64_t> t;
        for (const auto& c : cols) t.push_back(c[i]);
        auto it = rank.find(t);
        if (it != rank.end()) out[i] = it->second;
    }
    return out;
}
}  // namespace

TEST(MicroDomainCodes, SortedTuplesInsideTheFilterForSmallAndHugeRanges) {
    std::mt19937_64 rng(4);
    const std::size_t n = 3000;
    // Small ranges (one mixed-radix key) and huge ones (column by column, re-densified): ten columns of
    // values spread over the whole int64 range would wrap any packed key (review M1).
    for (const bool huge : {false, true}) {
        std::vector<std::vector<std::int64_t>> cols(huge ? 10 : 2, std::vector<std::int64_t>(n));
        for (auto& c : cols)
            for (auto& v : c) {
                const auto r = static_cast<std::int64_t>(rng() % 7) - 3;
                v = huge ? r * (std::numeric_limits<std::int64_t>::max() / 3) : r;
            }
        std::vector<std::uint8_t> where(n);
        for (auto& w : where) w = static_cast<std::uint8_t>(rng() % 3 != 0);
        std::vector<KeyColumn> keys;
        const std::vector<std::string> names{"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"};
        for (std::size_t j = 0; j < cols.size(); ++j)
            keys.push_back({names[j], std::span<const std::int64_t>(cols[j]), false});
        std::vector<std::size_t> first;
        const auto expected = brute_codes(cols, where, first);
        const DomainCodes got = code_domains(keys, where, n);
        EXPECT_EQ(got.count, first.size());
        EXPECT_EQ(got.first_row, first);
        for (std::size_t i = 0; i < n; ++i)
            if (where[i] != 0) {
                ASSERT_EQ(got.codes[i], expected[i]) << "row " << i;
            }
    }
}

TEST(MicroDomainCodes, RunsOfOneKeyAsInASortedFile) {
    // Rows in runs of one tuple (a survey file in stratum and PSU order: runs of 1 to 60 rows, the
    // last tuples first seen near the end), with and without a filter that leaves some runs out
    // entirely: the first rows and codes equal brute force's (mark_first passes over blocks of rows
    // with the key of the row before them).
    std::mt19937_64 rng(9);
    const std::size_t n = 20000;
    std::vector<std::vector<std::int64_t>> cols(2, std::vector<std::int64_t>(n));
    std::int64_t a = 0, b = 0;
    for (std::size_t i = 0; i < n;) {
        const std::size_t run = 1 + rng() % 60;
        for (std::size_t j = i; j < std::min(n, i + run); ++j) cols[0][j] = a, cols[1][j] = b;
        i += run;
        if (++b == 9) b = 0, ++a;  // (a, b) increase: sorted, most tuples new
    }
    // A tuple seen once, at the first row of a block of 16, inside a run of another: its row is found.
    for (std::size_t i = 1584; i < 1632; ++i) cols[0][i] = cols[0][1584], cols[1][i] = cols[1][1584];
    cols[0][1600] = -1, cols[1][1600] = 4;
    std::vector<std::uint8_t> all(n, 1), some(n);
    for (std::size_t i = 0; i < n; ++i) some[i] = static_cast<std::uint8_t>((i / 50) % 3 != 0 && rng() % 5 != 0);
    some[1600] = 1;  // the tuple seen once is inside
    const std::vector<KeyColumn> keys{{"stratum", std::span<const std::int64_t>(cols[0]), false},
                                      {"psu", std::span<const std::int64_t>(cols[1]), false}};
    for (const auto* where : {&all, &some}) {
        std::vector<std::size_t> first;
        const auto expected = brute_codes(cols, *where, first);
        const DomainCodes got = code_domains(keys, where == &all ? std::span<const std::uint8_t>{} : *where, n);
        ASSERT_EQ(got.count, first.size());
        EXPECT_EQ(got.first_row, first);
        EXPECT_GT(got.first_row.back(), n - 200);  // a tuple first seen near the end
        EXPECT_EQ(got.first_row.front(), 1600u);   // (-1, 4), the smallest tuple
        for (std::size_t i = 0; i < n; ++i)
            if ((*where)[i] != 0) {
                ASSERT_EQ(got.codes[i], expected[i]) << "row " << i;
            }
    }
}

TEST(MicroDomainCodes, SmallValuesAndTheirLookUp) {
    // Values 5, 3, 5, 7: low 3, offsets 2, 0, 2, 4; first rows per offset 1, -, 0, -, 3.
    const std::vector<std::int16_t> v{5, 3, 5, 7};
    const KeyColumn c{"code", std::span<const std::int16_t>(v), false};
    const auto s = small_values(c, 5);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->low, 3u);
    EXPECT_EQ(s->first_row, (std::vector<std::int64_t>{1, -1, 0, -1, 3}));
    EXPECT_FALSE(small_values(c, 4).has_value());  // range 5 > 4
    std::vector<std::uint8_t> out(4);
    const std::vector<std::uint8_t> table{10, 0, 20, 0, 40};  // the gather path (more than two entries)
    look_up(c, s->low, table, out);
    EXPECT_EQ(out, (std::vector<std::uint8_t>{20, 10, 20, 40}));
    // Two values (the select path), negative ones wrapping in the column's width: -1 -> 1, -2 -> 0.
    const std::vector<std::int8_t> sex{-1, -2, -2, -1};
    const KeyColumn two{"sex", std::span<const std::int8_t>(sex), false};
    const auto t = small_values(two, 2);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->first_row, (std::vector<std::int64_t>{1, 0}));
    // A value first seen after every other (the scan stops only when all are seen): 9 at row 5.
    const std::vector<std::uint16_t> late{8, 7, 8, 7, 7, 9, 9, 8};
    const auto u = small_values(KeyColumn{"late", std::span<const std::uint16_t>(late), false}, 3);
    ASSERT_TRUE(u.has_value());
    EXPECT_EQ(u->first_row, (std::vector<std::int64_t>{1, 0, 5}));
    look_up(two, t->low, std::vector<std::uint8_t>{7, 9}, out);
    EXPECT_EQ(out, (std::vector<std::uint8_t>{9, 7, 7, 9}));
    // A value outside the table is named by its row, in both paths; a missing code too.
    try {
        look_up(two, t->low, std::vector<std::uint8_t>{7}, out);
        FAIL() << "expected an error";
    } catch (const value_error& e) {
        EXPECT_NE(std::string(e.what()).find("row 0, column 'sex'"), std::string::npos) << e.what();
    }
    try {
        look_up(c, s->low, std::vector<std::uint8_t>{1, 2, 3}, out);
        FAIL() << "expected an error";
    } catch (const value_error& e) {
        EXPECT_NE(std::string(e.what()).find("row 3, column 'code'"), std::string::npos) << e.what();
    }
    const std::vector<std::int8_t> cat{0, 1, -1};
    try {
        (void)small_values(KeyColumn{"cat", std::span<const std::int8_t>(cat), true}, 8);
        FAIL() << "expected an error";
    } catch (const value_error& e) {
        EXPECT_NE(std::string(e.what()).find("row 2, column 'cat': missing value"), std::string::npos);
    }
    const std::vector<std::int64_t> wide{0, std::numeric_limits<std::int64_t>::max(), -1};
    EXPECT_FALSE(small_values(KeyColumn{"wide", std::span<const std::int64_t>(wide), false}, 1 << 16).has_value());
}

TEST(MicroDomainCodes, WidthsMissingValuesAndEmptyFilter) {
    const std::vector<std::uint8_t> sex{1, 0, 1, 0};
    const std::vector<std::int32_t> region{20, 20, 10, -5};
    const std::vector<KeyColumn> keys{{"region", std::span<const std::int32_t>(region), false},
                                      {"sex", std::span<const std::uint8_t>(sex), false}};
    const DomainCodes d = code_domains(keys, {}, 4);
    EXPECT_EQ(d.count, 4u);  // (-5,0) (10,1) (20,0) (20,1)
    EXPECT_EQ(d.codes, (std::vector<code32>{3, 2, 1, 0}));
    const std::vector<std::uint8_t> none(4, 0);
    EXPECT_EQ(code_domains(keys, none, 4).count, 0u);
    const std::vector<std::int8_t> cat{0, 1, -1, 1};
    const std::vector<KeyColumn> missing{{"cat", std::span<const std::int8_t>(cat), true}};
    try {
        (void)code_domains(missing, {}, 4);
        FAIL() << "expected an error";
    } catch (const value_error& e) {
        EXPECT_NE(std::string(e.what()).find("row 2, column 'cat': missing value"), std::string::npos);
    }
}

// Rows enough for three coding shares: the codes and first rows are the same on 1, 2 and 3
// threads, and are the ranks and first rows inside the filter (the mixed-radix path: 600 x 2 keys).
// Tuple (598, 1) first appears in the last share; (599, 0) has rows in the first share, all outside
// the filter: its first row is the second share's.
TEST(MicroDomainCodes, SameCodesOnAnyNumberOfThreads) {
    const std::size_t n = 3 * share_min_rows;
    std::mt19937_64 rng(21);
    std::vector<std::int32_t> region(n);
    std::vector<std::int8_t> sex(n);
    std::vector<std::uint8_t> where(n);
    for (std::size_t i = 0; i < n; ++i) {
        region[i] = static_cast<std::int32_t>(rng() % 598), sex[i] = static_cast<std::int8_t>(rng() % 2);
        where[i] = static_cast<std::uint8_t>(rng() % 6 != 0);
    }
    const std::size_t late = n - 1000, middle = n / 2;
    region[late] = 598, sex[late] = 1;
    for (std::size_t i : {std::size_t{10}, std::size_t{20}, middle})
        region[i] = 599, sex[i] = 0, where[i] = i == middle;
    const std::vector<KeyColumn> keys{{"region", std::span<const std::int32_t>(region), false},
                                      {"sex", std::span<const std::int8_t>(sex), false}};
    // Every (region, sex) but (598, 0) and (599, 1) is inside: its code is its key's rank.
    std::vector<std::int64_t> rank(1200, -1);
    std::vector<std::size_t> first;
    for (std::size_t i = 0; i < n; ++i)
        if (where[i] != 0 && rank[region[i] * 2 + sex[i]] < 0)
            rank[region[i] * 2 + sex[i]] = static_cast<std::int64_t>(i);
    for (std::int64_t row : rank)
        if (row >= 0) first.push_back(static_cast<std::size_t>(row));
    ASSERT_EQ(first.size(), 1198u);
    const DomainCodes one = code_domains(keys, where, n, 1);
    EXPECT_EQ(one.count, 1198u);
    EXPECT_EQ(one.first_row, first);
    EXPECT_EQ(one.first_row.back(), middle);   // (599, 0): the second share's row
    EXPECT_EQ(one.first_row[1197 - 1], late);  // (598, 1)
    for (std::size_t i = 0; i < n; i += 997) {
        if (where[i] == 0) continue;
        EXPECT_EQ(one.codes[i], static_cast<code32>(region[i] * 2 + sex[i] - (region[i] == 599))) << i;
    }
    for (unsigned threads : {2u, 3u}) {
        const DomainCodes got = code_domains(keys, where, n, threads);
        EXPECT_EQ(got.count, one.count) << threads;
        EXPECT_EQ(got.first_row, one.first_row) << threads;
        EXPECT_EQ(got.codes, one.codes) << threads;
    }
    // A design's strata (region) and PSUs (sex within region) alike, the rows' strata by table.
    std::vector<code32> strata1(n), psu1(n), strata3(n), psu3(n);
    const CodedDesign a = code_design(&keys[0], keys[1], strata1, psu1, 1);
    const CodedDesign b = code_design(&keys[0], keys[1], strata3, psu3, 3);
    EXPECT_EQ(strata1, strata3);
    EXPECT_EQ(psu1, psu3);
    EXPECT_EQ(a.psu_row, b.psu_row);
    EXPECT_EQ(a.stratum_row, b.stratum_row);
    EXPECT_EQ(strata1[late], 598u);
    EXPECT_EQ(psu1[late], 2 * 598u);  // after the 2 x 598 PSUs of regions 0-597; (598, 0) has no row
}

// code_design numbers strata and PSUs as code_domains does (strata alone; PSU ids within strata),
// and a design made from them without the per-row nesting check equals the checked one.
TEST(MicroDesignCodes, SameCodesAndDesignAsTheCheckedPath) {
    constexpr std::size_t n = 4000;
    std::mt19937_64 rng(5);
    std::vector<std::int16_t> stratum(n);
    std::vector<std::int32_t> psu(n);  // ids repeat across strata: nested only within them
    std::vector<double> w(n), y(n);
    std::vector<code32> domain(n);
    for (std::size_t i = 0; i < n; ++i) {
        stratum[i] = static_cast<std::int16_t>(300 + 7 * (rng() % 9)), psu[i] = static_cast<std::int32_t>(rng() % 6);
        w[i] = 1.0 + static_cast<double>(rng() % 90), y[i] = static_cast<double>(rng() % 50);
        domain[i] = static_cast<code32>(rng() % 5);
    }
    const KeyColumn s{"stratum", std::span<const std::int16_t>(stratum), false};
    const KeyColumn p{"psu", std::span<const std::int32_t>(psu), false};
    const DomainCodes want_strata = code_domains(std::vector<KeyColumn>{s}, {}, n);
    const DomainCodes want_psu = code_domains(std::vector<KeyColumn>{s, p}, {}, n);
    std::vector<code32> got_strata(n, no_code), got_psu(n, no_code);
    CodedDesign coded = code_design(&s, p, got_strata, got_psu);
    EXPECT_EQ(got_strata, want_strata.codes);
    EXPECT_EQ(got_psu, want_psu.codes);
    EXPECT_EQ(coded.nested.strata_count(), 9u);
    EXPECT_EQ(coded.nested.psu_stratum().size(), 54u);  // 9 strata x 6 ids
    ASSERT_EQ(coded.stratum_row.size(), 9u);
    for (code32 h = 0; h < 9; ++h) EXPECT_EQ(stratum[coded.stratum_row[h]], 300 + 7 * static_cast<int>(h));
    for (code32 q = 0; q < 54; ++q) {
        EXPECT_EQ(got_psu[coded.psu_row[q]], q);
        EXPECT_EQ(coded.nested.psu_stratum()[q], q / 6);  // a stratum's PSUs are consecutive codes
    }
    const Design checked(w, want_strata.codes, want_psu.codes);
    const Design nested(w, got_strata, got_psu, std::move(coded.nested));
    EXPECT_EQ(nested.strata_count(), checked.strata_count());
    EXPECT_EQ(nested.psu_count(), checked.psu_count());
    for (code32 h = 0; h < 9; ++h) EXPECT_EQ(nested.psus_in_stratum(h), 6u);
    const Domains a(checked, domain, 5), b(nested, domain, 5);
    const Estimates ea = mean(checked, a, Variable{"y", y}), eb = mean(nested, b, Variable{"y", y});
    EXPECT_EQ(ea.se, eb.se);
    EXPECT_GT(eb.se[0], 0.0);

    // Strata ids spanning more than a lookup table's range: each row's stratum from its PSU's.
    std::vector<std::int64_t> wide(n);
    for (std::size_t i = 0; i < n; ++i) wide[i] = (stratum[i] - 300) * std::int64_t{1000003} - 5;
    const KeyColumn sw{"stratum", std::span<const std::int64_t>(wide), false};
    std::vector<code32> wide_strata(n), wide_psu(n);
    const CodedDesign spread = code_design(&sw, p, wide_strata, wide_psu);
    EXPECT_EQ(wide_strata, want_strata.codes);
    EXPECT_EQ(wide_psu, want_psu.codes);
    EXPECT_EQ(spread.nested.strata_count(), 9u);

    // No strata column: one stratum, every PSU in it.
    std::vector<code32> unused, alone(n);
    const CodedDesign one = code_design(nullptr, p, unused, alone);
    EXPECT_EQ(one.nested.strata_count(), 1u);
    EXPECT_EQ(one.nested.psu_stratum(), std::vector<code32>(6, 0));
    EXPECT_TRUE(one.stratum_row.empty());

    // A missing PSU id names its row; a strata buffer of another length is refused.
    const std::vector<std::int8_t> ids{0, 1, -1};
    const KeyColumn missing{"psu", std::span<const std::int8_t>(ids), true};
    std::vector<code32> three(3);
    EXPECT_THROW(
        {
            try {
                (void)code_design(nullptr, missing, unused, three);
            } catch (const value_error& e) {
                EXPECT_NE(std::string(e.what()).find("row 2, column 'psu': missing value"), std::string::npos);
                throw;
            }
        },
        value_error);
    std::vector<code32> short_strata(2);
    EXPECT_THROW((void)code_design(&s, p, short_strata, got_psu), value_error);
}

// The pass adds a row's sums four doubles at a time (accumulate.hpp, add_row_lanes) for 1..13
// variables and one at a time beyond: either way each sum is the row-order sum of w * v, the same
// bits as this plain loop (per domain in the point pass, per (PSU, domain) cell in the linearised
// one), with and without a row filter.
TEST(MicroAccumulate, EveryVariableCountSumsLikeAPlainLoop) {
    constexpr std::size_t n = 5003, domains = 7, psus = 40;
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> unit(-3.0, 5.0), weight(0.5, 80.0);
    std::vector<double> w(n);
    std::vector<code32> dom(n), psu(n), stratum(n);
    std::vector<std::uint8_t> where(n);
    for (std::size_t i = 0; i < n; ++i) {
        w[i] = weight(rng), dom[i] = static_cast<code32>(rng() % domains), psu[i] = static_cast<code32>(rng() % psus);
        stratum[i] = psu[i] / 10, where[i] = rng() % 3 != 0;
    }
    const Design design(w, stratum, psu);
    const Domains by(design, dom, domains);
    for (std::size_t k = 1; k <= 15; ++k) {
        std::vector<std::vector<double>> values(k, std::vector<double>(n));
        std::vector<Variable> vars;
        for (std::size_t j = 0; j < k; ++j) {
            for (double& v : values[j]) v = unit(rng);
            vars.push_back({std::string(1, static_cast<char>('a' + j)), values[j]});
        }
        for (bool filtered : {false, true}) {
            AccumulateOptions o;
            if (filtered) o.where = where;
            const Accumulator acc = accumulate(design, by, vars, o);  // with cells
            o.linearization = false;
            const Accumulator point = accumulate(design, by, vars, o);  // domain sums straight from the rows
            std::vector<double> sums(domains * (k + 1), 0.0);
            std::vector<std::uint64_t> rows(domains, 0);
            for (std::size_t i = 0; i < n; ++i) {
                if (filtered && where[i] == 0) continue;
                double* s = sums.data() + dom[i] * (k + 1);
                s[0] += w[i];
                for (std::size_t j = 0; j < k; ++j) s[j + 1] += w[i] * values[j][i];
                ++rows[dom[i]];
            }
            EXPECT_EQ(std::memcmp(sums.data(), point.parts().domain_sums.data(), sums.size() * sizeof(double)), 0)
                << k << " variables, filtered " << filtered;
            EXPECT_EQ(rows, point.parts().domain_rows) << k << " variables";
            // The cells: (PSU, domain) in order, each the row-order sum of its rows.
            const auto& p = acc.parts();
            for (std::size_t c = 0; c < p.cell_psu.size(); ++c) {
                std::vector<double> cell(k + 1, 0.0);
                for (std::size_t i = 0; i < n; ++i) {
                    if ((filtered && where[i] == 0) || psu[i] != p.cell_psu[c] || dom[i] != p.cell_domain[c]) continue;
                    cell[0] += w[i];
                    for (std::size_t j = 0; j < k; ++j) cell[j + 1] += w[i] * values[j][i];
                }
                ASSERT_EQ(std::memcmp(cell.data(), p.cell_sums.data() + c * (k + 1), cell.size() * sizeof(double)), 0)
                    << k << " variables, cell " << c;
            }
        }
    }
}

// Scratch arrays: huge-page-sized ones start on a 2 MiB boundary (so the advice covers whole pages),
// others on a cache line; `zeroed` zeroes; release() empties.
TEST(MicroLargeArray, AlignmentZeroingAndRelease) {
    gendex::micro::detail::LargeArray<double> big(gendex::micro::detail::huge_page_bytes / sizeof(double) + 1, true),
        small(10, true);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big.data()) % gendex::micro::detail::huge_page_bytes, 0u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(small.data()) % 64, 0u);
    EXPECT_TRUE(std::all_of(big.data(), big.data() + big.size(), [](double x) { return x == 0.0; }));
    EXPECT_TRUE(std::all_of(small.data(), small.data() + small.size(), [](double x) { return x == 0.0; }));
    big.release();
    EXPECT_EQ(big.size(), 0u);
    EXPECT_EQ(big.data(), nullptr);
}

// Freed row-sized buffers are kept for the next pass (buffer_pool.hpp): a buffer that fits, wasting
// at most a quarter, is handed out again; no more than pool_retained_bytes are kept, the oldest
// freed first; a reused scratch array asked zeroed is zeroed.
TEST(MicroBufferPool, KeepsFreedBuffersWithinItsLimit) {
    using gendex::micro::detail::BufferPool;
    using gendex::micro::detail::huge_page_bytes;
    using gendex::micro::detail::pool_retained_bytes;
    if constexpr (pool_retained_bytes == 0) GTEST_SKIP() << "AddressSanitizer: nothing is kept";
    BufferPool& pool = BufferPool::instance();
    pool.release();
    const std::size_t mib = std::size_t{1} << 20;
    void* a = pool.take(3 * mib);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a) % huge_page_bytes, 0u);
    pool.give(a, 3 * mib);
    EXPECT_EQ(pool.retained(), 4 * mib);  // whole huge pages
    void* big = pool.take(12 * mib);      // 4 MiB does not fit
    EXPECT_NE(big, a);
    EXPECT_EQ(pool.take(4 * mib), a);  // 3.5 to 4 MiB: the kept buffer
    EXPECT_EQ(pool.retained(), 0u);
    pool.give(a, 4 * mib);
    void* other = pool.take(2 * mib);  // 4 MiB would waste half
    EXPECT_NE(other, a);
    pool.give(other, 2 * mib), pool.give(big, 12 * mib);
    EXPECT_EQ(pool.retained(), 18 * mib);
    void* huge = pool.take(pool_retained_bytes + 1);
    pool.give(huge, pool_retained_bytes + 1);  // larger than the limit: freed, the kept ones stay
    EXPECT_EQ(pool.retained(), 18 * mib);
    std::vector<void*> many;
    for (std::size_t k = 0; k < pool_retained_bytes / (64 * mib) + 2; ++k) many.push_back(pool.take(64 * mib));
    for (void* p : many) pool.give(p, 64 * mib);
    // 18 + 10 x 64 MiB given: the 4, 2 and 12 MiB buffers (the oldest) and two of 64 MiB went.
    EXPECT_EQ(pool.retained(), pool_retained_bytes);
    void* fresh = pool.take(4 * mib);  // nothing kept fits: a new buffer
    EXPECT_EQ(pool.retained(), pool_retained_bytes);
    pool.give(fresh, 4 * mib);
    pool.release();
    EXPECT_EQ(pool.retained(), 0u);

    const std::size_t n = huge_page_bytes / sizeof(double) * 3;
    const double* reused = nullptr;
    {
        gendex::micro::detail::LargeArray<double> dirty(n);
        std::fill(dirty.data(), dirty.data() + n, 7.0);
        reused = dirty.data();
    }
    gendex::micro::detail::LargeArray<double> clean(n, true);
    EXPECT_EQ(clean.data(), reused);
    EXPECT_TRUE(std::all_of(clean.data(), clean.data() + n, [](double x) { return x == 0.0; }));
    clean.release();
    pool.release();
}

// The code columns' checks find the largest code in one vectorised pass; a missing code (no_code,
// the largest there is) or one out of range is still named by its first row.
TEST(MicroDesign, MissingAndOutOfRangeCodesNameTheirFirstRow) {
    const std::vector<double> w(6, 1.0);
    const std::vector<code32> strata{0, 0, 1, no_code, 1, no_code}, psu{0, 1, 2, no_code, 3, 3};
    EXPECT_THROW_MSG(Design(w, strata), value_error, "row 3, column 'stratum': missing stratum code");
    const std::vector<code32> good_strata{0, 0, 1, 1, 1, 1};
    EXPECT_THROW_MSG(Design(w, good_strata, psu), value_error, "row 3, column 'psu': missing PSU code");
    const std::vector<code32> crossing{0, 1, 2, 2, 3, 0};  // PSU 0 in stratum 0 at row 0, in stratum 1 at row 5
    EXPECT_THROW_MSG(Design(w, good_strata, crossing), value_error,
                     "row 5, column 'psu': PSU 0 is in stratum 1 here but in stratum 0 at row 0");
    const Design design(w, good_strata);
    EXPECT_EQ(design.strata_count(), 2u);
    const std::vector<code32> domains{0, 2, no_code, 1, no_code, 0}, high{0, 2, 5, 1, 7, 0};
    EXPECT_THROW_MSG(Domains(design, domains, 3), value_error, "row 2, column 'domain': missing domain code");
    EXPECT_THROW_MSG(Domains(design, high, 3), value_error,
                     "row 2, column 'domain': domain code 5 is not below the domain count 3");
    EXPECT_EQ(Domains(design, high).count(), 8u);
}
