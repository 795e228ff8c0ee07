// ClusterConnection: everything the console needs to reach one cluster over HTTPS - the server
// URL, the CA that alone is trusted for it, and the bearer token. Filled from the embedded
// control plane or from a kubeconfig file.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace cox::console {

struct ClusterConnection {
    QUrl server;      // https://host:port
    QByteArray caPem; // pinned: the only CA the client trusts for this cluster
    QByteArray token; // bearer token; never logged
    QString name;     // shown in the window title
    // The bootstrap token machines join with; only a cluster this console hosts has it (a
    // kubeconfig does not), so only such a cluster can take new machines. Never logged.
    QByteArray joinToken;
};

} // namespace cox::console

Q_DECLARE_METATYPE(cox::console::ClusterConnection)
