// Reading and writing whole files, for every reader and writer of the library.
//
// Outputs are written the way a statistics office needs them to be: a regular file is replaced
// atomically (so a failure never leaves half a table behind), and anything that is not a regular
// file (/dev/null, a FIFO, a terminal, /dev/stdout, "-") is written in place and never replaced.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace gendex::io {

/// Read a whole file; value_error naming the path and the reason when it cannot be read.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

/// Write `contents` to `path`.
///  - "-" writes to standard output.
///  - A device, FIFO or socket (also when reached through a symbolic link, as /dev/stdout is)
///    is opened and written in place, never replaced.
///  - A regular file, new or existing, is replaced atomically: a temporary file in the same
///    folder is written, flushed to disk (fsync) and renamed over the target. An existing
///    file keeps its permissions; a symbolic link to a regular file stays a link and the file it
///    points to is replaced.
///  - A directory, or a symbolic link to nothing, is refused.
/// Throws value_error naming the path and the reason (with the system's error text).
void write_file(const std::filesystem::path& path, std::string_view contents);

/// Write several outputs of one command as write_file does, all or none: every target is checked and
/// every regular file written beside its target before any is moved into place, so an output that
/// cannot be written leaves the others untouched. Devices and "-" are written last, in order.
void write_files(std::span<const std::pair<std::filesystem::path, std::string_view>> outputs);

}  // namespace gendex::io
