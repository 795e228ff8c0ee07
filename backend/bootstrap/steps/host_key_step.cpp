#include "bootstrap/steps/host_key_step.h"

#include "bootstrap/known_hosts.h"

namespace cox::bootstrap {

StepResult HostKeyStep::run(StepContext &c) {
    auto key = c.ssh->hostKey();
    if (!key)
        return StepResult::failed(key.status().code(), key.status().message(),
                                  "check that the machine runs a standard SSH server");
    KnownHosts known(c.options.knownHostsPath);
    auto state = known.check(c.machine.host, c.machine.port, *key);
    if (!state)
        return StepResult::failed(state.status().code(), state.status().message(),
                                  "check the permissions of " + known.path());
    const std::string who = KnownHosts::hostEntryName(c.machine.host, c.machine.port);
    const std::string pinned = c.machine.hostKeyFingerprint;
    if (*state == HostKeyState::Changed || *state == HostKeyState::OtherType)
        return StepResult::failed(
            StatusCode::Forbidden,
            std::string(*state == HostKeyState::Changed ? "host key changed for "
                                                        : "host key of another type for ") +
                who + " (now " + key->type + " " + key->fingerprint +
                "); nothing was sent to the machine",
            "if the machine was reinstalled, remove its old key from " + known.path() +
                " and confirm the new one; otherwise someone may be intercepting the connection");
    if (!pinned.empty() && pinned != key->fingerprint)
        return StepResult::failed(StatusCode::Forbidden,
                                  "the host key of " + who + " is " + key->fingerprint +
                                      ", not the expected " + pinned,
                                  "compare with `ssh-keygen -lf /etc/ssh/ssh_host_" +
                                      std::string("*_key.pub` on the machine"));
    if (*state == HostKeyState::Trusted)
        return StepResult::done("host key " + key->fingerprint + " is known");
    return trustUnknown(c, *key);
}

StepResult HostKeyStep::trustUnknown(StepContext &c, const HostKey &key) {
    const bool pinnedMatch = !c.machine.hostKeyFingerprint.empty();
    if (!pinnedMatch) {
        c.message("unknown host key " + key.type + " " + key.fingerprint + ": asking to confirm");
        HostKeyPrompt prompt{c.machine.host, c.machine.port, key.type, key.fingerprint};
        if (!c.options.confirmHostKey || !c.options.confirmHostKey(prompt))
            return StepResult::failed(
                StatusCode::Forbidden,
                "the host key " + key.fingerprint + " of " + c.machine.host + " was not confirmed",
                "compare it with `ssh-keygen -lf /etc/ssh/ssh_host_" +
                    std::string("*_key.pub` on the machine, then confirm it (coxswain-master: "
                                "--host-key-fingerprint or --accept-host-key)"));
    }
    KnownHosts known(c.options.knownHostsPath);
    if (Status s = known.add(c.machine.host, c.machine.port, key); !s)
        return StepResult::failed(s.code(), s.message(), "check " + known.path());
    return StepResult::done("trusted host key " + key.fingerprint +
                            (pinnedMatch ? " (matches the given fingerprint)" : " (confirmed)"));
}

} // namespace cox::bootstrap
