// The C++ quickstart (docs/quickstart-cpp.md): read UNDP's HDR file, recompute the GDI of every
// country-year from its components, compare it with the GDI UNDP published in the same file.
// Built against the installed gendex and run by make test (tools/test-consumer.sh).
#include <gendex/compute.hpp>
#include <gendex/edition.hpp>
#include <gendex/io/hdr_wide.hpp>
#include <gendex/rounding.hpp>
#include <cstdio>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: quickstart HDR_FILE.csv\n";
        return 2;
    }
    try {
        const gendex::Dataset ds = gendex::io::read_hdr(argv[1]);

        gendex::ComputeOptions options;
        options.on_invalid = gendex::OnInvalid::skip;  // the C++ default is raise
        const gendex::IndexResult gdi = gendex::compute("gdi", ds, gendex::edition("hdr2025"), options);
        std::cout << gdi.report.summary() << "\n";

        int differ = 0;
        for (const char* iso3 : {"IDN", "NOR", "IND"}) {
            const double computed = gdi.values.value(iso3, 2023, gendex::Sex::total, "gdi");
            const double published = ds.value(iso3, 2023, gendex::Sex::total, "gdi");
            std::printf("%s 2023: GDI %.5f computed, %.3f published\n", iso3, computed, published);
            differ += gendex::round_half_up(computed, 3) != published;
        }
        return differ == 0 ? 0 : 1;
    } catch (const gendex::error& e) {
        std::cerr << "quickstart: " << e.what() << "\n";
        return 2;
    }
}
