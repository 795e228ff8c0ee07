// VolumeManager over temp dirs: emptyDir and per-container mounts, hostPath type checks,
// configMap/secret files (items, modes, optional), refresh, tmpfs (root only), cleanup.
#include "volumes/volume_manager.h"

#include "fake_source.h"
#include "process.h"
#include "volumes/tmpfs_mount.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace cox::agent::volumes {
namespace {

namespace fs = std::filesystem;
namespace t = cox::testing;

mode_t modeOf(const std::string &path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 07777 : 0;
}

class VolumeManagerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = t::makeTempDir("cox-volumes");
        m_manager = std::make_unique<VolumeManager>(m_dir + "/pods", m_source);
        m_pod = {{"metadata", {{"name", "web"}, {"namespace", "default"}, {"uid", "uid-1"}}},
                 {"spec", {{"volumes", Json::array()}, {"containers", Json::array()}}}};
    }
    void TearDown() override {
        EXPECT_TRUE(m_manager->cleanup("uid-1").isOk());
        t::removeTree(m_dir);
    }
    void volume(Json v) { m_pod["spec"]["volumes"].push_back(std::move(v)); }
    void container(const std::string &name, Json mounts) {
        m_pod["spec"]["containers"].push_back(
            {{"name", name}, {"image", "busybox"}, {"volumeMounts", std::move(mounts)}});
    }
    std::string volDir(const std::string &plugin, const std::string &name) {
        return m_dir + "/pods/uid-1/volumes/kubernetes.io~" + plugin + "/" + name;
    }

    std::string m_dir;
    testing::FakeSource m_source;
    std::unique_ptr<VolumeManager> m_manager;
    Json m_pod;
};

TEST_F(VolumeManagerTest, EmptyDirMountsWithSubPathAndReadOnly) {
    volume({{"name", "scratch"}, {"emptyDir", Json::object()}});
    container("app", Json::array({{{"name", "scratch"}, {"mountPath", "/data"}},
                                  {{"name", "scratch"},
                                   {"mountPath", "/cache"},
                                   {"subPath", "cache/app"},
                                   {"readOnly", true}}}));
    container("side", Json::array({{{"name", "scratch"}, {"mountPath", "/shared"}}}));
    auto mounts = m_manager->setup(m_pod);
    ASSERT_TRUE(mounts) << mounts.status().message();
    std::string dir = volDir("empty-dir", "scratch");
    EXPECT_TRUE(fs::is_directory(dir));
    EXPECT_EQ(modeOf(dir), 0777u);
    ASSERT_EQ((*mounts)["app"].size(), 2u);
    EXPECT_EQ((*mounts)["app"][0].containerPath, "/data");
    EXPECT_EQ((*mounts)["app"][0].hostPath, dir);
    EXPECT_FALSE((*mounts)["app"][0].readOnly);
    EXPECT_EQ((*mounts)["app"][1].hostPath, dir + "/cache/app");
    EXPECT_TRUE((*mounts)["app"][1].readOnly);
    EXPECT_TRUE(fs::is_directory(dir + "/cache/app"));
    ASSERT_EQ((*mounts)["side"].size(), 1u);
    EXPECT_EQ((*mounts)["side"][0].hostPath, dir);
    // Setup is idempotent and keeps data.
    t::writeFile(dir + "/kept", "x");
    ASSERT_TRUE(m_manager->setup(m_pod));
    EXPECT_EQ(t::readFile(dir + "/kept"), "x");
}

TEST_F(VolumeManagerTest, BadMountsAreRefused) {
    volume({{"name", "scratch"}, {"emptyDir", Json::object()}});
    container("app", Json::array({{{"name", "other"}, {"mountPath", "/x"}}}));
    auto r = m_manager->setup(m_pod);
    ASSERT_FALSE(r);
    EXPECT_NE(r.status().message().find("which the pod does not define"), std::string::npos);
    m_pod["spec"]["containers"] = Json::array();
    container("app",
              Json::array({{{"name", "scratch"}, {"mountPath", "/x"}, {"subPath", "../up"}}}));
    r = m_manager->setup(m_pod);
    ASSERT_FALSE(r);
    EXPECT_NE(r.status().message().find("must not contain \"..\""), std::string::npos);
    m_pod["spec"]["volumes"] = Json::array({{{"name", "n"}, {"nfs", {{"server", "x"}}}}});
    r = m_manager->setup(m_pod);
    ASSERT_FALSE(r);
    EXPECT_NE(r.status().message().find("unsupported volume type"), std::string::npos);
}

