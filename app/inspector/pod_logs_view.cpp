#include "inspector/pod_logs_view.h"

#include "api/api_client.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace cox::console {

namespace {

constexpr int kMaxLines = 100'000; // older lines scroll away so a long follow stays bounded

QStringList containerNames(const QJsonObject &pod) {
    QStringList names;
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    for (const char *field : {"containers", "initContainers"})
        for (const auto &c : spec.value(QLatin1String(field)).toArray())
            names.append(c.toObject().value(QLatin1String("name")).toString());
    return names;
}

// The API's Status message of an error answer, else the raw text.
QString errorText(const QByteArray &body) {
    const QJsonObject status = QJsonDocument::fromJson(body).object();
    const QString message = status.value(QLatin1String("message")).toString();
    return message.isEmpty() ? QString::fromUtf8(body).trimmed() : message;
}

} // namespace

PodLogsView::PodLogsView(QWidget *parent)
    : QWidget(parent)
    , m_container(new QComboBox)
    , m_containerLabel(new QLabel)
    , m_tailLabel(new QLabel)
    , m_tail(new QSpinBox)
    , m_follow(new QCheckBox)
    , m_previous(new QCheckBox)
    , m_search(new QLineEdit)
    , m_findPrev(new QPushButton)
    , m_findNext(new QPushButton)
    , m_reload(new QPushButton)
    , m_save(new QPushButton)
    , m_text(new QPlainTextEdit)
    , m_status(new QLabel) {
    setObjectName(QStringLiteral("podLogs"));
    m_tail->setRange(0, 1'000'000);
    m_tail->setValue(500);
    m_tail->setObjectName(QStringLiteral("logTail"));
    m_container->setObjectName(QStringLiteral("logContainer"));
    m_follow->setObjectName(QStringLiteral("logFollow"));
    m_previous->setObjectName(QStringLiteral("logPrevious"));
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setClearButtonEnabled(true);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(kMaxLines);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_status->setObjectName(QStringLiteral("logStatus"));
    m_status->setWordWrap(true);

    auto *options = new QHBoxLayout;
    options->addWidget(m_containerLabel);
    options->addWidget(m_container, 1);
    options->addWidget(m_tailLabel);
    options->addWidget(m_tail);
    auto *toggles = new QHBoxLayout;
    toggles->addWidget(m_follow);
    toggles->addWidget(m_previous);
    toggles->addStretch(1);
    toggles->addWidget(m_reload);
    toggles->addWidget(m_save);
    auto *search = new QHBoxLayout;
    search->addWidget(m_search, 1);
    search->addWidget(m_findPrev);
    search->addWidget(m_findNext);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(options);
    layout->addLayout(toggles);
    layout->addLayout(search);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);

    connect(m_container, &QComboBox::currentIndexChanged, this, &PodLogsView::reload);
    connect(m_tail, &QSpinBox::editingFinished, this, &PodLogsView::reload);
    connect(m_follow, &QCheckBox::toggled, this, &PodLogsView::reload);
    connect(m_previous, &QCheckBox::toggled, this, &PodLogsView::reload);
    connect(m_reload, &QPushButton::clicked, this, &PodLogsView::reload);
    connect(m_save, &QPushButton::clicked, this, &PodLogsView::saveWithDialog);
    connect(m_search, &QLineEdit::textChanged, this, &PodLogsView::updateMatches);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { findNext(); });
    connect(m_findNext, &QPushButton::clicked, this, [this] { findNext(); });
    connect(m_findPrev, &QPushButton::clicked, this, [this] { findNext(true); });
    retranslateUi();
}

PodLogsView::~PodLogsView() {
    stop();
}

void PodLogsView::retranslateUi() {
    m_containerLabel->setText(tr("Container:"));
    m_tailLabel->setText(tr("Last lines:"));
    m_tail->setSpecialValueText(tr("all"));
    m_tail->setAccessibleName(tr("Number of last lines"));
    m_follow->setText(tr("Follow"));
    m_previous->setText(tr("Previous instance"));
    m_reload->setText(tr("Reload"));
    m_save->setText(tr("Save…"));
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setAccessibleName(tr("Search the log"));
    m_findPrev->setText(tr("Previous"));
    m_findNext->setText(tr("Next"));
    m_text->setAccessibleName(tr("Log"));
    m_container->setAccessibleName(tr("Container"));
}

void PodLogsView::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PodLogsView::setApi(ApiClient *api) {
    stop();
    m_api = api;
    reload();
}

void PodLogsView::setPod(const QJsonObject &pod) {
    const QJsonObject meta = pod.value(QLatin1String("metadata")).toObject();
    const QString ns = meta.value(QLatin1String("namespace")).toString();
    const QString name = meta.value(QLatin1String("name")).toString();
    const QStringList names = containerNames(pod);
    QStringList shown;
    for (int i = 0; i < m_container->count(); ++i)
        shown.append(m_container->itemText(i));
    const bool samePod = ns == m_namespace && name == m_pod;
    if (samePod && names == shown)
        return; // a status update: the stream goes on
    const QString current = m_container->currentText();
    {
        const QSignalBlocker blocker(m_container);
        m_container->clear();
        m_container->addItems(names);
        if (samePod && names.contains(current))
            m_container->setCurrentText(current);
    }
    m_namespace = ns;
    m_pod = name;
    if (!samePod || m_container->currentText() != current)
        reload();
}

