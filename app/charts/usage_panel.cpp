#include "charts/usage_panel.h"

#include "charts/usage_chart.h"
#include "models/json_fields.h"
#include "models/object_views.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace cox::console {

using namespace json;

UsagePanel::UsagePanel(QWidget *parent)
    : QWidget(parent)
    , m_poller(new MetricsPoller(this))
    , m_status(new QLabel(this))
    , m_cpu(new UsageChart(UsageChart::Resource::Cpu, this))
    , m_memory(new UsageChart(UsageChart::Resource::Memory, this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    m_status->setObjectName(QStringLiteral("usageStatus"));
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_cpu, 1);
    layout->addWidget(m_memory, 1);
    layout->addWidget(m_status);
    connect(m_poller, &MetricsPoller::sampleAdded, this, &UsagePanel::redraw);
    connect(m_poller, &MetricsPoller::stateChanged, this, &UsagePanel::redraw);
    redraw();
}

void UsagePanel::setApi(ApiClient *api) {
    m_poller->setApi(api);
}

void UsagePanel::showNode(const QString &name, const QJsonObject &node) {
    const QJsonObject status = obj(node, "status");
    const QJsonObject alloc =
        obj(status, "allocatable").isEmpty() ? obj(status, "capacity") : obj(status, "allocatable");
    m_cpuLimit = double(parseQuantityMilli(str(alloc, "cpu"))) / 1000.0;
    m_memoryLimit = double(parseQuantityMilli(str(alloc, "memory"))) / 1000.0;
    m_node = true;
    m_poller->pollNode(name);
    redraw();
}

void UsagePanel::showPod(const QString &ns, const QString &name, const QJsonObject &pod) {
    m_cpuLimit = m_memoryLimit = 0;
    for (const QJsonValue &c : arr(obj(pod, "spec"), "containers")) {
        const QJsonObject requests = obj(obj(c.toObject(), "resources"), "requests");
        m_cpuLimit += double(parseQuantityMilli(str(requests, "cpu"))) / 1000.0;
        m_memoryLimit += double(parseQuantityMilli(str(requests, "memory"))) / 1000.0;
    }
    m_node = false;
    m_poller->pollPod(ns, name);
    redraw();
}

void UsagePanel::stop() {
    m_poller->stop();
    redraw();
}

QString UsagePanel::stateText() const {
    switch (m_poller->state()) {
    case MetricsPoller::State::Idle:
        return {};
    case MetricsPoller::State::Waiting:
        return tr("Reading metrics…");
    case MetricsPoller::State::Available:
        return tr("Up to the last 15 minutes, updated every %1 s.")
            .arg(double(m_poller->interval()) / 1000.0);
    case MetricsPoller::State::NoSample:
        return tr("No metrics for this %1 yet: samples appear once its node agent has been "
                  "scraped twice.")
            .arg(m_node ? tr("node") : tr("pod"));
    case MetricsPoller::State::Unavailable:
        return tr("No metrics: this cluster does not serve the metrics API (metrics.k8s.io).");
    case MetricsPoller::State::Failed:
        return tr("Cannot read metrics: %1").arg(m_poller->message());
    }
    return {};
}

void UsagePanel::redraw() {
    const QVector<UsageSample> samples = m_poller->history();
    const bool charts = !samples.isEmpty();
    m_cpu->setVisible(charts);
    m_memory->setVisible(charts);
    if (charts) {
        const QString limitName = m_node ? tr("Allocatable") : tr("Requested");
        m_cpu->setSamples(samples, m_cpuLimit, limitName);
        m_memory->setSamples(samples, m_memoryLimit, limitName);
    }
    m_status->setText(stateText());
    m_status->setAccessibleName(m_status->text());
}

QString UsagePanel::statusText() const {
    return m_status->text();
}

bool UsagePanel::chartsShown() const {
    return !m_cpu->isHidden();
}

void UsagePanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange) {
        m_cpu->retranslate();
        m_memory->retranslate();
        redraw();
    }
    QWidget::changeEvent(event);
}

} // namespace cox::console
