// KnownHosts: the application's own known_hosts file (OpenSSH's format: "host type base64" with
// "[host]:port" for other ports), never the user's ~/.ssh/known_hosts. check() says whether a
// host key is trusted, unknown, changed, or of another type than the one recorded; only an
// unknown key may be added, and only after the caller confirmed its fingerprint. Safe to use from
// several threads and processes (a mutex plus flock around each read-modify-write).
#pragma once

#include "bootstrap/ssh_session.h"
#include "common/result.h"

#include <string>
#include <vector>

namespace cox::bootstrap {

enum class HostKeyState { Trusted, Unknown, Changed, OtherType };

class KnownHosts {
public:
    explicit KnownHosts(std::string path)
        : m_path(std::move(path)) {}

    // The name a host has in the file: "10.0.0.5", "[10.0.0.5]:2222", "[::1]:2222".
    static std::string hostEntryName(const std::string &host, uint16_t port);
    // "SHA256:..." of a base64 key blob, as OpenSSH prints fingerprints.
    static std::string fingerprintOf(const std::string &base64Blob);

    Result<HostKeyState> check(const std::string &host, uint16_t port, const HostKey &key) const;
    // Records `key` for the host; refuses when the host already has a different key.
    Status add(const std::string &host, uint16_t port, const HostKey &key);
    // Forgets every key of the host (the user confirmed the machine was reinstalled).
    Status remove(const std::string &host, uint16_t port);

    const std::string &path() const { return m_path; }

private:
    struct Entry {
        std::vector<std::string> names;
        std::string type;
        std::string base64;
    };
    Result<std::vector<std::string>> readLines() const;
    static bool parse(const std::string &line, Entry &entry);

    std::string m_path;
};

} // namespace cox::bootstrap
