#include "charts/usage_chart.h"

#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPalette>
#include <QValueAxis>

#include <algorithm>

namespace cox::console {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kGiB = 1024.0 * kMiB;
constexpr qint64 kMinSpanSecs = 60;

bool darkPalette() {
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

} // namespace

UsageChart::UsageChart(Resource resource, QWidget *parent)
    : QChartView(parent)
    , m_resource(resource)
    , m_usage(new QLineSeries)
    , m_pods(new QLineSeries)
    , m_limit(new QLineSeries)
    , m_time(new QDateTimeAxis)
    , m_value(new QValueAxis) {
    auto *chart = new QChart;
    chart->setTheme(darkPalette() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // a live chart must not lag its data
    for (QLineSeries *series : {m_usage, m_pods, m_limit})
        chart->addSeries(series);
    QPen usagePen(QColor(0x5b, 0x9c, 0xff), 2);
    m_usage->setPen(usagePen);
    m_pods->setPen(QPen(QColor(0x3f, 0xb9, 0x50), 1.5));
    QPen limitPen(QColor(0xf0, 0xb4, 0x29), 1.5, Qt::DashLine);
    m_limit->setPen(limitPen);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTickCount(4);
    m_value->setLabelFormat(QStringLiteral("%.1f"));
    m_value->setTickCount(5);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_value, Qt::AlignLeft);
    for (QLineSeries *series : {m_usage, m_pods, m_limit}) {
        series->attachAxis(m_time);
        series->attachAxis(m_value);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
    retranslate();
}

void UsageChart::retranslate() {
    chart()->setTitle(m_resource == Resource::Cpu ? tr("CPU (%1)").arg(unitName())
                                                  : tr("Memory (%1)").arg(unitName()));
    m_usage->setName(tr("Usage"));
    m_pods->setName(tr("Pods"));
    setAccessibleName(m_resource == Resource::Cpu ? tr("CPU usage over time")
                                                  : tr("Memory usage over time"));
}

QString UsageChart::unitName() const {
    if (m_resource == Resource::Cpu)
        return tr("cores");
    return m_divisor == kGiB ? tr("GiB") : tr("MiB");
}

double UsageChart::scaled(double value) const {
    return value / m_divisor;
}

// Rebuilt from scratch: at most 90 points (15 minutes at one per 10 s), cheaper than diffing.
void UsageChart::setSamples(const QVector<UsageSample> &samples, double limit,
                            const QString &limitName) {
    const bool cpu = m_resource == Resource::Cpu;
    double peak = limit;
    for (const UsageSample &s : samples)
        peak = std::max(
            {peak, cpu ? s.cpuCores : s.memoryBytes, cpu ? s.podsCpuCores : s.podsMemoryBytes});
    m_divisor = cpu ? 1.0 : (peak >= 2 * kGiB ? kGiB : kMiB);
    QList<QPointF> usage, pods;
    bool anyPods = false;
    for (const UsageSample &s : samples) {
        const double x = double(s.time.toMSecsSinceEpoch());
        usage << QPointF(x, scaled(cpu ? s.cpuCores : s.memoryBytes));
        if (s.hasPods) {
            anyPods = true;
            pods << QPointF(x, scaled(cpu ? s.podsCpuCores : s.podsMemoryBytes));
        }
    }
    m_usage->replace(usage);
    m_pods->replace(pods);
    m_pods->setVisible(anyPods);
    // The axis spans the history there is (at least a minute, at most 15), so a node inspected
    // a minute ago fills the chart instead of a sliver at its right edge.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime last = samples.isEmpty() ? now : std::max(now, samples.last().time);
    const qint64 span = samples.isEmpty() ? 0 : samples.first().time.secsTo(last);
    const QDateTime first =
        last.addSecs(-std::clamp<qint64>(span, kMinSpanSecs, MetricsPoller::kHistorySecs));
    m_time->setFormat(first.secsTo(last) < 300 ? QStringLiteral("HH:mm:ss")
                                               : QStringLiteral("HH:mm"));
    m_time->setRange(first.toLocalTime(), last.toLocalTime());
    m_limit->setVisible(limit > 0);
    m_limit->setName(limitName);
    if (limit > 0)
        m_limit->replace({QPointF(double(first.toMSecsSinceEpoch()), scaled(limit)),
                          QPointF(double(last.toMSecsSinceEpoch()), scaled(limit))});
    m_value->setRange(0, std::max(scaled(peak) * 1.1, cpu ? 0.1 : 1.0));
    retranslate(); // the unit may have changed
}

int UsageChart::usagePointCount() const {
    return int(m_usage->count());
}

int UsageChart::podsPointCount() const {
    return m_pods->isVisible() ? int(m_pods->count()) : 0;
}

double UsageChart::lastUsage() const {
    return m_usage->count() ? m_usage->at(m_usage->count() - 1).y() : 0;
}

} // namespace cox::console
