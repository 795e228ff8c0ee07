// DeployDialog: "deploy an image" - name, namespace, image, replicas, ports, service type, cpu
// and memory requests, environment. It produces a DeploySpec; the main window sends the
// Deployment and Service it describes to the API.
#pragma once

#include "dialogs/deploy_spec.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace cox::console {

class DeployDialog : public QDialog {
    Q_OBJECT
public:
    explicit DeployDialog(QWidget *parent = nullptr);

    // The spec the fields describe; *error gets what to fix when they do not parse or validate.
    std::optional<DeploySpec> spec(QString *error) const;

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *namespaceField() const { return m_namespace; }
    QLineEdit *imageField() const { return m_image; }
    QSpinBox *replicasField() const { return m_replicas; }
    QLineEdit *portsField() const { return m_ports; }
    QComboBox *serviceTypeField() const { return m_serviceType; }
    QLineEdit *cpuField() const { return m_cpu; }
    QLineEdit *memoryField() const { return m_memory; }
    QPlainTextEdit *envField() const { return m_env; }

private:
    void tryAccept();

    QLineEdit *m_name;
    QLineEdit *m_namespace;
    QLineEdit *m_image;
    QSpinBox *m_replicas;
    QLineEdit *m_ports;
    QComboBox *m_serviceType;
    QLineEdit *m_cpu;
    QLineEdit *m_memory;
    QPlainTextEdit *m_env;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace cox::console
