#include "process.h"

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace cox::testing {
namespace {

std::vector<char *> toArgv(const std::vector<std::string> &args) {
    std::vector<char *> out;
    for (const auto &a : args)
        out.push_back(const_cast<char *>(a.c_str()));
    out.push_back(nullptr);
    return out;
}

void applyEnv(const Env &env) {
    for (const auto &[k, v] : env)
        ::setenv(k.c_str(), v.c_str(), 1);
}

// Reads what is available from `fd` into `out`; returns false at EOF.
bool drain(int fd, std::string &out) {
    char buf[8192];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0)
        return false;
    out.append(buf, static_cast<size_t>(n));
    return true;
}

int waitExit(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (r < 0)
            return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
}

} // namespace

CommandResult runCommand(const std::vector<std::string> &argv, const Env &env,
                         std::chrono::milliseconds timeout, const std::string &input) {
    int inPipe[2], outPipe[2], errPipe[2];
    if (::pipe(inPipe) != 0 || ::pipe(outPipe) != 0 || ::pipe(errPipe) != 0)
        return {};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(inPipe[0], 0);
        ::dup2(outPipe[1], 1);
        ::dup2(errPipe[1], 2);
        for (int fd : {inPipe[0], inPipe[1], outPipe[0], outPipe[1], errPipe[0], errPipe[1]})
            ::close(fd);
        applyEnv(env);
        auto args = toArgv(argv);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(inPipe[0]);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    if (!input.empty())
        (void)!::write(inPipe[1], input.data(), input.size());
    ::close(inPipe[1]);

    CommandResult result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool outOpen = true, errOpen = true;
    while ((outOpen || errOpen) && std::chrono::steady_clock::now() < deadline) {
        pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
        if (::poll(fds, 2, 100) <= 0)
            continue;
        if (outOpen && (fds[0].revents & (POLLIN | POLLHUP)))
            outOpen = drain(outPipe[0], result.out);
        if (errOpen && (fds[1].revents & (POLLIN | POLLHUP)))
            errOpen = drain(errPipe[0], result.err);
    }
    ::close(outPipe[0]);
    ::close(errPipe[0]);
    if (outOpen || errOpen)
        ::kill(pid, SIGKILL);
    const int code = waitExit(pid, std::chrono::seconds(10));
    result.exitCode = (outOpen || errOpen) ? -1 : code;
    return result;
}

ChildProcess::~ChildProcess() {
    if (m_pid > 0)
        stop(SIGKILL, std::chrono::seconds(10));
}

bool ChildProcess::start(const std::vector<std::string> &argv, const Env &env,
                         const std::string &logPath) {
    const int logFd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (logFd < 0)
        return false;
    m_pid = ::fork();
    if (m_pid == 0) {
        ::dup2(logFd, 1);
        ::dup2(logFd, 2);
        ::close(logFd);
        const int devnull = ::open("/dev/null", O_RDONLY);
        ::dup2(devnull, 0);
        applyEnv(env);
        auto args = toArgv(argv);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(logFd);
    return m_pid > 0;
}

bool ChildProcess::running() {
    if (m_pid <= 0)
        return false;
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1;
        return false;
    }
    return true;
}

int ChildProcess::stop(int signal, std::chrono::milliseconds timeout) {
    if (m_pid <= 0)
        return -1;
    ::kill(m_pid, signal);
    int code = waitExit(m_pid, timeout);
    if (code == -1) {
        ::kill(m_pid, SIGKILL);
        code = waitExit(m_pid, std::chrono::seconds(10));
    }
    m_pid = -1;
    return code;
}

std::string readFile(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const std::string &path, const std::string &content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

std::string makeTempDir(const std::string &prefix) {
    std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
    char *dir = ::mkdtemp(tmpl.data());
    return dir ? std::string(dir) : std::string();
}

void removeTree(const std::string &path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

bool waitUntil(const std::function<bool()> &probe, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (probe())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return probe();
}

long processRssKb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

pid_t runcContainerPid(const std::string &runcRoot, const std::string &containerId) {
    const auto scheme = containerId.find("://");
    const std::string id =
        scheme == std::string::npos ? containerId : containerId.substr(scheme + 3);
    if (id.empty())
        return -1;
    auto state =
        runCommand({"runc", "--root", runcRoot, "state", id}, {}, std::chrono::seconds(10));
    if (state.exitCode != 0)
        return -1;
    auto parsed = nlohmann::json::parse(state.out, nullptr, false);
    if (!parsed.is_object() || parsed.value("status", "") != "running")
        return -1;
    return parsed.value("pid", -1);
}

} // namespace cox::testing
