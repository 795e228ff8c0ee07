// The .deb on a fresh Debian 12: apt-get install pulls every dependency; the console starts
// offscreen and quits when asked; the master runs as its (disabled) unit says and answers
// /readyz; the agent runs; the desktop files validate; an upgrade keeps the cluster; a purge
// leaves the cluster's and the console's data in place.
#include "debian_root.h"
#include "master_in_root.h"
#include "package_files.h"
#include "process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

using namespace cox::testing;
namespace fs = std::filesystem;

namespace {

const std::string kAppId = "io.coxswain.Coxswain";

bool onPath(const std::string &tool) {
    return runCommand({"sh", "-c", "command -v \"$0\"", tool}).exitCode == 0;
}

std::string lastLines(const std::string &text, size_t maxChars = 3000) {
    return text.size() <= maxChars ? text : text.substr(text.size() - maxChars);
}

class InstallTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (::geteuid() != 0)
            GTEST_SKIP() << "needs root (mmdebstrap, chroot, mounts)";
        for (const char *tool : {"mmdebstrap", "cpack", "dpkg-shlibdeps", "curl",
                                 "desktop-file-validate", "appstreamcli", "file"})
            if (!onPath(tool))
                GTEST_SKIP() << "needs " << tool;
        // Before any thread exists: every mount below lives and dies with this process.
        if (!DebianRoot::isolateMounts())
            std::cerr << "no private mount namespace; relying on DebianRoot's cleanup\n";
        m_work = makeTempDir("cox-install");
        BuiltPackages packages;
        std::string error;
        ASSERT_TRUE(buildPackages(COX_BUILD_DIR, "DEB", m_work, &packages, &error)) << error;
        m_deb = packages.deb;
        m_root = DebianRoot::create(&error);
        if (!m_root)
            GTEST_SKIP() << "no Debian 12 root (is the Debian mirror reachable?): " << error;
    }
    void TearDown() override {
        m_root.reset(); // unmount before the work dir goes
        if (!m_work.empty())
            removeTree(m_work);
    }

    // Copies a .deb into the root and installs it with apt, as a user would.
    void aptInstall(const std::string &deb) {
        const std::string inside = "/tmp/" + fs::path(deb).filename().string();
        fs::copy_file(deb, m_root->hostPath(inside), fs::copy_options::overwrite_existing);
        const auto apt =
            m_root->run({"apt-get", "install", "-y", "--no-install-recommends", inside},
                        {{"DEBIAN_FRONTEND", "noninteractive"}}, std::chrono::minutes(5));
        ASSERT_EQ(apt.exitCode, 0) << lastLines(apt.out + apt.err);
    }

    std::string installedVersion() {
        return m_root->run({"dpkg-query", "-W", "-f=${Version}", "coxswain"}).out;
    }

    // systemd-analyze verify finds unknown keys and bad values; it also wants ExecStart's binary,
    // so a copy points at the installed one through the root's host path.
    void checkUnit() {
        const std::string unit = m_root->hostPath(MasterInRoot::kUnitPath);
        ASSERT_TRUE(fs::exists(unit));
        // Installed, not enabled: no package script linked it into a target.
        EXPECT_FALSE(fs::exists(m_root->hostPath(
            "/etc/systemd/system/multi-user.target.wants/coxswain-master.service")));
        if (!onPath("systemd-analyze")) {
            std::cerr << "systemd-analyze missing: the unit's syntax is not checked\n";
            return;
        }
        std::string text = readFile(unit);
        const std::string binary = "/usr/bin/coxswain-master";
        const auto at = text.find("ExecStart=" + binary);
        ASSERT_NE(at, std::string::npos) << text;
        text.replace(at + 10, binary.size(), m_root->hostPath(binary));
        const std::string copy = m_work + "/coxswain-master.service";
        writeFile(copy, text);
        const auto verify = runCommand({"systemd-analyze", "verify", copy});
        EXPECT_EQ(verify.exitCode, 0) << verify.err;
        EXPECT_EQ(verify.out + verify.err, "") << "systemd-analyze verify has remarks";
    }

    void checkDesktopFiles() {
        const std::string desktop =
            m_root->hostPath("/usr/share/applications/" + kAppId + ".desktop");
        const auto entry = runCommand({"desktop-file-validate", desktop});
        EXPECT_EQ(entry.exitCode, 0) << entry.out << entry.err;
        EXPECT_EQ(entry.out + entry.err, "") << "desktop-file-validate has remarks";
        const auto metainfo =
            runCommand({"appstreamcli", "validate", "--no-net",
                        m_root->hostPath("/usr/share/metainfo/" + kAppId + ".metainfo.xml")});
        EXPECT_EQ(metainfo.exitCode, 0) << metainfo.out << metainfo.err;
        // What the entry names is there: its program and its icon.
        const std::string text = readFile(desktop);
        EXPECT_NE(text.find("\nExec=coxswain\n"), std::string::npos) << text;
        EXPECT_NE(text.find("\nIcon=" + kAppId + "\n"), std::string::npos) << text;
        EXPECT_TRUE(fs::exists(m_root->hostPath("/usr/bin/coxswain")));
        EXPECT_TRUE(fs::exists(
            m_root->hostPath("/usr/share/icons/hicolor/scalable/apps/" + kAppId + ".svg")));
    }

    // --screenshot FILE: the console saves the window once the board shows its embedded
    // cluster, then quits with 0. Its data goes to the default XDG data dir.
    void checkConsole() {
        const std::string port = std::to_string(freeLoopbackPort());
        const auto console =
            m_root->run({"coxswain", "--screenshot", "/tmp/board.png", "--port", port},
                        {{"QT_QPA_PLATFORM", "offscreen"},
                         {"HOME", "/root"},
                         {"XDG_DATA_HOME", ""},
                         {"XDG_CONFIG_HOME", ""},
                         {"XDG_RUNTIME_DIR", ""}},
                        std::chrono::minutes(3));
        ASSERT_EQ(console.exitCode, 0) << lastLines(console.out + console.err);
        const std::string png = readFile(m_root->hostPath("/tmp/board.png"));
        EXPECT_GT(png.size(), 1000u);
        EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
        EXPECT_TRUE(fs::is_directory(m_root->hostPath(kConsoleData)));
    }

    // The master as its unit runs it; then an upgrade to a higher version of the same payload,
    // after which the same CA serves and the object created before is still there.
    void checkMasterAndUpgrade() {
        std::string error;
        {
            MasterInRoot master(*m_root, m_work, "master-before-upgrade");
            ASSERT_TRUE(master.start("", &error)) << error;
            const auto created = master.api("POST", "/api/v1/namespaces", kProbeNamespace);
            ASSERT_EQ(created.status, 201) << created.body;
            EXPECT_EQ(master.stop(), 0) << master.log();
            fs::copy_file(master.caFile(), m_work + "/ca-before-upgrade.crt");
        }
        const std::string upgrade = m_work + "/coxswain_upgrade.deb";
        ASSERT_TRUE(repackWithVersion(m_deb, std::string(COX_VERSION) + "-2", m_work, upgrade));
        ASSERT_NO_FATAL_FAILURE(aptInstall(upgrade));
        EXPECT_EQ(installedVersion(), std::string(COX_VERSION) + "-2");

        MasterInRoot master(*m_root, m_work, "master-after-upgrade");
        ASSERT_TRUE(master.start(m_work + "/ca-before-upgrade.crt", &error)) << error;
        const auto kept = master.api("GET", "/api/v1/namespaces/kept-by-upgrade");
        EXPECT_EQ(kept.status, 200) << kept.body;
        EXPECT_EQ(master.stop(), 0) << master.log();
    }

    void checkPurge() {
        const auto purge =
            m_root->run({"apt-get", "purge", "-y", "coxswain"},
                        {{"DEBIAN_FRONTEND", "noninteractive"}}, std::chrono::minutes(2));
        ASSERT_EQ(purge.exitCode, 0) << lastLines(purge.out + purge.err);
        EXPECT_FALSE(fs::exists(m_root->hostPath("/usr/bin/coxswain-master")));
        EXPECT_TRUE(fs::exists(m_root->hostPath("/var/lib/coxswain/state.db")));
        EXPECT_TRUE(fs::exists(m_root->hostPath("/var/lib/coxswain/pki/ca.crt")));
#ifdef COX_PACKAGE_HAS_CONSOLE
        EXPECT_TRUE(fs::is_directory(m_root->hostPath(kConsoleData)));
#endif
    }

    // The console's XDG data dir (QStandardPaths::AppDataLocation lies below it).
    static constexpr const char *kConsoleData = "/root/.local/share/coxswain";
    static constexpr const char *kProbeNamespace =
        R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"kept-by-upgrade"}})";

    std::string m_work;
    std::string m_deb;
    std::unique_ptr<DebianRoot> m_root;
};

} // namespace

