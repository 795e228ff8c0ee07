// bench_console_board: the board at 1,000 nodes and 30,000 pods, fed into ClusterModel
// directly (no API). Prints time to the first full board, frame times while panning and
// zooming (the viewport repainted per frame), the drag overlay over every card, and
// a burst of incremental pod updates. Targets: board <= 1 s, frames <= 16 ms, overlay <= 50 ms.
// Each frame is timed twice: wall clock, and the UI thread's own CPU time - on a machine shared
// with builds the wall clock mostly measures the scheduler, the CPU time what a frame costs.
#include "board/board_scene.h"
#include "board/board_view.h"
#include "models/cluster_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QWindow>

#include <functional>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
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

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct FrameStats {
    double avg = 0, p99 = 0, max = 0;
};

// Frame times of one phase: wall clock and UI-thread CPU, and each frame's step (to name the
// worst ones).
struct Frames {
    std::vector<double> wall, cpu;
    std::vector<std::string> step;
    void append(const Frames &other) {
        wall.insert(wall.end(), other.wall.begin(), other.wall.end());
        cpu.insert(cpu.end(), other.cpu.begin(), other.cpu.end());
        step.insert(step.end(), other.step.begin(), other.step.end());
    }
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

// One frame as the screen gets it: the viewport's paint event, synchronously (QGraphicsView
// draws from its scene's top-level items down). QGraphicsView::render() would be a different
// path: it lists every item of the scene intersecting the view first.
double renderFrame(BoardView &view, double *cpu = nullptr) {
    QElapsedTimer t;
    t.start();
    const double cpu0 = threadCpuMs();
    view.viewport()->repaint();
    if (cpu)
        *cpu = threadCpuMs() - cpu0;
    return ms(t.nsecsElapsed());
}

// A step (scroll or zoom) and the frame after it, as the user sees it, then the frames of the
// work it deferred.
void timeStep(Frames &frames, BoardView &view, const std::string &name,
              const std::function<void()> &step) {
    QElapsedTimer t;
    t.start();
    const double cpu0 = threadCpuMs();
    step();
    renderFrame(view);
    frames.wall.push_back(ms(t.nsecsElapsed()));
    frames.cpu.push_back(threadCpuMs() - cpu0);
    frames.step.push_back(name + " @" + std::to_string(view.zoom()).substr(0, 5));
    // What the frame left for idle ticks (chip sprites it drew stand-ins for) is what the screen
    // gets next: each tick and the repaint it asks for count as one more frame.
    for (int tick = 1; tick <= 50 && view.hasDeferredWork(); ++tick) {
        t.restart();
        const double tickCpu0 = threadCpuMs();
        QCoreApplication::sendPostedEvents(&view, QEvent::MetaCall); // the view's idle tick
        renderFrame(view);
        frames.wall.push_back(ms(t.nsecsElapsed()));
        frames.cpu.push_back(threadCpuMs() - tickCpu0);
        frames.step.push_back(name + " tick " + std::to_string(tick));
    }
}

void printFrames(const char *what, const Frames &f) {
    const FrameStats w = stats(f.wall), c = stats(f.cpu);
    std::printf("%-28s wall avg %6.2f p99 %6.2f max %6.2f ms | cpu avg %6.2f p99 %6.2f max "
                "%6.2f ms\n",
                what, w.avg, w.p99, w.max, c.avg, c.p99, c.max);
}

// The five frames with the most UI-thread CPU (wall beside it), with their steps.
void printWorst(const Frames &f) {
    std::vector<size_t> order(f.cpu.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return f.cpu[a] > f.cpu[b]; });
    std::printf("worst frames (cpu/wall ms):");
    for (size_t i = 0; i < std::min<size_t>(5, order.size()); ++i)
        std::printf(" %s %.1f/%.1f%s", f.step[order[i]].c_str(), f.cpu[order[i]], f.wall[order[i]],
                    i + 1 < 5 ? "," : "");
    std::printf("\n");
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
    // Painting happens only once the window is exposed.
    for (int i = 0; i < 200 && !(view.windowHandle() && view.windowHandle()->isExposed()); ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (!view.windowHandle() || !view.windowHandle()->isExposed()) {
        std::fprintf(stderr, "the view was never exposed\n");
        return 1;
    }

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
    const double boardCpu0 = threadCpuMs();
    for (const NodeView &n : nodes)
        model.upsertNode(n);
    for (const PodView &p : pods)
        model.upsertPod(p);
    const double fed = ms(total.nsecsElapsed());
    view.fitToView();
    const double first = renderFrame(view);
    QCoreApplication::processEvents(); // what the feed left posted belongs to the first board
    const double board = ms(total.nsecsElapsed());
    const double boardCpu = threadCpuMs() - boardCpu0;
    std::printf("board: %d nodes, %zu pods, %d columns\n", scene.cardCount(), pods.size(),
                scene.columns());
    std::printf("first full board: %.1f ms, cpu %.1f ms (model+scene %.1f ms, layout+fit+first "
                "frame %.1f ms of which frame %.1f ms)\n",
                board, boardCpu, fed, board - fed, first);

    // Frames at three zooms: the whole board (flat chips), mid (cards, flat chips), detail.
    const qreal fitZoom = view.zoom();
    struct Level {
        const char *name;
        qreal zoom;
    };
    const Level levels[] = {{"fit", fitZoom}, {"mid 0.3", 0.3}, {"detail 1.0", 1.0}};
    Frames all;
    for (const Level &level : levels) {
        view.setZoom(level.zoom);
        view.centerOn(scene.boardRect().center());
        Frames frames;
        for (int i = 0; i < 60; ++i) {
            timeStep(frames, view, std::string("pan ") + level.name + " #" + std::to_string(i),
                     [&] {
                         view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() +
                                                              (i % 20 < 10 ? 40 : -40));
                         view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() +
                                                            (i % 30 < 15 ? 30 : -30));
                     });
        }
        printFrames(QStringLiteral("pan at %1 (zoom %2):")
                        .arg(QLatin1String(level.name))
                        .arg(level.zoom, 0, 'f', 3)
                        .toLatin1()
                        .constData(),
                    frames);
        all.append(frames);
    }
    // Zoom steps from 1.0: in to 4, out to ~0.43 (chips switch to flat and back), in again.
    Frames zoomFrames;
    for (int i = 0; i < 60; ++i)
        timeStep(zoomFrames, view,
                 std::string(i % 20 < 10 ? "zoom in" : "zoom out") + " #" + std::to_string(i), [&] {
                     if (i % 20 < 10)
                         view.zoomIn();
                     else
                         view.zoomOut();
                 });
    printFrames("zoom in/out steps:", zoomFrames);
    all.append(zoomFrames);
    printFrames(QStringLiteral("all frames (%1):").arg(all.wall.size()).toLatin1().constData(),
                all);
    printWorst(all);

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
    const double frame = renderFrame(view);
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
