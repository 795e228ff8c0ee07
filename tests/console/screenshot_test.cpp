// Renders the main window over a populated cluster and checks the picture is a board (not a
// blank window). With COX_WRITE_SCREENSHOT=1 it also writes docs/screenshots/: board.png,
// inspector.png, board-drag.png (a drag in progress), board-zh_CN.png and deploy-dialog.png.
#include "cluster_fixture.h"

#include "board/board_scene.h"
#include "board/board_view.h"
#include "board/node_card.h"
#include "board/pending_lane.h"
#include "board/pod_chip.h"
#include "console_style.h"
#include "dialogs/deploy_dialog.h"
#include "main_window.h"
#include "settings/language.h"

#include <QApplication>

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSet>
#include <QSpinBox>
#include <QTest>

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

bool writeScreenshots() {
    if (qEnvironmentVariableIntValue("COX_WRITE_SCREENSHOT") != 1)
        return false;
    QDir().mkpath(COX_SCREENSHOT_DIR);
    return true;
}

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
    if (!writeScreenshots())
        return;
    EXPECT_TRUE(image.save(COX_SCREENSHOT_DIR "/board.png"));
    EXPECT_TRUE(window.findChild<QDockWidget *>("inspectorDock")
                    ->grab()
                    .save(COX_SCREENSHOT_DIR "/inspector.png"));

    // A drag in progress: the cards show where the chip fits (green) and where not (red).
    PodChip *dragged = nullptr;
    for (PodChip *chip : scene->card("worker-1")->chips())
        if (chip->view().owner == "cache")
            dragged = chip;
    ASSERT_NE(dragged, nullptr);
    QWidget *viewport = window.boardView()->viewport();
    const QPoint from = window.boardView()->mapFromScene(dragged->sceneBoundingRect().center());
    const QRectF over = scene->card("worker-2")->sceneBoundingRect();
    const QPoint to = window.boardView()->mapFromScene(QPointF(over.center().x(), over.top() + 30));
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    for (int i = 1; i <= 6; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / 6);
    ASSERT_TRUE(waitFor([&] { return scene->dragVerdicts().size() >= 5; }));
    EXPECT_TRUE(window.grab().save(COX_SCREENSHOT_DIR "/board-drag.png"));
    // Released over the lane (no card): nothing moves.
    QTest::mouseRelease(
        viewport, Qt::LeftButton, {},
        window.boardView()->mapFromScene(scene->pendingLane()->sceneBoundingRect().center()));

    ASSERT_TRUE(Language::apply(QStringLiteral("zh_CN")));
    EXPECT_TRUE(waitFor([&] { return window.windowTitle().contains("控制台"); }, 5000));
    EXPECT_TRUE(window.grab().save(COX_SCREENSHOT_DIR "/board-zh_CN.png"));
    Language::apply(QStringLiteral("en"));

    DeployDialog dialog(&window);
    dialog.nameField()->setText("shop");
    dialog.imageField()->setText("registry.example.com/shop:2.3");
    dialog.replicasField()->setValue(3);
    dialog.portsField()->setText("8080");
    dialog.serviceTypeField()->setCurrentIndex(dialog.serviceTypeField()->findData("ClusterIP"));
    dialog.envField()->setPlainText("MODE=production\nLOG_LEVEL=info");
    dialog.show();
    EXPECT_TRUE(dialog.grab().save(COX_SCREENSHOT_DIR "/deploy-dialog.png"));
}

} // namespace cox::console::testing
