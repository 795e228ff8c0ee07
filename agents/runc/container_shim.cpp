#include "runc/container_shim.h"

#include "runc/cri_log_stream.h"
#include "runc/json_file.h"
#include "runc/spawn_attributes.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace cox::agent::runc {
namespace {

// Everything the shim needs, as C strings prepared before it forks runc.
struct ShimPlan {
    std::vector<std::string> argvStorage;
    std::vector<char *> argv;
    const ShimSpec *spec = nullptr;
    std::string exitTempPath;
    std::vector<const char *> oomFiles;
};

// ---- async-signal-safe helpers (no allocation, no locks) ----

void writeAll(int fd, const char *data, size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        data += n;
        size -= static_cast<size_t>(n);
    }
}

size_t formatUnsigned(char *out, unsigned long long value, int minDigits) {
    char digits[24];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 || count < minDigits);
    for (int i = 0; i < count; ++i)
        out[i] = digits[count - 1 - i];
    return static_cast<size_t>(count);
}

long long readCounter(const char *path, const char *key) {
    int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char text[4096];
    ssize_t n = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    size_t keyLength = std::strlen(key);
    for (char *line = text; line && *line;) {
        if (std::strncmp(line, key, keyLength) == 0 && line[keyLength] == ' ') {
            long long value = 0;
            for (char *p = line + keyLength + 1; *p >= '0' && *p <= '9'; ++p)
                value = value * 10 + (*p - '0');
            return value;
        }
        line = std::strchr(line, '\n');
        if (line)
            ++line;
    }
    return -1;
}

pid_t readPidFile(const char *path) {
    int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char text[32] = {};
    ssize_t n = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    pid_t pid = 0;
    for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9'; ++i)
        pid = pid * 10 + (text[i] - '0');
    return pid > 0 ? pid : -1;
}

int decodeStatus(int status) {
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 255;
}

