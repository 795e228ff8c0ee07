#include "bootstrap/known_hosts.h"

#include "tls/crypto.h"

#include <openssl/evp.h>

#include <algorithm>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::bootstrap {
namespace {

std::mutex g_fileMutex; // flock is per open file description; the mutex covers this process

// Holds flock(LOCK_EX) on "<path>.lock" for a read-modify-write across processes.
class FileLock {
public:
    explicit FileLock(const std::string &path) {
        m_fd = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (m_fd >= 0)
            ::flock(m_fd, LOCK_EX);
    }
    ~FileLock() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool ok() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

std::string base64Decode(const std::string &text) {
    std::string out(text.size(), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0)
        return {};
    size_t len = static_cast<size_t>(n);
    // EVP_DecodeBlock counts padding bytes as data.
    for (size_t i = text.size(); i > 0 && text[i - 1] == '=' && len > 0; --i)
        --len;
    out.resize(len);
    return out;
}

std::vector<std::string> splitComma(const std::string &text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');)
        out.push_back(part);
    return out;
}

} // namespace

std::string KnownHosts::hostEntryName(const std::string &host, uint16_t port) {
    if (port == 22)
        return host;
    return "[" + host + "]:" + std::to_string(port);
}

std::string KnownHosts::fingerprintOf(const std::string &base64Blob) {
    std::string digest(EVP_MAX_MD_SIZE, '\0');
    unsigned int len = 0;
    const std::string blob = base64Decode(base64Blob);
    EVP_Digest(blob.data(), blob.size(), reinterpret_cast<unsigned char *>(digest.data()), &len,
               EVP_sha256(), nullptr);
    digest.resize(len);
    std::string b64 = tls::base64Encode(digest);
    while (!b64.empty() && b64.back() == '=')
        b64.pop_back();
    return "SHA256:" + b64;
}

bool KnownHosts::parse(const std::string &line, Entry &entry) {
    std::istringstream in(line);
    std::string names;
    if (!(in >> names >> entry.type >> entry.base64) || names.empty() || names[0] == '#')
        return false;
    if (names[0] == '@' || names[0] == '|') // markers and hashed names: not written by us
        return false;
    entry.names = splitComma(names);
    return true;
}

Result<std::vector<std::string>> KnownHosts::readLines() const {
    std::ifstream in(m_path);
    std::vector<std::string> lines;
    if (!in) {
        if (!std::filesystem::exists(m_path))
            return lines;
        return Status(StatusCode::Internal, "cannot read " + m_path);
    }
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

Result<HostKeyState> KnownHosts::check(const std::string &host, uint16_t port,
                                       const HostKey &key) const {
    std::lock_guard guard(g_fileMutex);
    auto lines = readLines();
    if (!lines)
        return lines.status();
    const std::string name = hostEntryName(host, port);
    bool sameType = false, otherType = false;
    for (const auto &line : *lines) {
        Entry e;
        if (!parse(line, e) || std::find(e.names.begin(), e.names.end(), name) == e.names.end())
            continue;
        if (e.type == key.type && e.base64 == key.base64)
            return HostKeyState::Trusted;
        (e.type == key.type ? sameType : otherType) = true;
    }
    if (sameType)
        return HostKeyState::Changed;
    return otherType ? HostKeyState::OtherType : HostKeyState::Unknown;
}

Status KnownHosts::add(const std::string &host, uint16_t port, const HostKey &key) {
    std::lock_guard guard(g_fileMutex);
    const auto parent = std::filesystem::path(m_path).parent_path();
    std::error_code ec;
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    FileLock lock(m_path);
    if (!lock.ok())
        return {StatusCode::Internal, "cannot lock " + m_path};
    auto lines = readLines();
    if (!lines)
        return lines.status();
    const std::string name = hostEntryName(host, port);
    for (const auto &line : *lines) {
        Entry e;
        if (!parse(line, e) || std::find(e.names.begin(), e.names.end(), name) == e.names.end())
            continue;
        if (e.type == key.type && e.base64 == key.base64)
            return Status::ok();
        return {StatusCode::Conflict, name + " already has another host key in " + m_path};
    }
    std::ofstream out(m_path, std::ios::app);
    out << name << " " << key.type << " " << key.base64 << "\n";
    out.flush();
    if (!out)
        return {StatusCode::Internal, "cannot write " + m_path};
    ::chmod(m_path.c_str(), 0600);
    return Status::ok();
}

Status KnownHosts::remove(const std::string &host, uint16_t port) {
    std::lock_guard guard(g_fileMutex);
    FileLock lock(m_path);
    auto lines = readLines();
    if (!lines)
        return lines.status();
    const std::string name = hostEntryName(host, port);
    std::string kept;
    for (const auto &line : *lines) {
        Entry e;
        if (parse(line, e) && std::find(e.names.begin(), e.names.end(), name) != e.names.end())
            continue;
        kept += line + "\n";
    }
    return tls::writeFileAtomic(m_path, kept, 0600);
}

} // namespace cox::bootstrap
