#include "bootstrap/steps/ready_step.h"

#include "bootstrap/shell_quote.h"

#include <sstream>
#include <thread>

namespace cox::bootstrap {

std::vector<std::string> ReadyStep::agentLogTail(StepContext &c, int lines) {
    const InstallLayout &l = c.machine.layout;
    const std::string n = std::to_string(lines);
    const std::string script =
        c.systemd ? "journalctl -u " + shellQuote(l.serviceName) + " -n " + n + " --no-pager 2>&1"
                  : "tail -n " + n + " " + shellQuote(l.logFile) + " 2>&1";
    auto r = c.shell->run(script);
    std::vector<std::string> out;
    if (!r)
        return out;
    std::istringstream in(r->out);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

bool ReadyStep::runningAgentIsCurrent(StepContext &c) {
    if (!c.restarted)
        return true;
    const InstallLayout &l = c.machine.layout;
    // The running process's executable must be the file now at the binary path (not the
    // replaced one, which /proc shows as "(deleted)").
    const std::string pid =
        c.systemd ? "$(systemctl show -p MainPID --value " + shellQuote(l.serviceName) + ")"
                  : "$(cat " + shellQuote(l.agentPidFile()) + ")";
    auto r = c.shell->run(
        "p=" + pid + "; [ \"$(readlink /proc/$p/exe)\" = " + shellQuote(l.binaryPath()) + " ]");
    return r && r->exitCode == 0;
}

StepResult ReadyStep::run(StepContext &c) {
    const auto deadline = std::chrono::steady_clock::now() + c.options.readyTimeout;
    std::string last = "the Node was not registered";
    while (std::chrono::steady_clock::now() < deadline) {
        if (c.cancel.cancelled())
            return StepResult::failed(StatusCode::Unavailable, "cancelled", "");
        auto readiness = c.api->nodeReadiness(c.nodeName);
        if (readiness && readiness->ready && runningAgentIsCurrent(c))
            return StepResult::done("node " + c.nodeName + " is Ready");
        if (!readiness)
            last = readiness.status().message();
        else if (readiness->exists)
            last = readiness->ready ? "the restarted agent is not running yet" : readiness->reason;
        std::this_thread::sleep_for(c.options.pollInterval);
    }
    c.result.agentLogTail = agentLogTail(c, 20);
    std::string cause = "node " + c.nodeName + " did not become Ready within " +
                        std::to_string(c.options.readyTimeout.count() / 1000) + " s (" + last + ")";
    for (const auto &line : c.result.agentLogTail)
        cause += "\n  | " + line;
    return StepResult::failed(StatusCode::Timeout, cause,
                              "read the agent's log lines above; check that the machine reaches " +
                                  c.agentServerUrl);
}

} // namespace cox::bootstrap
