// MasterInRoot: the installed coxswain-master run inside a DebianRoot exactly as its systemd unit
// runs it (the unit's ExecStart, plus --listen on a free loopback port so tests never collide),
// and reached from the host over HTTPS with the CA and admin token it wrote to its data dir.
#pragma once

#include "debian_root.h"
#include "process.h"

#include <string>
#include <vector>

namespace cox::testing {

struct ApiReply {
    int status = 0; // HTTP status; 0 when curl could not connect
    std::string body;
};

class MasterInRoot {
public:
    static constexpr const char *kUnitPath = "/usr/lib/systemd/system/coxswain-master.service";
    static constexpr const char *kDataDir = "/var/lib/coxswain";

    // ExecStart of an installed unit file, split on spaces (the unit uses no quoting).
    static std::vector<std::string> execStart(const std::string &unitFile);

    // The master's output goes to workDir/<name>.log.
    MasterInRoot(const DebianRoot &root, const std::string &workDir, const std::string &name);
    ~MasterInRoot() { stop(); }

    // Starts the master and waits (bounded) until /readyz answers "ok" over HTTPS verified with
    // `caFile` (empty: the CA in the data dir, once the master has written it).
    bool start(const std::string &caFile, std::string *error);
    // SIGTERM and the exit code (-1 if it had to be killed).
    int stop();
    // Calls the API as the admin of the master's kubeconfig; body is JSON (empty for GET).
    ApiReply api(const std::string &method, const std::string &path,
                 const std::string &body = {}) const;
    std::string caFile() const { return m_root.hostPath(std::string(kDataDir) + "/pki/ca.crt"); }
    std::string log() const { return readFile(m_logPath); }

private:
    // curl arguments that send the admin token (none before the kubeconfig exists).
    std::vector<std::string> authorization() const;
    ApiReply curl(const std::vector<std::string> &extra, const std::string &caFile,
                  const std::string &path) const;

    const DebianRoot &m_root;
    std::string m_workDir;
    std::string m_logPath;
    int m_port = 0;
    ChildProcess m_process;
};

} // namespace cox::testing
