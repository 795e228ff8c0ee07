// UsageChart: one resource over (up to) the last 15 minutes as a Qt Charts line chart - the
// object's usage, for a node also its pods' sum, and a flat line for what it may use (a node's
// allocatable, a pod's requests). CPU in cores, memory in MiB or GiB.
#pragma once

#include "charts/metrics_poller.h"

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace cox::console {

class UsageChart : public QChartView {
    Q_OBJECT
public:
    enum class Resource { Cpu, Memory };

    explicit UsageChart(Resource resource, QWidget *parent = nullptr);

    // Redraws from the samples; `limit` <= 0 hides the limit line. `limitName` labels it.
    void setSamples(const QVector<UsageSample> &samples, double limit, const QString &limitName);
    void retranslate();
    int usagePointCount() const;
    int podsPointCount() const;
    double lastUsage() const; // in the chart's unit (cores, MiB or GiB)

private:
    double scaled(double value) const;
    QString unitName() const;

    Resource m_resource;
    QLineSeries *m_usage;
    QLineSeries *m_pods;
    QLineSeries *m_limit;
    QDateTimeAxis *m_time;
    QValueAxis *m_value;
    double m_divisor = 1; // bytes per shown unit
};

} // namespace cox::console
