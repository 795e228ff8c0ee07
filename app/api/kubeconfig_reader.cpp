#include "api/kubeconfig_reader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace cox::console {

namespace {

// Finds the entry called `name` in a kubeconfig list (clusters, users, contexts); the first
// entry when `name` is empty, as kubectl does for single-entry files.
YAML::Node findNamed(const YAML::Node &list, const std::string &name, const char *field) {
    if (!list || !list.IsSequence())
        return {};
    for (const auto &entry : list) {
        if (name.empty() || entry["name"].as<std::string>("") == name)
            return entry[field];
    }
    return {};
}

QByteArray readCa(const YAML::Node &cluster, const QString &baseDir) {
    if (auto data = cluster["certificate-authority-data"])
        return QByteArray::fromBase64(QByteArray::fromStdString(data.as<std::string>()));
    if (auto file = cluster["certificate-authority"]) {
        QString path = QString::fromStdString(file.as<std::string>());
        QFile f(QFileInfo(path).isAbsolute() ? path : baseDir + QLatin1Char('/') + path);
        if (f.open(QIODevice::ReadOnly))
            return f.readAll();
    }
    return {};
}

std::optional<ClusterConnection> parseDocument(const YAML::Node &root, const QString &baseDir,
                                               QString *error) {
    std::string contextName = root["current-context"].as<std::string>("");
    YAML::Node context = findNamed(root["contexts"], contextName, "context");
    std::string clusterName = context ? context["cluster"].as<std::string>("") : "";
    std::string userName = context ? context["user"].as<std::string>("") : "";
    YAML::Node cluster = findNamed(root["clusters"], clusterName, "cluster");
    YAML::Node user = findNamed(root["users"], userName, "user");
    if (!cluster || !cluster["server"]) {
        *error = KubeconfigReader::tr("the kubeconfig names no cluster server");
        return std::nullopt;
    }
    ClusterConnection c;
    c.server = QUrl(QString::fromStdString(cluster["server"].as<std::string>()));
    c.caPem = readCa(cluster, baseDir);
    c.name = QString::fromStdString(contextName.empty() ? clusterName : contextName);
    if (user && user["token"])
        c.token = QByteArray::fromStdString(user["token"].as<std::string>());
    if (c.server.scheme() != QLatin1String("https")) {
        *error = KubeconfigReader::tr("the cluster server must be an https:// URL");
        return std::nullopt;
    }
    if (c.caPem.isEmpty()) {
        *error =
            KubeconfigReader::tr("the kubeconfig carries no certificate authority for the cluster");
        return std::nullopt;
    }
    if (c.token.isEmpty()) {
        *error = KubeconfigReader::tr(
            "the kubeconfig user has no bearer token (client certificates are not "
            "supported yet)");
        return std::nullopt;
    }
    return c;
}

} // namespace

std::optional<ClusterConnection> KubeconfigReader::parse(const QByteArray &yaml, QString *error) {
    try {
        return parseDocument(YAML::Load(yaml.toStdString()), QString(), error);
    } catch (const YAML::Exception &e) {
        *error = tr("malformed kubeconfig: %1").arg(QString::fromStdString(e.what()));
        return std::nullopt;
    }
}

std::optional<ClusterConnection> KubeconfigReader::readFile(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    try {
        return parseDocument(YAML::Load(file.readAll().toStdString()),
                             QFileInfo(path).absolutePath(), error);
    } catch (const YAML::Exception &e) {
        *error = tr("malformed kubeconfig %1: %2").arg(path, QString::fromStdString(e.what()));
        return std::nullopt;
    }
}

} // namespace cox::console
