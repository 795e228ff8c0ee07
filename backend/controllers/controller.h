// Controller: the sample-controller loop. Informer handlers put keys ("ns/name") on a WorkQueue;
// workers take a key and call reconcile(key), which compares desired with actual state and
// converges. An error requeues the key with per-key exponential backoff; success forgets it.
// run() starts N worker threads; tests call processNext() instead and stay single-threaded.
#pragma once

#include "common/clock.h"
#include "common/status.h"
#include "controllers/work_queue.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace cox::controllers {

class Controller {
public:
    Controller(std::string name, Clock &clock, Backoff backoff = {});
    virtual ~Controller();
    Controller(const Controller &) = delete;
    Controller &operator=(const Controller &) = delete;

    const std::string &name() const { return m_name; }
    WorkQueue &queue() { return m_queue; }

    void run(int workers);
    // Shuts the queue down and joins the workers.
    void stop();
    // Reconciles one due key, if any; returns false when none was due.
    bool processNext();

protected:
    // Converge the object named by `key`. Must tolerate the object being gone.
    virtual Status reconcile(const std::string &key) = 0;
    Clock &clock() { return m_clock; }

private:
    void handle(const std::string &key);

    std::string m_name;
    Clock &m_clock;
    WorkQueue m_queue;
    std::vector<std::thread> m_workers;
    std::atomic<bool> m_running{false};
};

} // namespace cox::controllers
