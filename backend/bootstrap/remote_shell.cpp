#include "bootstrap/remote_shell.h"

#include "bootstrap/shell_quote.h"

namespace cox::bootstrap {
namespace {

std::string wrap(Privilege p, const std::string &script) {
    const std::string sh = "sh -c " + shellQuote(script);
    switch (p) {
    case Privilege::Root:
        return sh;
    case Privilege::Sudo:
        return "sudo -n -- " + sh;
    case Privilege::SudoWithPassword:
        // -k: always ask, so sudo always consumes the password line; -p '': no prompt text.
        return "sudo -S -k -p '' -- " + sh;
    }
    return sh;
}

} // namespace

RemoteShell::~RemoteShell() {
    volatile char *p = m_sudoPassword.data();
    for (size_t i = 0; i < m_sudoPassword.size(); ++i)
        p[i] = 0;
}

std::string privilegeName(Privilege p) {
    switch (p) {
    case Privilege::Root:
        return "root";
    case Privilege::Sudo:
        return "passwordless sudo";
    case Privilege::SudoWithPassword:
        return "sudo with a password";
    }
    return "?";
}

Result<Privilege> RemoteShell::detect(SshSession &session, const std::string &user,
                                      const std::string &sudoPassword, const CancelToken &cancel,
                                      std::chrono::milliseconds timeout) {
    auto id = session.exec("id -u", {}, timeout, cancel);
    if (!id)
        return id.status();
    if (id->exitCode == 0 && id->out == "0\n")
        return Privilege::Root;
    auto hasSudo = session.exec("command -v sudo", {}, timeout, cancel);
    if (!hasSudo)
        return hasSudo.status();
    if (hasSudo->exitCode != 0)
        return Status(StatusCode::Forbidden,
                      "user " + user +
                          " is not root and sudo is not installed: log in as root, "
                          "or install sudo and allow " +
                          user + " to use it");
    auto passwordless = session.exec("sudo -n -- true", {}, timeout, cancel);
    if (!passwordless)
        return passwordless.status();
    if (passwordless->exitCode == 0)
        return Privilege::Sudo;
    if (sudoPassword.empty())
        return Status(StatusCode::Forbidden, "sudo asks " + user +
                                                 " for a password: give the sudo password, or "
                                                 "configure NOPASSWD for " +
                                                 user + " in sudoers");
    auto withPassword =
        session.exec("sudo -S -k -p '' -- true", sudoPassword + "\n", timeout, cancel);
    if (!withPassword)
        return withPassword.status();
    if (withPassword->exitCode == 0)
        return Privilege::SudoWithPassword;
    return Status(StatusCode::Forbidden,
                  "sudo refused " + user + " (wrong sudo password, or " + user +
                      " may not run commands as root): check the password and the sudoers rules");
}

Result<ExecResult> RemoteShell::run(const std::string &script, const std::string &input,
                                    std::chrono::milliseconds timeout,
                                    const OutputLineCallback &onLine) {
    std::string stdinData;
    if (m_privilege == Privilege::SudoWithPassword)
        stdinData = m_sudoPassword + "\n";
    stdinData += input;
    auto r = m_session.exec(wrap(m_privilege, script), stdinData, timeout, m_cancel, onLine);
    volatile char *p = stdinData.data();
    for (size_t i = 0; i < stdinData.size(); ++i)
        p[i] = 0;
    return r;
}

Result<ExecResult> RemoteShell::runAsUser(const std::string &script,
                                          std::chrono::milliseconds timeout) {
    return m_session.exec(script, {}, timeout, m_cancel);
}

} // namespace cox::bootstrap
