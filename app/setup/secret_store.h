// SecretStore: SSH passwords, key passphrases and sudo passwords in the OS keychain through
// QtKeychain (Secret Service, KWallet, macOS Keychain, Windows Credential Store), never in
// QSettings or any file of ours. Insecure fallbacks are off: where no keychain answers (a server
// without a session bus) the store reports itself unavailable and the wizard asks for the
// secrets each time instead. Every call is asynchronous (a keychain may show its own unlock
// prompt). On Linux QtKeychain goes through libsecret to any Secret Service (gnome-keyring,
// KeePassXC, KWallet's); the tests run gnome-keyring on a private session bus.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace cox::console {

class SecretStore : public QObject {
    Q_OBJECT
public:
    enum class State { Probing, Available, Unavailable };
    enum class Kind { Password, Passphrase, SudoPassword };

    explicit SecretStore(QObject *parent = nullptr);

    // Starts a probe (a read of an entry that need not exist); availabilityKnown() follows.
    void probe();
    State state() const { return m_state; }
    // Why the keychain is unavailable, as the keychain said it.
    const QString &problem() const { return m_problem; }

    // The keychain account of one secret: "<kind>:<user@host:port>".
    static QString account(Kind kind, const QString &machine);
    // `done(found, secret)`; found is false when there is no keychain or no entry.
    void read(Kind kind, const QString &machine, std::function<void(bool, const QString &)> done);
    // Stores the secret (or deletes the entry when `secret` is empty); done(ok, error).
    void write(Kind kind, const QString &machine, const QString &secret,
               std::function<void(bool, const QString &)> done = {});

signals:
    void availabilityKnown(bool available);

private:
    State m_state = State::Probing;
    QString m_problem;
};

} // namespace cox::console
