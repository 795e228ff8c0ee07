// EventRecorder; see event_recorder.h.
#include "controllers/event_recorder.h"

#include "common/log.h"
#include "controllers/object_util.h"

namespace cox::controllers {

EventRecorder::EventRecorder(apiserver::ResourceService &api, std::string component)
    : m_api(api)
    , m_component(std::move(component)) {}

void EventRecorder::record(const Json &object, const std::string &type, const std::string &reason,
                           const std::string &message) {
    const auto &eventType = resourceType("", "events");
    auto ctx = controllerContext();
    std::string ns = metaString(object, "namespace");
    if (ns.empty())
        ns = "default"; // events about cluster-scoped objects live in default, as in Kubernetes
    std::string now = formatRfc3339(m_api.clock().now());
    std::string id = metaString(object, "uid") + "|" + type + "|" + reason + "|" + message;

    std::lock_guard lock(m_mutex);
    auto it = m_seen.find(id);
    if (it != m_seen.end()) {
        Json patch = {{"count", it->second.count + 1}, {"lastTimestamp", now}};
        auto patched = m_api.patch(eventType, ns, it->second.name, apiserver::PatchType::Merge,
                                   patch.dump(), ctx);
        if (patched) {
            ++it->second.count;
            return;
        }
        m_seen.erase(it); // gone (expired or deleted): start a new one
    }
    Json event = {
        {"apiVersion", "v1"},
        {"kind", "Event"},
        {"metadata", {{"generateName", metaString(object, "name") + "."}, {"namespace", ns}}},
        {"involvedObject",
         {{"apiVersion", object.value("apiVersion", std::string())},
          {"kind", object.value("kind", std::string())},
          {"name", metaString(object, "name")},
          {"namespace", metaString(object, "namespace")},
          {"uid", metaString(object, "uid")},
          {"resourceVersion", metaString(object, "resourceVersion")}}},
        {"reason", reason},
        {"message", message},
        {"type", type},
        {"count", 1},
        {"firstTimestamp", now},
        {"lastTimestamp", now},
        {"source", {{"component", m_component}}},
        {"reportingComponent", m_component}};
    auto created = m_api.create(eventType, ns, std::move(event), ctx);
    if (!created) {
        COX_LOG(Info, m_component)
            << "event " << reason << " dropped: " << created.status().message();
        return;
    }
    m_seen[id] = Seen{metaString(*created, "name"), 1};
}

} // namespace cox::controllers
