// NodeUsagePoller: every node's actual usage for the board - one LIST of
// metrics.k8s.io/v1beta1 nodes every 15 s, skipped while the board is not visible (a probe the
// window supplies). The request runs through ApiClient like all API work (QtNetwork's thread);
// only the small list is parsed here. A cluster without the metrics API (404), or a node the
// list does not name, has no entry: the board then draws no usage rather than a zero.
#pragma once

#include "charts/node_usage.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace cox::console {

class ApiClient;
struct ApiResponse;

class NodeUsagePoller : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 15'000;

    explicit NodeUsagePoller(QObject *parent = nullptr);

    // Another cluster: its usage starts empty; polling starts at once if active.
    void setApi(ApiClient *api);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    // Polls only while this says the board is seen (the default: always).
    void setVisibleProbe(std::function<bool()> visible) { m_visible = std::move(visible); }
    void start();
    void stop();

    const QHash<QString, NodeUsage> &usage() const { return m_usage; }
    // False after a 404: the cluster serves no metrics.k8s.io.
    bool available() const { return m_available; }
    int listsRead() const { return m_listsRead; }

signals:
    void usageChanged(const QHash<QString, cox::console::NodeUsage> &usage);

private:
    void poll();
    void listRead(quint64 generation, const ApiResponse &r);
    void failed();
    void setUsage(QHash<QString, NodeUsage> usage);

    ApiClient *m_api = nullptr;
    QTimer m_timer;
    std::function<bool()> m_visible;
    QHash<QString, NodeUsage> m_usage;
    quint64 m_generation = 0; // bumps on every API change: late replies are dropped
    bool m_inFlight = false;
    bool m_available = true;
    int m_listsRead = 0;
};

} // namespace cox::console
