// User actions through the console's own widgets, checked through the API: +/- and the spin
// box scale a deployment, the card's cordon action sets spec.unschedulable.
#include "cluster_fixture.h"

#include "board/board_scene.h"
#include "board/node_card.h"
#include "board/pending_lane.h"
#include "board/pod_chip.h"
#include "inspector/inspector_panel.h"
#include "main_window.h"
#include "panels/deployments_panel.h"
#include "panels/replica_editor.h"

#include <QSpinBox>
#include <QToolButton>

#include <set>

namespace cox::console::testing {

namespace {

class ActionsTest : public ClusterFixture {
protected:
    int specReplicas(const std::string &name) {
        return get("/apis/apps/v1/namespaces/default/deployments/" + name)["spec"]["replicas"];
    }
    bool unschedulable(const std::string &node) {
        return get("/api/v1/nodes/" + node)["spec"].value("unschedulable", false);
    }
};

} // namespace

TEST_F(ActionsTest, PlusMinusAndSpinBoxScaleTheDeployment) {
    createNode("node-a");
    createDeployment("web", 2);
    MainWindow window;
    window.connectTo(connection());
    ReplicaEditor *editor = nullptr;
    ASSERT_TRUE(waitFor([&] {
        editor = window.deploymentsPanel()->editor("default/web");
        return editor && editor->replicas() == 2;
    }));
    editor->plusButton()->click();
    EXPECT_TRUE(waitFor([&] { return specReplicas("web") == 3; }));
    // The editor follows the cluster: after the watch event it shows 3, and '-' goes from there.
    ASSERT_TRUE(waitFor([&] { return editor->replicas() == 3; }));
    editor->minusButton()->click();
    EXPECT_TRUE(waitFor([&] { return specReplicas("web") == 2; }));
    editor->spinBox()->setValue(5);
    EXPECT_TRUE(waitFor([&] { return specReplicas("web") == 5; }));
    // And the board follows the controllers: five chips.
    EXPECT_TRUE(waitFor([&] { return liveChips(window.boardScene()) == 5; }, 60'000));
    editor->spinBox()->setValue(0);
    EXPECT_TRUE(waitFor([&] { return specReplicas("web") == 0; }));
    // Without a node agent nothing confirms the kill: the pods stay Terminating (drawn dark).
    EXPECT_TRUE(waitFor([&] { return liveChips(window.boardScene()) == 0; }, 60'000));
}

TEST_F(ActionsTest, CordonAndUncordonFromTheCard) {
    createNode("node-a");
    MainWindow window;
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    ASSERT_TRUE(waitFor([&] { return scene->card("node-a") != nullptr; }));
    ASSERT_FALSE(scene->card("node-a")->view().unschedulable);
    scene->requestCordon("node-a", true); // what the card's context menu does
    EXPECT_TRUE(waitFor([&] { return unschedulable("node-a"); }));
    EXPECT_TRUE(waitFor([&] { return scene->card("node-a")->view().unschedulable; }));
    scene->requestCordon("node-a", false);
    EXPECT_TRUE(waitFor([&] { return !unschedulable("node-a"); }));
    EXPECT_TRUE(waitFor([&] { return !scene->card("node-a")->view().unschedulable; }));
}

TEST_F(ActionsTest, DrainCordonsTheNodeAndEvictsItsPods) {
    createNode("node-a");
    createDeployment("web", 2);
    MainWindow window;
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    ASSERT_TRUE(waitFor(
        [&] { return scene->card("node-a") && scene->card("node-a")->chips().size() == 2; }));
    std::set<std::string> before;
    const Json pods = get("/api/v1/namespaces/default/pods");
    for (const Json &pod : pods["items"])
        before.insert(pod["metadata"]["name"].get<std::string>());
    scene->requestDrain("node-a"); // what the card's context menu does
    EXPECT_TRUE(waitFor([&] { return window.lastActionMessage().contains("drained"); }))
        << window.lastActionMessage().toStdString();
    EXPECT_EQ(window.lastActionMessage(), "node-a drained: 2 pods evicted");
    EXPECT_TRUE(unschedulable("node-a"));
    // Both originals are being deleted (no kubelet confirms, so they stay Terminating); their
    // replacements cannot go back to the cordoned node and wait.
    int evicted = 0;
    const Json after = get("/api/v1/namespaces/default/pods");
    for (const Json &pod : after["items"])
        if (before.count(pod["metadata"]["name"].get<std::string>()))
            evicted += pod["metadata"].contains("deletionTimestamp") ? 1 : 0;
    EXPECT_EQ(evicted, 2);
    EXPECT_TRUE(waitFor([&] { return scene->pendingLane()->chips().size() == 2; }));
}

TEST_F(ActionsTest, StatusBarCountsReadyNodesAndANodeGoingNotReadyIsAnnounced) {
    createNode("node-a");
    createNode("node-b");
    MainWindow window;
    window.connectTo(connection());
    ASSERT_TRUE(waitFor([&] {
        return window.statusText() == "Nodes 2/2 Ready · Pods 0/0 running · 0 pending";
    })) << window.statusText().toStdString();
    Json patch = {
        {"status", {{"conditions", Json::array({{{"type", "Ready"}, {"status", "False"}}})}}}};
    ASSERT_EQ(
        call("PATCH", "/api/v1/nodes/node-b/status", patch, "application/merge-patch+json").first,
        200);
    EXPECT_TRUE(waitFor([&] {
        return window.lastActionMessage() == "Node node-b is NotReady: its pods may be moved away";
    })) << window.lastActionMessage().toStdString();
    EXPECT_TRUE(waitFor([&] {
        return window.statusText() == "Nodes 1/2 Ready · Pods 0/0 running · 0 pending";
    })) << window.statusText().toStdString();
}

TEST_F(ActionsTest, SelectingAChipShowsThePodInTheInspector) {
    createNode("node-a");
    createDeployment("web", 1);
    MainWindow window;
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    ASSERT_TRUE(waitFor([&] { return scene->chipCount() == 1; }));
    PodChip *chip = nullptr;
    for (QGraphicsItem *item : scene->items())
        if (item->type() == PodChipType)
            chip = static_cast<PodChip *>(item);
    ASSERT_NE(chip, nullptr);
    chip->setSelected(true);
    EXPECT_EQ(window.inspector()->shownKey(), chip->key());
    scene->clearSelection();
    scene->card("node-a")->setSelected(true);
    EXPECT_EQ(window.inspector()->shownKey(), "node-a");
}

} // namespace cox::console::testing