void writeExitRecord(const ShimPlan &plan, int exitCode, bool oomKilled) {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    char text[128];
    size_t n = formatUnsigned(text, static_cast<unsigned long long>(exitCode), 1);
    const char *reason = oomKilled ? " OOMKilled " : exitCode == 0 ? " Completed " : " Error ";
    for (const char *p = reason; *p; ++p)
        text[n++] = *p;
    n += formatUnsigned(text + n, static_cast<unsigned long long>(now.tv_sec), 1);
    text[n++] = '.';
    n += formatUnsigned(text + n, static_cast<unsigned long long>(now.tv_nsec), 9);
    text[n++] = '\n';
    int fd = ::open(plan.exitTempPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    writeAll(fd, text, n);
    ::fsync(fd);
    ::close(fd);
    ::rename(plan.exitTempPath.c_str(), plan.spec->exitCodePath.c_str());
}

struct Reaped {
    pid_t pid;
    int status;
};

// The shim proper, in the grandchild. Never returns.
[[noreturn]] void runShim(const ShimPlan &plan, int statusFd) {
    const ShimSpec &spec = *plan.spec;
    sigset_t none, chld;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig)
        ::sigaction(sig, &dfl, nullptr);
    // An agent that dies while we report must not take the supervisor with it (SIGPIPE on the
    // status pipe); runc gets the default back below, as ignored signals survive exec.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, nullptr);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    // Keep only the status pipe (as fd 3) of everything the agent had open.
    if (::dup2(statusFd, 3) < 0)
        ::_exit(120);
    ::fcntl(3, F_SETFD, FD_CLOEXEC);
    ::syscall(SYS_close_range, 4U, ~0U, 0U);
    statusFd = 3;
    int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    int lockFd = ::open(spec.lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    int logFd = ::open(spec.logPath.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    // Let go of the agent's stdio too: a test runner or log collector waiting for EOF on the
    // agent's output must not wait for every container.
    for (int stdFd = 0; stdFd <= 2 && devNull >= 0; ++stdFd)
        ::dup2(devNull, stdFd);
    int outPipe[2], errPipe[2];
    if (devNull < 0 || lockFd < 0 || logFd < 0 || ::flock(lockFd, LOCK_EX) != 0 ||
        ::pipe2(outPipe, O_CLOEXEC) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0) {
        int code = 121;
        writeAll(statusFd, reinterpret_cast<const char *>(&code), sizeof code);
        ::_exit(121);
    }
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &chld, nullptr);
    int sigFd = ::signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);

    pid_t runcPid = ::fork();
    if (runcPid == 0) {
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::sigaction(SIGPIPE, &dfl, nullptr);
        ::dup2(devNull, 0);
        ::dup2(outPipe[1], 1);
        ::dup2(errPipe[1], 2);
        ::execve(plan.argv[0], plan.argv.data(), environ);
        ::_exit(127);
    }
    ::close(outPipe[1]);
    ::close(errPipe[1]);

    CriLogStream out("stdout", outPipe[0]);
    CriLogStream err("stderr", errPipe[0]);
    bool outOpen = true, errOpen = true;
    pid_t initPid = -1;
    bool runcDone = false, initDone = false;
    int initStatus = 0;
    Reaped early[64];
    int earlyCount = 0;
    timespec initExitAt{};

    while (true) {
        if ((runcDone && initPid < 0) || initDone) {
            // Done once the pipes drained; stragglers holding them get two seconds.
            if (!outOpen && !errOpen)
                break;
            timespec now{};
            ::clock_gettime(CLOCK_MONOTONIC, &now);
            if (initDone && now.tv_sec - initExitAt.tv_sec > 2)
                break;
        }
        pollfd fds[3] = {{outOpen ? out.fd() : -1, POLLIN, 0},
                         {errOpen ? err.fd() : -1, POLLIN, 0},
                         {sigFd, POLLIN, 0}};
        if (::poll(fds, 3, 500) < 0 && errno != EINTR)
            break;
        if (outOpen && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
            outOpen = out.pump(logFd);
        if (errOpen && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
            errOpen = err.pump(logFd);
        signalfd_siginfo info;
        while (::read(sigFd, &info, sizeof info) > 0) {
        }
        int status = 0;
        pid_t pid;
        while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
            if (pid == runcPid) {
                runcDone = true;
                int code = decodeStatus(status);
                if (code == 0)
                    initPid = readPidFile(spec.pidFile.c_str());
                if (initPid < 0 && code == 0)
                    code = 122;
                writeAll(statusFd, reinterpret_cast<const char *>(&code), sizeof code);
                ::close(statusFd);
                for (int i = 0; i < earlyCount; ++i) {
                    if (early[i].pid == initPid) {
                        initDone = true;
                        initStatus = early[i].status;
                        ::clock_gettime(CLOCK_MONOTONIC, &initExitAt);
                    }
                }
            } else if (initPid > 0 && pid == initPid) {
                initDone = true;
                initStatus = status;
                ::clock_gettime(CLOCK_MONOTONIC, &initExitAt);
            } else if (!runcDone && earlyCount < 64) {
                early[earlyCount++] = {pid, status};
            }
        }
    }
    out.flush(logFd);
    err.flush(logFd);
    if (initDone) {
        bool oom = false;
        for (const char *file : plan.oomFiles) {
            long long kills = readCounter(file, "oom_kill");
            if (kills >= 0) {
                oom = kills > 0;
                break;
            }
        }
        writeExitRecord(plan, decodeStatus(initStatus), oom);
    }
    ::_exit(0);
}

// `run --detach` is create + start in one runc process: a second Go binary start per
// container (`runc start`) is CPU a burst of pods queues on.
ShimPlan planFor(const ShimSpec &spec) {
    ShimPlan plan;
    plan.spec = &spec;
    plan.exitTempPath = spec.exitCodePath + ".tmp";
    plan.argvStorage = {spec.runcPath,    "--root",     spec.runcRoot, "--log",
                        spec.runcLogPath, "run",        "--detach",    "--bundle",
                        spec.bundleDir,   "--pid-file", spec.pidFile,  spec.containerId};
    for (auto &arg : plan.argvStorage)
        plan.argv.push_back(arg.data());
    plan.argv.push_back(nullptr);
    for (const auto &file : spec.oomCounterFiles)
        plan.oomFiles.push_back(file.c_str());
    return plan;
}

// The spec as the shim's command line, in ShimSpec's field order; oomCounterFiles last.
std::vector<std::string> commandLine(const ShimSpec &spec) {
    std::vector<std::string> args = {
        spec.executable,  ContainerShim::kCommand, spec.runcPath, spec.runcRoot,
        spec.containerId, spec.bundleDir,          spec.pidFile,  spec.logPath,
        spec.runcLogPath, spec.exitCodePath,       spec.lockPath};
    args.insert(args.end(), spec.oomCounterFiles.begin(), spec.oomCounterFiles.end());
    return args;
}

constexpr int kFixedArgs = 11; // executable, command and the nine paths above

// Starts `<executable> container-shim ...` with the status pipe as its fd 3. A fresh exec, not
// a fork of the agent: a forked copy shares the agent's pages copy-on-write for the container's
// whole life, and every page the agent writes afterwards is copied - measured at about a third
// of the agent's CPU in a burst of pods.
Result<pid_t> spawnShim(const ShimSpec &spec, int statusWrite) {
    std::vector<std::string> args = commandLine(spec);
    std::vector<char *> argv;
    for (auto &arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, statusWrite, 3);
    posix_spawn_file_actions_addclosefrom_np(&actions, 4);
    SpawnAttributes attr;
    pid_t pid = -1;
    int rc =
        ::posix_spawn(&pid, spec.executable.c_str(), &actions, attr.get(), argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return Status(StatusCode::Internal, "start the container supervisor " + spec.executable +
                                                ": " + std::strerror(rc));
    return pid;
}

} // namespace

Status ContainerShim::launch(const ShimSpec &spec, std::chrono::milliseconds timeout) {
    int statusPipe[2];
    if (::pipe2(statusPipe, O_CLOEXEC) != 0)
        return Status(StatusCode::Internal, std::string("pipe: ") + std::strerror(errno));
    auto child = spawnShim(spec, statusPipe[1]);
    ::close(statusPipe[1]);
    if (!child) {
        ::close(statusPipe[0]);
        return child.status();
    }
    // The spawned process forks the shim proper and exits at once.
    int childStatus = 0;
    while (::waitpid(*child, &childStatus, 0) < 0 && errno == EINTR) {
    }
    pollfd fd = {statusPipe[0], POLLIN, 0};
    int code = -1;
    int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
    ssize_t n = ready > 0 ? ::read(statusPipe[0], &code, sizeof code) : 0;
    ::close(statusPipe[0]);
    if (ready == 0)
        return Status(StatusCode::Timeout, "runc run did not finish in time");
    if (n != sizeof code)
        return Status(StatusCode::Internal, "container supervisor exited before runc run");
    if (code == 0)
        return Status::ok();
    auto log = JsonFile::readText(spec.runcLogPath);
    std::string detail = log ? *log : std::string();
    if (detail.size() > 2000)
        detail = detail.substr(detail.size() - 2000);
    return Status(StatusCode::Internal,
                  "runc run failed (" + std::to_string(code) + "): " + detail);
}

int ContainerShim::main(int argc, char **argv) {
    if (argc < kFixedArgs || std::strcmp(argv[1], kCommand) != 0)
        return 2;
    ShimSpec spec;
    std::string *fields[] = {&spec.runcPath,    &spec.runcRoot,     &spec.containerId,
                             &spec.bundleDir,   &spec.pidFile,      &spec.logPath,
                             &spec.runcLogPath, &spec.exitCodePath, &spec.lockPath};
    for (int i = 0; i < 9; ++i)
        *fields[i] = argv[2 + i];
    for (int i = kFixedArgs; i < argc; ++i)
        spec.oomCounterFiles.emplace_back(argv[i]);
    ShimPlan plan = planFor(spec);
    // Nobody's child: the agent reaps this first process at once, and the shim outlives an
    // agent restart.
    pid_t shim = ::fork();
    if (shim != 0)
        return shim < 0 ? 1 : 0;
    ::setsid();
    runShim(plan, 3);
}

bool ContainerShim::alive(const std::string &lockPath) {
    int fd = ::open(lockPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool locked = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd);
    return locked;
}

Result<ExitRecord> ContainerShim::readExit(const std::string &exitCodePath) {
    auto text = JsonFile::readText(exitCodePath);
    if (!text)
        return text.status();
    std::istringstream in(*text);
    ExitRecord record;
    std::string finished;
    if (!(in >> record.exitCode >> record.reason >> finished))
        return Status(StatusCode::Internal, exitCodePath + ": malformed");
    auto dot = finished.find('.');
    long long seconds = std::stoll(finished.substr(0, dot));
    long long nanos = dot == std::string::npos ? 0 : std::stoll(finished.substr(dot + 1));
    record.finishedAt = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(seconds) + std::chrono::nanoseconds(nanos)));
    return record;
}

} // namespace cox::agent::runc
