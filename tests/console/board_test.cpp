// The board against a real cluster: cards per node, chips per pod in the card of the node the
// scheduler chose, unbound pods in the pending lane, counts in the status bar, filtering.
#include "cluster_fixture.h"

#include "api/cluster_session.h"
#include "board/board_scene.h"
#include "board/node_card.h"
#include "board/pending_lane.h"
#include "board/pod_chip.h"
#include "main_window.h"

namespace cox::console::testing {

namespace {

class BoardTest : public ClusterFixture {};

// Pod keys ("ns/name") -> spec.nodeName from the API.
std::map<std::string, std::string> podNodes(ClusterFixture &f, const std::string &selector) {
    std::map<std::string, std::string> out;
    Json list = f.get("/api/v1/pods?labelSelector=" + selector);
    for (const Json &pod : list["items"])
        out[pod["metadata"]["namespace"].get<std::string>() + "/" +
            pod["metadata"]["name"].get<std::string>()] = pod["spec"].value("nodeName", "");
    return out;
}

} // namespace

TEST_F(BoardTest, CardsForNodesAndChipsInsideTheirNodesCard) {
    createNode("node-a");
    createNode("node-b", "2", "4Gi", /*ready=*/false);
    createDeployment("web", 3);
    MainWindow window;
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    ASSERT_TRUE(waitFor([&] { return scene->card("node-a") && scene->card("node-b"); }));
    EXPECT_TRUE(scene->card("node-a")->view().ready);
    EXPECT_FALSE(scene->card("node-b")->view().ready);
    EXPECT_EQ(scene->card("node-a")->view().cpuMilli, 4000);

    // Bound pods: every chip sits in the card of the node the API reports for its pod.
    ASSERT_TRUE(waitFor([&] {
        auto pods = podNodes(*this, "app%3Dweb");
        if (pods.size() != 3)
            return false;
        for (const auto &[key, node] : pods) {
            PodChip *chip = scene->chip(QString::fromStdString(key));
            NodeCard *card = scene->card(QString::fromStdString(node));
            if (node.empty() || !chip || !card || !card->holds(chip))
                return false;
        }
        return true;
    })) << "chips never matched the API's bindings";
    EXPECT_EQ(scene->chipCount(), 3);
    // The NotReady node gets nothing, so all three requested 100m on node-a.
    EXPECT_EQ(scene->card("node-a")->requestedCpuMilli(), 300);
    EXPECT_TRUE(waitFor([&] {
        return window.statusText() == "Nodes 1/2 Ready · Pods 0/3 running · 0 pending";
    })) << window.statusText().toStdString();
}

TEST_F(BoardTest, UnschedulablePodsLandInThePendingLane) {
    createNode("small", "1", "2Gi");
    createDeployment("hog", 2, "8");
    createDeployment("tiny", 1, "50m");
    MainWindow window;
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    ASSERT_TRUE(waitFor([&] {
        return scene->pendingLane()->chips().size() == 2 && scene->card("small") &&
               scene->card("small")->chips().size() == 1;
    }));
    for (PodChip *chip : scene->pendingLane()->chips()) {
        EXPECT_TRUE(chip->key().startsWith("default/hog-")) << chip->key().toStdString();
        EXPECT_TRUE(scene->pendingLane()->holds(chip));
    }
    EXPECT_TRUE(waitFor([&] {
        return window.statusText() == "Nodes 1/1 Ready · Pods 0/3 running · 2 pending";
    })) << window.statusText().toStdString();

    // Growing the node lets the scheduler bind them: the chips leave the lane for the card.
    Json patch = {{"status",
                   {{"allocatable", {{"cpu", "40"}, {"memory", "64Gi"}, {"pods", "110"}}},
                    {"capacity", {{"cpu", "40"}, {"memory", "64Gi"}, {"pods", "110"}}}}}};
    ASSERT_EQ(
        call("PATCH", "/api/v1/nodes/small/status", patch, "application/merge-patch+json").first,
        200);
    EXPECT_TRUE(waitFor(
        [&] {
            return scene->pendingLane()->chips().isEmpty() &&
                   scene->card("small")->chips().size() == 3;
        },
        60'000));
}

TEST_F(BoardTest, DeletedPodsAndNodesLeaveTheBoardAndFilterFadesNonMatches) {
    createNode("node-a");
    createDeployment("web", 2);
    createDeployment("db", 1);
    MainWindow window;
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    ASSERT_TRUE(waitFor(
        [&] { return scene->card("node-a") && scene->card("node-a")->chips().size() == 3; }));

    scene->setFilter(QString(), "app=web");
    int matched = 0;
    for (PodChip *chip : scene->card("node-a")->chips())
        matched += chip->matched() ? 1 : 0;
    EXPECT_EQ(matched, 2);
    scene->setFilter("kube-system", QString());
    for (PodChip *chip : scene->card("node-a")->chips())
        EXPECT_FALSE(chip->matched());
    scene->setFilter(QString(), QString());

    ASSERT_EQ(call("DELETE",
                   "/apis/apps/v1/namespaces/default/deployments/db?propagationPolicy=Foreground")
                      .first /
                  100,
              2);
    EXPECT_TRUE(waitFor([&] { return liveChips(scene) == 2; }, 60'000));
    ASSERT_EQ(call("DELETE", "/api/v1/nodes/node-a").first, 200);
    EXPECT_TRUE(waitFor([&] { return scene->card("node-a") == nullptr; }));
}

} // namespace cox::console::testing
