#include "charts/node_usage_poller.h"

#include "api/api_client.h"
#include "models/json_fields.h"
#include "models/object_views.h"

#include <QPointer>

namespace cox::console {

using namespace json;

namespace {

const QString kNodesPath = QStringLiteral("/apis/metrics.k8s.io/v1beta1/nodes");
// A sample this old is no longer "live": dropped when the list cannot be read again.
constexpr qint64 kStaleSecs = 60;

} // namespace

NodeUsagePoller::NodeUsagePoller(QObject *parent)
    : QObject(parent) {
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &NodeUsagePoller::poll);
}

void NodeUsagePoller::setApi(ApiClient *api) {
    ++m_generation;
    m_inFlight = false;
    m_api = api;
    m_available = true;
    setUsage({});
    if (m_timer.isActive())
        poll();
}

void NodeUsagePoller::start() {
    m_timer.start();
    poll();
}

void NodeUsagePoller::stop() {
    ++m_generation;
    m_inFlight = false;
    m_timer.stop();
}

void NodeUsagePoller::poll() {
    if (!m_api || m_inFlight || (m_visible && !m_visible()))
        return;
    m_inFlight = true; // a lost reply ends with ApiClient's transfer timeout
    const quint64 generation = m_generation;
    QPointer<NodeUsagePoller> self(this);
    m_api->get(kNodesPath, [self, generation](const ApiResponse &r) {
        if (self)
            self->listRead(generation, r);
    });
}

void NodeUsagePoller::listRead(quint64 generation, const ApiResponse &r) {
    if (generation != m_generation)
        return;
    m_inFlight = false;
    if (r.httpStatus == 404) {
        m_available = false;
        setUsage({});
        return;
    }
    if (!r.ok()) {
        failed();
        return;
    }
    m_available = true;
    ++m_listsRead;
    QHash<QString, NodeUsage> usage;
    for (const QJsonValue &v : arr(r.json(), "items")) {
        const QJsonObject item = v.toObject();
        const QString name = str(obj(item, "metadata"), "name");
        const QJsonObject sample = obj(item, "usage");
        if (name.isEmpty() || sample.isEmpty())
            continue;
        NodeUsage u;
        u.cpuCores = double(parseQuantityMilli(str(sample, "cpu"))) / 1000.0;
        u.memoryBytes = double(parseQuantityMilli(str(sample, "memory"))) / 1000.0;
        u.time = timestamp(str(item, "timestamp"));
        usage.insert(name, u);
    }
    setUsage(std::move(usage));
}

// A connection or permission error: what was read stays while it is recent.
void NodeUsagePoller::failed() {
    const QDateTime oldest = QDateTime::currentDateTimeUtc().addSecs(-kStaleSecs);
    QHash<QString, NodeUsage> kept = m_usage;
    kept.removeIf(
        [&](const auto &it) { return !it.value().time.isValid() || it.value().time < oldest; });
    if (kept.size() != m_usage.size())
        setUsage(std::move(kept));
}

void NodeUsagePoller::setUsage(QHash<QString, NodeUsage> usage) {
    if (usage.isEmpty() && m_usage.isEmpty())
        return;
    m_usage = std::move(usage);
    emit usageChanged(m_usage);
}

} // namespace cox::console
