#include "setup/auth_page.h"

#include "setup/secret_store.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace cox::console {

namespace {

QLineEdit *secretEdit(const char *name) {
    auto *edit = new QLineEdit;
    edit->setObjectName(QLatin1String(name));
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

} // namespace

AuthPage::AuthPage(SecretStore *secrets, QWidget *parent)
    : QWizardPage(parent)
    , m_secrets(secrets)
    , m_useKey(new QRadioButton)
    , m_useAgent(new QRadioButton)
    , m_usePassword(new QRadioButton)
    , m_keyFileLabel(new QLabel)
    , m_passphraseLabel(new QLabel)
    , m_passwordLabel(new QLabel)
    , m_sudoLabel(new QLabel)
    , m_keyFile(new QLineEdit(QDir::homePath() + QStringLiteral("/.ssh/id_ed25519")))
    , m_browse(new QPushButton)
    , m_passphrase(secretEdit("passphrase"))
    , m_password(secretEdit("password"))
    , m_sudo(secretEdit("sudoPassword"))
    , m_remember(new QCheckBox)
    , m_keychain(new QLabel) {
    m_useKey->setObjectName(QStringLiteral("useKey"));
    m_useAgent->setObjectName(QStringLiteral("useAgent"));
    m_usePassword->setObjectName(QStringLiteral("usePassword"));
    m_keyFile->setObjectName(QStringLiteral("keyFile"));
    m_remember->setObjectName(QStringLiteral("remember"));
    m_keychain->setObjectName(QStringLiteral("keychainStatus"));
    m_keychain->setWordWrap(true);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *b : {m_useKey, m_useAgent, m_usePassword})
        group->addButton(b);
    m_useKey->setChecked(true);

    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyFile, 1);
    keyRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(m_useKey);
    form->addRow(m_keyFileLabel, keyRow);
    form->addRow(m_passphraseLabel, m_passphrase);
    form->addRow(m_useAgent);
    form->addRow(m_usePassword);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_sudoLabel, m_sudo);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_remember);
    layout->addWidget(m_keychain);

    connect(group, &QButtonGroup::buttonToggled, this, [this] { updateEnabled(); });
    connect(m_keyFile, &QLineEdit::textChanged, this, &AuthPage::completeChanged);
    connect(m_password, &QLineEdit::textChanged, this, &AuthPage::completeChanged);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Private key"), QDir::homePath() + "/.ssh");
        if (!file.isEmpty())
            m_keyFile->setText(file);
    });
    for (QRadioButton *b : {m_useKey, m_useAgent, m_usePassword})
        connect(b, &QRadioButton::clicked, this, [this] { m_methodChosen = true; });
    connect(m_secrets, &SecretStore::availabilityKnown, this, &AuthPage::keychainKnown);
    // The wizard may enter this page before the probe answers: read once it does.
    connect(m_secrets, &SecretStore::availabilityKnown, this, [this](bool available) {
        if (available)
            readRemembered();
    });
    if (m_secrets->state() != SecretStore::State::Probing)
        keychainKnown(m_secrets->state() == SecretStore::State::Available);
    retranslateUi();
    updateEnabled();
}

void AuthPage::retranslateUi() {
    setTitle(tr("Logging in"));
    setSubTitle(tr("How to log in to the machines, and the sudo password if sudo asks for one."));
    m_useKey->setText(tr("Private key file"));
    m_useAgent->setText(tr("Keys of the running ssh-agent"));
    m_usePassword->setText(tr("Password"));
    m_keyFileLabel->setText(tr("Key file:"));
    m_passphraseLabel->setText(tr("Passphrase (if encrypted):"));
    m_passwordLabel->setText(tr("Password:"));
    m_sudoLabel->setText(tr("Sudo password (if needed):"));
    m_browse->setText(tr("Browse…"));
    m_remember->setText(tr("Remember passwords and passphrases in the system keychain"));
    m_passphrase->setAccessibleName(tr("Key passphrase"));
    m_password->setAccessibleName(tr("Password"));
    m_sudo->setAccessibleName(tr("Sudo password"));
    keychainKnown(m_secrets->state() == SecretStore::State::Available);
}

void AuthPage::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWizardPage::changeEvent(event);
}

void AuthPage::keychainKnown(bool available) {
    if (m_secrets->state() == SecretStore::State::Probing) {
        m_remember->setEnabled(false);
        m_keychain->setText(tr("Looking for a system keychain…"));
        return;
    }
    m_remember->setEnabled(available);
    m_remember->setChecked(available && m_remember->isChecked());
    m_keychain->setText(available ? tr("Secrets you choose to remember are kept in the system "
                                       "keychain, never in settings files.")
                                  : tr("No system keychain is available, so passwords and "
                                       "passphrases are not saved: you will be asked for them "
                                       "each time."));
}

void AuthPage::updateEnabled() {
    const Method m = method();
    for (QWidget *w : {static_cast<QWidget *>(m_keyFile), static_cast<QWidget *>(m_browse),
                       static_cast<QWidget *>(m_passphrase)})
        w->setEnabled(m == Method::KeyFile);
    m_password->setEnabled(m == Method::Password);
    emit completeChanged();
}

AuthPage::Method AuthPage::method() const {
    if (m_useAgent->isChecked())
        return Method::Agent;
    return m_usePassword->isChecked() ? Method::Password : Method::KeyFile;
}

void AuthPage::setMethod(Method method) {
    m_methodChosen = true;
    (method == Method::Agent      ? m_useAgent
     : method == Method::Password ? m_usePassword
                                  : m_useKey)
        ->setChecked(true);
}

bool AuthPage::isComplete() const {
    switch (method()) {
    case Method::KeyFile:
        return !m_keyFile->text().trimmed().isEmpty();
    case Method::Password:
        return !m_password->text().isEmpty();
    case Method::Agent:
        return true;
    }
    return false;
}

bool AuthPage::rememberSecrets() const {
    return m_remember->isEnabled() && m_remember->isChecked();
}

bootstrap::Credentials AuthPage::credentials(const QString &user) const {
    bootstrap::Credentials c;
    c.user = user.toStdString();
    switch (method()) {
    case Method::KeyFile:
        c.keyFile = m_keyFile->text().trimmed().toStdString();
        c.keyPassphrase = m_passphrase->text().toStdString();
        break;
    case Method::Agent:
        c.useAgent = true;
        break;
    case Method::Password:
        c.password = m_password->text().toStdString();
        break;
    }
    c.sudoPassword = m_sudo->text().toStdString();
    return c;
}

void AuthPage::prefillFrom(const QString &machine) {
    m_prefillMachine = machine;
    if (m_secrets->state() == SecretStore::State::Available)
        readRemembered();
}

void AuthPage::readRemembered() {
    if (m_prefillMachine.isEmpty())
        return;
    auto fill = [this](QLineEdit *edit) {
        return [this, edit = QPointer<QLineEdit>(edit)](bool found, const QString &secret) {
            if (!found || !edit || !edit->text().isEmpty())
                return;
            edit->setText(secret);
            // The user chose to remember it before; a changed secret is remembered again.
            m_remember->setChecked(m_remember->isEnabled());
            // Remembered from a password login: log in that way again.
            if (edit == m_password && !m_methodChosen)
                m_usePassword->setChecked(true);
        };
    };
    m_secrets->read(SecretStore::Kind::Password, m_prefillMachine, fill(m_password));
    m_secrets->read(SecretStore::Kind::Passphrase, m_prefillMachine, fill(m_passphrase));
    m_secrets->read(SecretStore::Kind::SudoPassword, m_prefillMachine, fill(m_sudo));
}

} // namespace cox::console
