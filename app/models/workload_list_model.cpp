#include "models/workload_list_model.h"

#include "models/json_fields.h"
#include "models/keyed_rows.h"

namespace cox::console {

using namespace json;

bool WorkloadView::scalable() const {
    return kind == QLatin1String("Deployment") || kind == QLatin1String("StatefulSet");
}

// Ready and desired as each controller counts them: replicas for Deployments and
// StatefulSets, scheduled daemons for DaemonSets, completions for Jobs.
WorkloadView WorkloadView::fromJson(const QString &kind, const QJsonObject &object) {
    WorkloadView v;
    const QJsonObject meta = obj(object, "metadata");
    v.kind = kind;
    v.ns = str(meta, "namespace");
    v.name = str(meta, "name");
    v.key = kind + QLatin1Char('/') + v.ns + QLatin1Char('/') + v.name;
    v.created = json::created(object);
    const QJsonObject spec = obj(object, "spec");
    const QJsonObject status = obj(object, "status");
    if (kind == QLatin1String("DaemonSet")) {
        v.ready = num(status, "numberReady");
        v.desired = num(status, "desiredNumberScheduled");
    } else if (kind == QLatin1String("Job")) {
        v.ready = num(status, "succeeded");
        v.desired = num(spec, "completions", 1);
    } else {
        v.ready = num(status, "readyReplicas");
        v.desired = num(spec, "replicas", 1);
    }
    QStringList images;
    const QJsonObject podSpec = obj(obj(spec, "template"), "spec");
    for (const QJsonValue &c : arr(podSpec, "containers"))
        images << str(c.toObject(), "image");
    v.images = images.join(QStringLiteral(", "));
    return v;
}

WorkloadListModel::WorkloadListModel(QObject *parent)
    : QAbstractTableModel(parent) {}

QString WorkloadListModel::keyOf(const QString &kind, const QJsonObject &object) {
    const QJsonObject meta = obj(object, "metadata");
    return kind + QLatin1Char('/') + str(meta, "namespace") + QLatin1Char('/') + str(meta, "name");
}

void WorkloadListModel::upsert(const QString &kind, const QJsonObject &object) {
    const WorkloadView view = WorkloadView::fromJson(kind, object);
    detail::upsertKeyedRow(
        this, m_rows, m_index, view.key, view, ColumnCount,
        [this](int row) { beginInsertRows({}, row, row); }, [this] { endInsertRows(); });
}

void WorkloadListModel::remove(const QString &kind, const QJsonObject &object) {
    detail::removeKeyedRow(
        this, m_rows, m_index, keyOf(kind, object), ColumnCount,
        [](const WorkloadView &w) { return w.key; },
        [this](int row) { beginRemoveRows({}, row, row); }, [this] { endRemoveRows(); });
}

const WorkloadView *WorkloadListModel::find(const QString &key) const {
    auto it = m_index.constFind(key);
    return it == m_index.cend() ? nullptr : &m_rows.at(*it);
}

int WorkloadListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorkloadListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkloadListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const WorkloadView &w = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return w.key;
    case KindRole:
        return w.kind;
    case NamespaceRole:
        return w.ns;
    case NameRole:
        return w.name;
    case DesiredRole:
        return w.desired;
    default:
        break;
    }
    const bool sort = role == Qt::UserRole;
    if (role != Qt::DisplayRole && !sort)
        return {};
    switch (index.column()) {
    case Kind:
        return w.kind;
    case Namespace:
        return w.ns;
    case Name:
        return w.name;
    case Ready:
        return sort ? QVariant(w.ready) : QVariant(tr("%1/%2").arg(w.ready).arg(w.desired));
    case Replicas:
        return w.desired; // a ReplicaEditor covers it for scalable kinds
    case Age:
        // Sorted by age, the youngest first: the negated creation time.
        return sort ? QVariant(-w.created.toSecsSinceEpoch())
                    : QVariant(ageText(w.created, QDateTime::currentDateTimeUtc()));
    case Images:
        return w.images;
    default:
        return {};
    }
}

QVariant WorkloadListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Kind:
        return tr("Kind");
    case Namespace:
        return tr("Namespace");
    case Name:
        return tr("Name");
    case Ready:
        return tr("Ready");
    case Replicas:
        return tr("Replicas");
    case Age:
        return tr("Age");
    case Images:
        return tr("Images");
    default:
        return {};
    }
}

} // namespace cox::console
