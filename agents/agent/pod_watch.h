// PodWatch: list, then watch from the list's resourceVersion; re-list on 410 Expired; when the
// server is unreachable, reconnect with back-off (0.5 s doubling to 10 s) while pods keep
// running. Handlers run on the watch thread. One PodWatch serves one agent (fieldSelector
// spec.nodeName=NAME) or a whole hollow fleet (every pod, dispatched by spec.nodeName).
#pragma once

#include "api_client.h"

#include <atomic>
#include <functional>
#include <thread>

namespace cox::agent {

struct PodWatchHandlers {
    std::function<void(const std::vector<Json> &pods)> replaceAll;
    std::function<void(const Json &pod)> upsert;
    std::function<void(const Json &pod)> remove;
};

class PodWatch {
public:
    // `fieldSelector` e.g. "spec.nodeName=worker-1" (empty: all pods).
    PodWatch(ApiClient &api, std::string fieldSelector, PodWatchHandlers handlers);
    ~PodWatch();

    void start();
    void stop();
    // Completed lists so far (tests: a reconnect after a control-plane restart re-lists).
    int listCount() const { return m_lists.load(); }

private:
    void run();
    // Lists; returns the list's resourceVersion.
    Result<std::string> list();
    // Watches until the stream ends or fails; Gone means re-list.
    Status watch(std::string &resourceVersion);

    ApiClient &m_api;
    std::string m_query;
    PodWatchHandlers m_handlers;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_lists{0};
    std::thread m_thread;
};

} // namespace cox::agent
