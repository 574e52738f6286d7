// One unit's GII inputs for the priorities tests: as a Dataset, and its GII from the kernel.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "gendex/dataset.hpp"
#include "gendex/edition.hpp"
#include "gendex/indices/gii.hpp"

namespace gendex::test {

struct GiiUnit {
    double mmr, abr, pr_f, pr_m, se_f, se_m, lf_f, lf_m;
};

inline Dataset gii_data(const std::string& region, int year, const GiiUnit& x) {
    DatasetBuilder b;
    b.add(region, year, Sex::female, "maternal_mortality", x.mmr);
    b.add(region, year, Sex::female, "adolescent_birth_rate", x.abr);
    b.add(region, year, Sex::female, "parliament_share", x.pr_f);
    b.add(region, year, Sex::male, "parliament_share", x.pr_m);
    b.add(region, year, Sex::female, "secondary_education", x.se_f);
    b.add(region, year, Sex::male, "secondary_education", x.se_m);
    b.add(region, year, Sex::female, "labour_force_participation", x.lf_f);
    b.add(region, year, Sex::male, "labour_force_participation", x.lf_m);
    return std::move(b).build();
}

/// The GII of hdr2025 on `x`, the reference the priorities are checked against.
inline double gii_of(const GiiUnit& x) {
    const auto v =
        undp::gii(edition("hdr2025"), undp::gii_input{x.mmr, x.abr, x.pr_f, x.pr_m, x.se_f, x.se_m, x.lf_f, x.lf_m});
    EXPECT_TRUE(v.status.ok());
    return v.gii;
}

}  // namespace gendex::test