TEST_F(VolumeManagerTest, HostPathTypesAreChecked) {
    std::string base = m_dir + "/host";
    fs::create_directories(base + "/dir");
    t::writeFile(base + "/file", "f");
    auto check = [&](const std::string &path, const std::string &type) {
        m_pod["spec"]["volumes"] =
            Json::array({{{"name", "h"}, {"hostPath", {{"path", path}, {"type", type}}}}});
        m_pod["spec"]["containers"] = Json::array();
        container("app", Json::array({{{"name", "h"}, {"mountPath", "/h"}}}));
        return m_manager->setup(m_pod);
    };
    auto ok = check(base + "/dir", "Directory");
    ASSERT_TRUE(ok) << ok.status().message();
    EXPECT_EQ((*ok)["app"][0].hostPath, base + "/dir");
    EXPECT_TRUE(check(base + "/file", "File"));
    EXPECT_TRUE(check(base + "/anything", ""));
    auto notDir = check(base + "/file", "Directory");
    ASSERT_FALSE(notDir);
    EXPECT_NE(notDir.status().message().find("hostPath type check failed: " + base +
                                             "/file is not a directory"),
              std::string::npos)
        << notDir.status().message();
    auto missing = check(base + "/missing", "File");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.status().message().find("is not a file"), std::string::npos);
    EXPECT_FALSE(check(base + "/dir", "Socket"));
    EXPECT_FALSE(check(base + "/dir", "CharDevice"));
    EXPECT_FALSE(check(base + "/dir", "Sideways"));
    EXPECT_TRUE(check(base + "/made/here", "DirectoryOrCreate"));
    EXPECT_TRUE(fs::is_directory(base + "/made/here"));
    EXPECT_TRUE(check(base + "/new/file.txt", "FileOrCreate"));
    EXPECT_TRUE(fs::is_regular_file(base + "/new/file.txt"));
    EXPECT_FALSE(check(base + "/file", "DirectoryOrCreate"));
    EXPECT_TRUE(check("/dev/null", "CharDevice"));
    // A real unix socket.
    std::string sock = base + "/s.sock";
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
    EXPECT_TRUE(check(sock, "Socket"));
    ::close(fd);
}

TEST_F(VolumeManagerTest, ConfigMapItemsAndModes) {
    m_source.putConfigMap("default", "cfg", {{"app.conf", "port=80"}, {"extra", "e"}});
    volume({{"name", "config"},
            {"configMap",
             {{"name", "cfg"},
              {"defaultMode", 0640},
              {"items", Json::array({{{"key", "app.conf"}, {"path", "conf/app.conf"}},
                                     {{"key", "extra"}, {"path", "extra"}, {"mode", 0400}}})}}}});
    container("app", Json::array({{{"name", "config"}, {"mountPath", "/etc/app"}}}));
    auto mounts = m_manager->setup(m_pod);
    ASSERT_TRUE(mounts) << mounts.status().message();
    std::string dir = volDir("configmap", "config");
    EXPECT_EQ(t::readFile(dir + "/conf/app.conf"), "port=80");
    EXPECT_EQ(modeOf(dir + "/conf/app.conf"), 0640u);
    EXPECT_EQ(modeOf(dir + "/extra"), 0400u);
    EXPECT_FALSE(fs::exists(dir + "/app.conf"));
    EXPECT_TRUE((*mounts)["app"][0].readOnly); // configMap volumes are always read-only
}

TEST_F(VolumeManagerTest, SecretsAreDecodedAndPrivate) {
    m_source.putSecret("default", "creds", {{"password", "czNjcjN0"}}); // "s3cr3t"
    volume({{"name", "creds"}, {"secret", {{"secretName", "creds"}}}});
    container("app", Json::array({{{"name", "creds"}, {"mountPath", "/secrets"}}}));
    auto mounts = m_manager->setup(m_pod);
    ASSERT_TRUE(mounts) << mounts.status().message();
    std::string dir = volDir("secret", "creds");
    EXPECT_EQ(t::readFile(dir + "/password"), "s3cr3t");
    if (runningAsRoot()) {
        EXPECT_TRUE(isMountPoint(dir)); // tmpfs: never on the node's disk
        EXPECT_EQ(modeOf(dir + "/password"), 0644u);
    } else {
        EXPECT_EQ(modeOf(dir + "/password"), 0600u);
    }
}

