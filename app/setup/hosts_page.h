// HostsPage: the wizard's first page - the machines, one per line (`[user@]host[:port] [node]`),
// and the user for lines without one. Bad lines are named before the wizard goes on.
#pragma once

#include "setup/machine_list.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace cox::console {

class HostsPage : public QWizardPage {
    Q_OBJECT
public:
    explicit HostsPage(QWidget *parent = nullptr);

    void setHostsText(const QString &text);
    QPlainTextEdit *hostsEdit() const { return m_hosts; }
    QLineEdit *userEdit() const { return m_user; }
    QString defaultUser() const;
    const QList<MachineEntry> &machines() const { return m_machines; }

    bool isComplete() const override;
    bool validatePage() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_intro;
    QLabel *m_userLabel;
    QPlainTextEdit *m_hosts;
    QLineEdit *m_user;
    QLabel *m_errors;
    QList<MachineEntry> m_machines;
};

} // namespace cox::console
