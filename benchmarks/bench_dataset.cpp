// Foundation benchmarks: reading the HDR25 wide file, and aligning female/male
// arrays of 10 indicators over 1,000,000 synthetic region-periods.
// benchmarks/compare.py runs these and the pandas peers in one run and prints ratios.
#include <benchmark/benchmark.h>

#include <random>

#include "gendex/align.hpp"
#include "gendex/io/hdr_wide.hpp"
#include "gendex/io/tidy_csv.hpp"

namespace {

const std::string hdr25 =
    std::string(GENDEX_SOURCE_DIR) + "/data/undp/HDR25_Composite_indices_complete_time_series.csv";

void read_hdr25(benchmark::State& state) {
    const std::string bytes = gendex::io::read_file(hdr25);  // the peer also reads from the page cache
    for (auto _ : state) {
        auto ds = gendex::io::parse_hdr(bytes, hdr25);
        benchmark::DoNotOptimize(ds.size());
    }
}
BENCHMARK(read_hdr25)->Unit(benchmark::kMillisecond);

void read_hdr25_from_file(benchmark::State& state) {
    for (auto _ : state) {
        auto ds = gendex::io::read_hdr(hdr25);
        benchmark::DoNotOptimize(ds.size());
    }
}
BENCHMARK(read_hdr25_from_file)->Unit(benchmark::kMillisecond);

// The synthetic long table the pandas peer pivots: 1,000 regions x 1,000 periods,
// 10 indicators x {female, male}: 20,000,000 rows, in random row order.
const gendex::Dataset& synthetic() {
    static const gendex::Dataset ds = [] {
        const int regions = 1000, periods = 1000;
        const char* ids[] = {"life_expectancy",
                             "expected_schooling",
                             "mean_schooling",
                             "gni_per_capita",
                             "parliament_share",
                             "secondary_education",
                             "labour_force_participation",
                             "managers_share",
                             "professional_technical_share",
                             "income_share"};
        gendex::DatasetColumns c;
        for (int r = 0; r < regions; ++r)
            c.regions.intern(std::string("R").append(std::to_string(r)));  // "R" + s: GCC 12 -O3 -Wrestrict misfires
        for (const char* id : ids) c.indicators.intern(id);
        const std::size_t n = std::size_t{regions} * periods * 10 * 2;
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = i;
        std::shuffle(order.begin(), order.end(), std::mt19937_64(42));
        c.reserve(n);
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> u(1.0, 20.0);  // inside every indicator's valid range
        for (std::size_t k : order) {
            const auto sex = static_cast<gendex::Sex>(k % 2);
            const auto ind = static_cast<gendex::code_t>((k / 2) % 10);
            const auto unit = k / 20;
            c.region.push_back(static_cast<gendex::code_t>(unit % regions));
            c.period.push_back(static_cast<std::int32_t>(1000 + unit / regions));
            c.sex.push_back(sex), c.indicator.push_back(ind);
            c.age_group.push_back(0), c.unit.push_back(0), c.source.push_back(0);
            c.value.push_back(u(rng)), c.se.push_back(std::numeric_limits<double>::quiet_NaN());
        }
        return gendex::Dataset::from_columns(std::move(c));
    }();
    return ds;
}

void align_10_indicators_1m_units(benchmark::State& state) {
    const auto& ds = synthetic();
    const std::vector<std::string> ids = ds.indicator_ids();
    for (auto _ : state) {
        auto t = gendex::align_sexes(ds, ids);
        benchmark::DoNotOptimize(t.values.data());
    }
    state.counters["rows"] = static_cast<double>(ds.size());
}
BENCHMARK(align_10_indicators_1m_units)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
