// What the pipeline tells its caller while it works: progress events (step, message, output
// lines) and the host-key question. Both callbacks are called from the worker thread that runs
// the machine; with the parallel runner, from several threads at once, so they must be
// thread-safe. The host-key callback may block (a dialog waiting for the user).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace cox::bootstrap {

enum class ProgressKind {
    StepStarted,
    Message, // a line for the user ("uploading 12.3 MB", "agent already installed")
    Output,  // a line of a remote command's output
    StepDone,
    StepSkipped, // nothing to do (idempotent re-run)
    StepFailed,
};

struct ProgressEvent {
    std::string machine; // host as given
    std::string step;    // "connect", "host-key", ...
    ProgressKind kind = ProgressKind::Message;
    std::string text;
};

using ProgressCallback = std::function<void(const ProgressEvent &)>;

struct HostKeyPrompt {
    std::string host;
    uint16_t port = 22;
    std::string keyType;     // "ssh-ed25519"
    std::string fingerprint; // "SHA256:..."
};

// Returns true when the user trusts the key. Asked only for unknown keys, never changed ones.
using HostKeyConfirm = std::function<bool(const HostKeyPrompt &)>;

std::string progressKindName(ProgressKind kind);

} // namespace cox::bootstrap
