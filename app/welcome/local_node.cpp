#include "welcome/local_node.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QSaveFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::console {

namespace {

constexpr qint64 kLogRotateBytes = 16 * 1024 * 1024;

} // namespace

LocalNode::LocalNode(QObject *parent)
    : QObject(parent) {
    connect(&m_process, &QProcess::finished, this, &LocalNode::exited);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            emit failed(tr("The node agent could not be started: %1").arg(m_process.errorString()));
    });
}

LocalNode::~LocalNode() {
    stop();
}

QString LocalNode::defaultNodeName() {
    return QHostInfo::localHostName().toLower();
}

// Created 0600 before any byte is written, so the token is never readable by others, not even
// for a moment; rewritten on every start because the token may have been rotated.
bool LocalNode::writeTokenFile(const QString &path, const QByteArray &token, QString *error) {
    const QByteArray native = QFile::encodeName(path);
    ::unlink(native.constData());
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = tr("cannot create %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    QFile file;
    const bool ok = file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle) &&
                    file.write(token + '\n') == token.size() + 1 && file.flush();
    if (!ok)
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
    return ok;
}

bool LocalNode::start(const LocalNodeConfig &config) {
    if (running())
        return true;
    m_stopping = false;
    m_nodeName = config.nodeName.isEmpty() ? defaultNodeName() : config.nodeName;
    QDir().mkpath(config.dataDir);
    ::chmod(QFile::encodeName(config.dataDir).constData(), 0700); // credentials live here
    const QString tokenFile = config.dataDir + QStringLiteral("/join-token");
    QString error;
    if (!writeTokenFile(tokenFile, config.joinToken, &error)) {
        emit failed(tr("The node agent could not be started: %1").arg(error));
        return false;
    }
    m_logPath = config.dataDir + QStringLiteral("/agent.log");
    // Appended across starts, so the log of the run before a failure is kept; one older file
    // once it has grown, so it never fills the disk.
    if (QFileInfo(m_logPath).size() > kLogRotateBytes) {
        QFile::remove(m_logPath + QStringLiteral(".1"));
        QFile::rename(m_logPath, m_logPath + QStringLiteral(".1"));
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_logPath, QIODevice::Append);
    m_process.setProgram(config.agentPath);
    m_process.setArguments(QStringList{QStringLiteral("--server"), config.server,
                                       QStringLiteral("--token-file"), tokenFile,
                                       QStringLiteral("--node-name"), m_nodeName,
                                       QStringLiteral("--data-dir"), config.dataDir} +
                           config.extraArgs);
    m_process.start();
    return m_process.waitForStarted(10'000);
}

void LocalNode::stop(int graceMs) {
    if (!running())
        return;
    m_stopping = true;
    m_process.terminate();
    if (!m_process.waitForFinished(graceMs)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

QString LocalNode::logTail(int lines) const {
    QFile file(m_logPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const qint64 window = 16 * 1024; // the tail of a long-running agent's log, not all of it
    if (file.size() > window)
        file.seek(file.size() - window);
    QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    while (!all.isEmpty() && all.last().trimmed().isEmpty())
        all.removeLast();
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

void LocalNode::exited(int code, QProcess::ExitStatus status) {
    if (m_stopping)
        return;
    const QString how =
        status == QProcess::CrashExit ? tr("crashed") : tr("exited with code %1").arg(code);
    emit failed(tr("The node agent on this machine %1. Last lines of %2:\n%3")
                    .arg(how, m_logPath, logTail()));
}

} // namespace cox::console
