// AtomicWriter: the ..data layout, no-op rewrites, removed keys, and readers that never see a
// mix of two versions while writes happen.
#include "volumes/atomic_writer.h"

#include "process.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace cox::agent::volumes {
namespace {

namespace fs = std::filesystem;
namespace t = cox::testing;

// Reads `name` relative to an open directory; "" + false when it is gone.
bool readAt(int dirFd, const char *name, std::string &out) {
    int fd = ::openat(dirFd, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[256];
    out.clear();
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
        out.append(buffer, size_t(n));
    ::close(fd);
    return true;
}

class AtomicWriterTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = t::makeTempDir("cox-atomic"); }
    void TearDown() override { t::removeTree(m_dir); }
    std::string m_dir;
};

TEST_F(AtomicWriterTest, WritesVersionDirDataLinkAndVisibleLinks) {
    AtomicWriter writer(m_dir);
    auto changed = writer.write({{"a", {"1", 0644}}, {"conf/b", {"2", 0600}}});
    ASSERT_TRUE(changed) << changed.status().message();
    EXPECT_TRUE(*changed);
    EXPECT_TRUE(fs::is_symlink(m_dir + "/..data"));
    EXPECT_EQ(fs::read_symlink(m_dir + "/..data").string().rfind("..", 0), 0u);
    EXPECT_EQ(fs::read_symlink(m_dir + "/a").string(), "..data/a");
    EXPECT_EQ(fs::read_symlink(m_dir + "/conf").string(), "..data/conf");
    EXPECT_EQ(t::readFile(m_dir + "/conf/b"), "2");
    struct stat st {};
    ASSERT_EQ(::stat((m_dir + "/conf/b").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // The same payload again changes nothing.
    auto again = writer.write({{"a", {"1", 0644}}, {"conf/b", {"2", 0600}}});
    ASSERT_TRUE(again);
    EXPECT_FALSE(*again);
}

TEST_F(AtomicWriterTest, UpdateRemovesDeletedKeysAndOldVersion) {
    AtomicWriter writer(m_dir);
    ASSERT_TRUE(writer.write({{"a", {"1", 0644}}, {"b", {"2", 0644}}}));
    auto changed = writer.write({{"a", {"one", 0644}}});
    ASSERT_TRUE(changed && *changed);
    EXPECT_EQ(t::readFile(m_dir + "/a"), "one");
    EXPECT_FALSE(fs::exists(fs::symlink_status(m_dir + "/b")));
    int versions = 0;
    for (const auto &entry : fs::directory_iterator(m_dir))
        versions += entry.is_directory() && !entry.is_symlink() ? 1 : 0;
    EXPECT_EQ(versions, 1);
}

TEST_F(AtomicWriterTest, RejectsEscapingPaths) {
    AtomicWriter writer(m_dir);
    EXPECT_FALSE(writer.write({{"../x", {"1", 0644}}}));
    EXPECT_FALSE(writer.write({{"/etc/x", {"1", 0644}}}));
    EXPECT_FALSE(writer.write({{"..data", {"1", 0644}}}));
    EXPECT_FALSE(writer.write({{"a/../../x", {"1", 0644}}}));
}

TEST_F(AtomicWriterTest, ReadersNeverSeeAMixOfVersions) {
    AtomicWriter writer(m_dir);
    ASSERT_TRUE(writer.write({{"first", {"v0", 0644}}, {"second", {"v0", 0644}}}));
    std::atomic<bool> done{false};
    std::atomic<int> consistent{0};
    std::atomic<int> mixed{0};
    std::thread reader([&] {
        std::string dataDir = m_dir + "/..data";
        // Bounded; keeps going after the writer finished until one snapshot was read.
        for (int n = 0; n < 5'000'000 && (!done || consistent == 0); ++n) {
            // A snapshot: open ..data once, read both files through it.
            int dirFd = ::open(dataDir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dirFd < 0)
                continue;
            std::string a, b;
            bool ok = readAt(dirFd, "first", a) && readAt(dirFd, "second", b);
            ::close(dirFd);
            if (!ok)
                continue; // that version was retired while we read: not a mix
            (a == b && !a.empty() ? consistent : mixed)++;
        }
    });
    for (int i = 1; i <= 100; ++i) {
        std::string v = "v" + std::to_string(i);
        auto changed = writer.write({{"first", {v, 0644}}, {"second", {v, 0644}}});
        ASSERT_TRUE(changed && *changed) << i;
    }
    done = true;
    reader.join();
    EXPECT_EQ(mixed.load(), 0);
    EXPECT_GT(consistent.load(), 0);
    EXPECT_EQ(t::readFile(m_dir + "/first"), "v100");
}

} // namespace
} // namespace cox::agent::volumes
