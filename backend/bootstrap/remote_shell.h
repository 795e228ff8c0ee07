// RemoteShell: runs shell commands on a machine with the privileges the install needs: directly
// as root, through passwordless sudo, or through sudo with the password on stdin (sudo -S -k, so
// a cached sudo ticket can never turn the password into the command's input). The password is
// never on a command line and never logged.
#pragma once

#include "bootstrap/ssh_session.h"
#include "common/result.h"

namespace cox::bootstrap {

enum class Privilege { Root, Sudo, SudoWithPassword };

class RemoteShell {
public:
    RemoteShell(SshSession &session, Privilege privilege, std::string sudoPassword,
                CancelToken cancel)
        : m_session(session)
        , m_privilege(privilege)
        , m_sudoPassword(std::move(sudoPassword))
        , m_cancel(std::move(cancel)) {}
    ~RemoteShell();

    // Finds how to become root: root login, `sudo -n`, or sudo with `sudoPassword`. The error
    // says which and what to do ("sudo asks for a password: give it or configure NOPASSWD").
    static Result<Privilege> detect(SshSession &session, const std::string &user,
                                    const std::string &sudoPassword, const CancelToken &cancel,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(60));

    // Runs `script` with /bin/sh as root; `input` reaches the script's stdin.
    Result<ExecResult> run(const std::string &script, const std::string &input = {},
                           std::chrono::milliseconds timeout = std::chrono::seconds(120),
                           const OutputLineCallback &onLine = {});
    // Runs `script` as the SSH user (no sudo): temp files for SFTP, harmless reads.
    Result<ExecResult> runAsUser(const std::string &script,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(60));

    Privilege privilege() const { return m_privilege; }
    SshSession &session() { return m_session; }

private:
    SshSession &m_session;
    Privilege m_privilege;
    std::string m_sudoPassword;
    CancelToken m_cancel;
};

std::string privilegeName(Privilege p);

} // namespace cox::bootstrap
