// Numbers in messages: the shortest text that reads back as the same double,
// so a message shows exactly the value that was rejected (121, 0.01, 1007.436).
#pragma once

#include <charconv>
#include <string>

namespace gendex::detail {

[[nodiscard]] inline std::string format_number(double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, end);
}

}  // namespace gendex::detail
