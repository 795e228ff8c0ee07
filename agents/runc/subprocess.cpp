#include "runc/subprocess.h"
#include "runc/spawn_attributes.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace cox::agent::runc {
namespace {

// Owns a descriptor; closes it once.
struct Fd {
    int fd = -1;
    ~Fd() { reset(); }
    void reset() {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

std::vector<char *> cStrings(const std::vector<std::string> &items) {
    std::vector<char *> out;
    out.reserve(items.size() + 1);
    for (const auto &item : items)
        out.push_back(const_cast<char *>(item.c_str()));
    out.push_back(nullptr);
    return out;
}

int decodeStatus(int status) {
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

// A child that exits without reading its stdin must not kill us with SIGPIPE: block it for
// this thread during the write and discard one that became pending.
ssize_t writeNoSigpipe(int fd, const char *data, size_t size) {
    sigset_t pipeSet, old;
    sigemptyset(&pipeSet);
    sigaddset(&pipeSet, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipeSet, &old);
    ssize_t n = ::write(fd, data, size);
    int saved = errno;
    if (n < 0 && saved == EPIPE) {
        timespec zero{0, 0};
        ::sigtimedwait(&pipeSet, nullptr, &zero);
    }
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = saved;
    return n;
}

// Moves data between the child's pipes and our buffers until both output pipes close or the
// deadline passes. Returns false on timeout.
bool pump(Fd &in, Fd &out, Fd &err, const std::string &input, ProcessOutput &result,
          std::chrono::steady_clock::time_point deadline) {
    size_t written = 0;
    if (input.empty())
        in.reset();
    char buffer[16384];
    while (out.fd >= 0 || err.fd >= 0) {
        pollfd fds[3] = {{out.fd, POLLIN, 0}, {err.fd, POLLIN, 0}, {in.fd, POLLOUT, 0}};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        int ready = ::poll(fds, 3, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return false;
        Fd *readers[2] = {&out, &err};
        std::string *sinks[2] = {&result.out, &result.err};
        for (int i = 0; i < 2; ++i) {
            if (readers[i]->fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = ::read(readers[i]->fd, buffer, sizeof buffer);
            if (n > 0)
                sinks[i]->append(buffer, static_cast<size_t>(n));
            else if (n == 0 || errno != EINTR)
                readers[i]->reset();
        }
        if (in.fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = writeNoSigpipe(in.fd, input.data() + written, input.size() - written);
            if (n > 0)
                written += static_cast<size_t>(n);
            if (n < 0 && errno != EINTR && errno != EAGAIN)
                in.reset();
            if (written == input.size())
                in.reset();
        }
    }
    return true;
}

} // namespace

std::vector<std::string> Subprocess::currentEnvironment() {
    std::vector<std::string> env;
    for (char **entry = environ; entry && *entry; ++entry)
        env.emplace_back(*entry);
    return env;
}

Result<ProcessOutput> Subprocess::run(const std::vector<std::string> &argv,
                                      const std::vector<std::string> &env, const std::string &input,
                                      std::chrono::milliseconds timeout) {
    if (argv.empty())
        return Status(StatusCode::BadRequest, "empty command");
    int inPipe[2], outPipe[2], errPipe[2];
    if (::pipe2(inPipe, O_CLOEXEC) != 0)
        return Status(StatusCode::Internal, "pipe: " + std::string(std::strerror(errno)));
    Fd inRead{inPipe[0]}, in{inPipe[1]};
    if (::pipe2(outPipe, O_CLOEXEC) != 0)
        return Status(StatusCode::Internal, "pipe: " + std::string(std::strerror(errno)));
    Fd outWrite{outPipe[1]}, out{outPipe[0]};
    if (::pipe2(errPipe, O_CLOEXEC) != 0)
        return Status(StatusCode::Internal, "pipe: " + std::string(std::strerror(errno)));
    Fd errWrite{errPipe[1]}, err{errPipe[0]};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, inRead.fd, 0);
    posix_spawn_file_actions_adddup2(&actions, outWrite.fd, 1);
    posix_spawn_file_actions_adddup2(&actions, errWrite.fd, 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    SpawnAttributes attr;

    auto args = cStrings(argv);
    auto envp = cStrings(env);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, args[0], &actions, attr.get(), args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return Status(StatusCode::Internal, "spawn " + argv[0] + ": " + std::strerror(rc));
    inRead.reset();
    outWrite.reset();
    errWrite.reset();
    // Writing into a pipe whose reader exited must not kill us.
    ::fcntl(in.fd, F_SETFL, O_NONBLOCK);

    ProcessOutput result;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    bool finished = pump(in, out, err, input, result, deadline);
    if (!finished)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished)
        return Status(StatusCode::Timeout, argv[0] + " did not finish within " +
                                               std::to_string(timeout.count()) + " ms");
    result.exitCode = decodeStatus(status);
    return result;
}

} // namespace cox::agent::runc
