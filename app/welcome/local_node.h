// LocalNode: this machine as a node of the cluster the console hosts - the real coxswain-agent
// as a child process. The join token goes through a 0600 --token-file (never the command line,
// where ps shows it, nor a log); the agent's output goes to <data dir>/agent.log (kept across
// starts; moved to agent.log.1 once past 16 MiB). Stopping sends SIGTERM: like a kubelet, the
// agent leaves its pods running when it exits, and adopts them again on the next start.
#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace cox::console {

struct LocalNodeConfig {
    QString agentPath;     // the coxswain-agent binary (LocalNodeCheck::findAgent())
    QString server;        // https://127.0.0.1:PORT
    QByteArray joinToken;  // never logged
    QString nodeName;      // empty: this machine's host name
    QString dataDir;       // the agent's --data-dir; agent.log and the token file live here
    QStringList extraArgs; // e.g. --no-network in tests
};

class LocalNode : public QObject {
    Q_OBJECT
public:
    explicit LocalNode(QObject *parent = nullptr);
    ~LocalNode() override; // stops the agent

    // Starts the agent; false (and `failed`) when the token file or the process cannot be set up.
    bool start(const LocalNodeConfig &config);
    // SIGTERM, then SIGKILL after `graceMs`; pods keep running. Idempotent.
    void stop(int graceMs = 10'000);
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }
    QString nodeName() const { return m_nodeName; }
    QString logPath() const { return m_logPath; }

    // The last `lines` lines of the agent's log file.
    QString logTail(int lines = 12) const;
    static QString defaultNodeName();

signals:
    // The agent exited without being asked to: what happened and the end of its log.
    void failed(const QString &message);

private:
    void exited(int code, QProcess::ExitStatus status);
    bool writeTokenFile(const QString &path, const QByteArray &token, QString *error);

    QProcess m_process;
    QString m_nodeName;
    QString m_logPath;
    bool m_stopping = false;
};

} // namespace cox::console
