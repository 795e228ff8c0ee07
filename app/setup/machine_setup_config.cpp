#include "setup/machine_setup_config.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace cox::console {

QString MachineSetupConfig::problem() const {
    if (cluster.server.isEmpty())
        return QCoreApplication::translate("cox::console::MachineSetupConfig",
                                           "Not connected to a cluster yet.");
    if (cluster.joinToken.isEmpty())
        return QCoreApplication::translate(
            "cox::console::MachineSetupConfig",
            "This cluster was opened from a kubeconfig, which has no join token: add machines "
            "with 'coxswain-master node add' on the control plane's machine.");
    return {};
}

QString MachineSetupConfig::effectiveKnownHostsPath() const {
    if (!knownHostsPath.isEmpty())
        return knownHostsPath;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/known_hosts");
}

bootstrap::BootstrapOptions MachineSetupConfig::toOptions() const {
    bootstrap::BootstrapOptions o;
    o.knownHostsPath = effectiveKnownHostsPath().toStdString();
    o.cluster.serverUrl = cluster.server.toString(QUrl::StripTrailingSlash).toStdString();
    o.cluster.caPem = cluster.caPem.toStdString();
    o.cluster.adminToken = cluster.token.toStdString();
    o.cluster.joinToken = cluster.joinToken.toStdString();
    o.apiPort = quint16(cluster.server.port(6443));
    o.agentBinary = agentBinary.toStdString();
    o.runtime = runtime.toStdString();
    o.installPrerequisites = installPrerequisites;
    o.readyTimeout = readyTimeout;
    return o;
}

} // namespace cox::console
