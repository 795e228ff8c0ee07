// What the packages carry: the .deb (control fields, files, no maintainer scripts) and the
// .tar.gz, built with cpack from this build tree. install_test.cpp installs the .deb.
#include "package_files.h"
#include "process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <unistd.h>

using namespace cox::testing;

namespace {

const std::string kAppId = "io.coxswain.Coxswain";
const std::vector<int> kIconSizes = {16, 24, 32, 48, 64, 128, 256, 512};

bool onPath(const std::string &tool) {
    return runCommand({"sh", "-c", "command -v \"$0\"", tool}).exitCode == 0;
}

std::string nativeArch() {
    std::string arch = runCommand({"dpkg", "--print-architecture"}).out;
    arch.erase(std::remove(arch.begin(), arch.end(), '\n'), arch.end());
    return arch;
}

bool contains(const std::vector<std::string> &paths, const std::string &path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
}

// Paths (relative to the prefix) every package carries.
std::vector<std::string> expectedPaths() {
    const std::string agents = "lib/coxswain/agents/";
    std::vector<std::string> paths{"bin/coxswain-master",
                                   agents + "linux-" + nativeArch() + "/coxswain-agent",
                                   "lib/systemd/system/coxswain-master.service"};
#ifdef COX_PACKAGE_HAS_ARM64_AGENT
    paths.push_back(agents + "linux-arm64/coxswain-agent");
#endif
#ifdef COX_PACKAGE_HAS_CONSOLE
    paths.push_back("bin/coxswain");
    paths.push_back("share/applications/" + kAppId + ".desktop");
    paths.push_back("share/metainfo/" + kAppId + ".metainfo.xml");
    paths.push_back("share/icons/hicolor/scalable/apps/" + kAppId + ".svg");
    for (int size : kIconSizes) {
        const std::string dim = std::to_string(size) + "x" + std::to_string(size);
        paths.push_back("share/icons/hicolor/" + dim + "/apps/" + kAppId + ".png");
    }
#endif
    return paths;
}

class TempDir {
public:
    TempDir()
        : m_path(makeTempDir("cox-installer")) {}
    ~TempDir() { removeTree(m_path); }
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace

TEST(InstallerPackages, DebAndTarballCarryTheConsoleMasterAgentsAndDesktopFiles) {
    if (!onPath("cpack") || !onPath("dpkg-shlibdeps"))
        GTEST_SKIP() << "needs cpack (cmake) and dpkg-shlibdeps (dpkg-dev)";
    TempDir out;
    BuiltPackages packages;
    std::string error;
    ASSERT_TRUE(buildPackages(COX_BUILD_DIR, "DEB;TGZ", out.path(), &packages, &error)) << error;

    EXPECT_EQ(debField(packages.deb, "Package"), "coxswain");
    EXPECT_EQ(debField(packages.deb, "Version"), std::string(COX_VERSION) + "-1");
    EXPECT_EQ(debField(packages.deb, "Architecture"), nativeArch());
    const std::string depends = debField(packages.deb, "Depends");
    EXPECT_NE(depends.find("libc6"), std::string::npos) << depends;
#ifdef COX_PACKAGE_HAS_CONSOLE
    EXPECT_NE(depends.find("libqt6widgets6"), std::string::npos) << depends;
#endif

    const auto debFiles = debPaths(packages.deb);
    for (const auto &path : expectedPaths())
        EXPECT_TRUE(contains(debFiles, "/usr/" + path)) << "missing from the .deb: /usr/" << path;
    for (const auto &path : debFiles) {
        // Files under /var or /etc would be removed or kept by dpkg at its discretion; the
        // cluster's state must never be package-owned. Nothing enables the unit either.
        EXPECT_NE(path.rfind("/var/", 0), 0u) << path;
        EXPECT_NE(path.rfind("/etc/", 0), 0u) << path;
    }
    // No maintainer scripts: nothing enables the unit on install or deletes data on purge.
    const auto control =
        runCommand({"sh", "-c", "dpkg-deb --ctrl-tarfile \"$0\" | tar -t", packages.deb}).out;
    for (const char *script : {"preinst", "postinst", "prerm", "postrm"})
        EXPECT_EQ(control.find(script), std::string::npos) << control;

    const std::string top = "coxswain-" + std::string(COX_VERSION) + "-linux-" + nativeArch();
    const auto tarFiles = tarPaths(packages.tgz);
    for (const auto &path : expectedPaths())
        EXPECT_TRUE(contains(tarFiles, top + "/" + path)) << "missing from the tarball: " << path;
}
