// Controller; see controller.h.
#include "controllers/controller.h"

#include "common/log.h"

namespace cox::controllers {

Controller::Controller(std::string name, Clock &clock, Backoff backoff)
    : m_name(std::move(name))
    , m_clock(clock)
    , m_queue(clock, backoff) {}

Controller::~Controller() {
    // Derived classes must stop() in their destructor; this is the last line of defence.
    stop();
}

void Controller::handle(const std::string &key) {
    Status status = reconcile(key);
    if (status.isOk()) {
        m_queue.forget(key);
    } else {
        COX_LOG(Info, m_name) << "reconcile " << key << ": " << status.message() << " (retry "
                              << m_queue.numRequeues(key) + 1 << ")";
        m_queue.addRateLimited(key);
    }
    m_queue.done(key);
}

bool Controller::processNext() {
    auto key = m_queue.tryGet();
    if (!key)
        return false;
    handle(*key);
    return true;
}

void Controller::run(int workers) {
    if (m_running.exchange(true))
        return;
    for (int i = 0; i < workers; ++i)
        m_workers.emplace_back([this] {
            while (!m_queue.shuttingDown())
                if (auto key = m_queue.get(std::chrono::milliseconds(500)))
                    handle(*key);
        });
}

void Controller::stop() {
    m_queue.shutDown();
    for (auto &t : m_workers)
        if (t.joinable())
            t.join();
    m_workers.clear();
    m_running = false;
}

} // namespace cox::controllers
