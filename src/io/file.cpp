#include "gendex/io/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <utility>
#include <vector>

#include "gendex/error.hpp"

namespace gendex::io {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what, int err) {
    throw value_error(path.string() + ": " + std::string(what) + " (" + std::strerror(err) + ")");
}

/// Close on every path out, so a failed write leaks no descriptor.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }
    /// Close now and report the error close() gives (NFS and full disks report late).
    int close() {
        const int rc = ::close(fd_);
        fd_ = -1;
        return rc == 0 ? 0 : errno;
    }

private:
    int fd_;
};

/// write(2) until everything is out; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view contents) {
    while (!contents.empty()) {
        const ssize_t n = ::write(fd, contents.data(), contents.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        contents.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

void write_in_place(const std::filesystem::path& path, std::string_view contents) {
    // No O_CREAT: the target exists and is not a regular file; O_TRUNC is ignored by devices and FIFOs.
    Descriptor fd(::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) fail(path, "cannot open for writing", errno);
    if (const int err = write_all(fd.get(), contents)) fail(path, "write failed", err);
    if (const int err = fd.close()) fail(path, "write failed", err);
}

/// The existing file's mode and owner, kept on the file that replaces it.
struct Keep {
    mode_t mode;
    uid_t uid;
    gid_t gid;
};

/// A regular file written to its temporary neighbour, flushed to disk, waiting to be renamed into place.
struct Staged {
    std::filesystem::path tmp, target, shown;
};

Staged stage(const std::filesystem::path& target, std::string_view contents, std::optional<Keep> keep,
             const std::filesystem::path& shown) {
    std::random_device rd;
    std::string name = ".";  // hidden, and named after the target so a leftover says whose it was
    name += target.filename().string();
    name += ".tmp";
    name += std::to_string(rd());
    const std::filesystem::path tmp = target.parent_path() / name;
    // 0666 less the umask for a new file, as any other program creates one.
    Descriptor fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
    if (fd.get() < 0) fail(shown, "cannot open file for writing", errno);
    auto discard = [&](std::string_view what, int err) {
        fd.close();
        ::unlink(tmp.c_str());
        fail(shown, what, err);
    };
    if (keep) {
        // The owner first: fchown may clear set-id bits that fchmod then restores. Only root may
        // give a file away; for anyone else the file stays theirs, as a rewrite in place would.
        if (::fchown(fd.get(), keep->uid, keep->gid) != 0 && errno != EPERM) discard("cannot keep the owner", errno);
        if (::fchmod(fd.get(), keep->mode) != 0) discard("cannot keep the permissions", errno);
    }
    if (const int err = write_all(fd.get(), contents)) discard("write failed", err);
    if (::fsync(fd.get()) != 0) discard("write failed", errno);
    if (const int err = fd.close()) {
        ::unlink(tmp.c_str());
        fail(shown, "write failed", err);
    }
    return {tmp, target, shown};
}

void move_into_place(const Staged& staged) {
    if (::rename(staged.tmp.c_str(), staged.target.c_str()) != 0) {
        const int err = errno;
        ::unlink(staged.tmp.c_str());
        fail(staged.shown, "cannot move the finished file into place", err);
    }
    // Make the rename itself durable; a folder that cannot be synced (some network file systems)
    // still holds the complete file, so this is best effort.
    const std::filesystem::path folder = staged.target.parent_path().empty() ? "." : staged.target.parent_path();
    Descriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) static_cast<void>(::fsync(dir.get()));
}

/// Where one output goes: a regular file to stage and rename, or a stream written in place.
struct Plan {
    enum class kind : std::uint8_t { standard_output, in_place, regular } how;
    std::filesystem::path path;    // as given, for messages and in-place writes
    std::filesystem::path target;  // the regular file replaced (links resolved)
    std::optional<Keep> keep;      // the replaced file's mode and owner
};

Plan plan(const std::filesystem::path& path) {
    if (path.empty()) throw value_error("output path is empty");
    if (path == "-") return {Plan::kind::standard_output, path, {}, std::nullopt};
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {  // follows symbolic links
        if (S_ISDIR(st.st_mode)) throw value_error(path.string() + ": is a folder, not a file");
        if (!S_ISREG(st.st_mode)) return {Plan::kind::in_place, path, {}, std::nullopt};
        // A regular file, perhaps behind links: replace the file itself and keep the links. Paths
        // under /dev and /proc (/dev/stdout redirected to a file) are descriptors, not names to rename.
        const std::string s = path.string();
        if (s.starts_with("/dev/") || s.starts_with("/proc/")) return {Plan::kind::in_place, path, {}, std::nullopt};
        std::error_code ec;
        std::filesystem::path target = std::filesystem::canonical(path, ec);
        if (ec) fail(path, "cannot resolve the path", ec.value());
        return {Plan::kind::regular, path, std::move(target),
                Keep{static_cast<mode_t>(st.st_mode & 07777), st.st_uid, st.st_gid}};
    }
    if (errno != ENOENT) fail(path, "cannot write here", errno);
    struct stat lst {};
    if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode))
        throw value_error(path.string() + ": is a symbolic link to a file that does not exist");
    return {Plan::kind::regular, path, path, std::nullopt};
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw value_error(path.string() + ": is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw value_error(path.string() + ": cannot open file for reading");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw value_error(path.string() + ": read error");
    return std::move(ss).str();
}

void write_file(const std::filesystem::path& path, std::string_view contents) {
    const std::pair<std::filesystem::path, std::string_view> one{path, contents};
    write_files(std::span(&one, 1));
}

void write_files(std::span<const std::pair<std::filesystem::path, std::string_view>> outputs) {
    std::vector<Plan> plans;
    plans.reserve(outputs.size());
    for (const auto& [path, contents] : outputs) plans.push_back(plan(path));
    // Every regular file is written and flushed beside its target before any is moved into place,
    // so a failure (a full disk, a read-only folder) leaves every output as it was.
    std::vector<Staged> staged;
    try {
        for (std::size_t i = 0; i < plans.size(); ++i)
            if (plans[i].how == Plan::kind::regular)
                staged.push_back(stage(plans[i].target, outputs[i].second, plans[i].keep, plans[i].path));
    } catch (...) {
        for (const Staged& s : staged) ::unlink(s.tmp.c_str());
        throw;
    }
    for (const Staged& s : staged) move_into_place(s);
    for (std::size_t i = 0; i < plans.size(); ++i) {
        if (plans[i].how == Plan::kind::in_place) write_in_place(plans[i].path, outputs[i].second);
        if (plans[i].how == Plan::kind::standard_output) {
            std::fflush(stdout);  // keep what the program printed before in order
            if (const int err = write_all(STDOUT_FILENO, outputs[i].second))
                fail("standard output", "write failed", err);
        }
    }
}

}  // namespace gendex::io
