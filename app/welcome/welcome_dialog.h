// WelcomeDialog: the first-start choice. "Create a local cluster" (the default; says where its
// data goes), optionally with this machine as its first node (offered only when root, runc, the
// CNI plugins and the agent are there - otherwise it says what is missing), or "Open a cluster
// from a kubeconfig…", which is checked against the server before the dialog closes.
#pragma once

#include "api/cluster_connection.h"
#include "welcome/startup_choice.h"

#include <QDialog>
#include <QStringList>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace cox::console {

class KubeconfigProbe;

class WelcomeDialog : public QDialog {
    Q_OBJECT
public:
    // `dataDir`: where a local cluster would live. `localNodeMissing`: LocalNodeCheck::missing()
    // (passed in so the check runs once, and tests can state the machine's answer).
    WelcomeDialog(const QString &dataDir, const QStringList &localNodeMissing,
                  QWidget *parent = nullptr);
    ~WelcomeDialog() override;

    // Pre-selects an option (the remembered choice, or a test's).
    void chooseLocalCluster(bool localNode);
    void chooseKubeconfig(const QString &path);

    // Valid once accepted.
    StartupChoice choice() const;
    // Kubeconfig mode: the verified connection.
    std::optional<ClusterConnection> connection() const { return m_connection; }
    QString errorText() const;
    bool checking() const;
    bool localNodeAvailable() const { return m_missing.isEmpty(); }

    // The file picker for the kubeconfig path (the Cluster menu opens the dialog with it).
    void browse();
    // A message under the choices (e.g. why a remembered kubeconfig no longer opens).
    void showError(const QString &message);

public slots:
    // Local cluster: closes. Kubeconfig: closes once the file opened the cluster, else shows why.
    void accept() override;

private:
    void buildLayout();
    void updateState();
    void probeFinished(const std::optional<ClusterConnection> &connection, const QString &error);

    QString m_dataDir;
    QStringList m_missing;
    QRadioButton *m_local;
    QCheckBox *m_localNode;
    QLabel *m_localNodeNote;
    QRadioButton *m_kubeconfig;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    KubeconfigProbe *m_probe;
    std::optional<ClusterConnection> m_connection;
};

} // namespace cox::console
