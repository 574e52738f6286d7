// Best of single warm runs, as compare.py times the peers (its best_of): each repetition of a
// benchmark is one run, and compare.py reads the "min" aggregate.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

template <int Runs>
void best_of(benchmark::internal::Benchmark* b) {
    b->Iterations(1)->Repetitions(Runs)->ReportAggregatesOnly(true)->ComputeStatistics(
        "min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
}
