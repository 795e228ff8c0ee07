// Renders the main window over a populated cluster and checks the picture is a board (not a
// blank window). With COX_WRITE_SCREENSHOT=1 it also writes docs/screenshots/board.png.
#include "cluster_fixture.h"

#include "board/board_scene.h"
#include "board/board_view.h"
#include "board/pending_lane.h"
#include "board/pod_chip.h"
#include "console_style.h"
#include "main_window.h"

#include <QApplication>

#include <QDir>
#include <QImage>
#include <QSet>

namespace cox::console::testing {

namespace {

class ScreenshotTest : public ClusterFixture {
protected:
    // A small but lively cluster: mixed sizes, one cordoned and one NotReady node, pods with
    // restarts, a failing one, and work that fits nowhere.
    void populate() {
        createNode("control-1", "4", "8Gi");
        call("PATCH", "/api/v1/nodes/control-1",
             Json{{"metadata", {{"labels", {{"node-role.kubernetes.io/control-plane", ""}}}}}},
             "application/merge-patch+json");
        for (const char *name : {"worker-1", "worker-2", "worker-3", "worker-4"})
            createNode(name, "8", "16Gi");
        createNode("worker-5", "4", "8Gi", /*ready=*/false);
        for (const char *ns : {"monitoring", "batch"})
            call("POST", "/api/v1/namespaces", Json{{"metadata", {{"name", ns}}}});
        createDeployment("web", 9, "500m");
        createDeployment("api", 6, "750m");
        createDeployment("cache", 4, "1");
        createDeployment("metrics", 3, "250m", "monitoring");
        createDeployment("worker", 5, "300m", "batch");
        createDeployment("ml-train", 2, "16", "batch");
    }

    int markPhases() {
        Json pods = get("/api/v1/pods");
        int bound = 0;
        for (const Json &pod : pods["items"]) {
            if (pod["spec"].value("nodeName", "").empty())
                continue;
            ++bound;
            const std::string ns = pod["metadata"]["namespace"];
            const std::string name = pod["metadata"]["name"];
            const int restarts = bound % 7 == 0 ? 3 : 0;
            setPodPhase(ns, name, bound % 11 == 0 ? "Failed" : "Running", restarts);
        }
        return bound;
    }
};

} // namespace

TEST_F(ScreenshotTest, PopulatedBoardRendersToAPng) {
    populate();
    ASSERT_TRUE(waitFor(
        [&] {
            Json pods = get("/api/v1/pods");
            int bound = 0;
            for (const Json &pod : pods["items"])
                bound += pod["spec"].value("nodeName", "").empty() ? 0 : 1;
            return pods["items"].size() == 29 && bound == 27;
        },
        60'000));
    ASSERT_EQ(markPhases(), 27);
    ASSERT_EQ(call("PATCH", "/api/v1/nodes/worker-4", Json{{"spec", {{"unschedulable", true}}}},
                   "application/merge-patch+json")
                  .first,
              200);

    ConsoleStyle::apply(*qApp); // as coxswain's main() does
    MainWindow window;
    window.resize(1600, 960);
    window.show();
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    ASSERT_TRUE(waitFor(
        [&] {
            int running = 0;
            for (QGraphicsItem *item : scene->items())
                if (item->type() == PodChipType &&
                    static_cast<PodChip *>(item)->view().phase != "Pending")
                    ++running;
            return scene->cardCount() == 6 && scene->pendingLane()->chips().size() == 2 &&
                   running == 27;
        },
        30'000));
    window.boardView()->fitToView();
    for (QGraphicsItem *item : scene->items())
        if (item->type() == PodChipType && static_cast<PodChip *>(item)->view().restarts > 0) {
            item->setSelected(true);
            break;
        }
    waitFor([] { return false; }, 300); // let the inspector's events request land

    const QImage image = window.grab().toImage();
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), window.width() * image.devicePixelRatio());
    // A board, not a blank window: the picture holds many distinct colours (owner hues,
    // status accents, text).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 50);
    if (qEnvironmentVariableIntValue("COX_WRITE_SCREENSHOT") == 1) {
        QDir().mkpath(COX_SCREENSHOT_DIR);
        EXPECT_TRUE(image.save(COX_SCREENSHOT_DIR "/board.png"));
    }
}

} // namespace cox::console::testing