TEST_F(VolumeManagerTest, MissingSourcesOptionalOrClearError) {
    volume({{"name", "opt"}, {"configMap", {{"name", "absent"}, {"optional", true}}}});
    container("app", Json::array({{{"name", "opt"}, {"mountPath", "/opt"}}}));
    auto ok = m_manager->setup(m_pod);
    ASSERT_TRUE(ok) << ok.status().message();
    EXPECT_TRUE(fs::is_directory(volDir("configmap", "opt")));
    volume({{"name", "req"}, {"configMap", {{"name", "x"}}}});
    auto r = m_manager->setup(m_pod);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.status().code(), StatusCode::NotFound);
    EXPECT_EQ(r.status().message(), "configmap \"x\" not found in namespace default (volume "
                                    "\"req\"); mark it optional or create it");
    m_source.putConfigMap("default", "x", {{"a", "1"}});
    m_pod["spec"]["volumes"][1]["configMap"]["items"] =
        Json::array({{{"key", "b"}, {"path", "b"}}});
    r = m_manager->setup(m_pod);
    ASSERT_FALSE(r);
    EXPECT_NE(r.status().message().find("has no key \"b\""), std::string::npos);
    m_pod["spec"]["volumes"] = Json::array({{{"name", "s"}, {"secret", {{"secretName", "nope"}}}}});
    m_pod["spec"]["containers"] = Json::array();
    r = m_manager->setup(m_pod);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.status().message(), "secret \"nope\" not found in namespace default (volume "
                                    "\"s\"); mark it optional or create it");
}

TEST_F(VolumeManagerTest, RefreshRewritesChangedSourcesAndDropsDeletedKeys) {
    m_source.putConfigMap("default", "cfg", {{"a", "1"}, {"b", "2"}});
    volume({{"name", "config"}, {"configMap", {{"name", "cfg"}}}});
    ASSERT_TRUE(m_manager->setup(m_pod));
    std::string dir = volDir("configmap", "config");
    auto unchanged = m_manager->refresh(m_pod);
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(*unchanged, 0);
    m_source.putConfigMap("default", "cfg", {{"a", "one"}});
    auto changed = m_manager->refresh(m_pod);
    ASSERT_TRUE(changed) << changed.status().message();
    EXPECT_EQ(*changed, 1);
    EXPECT_EQ(t::readFile(dir + "/a"), "one");
    EXPECT_FALSE(fs::exists(fs::symlink_status(dir + "/b")));
    // A source that disappears keeps its last files; refresh reports it.
    volume({{"name", "gone"}, {"configMap", {{"name", "cfg2"}}}});
    m_source.putConfigMap("default", "cfg2", {{"k", "v"}});
    ASSERT_TRUE(m_manager->setup(m_pod));
    m_source.removeConfigMap("default", "cfg2");
    m_source.putConfigMap("default", "cfg", {{"a", "uno"}});
    auto partial = m_manager->refresh(m_pod);
    EXPECT_FALSE(partial);
    EXPECT_EQ(t::readFile(dir + "/a"), "uno");
    EXPECT_EQ(t::readFile(volDir("configmap", "gone") + "/k"), "v");
}

TEST_F(VolumeManagerTest, MemoryEmptyDirIsTmpfs) {
    volume({{"name", "mem"}, {"emptyDir", {{"medium", "Memory"}, {"sizeLimit", "16Mi"}}}});
    container("app", Json::array({{{"name", "mem"}, {"mountPath", "/mem"}}}));
    auto mounts = m_manager->setup(m_pod);
    if (!runningAsRoot()) {
        ASSERT_FALSE(mounts);
        EXPECT_NE(mounts.status().message().find("needs a tmpfs mount"), std::string::npos);
        GTEST_SKIP() << "tmpfs mounts need root";
    }
    ASSERT_TRUE(mounts) << mounts.status().message();
    std::string dir = volDir("empty-dir", "mem");
    EXPECT_TRUE(isMountPoint(dir));
    ASSERT_EQ(mountsUnder(dir).size(), 1u);
    EXPECT_TRUE(m_manager->cleanup("uid-1").isOk());
    EXPECT_TRUE(mountsUnder(m_dir).empty());
    EXPECT_FALSE(fs::exists(m_dir + "/pods/uid-1"));
}

TEST_F(VolumeManagerTest, CleanupIsIdempotent) {
    m_source.putSecret("default", "creds", {{"k", "dg=="}});
    volume({{"name", "scratch"}, {"emptyDir", Json::object()}});
    volume({{"name", "creds"}, {"secret", {{"secretName", "creds"}}}});
    ASSERT_TRUE(m_manager->setup(m_pod));
    t::writeFile(volDir("empty-dir", "scratch") + "/f", "x");
    EXPECT_TRUE(m_manager->cleanup("uid-1").isOk());
    EXPECT_FALSE(fs::exists(m_dir + "/pods/uid-1"));
    EXPECT_TRUE(mountsUnder(m_dir).empty());
    EXPECT_TRUE(m_manager->cleanup("uid-1").isOk());
    EXPECT_FALSE(m_manager->cleanup("../etc").isOk());
}

} // namespace
} // namespace cox::agent::volumes