TEST_F(InstallTest, AptInstallsAndEverythingRunsUpgradesAndPurgeKeepsData) {
    ASSERT_NO_FATAL_FAILURE(aptInstall(m_deb));
    EXPECT_EQ(installedVersion(), std::string(COX_VERSION) + "-1");
    SCOPED_TRACE("root " + m_root->dir());

    ASSERT_NO_FATAL_FAILURE(checkUnit());

    // The agent the console deploys runs on this architecture.
    const std::string arch = runCommand({"dpkg", "--print-architecture"}).out;
    const std::string agent =
        "/usr/lib/coxswain/agents/linux-" + arch.substr(0, arch.find('\n')) + "/coxswain-agent";
    const auto version = m_root->run({agent, "--version"});
    EXPECT_EQ(version.exitCode, 0) << version.err;
    EXPECT_NE(version.out.find(COX_VERSION), std::string::npos) << version.out;
#ifdef COX_PACKAGE_HAS_ARM64_AGENT
    const auto file = runCommand({"file", "-b",
                                  m_root->hostPath("/usr/lib/coxswain/agents/linux-arm64/"
                                                   "coxswain-agent")});
    EXPECT_NE(file.out.find("ARM aarch64"), std::string::npos) << file.out;
#endif

#ifdef COX_PACKAGE_HAS_CONSOLE
    ASSERT_NO_FATAL_FAILURE(checkDesktopFiles());
    ASSERT_NO_FATAL_FAILURE(checkConsole());
#endif
    ASSERT_NO_FATAL_FAILURE(checkMasterAndUpgrade());
    ASSERT_NO_FATAL_FAILURE(checkPurge());
}
