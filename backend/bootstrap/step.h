// Step: one small, named, idempotent unit of the bootstrap pipeline (Qt Creator's remote-Linux
// deploy steps are the model). A step reads and extends the StepContext, reports through it, and
// returns a StepResult: done, skipped (nothing to do), or failed with a cause and a remedy.
#pragma once

#include "bootstrap/agent_locator.h"
#include "bootstrap/bootstrap_options.h"
#include "bootstrap/cancel_token.h"
#include "bootstrap/cluster_api.h"
#include "bootstrap/remote_shell.h"
#include "bootstrap/ssh_session.h"

#include <memory>
#include <string>

namespace cox::bootstrap {

class StepResult {
public:
    static StepResult done(std::string message = {}) { return {Kind::Done, std::move(message)}; }
    static StepResult skipped(std::string why) { return {Kind::Skipped, std::move(why)}; }
    static StepResult failed(StatusCode code, std::string cause, std::string remedy) {
        StepResult r{Kind::Failed, std::move(cause)};
        r.m_code = code;
        r.m_remedy = std::move(remedy);
        return r;
    }
    bool isFailed() const { return m_kind == Kind::Failed; }
    bool isSkipped() const { return m_kind == Kind::Skipped; }
    const std::string &text() const { return m_text; } // message, skip reason or cause
    const std::string &remedy() const { return m_remedy; }
    StatusCode code() const { return m_code; }

private:
    enum class Kind { Done, Skipped, Failed };
    StepResult(Kind kind, std::string text)
        : m_kind(kind)
        , m_text(std::move(text)) {}
    Kind m_kind;
    std::string m_text;
    std::string m_remedy;
    StatusCode m_code = StatusCode::Ok;
};

// Everything the steps of one machine share; owned by the pipeline for one run.
struct StepContext {
    StepContext(const MachineSpec &m, const BootstrapOptions &o, CancelToken c)
        : machine(m)
        , options(o)
        , cancel(std::move(c)) {}

    const MachineSpec &machine;
    const BootstrapOptions &options;
    CancelToken cancel;
    std::string currentStep;

    std::unique_ptr<SshSession> ssh;
    std::unique_ptr<RemoteShell> shell;
    std::unique_ptr<ClusterApi> api;
    MachineFacts facts;
    std::string nodeName;
    std::string agentServerUrl;
    AgentBinary agent;
    bool binaryChanged = false;
    bool configChanged = false;
    bool serviceChanged = false;
    bool restarted = false;
    bool systemd = false; // the service mode the service step chose
    MachineResult result;

    void report(ProgressKind kind, const std::string &text) const;
    void message(const std::string &text) const { report(ProgressKind::Message, text); }
    // Forwards each output line of a remote command as an Output event.
    OutputLineCallback outputSink() const;
    // Runs a privileged script; a non-zero exit becomes an error carrying its stderr.
    Result<ExecResult> runChecked(const std::string &script, const std::string &input = {}) const;
    // Writes `content` (sent on stdin, never on a command line) to `path` with `mode` through a
    // temp file and a rename, only when it differs; true when the file changed.
    Result<bool> writeFile(const std::string &path, const std::string &content, int mode) const;
};

class Step {
public:
    virtual ~Step() = default;
    virtual std::string name() const = 0;
    virtual StepResult run(StepContext &context) = 0;
};

} // namespace cox::bootstrap
