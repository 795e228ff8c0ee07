// Drag-to-reschedule against a real control plane whose nodes run pods: three hollow nodes
// (agents/hollow, in-process node agents with an in-memory runtime) take pods to Running, and the
// console's board is driven with QTest mouse events on the view. A drop on a fitting node moves
// the pod (checked through the API); a drop on a full node snaps back with the scheduler's reason.
#include "cluster_fixture.h"

#include "board/board_scene.h"
#include "board/board_view.h"
#include "board/node_card.h"
#include "board/pod_chip.h"
#include "hollow/hollow_fleet.h"
#include "main_window.h"

#include <QTest>

#include <set>

namespace cox::console::testing {

namespace {

class DragTest : public ClusterFixture {
protected:
    void SetUp() override {
        ClusterFixture::SetUp();
        if (HasFatalFailure())
            return;
        agent::HollowFleetConfig config;
        config.serverUrl = m_plane->serverUrl();
        config.joinToken = m_plane->joinToken();
        config.namePrefix = "hollow";
        config.dataDir = m_dataDir + "/nodes";
        config.count = 3;
        config.node.statusInterval = std::chrono::seconds(2);
        auto fleet = agent::HollowFleet::start(config);
        ASSERT_TRUE(fleet) << fleet.status().message();
        m_fleet = std::move(*fleet);
        ASSERT_TRUE(waitFor([&] { return readyNodes() == 3; }, 60'000))
            << "hollow nodes not Ready: " << get("/api/v1/nodes").dump();
    }
    void TearDown() override {
        if (m_fleet)
            m_fleet->stop();
        m_fleet.reset();
        ClusterFixture::TearDown();
    }

    int readyNodes() {
        int ready = 0;
        const Json nodes = get("/api/v1/nodes"); // the range must outlive the loop
        for (const Json &node : nodes["items"])
            for (const Json &c : node["status"].value("conditions", Json::array()))
                if (c["type"] == "Ready" && c["status"] == "True" &&
                    !node["spec"].value("podCIDR", "").empty())
                    ++ready;
        return ready;
    }

    // The live (not deleting) pods of a deployment: name -> {node, phase}.
    std::map<std::string, std::pair<std::string, std::string>> livePods(const std::string &app) {
        std::map<std::string, std::pair<std::string, std::string>> out;
        const Json list = get("/api/v1/namespaces/default/pods?labelSelector=app%3D" + app);
        for (const Json &pod : list["items"]) {
            if (pod["metadata"].contains("deletionTimestamp"))
                continue;
            out[pod["metadata"]["name"]] = {pod["spec"].value("nodeName", ""),
                                            pod.value("status", Json::object()).value("phase", "")};
        }
        return out;
    }

    // The node of the single running pod of `app` ("" until there is exactly one).
    std::string runningNodeOf(const std::string &app) {
        auto pods = livePods(app);
        if (pods.size() != 1 || pods.begin()->second.second != "Running")
            return {};
        return pods.begin()->second.first;
    }

    std::unique_ptr<agent::HollowFleet> m_fleet;
};

// Presses on the chip, moves over the card in steps (as a hand does, so the scene sees a drag
// start past the drag distance), runs `whileOver` with the button still down, then releases.
void dragChipOnto(BoardView *view, PodChip *chip, NodeCard *card,
                  const std::function<void()> &whileOver) {
    QWidget *viewport = view->viewport();
    const QPoint from = view->mapFromScene(chip->sceneBoundingRect().center());
    // Aim at the card's header: chips cover its lower part.
    const QRectF target = card->sceneBoundingRect();
    const QPoint to = view->mapFromScene(QPointF(target.center().x(), target.top() + 20));
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    constexpr int kSteps = 8;
    for (int i = 1; i <= kSteps; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / kSteps);
    whileOver();
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

bool hasVerdicts(const BoardScene *scene, const std::vector<std::string> &nodes) {
    for (const std::string &node : nodes)
        if (!scene->dragVerdicts().contains(QString::fromStdString(node)))
            return false;
    return true;
}

} // namespace

TEST_F(DragTest, DropOnAFittingNodeMovesThePodAndOnAFullNodeSnapsBackWithTheReason) {
    // Hollow nodes have this machine's cores; two pods of 3/4 of that can never share a node.
    const Json node0 = get("/api/v1/nodes/hollow-0");
    const qint64 cores = parseQuantityMilli(QString::fromStdString(
                             node0["status"]["allocatable"]["cpu"].get<std::string>())) /
                         1000;
    const std::string big = std::to_string(cores * 750) + "m";
    createDeployment("web", 1, big);
    createDeployment("filler", 1, big);
    std::string webNode, fillerNode;
    ASSERT_TRUE(waitFor(
        [&] {
            webNode = runningNodeOf("web");
            fillerNode = runningNodeOf("filler");
            return !webNode.empty() && !fillerNode.empty();
        },
        60'000))
        << "pods never ran on the hollow nodes";
    ASSERT_NE(webNode, fillerNode);
    std::string freeNode;
    for (const char *n : {"hollow-0", "hollow-1", "hollow-2"})
        if (n != webNode && n != fillerNode)
            freeNode = n;

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    const QString webPod = QString::fromStdString("default/" + livePods("web").begin()->first);
    ASSERT_TRUE(waitFor([&] {
        NodeCard *home = scene->card(QString::fromStdString(webNode));
        return scene->chip(webPod) && scene->card(QString::fromStdString(freeNode)) && home &&
               home->holds(scene->chip(webPod));
    }));
    window.boardView()->fitToView();
    QApplication::processEvents();

    // 1. Onto the full node: red card with the reason on hover, the chip snaps back home and
    //    the reason is shown; nothing changes in the cluster.
    NodeCard *full = scene->card(QString::fromStdString(fillerNode));
    NodeCard *home = scene->card(QString::fromStdString(webNode));
    dragChipOnto(window.boardView(), scene->chip(webPod), full, [&] {
        EXPECT_EQ(scene->draggedPod(), webPod) << "the drag never started";
        ASSERT_TRUE(waitFor([&] {
            return hasVerdicts(scene, {fillerNode, freeNode});
        })) << "no placement verdicts while dragging";
        EXPECT_EQ(full->verdict(), NodeCard::Verdict::DoesNotFit);
        EXPECT_TRUE(full->toolTip().contains("Insufficient cpu")) << full->toolTip().toStdString();
        EXPECT_EQ(scene->card(QString::fromStdString(freeNode))->verdict(),
                  NodeCard::Verdict::Fits);
    });
    EXPECT_TRUE(home->holds(scene->chip(webPod)));
    EXPECT_EQ(scene->chip(webPod)->moveState(), PodChip::MoveState::Failed);
    EXPECT_TRUE(scene->chip(webPod)->toolTip().contains("Insufficient cpu"));
    EXPECT_TRUE(window.lastActionMessage().contains("Insufficient cpu"))
        << window.lastActionMessage().toStdString();
    EXPECT_EQ(full->verdict(), NodeCard::Verdict::None) << "overlay left behind after the drop";
    EXPECT_EQ(get("/apis/coxswain.io/v1/namespaces/default/podmoves")["items"].size(), 0u);
    EXPECT_EQ(runningNodeOf("web"), webNode);

    // 2. Onto the free node: the chip shows progress, the pod (or its replacement) ends up
    //    running there, and the board follows.
    NodeCard *target = scene->card(QString::fromStdString(freeNode));
    dragChipOnto(window.boardView(), scene->chip(webPod), target, [&] {
        ASSERT_TRUE(waitFor([&] { return hasVerdicts(scene, {freeNode}); }));
        EXPECT_EQ(target->verdict(), NodeCard::Verdict::Fits);
    });
    EXPECT_TRUE(waitFor([&] { return runningNodeOf("web") == freeNode; }, 60'000))
        << "the pod never ran on " << freeNode;
    EXPECT_EQ(runningNodeOf("filler"), fillerNode);
    const QString moved = QString::fromStdString("default/" + livePods("web").begin()->first);
    EXPECT_TRUE(waitFor([&] {
        PodChip *chip = scene->chip(moved);
        return chip && target->holds(chip) && liveChips(scene) == 2;
    })) << "the board did not follow the move";
    EXPECT_TRUE(waitFor([&] { return window.lastActionMessage().startsWith("Moved "); }))
        << window.lastActionMessage().toStdString();
}

TEST_F(DragTest, DraggingOneOfSeveralSelectedChipsMovesThemAllAndUndoMovesThemBack) {
    createDeployment("api", 2, "100m");
    std::map<std::string, std::pair<std::string, std::string>> pods;
    ASSERT_TRUE(waitFor(
        [&] {
            pods = livePods("api");
            int running = 0;
            for (const auto &[name, where] : pods)
                running += where.second == "Running" ? 1 : 0;
            return pods.size() == 2 && running == 2;
        },
        60'000));
    std::set<std::string> sources;
    for (const auto &[name, where] : pods)
        sources.insert(where.first);
    std::string target;
    for (const char *n : {"hollow-0", "hollow-1", "hollow-2"})
        if (!sources.count(n))
            target = n;
    ASSERT_FALSE(target.empty());

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    QList<PodChip *> chips;
    ASSERT_TRUE(waitFor([&] {
        chips.clear();
        for (const auto &[name, where] : pods)
            if (PodChip *chip = scene->chip(QString::fromStdString("default/" + name)))
                if (NodeCard *card = scene->card(QString::fromStdString(where.first));
                    card && card->holds(chip))
                    chips << chip;
        return chips.size() == 2 && scene->card(QString::fromStdString(target));
    }));
    window.boardView()->fitToView();
    QApplication::processEvents();
    for (PodChip *chip : chips)
        chip->setSelected(true); // what ctrl+click does
    ASSERT_FALSE(window.undoMoveAction()->isEnabled());
    dragChipOnto(window.boardView(), chips.first(), scene->card(QString::fromStdString(target)),
                 [] {});
    EXPECT_TRUE(waitFor(
        [&] {
            auto now = livePods("api");
            int there = 0;
            for (const auto &[name, where] : now)
                there += where.first == target && where.second == "Running" ? 1 : 0;
            return now.size() == 2 && there == 2;
        },
        90'000))
        << "both selected pods should run on " << target;
    ASSERT_TRUE(waitFor([&] { return window.undoMoveAction()->isEnabled(); }));

    window.undoMoveAction()->trigger();
    EXPECT_TRUE(waitFor(
        [&] {
            auto now = livePods("api");
            std::multiset<std::string> nodes;
            for (const auto &[name, where] : now)
                if (where.second == "Running")
                    nodes.insert(where.first);
            std::multiset<std::string> before;
            for (const auto &[name, where] : pods)
                before.insert(where.first);
            return now.size() == 2 && nodes == before;
        },
        90'000))
        << "undo should put the pods back on their nodes";
    EXPECT_FALSE(window.undoMoveAction()->isEnabled()) << "an undo is not itself undoable";
}

} // namespace cox::console::testing
