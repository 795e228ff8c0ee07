// ResourceWatch: PodWatch's list-then-watch loop for any collection path ("/api/v1/services",
// "/api/v1/endpoints", "/api/v1/nodes"): re-list on 410 Expired and after a lost connection
// (back-off 0.5 s doubling to 10 s). Handlers run on the watch thread. ServiceSync runs three.
#pragma once

#include "api_client.h"

#include <atomic>
#include <functional>
#include <thread>

namespace cox::agent {

struct ResourceWatchHandlers {
    std::function<void(const std::vector<Json> &items)> replaceAll;
    std::function<void(const Json &object)> upsert;
    std::function<void(const Json &object)> remove;
};

class ResourceWatch {
public:
    ResourceWatch(ApiClient &api, std::string collectionPath, ResourceWatchHandlers handlers);
    ~ResourceWatch();

    void start();
    void stop();
    int listCount() const { return m_lists.load(); }

private:
    void run();
    Result<std::string> list();
    Status watch(std::string &resourceVersion);
    void backoffSleep(std::chrono::milliseconds &backoff);

    ApiClient &m_api;
    std::string m_path;
    ResourceWatchHandlers m_handlers;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_lists{0};
    std::thread m_thread;
};

} // namespace cox::agent
