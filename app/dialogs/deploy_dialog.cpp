#include "dialogs/deploy_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace cox::console {

DeployDialog::DeployDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit)
    , m_namespace(new QLineEdit(QStringLiteral("default")))
    , m_image(new QLineEdit)
    , m_replicas(new QSpinBox)
    , m_ports(new QLineEdit)
    , m_serviceType(new QComboBox)
    , m_cpu(new QLineEdit(QStringLiteral("100m")))
    , m_memory(new QLineEdit(QStringLiteral("128Mi")))
    , m_env(new QPlainTextEdit)
    , m_error(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
    setObjectName(QStringLiteral("deployDialog"));
    setWindowTitle(tr("Deploy an image"));
    m_name->setPlaceholderText(tr("web"));
    m_image->setPlaceholderText(tr("registry.example.com/web:1.0"));
    m_replicas->setRange(0, 1000);
    m_replicas->setValue(1);
    m_ports->setPlaceholderText(tr("80, 443"));
    m_serviceType->addItem(tr("No service"), QString());
    for (const char *type : {"ClusterIP", "NodePort", "LoadBalancer"})
        m_serviceType->addItem(QString::fromLatin1(type), QString::fromLatin1(type));
    m_env->setPlaceholderText(tr("NAME=value, one per line"));
    m_env->setTabChangesFocus(true);
    m_env->setMaximumHeight(90);
    m_error->setObjectName(QStringLiteral("deployError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #ff8a80;"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Deploy"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Names&pace:"), m_namespace);
    form->addRow(tr("&Image:"), m_image);
    form->addRow(tr("&Replicas:"), m_replicas);
    form->addRow(tr("P&orts:"), m_ports);
    form->addRow(tr("&Service:"), m_serviceType);
    form->addRow(tr("&CPU request:"), m_cpu);
    form->addRow(tr("&Memory request:"), m_memory);
    form->addRow(tr("&Environment:"), m_env);
    form->addRow(m_error);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &DeployDialog::tryAccept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(460, sizeHint().height());
}

std::optional<DeploySpec> DeployDialog::spec(QString *error) const {
    DeploySpec s;
    s.name = m_name->text().trimmed();
    s.ns = m_namespace->text().trimmed();
    s.image = m_image->text().trimmed();
    s.replicas = m_replicas->value();
    s.serviceType = m_serviceType->currentData().toString();
    s.cpuRequest = m_cpu->text().trimmed();
    s.memoryRequest = m_memory->text().trimmed();
    if (!DeploySpec::parsePorts(m_ports->text(), &s.ports, error) ||
        !DeploySpec::parseEnv(m_env->toPlainText(), &s.env, error))
        return std::nullopt;
    *error = s.validate();
    if (!error->isEmpty())
        return std::nullopt;
    return s;
}

void DeployDialog::tryAccept() {
    QString error;
    if (!spec(&error)) {
        m_error->setText(error);
        return;
    }
    m_error->clear();
    accept();
}

} // namespace cox::console