void PodLogsView::clear() {
    stop();
    m_namespace.clear();
    m_pod.clear();
    const QSignalBlocker blocker(m_container);
    m_container->clear();
    m_text->clear();
    m_status->clear();
}

void PodLogsView::setActive(bool active) {
    if (active == m_active)
        return;
    m_active = active;
    if (active)
        reload();
    else
        stop();
}

void PodLogsView::stop() {
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void PodLogsView::reload() {
    stop();
    m_text->clear();
    m_partial.clear();
    if (!m_api || m_pod.isEmpty() || !m_active)
        return;
    QUrlQuery query;
    if (!m_container->currentText().isEmpty())
        query.addQueryItem(QStringLiteral("container"), m_container->currentText());
    if (m_tail->value() > 0)
        query.addQueryItem(QStringLiteral("tailLines"), QString::number(m_tail->value()));
    if (m_follow->isChecked())
        query.addQueryItem(QStringLiteral("follow"), QStringLiteral("true"));
    if (m_previous->isChecked())
        query.addQueryItem(QStringLiteral("previous"), QStringLiteral("true"));
    m_lastPath = QStringLiteral("/api/v1/namespaces/%1/pods/%2/log?%3")
                     .arg(m_namespace, m_pod, query.toString(QUrl::FullyEncoded));
    m_reply = m_api->openStream(m_lastPath);
    connect(m_reply, &QNetworkReply::readyRead, this, &PodLogsView::readChunk);
    connect(m_reply, &QNetworkReply::finished, this, &PodLogsView::replyFinished);
    m_status->setText(m_follow->isChecked() ? tr("Following…") : tr("Loading…"));
}

void PodLogsView::readChunk() {
    const int code = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (code >= 300)
        return; // an error answer: read whole in replyFinished
    appendText(m_reply->readAll());
}

void PodLogsView::appendText(const QByteArray &bytes) {
    m_partial += bytes;
    const qsizetype end = m_partial.lastIndexOf('\n');
    if (end < 0)
        return;
    m_text->appendPlainText(QString::fromUtf8(m_partial.left(end)));
    m_partial.remove(0, end + 1);
    if (!m_search->text().isEmpty())
        updateMatches();
}

void PodLogsView::replyFinished() {
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (code == 0 || code >= 300) {
        const QByteArray body = reply->readAll();
        m_status->setText(tr("Could not read the log: %1")
                              .arg(code == 0 ? reply->errorString() : errorText(body)));
        emit streamEnded();
        return;
    }
    appendText(reply->readAll());
    if (!m_partial.isEmpty())
        appendText("\n");
    const int lines = m_text->document()->isEmpty() ? 0 : m_text->blockCount();
    // Plural forms spelled out: English has no .qm to supply them for %n.
    const QString count = lines == 1 ? tr("1 line") : tr("%1 lines").arg(lines);
    m_status->setText(m_follow->isChecked() ? tr("The stream ended (%1).").arg(count)
                                            : tr("%1.").arg(count));
    emit streamEnded();
}

bool PodLogsView::findNext(bool backwards) {
    const QString text = m_search->text();
    if (text.isEmpty())
        return false;
    const QTextDocument::FindFlags flags =
        backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(text, flags))
        return true;
    QTextCursor cursor = m_text->textCursor();
    cursor.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(cursor);
    return m_text->find(text, flags); // wrapped around
}

void PodLogsView::updateMatches() {
    const QString text = m_search->text();
    if (text.isEmpty()) {
        m_status->clear();
        return;
    }
    const int matches = int(m_text->toPlainText().count(text, Qt::CaseInsensitive));
    m_status->setText(matches == 1 ? tr("1 match of \"%1\".").arg(text)
                                   : tr("%1 matches of \"%2\".").arg(matches).arg(text));
}

bool PodLogsView::saveTo(const QString &path) {
    QSaveFile file(path);
    QString text = m_text->toPlainText();
    if (!text.isEmpty())
        text += QLatin1Char('\n');
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        m_status->setText(tr("Could not save %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_status->setText(tr("Saved to %1.").arg(path));
    return true;
}

void PodLogsView::saveWithDialog() {
    const QString suggested =
        m_pod.isEmpty() ? QStringLiteral("pod.log")
                        : QStringLiteral("%1-%2.log").arg(m_pod, m_container->currentText());
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the log"), suggested,
                                                      tr("Log files (*.log *.txt)"));
    if (!path.isEmpty())
        saveTo(path);
}

} // namespace cox::console
