// bench_console_stalls: UI-thread stalls of the whole console window while 2,000 pod events per
// second arrive for 10 s, on a board of 1,000 nodes and 30,000 pods. The events come the way
// real ones do: a pod watch over a socket (FakeApiServer, plain HTTP on loopback, its own
// thread) into the session's WatchCache, MainWindow's wiring, ClusterModel, the board and the
// lists. A 1 ms precise timer on the UI thread records how late each tick fires; a stall is that
// lateness. Target: p99 <= 50 ms.
#include "api/cluster_session.h"
#include "api/watch_cache.h"
#include "board/board_view.h"
#include "fake_api_server.h"
#include "main_window.h"
#include "models/cluster_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace cox::console;

namespace {

bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(double(v.size()) * p))];
}

// Counts the board viewport's paints: the stalls include drawing what the events changed.
class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject *, QEvent *event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    testing::FakeClusterShape shape;
    testing::FakeApiServer server(shape);
    const quint16 port = server.start();
    if (port == 0) {
        std::fprintf(stderr, "cannot listen on loopback\n");
        return 1;
    }
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QElapsedTimer sync;
    sync.start();
    ClusterConnection connection;
    connection.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    connection.name = QStringLiteral("bench");
    window.connectTo(connection);
    const int pods = shape.nodes * shape.podsPerNode;
    if (!waitUntil([&] { return window.boardScene()->chipCount() == pods; }, 180'000)) {
        std::fprintf(stderr, "board never filled: %d chips, %d cards, pods synced %d, banner %s\n",
                     window.boardScene()->chipCount(), window.boardScene()->cardCount(),
                     int(window.session()->pods()->synced()), qPrintable(window.bannerText()));
        return 1;
    }
    std::printf("board: %d cards, %d chips, listed and drawn in %lld ms\n",
                window.boardScene()->cardCount(), window.boardScene()->chipCount(),
                static_cast<long long>(sync.elapsed()));
    window.boardView()->fitToView();
    // Let the first full paint and the layout settle: the stalls measured are the events'.
    QElapsedTimer settle;
    settle.start();
    waitUntil([&] { return settle.elapsed() > 2000; }, 3000);

    qint64 applied = 0;
    QObject::connect(window.session()->pods(), &WatchCache::upserted, &window,
                     [&applied] { ++applied; });
    PaintCounter paints;
    window.boardView()->viewport()->installEventFilter(&paints);

    std::vector<double> stalls;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        stalls.push_back(std::max(0.0, double(now - last) / 1e6 - 1.0));
        last = now;
    });
    probe.start();
    server.beginEvents();
    const int budgetMs = (shape.streamSeconds + 30) * 1000;
    const bool done =
        waitUntil([&] { return server.streamDone() && applied >= server.eventsSent(); }, budgetMs);
    const double seconds = double(clock.elapsed()) / 1000.0;
    probe.stop();
    std::printf("events: %lld sent, %lld applied in %.1f s (%.0f/s)%s\n",
                static_cast<long long>(server.eventsSent()), static_cast<long long>(applied),
                seconds, double(applied) / seconds, done ? "" : " - TIMED OUT");
    std::printf("board repaints: %d\n", paints.paints);
    std::printf("UI-thread stalls (1 ms timer lateness, %zu samples): p50 %.2f ms, p99 %.2f ms, "
                "max %.2f ms\n",
                stalls.size(), percentile(stalls, 0.5), percentile(stalls, 0.99),
                percentile(stalls, 1.0));
    return done ? 0 : 1;
}
