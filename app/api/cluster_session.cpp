#include "api/cluster_session.h"

#include "api/watch_cache.h"

#include <QUrl>

namespace cox::console {

namespace {

QString enc(const QString &segment) {
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

ClusterSession::ClusterSession(ClusterConnection connection, QObject *parent)
    : QObject(parent)
    , m_api(new ApiClient(std::move(connection), this))
    , m_nodes(new WatchCache(m_api, QStringLiteral("/api/v1/nodes"), this))
    , m_pods(new WatchCache(m_api, QStringLiteral("/api/v1/pods"), this))
    , m_deployments(new WatchCache(m_api, QStringLiteral("/apis/apps/v1/deployments"), this))
    , m_podMoves(new WatchCache(m_api, QStringLiteral("/apis/coxswain.io/v1/podmoves"), this)) {
    m_podMoves->setOptional(true);
    for (WatchCache *cache : {m_nodes, m_pods, m_deployments}) {
        connect(cache, &WatchCache::connectionChanged, this, [this](bool, const QString &reason) {
            const bool wasConnected = m_connected;
            cacheConnectionChanged();
            if (wasConnected != m_connected)
                emit connectionChanged(m_connected, reason);
        });
        connect(cache, &WatchCache::syncedChanged, this, &ClusterSession::syncedChanged);
    }
}

ClusterSession::~ClusterSession() {
    stop();
}

void ClusterSession::start() {
    for (WatchCache *cache : {m_nodes, m_pods, m_deployments, m_podMoves})
        cache->start();
}

void ClusterSession::stop() {
    for (WatchCache *cache : {m_nodes, m_pods, m_deployments, m_podMoves})
        cache->stop();
}

bool ClusterSession::synced() const {
    return m_nodes->synced() && m_pods->synced() && m_deployments->synced();
}

void ClusterSession::cacheConnectionChanged() {
    m_connected = m_nodes->connected() && m_pods->connected() && m_deployments->connected();
}

void ClusterSession::scaleDeployment(const QString &ns, const QString &name, int replicas,
                                     ApiClient::Callback done) {
    const QJsonObject body{
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas}}}};
    m_api->patch(
        QStringLiteral("/apis/apps/v1/namespaces/%1/deployments/%2/scale").arg(enc(ns), enc(name)),
        body, std::move(done));
}

void ClusterSession::setUnschedulable(const QString &node, bool unschedulable,
                                      ApiClient::Callback done) {
    const QJsonObject body{
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("unschedulable"), unschedulable}}}};
    m_api->patch(QStringLiteral("/api/v1/nodes/%1").arg(enc(node)), body, std::move(done));
}

void ClusterSession::explainPod(const QString &ns, const QString &pod, ApiClient::Callback done) {
    const QJsonObject body{{QStringLiteral("apiVersion"), QStringLiteral("coxswain.io/v1")},
                           {QStringLiteral("kind"), QStringLiteral("SchedulingExplanation")},
                           {QStringLiteral("spec"), QJsonObject{{QStringLiteral("podName"), pod}}}};
    m_api->post(
        QStringLiteral("/apis/coxswain.io/v1/namespaces/%1/schedulingexplanations").arg(enc(ns)),
        body, std::move(done));
}

void ClusterSession::movePod(const QString &ns, const QString &pod, const QString &targetNode,
                             ApiClient::Callback done) {
    const QJsonObject body{
        {QStringLiteral("apiVersion"), QStringLiteral("coxswain.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("PodMove")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("generateName"), pod + QLatin1Char('-')}}},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("podName"), pod},
                                             {QStringLiteral("targetNode"), targetNode}}}};
    m_api->post(QStringLiteral("/apis/coxswain.io/v1/namespaces/%1/podmoves").arg(enc(ns)), body,
                std::move(done));
}

void ClusterSession::evictPod(const QString &ns, const QString &pod, ApiClient::Callback done) {
    const QJsonObject body{
        {QStringLiteral("apiVersion"), QStringLiteral("policy/v1")},
        {QStringLiteral("kind"), QStringLiteral("Eviction")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), pod}, {QStringLiteral("namespace"), ns}}}};
    m_api->post(QStringLiteral("/api/v1/namespaces/%1/pods/%2/eviction").arg(enc(ns), enc(pod)),
                body, std::move(done));
}

void ClusterSession::eventsFor(const QString &ns, const QString &kind, const QString &name,
                               ApiClient::Callback done) {
    const QString selector =
        QStringLiteral("involvedObject.kind=%1,involvedObject.name=%2").arg(kind, name);
    const QString base = ns.isEmpty() ? QStringLiteral("/api/v1/events")
                                      : QStringLiteral("/api/v1/namespaces/%1/events").arg(enc(ns));
    m_api->get(base + QStringLiteral("?fieldSelector=") + enc(selector), std::move(done));
}

} // namespace cox::console
