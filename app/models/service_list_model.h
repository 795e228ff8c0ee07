// ServiceListModel: Services as a table (name, namespace, type, cluster IP, ports, ready
// endpoints, selector, age), joined with their Endpoints objects for the ready count. Rows are
// keyed "namespace/name" (a Service and its Endpoints share the key). Qt::UserRole gives raw
// sort values.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QVector>

namespace cox::console {

struct ServiceView {
    QString key;
    QString ns;
    QString name;
    QString type;
    QString clusterIp;
    QString ports;    // "80/TCP, 443:30443/TCP"
    QString selector; // "app=web"
    QDateTime created;

    static ServiceView fromJson(const QJsonObject &service);
};

// Ready and not-ready addresses of an Endpoints object.
struct EndpointCounts {
    int ready = 0;
    int notReady = 0;

    static EndpointCounts fromJson(const QJsonObject &endpoints);
};

class ServiceListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Namespace, Type, ClusterIp, Ports, Endpoints, Selector, Age, ColumnCount };
    static constexpr int KeyRole = Qt::UserRole + 1;

    explicit ServiceListModel(QObject *parent = nullptr);

    void upsertService(const QJsonObject &service);
    void removeService(const QJsonObject &service);
    void upsertEndpoints(const QJsonObject &endpoints);
    void removeEndpoints(const QJsonObject &endpoints);
    int rowOf(const QString &key) const { return m_index.value(key, -1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void endpointsChanged(const QString &key);

    QVector<ServiceView> m_rows;
    QHash<QString, int> m_index;
    QHash<QString, EndpointCounts> m_endpoints; // by key, also for services not seen yet
};

} // namespace cox::console
