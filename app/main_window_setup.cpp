// MainWindow: adding machines to the cluster and removing nodes with their machines, through
// the AddMachinesWizard (the bootstrap pipeline over SSH).
#include "main_window.h"

#include "api/cluster_session.h"
#include "api/watch_cache.h"
#include "setup/add_machines_wizard.h"
#include "setup/machine_setup_config.h"

#include <QJsonArray>
#include <QMessageBox>

namespace cox::console {

namespace {

// The address SSH reaches the node's machine at: its InternalIP, else ExternalIP, else the
// node name as a host name.
QString machineAddress(const QJsonObject &node, const QString &name) {
    const QJsonArray addresses =
        node.value(QLatin1String("status")).toObject().value(QLatin1String("addresses")).toArray();
    for (const char *type : {"InternalIP", "ExternalIP"})
        for (const auto &a : addresses)
            if (a.toObject().value(QLatin1String("type")).toString() == QLatin1String(type))
                return a.toObject().value(QLatin1String("address")).toString();
    return name;
}

} // namespace

void MainWindow::setMachineSetup(const MachineSetupConfig &config) {
    const ClusterConnection cluster = m_setup->cluster;
    *m_setup = config;
    m_setup->cluster = cluster;
}

AddMachinesWizard *MainWindow::showAddMachines() {
    if (const QString problem = m_setup->problem(); !problem.isEmpty()) {
        QMessageBox::information(this, tr("Add machines"), problem);
        return nullptr;
    }
    auto *wizard = new AddMachinesWizard(*m_setup, AddMachinesWizard::Mode::Add, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QWizard::accepted, this, [this] {
        notify(tr("Machines added; they appear on the board as they become Ready."));
    });
    wizard->show();
    return wizard;
}

AddMachinesWizard *MainWindow::removeNode(const QString &node) {
    if (const QString problem = m_setup->problem(); !problem.isEmpty()) {
        QMessageBox::information(this, tr("Remove node"), problem);
        return nullptr;
    }
    const auto answer = QMessageBox::question(
        this, tr("Remove node"),
        tr("Remove node %1? Its pods are evicted, its agent is stopped and uninstalled over SSH, "
           "and the node is deleted from the cluster.")
            .arg(node),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return nullptr;
    const QJsonObject object = m_session ? m_session->nodes()->object(node) : QJsonObject();
    auto *wizard = new AddMachinesWizard(*m_setup, AddMachinesWizard::Mode::Remove, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    QString host = machineAddress(object, node);
    if (host.contains(QLatin1Char(':')))
        host = QStringLiteral("[%1]").arg(host); // IPv6
    wizard->setMachinesText(host + QLatin1Char(' ') + node);
    connect(wizard, &QWizard::accepted, this,
            [this, node] { notify(tr("Node %1 removal finished.").arg(node)); });
    wizard->show();
    return wizard;
}

} // namespace cox::console
