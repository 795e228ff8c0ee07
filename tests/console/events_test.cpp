// Events in the console against a real control plane: the events dock shows events created
// through the API live, newest first, Warnings tinted; its namespace and Warnings-only filters
// work; the Lists' Events tab follows deletions; the inspector's Events section shows a pod's
// events and picks up new ones; the dock's visibility is part of the saved layout.
#include "cluster_fixture.h"

#include "api/cluster_session.h"
#include "api/watch_cache.h"
#include "inspector/inspector_panel.h"
#include "main_window.h"
#include "models/cluster_model.h"
#include "models/event_filter_proxy.h"
#include "models/event_list_model.h"
#include "models/resource_caches.h"
#include "panels/events_panel.h"
#include "panels/lists_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeWidget>

namespace cox::console::testing {

namespace {

class EventsTest : public ClusterFixture {
protected:
    void createNamespace(const std::string &name) {
        auto [status, body] =
            call("POST", "/api/v1/namespaces",
                 Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}});
        ASSERT_EQ(status, 201) << body.dump();
    }
    // An event as a kubelet would write it, `secondsAgo` seconds ago.
    void createEvent(const std::string &ns, const std::string &name, const std::string &type,
                     const std::string &reason, const std::string &pod, int secondsAgo) {
        const std::string when = QDateTime::currentDateTimeUtc()
                                     .addSecs(-secondsAgo)
                                     .toString(Qt::ISODate)
                                     .toStdString();
        Json event = {{"apiVersion", "v1"},
                      {"kind", "Event"},
                      {"metadata", {{"name", name}, {"namespace", ns}}},
                      {"involvedObject", {{"kind", "Pod"}, {"namespace", ns}, {"name", pod}}},
                      {"type", type},
                      {"reason", reason},
                      {"message", reason + " happened to " + pod},
                      {"count", 1},
                      {"firstTimestamp", when},
                      {"lastTimestamp", when},
                      {"source", {{"component", "kubelet"}}}};
        auto [status, body] = call("POST", "/api/v1/namespaces/" + ns + "/events", event);
        ASSERT_EQ(status, 201) << body.dump();
    }
};

} // namespace

TEST_F(EventsTest, DockShowsWarningsLiveNewestFirstAndFiltersThem) {
    createNamespace("shop");
    openWindow();
    EventsPanel *dock = m_window->eventsPanel();
    createEvent("shop", "a.1", "Warning", "BackOff", "api-0", 60);
    createEvent("shop", "a.2", "Normal", "Pulled", "api-0", 5);
    createEvent("default", "b.1", "Normal", "Scheduled", "web-0", 1);
    QComboBox *ns = dock->namespaceFilter();
    ASSERT_TRUE(waitFor([&] { return ns->findData("shop") >= 0; }));
    ns->setCurrentIndex(ns->findData("shop"));
    QAbstractItemModel *shown = dock->table()->model();
    ASSERT_TRUE(waitFor([&] { return shown->rowCount() == 2; })) << shown->rowCount();
    // Newest first: the Normal event of 5 s ago above the Warning of a minute ago.
    EXPECT_EQ(shown->index(0, EventListModel::Reason).data().toString(), "Pulled");
    EXPECT_EQ(shown->index(1, EventListModel::Reason).data().toString(), "BackOff");
    EXPECT_TRUE(shown->index(1, EventListModel::Message).data(Qt::BackgroundRole).isValid());
    EXPECT_FALSE(shown->index(0, EventListModel::Message).data(Qt::BackgroundRole).isValid());

    dock->warningsOnly()->setChecked(true);
    ASSERT_EQ(shown->rowCount(), 1);
    EXPECT_EQ(shown->index(0, EventListModel::Reason).data().toString(), "BackOff");
    EXPECT_EQ(shown->index(0, EventListModel::Object).data().toString(), "pod/api-0");

    // A new Warning arrives live; a Normal one stays hidden.
    createEvent("shop", "a.3", "Warning", "FailedMount", "api-1", 0);
    createEvent("shop", "a.4", "Normal", "Started", "api-1", 0);
    EXPECT_TRUE(waitFor([&] {
        return m_window->listsPanel()->eventModel()->rowCount() >= 5 && shown->rowCount() == 2;
    }));
    EXPECT_EQ(shown->index(0, EventListModel::Reason).data().toString(), "FailedMount");

    dock->warningsOnly()->setChecked(false);
    ns->setCurrentIndex(0); // all namespaces
    EXPECT_GE(shown->rowCount(), 5);
}

