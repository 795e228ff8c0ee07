#include "master_in_root.h"

#include <csignal>
#include <cstdlib>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::testing {
namespace {

std::string trim(std::string text) {
    const auto first = text.find_first_not_of(" \t\"'");
    const auto last = text.find_last_not_of(" \t\"'\r");
    return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// The bearer token of the kubeconfig the master wrote (auth::renderKubeconfig's `token:` line).
std::string kubeconfigToken(const std::string &kubeconfig) {
    std::istringstream in(kubeconfig);
    for (std::string line; std::getline(in, line);) {
        const auto at = line.find("token:");
        if (at != std::string::npos)
            return trim(line.substr(at + 6));
    }
    return {};
}

} // namespace

std::vector<std::string> MasterInRoot::execStart(const std::string &unitFile) {
    std::istringstream in(readFile(unitFile));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("ExecStart=", 0) != 0)
            continue;
        std::istringstream words(line.substr(10));
        std::vector<std::string> argv;
        for (std::string word; words >> word;)
            argv.push_back(word);
        return argv;
    }
    return {};
}

MasterInRoot::MasterInRoot(const DebianRoot &root, const std::string &workDir,
                           const std::string &name)
    : m_root(root)
    , m_workDir(workDir)
    , m_logPath(workDir + "/" + name + ".log") {}

bool MasterInRoot::start(const std::string &caFile, std::string *error) {
    auto argv = execStart(m_root.hostPath(kUnitPath));
    if (argv.empty()) {
        *error = std::string("no ExecStart in ") + kUnitPath;
        return false;
    }
    m_port = freeLoopbackPort();
    argv.push_back("--listen=127.0.0.1:" + std::to_string(m_port));
    // systemd's StateDirectory= makes the data dir; outside systemd the test does it.
    ::mkdir(m_root.hostPath(kDataDir).c_str(), 0700);
    if (!m_process.start(m_root.chrootArgv(argv), {}, m_logPath)) {
        *error = "cannot start " + argv.front();
        return false;
    }
    bool ready = false;
    waitUntil(
        [&] {
            const std::string ca = caFile.empty() ? this->caFile() : caFile;
            // /readyz wants an authenticated caller: the admin of the kubeconfig it writes.
            ready = ::access(ca.c_str(), R_OK) == 0 &&
                    curl(authorization(), ca, "/readyz").body == "ok";
            return ready || !m_process.running(); // an exited master will not get ready
        },
        std::chrono::seconds(90));
    if (!ready)
        *error = "coxswain-master did not become ready; its log:\n" + log();
    return ready;
}

int MasterInRoot::stop() {
    return m_process.pid() > 0 ? m_process.stop(SIGTERM) : -1;
}

std::vector<std::string> MasterInRoot::authorization() const {
    const std::string token =
        kubeconfigToken(readFile(m_root.hostPath(std::string(kDataDir) + "/admin.kubeconfig")));
    if (token.empty())
        return {};
    // The token goes through a 0600 file, never a command line other users could read.
    const std::string header = m_workDir + "/authorization.header";
    writeFile(header, "Authorization: Bearer " + token + "\n");
    ::chmod(header.c_str(), 0600);
    return {"-H", "@" + header};
}

ApiReply MasterInRoot::api(const std::string &method, const std::string &path,
                           const std::string &body) const {
    std::vector<std::string> extra = authorization();
    extra.insert(extra.end(), {"-X", method});
    if (!body.empty())
        extra.insert(extra.end(), {"-H", "Content-Type: application/json", "--data-binary", body});
    return curl(extra, caFile(), path);
}

ApiReply MasterInRoot::curl(const std::vector<std::string> &extra, const std::string &caFile,
                            const std::string &path) const {
    // The status code goes on a line of its own after the body.
    std::vector<std::string> argv{"curl",     "-sS",  "--max-time", "10",
                                  "--cacert", caFile, "-w",         "\n%{http_code}"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back("https://127.0.0.1:" + std::to_string(m_port) + path);
    const auto result = runCommand(argv, {}, std::chrono::seconds(20));
    ApiReply reply;
    const auto cut = result.out.rfind('\n');
    if (result.exitCode != 0 || cut == std::string::npos)
        return reply;
    reply.status = std::atoi(result.out.c_str() + cut + 1);
    reply.body = result.out.substr(0, cut);
    return reply;
}

} // namespace cox::testing
