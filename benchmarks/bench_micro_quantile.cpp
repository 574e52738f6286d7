// Survey quantiles (gendex/micro/quantile.hpp): 10,000,000 rows in random
// order, 1,000 domains (500 regions x 2 sexes), 250,000 PSUs in 1,000 strata:
//   three quartiles per domain, point estimates, and the median with its
//   linearised Woodruff interval (goal >= 10 M rows/s), one run each.
// benchmarks/compare.py times pandas groupby().quantile on the same rows,
// unweighted, as the floor, and prints the ratios.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "best_of.hpp"
#include "gendex/micro/quantile.hpp"

namespace {

using namespace gendex::micro;

constexpr std::size_t rows = 10'000'000;
constexpr code32 regions = 500, strata = 1000, psus = 250'000;

struct Rows {
    std::vector<double> weight, earnings;
    std::vector<code32> stratum, psu, domain;
};

/// Rows in random order: each row draws its PSU (which fixes stratum and region) and its sex.
const Rows& data() {
    static const Rows r = [] {
        Rows x;
        x.weight.resize(rows), x.earnings.resize(rows);
        x.stratum.resize(rows), x.psu.resize(rows), x.domain.resize(rows);
        std::mt19937_64 rng(2025);
        constexpr double unit = 0x1p-53;
        auto uniform = [&] { return static_cast<double>(rng() >> 11) * unit; };
        std::normal_distribution<double> normal;
        for (std::size_t i = 0; i < rows; ++i) {
            const auto q = static_cast<code32>(rng() % psus);
            const code32 h = q / (psus / strata);
            x.psu[i] = q, x.stratum[i] = h;
            const auto sex = static_cast<code32>(rng() & 1);
            x.domain[i] = 2 * (h / (strata / regions)) + sex;
            x.weight[i] = 50 + 450 * uniform();
            x.earnings[i] = std::round(std::exp(8.0 + 0.2 * sex + 0.6 * normal(rng)));  // ties, as real earnings
        }
        return x;
    }();
    return r;
}

void report(benchmark::State& state) {
    state.counters["rows_per_s"] = benchmark::Counter(
        static_cast<double>(rows) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void quartiles_point_1000_domains(benchmark::State& state) {
    const Rows& x = data();
    const Design design(x.weight, x.stratum, x.psu);
    const Domains by(design, x.domain, 2 * regions);
    QuantileOptions q;
    q.probabilities = {0.25, 0.5, 0.75};
    EstimateOptions o;
    o.variance = Variance::none;
    for (auto _ : state) {
        const Quantiles r = quantile(design, by, {"earnings", x.earnings}, q, o);
        benchmark::DoNotOptimize(r.estimate.data());
    }
    report(state);
}
BENCHMARK(quartiles_point_1000_domains)->Unit(benchmark::kMillisecond)->Apply(best_of<3>);

void median_woodruff_linearised_1000_domains(benchmark::State& state) {
    const Rows& x = data();
    const Design design(x.weight, x.stratum, x.psu);
    const Domains by(design, x.domain, 2 * regions);
    QuantileOptions q;
    q.probabilities = {0.5};
    for (auto _ : state) {  // sort + cell index + indicator pass + variances + bounds
        const Quantiles r = quantile(design, by, {"earnings", x.earnings}, q, {});
        benchmark::DoNotOptimize(r.se.data());
    }
    report(state);
}
BENCHMARK(median_woodruff_linearised_1000_domains)->Unit(benchmark::kMillisecond)->Apply(best_of<3>);

}  // namespace

BENCHMARK_MAIN();
