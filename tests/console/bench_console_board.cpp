// bench_console_board: the board at 1,000 nodes and 30,000 pods, fed into ClusterModel
// directly (no API). Prints time to the first full board, frame times while panning and
// zooming (the view rendered into a QImage per frame), the drag overlay over every card, and
// a burst of incremental pod updates. Targets: board <= 1 s, frames <= 16 ms, overlay <= 50 ms.
#include "board/board_scene.h"
#include "board/board_view.h"
#include "models/cluster_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace cox::console;

namespace {

constexpr int kNodes = 1000;
constexpr int kPodsPerNode = 30;

NodeView makeNode(int i) {
    NodeView n;
    n.name = QStringLiteral("node-%1").arg(i, 4, 10, QLatin1Char('0'));
    n.ready = i % 97 != 0;
    n.unschedulable = i % 53 == 0;
    n.cpuMilli = 16000;
    n.memoryBytes = 64ll << 30;
    n.podCapacity = 110;
    return n;
}

PodView makePod(int node, int j) {
    PodView p;
    p.ns = QStringLiteral("ns-%1").arg(j % 7);
    p.owner = QStringLiteral("app-%1").arg((node * 7 + j) % 40);
    p.name = QStringLiteral("%1-%2-%3").arg(p.owner).arg(node).arg(j);
    p.key = p.ns + QLatin1Char('/') + p.name;
    p.nodeName = node < 0 ? QString() : makeNode(node).name;
    p.phase = j % 13 == 0 ? QStringLiteral("Pending") : QStringLiteral("Running");
    p.restarts = j % 17 == 0 ? 2 : 0;
    p.cpuMilli = 250;
    p.memoryBytes = 512ll << 20;
    p.labels.insert(QStringLiteral("app"), p.owner);
    return p;
}

double ms(qint64 ns) {
    return ns / 1e6;
}

struct FrameStats {
    double avg = 0, p99 = 0, max = 0;
};

FrameStats stats(std::vector<double> frames) {
    std::sort(frames.begin(), frames.end());
    FrameStats s;
    for (double f : frames)
        s.avg += f;
    s.avg /= double(frames.size());
    s.p99 = frames[std::min(frames.size() - 1, size_t(frames.size() * 0.99))];
    s.max = frames.back();
    return s;
}

double renderFrame(BoardView &view, QImage &image) {
    QElapsedTimer t;
    t.start();
    QPainter painter(&image);
    view.render(&painter);
    painter.end();
    return ms(t.nsecsElapsed());
}

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ClusterModel model;
    BoardScene scene(&model);
    BoardView view(&scene);
    view.resize(1600, 1000);
    view.show();
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);

    std::vector<NodeView> nodes;
    std::vector<PodView> pods;
    for (int i = 0; i < kNodes; ++i) {
        nodes.push_back(makeNode(i));
        for (int j = 0; j < kPodsPerNode; ++j)
            pods.push_back(makePod(i, j));
    }
    for (int j = 0; j < 200; ++j)
        pods.push_back(makePod(-1, j)); // pending

    QElapsedTimer total;
    total.start();
    for (const NodeView &n : nodes)
        model.upsertNode(n);
    for (const PodView &p : pods)
        model.upsertPod(p);
    const double fed = ms(total.nsecsElapsed());
    view.fitToView();
    const double first = renderFrame(view, image);
    const double board = ms(total.nsecsElapsed());
    std::printf("board: %d nodes, %zu pods, %d columns\n", scene.cardCount(), pods.size(),
                scene.columns());
    std::printf("first full board: %.1f ms (model+scene %.1f ms, layout+fit+first frame %.1f ms of "
                "which frame %.1f ms)\n",
                board, fed, board - fed, first);

    // Frames at three zooms: the whole board (flat chips), mid (cards, flat chips), detail.
    const qreal fitZoom = view.zoom();
    struct Level {
        const char *name;
        qreal zoom;
    };
    const Level levels[] = {{"fit", fitZoom}, {"mid 0.3", 0.3}, {"detail 1.0", 1.0}};
    std::vector<double> all;
    for (const Level &level : levels) {
        view.setZoom(level.zoom);
        view.centerOn(scene.boardRect().center());
        std::vector<double> frames;
        for (int i = 0; i < 60; ++i) {
            view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() +
                                                 (i % 20 < 10 ? 40 : -40));
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() +
                                               (i % 30 < 15 ? 30 : -30));
            frames.push_back(renderFrame(view, image));
        }
        FrameStats s = stats(frames);
        std::printf("pan at %-10s (zoom %.3f): avg %.2f ms, p99 %.2f ms, max %.2f ms\n", level.name,
                    level.zoom, s.avg, s.p99, s.max);
        all.insert(all.end(), frames.begin(), frames.end());
    }
    std::vector<double> zoomFrames;
    for (int i = 0; i < 60; ++i) {
        if (i % 20 < 10)
            view.zoomIn();
        else
            view.zoomOut();
        zoomFrames.push_back(renderFrame(view, image));
    }
    FrameStats z = stats(zoomFrames);
    std::printf("zoom in/out steps:              avg %.2f ms, p99 %.2f ms, max %.2f ms\n", z.avg,
                z.p99, z.max);
    all.insert(all.end(), zoomFrames.begin(), zoomFrames.end());
    FrameStats s = stats(all);
    std::printf("all frames (%zu): avg %.2f ms, p99 %.2f ms\n", all.size(), s.avg, s.p99);

    // The drag overlay: every card's verdict set (as after one explanation call), then a frame.
    view.setZoom(fitZoom);
    QHash<QString, NodeVerdict> verdicts;
    for (const NodeView &n : nodes)
        verdicts.insert(n.name, NodeVerdict{n.name.back().digitValue() % 3 != 0,
                                            {QStringLiteral("Insufficient cpu")}});
    QElapsedTimer overlay;
    overlay.start();
    scene.setDragVerdicts(verdicts);
    const double apply = ms(overlay.nsecsElapsed());
    const double frame = renderFrame(view, image);
    overlay.restart();
    scene.clearDragVerdicts();
    const double clear = ms(overlay.nsecsElapsed());
    std::printf("drag overlay over %d cards: apply %.2f ms, + frame %.2f ms, clear %.2f ms\n",
                scene.cardCount(), apply, frame, clear);

    // Incremental updates: 1,000 pod phase changes and 100 pods moving to another node.
    QElapsedTimer updates;
    updates.start();
    for (int i = 0; i < 1000; ++i) {
        PodView p = pods[size_t(i) * 29];
        p.phase = QStringLiteral("Failed");
        model.upsertPod(p);
    }
    for (int i = 0; i < 100; ++i) {
        PodView p = pods[size_t(i) * 31];
        p.nodeName = makeNode((i * 37 + 11) % kNodes).name;
        model.upsertPod(p);
    }
    QCoreApplication::processEvents();
    std::printf("1,000 phase updates + 100 node moves applied: %.1f ms\n",
                ms(updates.nsecsElapsed()));
    return 0;
}
