#include "welcome/local_node_check.h"

#include "bootstrap/agent_locator.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QSysInfo>

#include <unistd.h>

namespace cox::console {

namespace {

std::string hostGoArch() {
    const QString cpu = QSysInfo::currentCpuArchitecture();
    if (cpu == QLatin1String("x86_64"))
        return "amd64";
    if (cpu == QLatin1String("arm64"))
        return "arm64";
    return {};
}

bool isExecutable(const QString &path) {
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

} // namespace

QString LocalNodeCheck::cniDir() {
    for (const QString &dir : {QStringLiteral("/usr/lib/cni"), QStringLiteral("/opt/cni/bin")}) {
        if (isExecutable(dir + QStringLiteral("/bridge")) &&
            isExecutable(dir + QStringLiteral("/host-local")))
            return dir;
    }
    return {};
}

QString LocalNodeCheck::findAgent(QString *error) {
    const QString fromEnv = qEnvironmentVariable("COX_AGENT_BIN");
    if (!fromEnv.isEmpty()) {
        if (isExecutable(fromEnv))
            return fromEnv;
        if (error)
            *error = tr("COX_AGENT_BIN names %1, which is not an executable file").arg(fromEnv);
        return {};
    }
    const QString appDir = QCoreApplication::applicationDirPath();
    // Next to the console (a relocatable install); then the build tree, where the console is
    // build/app/coxswain and the agent build/agents/coxswain-agent.
    for (const QString &candidate : {appDir + QStringLiteral("/coxswain-agent"),
                                     appDir + QStringLiteral("/../agents/coxswain-agent"),
                                     appDir + QStringLiteral("/../agents/agent/coxswain-agent")}) {
        if (isExecutable(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    }
    auto packaged = bootstrap::AgentLocator::find({}, hostGoArch());
    if (packaged)
        return QString::fromStdString(packaged->path);
    if (error)
        *error = tr("coxswain-agent was not found (set COX_AGENT_BIN, or install the agent "
                    "package): %1")
                     .arg(QString::fromStdString(packaged.status().message()));
    return {};
}

QStringList LocalNodeCheck::missing() {
    QStringList out;
    if (::geteuid() != 0)
        out << tr("root privileges (start the console as root to run pods on this machine)");
    if (QStandardPaths::findExecutable(QStringLiteral("runc")).isEmpty() &&
        QStandardPaths::findExecutable(QStringLiteral("runc"),
                                       {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")})
            .isEmpty())
        out << tr("runc (Debian package: runc)");
    if (cniDir().isEmpty())
        out << tr("the CNI plugins in /usr/lib/cni or /opt/cni/bin (Debian package: "
                  "containernetworking-plugins)");
    QString agentError;
    if (findAgent(&agentError).isEmpty())
        out << agentError;
    return out;
}

} // namespace cox::console
