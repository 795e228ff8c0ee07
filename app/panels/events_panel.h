// EventsPanel: the events dock - recent cluster events live, newest first, filterable by
// namespace and to Warnings only (Warning rows tinted). Shares the lists' EventListModel
// through its own EventFilterProxy; choosing a row emits the object the event is about.
#pragma once

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QTableView;

namespace cox::console {

class EventFilterProxy;
class EventListModel;

class EventsPanel : public QWidget {
    Q_OBJECT
public:
    explicit EventsPanel(EventListModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QComboBox *namespaceFilter() const { return m_namespace; }
    QCheckBox *warningsOnly() const { return m_warnings; }
    EventFilterProxy *proxy() const { return m_proxy; }

signals:
    void eventObjectChosen(const QString &kind, const QString &ns, const QString &name);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateNamespaces();
    void retranslateUi();

    EventListModel *m_model;
    EventFilterProxy *m_proxy;
    QComboBox *m_namespace;
    QCheckBox *m_warnings;
    QTableView *m_table;
    QTimer m_namespaces; // new namespaces are collected in one pass per burst
};

} // namespace cox::console
