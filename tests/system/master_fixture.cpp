#include "master_fixture.h"

#include <csignal>
#include <filesystem>

namespace cox::testing {

MasterProcess::MasterProcess()
    : m_dir(makeTempDir("cox-master"))
    , m_kubeconfig(m_dir + "/admin.kubeconfig")
    , m_port(freeLoopbackPort()) {
    std::filesystem::create_directories(m_dir + "/home");
}

MasterProcess::~MasterProcess() {
    stop();
    if (!::getenv("COX_KEEP_TEST_DIRS"))
        removeTree(m_dir);
}

bool MasterProcess::start() {
    const std::vector<std::string> argv = {COX_MASTER_BIN,
                                           "--data-dir",
                                           m_dir + "/data",
                                           "--listen",
                                           "127.0.0.1:" + std::to_string(m_port),
                                           "--write-kubeconfig",
                                           m_kubeconfig};
    if (!m_process.start(argv, {}, m_dir + "/master.log"))
        return false;
    return waitUntil(
        [&] {
            if (!m_process.running())
                return false;
            const auto r = kubectl({"get", "--raw", "/readyz"}, {}, std::chrono::seconds(5));
            return r.exitCode == 0 && r.out.find("ok") != std::string::npos;
        },
        std::chrono::seconds(30));
}

int MasterProcess::stop() {
    if (!m_process.running())
        return -1;
    return m_process.stop(SIGTERM);
}

std::vector<std::string> MasterProcess::kubectlArgv(const std::vector<std::string> &args) const {
    std::vector<std::string> argv = {"kubectl", "--kubeconfig", m_kubeconfig};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

Env MasterProcess::kubectlEnv() const {
    return {{"HOME", m_dir + "/home"}, {"KUBECONFIG", m_kubeconfig}};
}

CommandResult MasterProcess::kubectl(const std::vector<std::string> &args,
                                     const std::string &stdinText,
                                     std::chrono::milliseconds timeout) {
    return runCommand(kubectlArgv(args), kubectlEnv(), timeout, stdinText);
}

bool MasterProcess::startKubectl(ChildProcess &child, const std::vector<std::string> &args,
                                 const std::string &logPath) {
    return child.start(kubectlArgv(args), kubectlEnv(), logPath);
}

} // namespace cox::testing
