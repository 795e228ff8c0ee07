// KubeconfigReader: reads the parts of a kubeconfig the console uses - the current context's
// cluster server and certificate-authority(-data), and its user's token. Client-certificate
// users are reported as unsupported rather than half-connected.
#pragma once

#include "api/cluster_connection.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace cox::console {

class KubeconfigReader {
    Q_DECLARE_TR_FUNCTIONS(KubeconfigReader)
public:
    // Parses kubeconfig YAML text; on failure returns nullopt and sets *error.
    static std::optional<ClusterConnection> parse(const QByteArray &yaml, QString *error);
    static std::optional<ClusterConnection> readFile(const QString &path, QString *error);
};

} // namespace cox::console
