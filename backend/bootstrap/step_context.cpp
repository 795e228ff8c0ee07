// StepContext helpers, MachineResult::status and the progress names.
#include "bootstrap/step.h"

#include "bootstrap/shell_quote.h"

#include <cstdio>

namespace cox::bootstrap {

std::string progressKindName(ProgressKind kind) {
    switch (kind) {
    case ProgressKind::StepStarted:
        return "started";
    case ProgressKind::Message:
        return "message";
    case ProgressKind::Output:
        return "output";
    case ProgressKind::StepDone:
        return "done";
    case ProgressKind::StepSkipped:
        return "skipped";
    case ProgressKind::StepFailed:
        return "failed";
    }
    return "?";
}

Status MachineResult::status() const {
    if (ok)
        return Status::ok();
    if (cancelled)
        return {StatusCode::Unavailable, "cancelled during step " + failedStep + " on " + host};
    std::string message = "step " + failedStep + " failed on " + host + ": " + cause;
    if (!remedy.empty())
        message += ". To fix: " + remedy;
    return {StatusCode::Unavailable, message};
}

void StepContext::report(ProgressKind kind, const std::string &text) const {
    if (options.progress)
        options.progress({machine.host, currentStep, kind, text});
}

OutputLineCallback StepContext::outputSink() const {
    return [this](const std::string &line) {
        report(ProgressKind::Output, line);
    };
}

Result<ExecResult> StepContext::runChecked(const std::string &script,
                                           const std::string &input) const {
    auto r = shell->run(script, input, options.commandTimeout, outputSink());
    if (!r)
        return r;
    if (r->exitCode != 0) {
        std::string err = r->err.empty() ? r->out : r->err;
        while (!err.empty() && err.back() == '\n')
            err.pop_back();
        return Status(StatusCode::Internal, "a command exited with " + std::to_string(r->exitCode) +
                                                (err.empty() ? "" : ": " + err));
    }
    return r;
}

Result<bool> StepContext::writeFile(const std::string &path, const std::string &content,
                                    int mode) const {
    char octal[8];
    std::snprintf(octal, sizeof octal, "%o", mode);
    const std::string p = shellQuote(path);
    // umask 077 first: the temp file never exists with wider permissions than the final mode.
    const std::string script = "set -e; umask 077; mkdir -p \"$(dirname " + p + ")\"; t=" + p +
                               ".coxswain-new.$$; cat > \"$t\"; if cmp -s \"$t\" " + p +
                               "; then rm -f \"$t\"; echo unchanged; else chmod " + octal +
                               " \"$t\"; mv -f \"$t\" " + p + "; echo changed; fi";
    auto r = runChecked(script, content);
    if (!r)
        return Status(r.status().code(), "writing " + path + ": " + r.status().message());
    return r->out.find("unchanged") == std::string::npos;
}

} // namespace cox::bootstrap
