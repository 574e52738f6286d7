// Reads a UNDP HDR wide file through the installed gendex and prints what it holds.
#include <gendex/align.hpp>
#include <gendex/io/hdr_wide.hpp>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer HDR_FILE.csv\n";
        return 2;
    }
    try {
        const gendex::Dataset ds = gendex::io::read_hdr(argv[1]);
        const std::string ids[] = {"life_expectancy", "mean_schooling"};
        const auto table = gendex::align_sexes(ds, ids);
        std::cout << "consumer: " << ds.size() << " observations, " << table.units()
                  << " region-years with life expectancy or schooling by sex\n";
        return ds.size() > 0 && table.units() > 0 ? 0 : 1;
    } catch (const gendex::error& e) {
        std::cerr << "consumer: " << e.what() << "\n";
        return 2;
    }
}
