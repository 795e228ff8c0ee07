// PodLogsView: the inspector's Logs tab for a pod - the container, the last N lines, follow
// (the API's pods/log?follow=true, streamed: QtNetwork delivers chunks on the UI thread's event
// loop, so a follow never blocks it), the previous instance, search, and save to a file.
// Logs are fetched only while the tab is shown; a new pod or option restarts the fetch.
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkReply;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace cox::console {

class ApiClient;

class PodLogsView : public QWidget {
    Q_OBJECT
public:
    explicit PodLogsView(QWidget *parent = nullptr);
    ~PodLogsView() override;

    void setApi(ApiClient *api);
    // The pod to show; the same pod again (a watch update) only refreshes the container list.
    void setPod(const QJsonObject &pod);
    void clear();
    // Shown (fetching) or hidden (stream closed).
    void setActive(bool active);
    // Starts the fetch again with the current options (container, tail, follow, previous).
    void reload();
    // Writes the text shown to `path`; false (and the reason in the status line) on failure.
    bool saveTo(const QString &path);
    // Selects the next match of the search text (wrapping); false when there is none.
    bool findNext(bool backwards = false);

    QComboBox *containerBox() const { return m_container; }
    QSpinBox *tailBox() const { return m_tail; }
    QCheckBox *followBox() const { return m_follow; }
    QCheckBox *previousBox() const { return m_previous; }
    QLineEdit *searchEdit() const { return m_search; }
    QPlainTextEdit *textView() const { return m_text; }
    QLabel *statusLabel() const { return m_status; }
    bool streaming() const { return m_reply != nullptr; }
    // The request path of the last fetch (tests check the options it carries).
    const QString &lastPath() const { return m_lastPath; }

signals:
    void streamEnded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void stop();
    void readChunk();
    void replyFinished();
    void updateMatches();
    void saveWithDialog();
    void appendText(const QByteArray &bytes);

    QPointer<ApiClient> m_api;
    QString m_namespace;
    QString m_pod;
    bool m_active = false;
    QComboBox *m_container;
    QLabel *m_containerLabel;
    QLabel *m_tailLabel;
    QSpinBox *m_tail;
    QCheckBox *m_follow;
    QCheckBox *m_previous;
    QLineEdit *m_search;
    QPushButton *m_findPrev;
    QPushButton *m_findNext;
    QPushButton *m_reload;
    QPushButton *m_save;
    QPlainTextEdit *m_text;
    QLabel *m_status;
    QNetworkReply *m_reply = nullptr;
    QByteArray m_partial; // an unfinished last line
    QString m_lastPath;
};

} // namespace cox::console
