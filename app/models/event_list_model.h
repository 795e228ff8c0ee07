// EventListModel: cluster Events as a table (last seen, type, reason, object, message, count,
// namespace), fed by the events watch cache; Warning rows are tinted. Qt::UserRole gives raw
// sort values (last seen in ms since the epoch, so a descending sort is newest first). Also
// answers "the events about this object" for the inspector without another request.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QVector>

namespace cox::console {

struct EventView {
    QString key; // namespace/name of the Event itself
    QString ns;
    QString type; // Normal, Warning
    QString reason;
    QString objectKind;
    QString objectNs;
    QString objectName;
    QString message;
    int count = 1;
    QDateTime lastSeen;
    QJsonObject json; // for the inspector's event list

    bool warning() const { return type == QLatin1String("Warning"); }
    static EventView fromJson(const QJsonObject &event);
};

class EventListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LastSeen, Type, Reason, Object, Message, Count, Namespace, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1,
        TypeRole,
        NamespaceRole,
        ObjectKindRole,
        ObjectNamespaceRole,
        ObjectNameRole
    };

    explicit EventListModel(QObject *parent = nullptr);

    void upsert(const QJsonObject &event);
    void remove(const QJsonObject &event);
    // The events about one object, oldest first (what the API's fieldSelector query returns).
    QJsonArray eventsAbout(const QString &kind, const QString &ns, const QString &name) const;
    // Whether the events cache feeds this model (else the inspector asks the API).
    bool live() const { return m_live; }
    void setLive(bool live) { m_live = live; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    // An event was added or changed (not emitted for removals).
    void eventChanged(const cox::console::EventView &event);

private:
    QVariant display(const EventView &e, int column, bool sort) const;

    QVector<EventView> m_rows;
    QHash<QString, int> m_index;
    bool m_live = false;
};

} // namespace cox::console