TEST_F(EventsTest, EventsTabFollowsDeletion) {
    openWindow();
    createEvent("default", "gone.1", "Warning", "Evicted", "web-0", 2);
    QSortFilterProxyModel *events = m_window->listsPanel()->eventsProxy();
    auto rowsWith = [&](const QString &reason) {
        int n = 0;
        for (int r = 0; r < events->rowCount(); ++r)
            n += events->index(r, EventListModel::Reason).data().toString() == reason;
        return n;
    };
    ASSERT_TRUE(waitFor([&] { return rowsWith("Evicted") == 1; }));
    ASSERT_EQ(call("DELETE", "/api/v1/namespaces/default/events/gone.1").first, 200);
    EXPECT_TRUE(waitFor([&] { return rowsWith("Evicted") == 0; }));
}

TEST_F(EventsTest, PodInspectorShowsItsEventsAndNewOnes) {
    createNode("node-a");
    createDeployment("web", 1);
    openWindow();
    std::string pod;
    ASSERT_TRUE(waitFor([&] {
        const Json items = get("/api/v1/namespaces/default/pods")["items"];
        if (items.empty())
            return false;
        pod = items[0]["metadata"]["name"];
        return m_window->clusterModel()->pods().contains(QString::fromStdString("default/" + pod));
    }));
    createEvent("default", pod + ".1", "Warning", "BackOff", pod, 30);
    // The scheduler's own "Scheduled" event may come first: wait for the BackOff.
    ASSERT_TRUE(waitFor([&] {
        const QJsonArray events = m_window->listsPanel()->eventModel()->eventsAbout(
            "Pod", "default", QString::fromStdString(pod));
        for (const QJsonValue &e : events)
            if (e.toObject().value("reason").toString() == "BackOff")
                return true;
        return false;
    }));
    m_window->selectOnBoard(QString::fromStdString("default/" + pod), QString());
    InspectorPanel *inspector = m_window->inspector();
    ASSERT_EQ(inspector->shownKind(), "Pod");

    EXPECT_TRUE(inspector->fieldValue("Events", "Warning BackOff").startsWith("BackOff happened"));
    EXPECT_GE(inspector->eventsTree()->topLevelItemCount(), 1);

    createEvent("default", pod + ".2", "Normal", "Pulled", pod, 0);
    EXPECT_TRUE(
        waitFor([&] { return !inspector->fieldValue("Events", "Normal Pulled").isEmpty(); }));
}

// Choosing an event in the dock inspects what it is about: the deployment controller's
// ScalingReplicaSet event leads to the Deployment.
TEST_F(EventsTest, ChoosingAnEventInspectsItsObject) {
    createDeployment("web", 2);
    openWindow();
    QAbstractItemModel *shown = m_window->eventsPanel()->table()->model();
    QModelIndex scaling;
    ASSERT_TRUE(waitFor([&] {
        for (int r = 0; r < shown->rowCount() && !scaling.isValid(); ++r)
            if (shown->index(r, EventListModel::Reason).data() == "ScalingReplicaSet")
                scaling = shown->index(r, EventListModel::Message);
        return scaling.isValid() &&
               m_window->session()->deployments()->objects().contains("default/web");
    }));
    emit m_window->eventsPanel()->table()->activated(scaling);
    EXPECT_EQ(m_window->inspector()->shownKind(), "Deployment");
    EXPECT_EQ(m_window->inspector()->shownKey(), "default/web");
    EXPECT_FALSE(m_window->inspector()->fieldValue("Events", "Normal ScalingReplicaSet").isEmpty());
}

TEST_F(EventsTest, DockVisibilityIsPartOfTheSavedLayout) {
    {
        MainWindow window;
        window.show();
        ASSERT_FALSE(window.eventsDock()->isHidden());
        window.eventsDock()->toggleViewAction()->trigger(); // View ▸ Events
        EXPECT_TRUE(window.eventsDock()->isHidden());
        window.saveLayout();
    }
    MainWindow restored;
    restored.restoreLayout();
    restored.show();
    EXPECT_TRUE(restored.eventsDock()->isHidden());
    restored.eventsDock()->toggleViewAction()->trigger();
    restored.saveLayout(); // leave the next tests' layout as it was
}

} // namespace cox::console::testing
