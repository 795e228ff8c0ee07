#include "setup/bootstrap_job.h"

#include "bootstrap/pipeline.h"

#include <QMetaObject>

namespace cox::console {

namespace {

QString q(const std::string &s) {
    return QString::fromStdString(s);
}

} // namespace

BootstrapJob::BootstrapJob(Operation operation, bootstrap::MachineSpec machine,
                           bootstrap::BootstrapOptions options, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_machine(std::move(machine))
    , m_options(std::move(options)) {
    // Posted to this object: dropped with it if it is destroyed first (the destructor joins
    // the worker, so no callback outlives the members it reads).
    m_options.progress = [this](const bootstrap::ProgressEvent &e) {
        const QString step = q(e.step), text = q(e.text);
        const int kind = int(e.kind);
        QMetaObject::invokeMethod(
            this, [this, step, kind, text] { emit progress(step, kind, text); },
            Qt::QueuedConnection);
    };
    m_options.confirmHostKey = [this](const bootstrap::HostKeyPrompt &p) {
        return askHostKey(p);
    };
}

BootstrapJob::~BootstrapJob() {
    cancel();
    if (m_worker.joinable())
        m_worker.join();
}

void BootstrapJob::start() {
    Q_ASSERT_X(!m_running && !m_worker.joinable(), "BootstrapJob::start", "one run per job");
    m_running = true;
    m_worker = std::thread([this] {
        const bootstrap::MachineResult result =
            m_operation == Operation::Add
                ? bootstrap::Pipeline::add(m_machine, m_options, m_cancel)
                : bootstrap::Pipeline::remove(m_machine, m_options, m_cancel);
        QMetaObject::invokeMethod(
            this, [this, result] { done(result); }, Qt::QueuedConnection);
    });
}

void BootstrapJob::cancel() {
    m_cancel.cancel();
    answerHostKey(false);
}

void BootstrapJob::answerHostKey(bool trust) {
    std::lock_guard lock(m_mutex);
    if (m_answer) {
        m_answer->set_value(trust);
        m_answer.reset();
    }
}

// Worker thread: asks the UI and waits for the user, checking for a cancel in between.
bool BootstrapJob::askHostKey(const bootstrap::HostKeyPrompt &prompt) {
    std::future<bool> answer;
    {
        std::lock_guard lock(m_mutex);
        if (m_cancel.cancelled())
            return false;
        m_answer = std::make_shared<std::promise<bool>>();
        answer = m_answer->get_future();
    }
    const QString type = q(prompt.keyType), fingerprint = q(prompt.fingerprint);
    QMetaObject::invokeMethod(
        this, [this, type, fingerprint] { emit hostKeyQuestion(type, fingerprint); },
        Qt::QueuedConnection);
    while (answer.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
        if (m_cancel.cancelled())
            answerHostKey(false);
    }
    return answer.get();
}

void BootstrapJob::done(const bootstrap::MachineResult &result) {
    if (m_worker.joinable())
        m_worker.join();
    m_running = false;
    MachineOutcome o;
    o.ok = result.ok;
    o.cancelled = result.cancelled;
    o.nodeName = q(result.nodeName);
    o.failedStep = q(result.failedStep);
    o.cause = q(result.cause);
    o.remedy = q(result.remedy);
    o.message = result.ok ? QString() : q(result.status().message());
    emit finished(o);
}

} // namespace cox::console
