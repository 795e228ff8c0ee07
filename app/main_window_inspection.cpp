// MainWindow: the inspection views beyond the board - the lists' workload, service and event
// tabs, the events dock, and Deployment/Service/workload inspection. Their caches come from
// ResourceCaches (started for what discovery lists); Deployments reuse the session's cache.
#include "main_window.h"

#include "api/cluster_session.h"
#include "api/watch_cache.h"
#include "inspector/inspector_panel.h"
#include "models/cluster_model.h"
#include "models/event_list_model.h"
#include "models/resource_caches.h"
#include "models/service_list_model.h"
#include "models/workload_list_model.h"
#include "panels/events_panel.h"
#include "panels/lists_panel.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QTimer>
#include <QUrl>

namespace cox::console {

namespace {

constexpr int kInspectorRefreshMs = 250;

// The workload kind behind a cache's resource name; empty for the non-workload caches.
QString workloadKind(const QString &resource) {
    if (resource == QLatin1String("statefulsets"))
        return QStringLiteral("StatefulSet");
    if (resource == QLatin1String("daemonsets"))
        return QStringLiteral("DaemonSet");
    if (resource == QLatin1String("jobs"))
        return QStringLiteral("Job");
    return {};
}

QString resourceOf(const QString &kind) {
    return kind.toLower() + QLatin1Char('s');
}

QString keyOf(const QString &ns, const QString &name) {
    return ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
}

// The pods a workload's selector picks (matchLabels; matchExpressions are not evaluated, so a
// workload selecting only by expressions lists no pods).
QList<PodView> selectedPods(const ClusterModel *cluster, const QString &ns,
                            const QJsonObject &matchLabels) {
    QList<PodView> pods;
    if (matchLabels.isEmpty())
        return pods;
    for (const PodView &pod : cluster->pods()) {
        if (pod.ns != ns)
            continue;
        bool match = true;
        for (auto it = matchLabels.begin(); it != matchLabels.end() && match; ++it)
            match = pod.labels.value(it.key()) == it.value().toString();
        if (match)
            pods << pod;
    }
    std::sort(pods.begin(), pods.end(),
              [](const PodView &a, const PodView &b) { return a.name < b.name; });
    return pods;
}

} // namespace

void MainWindow::buildEventsDock() {
    m_eventsPanel = new EventsPanel(m_lists->eventModel());
    m_eventsDock = new QDockWidget(this);
    m_eventsDock->setObjectName(QStringLiteral("eventsDock"));
    m_eventsDock->setWidget(m_eventsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_eventsDock);
    splitDockWidget(m_listsDock, m_eventsDock, Qt::Horizontal);
    m_inspectorRefresh = new QTimer(this);
    m_inspectorRefresh->setSingleShot(true);
    m_inspectorRefresh->setInterval(kInspectorRefreshMs);
    connect(m_inspectorRefresh, &QTimer::timeout, this, &MainWindow::refreshWorkloadInspector);
    connect(m_eventsPanel, &EventsPanel::eventObjectChosen, this, &MainWindow::showEventObject);
    connect(m_lists, &ListsPanel::eventObjectChosen, this, &MainWindow::showEventObject);
    connect(m_lists, &ListsPanel::workloadChosen, this, &MainWindow::showWorkload);
    connect(m_lists, &ListsPanel::serviceChosen, this, &MainWindow::showService);
    connect(m_lists, &ListsPanel::scaleRequested, this, &MainWindow::scaleWorkload);
    connect(m_lists->eventModel(), &EventListModel::eventChanged, this, &MainWindow::eventChanged);
}

void MainWindow::wireInspection() {
    m_caches = new ResourceCaches(m_session->api()->connection(), m_session);
    WorkloadListModel *workloads = m_lists->workloadModel();
    const QString deployment = QStringLiteral("Deployment");
    connect(m_session->deployments(), &WatchCache::upserted, this,
            [this, workloads, deployment](const QJsonObject &o) {
                workloads->upsert(deployment, o);
                refreshInspector(WatchCache::keyOf(o));
            });
    connect(m_session->deployments(), &WatchCache::removed, this,
            [workloads, deployment](const QJsonObject &o) { workloads->remove(deployment, o); });
    connect(m_caches, &ResourceCaches::cacheStarted, this, &MainWindow::feedCache);
    m_caches->start();
}

void MainWindow::feedCache(const QString &resource, WatchCache *cache) {
    if (resource == QLatin1String("events")) {
        EventListModel *events = m_lists->eventModel();
        events->setLive(true);
        connect(cache, &WatchCache::upserted, events, &EventListModel::upsert);
        connect(cache, &WatchCache::removed, events, &EventListModel::remove);
        return;
    }
    ServiceListModel *services = m_lists->serviceModel();
    if (resource == QLatin1String("services")) {
        connect(cache, &WatchCache::upserted, services, &ServiceListModel::upsertService);
        connect(cache, &WatchCache::removed, services, &ServiceListModel::removeService);
    } else if (resource == QLatin1String("endpoints")) {
        connect(cache, &WatchCache::upserted, services, &ServiceListModel::upsertEndpoints);
        connect(cache, &WatchCache::removed, services, &ServiceListModel::removeEndpoints);
    } else if (const QString kind = workloadKind(resource); !kind.isEmpty()) {
        WorkloadListModel *workloads = m_lists->workloadModel();
        connect(cache, &WatchCache::upserted, this,
                [workloads, kind](const QJsonObject &o) { workloads->upsert(kind, o); });
        connect(cache, &WatchCache::removed, this,
                [workloads, kind](const QJsonObject &o) { workloads->remove(kind, o); });
    }
    // Whatever the inspector shows may depend on it (a Service's endpoints, a workload).
    connect(cache, &WatchCache::upserted, this, [this] { refreshInspector(QString()); });
}

void MainWindow::scaleWorkload(const QString &kind, const QString &ns, const QString &name,
                               int replicas) {
    if (kind == QLatin1String("Deployment")) {
        scale(ns, name, replicas);
        return;
    }
    if (!m_session)
        return;
    const QJsonObject body{
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas}}}};
    const auto enc = [](const QString &s) {
        return QString::fromLatin1(QUrl::toPercentEncoding(s));
    };
    m_session->api()->patch(
        QStringLiteral("/apis/apps/v1/namespaces/%1/%2/%3/scale")
            .arg(enc(ns), resourceOf(kind), enc(name)),
        body, [this, kind, name, replicas](const ApiResponse &r) {
            notify(r.ok() ? tr("Scaled %1 %2 to %3").arg(kind, name).arg(replicas)
                          : tr("Scaling %1 %2 failed: %3").arg(kind, name, r.errorMessage()));
        });
}

