#include "hosting/embedded_cluster.h"

#include "controlplane/control_plane.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace cox::console {

namespace {

using PlaneResult = Result<std::unique_ptr<controlplane::ControlPlane>>;

PlaneResult startPlane(const std::string &dataDir, const std::string &host, quint16 port) {
    controlplane::ControlPlaneConfig config;
    config.dataDir = dataDir;
    config.listenHost = host;
    config.listenPort = port;
    config.kubeconfigPath = dataDir + "/kubeconfig"; // so kubectl reaches the same cluster
    PlaneResult plane = controlplane::ControlPlane::start(config);
    if (plane || port == 0)
        return plane;
    // The preferred port is likely held by another cluster: serve on any free one instead.
    config.listenPort = 0;
    PlaneResult fallback = controlplane::ControlPlane::start(config);
    return fallback ? std::move(fallback) : std::move(plane);
}

} // namespace

EmbeddedCluster::EmbeddedCluster(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<ClusterConnection>();
}

EmbeddedCluster::~EmbeddedCluster() {
    stop();
}

QString EmbeddedCluster::defaultDataDir() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                        QStringLiteral("/coxswain/cluster");
    // Earlier builds used AppDataLocation, which nests organisation and application
    // (coxswain/coxswain/cluster): a cluster found only there stays where it is.
    const QString legacy = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                           QStringLiteral("/cluster");
    if (legacy != dir && QFileInfo::exists(legacy + QStringLiteral("/state.db")) &&
        !QFileInfo::exists(dir + QStringLiteral("/state.db")))
        return legacy;
    return dir;
}

quint16 EmbeddedCluster::port() const {
    return m_plane ? m_plane->port() : 0;
}

void EmbeddedCluster::start(const QString &dataDir, quint16 port) {
    if (m_worker.joinable() || m_plane)
        return;
    QDir().mkpath(dataDir);
    std::string dir = QDir(dataDir).absolutePath().toStdString();
    m_worker = std::thread([this, dir, host = m_listenHost.toStdString(), port] {
        auto result = std::make_shared<PlaneResult>(startPlane(dir, host, port));
        QMetaObject::invokeMethod(
            this, [this, result] { finishStart(result); }, Qt::QueuedConnection);
    });
}

void EmbeddedCluster::finishStart(std::shared_ptr<void> opaque) {
    if (m_worker.joinable())
        m_worker.join();
    auto &result = *std::static_pointer_cast<PlaneResult>(opaque);
    if (!result) {
        emit failed(QString::fromStdString(result.status().message()));
        return;
    }
    m_plane = std::move(*result);
    ClusterConnection c;
    c.server = QUrl(QString::fromStdString(m_plane->serverUrl()));
    c.caPem = QByteArray::fromStdString(m_plane->caPem());
    c.token = QByteArray::fromStdString(m_plane->adminToken());
    c.joinToken = QByteArray::fromStdString(m_plane->joinToken());
    c.name = tr("local cluster");
    emit started(c);
}

void EmbeddedCluster::stop() {
    if (m_worker.joinable())
        m_worker.join(); // a start in flight: its queued result is dropped with this object
    if (m_plane) {
        m_plane->stop();
        m_plane.reset();
    }
}

} // namespace cox::console
