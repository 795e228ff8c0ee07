#include "setup/secret_store.h"

#include <qt6keychain/keychain.h>

namespace cox::console {

namespace {

const QString kService = QStringLiteral("coxswain");

// Jobs get no parent: QtKeychain's libsecret backend calls back into a job when D-Bus answers,
// so a job deleted in flight (with a closed wizard) would be used after it was freed. A job
// deletes itself once finished; the connection's context (the store) drops the callback when
// the store is gone first.

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent) {}

void SecretStore::probe() {
    m_state = State::Probing;
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setInsecureFallback(false);
    job->setKey(QStringLiteral("probe"));
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *finished) {
        const auto error = finished->error();
        const bool available = error == QKeychain::NoError || error == QKeychain::EntryNotFound;
        m_state = available ? State::Available : State::Unavailable;
        m_problem = available ? QString() : finished->errorString();
        emit availabilityKnown(available);
    });
    job->start();
}

QString SecretStore::account(Kind kind, const QString &machine) {
    switch (kind) {
    case Kind::Password:
        return QStringLiteral("ssh-password:") + machine;
    case Kind::Passphrase:
        return QStringLiteral("key-passphrase:") + machine;
    case Kind::SudoPassword:
        return QStringLiteral("sudo-password:") + machine;
    }
    return machine;
}

void SecretStore::read(Kind kind, const QString &machine,
                       std::function<void(bool, const QString &)> done) {
    if (m_state != State::Available) {
        done(false, {});
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setInsecureFallback(false);
    job->setKey(account(kind, machine));
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        const bool found = read->error() == QKeychain::NoError;
        done(found, found ? read->textData() : QString());
    });
    job->start();
}

void SecretStore::write(Kind kind, const QString &machine, const QString &secret,
                        std::function<void(bool, const QString &)> done) {
    if (m_state != State::Available) {
        if (done)
            done(false, tr("no keychain is available"));
        return;
    }
    QKeychain::Job *job = nullptr;
    if (secret.isEmpty()) {
        auto *remove = new QKeychain::DeletePasswordJob(kService);
        remove->setKey(account(kind, machine));
        job = remove;
    } else {
        auto *store = new QKeychain::WritePasswordJob(kService);
        store->setKey(account(kind, machine));
        store->setTextData(secret);
        job = store;
    }
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        const bool ok = finished->error() == QKeychain::NoError ||
                        finished->error() == QKeychain::EntryNotFound;
        if (done)
            done(ok, ok ? QString() : finished->errorString());
    });
    job->start();
}

} // namespace cox::console
