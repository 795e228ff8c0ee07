#include "bootstrap/steps/service_step.h"

#include "bootstrap/service_files.h"
#include "bootstrap/shell_quote.h"

namespace cox::bootstrap {
namespace {

StepResult commandFailed(const Status &s, const std::string &remedy) {
    return StepResult::failed(s.code(), s.message(), remedy);
}

} // namespace

StepResult ServiceStep::run(StepContext &c) {
    const ServiceMode mode = c.options.serviceMode;
    c.systemd = mode == ServiceMode::Systemd || (mode == ServiceMode::Auto && c.facts.systemd);
    return c.systemd ? runSystemd(c) : runSupervisor(c);
}

StepResult ServiceStep::runSystemd(StepContext &c) {
    const InstallLayout &l = c.machine.layout;
    const std::string name = shellQuote(l.serviceName);
    auto unit = c.writeFile(l.unitFile(), ServiceFiles::systemdUnit(l), 0644);
    if (!unit)
        return commandFailed(unit.status(), "check " + l.systemdUnitDir);
    const bool restart = *unit || c.binaryChanged || c.configChanged;
    std::string script = "set -e; ";
    if (*unit)
        script += "systemctl daemon-reload; ";
    script +=
        "systemctl enable " + name + "; systemctl " + (restart ? "restart " : "start ") + name;
    if (auto r = c.runChecked(script); !r)
        return commandFailed(r.status(),
                             "see `journalctl -u " + l.serviceName + "` on the machine");
    c.restarted = restart && c.facts.agentRunning;
    c.result.agentRestarted = c.restarted;
    return StepResult::done(std::string("systemd unit ") + l.serviceName +
                            (restart ? " (re)started" : " running"));
}

StepResult ServiceStep::runSupervisor(StepContext &c) {
    const InstallLayout &l = c.machine.layout;
    auto script = c.writeFile(l.supervisorScript(), ServiceFiles::supervisor(l), 0700);
    if (!script)
        return commandFailed(script.status(), "check " + l.configDir);
    auto running = c.shell->run(ServiceFiles::supervisorRunningCommand(l));
    if (!running)
        return commandFailed(running.status(), "run again");
    const bool isRunning = running->exitCode == 0;
    const bool changed = c.binaryChanged || c.configChanged;
    if (isRunning && !changed && !*script)
        return StepResult::skipped("supervised agent already running");
    if (isRunning && !*script) {
        // Restart the agent only; the supervisor starts the new binary a second later.
        const std::string pid = shellQuote(l.agentPidFile());
        if (auto r = c.runChecked("kill -TERM \"$(cat " + pid + ")\""); !r)
            return commandFailed(r.status(), "restart the agent by hand");
        c.restarted = c.result.agentRestarted = true;
        return StepResult::done("agent restarted by its supervisor");
    }
    if (isRunning) // the supervisor itself changed: replace it
        if (auto r = c.runChecked(ServiceFiles::stopSupervisorCommand(l)); !r)
            return commandFailed(r.status(), "stop the old supervisor by hand");
    const std::string waitStarted = "; i=0; until " + ServiceFiles::supervisorRunningCommand(l) +
                                    "; do i=$((i+1)); [ $i -gt 100 ] && exit 1; sleep 0.05; done";
    if (auto r = c.runChecked(ServiceFiles::startSupervisorCommand(l) + waitStarted); !r)
        return commandFailed(r.status(), "see " + l.logFile + " on the machine");
    c.restarted = c.result.agentRestarted = isRunning;
    return StepResult::done("supervised background process started (no systemd); log " + l.logFile);
}

} // namespace cox::bootstrap
