// InspectorPanel: the side panel for the selected pod or node - key fields, conditions,
// containers, recent events, a pod's logs (PodLogsView), and the whole object as YAML. It shows
// what it is given; the main window feeds it from the watch caches (so it stays live) and fetches
// events on selection.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace cox::console {
class ApiClient;
class PodLogsView;
} // namespace cox::console

namespace cox::console {

class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(QWidget *parent = nullptr);

    void showPod(const QJsonObject &pod);
    void showNode(const QJsonObject &node);
    void setEvents(const QJsonArray &events);
    void clear();
    // Where the Logs tab reads from (the current session's client).
    void setApi(ApiClient *api);

    // "Pod" or "Node" and the object's key, empty when nothing is shown.
    QString shownKind() const { return m_kind; }
    QString shownKey() const { return m_key; }
    QTreeWidget *fieldsTree() const { return m_fields; }
    QTabWidget *tabs() const { return m_tabs; }
    PodLogsView *logsView() const { return m_logs; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateLogsActive();
    void showCommon(const QString &kind, const QJsonObject &object);
    QTreeWidgetItem *section(const QString &title);
    void addField(QTreeWidgetItem *parent, const QString &name, const QString &value);
    void addConditions(const QJsonArray &conditions);

    QLabel *m_title;
    QTabWidget *m_tabs;
    QTreeWidget *m_fields;
    QTreeWidget *m_events;
    QPlainTextEdit *m_yaml;
    PodLogsView *m_logs;
    QJsonObject m_object; // shown again on a language change
    QString m_kind;
    QString m_key;
};

} // namespace cox::console
