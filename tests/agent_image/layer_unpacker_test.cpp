#include "image/layer_copier.h"
#include "image/layer_unpacker.h"
#include "image/safe_fs.h"

#include "process.h"
#include "test_image.h"

#include <cstring>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace cox::image;
using cox::testing::TarWriter;
using cox::testing::TestImageBuilder;

namespace {

// A ByteSource over a string, so tests feed crafted archives without files.
class StringSource : public ByteSource {
public:
    explicit StringSource(std::string data)
        : m_data(std::move(data)) {}
    cox::Result<size_t> read(char *buffer, size_t size) override {
        size_t n = std::min(size, m_data.size() - m_pos);
        std::memcpy(buffer, m_data.data() + m_pos, n);
        m_pos += n;
        return n;
    }

private:
    std::string m_data;
    size_t m_pos = 0;
};

class LayerUnpackerTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (::access("/bin/busybox", R_OK) != 0) {
            GTEST_SKIP() << "/bin/busybox missing (apt-get install -y busybox-static)";
        }
        m_base = cox::testing::makeTempDir("cox-unpack");
        m_root = m_base + "/root";
        m_outside = m_base + "/outside";
        fs::create_directories(m_root);
        fs::create_directories(m_outside);
        cox::testing::writeFile(m_outside + "/secret", "host data\n");
    }
    void TearDown() override { cox::testing::removeTree(m_base); }

    cox::Result<UnpackStats> unpack(const std::string &tar, WhiteoutMode mode,
                                    const std::string &target = {}) {
        StringSource source(tar);
        LayerUnpacker unpacker(LayerUnpacker::defaultsForThisProcess(mode));
        return unpacker.unpack(source, target.empty() ? m_root : target);
    }

    // The outside directory holds exactly what SetUp put there.
    void expectOutsideUntouched() {
        std::vector<std::string> names;
        for (const auto &e : fs::directory_iterator(m_outside)) {
            names.push_back(e.path().filename());
        }
        EXPECT_EQ(names, std::vector<std::string>{"secret"});
        EXPECT_EQ(cox::testing::readFile(m_outside + "/secret"), "host data\n");
        EXPECT_FALSE(fs::exists(m_base + "/evil"));
    }

    std::string m_base;
    std::string m_root;
    std::string m_outside;
};