void MainWindow::showWorkload(const QString &kind, const QString &ns, const QString &name) {
    if (!m_session)
        return;
    const QString key = keyOf(ns, name);
    WatchCache *cache = kind == QLatin1String("Deployment") ? m_session->deployments()
                                                            : m_caches->cache(resourceOf(kind));
    const QJsonObject object = cache ? cache->object(key) : QJsonObject();
    if (object.isEmpty())
        return;
    const QJsonObject selector =
        object.value(QLatin1String("spec")).toObject().value(QLatin1String("selector")).toObject();
    const QJsonObject matchLabels = selector.value(QLatin1String("matchLabels")).toObject();
    const bool same = m_inspector->shownKind() == kind && m_inspector->shownKey() == key;
    m_scene->clearSelection();
    m_inspector->showWorkload(kind, object, selectedPods(m_cluster, ns, matchLabels));
    if (!same)
        loadInspectorEvents(kind, ns, name);
}

void MainWindow::showService(const QString &ns, const QString &name) {
    if (!m_session)
        return;
    const QString key = keyOf(ns, name);
    WatchCache *services = m_caches->cache(QStringLiteral("services"));
    WatchCache *endpoints = m_caches->cache(QStringLiteral("endpoints"));
    const QJsonObject service = services ? services->object(key) : QJsonObject();
    if (service.isEmpty())
        return;
    const bool same =
        m_inspector->shownKind() == QLatin1String("Service") && m_inspector->shownKey() == key;
    m_scene->clearSelection();
    m_inspector->showService(service, endpoints ? endpoints->object(key) : QJsonObject());
    if (!same)
        loadInspectorEvents(QStringLiteral("Service"), ns, name);
}

void MainWindow::showEventObject(const QString &kind, const QString &ns, const QString &name) {
    if (kind == QLatin1String("Pod"))
        selectOnBoard(keyOf(ns, name), QString());
    else if (kind == QLatin1String("Node"))
        selectOnBoard(QString(), name);
    else if (kind == QLatin1String("Service"))
        showService(ns, name);
    else
        showWorkload(kind, ns, name);
}

void MainWindow::refreshWorkloadInspector() {
    const QString kind = m_inspector->shownKind();
    const QString key = m_inspector->shownKey();
    const QString ns = key.section(QLatin1Char('/'), 0, 0);
    const QString name = key.section(QLatin1Char('/'), 1);
    if (kind == QLatin1String("Service"))
        showService(ns, name);
    else if (!kind.isEmpty() && kind != QLatin1String("Pod") && kind != QLatin1String("Node"))
        showWorkload(kind, ns, name);
}

void MainWindow::loadInspectorEvents(const QString &kind, const QString &ns, const QString &name) {
    if (!m_session)
        return;
    const EventListModel *events = m_lists->eventModel();
    if (events->live()) {
        m_inspector->setEvents(events->eventsAbout(kind, ns, name));
        return;
    }
    const QString shown = m_inspector->shownKey();
    m_session->eventsFor(ns, kind, name, [this, shown](const ApiResponse &r) {
        if (r.ok() && m_inspector->shownKey() == shown)
            m_inspector->setEvents(r.json().value(QLatin1String("items")).toArray());
    });
}

// A new or repeated event about the shown object appears in the inspector as it happens.
void MainWindow::eventChanged(const EventView &event) {
    if (event.objectKind != m_inspector->shownKind() ||
        keyOf(event.objectNs, event.objectName) != m_inspector->shownKey())
        return;
    m_inspector->setEvents(
        m_lists->eventModel()->eventsAbout(event.objectKind, event.objectNs, event.objectName));
}

} // namespace cox::console
