#include "bootstrap/agent_locator.h"

#include "tls/crypto.h"

#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace cox::bootstrap {
namespace fs = std::filesystem;

namespace {

std::string exeDir() {
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

Result<AgentBinary> describe(const std::string &path, const std::string &goArch) {
    AgentBinary b;
    b.path = path;
    b.goArch = AgentLocator::elfArch(path);
    if (b.goArch != goArch)
        return Status(StatusCode::BadRequest,
                      path + " is not a linux-" + goArch + " executable" +
                          (b.goArch.empty() ? "" : " (it is linux-" + b.goArch + ")"));
    auto sha = AgentLocator::sha256OfFile(path);
    if (!sha)
        return sha.status();
    b.sha256 = *sha;
    std::error_code ec;
    b.size = fs::file_size(path, ec);
    return b;
}

} // namespace

std::string AgentLocator::elfArch(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char header[20] = {};
    if (!in.read(reinterpret_cast<char *>(header), sizeof header))
        return {};
    if (header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F' ||
        header[5] != 1) // little-endian only: both supported targets are
        return {};
    const unsigned machine = header[18] | (header[19] << 8);
    if (machine == 62)
        return "amd64";
    if (machine == 183)
        return "arm64";
    return {};
}

Result<std::string> AgentLocator::sha256OfFile(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Status(StatusCode::NotFound, "cannot read " + path);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    std::string buffer(1 << 16, '\0');
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
    }
    std::string digest(EVP_MAX_MD_SIZE, '\0');
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(digest.data()), &len);
    digest.resize(len);
    return tls::hexEncode(digest);
}

std::vector<std::string> AgentLocator::defaultPrefixes() {
    std::vector<std::string> out;
    const std::string dir = exeDir();
    if (!dir.empty())
        out.push_back(fs::path(dir).parent_path().string());
    out.push_back("/usr/local");
    out.push_back("/usr");
    return out;
}

Result<AgentBinary> AgentLocator::find(const std::string &explicitPath, const std::string &goArch,
                                       const std::vector<std::string> &prefixes) {
    if (goArch.empty())
        return Status(StatusCode::BadRequest, "the machine's architecture is not supported "
                                              "(agents exist for amd64 and arm64)");
    if (!explicitPath.empty())
        return describe(explicitPath, goArch);
    std::vector<std::string> candidates;
    for (const auto &prefix : prefixes.empty() ? defaultPrefixes() : prefixes)
        candidates.push_back(prefix + "/lib/coxswain/agents/linux-" + goArch + "/coxswain-agent");
    if (const std::string dir = exeDir(); !dir.empty()) {
        candidates.push_back(dir + "/coxswain-agent");
        // Build trees: backend/master/coxswain-master next to agents/agent/coxswain-agent.
        candidates.push_back(dir + "/../../agents/agent/coxswain-agent");
        candidates.push_back(dir + "/../../agents/coxswain-agent");
    }
    std::string tried;
    for (const auto &c : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(c, ec) && elfArch(c) == goArch)
            return describe(fs::weakly_canonical(c).string(), goArch);
        tried += "\n  " + c;
    }
    return Status(StatusCode::NotFound,
                  "no coxswain-agent for linux-" + goArch + " found; looked in:" + tried);
}

} // namespace cox::bootstrap
