#include "models/service_list_model.h"

#include "api/watch_cache.h"
#include "models/json_fields.h"
#include "models/keyed_rows.h"

namespace cox::console {

using namespace json;

ServiceView ServiceView::fromJson(const QJsonObject &service) {
    ServiceView v;
    const QJsonObject meta = obj(service, "metadata");
    v.ns = str(meta, "namespace");
    v.name = str(meta, "name");
    v.key = v.ns + QLatin1Char('/') + v.name;
    v.created = json::created(service);
    const QJsonObject spec = obj(service, "spec");
    v.type = str(spec, "type");
    if (v.type.isEmpty())
        v.type = QStringLiteral("ClusterIP");
    v.clusterIp = str(spec, "clusterIP");
    QStringList ports;
    for (const QJsonValue &p : arr(spec, "ports")) {
        const QJsonObject port = p.toObject();
        QString text = str(port, "port");
        if (port.contains(QLatin1String("nodePort")))
            text += QLatin1Char(':') + str(port, "nodePort");
        const QString protocol = str(port, "protocol");
        text += QLatin1Char('/') + (protocol.isEmpty() ? QStringLiteral("TCP") : protocol);
        ports << text;
    }
    v.ports = ports.join(QStringLiteral(", "));
    v.selector = joinMap(obj(spec, "selector"));
    return v;
}

EndpointCounts EndpointCounts::fromJson(const QJsonObject &endpoints) {
    EndpointCounts c;
    for (const QJsonValue &s : arr(endpoints, "subsets")) {
        c.ready += int(arr(s.toObject(), "addresses").size());
        c.notReady += int(arr(s.toObject(), "notReadyAddresses").size());
    }
    return c;
}

ServiceListModel::ServiceListModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void ServiceListModel::upsertService(const QJsonObject &service) {
    const ServiceView view = ServiceView::fromJson(service);
    detail::upsertKeyedRow(
        this, m_rows, m_index, view.key, view, ColumnCount,
        [this](int row) { beginInsertRows({}, row, row); }, [this] { endInsertRows(); });
}

void ServiceListModel::removeService(const QJsonObject &service) {
    detail::removeKeyedRow(
        this, m_rows, m_index, WatchCache::keyOf(service), ColumnCount,
        [](const ServiceView &s) { return s.key; },
        [this](int row) { beginRemoveRows({}, row, row); }, [this] { endRemoveRows(); });
}

void ServiceListModel::upsertEndpoints(const QJsonObject &endpoints) {
    const QString key = WatchCache::keyOf(endpoints);
    m_endpoints.insert(key, EndpointCounts::fromJson(endpoints));
    endpointsChanged(key);
}

void ServiceListModel::removeEndpoints(const QJsonObject &endpoints) {
    const QString key = WatchCache::keyOf(endpoints);
    m_endpoints.remove(key);
    endpointsChanged(key);
}

void ServiceListModel::endpointsChanged(const QString &key) {
    const int row = rowOf(key);
    if (row >= 0)
        emit dataChanged(index(row, Endpoints), index(row, Endpoints));
}

int ServiceListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServiceListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServiceListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ServiceView &s = m_rows.at(index.row());
    if (role == KeyRole)
        return s.key;
    const bool sort = role == Qt::UserRole;
    if (role != Qt::DisplayRole && !sort)
        return {};
    switch (index.column()) {
    case Name:
        return s.name;
    case Namespace:
        return s.ns;
    case Type:
        return s.type;
    case ClusterIp:
        return s.clusterIp;
    case Ports:
        return s.ports;
    case Endpoints: {
        // A selector-less Service has endpoints only if someone writes them: "-" until then.
        auto it = m_endpoints.constFind(s.key);
        if (it == m_endpoints.cend())
            return sort ? QVariant(-1) : QVariant(QStringLiteral("-"));
        return sort ? QVariant(it->ready)
                    : QVariant(tr("%1/%2").arg(it->ready).arg(it->ready + it->notReady));
    }
    case Selector:
        return s.selector;
    case Age:
        return sort ? QVariant(-s.created.toSecsSinceEpoch())
                    : QVariant(ageText(s.created, QDateTime::currentDateTimeUtc()));
    default:
        return {};
    }
}

QVariant ServiceListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Service");
    case Namespace:
        return tr("Namespace");
    case Type:
        return tr("Type");
    case ClusterIp:
        return tr("Cluster IP");
    case Ports:
        return tr("Ports");
    case Endpoints:
        return tr("Endpoints ready");
    case Selector:
        return tr("Selector");
    case Age:
        return tr("Age");
    default:
        return {};
    }
}

} // namespace cox::console
