// BootstrapJob: adds (or removes) one machine with the bootstrap Pipeline on a worker thread,
// so SSH and the Ready wait never block the UI. Progress events and the host-key question come
// back to the UI thread as signals; the worker waits for answerHostKey() (or a cancel). One job
// per attempt: a Retry makes a new one.
#pragma once

#include "bootstrap/bootstrap_options.h"
#include "bootstrap/cancel_token.h"

#include <QObject>
#include <QString>

#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace cox::console {

struct MachineOutcome {
    bool ok = false;
    bool cancelled = false;
    QString nodeName;
    QString failedStep;
    QString cause;
    QString remedy;
    QString message; // "step X failed on H: cause. To fix: remedy", or a success line
};

class BootstrapJob : public QObject {
    Q_OBJECT
public:
    enum class Operation { Add, Remove };

    BootstrapJob(Operation operation, bootstrap::MachineSpec machine,
                 bootstrap::BootstrapOptions options, QObject *parent = nullptr);
    // Cancels, refuses a pending host-key question and waits for the worker.
    ~BootstrapJob() override;

    void start();
    void cancel();
    void answerHostKey(bool trust);
    bool running() const { return m_running; }

signals:
    void progress(const QString &step, int kind, const QString &text); // kind: ProgressKind
    void hostKeyQuestion(const QString &keyType, const QString &fingerprint);
    void finished(const cox::console::MachineOutcome &outcome);

private:
    bool askHostKey(const bootstrap::HostKeyPrompt &prompt);
    void done(const bootstrap::MachineResult &result);

    Operation m_operation;
    bootstrap::MachineSpec m_machine;
    bootstrap::BootstrapOptions m_options;
    bootstrap::CancelToken m_cancel;
    std::thread m_worker;
    bool m_running = false;
    std::mutex m_mutex;
    std::shared_ptr<std::promise<bool>> m_answer; // the question in flight
};

} // namespace cox::console
