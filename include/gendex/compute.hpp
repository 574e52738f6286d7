// The dataset-level compute layer in one include: every index over every
// region-period of a Dataset, with an invalid-input policy and a report, and
// UNDP's regional aggregates. See docs/undp-indices.md.
#pragma once

#include "gendex/compute/aggregate.hpp"
#include "gendex/compute/bps.hpp"
#include "gendex/compute/gdi.hpp"
#include "gendex/compute/gem.hpp"
#include "gendex/compute/gggi.hpp"
#include "gendex/compute/gii.hpp"
#include "gendex/compute/hdi.hpp"
#include "gendex/compute/ihdi.hpp"
#include "gendex/compute/index_table.hpp"
#include "gendex/compute/policy.hpp"
#include "gendex/compute/report.hpp"
#include "gendex/compute/twin.hpp"
