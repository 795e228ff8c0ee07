// FakeApiServer: a plain-HTTP stand-in for the API server at board scale, on 127.0.0.1 in its own
// thread - lists of N nodes and M pods, watches that stay open, and a pod watch that streams
// MODIFIED events at a steady rate (restart counts and phases changing) for a bounded time.
// What the console receives is what a real watch delivers (chunked JSON lines over a socket),
// so a benchmark measures the console's own path from socket to board. Anything else is 404.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QThread>

#include <atomic>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace cox::console::testing {

struct FakeClusterShape {
    int nodes = 1000;
    int podsPerNode = 30;
    int eventsPerSecond = 2000;
    int streamSeconds = 10;
};

class FakeApiServer : public QObject {
    Q_OBJECT
public:
    explicit FakeApiServer(const FakeClusterShape &shape);
    ~FakeApiServer() override;

    // Listens on a free loopback port in a thread of its own; 0 when it could not.
    quint16 start();
    // Pod watches stay quiet until this: the events start once the board is up (any thread).
    void beginEvents();
    // Events written to pod watches so far (any thread).
    qint64 eventsSent() const { return m_sent.load(); }
    // True once the pod watch's bounded stream is over.
    bool streamDone() const { return m_done.load(); }

private:
    void listen();
    void accept();
    void readRequest(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const QByteArray &path);
    void startStream(QTcpSocket *socket);
    void produce();
    QByteArray podJson(int index) const;
    QByteArray nodeJson(int index) const;
    QByteArray listOf(const QByteArray &kind, int count, bool pods) const;

    FakeClusterShape m_shape;
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    QTimer *m_producer = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QTcpSocket *> m_podWatches;
    QVector<int> m_restarts; // per pod, bumped by events
    qint64 m_streamStartMs = 0;
    qint64 m_resourceVersion = 100;
    std::atomic<qint64> m_sent{0};
    std::atomic<bool> m_done{false};
    std::atomic<quint16> m_port{0};
};

} // namespace cox::console::testing
