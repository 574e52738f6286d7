// Running the gendex command line from tests: exit code, stdout, stderr.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gendex::test {

struct CliRun {
    int code;
    std::string out, err;
};

#ifdef GENDEX_CLI_PATH
/// Run `gendex ARGS` with stdout and stderr captured in files under `dir`.
inline CliRun run_cli(const std::string& args, const std::filesystem::path& dir) {
    const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
    const std::string cmd = std::string(GENDEX_CLI_PATH) + " " + args + " >" + out.string() + " 2>" + err.string();
    const int status = std::system(cmd.c_str());
    auto slurp = [](const std::filesystem::path& p) {
        std::ifstream in(p);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    return {WEXITSTATUS(status), slurp(out), slurp(err)};
}
#endif

}  // namespace gendex::test