TEST_F(LayerUnpackerTest, ExtractsFilesLinksModesAndTimes) {
    std::string tar = TestImageBuilder::busyboxLayerTar();
    auto stats = unpack(tar, WhiteoutMode::Apply);
    ASSERT_TRUE(stats) << stats.status().message();
    EXPECT_EQ(stats->diffId, cox::testing::sha256Digest(tar));
    struct stat st {};
    ASSERT_EQ(::stat((m_root + "/bin/busybox").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0755u);
    EXPECT_EQ(st.st_size, static_cast<off_t>(fs::file_size("/bin/busybox")));
    EXPECT_EQ(st.st_mtime, 1'700'000'000);
    EXPECT_EQ(fs::read_symlink(m_root + "/bin/sh"), "busybox");
    ASSERT_EQ(::stat((m_root + "/etc/motd-link").c_str(), &st), 0);
    EXPECT_EQ(st.st_nlink, 2u) << "hard link, not a copy";
    ASSERT_EQ(::stat((m_root + "/tmp").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 01777u);
    EXPECT_EQ(cox::testing::readFile(m_root + "/etc/motd"), "layer one\n");
}

TEST_F(LayerUnpackerTest, GzipLayerFromFileHasTheUncompressedDiffId) {
    std::string tar = TestImageBuilder::busyboxLayerTar();
    cox::testing::writeFile(m_base + "/layer.tgz", cox::testing::gzipBytes(tar));
    LayerUnpacker unpacker(LayerUnpacker::defaultsForThisProcess(WhiteoutMode::Apply));
    auto stats = unpacker.unpackFile(m_base + "/layer.tgz", m_root);
    ASSERT_TRUE(stats) << stats.status().message();
    EXPECT_EQ(stats->diffId, cox::testing::sha256Digest(tar));
    EXPECT_TRUE(fs::exists(m_root + "/bin/busybox"));
}

TEST_F(LayerUnpackerTest, AppliesWhiteoutsAndOpaqueDirectories) {
    ASSERT_TRUE(unpack(TestImageBuilder::busyboxLayerTar(), WhiteoutMode::Apply));
    ASSERT_TRUE(unpack(TestImageBuilder::whiteoutLayerTar(), WhiteoutMode::Apply));
    EXPECT_FALSE(fs::exists(m_root + "/etc/old-file"));
    EXPECT_FALSE(fs::exists(m_root + "/etc/.wh.old-file"));
    EXPECT_FALSE(fs::exists(m_root + "/var/cache/a"));
    EXPECT_FALSE(fs::exists(m_root + "/var/cache/.wh..wh..opq"));
    EXPECT_EQ(cox::testing::readFile(m_root + "/var/cache/b"), "from layer two\n");
    EXPECT_EQ(cox::testing::readFile(m_root + "/etc/motd"), "layer two\n");
    EXPECT_TRUE(fs::exists(m_root + "/bin/busybox"));
}

TEST_F(LayerUnpackerTest, KeptMarkersAreAppliedByTheCopier) {
    std::string l1 = m_base + "/l1", l2 = m_base + "/l2";
    fs::create_directories(l1);
    fs::create_directories(l2);
    ASSERT_TRUE(unpack(TestImageBuilder::busyboxLayerTar(), WhiteoutMode::Keep, l1));
    ASSERT_TRUE(unpack(TestImageBuilder::whiteoutLayerTar(), WhiteoutMode::Keep, l2));
    EXPECT_TRUE(fs::exists(l2 + "/etc/.wh.old-file")) << "Keep leaves the marker for the copier";
    LayerCopier copier(::geteuid() == 0);
    ASSERT_TRUE(copier.copy(l1, m_root));
    ASSERT_TRUE(copier.copy(l2, m_root));
    EXPECT_FALSE(fs::exists(m_root + "/etc/old-file"));
    EXPECT_FALSE(fs::exists(m_root + "/etc/.wh.old-file"));
    EXPECT_FALSE(fs::exists(m_root + "/var/cache/a"));
    EXPECT_TRUE(fs::exists(m_root + "/var/cache/b"));
    EXPECT_EQ(cox::testing::readFile(m_root + "/etc/motd"), "layer two\n");
    EXPECT_EQ(fs::status(m_root + "/bin/busybox").permissions() & fs::perms::owner_exec,
              fs::perms::owner_exec);
}

TEST_F(LayerUnpackerTest, OverlayModeWritesOverlayWhiteouts) {
    if (::geteuid() != 0) {
        GTEST_SKIP() << "overlay whiteouts need root (mknod, trusted.* xattrs)";
    }
    auto stats = unpack(TestImageBuilder::whiteoutLayerTar(), WhiteoutMode::Overlay);
    ASSERT_TRUE(stats) << stats.status().message();
    struct stat st {};
    ASSERT_EQ(::lstat((m_root + "/etc/old-file").c_str(), &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
    EXPECT_EQ(st.st_rdev, makedev(0, 0));
    char value[4] = {};
    EXPECT_EQ(::getxattr((m_root + "/var/cache").c_str(), "trusted.overlay.opaque", value, 4), 1);
    EXPECT_EQ(value[0], 'y');
    EXPECT_TRUE(fs::exists(m_root + "/var/cache/b"));
}

TEST_F(LayerUnpackerTest, RefusesDotDotAndAbsolutePaths) {
    for (const std::string &path : {std::string("../evil"), std::string("a/../../evil"),
                                    m_base + "/evil", std::string("/evil")}) {
        auto stats = unpack(TarWriter().file(path, "x").finish(), WhiteoutMode::Apply);
        ASSERT_FALSE(stats) << path;
        EXPECT_EQ(stats.status().code(), cox::StatusCode::Invalid);
        EXPECT_NE(stats.status().message().find("refused"), std::string::npos)
            << stats.status().message();
    }
    expectOutsideUntouched();
    EXPECT_FALSE(fs::exists("/evil"));
}

TEST_F(LayerUnpackerTest, SymlinkThenWriteThroughStaysInside) {
    // An absolute symlink to the real outside dir, then a write "through" it.
    std::string tar = TarWriter()
                          .symlink("escape", m_outside)
                          .file("escape/pwned", "x")
                          .symlink("up", "../../../../..")
                          .file("up/evil", "x")
                          .dir("d/")
                          .symlink("d/sub", "../../..")
                          .file("d/sub/evil", "x")
                          .finish();
    auto stats = unpack(tar, WhiteoutMode::Apply);
    ASSERT_TRUE(stats) << stats.status().message();
    expectOutsideUntouched();
    // Resolved as if the root were "/": the writes land inside the root.
    EXPECT_TRUE(fs::exists(m_root + m_outside + "/pwned"));
    EXPECT_TRUE(fs::exists(m_root + "/evil"));
}

TEST_F(LayerUnpackerTest, FinalSymlinkIsReplacedNotFollowed) {
    std::string tar =
        TarWriter().symlink("f", m_outside + "/secret").file("f", "replaced\n").finish();
    ASSERT_TRUE(unpack(tar, WhiteoutMode::Apply));
    expectOutsideUntouched();
    EXPECT_FALSE(fs::is_symlink(m_root + "/f"));
    EXPECT_EQ(cox::testing::readFile(m_root + "/f"), "replaced\n");
}

TEST_F(LayerUnpackerTest, HardLinksCannotReachOutside) {
    auto stats =
        unpack(TarWriter().hardlink("h", "../outside/secret").finish(), WhiteoutMode::Apply);
    EXPECT_FALSE(stats);
    stats = unpack(TarWriter().symlink("l", m_outside).hardlink("h", "l/secret").finish(),
                   WhiteoutMode::Apply);
    EXPECT_FALSE(stats) << "l/secret resolves inside the root, where there is no secret";
    EXPECT_FALSE(fs::exists(m_root + "/h"));
    struct stat st {};
    ASSERT_EQ(::stat((m_outside + "/secret").c_str(), &st), 0);
    EXPECT_EQ(st.st_nlink, 1u);
    expectOutsideUntouched();
}

TEST_F(LayerUnpackerTest, TruncatedAndCorruptArchivesFail) {
    std::string tar = TestImageBuilder::busyboxLayerTar();
    EXPECT_FALSE(unpack(tar.substr(0, 4000), WhiteoutMode::Apply));
    std::string corrupt = tar;
    corrupt[10] ^= 0x55; // header checksum no longer matches
    auto stats = unpack(corrupt, WhiteoutMode::Apply);
    ASSERT_FALSE(stats);
    EXPECT_NE(stats.status().message().find("checksum"), std::string::npos);
    std::string gz = cox::testing::gzipBytes(tar);
    cox::testing::writeFile(m_base + "/cut.tgz", gz.substr(0, gz.size() / 2));
    LayerUnpacker unpacker(LayerUnpacker::defaultsForThisProcess(WhiteoutMode::Apply));
    EXPECT_FALSE(unpacker.unpackFile(m_base + "/cut.tgz", m_base + "/root"));
}

TEST_F(LayerUnpackerTest, DeviceNodesOnlyAsRoot) {
    auto stats = unpack(TarWriter().charDevice("null", 1, 3).finish(), WhiteoutMode::Apply);
    ASSERT_TRUE(stats) << stats.status().message();
    if (::geteuid() == 0) {
        EXPECT_TRUE(fs::is_character_file(m_root + "/null"));
        EXPECT_EQ(stats->skipped, 0);
    } else {
        EXPECT_FALSE(fs::exists(m_root + "/null"));
        EXPECT_EQ(stats->skipped, 1);
    }
}

} // namespace
