// A real coxswain-master process on a loopback port with its own data dir, driven with the
// preinstalled kubectl through the kubeconfig the master writes.
#pragma once

#include "process.h"

#include <string>
#include <vector>

namespace cox::testing {

class MasterProcess {
public:
    MasterProcess();
    ~MasterProcess();

    // Starts (or restarts, keeping the data dir) the master and waits until /readyz answers.
    bool start();
    // SIGTERM, then waits for a clean exit; returns the exit code.
    int stop();

    // Runs kubectl against this master: `kubectl <args>` with the admin kubeconfig and a private
    // HOME (so kubectl's discovery cache never leaks between tests).
    CommandResult kubectl(const std::vector<std::string> &args, const std::string &stdinText = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));
    // Starts a long-running kubectl (e.g. `get -w`) whose output goes to `logPath`.
    bool startKubectl(ChildProcess &child, const std::vector<std::string> &args,
                      const std::string &logPath);

    const std::string &dir() const { return m_dir; }
    const std::string &kubeconfig() const { return m_kubeconfig; }
    std::string log() const { return readFile(m_dir + "/master.log"); }
    int port() const { return m_port; }

private:
    std::vector<std::string> kubectlArgv(const std::vector<std::string> &args) const;
    Env kubectlEnv() const;

    std::string m_dir;
    std::string m_kubeconfig;
    int m_port = 0;
    ChildProcess m_process;
};

} // namespace cox::testing
