// AddMachinesWizard: Cluster ▸ Add machines… (and a node's Remove node…). Three pages: the
// machines, how to log in, then the run - the bootstrap pipeline per machine on worker threads
// with each host key's SHA-256 fingerprint to confirm, live steps and log lines, and for a
// failure its cause, what to do, and Retry. Remove mode drains and uninstalls instead.
#pragma once

#include "bootstrap/bootstrap_options.h"
#include "setup/machine_setup_config.h"

#include <QWizard>

namespace cox::console {

class AuthPage;
class HostsPage;
class RunPage;
class SecretStore;

class AddMachinesWizard : public QWizard {
    Q_OBJECT
public:
    enum class Mode { Add, Remove };

    AddMachinesWizard(MachineSetupConfig config, Mode mode = Mode::Add, QWidget *parent = nullptr);
    ~AddMachinesWizard() override;

    Mode mode() const { return m_mode; }
    // Remove mode: the node and the machine it runs on ("host node").
    void setMachinesText(const QString &text);

    HostsPage *hostsPage() const { return m_hosts; }
    AuthPage *authPage() const { return m_auth; }
    RunPage *runPage() const { return m_run; }
    SecretStore *secrets() const { return m_secrets; }
    const MachineSetupConfig &config() const { return m_config; }

    // Machine `row` of the run as the pipeline gets it (credentials from the auth page, with
    // secrets given again on a Retry).
    bootstrap::MachineSpec specFor(int row) const;
    QString machineLabel(int row) const;
    // A secret given again for one machine (Retry after a refused password).
    void overrideSecret(int row, int kind, const QString &secret);
    // Offers the secrets of `row` to the keychain when the user chose to remember them.
    void rememberSecrets(int row);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    MachineSetupConfig m_config;
    Mode m_mode;
    SecretStore *m_secrets;
    HostsPage *m_hosts;
    AuthPage *m_auth;
    RunPage *m_run;
    QHash<int, QHash<int, QString>> m_overrides; // row -> SecretStore::Kind -> secret
};

} // namespace cox::console
