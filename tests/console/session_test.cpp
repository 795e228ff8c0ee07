// Connection handling: a stopped control plane raises the banner, a restarted one clears it and
// the caches resume (changes made while away show up); a kubeconfig opens the same cluster.
#include "cluster_fixture.h"

#include "api/cluster_session.h"
#include "api/kubeconfig_reader.h"
#include "api/watch_cache.h"
#include "board/board_scene.h"
#include "controlplane/control_plane.h"
#include "main_window.h"
#include "process.h"

namespace cox::console::testing {

namespace {

class SessionTest : public ClusterFixture {};

} // namespace

TEST_F(SessionTest, BannerWhileTheClusterIsGoneAndResyncAfterReconnect) {
    createNode("node-a");
    createNode("node-b");
    MainWindow window;
    window.connectTo(connection());
    BoardScene *scene = window.boardScene();
    ASSERT_TRUE(waitFor([&] { return scene->cardCount() == 2 && window.session()->synced(); }));
    EXPECT_FALSE(window.bannerVisible());

    const uint16_t port = m_port;
    stopPlane();
    ASSERT_TRUE(waitFor([&] { return window.bannerVisible(); }));
    EXPECT_TRUE(window.bannerText().contains("Reconnecting")) << window.bannerText().toStdString();

    // Same data, same port, same CA: the console's re-list finds what changed meanwhile.
    startPlane(port);
    ASSERT_EQ(call("DELETE", "/api/v1/nodes/node-b").first, 200);
    createNode("node-c");
    EXPECT_TRUE(waitFor([&] { return !window.bannerVisible(); }, 30'000));
    EXPECT_TRUE(waitFor(
        [&] { return scene->card("node-a") && scene->card("node-c") && !scene->card("node-b"); },
        30'000));
}

TEST_F(SessionTest, KubeconfigOpensTheCluster) {
    createNode("from-kubeconfig");
    QString error;
    auto c = KubeconfigReader::readFile(QString::fromStdString(m_dataDir + "/kubeconfig"), &error);
    ASSERT_TRUE(c) << error.toStdString();
    EXPECT_EQ(c->server, connection().server);
    EXPECT_EQ(c->token, connection().token);
    MainWindow window;
    window.connectTo(*c);
    EXPECT_TRUE(waitFor([&] { return window.boardScene()->card("from-kubeconfig") != nullptr; }));
}

TEST_F(SessionTest, AWrongCaIsRefusedAndShownAsConnectionLoss) {
    ClusterConnection c = connection();
    // Another cluster's CA: the TLS handshake must fail, the system store is not consulted.
    std::string otherDir = cox::testing::makeTempDir("console-other");
    controlplane::ControlPlaneConfig config;
    config.dataDir = otherDir;
    config.listenHost = "127.0.0.1";
    config.listenPort = 0;
    auto plane = controlplane::ControlPlane::start(config);
    ASSERT_TRUE(plane) << plane.status().message();
    c.caPem = QByteArray::fromStdString((*plane)->caPem());
    (*plane)->stop();
    cox::testing::removeTree(otherDir);

    MainWindow window;
    window.connectTo(c);
    EXPECT_TRUE(waitFor([&] { return window.bannerVisible(); }));
    EXPECT_EQ(window.boardScene()->cardCount(), 0);
}

} // namespace cox::console::testing
