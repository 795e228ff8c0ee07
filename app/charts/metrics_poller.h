// MetricsPoller: a node's or a pod's CPU and memory usage over time, read from
// metrics.k8s.io/v1beta1 every few seconds while someone shows it. A node's sample also carries
// the sum of its pods' usage (PodMetrics with fieldSelector spec.nodeName). A sample is kept
// only when the server's timestamp moved (a new scrape), so the history has no repeated points;
// the last 15 minutes of each target polled are kept, so coming back to a node shows its past.
// When the cluster serves no metrics API, or has no sample yet, the state says which.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QVector>

namespace cox::console {

class ApiClient;
struct ApiResponse;

struct UsageSample {
    QDateTime time;
    double cpuCores = 0;
    double memoryBytes = 0;
    bool hasPods = false; // nodes only: the pods' sum below was read
    double podsCpuCores = 0;
    double podsMemoryBytes = 0;
};

class MetricsPoller : public QObject {
    Q_OBJECT
public:
    enum class State {
        Idle,        // nothing to poll
        Waiting,     // first answer not in yet
        Available,   // samples arriving
        NoSample,    // the metrics API is there but has nothing for this object (yet)
        Unavailable, // the cluster serves no metrics.k8s.io
        Failed       // another error (connection, permission): message() says
    };
    static constexpr int kDefaultIntervalMs = 10'000;
    static constexpr qint64 kHistorySecs = 15 * 60;

    explicit MetricsPoller(QObject *parent = nullptr);

    void setApi(ApiClient *api);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    // Starts polling (first request now); the same target again only keeps polling.
    void pollNode(const QString &node);
    void pollPod(const QString &ns, const QString &name);
    void stop();

    QString target() const { return m_target; }
    State state() const { return m_state; }
    QString message() const { return m_message; }
    // The current target's samples, oldest first.
    QVector<UsageSample> history() const { return m_history.value(m_target); }

signals:
    void sampleAdded(const cox::console::UsageSample &sample);
    void stateChanged(cox::console::MetricsPoller::State state);

private:
    void start(const QString &target, const QString &path);
    void poll();
    void objectRead(quint64 generation, const ApiResponse &r);
    void podsRead(quint64 generation, UsageSample sample, const ApiResponse &r);
    void notFound(quint64 generation);
    void addSample(const UsageSample &sample);
    void setState(State state, const QString &message = {});

    ApiClient *m_api = nullptr;
    QTimer m_timer;
    QString m_target; // "node/NAME" or "pod/NS/NAME"
    QString m_path;
    QString m_node; // the node whose pods are summed; empty for a pod
    QHash<QString, QVector<UsageSample>> m_history;
    State m_state = State::Idle;
    QString m_message;
    quint64 m_generation = 0; // bumps on every target change: late replies are dropped
    bool m_inFlight = false;
    QDateTime m_sentAt; // a reply that never comes must not stop the polling for good
};

} // namespace cox::console
