#include "network/command_runner.h"

#include "runc/subprocess.h"

#include <unistd.h>

namespace cox::agent::network {
namespace {

// posix_spawn does not search PATH for us; the tools live in the usual sbin directories.
std::string resolve(const std::string &program) {
    if (program.find('/') != std::string::npos)
        return program;
    for (const char *dir : {"/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/", "/usr/local/sbin/"}) {
        std::string path = std::string(dir) + program;
        if (::access(path.c_str(), X_OK) == 0)
            return path;
    }
    return program;
}

} // namespace

CommandRunner::CommandRunner(std::vector<std::string> prefix, std::chrono::milliseconds timeout)
    : m_prefix(std::move(prefix))
    , m_timeout(timeout) {}

Result<CommandOutput> CommandRunner::run(const std::vector<std::string> &argv,
                                         const std::string &input) const {
    std::vector<std::string> full = m_prefix;
    full.insert(full.end(), argv.begin(), argv.end());
    if (full.empty())
        return Status(StatusCode::BadRequest, "empty command");
    full[0] = resolve(full[0]);
    auto ran =
        runc::Subprocess::run(full, runc::Subprocess::currentEnvironment(), input, m_timeout);
    if (!ran)
        return ran.status();
    return CommandOutput{ran->exitCode, std::move(ran->out), std::move(ran->err)};
}

Result<std::string> CommandRunner::check(const std::vector<std::string> &argv,
                                         const std::string &input) const {
    auto ran = run(argv, input);
    if (!ran)
        return ran.status();
    if (ran->exitCode != 0) {
        std::string what = argv.empty() ? std::string() : argv[0];
        for (size_t i = 1; i < argv.size() && i < 4; ++i)
            what += " " + argv[i];
        return Status(StatusCode::Internal,
                      what + " failed (" + std::to_string(ran->exitCode) + "): " + ran->err);
    }
    return std::move(ran->out);
}

} // namespace cox::agent::network
