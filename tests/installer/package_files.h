// Helpers over built packages: run cpack in a build tree, and read a .deb's control fields and
// file list or a tarball's file list with the Debian tools, so tests check what a user receives.
#pragma once

#include <string>
#include <vector>

namespace cox::testing {

struct BuiltPackages {
    std::string deb; // path of coxswain_<version>-<release>_<arch>.deb, empty if not asked for
    std::string tgz; // path of coxswain-<version>-linux-<arch>.tar.gz, empty if not asked for
};

// Runs `cpack -G <generators>` on buildDir's CPackConfig.cmake with the output in outDir.
// Returns false with cpack's output in *error when it fails or leaves no package.
bool buildPackages(const std::string &buildDir, const std::string &generators,
                   const std::string &outDir, BuiltPackages *packages, std::string *error);

// One control field of a .deb (dpkg-deb --field), without the trailing newline.
std::string debField(const std::string &deb, const std::string &field);
// Paths in a .deb's data part, as "/usr/bin/coxswain".
std::vector<std::string> debPaths(const std::string &deb);
// Paths in a .tar.gz, as "coxswain-0.1.0-linux-amd64/bin/coxswain".
std::vector<std::string> tarPaths(const std::string &tgz);
// Writes a copy of `deb` whose control file says Version: `version` (an upgrade candidate with
// the same payload). Returns false on failure.
bool repackWithVersion(const std::string &deb, const std::string &version,
                       const std::string &workDir, const std::string &outDeb);

} // namespace cox::testing
