// The lists dock's Workloads and Services tabs and Deployment/Service inspection against a real
// control plane: objects created, changed and deleted through the API appear, change and vanish
// in the lists; the Workloads tab's +/- scales through the API; choosing a row shows the object
// in the inspector with its pods or endpoints.
#include "cluster_fixture.h"

#include "api/cluster_session.h"
#include "inspector/inspector_panel.h"
#include "main_window.h"
#include "models/resource_caches.h"
#include "models/service_list_model.h"
#include "models/workload_list_model.h"
#include "panels/lists_panel.h"
#include "panels/replica_editor.h"
#include "panels/workloads_table.h"

#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeWidget>

namespace cox::console::testing {

namespace {

class ListsTest : public ClusterFixture {
protected:
    void createService(const std::string &name, const std::string &app) {
        Json service = {{"apiVersion", "v1"},
                        {"kind", "Service"},
                        {"metadata", {{"name", name}, {"namespace", "default"}}},
                        {"spec",
                         {{"selector", {{"app", app}}},
                          {"ports", Json::array({{{"name", "http"},
                                                  {"port", 80},
                                                  {"targetPort", 8080},
                                                  {"protocol", "TCP"}}})}}}};
        auto [status, body] = call("POST", "/api/v1/namespaces/default/services", service);
        ASSERT_EQ(status, 201) << body.dump();
    }
    // The deployment's pods by name, once `count` exist.
    std::vector<std::string> podsOf(const std::string &app, size_t count) {
        std::vector<std::string> names;
        waitFor([&] {
            names.clear();
            const Json list = get("/api/v1/namespaces/default/pods"); // outlives the loop
            for (const Json &pod : list["items"])
                if (pod["metadata"]["labels"].value("app", "") == app)
                    names.push_back(pod["metadata"]["name"]);
            return names.size() == count;
        });
        std::sort(names.begin(), names.end());
        return names;
    }
    // A node agent's report: running with an IP, Ready or not.
    void reportPod(const std::string &name, const std::string &ip, bool ready) {
        Json patch = {{"status",
                       {{"phase", "Running"},
                        {"podIP", ip},
                        {"podIPs", Json::array({{{"ip", ip}}})},
                        {"conditions", Json::array({{{"type", "Ready"},
                                                     {"status", ready ? "True" : "False"}}})}}}};
        auto [status, body] = call("PATCH", "/api/v1/namespaces/default/pods/" + name + "/status",
                                   patch, "application/merge-patch+json");
        ASSERT_EQ(status, 200) << body.dump();
    }
    QString cell(QAbstractItemModel *model, int row, int column) {
        return model->index(row, column).data().toString();
    }
};

} // namespace

TEST_F(ListsTest, DiscoveryStartsCachesOnlyForServedResources) {
    openWindow();
    ResourceCaches *caches = m_window->resourceCaches();
    EXPECT_NE(caches->cache("services"), nullptr);
    EXPECT_NE(caches->cache("endpoints"), nullptr);
    EXPECT_NE(caches->cache("events"), nullptr);
    // This API server serves no StatefulSets, DaemonSets or Jobs: no cache asks for them.
    EXPECT_EQ(caches->cache("statefulsets"), nullptr);
    EXPECT_EQ(caches->cache("jobs"), nullptr);
}

TEST_F(ListsTest, WorkloadsListFollowsTheApiAndScalesWithOneClick) {
    createDeployment("web", 2);
    openWindow();
    WorkloadListModel *workloads = m_window->listsPanel()->workloadModel();
    const QString key = "Deployment/default/web";
    ASSERT_TRUE(waitFor([&] { return workloads->find(key) != nullptr; }));
    EXPECT_EQ(workloads->find(key)->desired, 2);
    EXPECT_EQ(workloads->find(key)->images, "busybox:1.36");

    // Changed through the API: the row and its editor follow.
    auto [status, body] = call("PATCH", "/apis/apps/v1/namespaces/default/deployments/web",
                               Json{{"spec", {{"replicas", 3}}}}, "application/merge-patch+json");
    ASSERT_EQ(status, 200) << body.dump();
    WorkloadsTable *table = m_window->listsPanel()->workloadsTable();
    ASSERT_TRUE(waitFor([&] {
        ReplicaEditor *editor = table->editor(key);
        return editor && editor->replicas() == 3;
    }));
    EXPECT_EQ(workloads->find(key)->desired, 3);

    // + in the list scales through the API.
    table->editor(key)->plusButton()->click();
    EXPECT_TRUE(waitFor([&] {
        return get("/apis/apps/v1/namespaces/default/deployments/web")["spec"]["replicas"] == 4;
    }));

    // Filtered away and back, the row gets its editor again.
    m_window->listsPanel()->filterField()->setText("no-such-thing");
    EXPECT_EQ(m_window->listsPanel()->workloadsProxy()->rowCount(), 0);
    m_window->listsPanel()->filterField()->clear();
    EXPECT_TRUE(waitFor([&] { return table->editor(key) != nullptr; }));

    ASSERT_EQ(call("DELETE", "/apis/apps/v1/namespaces/default/deployments/web").first, 200);
    EXPECT_TRUE(waitFor([&] { return workloads->find(key) == nullptr; }));
}

TEST_F(ListsTest, ServicesListShowsTypePortsAndReadyEndpoints) {
    createNode("node-a");
    createDeployment("web", 2);
    createService("web", "web");
    openWindow();
    ServiceListModel *services = m_window->listsPanel()->serviceModel();
    ASSERT_TRUE(waitFor([&] { return services->rowOf("default/web") >= 0; }));
    int row = services->rowOf("default/web");
    EXPECT_EQ(cell(services, row, ServiceListModel::Type), "ClusterIP");
    EXPECT_EQ(cell(services, row, ServiceListModel::Ports), "80/TCP");
    EXPECT_EQ(cell(services, row, ServiceListModel::Selector), "app=web");
    EXPECT_FALSE(cell(services, row, ServiceListModel::ClusterIp).isEmpty());

    const auto pods = podsOf("web", 2);
    ASSERT_EQ(pods.size(), 2u) << get("/api/v1/namespaces/default/pods").dump();
    reportPod(pods[0], "10.244.0.10", true);
    reportPod(pods[1], "10.244.0.11", false);
    EXPECT_TRUE(waitFor([&] {
        row = services->rowOf("default/web");
        return cell(services, row, ServiceListModel::Endpoints) == "1/2";
    })) << cell(services, row, ServiceListModel::Endpoints).toStdString();

    ASSERT_EQ(call("DELETE", "/api/v1/namespaces/default/services/web").first, 200);
    EXPECT_TRUE(waitFor([&] { return services->rowOf("default/web") < 0; }));
}

TEST_F(ListsTest, ChoosingADeploymentRowInspectsItWithItsPods) {
    createNode("node-a");
    createDeployment("web", 2);
    openWindow();
    ListsPanel *lists = m_window->listsPanel();
    const auto pods = podsOf("web", 2);
    ASSERT_EQ(pods.size(), 2u);
    QModelIndex index;
    ASSERT_TRUE(waitFor([&] {
        for (int r = 0; r < lists->workloadsProxy()->rowCount(); ++r)
            if (lists->workloadsProxy()->index(r, 0).data(WorkloadListModel::KeyRole) ==
                "Deployment/default/web")
                index = lists->workloadsProxy()->index(r, WorkloadListModel::Name);
        return index.isValid();
    }));
    emit lists->workloadsTable()->activated(index);
    InspectorPanel *inspector = m_window->inspector();
    EXPECT_EQ(inspector->shownKind(), "Deployment");
    EXPECT_EQ(inspector->shownKey(), "default/web");
    EXPECT_EQ(inspector->fieldValue("Fields", "Desired"), "2");
    EXPECT_EQ(inspector->fieldValue("Fields", "Selector"), "app=web");
    EXPECT_EQ(inspector->fieldValue("Fields", "Strategy").left(13), "RollingUpdate");
    EXPECT_TRUE(waitFor([&] {
        return !inspector->fieldValue("Pods (2)", QString::fromStdString(pods[1])).isEmpty();
    }));

    // Live: scaled through the API, the inspector shows the new count and pods.
    ASSERT_EQ(call("PATCH", "/apis/apps/v1/namespaces/default/deployments/web",
                   Json{{"spec", {{"replicas", 3}}}}, "application/merge-patch+json")
                  .first,
              200);
    EXPECT_TRUE(waitFor([&] {
        return inspector->fieldValue("Fields", "Desired") == "3" &&
               inspector->fieldsTree()->findItems("Pods (3)", Qt::MatchExactly).size() == 1;
    }));
}

TEST_F(ListsTest, ChoosingAServiceRowInspectsItsEndpointsAndTheirPods) {
    createNode("node-a");
    createDeployment("web", 2);
    createService("web", "web");
    openWindow();
    const auto pods = podsOf("web", 2);
    ASSERT_EQ(pods.size(), 2u);
    reportPod(pods[0], "10.244.0.10", true);
    reportPod(pods[1], "10.244.0.11", false);
    ListsPanel *lists = m_window->listsPanel();
    ServiceListModel *services = lists->serviceModel();
    ASSERT_TRUE(waitFor([&] {
        const int row = services->rowOf("default/web");
        return row >= 0 && cell(services, row, ServiceListModel::Endpoints) == "1/2";
    }));
    QModelIndex index;
    for (int r = 0; r < lists->servicesProxy()->rowCount(); ++r)
        if (lists->servicesProxy()->index(r, 0).data(ServiceListModel::KeyRole) == "default/web")
            index = lists->servicesProxy()->index(r, 0);
    ASSERT_TRUE(index.isValid());
    emit lists->servicesTable()->activated(index);
    InspectorPanel *inspector = m_window->inspector();
    EXPECT_EQ(inspector->shownKind(), "Service");
    EXPECT_EQ(inspector->fieldValue("Fields", "Type"), "ClusterIP");
    EXPECT_EQ(inspector->fieldValue("Fields", "Selector"), "app=web");
    EXPECT_EQ(inspector->fieldValue("Ports", "http"), "80 → 8080/TCP");
    const QString ready = inspector->fieldValue("Endpoints (2)", QString::fromStdString(pods[0]));
    const QString notReady =
        inspector->fieldValue("Endpoints (2)", QString::fromStdString(pods[1]));
    EXPECT_TRUE(ready.startsWith("ready · 10.244.0.10:8080")) << ready.toStdString();
    EXPECT_TRUE(notReady.startsWith("not ready · 10.244.0.11")) << notReady.toStdString();

    // The second pod turns Ready: the inspector follows the endpoints.
    reportPod(pods[1], "10.244.0.11", true);
    EXPECT_TRUE(waitFor([&] {
        return inspector->fieldValue("Endpoints (2)", QString::fromStdString(pods[1]))
            .startsWith("ready");
    }));
}

} // namespace cox::console::testing
