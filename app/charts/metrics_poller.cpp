#include "charts/metrics_poller.h"

#include "api/api_client.h"
#include "models/json_fields.h"
#include "models/object_views.h"

#include <QPointer>
#include <QUrl>

namespace cox::console {

using namespace json;

namespace {

const QString kGroupVersion = QStringLiteral("/apis/metrics.k8s.io/v1beta1");
constexpr qint64 kLostReplySecs = 60;

QString enc(const QString &segment) {
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

// usage {"cpu": "1250000000n", "memory": "2097152Ki"} -> cores and bytes.
void addUsage(const QJsonObject &usage, double &cores, double &bytes) {
    cores += double(parseQuantityMilli(str(usage, "cpu"))) / 1000.0;
    bytes += double(parseQuantityMilli(str(usage, "memory"))) / 1000.0;
}

// PodMetrics carry usage per container.
void addPodUsage(const QJsonObject &podMetrics, double &cores, double &bytes) {
    for (const QJsonValue &c : arr(podMetrics, "containers"))
        addUsage(obj(c.toObject(), "usage"), cores, bytes);
}

} // namespace

MetricsPoller::MetricsPoller(QObject *parent)
    : QObject(parent) {
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPoller::poll);
}

void MetricsPoller::setApi(ApiClient *api) {
    if (api == m_api)
        return;
    m_api = api;
    m_history.clear(); // another cluster: another history
    const QString target = m_target, path = m_path;
    stop();
    if (!target.isEmpty() && api)
        start(target, path);
}

void MetricsPoller::pollNode(const QString &node) {
    m_node = node;
    start(QStringLiteral("node/") + node, kGroupVersion + QStringLiteral("/nodes/") + enc(node));
}

void MetricsPoller::pollPod(const QString &ns, const QString &name) {
    m_node.clear();
    start(QStringLiteral("pod/%1/%2").arg(ns, name),
          kGroupVersion + QStringLiteral("/namespaces/%1/pods/%2").arg(enc(ns), enc(name)));
}

void MetricsPoller::start(const QString &target, const QString &path) {
    if (target == m_target && m_timer.isActive())
        return;
    ++m_generation;
    m_inFlight = false;
    m_target = target;
    m_path = path;
    setState(m_history.value(target).isEmpty() ? State::Waiting : State::Available);
    m_timer.start();
    poll();
}

void MetricsPoller::stop() {
    ++m_generation;
    m_inFlight = false;
    m_timer.stop();
    m_target.clear();
    m_path.clear();
    setState(State::Idle);
}

void MetricsPoller::poll() {
    // A slow server gets no second request, unless the first is clearly lost.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_api || m_path.isEmpty() || (m_inFlight && m_sentAt.secsTo(now) < kLostReplySecs))
        return;
    m_inFlight = true;
    m_sentAt = now;
    ++m_generation; // a lost reply arriving late is ignored
    const quint64 generation = m_generation;
    QPointer<MetricsPoller> self(this);
    m_api->get(m_path, [self, generation](const ApiResponse &r) {
        if (self)
            self->objectRead(generation, r);
    });
}

void MetricsPoller::objectRead(quint64 generation, const ApiResponse &r) {
    if (generation != m_generation)
        return;
    if (r.httpStatus == 404) {
        notFound(generation);
        return;
    }
    if (!r.ok()) {
        m_inFlight = false;
        setState(State::Failed, r.errorMessage());
        return;
    }
    const QJsonObject metrics = r.json();
    UsageSample sample;
    sample.time = timestamp(str(metrics, "timestamp"));
    if (!sample.time.isValid())
        sample.time = QDateTime::currentDateTimeUtc();
    if (m_node.isEmpty()) {
        addPodUsage(metrics, sample.cpuCores, sample.memoryBytes);
        m_inFlight = false;
        addSample(sample);
        return;
    }
    addUsage(obj(metrics, "usage"), sample.cpuCores, sample.memoryBytes);
    QPointer<MetricsPoller> self(this);
    m_api->get(kGroupVersion + QStringLiteral("/pods?fieldSelector=") +
                   enc(QStringLiteral("spec.nodeName=") + m_node),
               [self, generation, sample](const ApiResponse &pods) {
                   if (self)
                       self->podsRead(generation, sample, pods);
               });
}

void MetricsPoller::podsRead(quint64 generation, UsageSample sample, const ApiResponse &r) {
    if (generation != m_generation)
        return;
    m_inFlight = false;
    if (r.ok()) {
        sample.hasPods = true;
        for (const QJsonValue &pod : arr(r.json(), "items"))
            addPodUsage(pod.toObject(), sample.podsCpuCores, sample.podsMemoryBytes);
    }
    addSample(sample);
}

// A 404 means either "no such group" or "no sample for this object": the group's discovery
// document tells them apart.
void MetricsPoller::notFound(quint64 generation) {
    QPointer<MetricsPoller> self(this);
    m_api->get(kGroupVersion, [self, generation](const ApiResponse &r) {
        if (!self || generation != self->m_generation)
            return;
        self->m_inFlight = false;
        if (r.httpStatus == 404)
            self->setState(State::Unavailable);
        else if (self->m_history.value(self->m_target).isEmpty())
            self->setState(State::NoSample);
    });
}

void MetricsPoller::addSample(const UsageSample &sample) {
    QVector<UsageSample> &history = m_history[m_target];
    if (!history.isEmpty() && history.last().time >= sample.time)
        return; // the same scrape again
    history.append(sample);
    const QDateTime oldest = sample.time.addSecs(-kHistorySecs);
    while (!history.isEmpty() && history.first().time < oldest)
        history.removeFirst();
    setState(State::Available);
    emit sampleAdded(sample);
}

void MetricsPoller::setState(State state, const QString &message) {
    if (state == m_state && message == m_message)
        return;
    m_state = state;
    m_message = message;
    emit stateChanged(state);
}

} // namespace cox::console
