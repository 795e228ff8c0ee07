#include "fake_api_server.h"

#include <QDateTime>
#include <QMetaObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace cox::console::testing {

namespace {

QByteArray chunk(const QByteArray &data) {
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

QByteArray nodeName(int i) {
    return "node-" + QByteArray::number(i).rightJustified(4, '0');
}

} // namespace

FakeApiServer::FakeApiServer(const FakeClusterShape &shape)
    : m_shape(shape)
    , m_restarts(shape.nodes * shape.podsPerNode, 0) {}

FakeApiServer::~FakeApiServer() {
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                for (QTcpSocket *socket : m_buffers.keys()) {
                    socket->disconnect(this);
                    delete socket;
                }
                delete m_server;
                delete m_producer;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

quint16 FakeApiServer::start() {
    moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(this, &FakeApiServer::listen, Qt::BlockingQueuedConnection);
    return m_port.load();
}

void FakeApiServer::listen() {
    m_server = new QTcpServer;
    connect(m_server, &QTcpServer::newConnection, this, &FakeApiServer::accept);
    if (m_server->listen(QHostAddress::LocalHost, 0))
        m_port = m_server->serverPort();
    m_producer = new QTimer;
    m_producer->setTimerType(Qt::PreciseTimer);
    m_producer->setInterval(2);
    connect(m_producer, &QTimer::timeout, this, &FakeApiServer::produce);
}

void FakeApiServer::accept() {
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            m_podWatches.removeAll(socket);
            socket->deleteLater();
        });
    }
}

// GETs only, no bodies: one request per header block (keep-alive sends several).
void FakeApiServer::readRequest(QTcpSocket *socket) {
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (qsizetype end = buffer.indexOf("\r\n\r\n"); end >= 0; end = buffer.indexOf("\r\n\r\n")) {
        const QByteArray head = buffer.left(end);
        buffer.remove(0, end + 4);
        const QList<QByteArray> line = head.left(head.indexOf("\r\n")).split(' ');
        answer(socket, line.size() > 1 ? line[1] : QByteArray());
    }
}

void FakeApiServer::answer(QTcpSocket *socket, const QByteArray &path) {
    const bool watch = path.contains("watch=1");
    const qsizetype query = path.indexOf('?');
    const QByteArray collection = query < 0 ? path : path.left(query);
    if (watch && (collection == "/api/v1/nodes" || collection == "/api/v1/pods" ||
                  collection == "/apis/apps/v1/deployments")) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n");
        if (collection == "/api/v1/pods")
            startStream(socket);
        return; // the others stay open and quiet, as an idle watch does
    }
    QByteArray body;
    int status = 200;
    if (collection == "/api/v1/nodes")
        body = listOf("NodeList", m_shape.nodes, false);
    else if (collection == "/api/v1/pods")
        body = listOf("PodList", m_shape.nodes * m_shape.podsPerNode, true);
    else if (collection == "/apis/apps/v1/deployments")
        body = listOf("DeploymentList", 0, false);
    else {
        status = 404;
        body =
            R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404})";
    }
    socket->write(
        "HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Not Found") +
        "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\n\r\n" + body);
}

void FakeApiServer::startStream(QTcpSocket *socket) {
    m_podWatches.append(socket);
}

void FakeApiServer::beginEvents() {
    QMetaObject::invokeMethod(this, [this] {
        m_streamStartMs = QDateTime::currentMSecsSinceEpoch();
        m_producer->start();
    });
}

// Sends what is due at a steady rate since the stream started, then stops at its end.
void FakeApiServer::produce() {
    const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - m_streamStartMs;
    const qint64 limit = qint64(m_shape.eventsPerSecond) * m_shape.streamSeconds;
    const qint64 due = std::min(limit, elapsed * m_shape.eventsPerSecond / 1000);
    QByteArray lines;
    const int pods = m_shape.nodes * m_shape.podsPerNode;
    for (qint64 n = m_sent.load(); n < due; ++n) {
        const int index = int((n * 7919) % pods); // spread over every card
        ++m_restarts[index];
        ++m_resourceVersion;
        lines += R"({"type":"MODIFIED","object":)" + podJson(index) + "}\n";
    }
    if (!lines.isEmpty()) {
        for (QTcpSocket *socket : std::as_const(m_podWatches))
            socket->write(chunk(lines));
        m_sent = due;
    }
    if (due >= limit) {
        m_producer->stop();
        m_done = true;
    }
}

QByteArray FakeApiServer::nodeJson(int i) const {
    const QByteArray ready = i % 97 == 0 ? "False" : "True";
    return R"({"kind":"Node","apiVersion":"v1","metadata":{"name":")" + nodeName(i) +
           R"(","resourceVersion":"1"},"spec":{"unschedulable":)" +
           (i % 53 == 0 ? "true" : "false") +
           R"(},"status":{"conditions":[{"type":"Ready","status":")" + ready +
           R"("}],"allocatable":{"cpu":"16","memory":"64Gi","pods":"110"}}})";
}

// Every pod event carries a whole pod, as the API server sends it.
QByteArray FakeApiServer::podJson(int index) const {
    const int node = index / m_shape.podsPerNode, j = index % m_shape.podsPerNode;
    const QByteArray owner = "app-" + QByteArray::number((node * 7 + j) % 40);
    const QByteArray name = owner + "-" + QByteArray::number(node) + "-" + QByteArray::number(j);
    const int restarts = m_restarts[index];
    const QByteArray phase = restarts % 10 == 9 ? "Failed" : j % 13 == 0 ? "Pending" : "Running";
    return R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":")" + name +
           R"(","namespace":"ns-)" + QByteArray::number(j % 7) + R"(","resourceVersion":")" +
           QByteArray::number(m_resourceVersion) + R"(","labels":{"app":")" + owner +
           R"("},"ownerReferences":[{"kind":"ReplicaSet","name":")" + owner +
           R"(","controller":true}]},"spec":{"nodeName":")" + nodeName(node) +
           R"(","containers":[{"name":"app","image":"busybox","resources":{"requests":)"
           R"({"cpu":"250m","memory":"512Mi"}}}]},"status":{"phase":")" +
           phase + R"(","containerStatuses":[{"name":"app","restartCount":)" +
           QByteArray::number(restarts) + "}]}}";
}

QByteArray FakeApiServer::listOf(const QByteArray &kind, int count, bool pods) const {
    QByteArray body = R"({"kind":")" + kind +
                      R"(","apiVersion":"v1","metadata":{"resourceVersion":")" +
                      QByteArray::number(m_resourceVersion) + R"("},"items":[)";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            body += ',';
        body += pods ? podJson(i) : nodeJson(i);
    }
    return body + "]}";
}

} // namespace cox::console::testing
