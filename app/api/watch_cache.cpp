#include "api/watch_cache.h"

#include "api/api_client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSet>

namespace cox::console {

namespace {

constexpr int kMinBackoffMs = 250;
constexpr int kMaxBackoffMs = 8'000;
constexpr int kOptionalRetryMs = 15'000;

QString resourceVersionOf(const QJsonObject &object) {
    return object.value(QLatin1String("metadata"))
        .toObject()
        .value(QLatin1String("resourceVersion"))
        .toString();
}

} // namespace

WatchCache::WatchCache(ApiClient *api, QString collectionPath, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_path(std::move(collectionPath)) {
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &WatchCache::list);
}

WatchCache::~WatchCache() {
    stop();
}

QString WatchCache::keyOf(const QJsonObject &object) {
    const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    const QString ns = meta.value(QLatin1String("namespace")).toString();
    const QString name = meta.value(QLatin1String("name")).toString();
    return ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
}

void WatchCache::start() {
    if (m_running)
        return;
    m_running = true;
    list();
}

void WatchCache::stop() {
    m_running = false;
    ++m_generation;
    m_retry.stop();
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->abort();
        m_stream->deleteLater();
    }
}

void WatchCache::list() {
    if (!m_running)
        return;
    const quint64 generation = ++m_generation;
    m_api->get(m_path, [this, generation](const ApiResponse &r) {
        if (generation != m_generation)
            return;
        if (r.httpStatus == 404 && m_optional) {
            m_retry.start(kOptionalRetryMs);
            return;
        }
        if (!r.ok()) {
            retryLater(r.errorMessage(), r.httpStatus == 0 || r.httpStatus >= 500);
            return;
        }
        m_backoffMs = 0;
        applyList(r.json());
        setConnected(true, QString());
        watch();
    });
}

// Reports only the difference to what consumers already have: a re-list after a dropped
// connection then costs as much as the changes it reveals.
void WatchCache::applyList(const QJsonObject &list) {
    m_resourceVersion = list.value(QLatin1String("metadata"))
                            .toObject()
                            .value(QLatin1String("resourceVersion"))
                            .toString();
    const QJsonArray items = list.value(QLatin1String("items")).toArray();
    QSet<QString> seen;
    seen.reserve(items.size());
    for (const QJsonValue &value : items) {
        const QJsonObject object = value.toObject();
        const QString key = keyOf(object);
        seen.insert(key);
        auto it = m_objects.find(key);
        if (it != m_objects.end() && resourceVersionOf(*it) == resourceVersionOf(object))
            continue;
        m_objects.insert(key, object);
        emit upserted(object);
    }
    for (auto it = m_objects.begin(); it != m_objects.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        const QJsonObject gone = it.value();
        it = m_objects.erase(it);
        emit removed(gone);
    }
    if (!m_synced) {
        m_synced = true;
        emit syncedChanged(true);
    }
}

void WatchCache::watch() {
    const QChar sep = m_path.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
    const QString path = m_path + sep +
                         QStringLiteral("watch=1&allowWatchBookmarks=true&resourceVersion=") +
                         m_resourceVersion;
    m_buffer.clear();
    m_relistOnFinish = false;
    m_stream = m_api->openStream(path);
    connect(m_stream, &QNetworkReply::readyRead, this, &WatchCache::readStream);
    connect(m_stream, &QNetworkReply::finished, this, &WatchCache::streamFinished);
}

void WatchCache::readStream() {
    if (!m_stream)
        return;
    m_buffer += m_stream->readAll();
    qsizetype start = 0;
    for (qsizetype nl = m_buffer.indexOf('\n'); nl >= 0; nl = m_buffer.indexOf('\n', start)) {
        const QByteArray line = m_buffer.mid(start, nl - start);
        start = nl + 1;
        if (line.trimmed().isEmpty())
            continue;
        if (!handleEvent(QJsonDocument::fromJson(line).object())) {
            m_relistOnFinish = true;
            m_stream->abort();
            return;
        }
    }
    m_buffer.remove(0, start);
}

// Returns false when the stream can no longer be trusted (an ERROR event, typically 410 Gone).
bool WatchCache::handleEvent(const QJsonObject &event) {
    const QString type = event.value(QLatin1String("type")).toString();
    const QJsonObject object = event.value(QLatin1String("object")).toObject();
    if (type == QLatin1String("ERROR") || object.isEmpty())
        return false;
    const QString rv = resourceVersionOf(object);
    if (!rv.isEmpty())
        m_resourceVersion = rv;
    if (type == QLatin1String("BOOKMARK"))
        return true;
    const QString key = keyOf(object);
    if (type == QLatin1String("DELETED")) {
        m_objects.remove(key);
        emit removed(object);
        return true;
    }
    m_objects.insert(key, object);
    emit upserted(object);
    return true;
}

void WatchCache::streamFinished() {
    QNetworkReply *reply = m_stream;
    if (!reply)
        return;
    m_stream = nullptr;
    reply->deleteLater();
    if (!m_running)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool dropped = reply->error() != QNetworkReply::NoError && !m_relistOnFinish;
    if (m_relistOnFinish || status == 410) {
        list(); // the resourceVersion expired: start over from a fresh list
        return;
    }
    if (dropped || status != 200) {
        retryLater(reply->errorString(), status == 0 || status >= 500);
        return;
    }
    watch(); // the server ended the watch at its timeout: resume from the last revision
}

void WatchCache::retryLater(const QString &reason, bool connectionLost) {
    if (connectionLost)
        setConnected(false, reason);
    m_backoffMs = m_backoffMs == 0 ? kMinBackoffMs : std::min(m_backoffMs * 2, kMaxBackoffMs);
    m_retry.start(m_backoffMs);
}

void WatchCache::setConnected(bool connected, const QString &reason) {
    if (m_connected == connected)
        return;
    m_connected = connected;
    emit connectionChanged(connected, reason);
}

} // namespace cox::console
