// The inspector's Logs tab end to end: the console's QtNetwork client -> the in-process API
// server's pods/log proxy -> a real node-agent LogServer on loopback (the agent's own code,
// serving CRI log files, authenticating the API server by its client certificate from the
// cluster CA). Hollow nodes serve no logs, so the node here is this LogServer plus a Node
// object that points at it.
#include "cluster_fixture.h"

#include "api/api_client.h"
#include "inspector/inspector_panel.h"
#include "inspector/pod_logs_view.h"
#include "logs/log_server.h"
#include "process.h"
#include "tls/issuer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBlock>

#include <atomic>
#include <fstream>

namespace cox::console::testing {
namespace {

using namespace std::chrono_literals;

std::string criLine(int n, const std::string &text) {
    char ts[64];
    std::snprintf(ts, sizeof ts, "2026-11-28T10:00:%02d.000000001Z", n % 60);
    return std::string(ts) + " stdout F " + text + "\n";
}

void appendFile(const std::string &path, const std::string &text) {
    std::ofstream out(path, std::ios::app);
    out << text;
}

class LogsTest : public ClusterFixture {
protected:
    void SetUp() override {
        ClusterFixture::SetUp();
        auto caCert = tls::Certificate::fromPem(cox::testing::readFile(m_dataDir + "/pki/ca.crt"));
        auto caKey = tls::PrivateKey::fromPem(cox::testing::readFile(m_dataDir + "/pki/ca.key"));
        ASSERT_TRUE(caCert && caKey);
        tls::KeyedCertificate ca{*caCert, *caKey};
        auto serving = tls::issueCertificate(ca, "node-1", {"127.0.0.1"}, tls::Usage::Server, 1h);
        ASSERT_TRUE(serving);
        for (const char *file : {"app.log", "app-previous.log", "sidecar.log"})
            m_logs[file] = m_dataDir + "/" + file;
        std::string app;
        for (int i = 1; i <= 5; ++i)
            app += criLine(i, "app line " + std::to_string(i));
        appendFile(m_logs["app.log"], app);
        appendFile(m_logs["app-previous.log"], criLine(1, "before the restart: beta crashed"));
        appendFile(m_logs["sidecar.log"], criLine(1, "sidecar alpha") + criLine(2, "sidecar beta"));

        agent::logs::LogServerConfig config;
        config.bindAddress = "127.0.0.1";
        config.port = 0;
        config.servingCertPem = serving->cert.toPem();
        config.servingKeyPem = serving->key.toPem();
        config.clientCaPem = caCert->toPem();
        config.resolve = [this](const agent::logs::LogTarget &t) -> Result<agent::logs::LogSource> {
            if (t.namespaceName != "default" || t.pod != "web-1")
                return Status(StatusCode::NotFound, "no pod " + t.pod);
            const std::string file = t.container + (t.previous ? "-previous" : "") + ".log";
            if (!m_logs.count(file))
                return Status(StatusCode::NotFound,
                              "previous terminated container \"" + t.container + "\" not found");
            return agent::logs::LogSource{m_logs[file], [] {
                                              return false;
                                          }};
        };
        m_server = std::make_unique<agent::logs::LogServer>(std::move(config));
        ASSERT_TRUE(m_server->start().isOk());
        createLogNode();
        createPod();
        m_api = std::make_unique<ApiClient>(connection());
        m_panel = std::make_unique<InspectorPanel>();
        m_panel->setApi(m_api.get());
        m_panel->show();
    }
    void TearDown() override {
        m_panel.reset();
        m_api.reset();
        if (m_server)
            m_server->stop();
        ClusterFixture::TearDown();
    }

