// WorkloadListModel: Deployments, StatefulSets, DaemonSets and Jobs in one table (kind,
// namespace, name, ready/desired, replicas, age, images) for the lists dock. Rows are keyed
// "Kind/namespace/name"; updates are O(1) (keyed_rows.h). Qt::UserRole gives raw sort values.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QVector>

namespace cox::console {

struct WorkloadView {
    QString key; // Kind/namespace/name
    QString kind;
    QString ns;
    QString name;
    int ready = 0;
    int desired = 0;
    QDateTime created;
    QString images;

    // Deployments and StatefulSets have a replica count to edit.
    bool scalable() const;
    static WorkloadView fromJson(const QString &kind, const QJsonObject &object);
};

class WorkloadListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Kind, Namespace, Name, Ready, Replicas, Age, Images, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1, KindRole, NamespaceRole, NameRole, DesiredRole };

    explicit WorkloadListModel(QObject *parent = nullptr);

    // `kind` is the object's kind ("Deployment"); list items carry none, so the caller says.
    void upsert(const QString &kind, const QJsonObject &object);
    void remove(const QString &kind, const QJsonObject &object);
    const WorkloadView *find(const QString &key) const;
    static QString keyOf(const QString &kind, const QJsonObject &object);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<WorkloadView> m_rows;
    QHash<QString, int> m_index;
};

} // namespace cox::console
