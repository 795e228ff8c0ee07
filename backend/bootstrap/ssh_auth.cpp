// SshSession::authenticate: the SSH user authentication methods, tried in a fixed order with
// whatever the caller handed in. Secrets go to libssh only; messages name methods, never values.
#include "bootstrap/ssh_session.h"

#include <libssh/libssh.h>

#include <optional>
#include <string_view>
#include <vector>

namespace cox::bootstrap {
namespace {

struct KeyHandle {
    ssh_key key = nullptr;
    ~KeyHandle() {
        if (key)
            ssh_key_free(key);
    }
};

int tryKeyFile(ssh_session session, const Credentials &c, std::string &problem) {
    KeyHandle key;
    const char *passphrase = c.keyPassphrase.empty() ? nullptr : c.keyPassphrase.c_str();
    if (ssh_pki_import_privkey_file(c.keyFile.c_str(), passphrase, nullptr, nullptr, &key.key) !=
        SSH_OK) {
        problem = "cannot read the key file " + c.keyFile +
                  (c.keyPassphrase.empty() ? " (missing, unreadable, or encrypted: give its "
                                             "passphrase)"
                                           : " (missing, unreadable, or the passphrase is wrong)");
        return SSH_AUTH_DENIED;
    }
    const int rc = ssh_userauth_publickey(session, nullptr, key.key);
    if (rc == SSH_AUTH_DENIED)
        problem = "the key " + c.keyFile + " was not accepted";
    return rc;
}

int tryKeyboardInteractive(ssh_session session, const Credentials &c) {
    int rc = ssh_userauth_kbdint(session, nullptr, nullptr);
    // Bounded: a server that keeps asking gets a few rounds, then we give up.
    for (int round = 0; rc == SSH_AUTH_INFO && round < 5; ++round) {
        const int prompts = ssh_userauth_kbdint_getnprompts(session);
        for (int i = 0; i < prompts; ++i) {
            char echo = 0;
            ssh_userauth_kbdint_getprompt(session, static_cast<unsigned>(i), &echo);
            // Hidden prompts ask for the password; echoed ones (e.g. "Username:") get the user.
            const std::string &answer = echo ? c.user : c.password;
            if (ssh_userauth_kbdint_setanswer(session, static_cast<unsigned>(i), answer.c_str()) <
                0)
                return SSH_AUTH_ERROR;
        }
        rc = ssh_userauth_kbdint(session, nullptr, nullptr);
    }
    return rc;
}

} // namespace

Status SshSession::authenticate(const Credentials &c) {
    int rc = ssh_userauth_none(m_session, nullptr);
    if (rc == SSH_AUTH_SUCCESS)
        return Status::ok();
    if (rc == SSH_AUTH_ERROR)
        return {StatusCode::Unavailable, "authentication failed: " + lastError()};
    const int methods = ssh_userauth_list(m_session, nullptr);
    std::vector<std::string> tried;
    std::string problem;
    auto finish = [&](int result, const char *method) -> std::optional<Status> {
        tried.push_back(method);
        if (result == SSH_AUTH_SUCCESS)
            return Status::ok();
        if (result == SSH_AUTH_ERROR)
            return Status(StatusCode::Unavailable,
                          std::string(method) + " authentication failed: " + lastError());
        return std::nullopt;
    };
    if (!c.keyFile.empty() && (methods & SSH_AUTH_METHOD_PUBLICKEY))
        if (auto s = finish(tryKeyFile(m_session, c, problem), "public key"))
            return *s;
    if (c.useAgent && (methods & SSH_AUTH_METHOD_PUBLICKEY))
        if (auto s = finish(ssh_userauth_agent(m_session, nullptr), "ssh-agent"))
            return *s;
    if (!c.password.empty() && (methods & SSH_AUTH_METHOD_PASSWORD))
        if (auto s =
                finish(ssh_userauth_password(m_session, nullptr, c.password.c_str()), "password"))
            return *s;
    if (!c.password.empty() && (methods & SSH_AUTH_METHOD_INTERACTIVE))
        if (auto s = finish(tryKeyboardInteractive(m_session, c), "keyboard-interactive"))
            return *s;
    std::string message = "user " + c.user + " was not accepted by " + m_options.host;
    if (tried.empty()) {
        message += ": no credential given matches the methods the server allows (";
        message += std::string(methods & SSH_AUTH_METHOD_PUBLICKEY ? "publickey " : "") +
                   (methods & SSH_AUTH_METHOD_PASSWORD ? "password " : "") +
                   (methods & SSH_AUTH_METHOD_INTERACTIVE ? "keyboard-interactive" : "") + ")";
    } else {
        message += " (tried";
        for (const auto &t : tried)
            message += " " + t;
        message += ")";
        if (!problem.empty())
            message += "; " + problem;
    }
    return {StatusCode::Unauthorized, message};
}

} // namespace cox::bootstrap
