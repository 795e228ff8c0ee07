#include "models/resource_caches.h"

#include "api/api_client.h"
#include "api/watch_cache.h"

#include <QJsonArray>

namespace cox::console {

namespace {

constexpr int kDiscoveryRetryMs = 5'000;

// Where each wanted resource lives; discovery checks the group version serves it.
const QList<QPair<QString, QStringList>> &groups() {
    static const QList<QPair<QString, QStringList>> g{
        {QStringLiteral("/api/v1"),
         {QStringLiteral("services"), QStringLiteral("endpoints"), QStringLiteral("events")}},
        {QStringLiteral("/apis/apps/v1"),
         {QStringLiteral("statefulsets"), QStringLiteral("daemonsets")}},
        {QStringLiteral("/apis/batch/v1"), {QStringLiteral("jobs")}},
    };
    return g;
}

bool watchable(const QJsonObject &resource) {
    const QJsonArray verbs = resource.value(QLatin1String("verbs")).toArray();
    return verbs.contains(QStringLiteral("list")) && verbs.contains(QStringLiteral("watch"));
}

} // namespace

ResourceCaches::ResourceCaches(const ClusterConnection &connection, QObject *parent)
    : QObject(parent)
    , m_api(new ApiClient(connection, this)) {
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ResourceCaches::discover);
}

ResourceCaches::~ResourceCaches() {
    stop();
}

const QStringList &ResourceCaches::wanted() {
    static const QStringList all = [] {
        QStringList names;
        for (const auto &group : groups())
            names << group.second;
        return names;
    }();
    return all;
}

void ResourceCaches::start() {
    if (m_started)
        return;
    m_started = true;
    for (WatchCache *cache : std::as_const(m_caches))
        cache->start();
    discover();
}

void ResourceCaches::stop() {
    m_started = false;
    ++m_generation;
    m_retry.stop();
    for (WatchCache *cache : std::as_const(m_caches))
        cache->stop();
}

// One GET per group version; a transport failure retries the discovery later, a 404 means the
// group is not served at all.
void ResourceCaches::discover() {
    if (!m_started)
        return;
    const quint64 generation = ++m_generation;
    m_pendingGroups = int(groups().size());
    for (const auto &group : groups()) {
        const QString path = group.first;
        m_api->get(path, [this, generation, path](const ApiResponse &r) {
            if (generation != m_generation)
                return;
            if (r.ok())
                groupFound(path, r.json());
            else if (r.httpStatus == 0 || r.httpStatus >= 500)
                m_retry.start(kDiscoveryRetryMs);
            if (--m_pendingGroups == 0)
                emit discoveryFinished();
        });
    }
}

void ResourceCaches::groupFound(const QString &groupVersionPath, const QJsonObject &resourceList) {
    QStringList names;
    for (const auto &group : groups())
        if (group.first == groupVersionPath)
            names = group.second;
    for (const QJsonValue &v : resourceList.value(QLatin1String("resources")).toArray()) {
        const QJsonObject resource = v.toObject();
        const QString name = resource.value(QLatin1String("name")).toString();
        if (!names.contains(name) || !watchable(resource) || m_caches.contains(name))
            continue;
        auto *cache = new WatchCache(m_api, groupVersionPath + QLatin1Char('/') + name, this);
        cache->setOptional(true); // these views are extras: never the connection banner
        m_caches.insert(name, cache);
        emit cacheStarted(name, cache);
        cache->start();
    }
}

} // namespace cox::console
