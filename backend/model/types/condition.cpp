#include "model/types/condition.h"

#include "model/types/json_fields.h"

namespace cox::model {

Result<Condition> Condition::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Condition", json);
    Condition c;
    FieldReader in(json, "");
    in.read("type", c.type);
    in.read("status", c.status);
    in.read("reason", c.reason);
    in.read("message", c.message);
    in.read("lastTransitionTime", c.lastTransitionTime);
    in.read("lastProbeTime", c.lastProbeTime);
    in.read("lastHeartbeatTime", c.lastHeartbeatTime);
    in.read("lastUpdateTime", c.lastUpdateTime);
    in.read("observedGeneration", c.observedGeneration);
    if (!in.ok())
        return in.status();
    return c;
}

Json Condition::toJson() const {
    Json j = Json::object();
    putString(j, "type", type);
    putString(j, "status", status);
    putInt(j, "observedGeneration", observedGeneration);
    putString(j, "lastProbeTime", lastProbeTime);
    putString(j, "lastHeartbeatTime", lastHeartbeatTime);
    putString(j, "lastUpdateTime", lastUpdateTime);
    putString(j, "lastTransitionTime", lastTransitionTime);
    putString(j, "reason", reason);
    putString(j, "message", message);
    return j;
}

const Condition *findCondition(const std::vector<Condition> &conditions, std::string_view type) {
    for (const auto &c : conditions) {
        if (c.type == type)
            return &c;
    }
    return nullptr;
}

} // namespace cox::model
