// LocalNodeCheck: whether this machine can run as a node of the cluster the console hosts - the
// agent needs root (namespaces, cgroups, mounts), runc, the CNI plugins and the coxswain-agent
// binary itself. The welcome dialog lists what is missing up front instead of letting the agent
// fail later.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace cox::console {

class LocalNodeCheck {
    Q_DECLARE_TR_FUNCTIONS(LocalNodeCheck)
public:
    // One human-readable line per missing prerequisite; empty when the machine can be a node.
    static QStringList missing();

    // The coxswain-agent to run: $COX_AGENT_BIN, else the one next to the console binary, else
    // the packaged agent (<prefix>/lib/coxswain/agents/linux-<arch>/, as the bootstrap pipeline
    // looks it up), else the build tree's. Empty with *error saying where it looked.
    static QString findAgent(QString *error = nullptr);

    // Where the CNI plugins are (/usr/lib/cni from Debian's containernetworking-plugins, or
    // /opt/cni/bin); empty when neither has the bridge plugin.
    static QString cniDir();
};

} // namespace cox::console
