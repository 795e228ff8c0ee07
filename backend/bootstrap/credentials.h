// Credentials for one machine, handed in by the caller (the console from the OS keychain,
// coxswain-master from stdin). The pipeline keeps them in memory only: never written to disk,
// never logged, never put on a command line; the sudo password travels on a command's stdin.
#pragma once

#include <string>

namespace cox::bootstrap {

struct Credentials {
    std::string user = "root";
    std::string keyFile;       // private key file (OpenSSH or PEM); empty = none
    std::string keyPassphrase; // for keyFile, when encrypted
    bool useAgent = false;     // try ssh-agent (SSH_AUTH_SOCK)
    std::string password;      // password and keyboard-interactive authentication
    std::string sudoPassword;  // sudo -S on stdin; empty = sudo must not ask (NOPASSWD)

    ~Credentials() { wipe(); }
    Credentials() = default;
    Credentials(const Credentials &) = default;
    Credentials &operator=(const Credentials &) = default;

    // Overwrites the secrets before their memory is released.
    void wipe() {
        for (std::string *s : {&keyPassphrase, &password, &sudoPassword}) {
            volatile char *p = s->data();
            for (size_t i = 0; i < s->size(); ++i)
                p[i] = 0;
            s->clear();
        }
    }
};

} // namespace cox::bootstrap
