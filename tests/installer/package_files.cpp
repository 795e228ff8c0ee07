#include "package_files.h"

#include "process.h"

#include <filesystem>
#include <sstream>

namespace cox::testing {
namespace {

std::vector<std::string> lines(const std::string &text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            out.push_back(line);
    return out;
}

std::string findWithSuffix(const std::string &dir, const std::string &suffix) {
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return entry.path().string();
    }
    return {};
}

} // namespace

bool buildPackages(const std::string &buildDir, const std::string &generators,
                   const std::string &outDir, BuiltPackages *packages, std::string *error) {
    const auto cpack = runCommand(
        {"cpack", "--config", buildDir + "/CPackConfig.cmake", "-G", generators, "-B", outDir}, {},
        std::chrono::minutes(5));
    if (cpack.exitCode != 0) {
        *error =
            "cpack failed (exit " + std::to_string(cpack.exitCode) + "):\n" + cpack.out + cpack.err;
        return false;
    }
    if (generators.find("DEB") != std::string::npos)
        packages->deb = findWithSuffix(outDir, ".deb");
    if (generators.find("TGZ") != std::string::npos)
        packages->tgz = findWithSuffix(outDir, ".tar.gz");
    const bool debMissing = generators.find("DEB") != std::string::npos && packages->deb.empty();
    const bool tgzMissing = generators.find("TGZ") != std::string::npos && packages->tgz.empty();
    if (debMissing || tgzMissing) {
        *error = "cpack succeeded but left no package in " + outDir + ":\n" + cpack.out;
        return false;
    }
    return true;
}

std::string debField(const std::string &deb, const std::string &field) {
    std::string value = runCommand({"dpkg-deb", "--field", deb, field}).out;
    while (!value.empty() && value.back() == '\n')
        value.pop_back();
    return value;
}

std::vector<std::string> debPaths(const std::string &deb) {
    // --fsys-tarfile | tar -t gives "./usr/bin/coxswain" without dpkg-deb -c's ls columns.
    const auto listed = runCommand({"sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -t", deb});
    std::vector<std::string> paths;
    for (std::string path : lines(listed.out)) {
        if (path.rfind("./", 0) == 0)
            path.erase(0, 1);
        if (path.size() > 1 && path.back() == '/')
            path.pop_back();
        paths.push_back(path);
    }
    return paths;
}

std::vector<std::string> tarPaths(const std::string &tgz) {
    return lines(runCommand({"tar", "-tzf", tgz}).out);
}

bool repackWithVersion(const std::string &deb, const std::string &version,
                       const std::string &workDir, const std::string &outDeb) {
    const std::string tree = workDir + "/repack";
    if (runCommand({"dpkg-deb", "-R", deb, tree}).exitCode != 0)
        return false;
    const std::string control = tree + "/DEBIAN/control";
    std::istringstream in(readFile(control));
    std::string rewritten;
    for (std::string line; std::getline(in, line);)
        rewritten += (line.rfind("Version:", 0) == 0 ? "Version: " + version : line) + "\n";
    writeFile(control, rewritten);
    return runCommand({"dpkg-deb", "--build", "--root-owner-group", tree, outDeb}).exitCode == 0;
}

} // namespace cox::testing
