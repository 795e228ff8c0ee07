// EventRecorder: writes core/v1 Events about an object (kubectl describe's "Events:" section).
// A repeat of the same (object, type, reason, message) bumps count and lastTimestamp on the
// existing Event instead of creating another one, as Kubernetes' event correlator does.
// Recording never fails the caller: an event that cannot be written is logged and dropped.
#pragma once

#include "apiserver/resource_service.h"
#include "model/json.h"

#include <map>
#include <mutex>
#include <string>

namespace cox::controllers {

class EventRecorder {
public:
    EventRecorder(apiserver::ResourceService &api, std::string component);

    // `type` is "Normal" or "Warning".
    void record(const model::Json &object, const std::string &type, const std::string &reason,
                const std::string &message);

private:
    struct Seen {
        std::string name; // the Event object's name
        int count = 0;
    };

    apiserver::ResourceService &m_api;
    const std::string m_component;
    std::mutex m_mutex;
    std::map<std::string, Seen> m_seen; // uid|type|reason|message -> event
};

} // namespace cox::controllers
