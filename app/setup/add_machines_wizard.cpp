#include "setup/add_machines_wizard.h"

#include "setup/auth_page.h"
#include "setup/hosts_page.h"
#include "setup/run_page.h"
#include "setup/secret_store.h"

#include <QEvent>

namespace cox::console {

AddMachinesWizard::AddMachinesWizard(MachineSetupConfig config, Mode mode, QWidget *parent)
    : QWizard(parent)
    , m_config(std::move(config))
    , m_mode(mode)
    , m_secrets(new SecretStore(this))
    , m_hosts(new HostsPage)
    , m_auth(new AuthPage(m_secrets))
    , m_run(new RunPage(this)) {
    setObjectName(QStringLiteral("addMachinesWizard"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    m_auth->setCommitPage(true); // the run cannot be un-run: no Back from it
    addPage(m_hosts);
    addPage(m_auth);
    addPage(m_run);
    resize(720, 560);
    m_secrets->probe();
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (page(id) == m_auth && !m_hosts->machines().isEmpty())
            m_auth->prefillFrom(machineLabel(0));
    });
    retranslateUi();
}

AddMachinesWizard::~AddMachinesWizard() = default;

void AddMachinesWizard::retranslateUi() {
    setWindowTitle(m_mode == Mode::Add ? tr("Add machines") : tr("Remove node"));
    setButtonText(QWizard::CommitButton, m_mode == Mode::Add ? tr("Start") : tr("Remove"));
}

void AddMachinesWizard::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWizard::changeEvent(event);
}

void AddMachinesWizard::setMachinesText(const QString &text) {
    m_hosts->setHostsText(text);
}

QString AddMachinesWizard::machineLabel(int row) const {
    return m_hosts->machines().value(row).label(m_hosts->defaultUser());
}

bootstrap::MachineSpec AddMachinesWizard::specFor(int row) const {
    const MachineEntry entry = m_hosts->machines().value(row);
    bootstrap::MachineSpec spec;
    spec.host = entry.host.toStdString();
    spec.port = entry.port;
    spec.nodeName = entry.nodeName.toStdString();
    spec.credentials =
        m_auth->credentials(entry.user.isEmpty() ? m_hosts->defaultUser() : entry.user);
    const auto overrides = m_overrides.value(row);
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        const std::string secret = it.value().toStdString();
        switch (SecretStore::Kind(it.key())) {
        case SecretStore::Kind::Password:
            spec.credentials.password = secret;
            break;
        case SecretStore::Kind::Passphrase:
            spec.credentials.keyPassphrase = secret;
            break;
        case SecretStore::Kind::SudoPassword:
            spec.credentials.sudoPassword = secret;
            break;
        }
    }
    if (m_config.layoutFor)
        spec.layout = m_config.layoutFor(entry);
    return spec;
}

void AddMachinesWizard::overrideSecret(int row, int kind, const QString &secret) {
    m_overrides[row][kind] = secret;
}

void AddMachinesWizard::rememberSecrets(int row) {
    if (!m_auth->rememberSecrets())
        return;
    const bootstrap::MachineSpec spec = specFor(row);
    const QString machine = machineLabel(row);
    const auto &c = spec.credentials;
    if (!c.password.empty())
        m_secrets->write(SecretStore::Kind::Password, machine, QString::fromStdString(c.password));
    if (!c.keyPassphrase.empty())
        m_secrets->write(SecretStore::Kind::Passphrase, machine,
                         QString::fromStdString(c.keyPassphrase));
    if (!c.sudoPassword.empty())
        m_secrets->write(SecretStore::Kind::SudoPassword, machine,
                         QString::fromStdString(c.sudoPassword));
}

} // namespace cox::console
