// NamespaceReaper: finishes namespace deletion in the background. A deleted namespace is marked
// Terminating at once (no new content may be created in it); the reaper then removes every
// namespaced object in it and finally the namespace itself.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace cox::apiserver {

class ResourceService;

class NamespaceReaper {
public:
    explicit NamespaceReaper(ResourceService &service);
    ~NamespaceReaper();

    void schedule(const std::string &ns);
    // Reaps everything scheduled so far on the calling thread.
    void drain();

private:
    void run();
    void reap(const std::string &ns);

    ResourceService &m_service;
    std::mutex m_mutex;
    std::mutex m_reapMutex; // one reap at a time, whether from the thread or drain()
    std::condition_variable m_wake;
    std::deque<std::string> m_queue;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace cox::apiserver
