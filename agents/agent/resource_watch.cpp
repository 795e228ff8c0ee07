#include "resource_watch.h"

#include "common/log.h"

namespace cox::agent {

ResourceWatch::ResourceWatch(ApiClient &api, std::string collectionPath,
                             ResourceWatchHandlers handlers)
    : m_api(api)
    , m_path(std::move(collectionPath))
    , m_handlers(std::move(handlers)) {}

ResourceWatch::~ResourceWatch() {
    stop();
}

void ResourceWatch::start() {
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void ResourceWatch::stop() {
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

Result<std::string> ResourceWatch::list() {
    auto doc = m_api.get(m_path);
    if (!doc)
        return doc.status();
    std::vector<Json> items;
    if ((*doc)["items"].is_array())
        items = (*doc)["items"].get<std::vector<Json>>();
    m_handlers.replaceAll(items);
    ++m_lists;
    return doc->value("/metadata/resourceVersion"_json_pointer, "");
}

Status ResourceWatch::watch(std::string &resourceVersion) {
    auto stream = m_api.stream(
        m_path + "?watch=1&allowWatchBookmarks=true&resourceVersion=" + resourceVersion);
    if (!stream)
        return stream.status();
    while (!m_stop) {
        auto line = (*stream)->nextLine(std::chrono::milliseconds(500));
        if (!line) {
            if (line.status().code() == StatusCode::Timeout)
                continue;
            return Status(StatusCode::Unavailable, line.status().message());
        }
        if (!*line)
            return Status::ok();
        Json event = Json::parse(**line, nullptr, false);
        if (!event.is_object())
            continue;
        const std::string type = event.value("type", "");
        const Json &object = event["object"];
        if (type == "ERROR") {
            if (object.value("code", 0) == 410)
                return Status(StatusCode::Gone, "watch expired");
            return Status(StatusCode::Unavailable, object.value("message", "watch error"));
        }
        resourceVersion = object.value("/metadata/resourceVersion"_json_pointer, resourceVersion);
        if (type == "ADDED" || type == "MODIFIED")
            m_handlers.upsert(object);
        else if (type == "DELETED")
            m_handlers.remove(object);
    }
    return Status::ok();
}

void ResourceWatch::backoffSleep(std::chrono::milliseconds &backoff) {
    for (auto slept = std::chrono::milliseconds(0); slept < backoff && !m_stop;
         slept += std::chrono::milliseconds(100))
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    backoff = std::min(backoff * 2, std::chrono::milliseconds(10'000));
}

void ResourceWatch::run() {
    std::chrono::milliseconds backoff(500);
    std::string rv;
    while (!m_stop) {
        if (rv.empty()) {
            auto listed = list();
            if (!listed) {
                COX_LOG(Warn, "agent") << "listing " << m_path << ": " << listed.status().message();
                backoffSleep(backoff);
                continue;
            }
            rv = *listed;
            backoff = std::chrono::milliseconds(500);
        }
        Status s = watch(rv);
        if (s.code() == StatusCode::Gone) {
            rv.clear();
        } else if (!s && !m_stop) {
            COX_LOG(Warn, "agent")
                << "watch " << m_path << ": " << s.message() << " (reconnecting)";
            rv.clear();
            backoffSleep(backoff);
        }
    }
}

} // namespace cox::agent
