// UsagePanel: the inspector's Usage tab - CPU and memory charts of the shown node (usage, its
// pods' sum, allocatable) or pod (usage vs requests) over the last 15 minutes, fed by a
// MetricsPoller that polls only while something is shown. Without metrics the panel says why
// instead of drawing empty axes.
#pragma once

#include "charts/metrics_poller.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;

namespace cox::console {

class UsageChart;

class UsagePanel : public QWidget {
    Q_OBJECT
public:
    explicit UsagePanel(QWidget *parent = nullptr);

    void setApi(ApiClient *api);
    // `node`/`pod` give the limit lines (allocatable, requests); the same target again only
    // updates them.
    void showNode(const QString &name, const QJsonObject &node);
    void showPod(const QString &ns, const QString &name, const QJsonObject &pod);
    void stop();

    MetricsPoller *poller() const { return m_poller; }
    UsageChart *cpuChart() const { return m_cpu; }
    UsageChart *memoryChart() const { return m_memory; }
    // What the panel says instead of (or under) the charts.
    QString statusText() const;
    bool chartsShown() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void redraw();
    QString stateText() const;

    MetricsPoller *m_poller;
    QLabel *m_status;
    UsageChart *m_cpu;
    UsageChart *m_memory;
    double m_cpuLimit = 0;    // cores
    double m_memoryLimit = 0; // bytes
    bool m_node = false;
};

} // namespace cox::console