    void createLogNode() {
        Json node = {
            {"apiVersion", "v1"},
            {"kind", "Node"},
            {"metadata", {{"name", "node-1"}}},
            {"status",
             {{"addresses", Json::array({{{"type", "InternalIP"}, {"address", "127.0.0.1"}}})},
              {"daemonEndpoints", {{"kubeletEndpoint", {{"Port", m_server->port()}}}}},
              {"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}}})}}}};
        auto [status, body] = call("POST", "/api/v1/nodes", node);
        ASSERT_EQ(status, 201) << body.dump();
    }

    void createPod() {
        Json pod = {{"apiVersion", "v1"},
                    {"kind", "Pod"},
                    {"metadata", {{"name", "web-1"}, {"namespace", "default"}}},
                    {"spec",
                     {{"nodeName", "node-1"},
                      {"containers", Json::array({{{"name", "app"}, {"image", "busybox"}},
                                                  {{"name", "sidecar"}, {"image", "busybox"}}})}}}};
        auto [status, body] = call("POST", "/api/v1/namespaces/default/pods", pod);
        ASSERT_EQ(status, 201) << body.dump();
        m_pod = QJsonDocument::fromJson(QByteArray::fromStdString(body.dump())).object();
    }

    // Shows the pod and brings the Logs tab to the front (which starts the fetch).
    PodLogsView *openLogs() {
        m_panel->showPod(m_pod);
        m_panel->tabs()->setCurrentWidget(m_panel->logsView());
        return m_panel->logsView();
    }

    static bool textIs(PodLogsView *view, const QString &expected) {
        return view->textView()->toPlainText() == expected;
    }

    std::map<std::string, std::string> m_logs;
    std::unique_ptr<agent::logs::LogServer> m_server;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<InspectorPanel> m_panel;
    QJsonObject m_pod;
};

TEST_F(LogsTest, TailContainerChoiceAndPreviousInstance) {
    PodLogsView *view = openLogs();
    EXPECT_EQ(view->containerBox()->count(), 2);
    ASSERT_TRUE(waitFor([view] { return !view->streaming(); }));
    EXPECT_EQ(view->textView()->toPlainText(),
              QStringLiteral("app line 1\napp line 2\napp line 3\napp line 4\napp line 5"));
    EXPECT_EQ(view->statusLabel()->text(), QStringLiteral("5 lines."));

    view->tailBox()->setValue(2);
    view->reload();
    ASSERT_TRUE(waitFor([view] { return !view->streaming(); }));
    EXPECT_TRUE(view->lastPath().contains(QStringLiteral("tailLines=2")));
    EXPECT_EQ(view->textView()->toPlainText(), QStringLiteral("app line 4\napp line 5"));

    view->containerBox()->setCurrentText(QStringLiteral("sidecar")); // reloads by itself
    ASSERT_TRUE(waitFor([view] { return textIs(view, "sidecar alpha\nsidecar beta"); }));
    EXPECT_TRUE(view->lastPath().contains(QStringLiteral("container=sidecar")));

    view->containerBox()->setCurrentText(QStringLiteral("app"));
    view->previousBox()->setChecked(true);
    ASSERT_TRUE(waitFor([view] { return textIs(view, "before the restart: beta crashed"); }));

    // No previous instance of the sidecar: the API's reason is shown, the view stays empty.
    view->containerBox()->setCurrentText(QStringLiteral("sidecar"));
    ASSERT_TRUE(waitFor([view] {
        return view->statusLabel()->text().startsWith(QStringLiteral("Could not read the log"));
    }));
    EXPECT_TRUE(view->statusLabel()->text().contains(QStringLiteral("not found")))
        << view->statusLabel()->text().toStdString();
    EXPECT_TRUE(view->textView()->toPlainText().isEmpty());
}

TEST_F(LogsTest, FollowStreamsNewLinesAndStopsWhenTheTabIsLeft) {
    PodLogsView *view = openLogs();
    ASSERT_TRUE(waitFor([view] { return !view->streaming(); }));
    view->followBox()->setChecked(true);
    ASSERT_TRUE(view->streaming());
    EXPECT_TRUE(view->lastPath().contains(QStringLiteral("follow=true")));
    ASSERT_TRUE(waitFor([view] { return view->textView()->blockCount() == 5; }));
    // Lines written on the node arrive while the event loop runs on (no blocking read).
    appendFile(m_logs["app.log"], criLine(6, "followed line 6"));
    ASSERT_TRUE(waitFor([view] {
        return view->textView()->toPlainText().endsWith(QStringLiteral("followed line 6"));
    }));
    appendFile(m_logs["app.log"], criLine(7, "followed line 7") + criLine(8, "followed line 8"));
    ASSERT_TRUE(waitFor([view] {
        return view->textView()->toPlainText().endsWith(QStringLiteral("line 7\nfollowed line 8"));
    }));
    EXPECT_TRUE(view->streaming());

    // Leaving the tab closes the stream, through the API server down to the agent.
    m_panel->tabs()->setCurrentIndex(0);
    EXPECT_FALSE(view->streaming());
    EXPECT_TRUE(waitFor([this] { return m_server->connectionCount() == 0; }));
}

TEST_F(LogsTest, SearchFindsAndSaveWritesWhatIsShown) {
    PodLogsView *view = openLogs();
    ASSERT_TRUE(waitFor([view] { return !view->streaming(); }));
    view->searchEdit()->setText(QStringLiteral("line 3"));
    EXPECT_EQ(view->statusLabel()->text(), QStringLiteral("1 match of \"line 3\"."));
    ASSERT_TRUE(view->findNext());
    EXPECT_EQ(view->textView()->textCursor().selectedText(), QStringLiteral("line 3"));
    EXPECT_EQ(view->textView()->textCursor().block().text(), QStringLiteral("app line 3"));
    view->searchEdit()->setText(QStringLiteral("APP LINE"));
    EXPECT_EQ(view->statusLabel()->text(), QStringLiteral("5 matches of \"APP LINE\"."));
    view->searchEdit()->setText(QStringLiteral("nowhere"));
    EXPECT_FALSE(view->findNext());

    const QString path = QString::fromStdString(m_dataDir + "/saved.log");
    ASSERT_TRUE(view->saveTo(path));
    EXPECT_EQ(cox::testing::readFile(path.toStdString()),
              "app line 1\napp line 2\napp line 3\napp line 4\napp line 5\n");
    EXPECT_FALSE(view->saveTo(QString::fromStdString(m_dataDir + "/no/such/dir/x.log")));
    EXPECT_TRUE(view->statusLabel()->text().startsWith(QStringLiteral("Could not save")));
}

TEST_F(LogsTest, NodesHaveNoLogsTab) {
    m_panel->showPod(m_pod);
    const int logs = m_panel->tabs()->indexOf(m_panel->logsView());
    EXPECT_TRUE(m_panel->tabs()->isTabVisible(logs));
    m_panel->showNode(QJsonObject{{"metadata", QJsonObject{{"name", "node-1"}}}});
    EXPECT_FALSE(m_panel->tabs()->isTabVisible(logs));
    EXPECT_FALSE(m_panel->logsView()->streaming());
}

} // namespace
} // namespace cox::console::testing
