// Index benchmarks: the GII and GDI batch kernels over 10,000,000 synthetic
// units with preallocated outputs, and the whole HDR25 file read and run
// through HDI, GDI, GII and IHDI at the dataset level.
// benchmarks/compare.py runs these and the numpy/pandas peers in one run and prints ratios.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "gendex/compute.hpp"
#include "gendex/indices/gdi.hpp"
#include "gendex/indices/gii.hpp"
#include "gendex/io/hdr_wide.hpp"

namespace {

constexpr std::size_t units = 10'000'000;
const std::string hdr25 =
    std::string(GENDEX_SOURCE_DIR) + "/data/undp/HDR25_Composite_indices_complete_time_series.csv";

std::vector<double> uniform(std::mt19937_64& rng, double lo, double hi) {
    std::uniform_real_distribution<double> u(lo, hi);
    std::vector<double> v(units);
    for (double& x : v) x = u(rng);
    return v;
}

// The same distributions as the numpy peer (compare.py): MMR on both sides of
// the [10, 1000] truncation, 2 % of parliaments without women, every input valid.
struct GiiData {
    std::vector<double> mmr, abr, pr_f, pr_m, se_f, se_m, lfpr_f, lfpr_m;
    GiiData() {
        std::mt19937_64 rng(11);
        mmr = uniform(rng, 2, 1500), abr = uniform(rng, 0.05, 150), pr_f = uniform(rng, 0, 50);
        std::bernoulli_distribution none(0.02);
        for (double& p : pr_f)
            if (none(rng)) p = 0;
        pr_m.resize(units);
        for (std::size_t i = 0; i < units; ++i) pr_m[i] = 100 - pr_f[i];
        se_f = uniform(rng, 0.5, 100), se_m = uniform(rng, 0.5, 100);
        lfpr_f = uniform(rng, 5, 90), lfpr_m = uniform(rng, 30, 95);
    }
};

struct GdiData {
    std::vector<double> le_f, eys_f, mys_f, gni_f, le_m, eys_m, mys_m, gni_m;
    GdiData() {
        std::mt19937_64 rng(12);
        le_f = uniform(rng, 40, 90), eys_f = uniform(rng, 2, 22), mys_f = uniform(rng, 0.5, 16);
        gni_f = uniform(rng, 200, 90000);
        le_m = uniform(rng, 35, 85), eys_m = uniform(rng, 2, 22), mys_m = uniform(rng, 0.5, 16);
        gni_m = uniform(rng, 300, 120000);
    }
};

// GII and a status per unit, as the peer computes gii and a validity mask.
void gii_10m_units(benchmark::State& state) {
    static const GiiData d;
    const auto& ed = gendex::edition("hdr2025");
    std::vector<double> gii(units);
    std::vector<gendex::undp::unit_status> status(units);
    const gendex::undp::gii_columns in{d.mmr, d.abr, d.pr_f, d.pr_m, d.se_f, d.se_m, d.lfpr_f, d.lfpr_m};
    gendex::undp::gii_outputs out{};
    out.gii = gii, out.status = status;
    for (auto _ : state) {
        gendex::undp::gii(ed, in, out);
        benchmark::DoNotOptimize(gii.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * units));
}
BENCHMARK(gii_10m_units)->Unit(benchmark::kMillisecond)->Iterations(5);

// HDI_f, HDI_m, GDI, group and status per unit, as the peer.
void gdi_10m_units(benchmark::State& state) {
    static const GdiData d;
    const auto& ed = gendex::edition("hdr2025");
    std::vector<double> hdi_f(units), hdi_m(units), gdi(units);
    std::vector<std::uint8_t> group(units);
    std::vector<gendex::undp::unit_status> status(units);
    const gendex::undp::gdi_columns in{d.le_f, d.eys_f, d.mys_f, d.gni_f, d.le_m, d.eys_m, d.mys_m, d.gni_m};
    gendex::undp::gdi_outputs out{};
    out.hdi_f = hdi_f, out.hdi_m = hdi_m, out.gdi = gdi, out.group = group, out.status = status;
    for (auto _ : state) {
        gendex::undp::gdi(ed, in, out);
        benchmark::DoNotOptimize(gdi.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * units));
}
BENCHMARK(gdi_10m_units)->Unit(benchmark::kMillisecond)->Iterations(5);

// The whole job of a researcher with the HDR25 file: read it, compute the four
// indices (with groups, ranks, loss) for every country-year, results as Datasets.
void hdr25_read_and_four_indices(benchmark::State& state) {
    gendex::ComputeOptions skip;
    skip.on_invalid = gendex::OnInvalid::skip;
    const auto& ed = gendex::edition("hdr2025");
    for (auto _ : state) {
        const gendex::Dataset ds = gendex::io::read_hdr(hdr25);
        std::size_t rows = 0;
        for (const char* index : {"hdi", "gdi", "gii", "ihdi"})
            rows += gendex::compute(index, ds, ed, skip).values.size();
        benchmark::DoNotOptimize(rows);
    }
}
BENCHMARK(hdr25_read_and_four_indices)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
