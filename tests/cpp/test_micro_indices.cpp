// gendex::micro index inputs (indicators.hpp) and index uncertainty
// (index_uncertainty.hpp): builders against the generic estimators, replicate
// and bootstrap SEs of indices against brute force (replicate weights
// materialised per row, indicators summed row by row, indices from the scalar
// kernels), a hand-checkable case, merges, the change between periods, errors.
#include <set>
#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "gendex/edition.hpp"
#include "gendex/indices/bps.hpp"
#include "gendex/indices/gdi.hpp"
#include "gendex/indices/gii.hpp"
#include "gendex/micro/estimate.hpp"
#include "gendex/micro/index_uncertainty.hpp"
#include "gendex/micro/index_input_scores.hpp"
#include "gendex/micro/index_inputs.hpp"
#include "gendex/micro/to_dataset.hpp"
#include "test_support.hpp"

using namespace gendex;
using namespace gendex::micro;

namespace {

using gendex::test::nan;

/// A synthetic stratified cluster sample: regions x strata x PSUs x persons.
struct Survey {
    code32 regions = 0;
    std::vector<double> weight, age, school, edu, lf, earnings, bof, fb20, abirths;
    std::vector<code32> region, stratum, psu;
    std::vector<std::uint8_t> sex;
    [[nodiscard]] std::size_t rows() const { return weight.size(); }
};

Survey make_survey(code32 regions = 5, int strata_per_region = 3, int psus_per_stratum = 4, int persons = 30,
                   std::uint64_t seed = 11) {
    Survey s;
    s.regions = regions;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    code32 psu = 0;
    for (code32 g = 0; g < regions; ++g)
        for (int h = 0; h < strata_per_region; ++h) {
            const code32 stratum = g * static_cast<code32>(strata_per_region) + static_cast<code32>(h);
            for (int j = 0; j < psus_per_stratum; ++j, ++psu) {
                const double base = 50 + 200 * u(rng);
                for (int i = 0; i < persons; ++i) {
                    const auto sx = static_cast<std::uint8_t>(u(rng) < 0.5 ? 0 : 1);
                    const double age = std::floor(80 * u(rng));
                    double school = age < 7 ? 0 : std::min(age - 6, std::floor(17 * u(rng) + (sx == 1 ? 1 : 0)));
                    if (age < 5) school = nan;  // outside the schooling population: may be missing
                    const double lf = age < 15 ? nan : (u(rng) < (sx == 0 ? 0.5 + 0.05 * g : 0.8) ? 1.0 : 0.0);
                    const double earn = lf == 1.0 ? std::exp(7 + u(rng) + (sx == 1 ? 0.3 : 0.0)) : 0.0;
                    double bof = nan, fb = nan, ab = 0;
                    if (sx == 0 && age >= 15 && age <= 49) {
                        if (u(rng) < 0.45) bof = u(rng) < 0.2 + 0.03 * g ? 1.0 : 0.0;
                        if (u(rng) < 0.7) fb = u(rng) < 0.3 ? 1.0 : 0.0;
                    }
                    if (sx == 0 && age >= 15 && age <= 19) ab = u(rng) < 0.08 ? 1.0 : 0.0;
                    s.weight.push_back(base * (0.8 + 0.4 * u(rng)));
                    s.region.push_back(g), s.stratum.push_back(stratum), s.psu.push_back(psu), s.sex.push_back(sx);
                    s.age.push_back(age), s.school.push_back(school), s.edu.push_back(std::isnan(school) ? 0 : school);
                    s.lf.push_back(lf), s.earnings.push_back(earn), s.bof.push_back(bof), s.fb20.push_back(fb);
                    s.abirths.push_back(ab);
                }
            }
        }
    return s;
}

PersonColumns columns(const Survey& s) {
    PersonColumns c;
    c.region = s.region;
    c.sex = s.sex;
    c.age = {"age", s.age};
    c.schooling = {"years_school", s.school};
    c.education = {"edu", s.edu};
    c.labour_force = {"in_lf", s.lf};
    c.earnings = {"earn", s.earnings};
    c.births_outside_facility = {"bof", s.bof};
    c.first_birth_before_20 = {"fb20", s.fb20};
    c.adolescent_births = {"ab", s.abirths};
    return c;
}

IndexInputOptions thresholds() {
    IndexInputOptions o;
    o.secondary_threshold = 7;
    o.upper_secondary_threshold = 12;
    return o;
}

EstimateOptions with(Variance v, std::uint32_t replicates = 50, std::uint64_t seed = 7) {
    EstimateOptions o;
    o.variance = v;
    o.bootstrap.replicates = replicates;
    o.bootstrap.seed = seed;
    return o;
}

void expect_close(double a, double b, double rel, const std::string& what) {
    EXPECT_NEAR(a, b, rel * std::max(std::fabs(a), std::fabs(b)) + 1e-300) << what;
}

// ------------------------------------------------------------ brute force

/// The index inputs of every region x sex domain from row weights w, summed row by row.
struct DomainInputs {
    std::vector<double> mys, sec, usec, lfp, pop, share, bof, fb20, abr;  // [domain]
};

DomainInputs brute_inputs(const Survey& s, const std::vector<double>& w) {
    const std::size_t nd = 2 * s.regions;
    std::vector<double> a25(nd), ys(nd), se(nd), us(nd), a15(nd), l(nd), pop(nd), e(nd), bu(nd), bo(nd), fu(nd), fo(nd),
        aw(nd), ab(nd);
    for (std::size_t i = 0; i < s.rows(); ++i) {
        const std::size_t d = 2 * s.region[i] + s.sex[i];
        const double wi = w[i];
        pop[d] += wi;
        e[d] += wi * s.earnings[i];
        if (s.age[i] >= 25) {
            a25[d] += wi, ys[d] += wi * s.school[i];
            se[d] += wi * (s.edu[i] >= 7), us[d] += wi * (s.edu[i] >= 12);
        }
        if (s.age[i] >= 15) a15[d] += wi, l[d] += wi * s.lf[i];
        if (s.sex[i] == 0 && !std::isnan(s.bof[i])) bu[d] += wi, bo[d] += wi * s.bof[i];
        if (s.sex[i] == 0 && !std::isnan(s.fb20[i])) fu[d] += wi, fo[d] += wi * s.fb20[i];
        if (s.sex[i] == 0 && s.age[i] >= 15 && s.age[i] <= 19) aw[d] += wi, ab[d] += wi * s.abirths[i];
    }
    DomainInputs x;
    for (std::size_t d = 0; d < nd; ++d) {
        x.mys.push_back(ys[d] / a25[d]);
        x.sec.push_back(100 * (se[d] / a25[d]));
        x.usec.push_back(100 * (us[d] / a25[d]));
        x.lfp.push_back(100 * (l[d] / a15[d]));
        x.pop.push_back(pop[d]);
        const std::size_t f = d & ~std::size_t{1};
        const double sf = 100 * (e[f] / (e[f] + e[f + 1]));
        x.share.push_back(d % 2 == 0 ? sf : 100 - sf);
        x.bof.push_back(bu[d] == 0 ? nan : 100 * (bo[d] / bu[d]));
        x.fb20.push_back(fu[d] == 0 ? nan : 100 * (fo[d] / fu[d]));
        x.abr.push_back(aw[d] == 0 ? nan : 1000 * (ab[d] / aw[d]));
    }
    return x;
}

/// The given inputs of the index tests.
GivenInputs given_inputs(code32 regions) {
    GivenInputs g;
    for (code32 r = 0; r < regions; ++r) {
        g.maternal_mortality.push_back(120 + 30 * r);
        g.parliament_share_f.push_back(12 + 4 * r);
        g.life_expectancy_f.push_back(72 + 0.5 * r), g.life_expectancy_m.push_back(68 + 0.4 * r);
        g.expected_schooling_f.push_back(12.5 + 0.2 * r), g.expected_schooling_m.push_back(12.8);
    }
    g.adolescent_birth_rate = {35.0};
    g.gni_per_capita = {11000.0};
    g.per_capita_expenditure = {11500.0};  // thousand Rp
    return g;
}

/// The index (series k) per region from domain inputs, with the scalar kernels.
std::vector<double> brute_index(const Edition& ed, SurveyIndex index, std::size_t k, const DomainInputs& x,
                                const GivenInputs& g, code32 regions, bool abr_from_survey = false) {
    std::vector<double> out;
    auto pick = [](const std::vector<double>& v, code32 r) { return v.size() == 1 ? v[0] : v[r]; };
    for (code32 r = 0; r < regions; ++r) {
        const std::size_t f = 2 * r, m = 2 * r + 1;
        const double pr_f = pick(g.parliament_share_f, r), pr_m = 100 - pr_f;
        switch (index) {
            case SurveyIndex::gii: {
                const double abr = abr_from_survey ? x.abr[f] : pick(g.adolescent_birth_rate, r);
                out.push_back(undp::gii(ed, undp::gii_input{pick(g.maternal_mortality, r), abr, pr_f, pr_m, x.sec[f],
                                                            x.sec[m], x.lfp[f], x.lfp[m]})
                                  .gii);
                break;
            }
            case SurveyIndex::ikg:
                out.push_back(bps::ikg(ed, bps::ikg_input{x.bof[f], x.fb20[f], pr_f, pr_m, x.usec[f], x.usec[m],
                                                          x.lfp[f], x.lfp[m]})
                                  .ikg);
                break;
            case SurveyIndex::gdi:
            case SurveyIndex::ipg: {
                const double total =
                    index == SurveyIndex::gdi ? pick(g.gni_per_capita, r) : pick(g.per_capita_expenditure, r);
                const auto inc =
                    undp::earned_income_by_sex(total, x.share[f] / 100.0, x.pop[f] / (x.pop[f] + x.pop[m]));
                if (index == SurveyIndex::gdi) {
                    const auto v =
                        undp::gdi(ed, undp::gdi_input{pick(g.life_expectancy_f, r), pick(g.expected_schooling_f, r),
                                                      x.mys[f], inc.female, pick(g.life_expectancy_m, r),
                                                      pick(g.expected_schooling_m, r), x.mys[m], inc.male});
                    out.push_back(k == 0 ? v.gdi : k == 1 ? v.hdi_f : v.hdi_m);
                } else {
                    const double ipm_f =
                        bps::ipm(ed,
                                 {pick(g.life_expectancy_f, r), pick(g.expected_schooling_f, r), x.mys[f], inc.female},
                                 Sex::female)
                            .ipm;
                    const double ipm_m =
                        bps::ipm(ed,
                                 {pick(g.life_expectancy_m, r), pick(g.expected_schooling_m, r), x.mys[m], inc.male},
                                 Sex::male)
                            .ipm;
                    out.push_back(k == 0 ? bps::ipg(ed, ipm_f, ipm_m) : k == 1 ? ipm_f : ipm_m);
                }
                break;
            }
        }
    }
    return out;
}

/// Row replicate weights of the internal bootstrap: w_i * factor of the row's PSU.
std::vector<std::vector<double>> bootstrap_weights(const Survey& s, std::uint32_t replicates, std::uint64_t seed) {
    std::vector<code32> psu_stratum;
    for (std::size_t i = 0; i < s.rows(); ++i) {
        if (s.psu[i] >= psu_stratum.size()) psu_stratum.resize(s.psu[i] + 1, no_code);
        psu_stratum[s.psu[i]] = s.stratum[i];
    }
    const RaoWuBootstrap boot(psu_stratum, seed, LonelyPsu::fail);
    std::vector<std::vector<double>> out(replicates, std::vector<double>(s.rows()));
    std::vector<double> f(psu_stratum.size());
    for (std::uint32_t r = 0; r < replicates; ++r) {
        boot.factors(r, f);
        for (std::size_t i = 0; i < s.rows(); ++i) out[r][i] = s.weight[i] * f[s.psu[i]];
    }
    return out;
}

/// sqrt(scale * sum_r rscale (theta_r - centre)^2), centre the mean (mse false) or the estimate.
double replicate_se(const std::vector<double>& theta, double estimate, double scale, bool mse,
                    const std::vector<double>& rscales = {}) {
    double centre = estimate;
    if (!mse) centre = std::accumulate(theta.begin(), theta.end(), 0.0) / static_cast<double>(theta.size());
    double v = 0;
    for (std::size_t r = 0; r < theta.size(); ++r)
        v += (rscales.empty() ? 1.0 : rscales[r]) * (theta[r] - centre) * (theta[r] - centre);
    return std::sqrt(scale * v);
}

struct Fixture {
    Survey s = make_survey();
    Design design{s.weight, s.stratum, s.psu};
    PersonColumns cols = columns(s);
    Accumulator acc = accumulate_index_inputs(design, cols, thresholds());
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

// ------------------------------------------------------------ index inputs

TEST(MicroIndexInputs, PointEstimatesEqualRowByRowSums) {
    const auto& f = fixture();
    const auto e = estimate_index_inputs(f.acc, with(Variance::none));
    const auto x = brute_inputs(f.s, f.s.weight);
    const std::vector<std::pair<std::string, const std::vector<double>*>> expect{{"mean_schooling", &x.mys},
                                                                                 {"secondary_education", &x.sec},
                                                                                 {"upper_secondary_education", &x.usec},
                                                                                 {"labour_force_participation", &x.lfp},
                                                                                 {"population", &x.pop},
                                                                                 {"income_share", &x.share},
                                                                                 {"births_outside_facility", &x.bof},
                                                                                 {"first_birth_before_20", &x.fb20},
                                                                                 {"adolescent_birth_rate", &x.abr}};
    ASSERT_EQ(e.indicators.size(), expect.size());
    for (const auto& [id, values] : expect) {
        const auto* ind = e.find(id);
        ASSERT_NE(ind, nullptr) << id;
        EXPECT_TRUE(ind->se.empty());
        for (code32 d = 0; d < 2 * f.s.regions; ++d) {
            if (ind->female_only && d % 2 == 1) {
                EXPECT_TRUE(std::isnan(ind->estimate[d]));
                continue;
            }
            expect_close(ind->estimate[d], (*values)[d], 1e-13, id + " domain " + std::to_string(d));
        }
    }
}

TEST(MicroIndexInputs, LinearisedSesEqualTheDomainEstimatorsOfRSurvey) {
    // mean over a subpopulation (svyby(..., subset(design, age >= 25), svymean)) = the ratio of derived variables.
    const auto& f = fixture();
    const auto e = estimate_index_inputs(f.acc, with(Variance::linearization));
    std::vector<code32> domain(f.s.rows());
    for (std::size_t i = 0; i < f.s.rows(); ++i) domain[i] = region_sex_domain(f.s.region[i], f.s.sex[i]);
    const Domains by(f.design, domain, 2 * f.s.regions);
    std::vector<std::uint8_t> age25(f.s.rows()), age15(f.s.rows()), women_bof(f.s.rows());
    std::vector<double> sec(f.s.rows()), ones(f.s.rows(), 1.0), lf0(f.s.rows());
    for (std::size_t i = 0; i < f.s.rows(); ++i) {
        age25[i] = f.s.age[i] >= 25, age15[i] = f.s.age[i] >= 15;
        women_bof[i] = f.s.sex[i] == 0 && !std::isnan(f.s.bof[i]);
        sec[i] = 100.0 * (f.s.edu[i] >= 7);
        lf0[i] = std::isnan(f.s.lf[i]) ? 0 : 100 * f.s.lf[i];
    }
    auto subset = [&](std::span<const std::uint8_t> where) {
        EstimateOptions o = with(Variance::linearization);
        o.where = where;
        o.empty_domain = EmptyDomain::no_estimate;
        return o;
    };
    const auto mys = mean(f.design, by, Variable{"years_school", f.s.school}, subset(age25));
    const auto se = mean(f.design, by, Variable{"sec", sec}, subset(age25));
    const auto lfp = mean(f.design, by, Variable{"lf", lf0}, subset(age15));
    const auto bof = mean(f.design, by, Variable{"bof", f.s.bof}, subset(women_bof));
    const auto pop = total(f.design, by, Variable{"one", ones}, with(Variance::linearization));
    for (code32 d = 0; d < 2 * f.s.regions; ++d) {
        expect_close(e.find("mean_schooling")->se[d], mys.se[d], 1e-11, "mean_schooling");
        expect_close(e.find("secondary_education")->se[d], se.se[d], 1e-11, "secondary");
        expect_close(e.find("labour_force_participation")->se[d], lfp.se[d], 1e-11, "lfp");
        expect_close(e.find("population")->se[d], pop.se[d], 1e-11, "population");
        if (d % 2 == 0) expect_close(e.find("births_outside_facility")->se[d], 100 * bof.se[d], 1e-11, "bof");
    }
}

TEST(MicroIndexInputs, IncomeShareLinearisedSeEqualsRowScores) {
    // S = E_F / (E_F + E_M) in a region: score z_i = w_i e_i (1[F] - S) / X, PSU totals, stratified formula.
    const auto& f = fixture();
    const auto e = estimate_index_inputs(f.acc, with(Variance::linearization));
    const auto x = brute_inputs(f.s, f.s.weight);
    for (code32 g = 0; g < f.s.regions; ++g) {
        const double share = x.share[2 * g] / 100;
        double X = 0;
        for (std::size_t i = 0; i < f.s.rows(); ++i)
            if (f.s.region[i] == g) X += f.s.weight[i] * f.s.earnings[i];
        std::map<code32, std::map<code32, double>> z;  // stratum -> PSU -> score total
        for (std::size_t i = 0; i < f.s.rows(); ++i) {
            double& t = z[f.s.stratum[i]][f.s.psu[i]];
            if (f.s.region[i] == g) t += f.s.weight[i] * f.s.earnings[i] * ((f.s.sex[i] == 0 ? 1.0 : 0.0) - share) / X;
        }
        double v = 0;
        for (const auto& [h, psus] : z) {
            double mean = 0;
            for (const auto& [q, t] : psus) mean += t;
            mean /= static_cast<double>(psus.size());
            double ss = 0;
            for (const auto& [q, t] : psus) ss += (t - mean) * (t - mean);
            const double n = static_cast<double>(psus.size());
            v += n / (n - 1) * ss;
        }
        expect_close(e.find("income_share")->se[2 * g], 100 * std::sqrt(v), 1e-11, "income share female");
        expect_close(e.find("income_share")->se[2 * g + 1], 100 * std::sqrt(v), 1e-11, "income share male");
        expect_close(e.find("income_share")->estimate[2 * g] + e.find("income_share")->estimate[2 * g + 1], 100, 1e-15,
                     "shares add up");
    }
}

TEST(MicroIndexInputs, GroupedLinearisationReproducesTheDomainEstimator) {
    const auto& f = fixture();
    const auto& p = f.acc.parts();
    const std::size_t stride = p.stride(), num = f.acc.slot(input_variable::schooling_years),
                      den = f.acc.slot(input_variable::schooling_universe);
    std::vector<code32> group(p.domains);
    std::vector<double> coef(p.domains * stride, 0.0);
    for (code32 d = 0; d < p.domains; ++d) {
        group[d] = d;
        const double X = p.domain_sums[d * stride + den], R = p.domain_sums[d * stride + num] / X;
        coef[d * stride + num] = 1 / X, coef[d * stride + den] = -R / X;
    }
    for (LonelyPsu lonely : {LonelyPsu::fail, LonelyPsu::adjust}) {
        std::vector<double> var;
        std::vector<LinearizationGap> gap;
        grouped_linearized_variances(p, group, p.domains, coef, lonely, var, gap, [](code32, code32, code32) {});
        EstimateOptions o = with(Variance::linearization);
        o.lonely_psu = lonely;
        const auto r = ratio(f.acc, input_variable::schooling_years, input_variable::schooling_universe, o);
        for (code32 d = 0; d < p.domains; ++d) expect_close(std::sqrt(var[d]), r.se[d], 1e-12, "grouped");
    }
}

TEST(MicroIndexInputs, OnePassForAllIndicatorsGivesEachOnesBitsAndErrorsInTheirOrder) {
    // The ratios and the population share one pass over the cells: each SE has the bits of a pass
    // of its own (ratio(), or the population's score w alone), under every lonely-PSU rule.
    const auto& f = fixture();
    std::vector<code32> lonely_psu(f.s.psu);
    for (std::size_t i = 0; i < f.s.rows(); ++i)
        if (f.s.stratum[i] == 0) lonely_psu[i] = f.s.psu[0];  // stratum 0: one PSU
    const Design lonely(f.s.weight, f.s.stratum, lonely_psu);
    const Accumulator acc = accumulate_index_inputs(lonely, f.cols, thresholds());
    const auto& p = acc.parts();
    const auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
    for (LonelyPsu rule : {LonelyPsu::adjust, LonelyPsu::average, LonelyPsu::remove, LonelyPsu::certainty}) {
        EstimateOptions o = with(Variance::linearization);
        o.lonely_psu = rule;
        const auto e = estimate_index_inputs(acc, o);
        EstimateOptions each = o;
        each.empty_domain = EmptyDomain::no_estimate;
        std::size_t compared = 0;
        for (const InputEstimate& ind : e.indicators) {
            const InputIndicator& def = input_indicator(ind.indicator);
            std::vector<double> se(p.domains, std::numeric_limits<double>::quiet_NaN());
            if (def.kind == InputKind::ratio) {
                const auto r = ratio(acc, def.numerator, def.denominator, each);
                for (code32 d = 0; d < p.domains; ++d) se[d] = def.scale * r.se[d];
            } else if (def.kind == InputKind::population) {
                std::vector<code32> group(p.domains);
                std::vector<double> coef(p.domains * p.stride(), 0.0), var;
                std::vector<LinearizationGap> gap;
                for (code32 d = 0; d < p.domains; ++d) group[d] = d, coef[d * p.stride()] = 1.0;
                grouped_linearized_variances(p, group, p.domains, coef, rule, var, gap, [](code32, code32, code32) {});
                for (code32 d = 0; d < p.domains; ++d) se[d] = std::sqrt(var[d]);
            } else {
                continue;
            }
            for (code32 d = 0; d < p.domains; ++d) {
                if (std::isnan(ind.se[d])) continue;
                EXPECT_EQ(bits(ind.se[d]), bits(se[d])) << ind.indicator << " domain " << d;
                ++compared;
            }
        }
        EXPECT_GT(compared, 8u * 2 * f.s.regions / 2);  // ratios, female-only ones and the population
    }
    // lonely_psu = fail: the first indicator's error (a ratio names the domain only, as svyratio
    // does); without the ratios' columns, the population's.
    const auto message = [&](const PersonColumns& cols, const IndexInputOptions& io, const DesignNames& names = {}) {
        try {
            EstimateOptions o = with(Variance::linearization);
            o.design_names = names;
            (void)estimate_index_inputs(accumulate_index_inputs(lonely, cols, io), o);
        } catch (const value_error& err) {
            return std::string(err.what());
        }
        return std::string("no error");
    };
    const std::string psu0 = "stratum 0 has only one PSU (PSU " + std::to_string(f.s.psu[0]) + ") and ";
    EXPECT_NE(message(f.cols, thresholds()).find(psu0 + "region 0, female has rows in it; choose lonely_psu"),
              std::string::npos)
        << message(f.cols, thresholds());
    PersonColumns no_ratios;
    no_ratios.region = f.cols.region, no_ratios.sex = f.cols.sex, no_ratios.earnings = f.cols.earnings;
    EXPECT_NE(message(no_ratios, {}).find(psu0 + "population, region 0, female has rows"), std::string::npos)
        << message(no_ratios, {});
    const DesignNames names{[](code32 h) { return "h" + std::to_string(h); },
                            [](code32 p) { return "ea" + std::to_string(p); }};
    EXPECT_NE(message(f.cols, thresholds(), names)
                  .find("stratum h0 has only one PSU (PSU ea" + std::to_string(f.s.psu[0]) + ") and region 0"),
              std::string::npos)
        << message(f.cols, thresholds(), names);
}

TEST(MicroIndexInputs, BootstrapSesEqualTheEstimatorsAndBruteForce) {
    const auto& f = fixture();
    const std::uint32_t R = 40;
    const std::uint64_t seed = 99;
    const auto e = estimate_index_inputs(f.acc, with(Variance::bootstrap, R, seed));
    EXPECT_EQ(e.replicates_used, R);
    // The generic estimator on the same accumulator (the same cached replicates).
    const auto r =
        ratio(f.acc, input_variable::labour_force, input_variable::labour_universe, with(Variance::bootstrap, R, seed));
    // Brute force: replicate weights per row, indicators row by row.
    const auto weights = bootstrap_weights(f.s, R, seed);
    std::vector<DomainInputs> reps;
    for (const auto& w : weights) reps.push_back(brute_inputs(f.s, w));
    const auto x = brute_inputs(f.s, f.s.weight);
    for (code32 d = 0; d < 2 * f.s.regions; ++d) {
        expect_close(e.find("labour_force_participation")->se[d], 100 * r.se[d], 1e-12, "lfp vs ratio()");
        std::vector<double> share, pop, lfp;
        for (const auto& rep : reps)
            share.push_back(rep.share[d]), pop.push_back(rep.pop[d]), lfp.push_back(rep.lfp[d]);
        const double scale = 1.0 / (R - 1);
        expect_close(e.find("income_share")->se[d], replicate_se(share, x.share[d], scale, false), 1e-11, "share");
        expect_close(e.find("population")->se[d], replicate_se(pop, x.pop[d], scale, false), 1e-11, "population");
        expect_close(e.find("labour_force_participation")->se[d], replicate_se(lfp, x.lfp[d], scale, false), 1e-11,
                     "lfp brute force");
    }
}

TEST(MicroIndexInputs, SuppliedReplicateWeightsGiveTheBootstrapsSes) {
    // The internal bootstrap's replicates, materialised and supplied as
    // replicate weights (type bootstrap: scale 1/(R-1), mean-centred), give
    // the same SEs as the internal bootstrap.
    const auto& f = fixture();
    const std::uint32_t R = 20;
    const auto weights = bootstrap_weights(f.s, R, 5);
    std::vector<std::span<const double>> spans(weights.begin(), weights.end());
    Design d(f.s.weight, f.s.stratum, f.s.psu);
    d.with_replicates(ReplicateWeights::columns(spans), ReplicateSpec{});
    const auto supplied =
        estimate_index_inputs(accumulate_index_inputs(d, f.cols, thresholds()), with(Variance::replicates));
    const auto internal = estimate_index_inputs(f.acc, with(Variance::bootstrap, R, 5));
    for (std::size_t k = 0; k < supplied.indicators.size(); ++k)
        for (code32 dm = 0; dm < 2 * f.s.regions; ++dm) {
            const double a = supplied.indicators[k].se[dm], b = internal.indicators[k].se[dm];
            if (std::isnan(b)) {
                EXPECT_TRUE(std::isnan(a));
                continue;
            }
            expect_close(a, b, 1e-11, supplied.indicators[k].indicator);
        }
}

TEST(MicroIndexInputs, DatasetHasContractIdsSexesAndSes) {
    const auto& f = fixture();
    const auto e = estimate_index_inputs(f.acc, with(Variance::linearization));
    std::vector<std::string> names;
    // Appended rather than "R" + to_string(r): GCC 12 at -O3 warns falsely there (-Wrestrict).
    for (code32 r = 0; r < f.s.regions; ++r) names.push_back(std::string("R").append(std::to_string(r)));
    const Dataset ds = to_dataset(e, names, 2023);
    // 6 by-sex indicators x 2 sexes + 3 female-only, per region.
    EXPECT_EQ(ds.size(), f.s.regions * (6 * 2 + 3));
    const auto row = ds.find("R2", 2023, Sex::female, "labour_force_participation");
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(ds.values()[*row], e.find("labour_force_participation")->estimate[4]);
    EXPECT_EQ(ds.standard_errors()[*row], e.find("labour_force_participation")->se[4]);
    EXPECT_FALSE(ds.find("R2", 2023, Sex::male, "births_outside_facility").has_value());
    EXPECT_EQ(ds.row(*ds.find("R0", 2023, Sex::male, "mean_schooling")).unit, "years");
    EXPECT_TRUE(ds.has_se());
}

TEST(MicroIndexInputs, PartitionsMergeToTheWholeSample) {
    const auto& f = fixture();
    // Split the rows in two interleaved halves; global codes throughout.
    Survey a = f.s, b = f.s;
    auto keep = [](Survey& s, int parity) {
        Survey t;
        t.regions = s.regions;
        for (std::size_t i = 0; i < s.rows(); ++i) {
            if (static_cast<int>(i % 2) != parity) continue;
            t.weight.push_back(s.weight[i]), t.age.push_back(s.age[i]), t.school.push_back(s.school[i]);
            t.edu.push_back(s.edu[i]), t.lf.push_back(s.lf[i]), t.earnings.push_back(s.earnings[i]);
            t.bof.push_back(s.bof[i]), t.fb20.push_back(s.fb20[i]), t.abirths.push_back(s.abirths[i]);
            t.region.push_back(s.region[i]), t.stratum.push_back(s.stratum[i]), t.psu.push_back(s.psu[i]);
            t.sex.push_back(s.sex[i]);
        }
        s = std::move(t);
    };
    keep(a, 0), keep(b, 1);
    IndexInputOptions o = thresholds();
    o.regions = f.s.regions;
    Design da(a.weight, a.stratum, a.psu), db(b.weight, b.stratum, b.psu);
    // A part without rows (an empty row group of a file) accumulates the same variables and adds nothing.
    Survey none;
    none.regions = f.s.regions;
    const Design empty(none.weight, none.stratum, none.psu);
    Accumulator m = accumulate_index_inputs(empty, columns(none), o);
    EXPECT_EQ(m.variables(), f.acc.variables());
    m.merge(accumulate_index_inputs(db, columns(b), o));
    m.merge(accumulate_index_inputs(da, columns(a), o));
    for (Variance v : {Variance::linearization, Variance::bootstrap}) {
        const auto whole = estimate_index_inputs(f.acc, with(v, 30, 3));
        const auto merged = estimate_index_inputs(m, with(v, 30, 3));
        for (std::size_t k = 0; k < whole.indicators.size(); ++k)
            for (code32 d = 0; d < 2 * f.s.regions; ++d) {
                if (std::isnan(whole.indicators[k].estimate[d])) continue;
                expect_close(merged.indicators[k].estimate[d], whole.indicators[k].estimate[d], 1e-12, "estimate");
                expect_close(merged.indicators[k].se[d], whole.indicators[k].se[d], 1e-12, "se");
            }
    }
}

TEST(MicroIndexInputs, ElementDesignsAndReusedCellIndexes) {
    const auto& f = fixture();
    std::vector<code32> domain(f.s.rows());
    for (std::size_t i = 0; i < f.s.rows(); ++i) domain[i] = region_sex_domain(f.s.region[i], f.s.sex[i]);
    const CellIndex cells(f.design, Domains(f.design, domain, 2 * f.s.regions));
    IndexInputOptions o = thresholds();
    o.cells = &cells;
    EXPECT_TRUE(accumulate_index_inputs(f.design, f.cols, o) == f.acc);
    // Every row its own PSU (R's ids = ~1): against the generic mean.
    const Design element(f.s.weight, f.s.stratum);
    const auto e =
        estimate_index_inputs(accumulate_index_inputs(element, f.cols, thresholds()), with(Variance::linearization));
    std::vector<std::uint8_t> age25(f.s.rows());
    for (std::size_t i = 0; i < f.s.rows(); ++i) age25[i] = f.s.age[i] >= 25;
    EstimateOptions sub = with(Variance::linearization);
    sub.where = age25;
    const auto mys = mean(element, Domains(element, domain, 2 * f.s.regions), Variable{"s", f.s.school}, sub);
    for (code32 d = 0; d < 2 * f.s.regions; ++d)
        expect_close(e.find("mean_schooling")->se[d], mys.se[d], 1e-11, "element design");
    // Point estimates alone: no cells kept.
    IndexInputOptions fast = thresholds();
    fast.linearization = false;
    const Accumulator quick = accumulate_index_inputs(f.design, f.cols, fast);
    EXPECT_FALSE(quick.has_cells());
    const auto pe = estimate_index_inputs(quick, with(Variance::none));
    const auto full = estimate_index_inputs(f.acc, with(Variance::none));
    for (std::size_t k = 0; k < pe.indicators.size(); ++k)
        for (code32 d = 0; d < 2 * f.s.regions; ++d)
            if (!std::isnan(full.indicators[k].estimate[d]))
                expect_close(pe.indicators[k].estimate[d], full.indicators[k].estimate[d], 1e-13, "fast path");
}

TEST(MicroIndexInputs, OneCallScoresEqualTheCellPath) {
    // estimate_index_inputs from rows scores every indicator in one more pass (index_input_scores.hpp);
    // the accumulator keeps a cell per (PSU, region x sex). The same estimates and SEs but for
    // rounding, on every design shape: PSUs nested in regions (the
    // fixture: by cells), PSUs crossing regions (PSU = row % 37, strata PSU % 5), element designs with and
    // without strata, PSU codes over several blocks of the sort, and a finite population correction;
    // 1 thread = 3 threads bit for bit.
    const auto& f = fixture();
    const std::size_t n = f.s.rows();
    std::vector<code32> crossed_psu(n), crossed_stratum(n), spread_psu(n), spread_stratum(n), few_psu(n),
        few_stratum(n);
    std::vector<double> fpc(n);
    for (std::size_t i = 0; i < n; ++i) {
        crossed_psu[i] = static_cast<code32>(i % 37), crossed_stratum[i] = crossed_psu[i] % 5;
        fpc[i] = 40.0;  // 7 or 8 PSUs sampled of 40 in each stratum
        // One row per PSU, codes up to 4,098: three blocks of 2,048 codes in the score pass's sort.
        spread_psu[i] = static_cast<code32>(i * 7 % 4099), spread_stratum[i] = spread_psu[i] % 3;
        // About four rows a PSU, far apart in the file (in other regions, mostly): rows alone in their
        // (PSU, region) are most, and the score pass sums them as an element design's (few_shared).
        few_psu[i] = static_cast<code32>(i % (n / 28 * 7)), few_stratum[i] = few_psu[i] % 3;
    }
    struct Shape {
        const char* name;
        Design design;
    };
    std::vector<Shape> shapes;
    shapes.push_back({"PSUs nested in regions", Design(f.s.weight, f.s.stratum, f.s.psu)});
    shapes.push_back({"PSUs crossing regions", Design(f.s.weight, crossed_stratum, crossed_psu)});
    shapes.push_back({"PSUs crossing regions, fpc", Design(f.s.weight, crossed_stratum, crossed_psu)});
    shapes.back().design.with_fpc(fpc);
    shapes.push_back({"PSUs over three blocks of codes", Design(f.s.weight, spread_stratum, spread_psu)});
    shapes.push_back({"PSUs of about four rows crossing regions", Design(f.s.weight, few_stratum, few_psu)});
    shapes.push_back({"element, strata", Design(f.s.weight, f.s.stratum)});
    shapes.push_back({"element", Design(f.s.weight)});
    for (const Shape& shape : shapes) {
        ASSERT_TRUE(score_variances_apply(shape.design, 2 * f.s.regions, 9)) << shape.name;
        IndexInputOptions cells_options = thresholds();
        const auto cells = estimate_index_inputs(accumulate_index_inputs(shape.design, f.cols, cells_options),
                                                 with(Variance::linearization));
        EstimateOptions one = with(Variance::linearization), three = one;
        one.threads = 1, three.threads = 3;
        const auto scored = estimate_index_inputs(shape.design, f.cols, thresholds(), one);
        const auto scored3 = estimate_index_inputs(shape.design, f.cols, thresholds(), three);
        EXPECT_EQ(scored.variance, Variance::linearization);
        ASSERT_EQ(scored.indicators.size(), 9u) << shape.name;
        ASSERT_EQ(cells.indicators.size(), 9u);
        for (std::size_t k = 0; k < 9; ++k) {
            const InputEstimate &a = scored.indicators[k], &b = cells.indicators[k], &c3 = scored3.indicators[k];
            ASSERT_EQ(a.indicator, b.indicator);
            for (code32 d = 0; d < 2 * f.s.regions; ++d) {
                const std::string what = std::string(shape.name) + " " + a.indicator + " domain " + std::to_string(d);
                EXPECT_EQ(a.status[d], b.status[d]) << what;
                if (std::isnan(b.estimate[d])) {
                    EXPECT_TRUE(std::isnan(a.estimate[d]) && std::isnan(a.se[d])) << what;
                    continue;
                }
                expect_close(a.estimate[d], b.estimate[d], 1e-14, what);  // sums in another order (cells)
                EXPECT_EQ(a.estimate[d] == 0.0, a.se[d] == 0.0) << what;  // no adolescent births: 0 (0)
                expect_close(a.se[d], b.se[d], 1e-11, what);
                EXPECT_EQ(std::bit_cast<std::uint64_t>(a.se[d]), std::bit_cast<std::uint64_t>(c3.se[d])) << what;
            }
        }
    }
    // PSUs nested in regions (the fixture's) have two cells each, fewer than the scores cost: the
    // call keeps cells, the same bits; PSUs crossing regions do not.
    EXPECT_TRUE(micro::detail::psus_within_regions(f.design, f.s.region));
    EXPECT_FALSE(micro::detail::psus_within_regions(shapes[1].design, f.s.region));
    EXPECT_FALSE(micro::detail::psus_within_regions(shapes[5].design, f.s.region));  // element design
    {
        const auto one_call = estimate_index_inputs(f.design, f.cols, thresholds(), with(Variance::linearization));
        const auto by_cells = estimate_index_inputs(f.acc, with(Variance::linearization));
        auto bits = [](const std::vector<double>& v) {  // NaN (the male domains of women's indicators) too
            std::vector<std::uint64_t> b;
            for (double x : v) b.push_back(std::bit_cast<std::uint64_t>(x));
            return b;
        };
        for (std::size_t k = 0; k < 9; ++k) {
            EXPECT_EQ(bits(one_call.indicators[k].estimate), bits(by_cells.indicators[k].estimate));
            EXPECT_EQ(bits(one_call.indicators[k].se), bits(by_cells.indicators[k].se));
        }
    }
    // A stratum with a single PSU needs the lonely-PSU rules: the call keeps cells, the same bits.
    std::vector<code32> lonely_stratum(f.s.stratum), lonely_psu(f.s.psu);
    for (std::size_t i = 0; i < n; ++i)
        if (f.s.stratum[i] == 0) lonely_psu[i] = f.s.psu[0];  // stratum 0: one PSU
    const Design lonely(f.s.weight, lonely_stratum, lonely_psu);
    ASSERT_FALSE(score_variances_apply(lonely, 2 * f.s.regions, 9));
    EstimateOptions adjust = with(Variance::linearization);
    adjust.lonely_psu = LonelyPsu::adjust;
    const auto by_cells = estimate_index_inputs(accumulate_index_inputs(lonely, f.cols, thresholds()), adjust);
    const auto one_call = estimate_index_inputs(lonely, f.cols, thresholds(), adjust);
    for (std::size_t k = 0; k < 9; ++k)
        for (code32 d = 0; d < 2 * f.s.regions; d += 2)
            EXPECT_EQ(std::bit_cast<std::uint64_t>(one_call.indicators[k].se[d]),
                      std::bit_cast<std::uint64_t>(by_cells.indicators[k].se[d]))
                << one_call.indicators[k].indicator << " " << d;
    // A short region column: the pass's error, before any row is read out of bounds.
    PersonColumns short_region = f.cols;
    short_region.region = std::span<const code32>(f.s.region).first(10);
    EXPECT_THROW(
        {
            try {
                (void)estimate_index_inputs(f.design, short_region, thresholds(), with(Variance::linearization));
            } catch (const value_error& e) {
                EXPECT_NE(std::string(e.what()).find("has 10 rows, the design 1800"), std::string::npos) << e.what();
                throw;
            }
        },
        value_error);
    // Replicates and the bootstrap go through the accumulator as before.
    const auto boot = estimate_index_inputs(f.design, f.cols, thresholds(), with(Variance::bootstrap));
    const auto boot_cells = estimate_index_inputs(f.acc, with(Variance::bootstrap));
    EXPECT_EQ(boot.indicators[0].se, boot_cells.indicators[0].se);
}

TEST(MicroIndexInputs, OneCallScoresAreTheSameForAnyThreadCount) {
    // 1.1 M rows: two row parts of the score pass (2^20 rows each), three blocks of PSU codes, nine
    // scores a row. The parts are fixed by the data and merged in part order, so 1, 2 and 3 threads
    // give the same bits, with PSUs crossing regions and in an element design.
    const Survey s = make_survey(40, 5, 50, 110);
    ASSERT_GT(s.rows(), std::size_t{1} << 20);
    std::vector<code32> psu(s.rows()), stratum(s.rows());
    for (std::size_t i = 0; i < s.rows(); ++i) psu[i] = static_cast<code32>(i * 7 % 4099), stratum[i] = psu[i] % 7;
    const PersonColumns cols = columns(s);
    for (const Design& design : {Design(s.weight, stratum, psu), Design(s.weight, s.stratum)}) {
        ASSERT_FALSE(micro::detail::psus_within_regions(design, s.region));
        std::vector<IndexInputEstimates> runs;
        for (unsigned threads : {1u, 2u, 3u}) {
            EstimateOptions o = with(Variance::linearization);
            o.threads = threads;
            runs.push_back(estimate_index_inputs(design, cols, thresholds(), o));
        }
        int positive = 0;  // (e.g. women's labour-force participation is 100 % in regions 10-39: SE 0)
        for (std::size_t k = 0; k < 9; ++k)
            for (code32 d = 0; d < 80; d += 2) {  // women: every indicator
                const double se = runs[0].indicators[k].se[d];
                EXPECT_GE(se, 0.0) << runs[0].indicators[k].indicator << " " << d;
                positive += se > 0.0 ? 1 : 0;
                for (std::size_t r = 1; r < 3; ++r)
                    EXPECT_EQ(std::bit_cast<std::uint64_t>(se),
                              std::bit_cast<std::uint64_t>(runs[r].indicators[k].se[d]))
                        << runs[0].indicators[k].indicator << " " << d << " threads " << r + 1;
            }
        EXPECT_GE(positive, 300);  // of 360: real SEs, not zeros
    }
}

TEST(MicroIndexInputs, CellsOnThreadsAreTheSameBits) {
    // 320,000 rows (more than a pass block, so the pass splits), PSUs in no row order: the cells pass
    // on 1, 2 and 3 threads (each summing a range of cells over every row, deriving the variables
    // itself) gives the same cells and SEs bit for bit.
    const Survey s = make_survey(40, 5, 50, 32);
    std::vector<code32> psu(s.rows()), stratum(s.rows());
    for (std::size_t i = 0; i < s.rows(); ++i) psu[i] = static_cast<code32>(i * 7 % 4099), stratum[i] = psu[i] % 7;
    const Design design(s.weight, stratum, psu);
    const PersonColumns cols = columns(s);
    const CellIndex index(design, 80, [&](std::size_t b0, std::size_t m, code32* out) {
        micro::detail::domain_codes(cols, 40, b0, m, out);
        return static_cast<const code32*>(out);
    });
    ASSERT_EQ(micro::detail::cells_parts(index, 0, s.rows(), 2), 2u);  // the pass is split
    std::vector<Accumulator> runs;
    for (unsigned threads : {1u, 2u, 3u}) {
        IndexInputOptions io = thresholds();
        io.linearization = true;
        io.threads = threads;
        runs.push_back(accumulate_index_inputs(design, cols, io));
    }
    ASSERT_GT(runs[0].parts().cell_sums.size(), 100'000u);  // (a cell per (PSU, domain): 4,099 x 80 at most)
    const auto se = estimate_index_inputs(runs[0], with(Variance::linearization)).indicators[3].se;
    for (std::size_t r = 1; r < 3; ++r) {
        EXPECT_EQ(runs[r].parts().cell_sums, runs[0].parts().cell_sums) << r + 1 << " threads";
        EXPECT_EQ(runs[r].parts().domain_sums, runs[0].parts().domain_sums) << r + 1 << " threads";
        const auto many = estimate_index_inputs(runs[r], with(Variance::linearization)).indicators[3].se;
        for (std::size_t d = 0; d < se.size(); ++d)
            EXPECT_EQ(std::bit_cast<std::uint64_t>(many[d]), std::bit_cast<std::uint64_t>(se[d])) << d;
    }
}

TEST(MicroIndexInputs, ErrorsNameTheRowAndColumn) {
    Survey s = make_survey(2, 2, 2, 10);
    const Design d(s.weight, s.stratum, s.psu);
    PersonColumns c = columns(s);
    auto bad = [&](std::vector<double>& column, std::size_t row, double value) {
        const double old = column[row];
        column[row] = value;
        return old;
    };
    std::size_t adult = 0;
    while (s.age[adult] < 25) ++adult;
    double old = bad(s.school, adult, nan);
    EXPECT_THROW_MSG((void)accumulate_index_inputs(d, c, thresholds()), value_error,
                     "row " + std::to_string(adult) + ", column 'years_school': years of schooling nan");
    s.school[adult] = old;
    old = bad(s.lf, adult, 2);
    EXPECT_THROW_MSG((void)accumulate_index_inputs(d, c, thresholds()), value_error,
                     "column 'in_lf': labour-force status must be 0 or 1");
    s.lf[adult] = old;
    old = bad(s.earnings, 3, nan);
    EXPECT_THROW_MSG((void)accumulate_index_inputs(d, c, thresholds()), value_error,
                     "row 3, column 'earn': earnings nan is not a finite number (use 0");
    s.earnings[3] = old;
    std::size_t woman = 0;
    while (s.sex[woman] != 0) ++woman;
    old = bad(s.bof, woman, 0.5);
    EXPECT_THROW_MSG((void)accumulate_index_inputs(d, c, thresholds()), value_error, "column 'bof': must be 1");
    s.bof[woman] = old;
    old = bad(s.age, 4, nan);
    EXPECT_THROW_MSG((void)accumulate_index_inputs(d, c, thresholds()), value_error, "row 4, column 'age': age nan");
    s.age[4] = old;
    std::vector<std::uint8_t> sex = s.sex;
    sex[6] = 2;
    c.sex = sex;
    EXPECT_THROW_MSG((void)accumulate_index_inputs(d, c, thresholds()), value_error,
                     "row 6, column 'sex': sex code 2 is neither 0 (female) nor 1 (male)");
    c.sex = s.sex;
    EXPECT_THROW_MSG((void)accumulate_index_inputs(d, c, {}), value_error,
                     "column 'edu' is given but neither secondary_threshold nor upper_secondary_threshold");
    PersonColumns no_age = c;
    no_age.age = {"age", {}, false};  // not given (an empty span would be a given column of 0 rows)
    EXPECT_THROW_MSG((void)accumulate_index_inputs(d, no_age, thresholds()), value_error, "an age column is needed");
    // A domain without anyone in the population: named, or marked.
    PersonColumns only_lf;
    only_lf.region = c.region, only_lf.sex = c.sex, only_lf.age = c.age, only_lf.labour_force = c.labour_force;
    IndexInputOptions three;
    three.regions = 3;  // region 2 has no rows
    const Accumulator acc = accumulate_index_inputs(d, only_lf, three);
    EstimateOptions named = with(Variance::linearization);
    named.domain_name = [](code32 dm) {
        return "region R" + std::to_string(dm / 2) + (dm % 2 ? ", male" : ", female");
    };
    EXPECT_THROW_MSG((void)estimate_index_inputs(acc, named), value_error,
                     "labour_force_participation, region R2, female: no rows in the domain");
    named.empty_domain = EmptyDomain::no_estimate;
    const auto e = estimate_index_inputs(acc, named);
    EXPECT_EQ(e.find("labour_force_participation")->status[4], EstimateStatus::no_rows);
    EXPECT_TRUE(std::isnan(e.find("labour_force_participation")->estimate[4]));
    // labour_force_participation and population, regions A and B, 2 sexes; C left out.
    EXPECT_EQ(to_dataset(e, std::vector<std::string>{"A", "B", "C"}, 2020).size(), 8u);
}

// ------------------------------------------------------------ index uncertainty

class MicroIndexUncertainty : public ::testing::TestWithParam<SurveyIndex> {};

TEST_P(MicroIndexUncertainty, BootstrapSeEqualsBruteForce) {
    const auto& f = fixture();
    const SurveyIndex index = GetParam();
    const Edition& ed = edition(default_edition(index));
    const GivenInputs given = given_inputs(f.s.regions);
    const std::uint32_t R = 30;
    const std::uint64_t seed = 2024;
    IndexOptions o;
    o.estimate = with(Variance::bootstrap, R, seed);
    std::vector<std::uint64_t> progress;
    o.progress = [&](std::uint64_t done, std::uint64_t total) {
        EXPECT_EQ(total, R);
        progress.push_back(done);
    };
    const IndexUncertainty u = index_uncertainty(ed, index, f.acc, given, o);
    EXPECT_FALSE(progress.empty());
    EXPECT_EQ(progress.back(), R);
    const auto weights = bootstrap_weights(f.s, R, seed);
    const auto x = brute_inputs(f.s, f.s.weight);
    std::vector<DomainInputs> reps;
    for (const auto& w : weights) reps.push_back(brute_inputs(f.s, w));
    ASSERT_EQ(u.series.size(), index == SurveyIndex::gii || index == SurveyIndex::ikg ? 1u : 3u);
    for (std::size_t k = 0; k < u.series.size(); ++k) {
        const auto full = brute_index(ed, index, k, x, given, f.s.regions);
        std::vector<std::vector<double>> by_rep;
        for (const auto& rep : reps) by_rep.push_back(brute_index(ed, index, k, rep, given, f.s.regions));
        for (code32 g = 0; g < f.s.regions; ++g) {
            expect_close(u.series[k].estimate[g], full[g], 1e-13, u.series[k].indicator + " estimate");
            std::vector<double> theta;
            for (const auto& t : by_rep) theta.push_back(t[g]);
            expect_close(u.series[k].se[g], replicate_se(theta, full[g], 1.0 / (R - 1), false), 1e-12,
                         u.series[k].indicator + " se, region " + std::to_string(g));
            EXPECT_GT(u.series[k].se[g], 0.0);
            EXPECT_EQ(u.series[k].replicates_dropped[g], 0u);
        }
    }
}

TEST_P(MicroIndexUncertainty, SuppliedReplicateSeEqualsBruteForceWithMse) {
    // Supplied weights with their own formula: type other, scale 0.7, rscales per replicate, mse = true.
    const auto& f = fixture();
    const SurveyIndex index = GetParam();
    const Edition& ed = edition(default_edition(index));
    const GivenInputs given = given_inputs(f.s.regions);
    const std::uint32_t R = 12;
    const auto weights = bootstrap_weights(f.s, R, 77);
    std::vector<std::span<const double>> spans(weights.begin(), weights.end());
    ReplicateSpec spec;
    spec.type = ReplicateType::other;
    spec.scale = 0.7;
    spec.mse = true;
    for (std::uint32_t r = 0; r < R; ++r) spec.rscales.push_back(0.5 + 0.1 * r);
    Design d(f.s.weight, f.s.stratum, f.s.psu);
    d.with_replicates(ReplicateWeights::columns(spans), spec);
    IndexInputOptions io = thresholds();
    io.linearization = false;  // replicate sums alone
    const Accumulator acc = accumulate_index_inputs(d, f.cols, io);
    IndexOptions o;
    o.estimate = with(Variance::replicates);
    const IndexUncertainty u = index_uncertainty(ed, index, acc, given, o);
    EXPECT_EQ(u.replicate_count, R);
    EXPECT_EQ(u.scale, 0.7);
    const auto x = brute_inputs(f.s, f.s.weight);
    for (std::size_t k = 0; k < u.series.size(); ++k) {
        const auto full = brute_index(ed, index, k, x, given, f.s.regions);
        std::vector<std::vector<double>> by_rep;
        for (const auto& w : weights)
            by_rep.push_back(brute_index(ed, index, k, brute_inputs(f.s, w), given, f.s.regions));
        for (code32 g = 0; g < f.s.regions; ++g) {
            std::vector<double> theta;
            for (const auto& t : by_rep) theta.push_back(t[g]);
            expect_close(u.series[k].se[g], replicate_se(theta, full[g], 0.7, true, spec.rscales), 1e-12,
                         u.series[k].indicator + " se");
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Micro, MicroIndexUncertainty,
                         ::testing::Values(SurveyIndex::gii, SurveyIndex::ikg, SurveyIndex::gdi, SurveyIndex::ipg),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(MicroIndexUncertainty, AdolescentBirthRateFromTheSurvey) {
    const auto& f = fixture();
    GivenInputs given = given_inputs(f.s.regions);
    given.adolescent_birth_rate.clear();
    IndexOptions o;
    o.estimate = with(Variance::bootstrap, 20, 1);
    const auto u = index_uncertainty(edition("hdr2025"), SurveyIndex::gii, f.acc, given, o);
    const auto weights = bootstrap_weights(f.s, 20, 1);
    const auto full =
        brute_index(edition("hdr2025"), SurveyIndex::gii, 0, brute_inputs(f.s, f.s.weight), given, f.s.regions, true);
    std::vector<std::vector<double>> by_rep;
    for (const auto& w : weights)
        by_rep.push_back(
            brute_index(edition("hdr2025"), SurveyIndex::gii, 0, brute_inputs(f.s, w), given, f.s.regions, true));
    for (code32 g = 0; g < f.s.regions; ++g) {
        expect_close(u.series[0].estimate[g], full[g], 1e-13, "gii");
        std::vector<double> theta;
        for (const auto& t : by_rep) theta.push_back(t[g]);
        expect_close(u.series[0].se[g], replicate_se(theta, full[g], 1.0 / 19, false), 1e-12, "gii se");
    }
}

TEST(MicroIndexUncertainty, HandCheckableCase) {
    // One region, four persons aged 30, two PSUs in one stratum, two supplied
    // replicates (JK1: delete one PSU, the other's weights doubled).
    //   person  sex  weight  psu  in_lf  SMA+ (edu >= 12)
    //   A       F    1       0    1      1
    //   B       F    3       1    0      0
    //   C       M    2       0    1      1
    //   D       M    2       1    1      0
    // Full sample: LFPR_F = 1/4 = 25 %, LFPR_M = 100 %, SMA_F = 25 %, SMA_M = 50 %.
    // Replicate 1 (PSU 0 only, weights x2): LFPR_F = SMA_F = 100 %, LFPR_M = SMA_M = 100 %.
    // Replicate 2 (PSU 1 only): LFPR_F = SMA_F = 0 %, LFPR_M = 100 %, SMA_M = 0 %.
    std::vector<double> w{1, 3, 2, 2}, age(4, 30), lf{1, 0, 1, 1}, edu{12, 9, 12, 9};
    std::vector<code32> region(4, 0), stratum(4, 0), psu{0, 1, 0, 1};
    std::vector<std::uint8_t> sex{0, 0, 1, 1};
    std::vector<double> rep1{2, 0, 4, 0}, rep2{0, 6, 0, 4};
    std::vector<std::span<const double>> reps{rep1, rep2};
    ReplicateSpec jk1;
    jk1.type = ReplicateType::jk1;  // scale (R - 1) / R = 1/2, mean-centred
    Design d(w, stratum, psu);
    d.with_replicates(ReplicateWeights::columns(reps), jk1);
    PersonColumns c;
    c.region = region, c.sex = sex, c.age = {"age", age}, c.labour_force = {"in_lf", lf}, c.education = {"edu", edu};
    IndexInputOptions o;
    o.upper_secondary_threshold = 12;
    const Accumulator acc = accumulate_index_inputs(d, c, o);
    const auto e = estimate_index_inputs(acc, with(Variance::replicates));
    // LFPR_F: replicates 100 and 0, mean 50: se = sqrt(1/2 * (50^2 + 50^2)) = 50.
    EXPECT_DOUBLE_EQ(e.find("labour_force_participation")->estimate[0], 25.0);
    EXPECT_DOUBLE_EQ(e.find("labour_force_participation")->se[0], 50.0);
    EXPECT_DOUBLE_EQ(e.find("labour_force_participation")->se[1], 0.0);
    EXPECT_DOUBLE_EQ(e.find("upper_secondary_education")->estimate[1], 50.0);
    EXPECT_DOUBLE_EQ(e.find("upper_secondary_education")->se[1], 50.0);
    // Linearised: LFPR_F scores w (y - 0.25) / 4 by PSU: A +0.1875, B -0.1875;
    // v = 2/1 * (0.1875^2 + 0.1875^2) = 0.140625, se = 0.375 = 37.5 %.
    EXPECT_NEAR(estimate_index_inputs(acc, with(Variance::linearization)).find("labour_force_participation")->se[0],
                37.5, 1e-12);
    // Population: 4 women, 4 men; replicates 2 and 6 women, 4 and 4 men.
    EXPECT_DOUBLE_EQ(e.find("population")->se[0], 2.0);  // sqrt(1/2 * (2^2 + 2^2))
    // IKG from the scalar kernel on the hand values, parliament 20 %, MTF and MHPK20 not in
    // these columns: the index needs them.
    GivenInputs given;
    given.parliament_share_f = {20};
    IndexOptions io;
    io.estimate = with(Variance::replicates);
    EXPECT_THROW_MSG((void)index_uncertainty(edition("bps"), SurveyIndex::ikg, acc, given, io), value_error,
                     "ikg needs the survey indicator 'births_outside_facility', which the accumulator does not have: "
                     "give a births_outside_facility column");
    // GII with the hand values: replicate 2 has LFPR_F = 0, floored by the edition (0.1): defined.
    given.maternal_mortality = {100};
    given.adolescent_birth_rate = {40};
    o.secondary_threshold = 12;  // "some secondary" = SMA+ here, so the GII's secondary shares are the hand ones
    const Accumulator acc2 = accumulate_index_inputs(d, c, o);
    const auto u = index_uncertainty(edition("hdr2025"), SurveyIndex::gii, acc2, given, io);
    auto gii = [&](double se_f, double se_m, double lf_f, double lf_m) {
        return undp::gii(edition("hdr2025"), undp::gii_input{100, 40, 20, 80, se_f, se_m, lf_f, lf_m}).gii;
    };
    const double g0 = gii(25, 50, 25, 100), g1 = gii(100, 100, 100, 100), g2 = gii(0, 0, 0, 100);
    EXPECT_DOUBLE_EQ(u.series[0].estimate[0], g0);
    const double mean = (g1 + g2) / 2;
    EXPECT_NEAR(u.series[0].se[0], std::sqrt(0.5 * ((g1 - mean) * (g1 - mean) + (g2 - mean) * (g2 - mean))), 1e-15);
    EXPECT_EQ(u.series[0].replicates[0], g1);
    EXPECT_EQ(u.series[0].replicates[1], g2);
}

TEST(MicroIndexUncertainty, ChangeBetweenPeriods) {
    const auto& f = fixture();
    const Survey later_survey = make_survey(5, 3, 4, 30, 12);  // another sample of the same PSUs
    const Design later_design(later_survey.weight, later_survey.stratum, later_survey.psu);
    const Accumulator later_acc = accumulate_index_inputs(later_design, columns(later_survey), thresholds());
    const GivenInputs given = given_inputs(f.s.regions);
    IndexOptions o;
    o.estimate = with(Variance::bootstrap, 25, 8);
    const auto a = index_uncertainty(edition("bps"), SurveyIndex::ikg, f.acc, given, o);
    const auto b = index_uncertainty(edition("bps"), SurveyIndex::ikg, later_acc, given, o);
    const auto ind = index_change(a, b, ChangeAssumption::independent);
    const auto same = index_change(a, b, ChangeAssumption::same_replicates);
    ASSERT_EQ(ind.size(), 1u);
    for (code32 g = 0; g < f.s.regions; ++g) {
        EXPECT_EQ(ind[0].change[g], b.series[0].estimate[g] - a.series[0].estimate[g]);
        expect_close(ind[0].se[g], std::hypot(a.series[0].se[g], b.series[0].se[g]), 1e-14, "independent");
        std::vector<double> diff;
        for (std::uint32_t r = 0; r < 25; ++r)
            diff.push_back(b.series[0].replicates[r * 5 + g] - a.series[0].replicates[r * 5 + g]);
        expect_close(same[0].se[g], replicate_se(diff, same[0].change[g], 1.0 / 24, false), 1e-12, "paired");
    }
    // A change of a period against itself is 0 with se 0 on the same replicates.
    const auto self = index_change(a, a, ChangeAssumption::same_replicates);
    EXPECT_EQ(self[0].se[1], 0.0);
    // Aligning regions: select reorders.
    const std::vector<code32> order{4, 2};
    const auto sub = a.select(order);
    EXPECT_EQ(sub.regions, 2u);
    EXPECT_EQ(sub.series[0].estimate[0], a.series[0].estimate[4]);
    EXPECT_EQ(sub.series[0].replicates[1 * 2 + 1], a.series[0].replicates[1 * 5 + 2]);
    // Mismatches are errors.
    IndexOptions other = o;
    other.estimate.bootstrap.seed = 9;
    const auto c = index_uncertainty(edition("bps"), SurveyIndex::ikg, later_acc, given, other);
    EXPECT_THROW_MSG((void)index_change(a, c, ChangeAssumption::same_replicates), value_error, "needs the same seed");
    EXPECT_NO_THROW((void)index_change(a, c, ChangeAssumption::independent));
    EXPECT_THROW_MSG((void)index_change(a, sub, ChangeAssumption::independent), value_error, "align them first");
}

TEST(MicroIndexUncertainty, DatasetAndErrors) {
    const auto& f = fixture();
    const GivenInputs given = given_inputs(f.s.regions);
    IndexOptions o;
    o.estimate = with(Variance::bootstrap, 10, 1);
    o.region_name = [](code32 g) { return "region 'P" + std::to_string(g) + "'"; };
    const auto u = index_uncertainty(edition("bps"), SurveyIndex::ipg, f.acc, given, o);
    std::vector<std::string> names{"P0", "P1", "P2", "P3", "P4"};
    const Dataset ds = to_dataset(u, names, 2022);
    EXPECT_EQ(ds.size(), 15u);  // ipg, ipm female, ipm male
    EXPECT_EQ(ds.value("P3", 2022, Sex::total, "ipg"), u.series[0].estimate[3]);
    EXPECT_EQ(ds.standard_errors()[*ds.find("P3", 2022, Sex::female, "ipm")], u.series[1].se[3]);

    GivenInputs missing = given;
    missing.per_capita_expenditure.clear();
    EXPECT_THROW_MSG((void)index_uncertainty(edition("bps"), SurveyIndex::ipg, f.acc, missing, o), value_error,
                     "ipg needs per_capita_expenditure (total) as a given input");
    missing = given;
    missing.maternal_mortality = {1, 2};
    EXPECT_THROW_MSG((void)index_uncertainty(edition("hdr2025"), SurveyIndex::gii, f.acc, missing, o), value_error,
                     "given input maternal_mortality (female) has 2 values for 5 regions");
    IndexOptions lin = o;
    lin.estimate.variance = Variance::linearization;
    EXPECT_THROW_MSG((void)index_uncertainty(edition("hdr2025"), SurveyIndex::gii, f.acc, given, lin), value_error,
                     "index standard errors come from replicates");
    EXPECT_THROW_MSG((void)parse_survey_index("gem"), value_error, "use gii, ikg, gdi or ipg");
    // The survey layer's indices are exactly those the index table marks, with the table's editions.
    std::set<std::string> from_table, here;
    for (const auto& d : gendex::index_table())
        if (d.survey) from_table.emplace(d.name);
    for (auto i : survey_indices) here.emplace(to_string(i));
    EXPECT_EQ(here, from_table);
    EXPECT_EQ(default_edition(SurveyIndex::gii), "hdr2025");
    EXPECT_EQ(default_edition(SurveyIndex::ipg), "bps");
    // An invalid given input: the region is named with the reason, or NaN on request.
    GivenInputs bad = given;
    bad.parliament_share_f = {20, 30, 150, 10, 10};
    EXPECT_THROW_MSG((void)index_uncertainty(edition("bps"), SurveyIndex::ikg, f.acc, bad, o), value_error,
                     "ikg, region 'P2': no estimate, parliament_share (female) is above the maximum");
    o.estimate.empty_domain = EmptyDomain::no_estimate;
    const auto marked = index_uncertainty(edition("bps"), SurveyIndex::ikg, f.acc, bad, o);
    EXPECT_TRUE(std::isnan(marked.series[0].estimate[2]));
    EXPECT_EQ(marked.series[0].problem[2], "parliament_share (female) is above the maximum");
    for (code32 g : {0u, 1u, 3u, 4u}) EXPECT_TRUE(marked.series[0].problem[g].empty()) << g;
}

TEST(MicroIndexInputs, AgeLimitsComeFromTheEdition) {
    const gendex::micro::IndexInputOptions o;
    EXPECT_EQ(o.schooling_age, 25.0);
    EXPECT_EQ(o.labour_age, 15.0);
    EXPECT_EQ(o.adolescent_age_min, 15.0);
    EXPECT_EQ(o.adolescent_age_max, 19.0);
    const gendex::Edition e = gendex::custom_edition("bps", "labour-10", {{"survey_labour_age", 10, "test"}});
    const auto custom = gendex::micro::index_input_options(e);
    EXPECT_EQ(custom.labour_age, 10.0);
    EXPECT_EQ(custom.schooling_age, 25.0);
}

}  // namespace
