#include "bootstrap/steps/upload_step.h"

#include "bootstrap/sftp_upload.h"
#include "bootstrap/shell_quote.h"

namespace cox::bootstrap {

StepResult UploadStep::run(StepContext &c) {
    auto agent = AgentLocator::find(c.options.agentBinary, c.facts.goArch, c.options.agentPrefixes);
    if (!agent)
        return StepResult::failed(agent.status().code(), agent.status().message(),
                                  "give the agent binary for linux-" + c.facts.goArch +
                                      " (--agent PATH) or install Coxswain's agent package");
    c.agent = *agent;
    if (c.facts.agentSha256 == c.agent.sha256)
        return StepResult::skipped("agent already installed, same build (" + c.facts.agentVersion +
                                   ")");
    if (!c.facts.agentVersion.empty())
        c.message("upgrading the installed agent (" + c.facts.agentVersion + ", sha256 " +
                  c.facts.agentSha256.substr(0, 12) + ") to sha256 " +
                  c.agent.sha256.substr(0, 12));
    auto temp = c.shell->runAsUser("mktemp \"${TMPDIR:-/tmp}/coxswain-agent.XXXXXXXX\"");
    if (!temp || temp->exitCode != 0 || temp->out.empty())
        return StepResult::failed(StatusCode::Internal,
                                  "cannot create a temporary file on the machine",
                                  "check that /tmp is writable and not full");
    std::string remoteTemp = temp->out.substr(0, temp->out.find('\n'));
    c.message("uploading " + c.agent.path + " (" + std::to_string(c.agent.size / 1024) + " KiB)");
    if (Status s = sftpUpload(*c.ssh, c.agent.path, remoteTemp, 0700, c.cancel); !s) {
        (void)c.shell->runAsUser("rm -f " + shellQuote(remoteTemp));
        return StepResult::failed(s.code(), s.message(),
                                  "check free space in /tmp on the machine and run again");
    }
    if (c.options.afterUpload)
        c.options.afterUpload(remoteTemp);
    StepResult result = install(c, remoteTemp);
    (void)c.shell->run("rm -f " + shellQuote(remoteTemp));
    return result;
}

StepResult UploadStep::install(StepContext &c, const std::string &remoteTemp) {
    const InstallLayout &l = c.machine.layout;
    const std::string bin = shellQuote(l.binaryPath());
    const std::string script =
        "t=" + shellQuote(remoteTemp) +
        "; got=$(sha256sum \"$t\" | cut -d' ' -f1); if [ \"$got\" "
        "!= " +
        shellQuote(c.agent.sha256) +
        " ]; then rm -f \"$t\"; echo \"sha256 $got\" >&2; "
        "exit 3; fi; set -e; mkdir -p " +
        shellQuote(l.binDir) + "; n=" + bin +
        ".coxswain-new.$$; "
        "cp \"$t\" \"$n\"; chmod 0755 \"$n\"; sync \"$n\" 2>/dev/null || true; mv -f \"$n\" " +
        bin;
    auto r = c.shell->run(script, {}, c.options.commandTimeout, c.outputSink());
    if (!r)
        return StepResult::failed(r.status().code(), r.status().message(), "run again");
    if (r->exitCode == 3) {
        std::string got = r->err.substr(r->err.find("sha256 ") + 7);
        got = got.substr(0, got.find('\n'));
        return StepResult::failed(StatusCode::Invalid,
                                  "the uploaded agent is corrupted: SHA-256 on the machine is " +
                                      got + ", expected " + c.agent.sha256 +
                                      "; nothing was installed",
                                  "check free disk space on the machine and the network, then "
                                  "run again");
    }
    if (r->exitCode != 0)
        return StepResult::failed(StatusCode::Internal,
                                  "installing the agent to " + l.binaryPath() +
                                      " failed: " + r->err,
                                  "check free space and permissions of " + l.binDir);
    c.binaryChanged = true;
    c.result.agentInstalled = true;
    c.result.previousAgentVersion = c.facts.agentVersion;
    return StepResult::done("agent installed at " + l.binaryPath() + " (sha256 verified)");
}

} // namespace cox::bootstrap
