// io::write_file: regular files replaced atomically, everything else written in place (review H1).
// Device nodes are made by the test in its own folder; the machine's /dev/null is never touched.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "gendex/io/file.hpp"
#include "gendex/io/tidy_csv.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using gendex::io::read_file;
using gendex::io::write_file;

struct stat stat_of(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::lstat(p.c_str(), &st), 0) << p;
    return st;
}

/// Files in `dir` whose name says they are a leftover temporary.
int temporaries_in(const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        n += e.path().filename().string().find(".tmp") != std::string::npos;
    return n;
}

/// A character device with the numbers of /dev/null (1, 3), made in the test's folder.
/// Only root may make one; elsewhere the test is skipped.
bool make_null_device(const fs::path& p) { return ::mknod(p.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0; }

}  // namespace

TEST(WriteFile, NewRegularFileHasTheContentsAndNoTemporaryIsLeft) {
    gendex::test::TempDir dir;
    write_file(dir.path / "out.csv", "a,b\n1,2\n");
    EXPECT_EQ(read_file(dir.path / "out.csv"), "a,b\n1,2\n");
    EXPECT_EQ(temporaries_in(dir.path), 0);
}

TEST(WriteFile, ExistingFileKeepsItsPermissions) {
    gendex::test::TempDir dir;
    const auto p = dir.path / "private.csv";
    std::ofstream(p) << "old\n";
    ASSERT_EQ(::chmod(p.c_str(), 0600), 0);
    write_file(p, "new\n");
    EXPECT_EQ(read_file(p), "new\n");
    EXPECT_EQ(stat_of(p).st_mode & 07777, 0600u);  // was 0644 (the umask's) at 63e2b5c
}

TEST(WriteFile, SymbolicLinkStaysALinkAndItsTargetIsWritten) {
    gendex::test::TempDir dir;
    std::ofstream(dir.path / "target.csv") << "keep\n";
    fs::create_symlink("target.csv", dir.path / "link.csv");
    write_file(dir.path / "link.csv", "new\n");
    EXPECT_TRUE(fs::is_symlink(dir.path / "link.csv"));
    EXPECT_EQ(read_file(dir.path / "target.csv"), "new\n");
    EXPECT_EQ(temporaries_in(dir.path), 0);
}

TEST(WriteFile, DanglingLinkAndFolderAreRefusedAndNothingIsWritten) {
    gendex::test::TempDir dir;
    fs::create_symlink("nowhere.csv", dir.path / "dangling.csv");
    EXPECT_THROW_MSG(write_file(dir.path / "dangling.csv", "x"), gendex::value_error,
                     "is a symbolic link to a file that does not exist");
    EXPECT_FALSE(fs::exists(dir.path / "nowhere.csv"));
    EXPECT_THROW_MSG(write_file(dir.path, "x"), gendex::value_error, "is a folder, not a file");
    EXPECT_THROW_MSG(write_file(dir.path / "no-such-folder" / "out.csv", "x"), gendex::value_error,
                     "cannot open file for writing (No such file or directory)");
    EXPECT_EQ(temporaries_in(dir.path), 0);
}

TEST(WriteFile, FifoIsWrittenInPlaceNotReplaced) {
    gendex::test::TempDir dir;
    const auto fifo = dir.path / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        received = ss.str();
    });
    write_file(fifo, "through the pipe\n");
    reader.join();
    EXPECT_EQ(received, "through the pipe\n");
    EXPECT_TRUE(S_ISFIFO(stat_of(fifo).st_mode));  // a regular file at 63e2b5c
}

TEST(WriteFile, DeviceNodeIsWrittenInPlaceNotReplaced) {
    gendex::test::TempDir dir;
    const auto dev = dir.path / "fake-null";
    if (!make_null_device(dev)) GTEST_SKIP() << "mknod needs root";
    write_file(dev, "discarded\n");
    const struct stat st = stat_of(dev);
    EXPECT_TRUE(S_ISCHR(st.st_mode));  // a regular file of 10 bytes at 63e2b5c
    EXPECT_EQ(st.st_rdev, makedev(1, 3));
    EXPECT_EQ(temporaries_in(dir.path), 0);
}

// The command line's --output goes through the same function: tests/python/test_cli.py checks it.
