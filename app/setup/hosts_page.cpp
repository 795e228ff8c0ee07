#include "setup/hosts_page.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace cox::console {

HostsPage::HostsPage(QWidget *parent)
    : QWizardPage(parent)
    , m_intro(new QLabel)
    , m_userLabel(new QLabel)
    , m_hosts(new QPlainTextEdit)
    , m_user(new QLineEdit(QStringLiteral("root")))
    , m_errors(new QLabel) {
    m_intro->setWordWrap(true);
    m_hosts->setObjectName(QStringLiteral("hosts"));
    m_hosts->setTabChangesFocus(true);
    m_user->setObjectName(QStringLiteral("defaultUser"));
    m_errors->setObjectName(QStringLiteral("hostErrors"));
    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(QStringLiteral("color: #c62828"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_hosts, 1);
    auto *form = new QFormLayout;
    form->addRow(m_userLabel, m_user);
    layout->addLayout(form);
    layout->addWidget(m_errors);
    connect(m_hosts, &QPlainTextEdit::textChanged, this, [this] {
        m_errors->clear();
        emit completeChanged();
    });
    retranslateUi();
}

void HostsPage::retranslateUi() {
    setTitle(tr("Machines"));
    setSubTitle(tr("The machines to turn into nodes. They need SSH and a Linux with runc."));
    m_intro->setText(tr("One machine per line: [user@]host[:port] [node name]. "
                        "For example: admin@10.0.0.5:2222 worker-1"));
    m_userLabel->setText(tr("Default user:"));
    m_hosts->setAccessibleName(tr("Machines, one per line"));
    m_user->setAccessibleName(tr("Default user"));
}

void HostsPage::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWizardPage::changeEvent(event);
}

void HostsPage::setHostsText(const QString &text) {
    m_hosts->setPlainText(text);
}

QString HostsPage::defaultUser() const {
    const QString user = m_user->text().trimmed();
    return user.isEmpty() ? QStringLiteral("root") : user;
}

bool HostsPage::isComplete() const {
    return !m_hosts->toPlainText().trimmed().isEmpty();
}

bool HostsPage::validatePage() {
    QStringList errors;
    m_machines = MachineList::parse(m_hosts->toPlainText(), &errors);
    if (m_machines.isEmpty() && errors.isEmpty())
        errors.append(tr("Give at least one machine."));
    m_errors->setText(errors.join(QLatin1Char('\n')));
    return errors.isEmpty();
}

} // namespace cox::console
