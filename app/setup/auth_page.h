// AuthPage: how the wizard logs in - a key file (with an optional passphrase), the ssh-agent,
// or a password - and the sudo password when the user is not root and sudo asks. Secrets are
// offered to the OS keychain (SecretStore) when one exists; otherwise the page says that they
// are not kept and will be asked for each time.
#pragma once

#include "bootstrap/credentials.h"

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace cox::console {

class SecretStore;

class AuthPage : public QWizardPage {
    Q_OBJECT
public:
    enum class Method { KeyFile, Agent, Password };

    AuthPage(SecretStore *secrets, QWidget *parent = nullptr);

    Method method() const;
    void setMethod(Method method);
    // The credentials for `user` from the page's fields.
    bootstrap::Credentials credentials(const QString &user) const;
    bool rememberSecrets() const;
    // Fills empty secret fields from the keychain entries of `machine` ("user@host:port"), now
    // or once the keychain probe answers, and ticks "remember". A remembered password also
    // selects the Password method unless a method was chosen (by the user or setMethod()).
    void prefillFrom(const QString &machine);

    QLineEdit *keyFileEdit() const { return m_keyFile; }
    QLineEdit *passphraseEdit() const { return m_passphrase; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *sudoPasswordEdit() const { return m_sudo; }
    QLabel *keychainLabel() const { return m_keychain; }
    QCheckBox *rememberBox() const { return m_remember; }

    bool isComplete() const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateEnabled();
    void keychainKnown(bool available);
    void readRemembered();

    SecretStore *m_secrets;
    QRadioButton *m_useKey;
    QRadioButton *m_useAgent;
    QRadioButton *m_usePassword;
    QLabel *m_keyFileLabel;
    QLabel *m_passphraseLabel;
    QLabel *m_passwordLabel;
    QLabel *m_sudoLabel;
    QLineEdit *m_keyFile;
    QPushButton *m_browse;
    QLineEdit *m_passphrase;
    QLineEdit *m_password;
    QLineEdit *m_sudo;
    QCheckBox *m_remember;
    QLabel *m_keychain;
    QString m_prefillMachine; // whose remembered secrets fill the fields
    bool m_methodChosen = false;
};

} // namespace cox::console
