#include "models/event_list_model.h"

#include "api/watch_cache.h"
#include "models/json_fields.h"
#include "models/keyed_rows.h"

#include <QColor>

#include <algorithm>

namespace cox::console {

using namespace json;

// The newest of the times an event can carry: core/v1 events have lastTimestamp, events
// written through events.k8s.io only eventTime or series.lastObservedTime.
EventView EventView::fromJson(const QJsonObject &event) {
    EventView v;
    const QJsonObject meta = obj(event, "metadata");
    v.ns = str(meta, "namespace");
    v.key = v.ns + QLatin1Char('/') + str(meta, "name");
    v.type = str(event, "type");
    if (v.type.isEmpty())
        v.type = QStringLiteral("Normal");
    v.reason = str(event, "reason");
    const QJsonObject involved = obj(event, "involvedObject");
    v.objectKind = str(involved, "kind");
    v.objectNs = str(involved, "namespace");
    v.objectName = str(involved, "name");
    v.message = str(event, "message");
    v.count = std::max(1, num(event, "count", 1));
    for (const QString &t :
         {str(event, "lastTimestamp"), str(obj(event, "series"), "lastObservedTime"),
          str(event, "eventTime"), str(event, "firstTimestamp"), str(meta, "creationTimestamp")}) {
        v.lastSeen = timestamp(t);
        if (v.lastSeen.isValid())
            break;
    }
    v.json = event;
    return v;
}

EventListModel::EventListModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void EventListModel::upsert(const QJsonObject &event) {
    const EventView view = EventView::fromJson(event);
    detail::upsertKeyedRow(
        this, m_rows, m_index, view.key, view, ColumnCount,
        [this](int row) { beginInsertRows({}, row, row); }, [this] { endInsertRows(); });
    emit eventChanged(view);
}

void EventListModel::remove(const QJsonObject &event) {
    detail::removeKeyedRow(
        this, m_rows, m_index, WatchCache::keyOf(event), ColumnCount,
        [](const EventView &e) { return e.key; },
        [this](int row) { beginRemoveRows({}, row, row); }, [this] { endRemoveRows(); });
}

QJsonArray EventListModel::eventsAbout(const QString &kind, const QString &ns,
                                       const QString &name) const {
    QVector<const EventView *> matching;
    for (const EventView &e : m_rows)
        if (e.objectKind == kind && e.objectName == name && e.objectNs == ns)
            matching << &e;
    std::sort(matching.begin(), matching.end(),
              [](const EventView *a, const EventView *b) { return a->lastSeen < b->lastSeen; });
    QJsonArray events;
    for (const EventView *e : matching)
        events.append(e->json);
    return events;
}

int EventListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const EventView &e = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return e.key;
    case TypeRole:
        return e.type;
    case NamespaceRole:
        return e.ns;
    case ObjectKindRole:
        return e.objectKind;
    case ObjectNamespaceRole:
        return e.objectNs;
    case ObjectNameRole:
        return e.objectName;
    case Qt::BackgroundRole:
        // Amber, translucent so it reads on the dark palette and on a light one.
        return e.warning() ? QVariant(QColor(0xf0, 0xb4, 0x29, 70)) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == Message ? QVariant(e.message) : QVariant();
    case Qt::DisplayRole:
        return display(e, index.column(), false);
    case Qt::UserRole:
        return display(e, index.column(), true);
    default:
        return {};
    }
}

QVariant EventListModel::display(const EventView &e, int column, bool sort) const {
    switch (column) {
    case LastSeen:
        return sort ? QVariant(e.lastSeen.toMSecsSinceEpoch())
                    : QVariant(ageText(e.lastSeen, QDateTime::currentDateTimeUtc()));
    case Type:
        return e.type;
    case Reason:
        return e.reason;
    case Object:
        return QStringLiteral("%1/%2").arg(e.objectKind.toLower(), e.objectName);
    case Message:
        return e.message;
    case Count:
        return e.count;
    case Namespace:
        return e.ns;
    default:
        return {};
    }
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LastSeen:
        return tr("Last seen");
    case Type:
        return tr("Type");
    case Reason:
        return tr("Reason");
    case Object:
        return tr("Object");
    case Message:
        return tr("Message");
    case Count:
        return tr("Count");
    case Namespace:
        return tr("Namespace");
    default:
        return {};
    }
}

} // namespace cox::console
