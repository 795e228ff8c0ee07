#include "pod_watch.h"

#include "common/log.h"

namespace cox::agent {

namespace {

std::string urlEncode(const std::string &s) {
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

} // namespace

PodWatch::PodWatch(ApiClient &api, std::string fieldSelector, PodWatchHandlers handlers)
    : m_api(api)
    , m_query(fieldSelector.empty() ? std::string() : "fieldSelector=" + urlEncode(fieldSelector))
    , m_handlers(std::move(handlers)) {}

PodWatch::~PodWatch() {
    stop();
}

void PodWatch::start() {
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void PodWatch::stop() {
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

Result<std::string> PodWatch::list() {
    auto doc = m_api.get("/api/v1/pods" + (m_query.empty() ? "" : "?" + m_query));
    if (!doc)
        return doc.status();
    std::vector<Json> items;
    if ((*doc)["items"].is_array())
        items = (*doc)["items"].get<std::vector<Json>>();
    m_handlers.replaceAll(items);
    ++m_lists;
    return doc->value("/metadata/resourceVersion"_json_pointer, "");
}

Status PodWatch::watch(std::string &resourceVersion) {
    std::string path =
        "/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=" + resourceVersion +
        (m_query.empty() ? "" : "&" + m_query);
    auto stream = m_api.stream(path);
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
            return Status::ok(); // the server ended the watch: resume from resourceVersion
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

void PodWatch::run() {
    std::chrono::milliseconds backoff(500);
    std::string rv;
    auto sleep = [&] {
        for (auto slept = std::chrono::milliseconds(0); slept < backoff && !m_stop;
             slept += std::chrono::milliseconds(100))
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        backoff = std::min(backoff * 2, std::chrono::milliseconds(10'000));
    };
    while (!m_stop) {
        if (rv.empty()) {
            auto listed = list();
            if (!listed) {
                COX_LOG(Warn, "agent") << "listing pods: " << listed.status().message();
                sleep();
                continue;
            }
            rv = *listed;
            backoff = std::chrono::milliseconds(500);
        }
        Status s = watch(rv);
        if (s.code() == StatusCode::Gone) {
            rv.clear();
        } else if (!s && !m_stop) {
            COX_LOG(Warn, "agent") << "pod watch: " << s.message() << " (reconnecting)";
            // The server may have restarted with a new history: re-list to be safe.
            rv.clear();
            sleep();
        }
    }
}

} // namespace cox::agent
