// Accessors over API objects; see object_util.h.
#include "controllers/object_util.h"

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace cox::controllers {

namespace {
const Json &emptyObject() {
    static const Json empty = Json::object();
    return empty;
}
const Json &emptyArray() {
    static const Json empty = Json::array();
    return empty;
}
const Json &nullJson() {
    static const Json null;
    return null;
}
} // namespace

std::string objectKey(const Json &object) {
    std::string ns = metaString(object, "namespace");
    std::string name = metaString(object, "name");
    return ns.empty() ? name : ns + "/" + name;
}

std::pair<std::string, std::string> splitKey(const std::string &key) {
    auto slash = key.find('/');
    if (slash == std::string::npos)
        return {"", key};
    return {key.substr(0, slash), key.substr(slash + 1)};
}

const Json &at(const Json &object, std::initializer_list<const char *> path) {
    const Json *cur = &object;
    for (const char *step : path) {
        if (!cur->is_object())
            return nullJson();
        auto it = cur->find(step);
        if (it == cur->end())
            return nullJson();
        cur = &*it;
    }
    return *cur;
}

int64_t intAt(const Json &object, std::initializer_list<const char *> path, int64_t fallback) {
    const Json &v = at(object, path);
    return v.is_number_integer() ? v.get<int64_t>() : fallback;
}

std::string stringAt(const Json &object, std::initializer_list<const char *> path) {
    const Json &v = at(object, path);
    return v.is_string() ? v.get<std::string>() : std::string();
}

std::string metaString(const Json &object, const char *field) {
    return stringAt(object, {"metadata", field});
}

const Json &labelsOf(const Json &object) {
    const Json &v = at(object, {"metadata", "labels"});
    return v.is_object() ? v : emptyObject();
}

const Json &annotationsOf(const Json &object) {
    const Json &v = at(object, {"metadata", "annotations"});
    return v.is_object() ? v : emptyObject();
}

std::string annotation(const Json &object, const std::string &name) {
    const Json &a = annotationsOf(object);
    auto it = a.find(name);
    return it != a.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t generationOf(const Json &object) {
    return intAt(object, {"metadata", "generation"}, 0);
}

bool isTerminating(const Json &object) {
    return !at(object, {"metadata", "deletionTimestamp"}).is_null();
}

std::optional<WallTime> timeField(const Json &object, const char *field) {
    WallTime t;
    std::string text = metaString(object, field);
    if (text.empty() || !parseRfc3339(text, t))
        return std::nullopt;
    return t;
}

const Json &ownerRefsOf(const Json &object) {
    const Json &v = at(object, {"metadata", "ownerReferences"});
    return v.is_array() ? v : emptyArray();
}

const Json *controllerRefOf(const Json &object) {
    for (const auto &ref : ownerRefsOf(object))
        if (ref.is_object() && ref.value("controller", false))
            return &ref;
    return nullptr;
}

Json makeOwnerRef(const Json &owner, bool controller, bool blockOwnerDeletion) {
    return Json{{"apiVersion", owner.value("apiVersion", std::string())},
                {"kind", owner.value("kind", std::string())},
                {"name", metaString(owner, "name")},
                {"uid", metaString(owner, "uid")},
                {"controller", controller},
                {"blockOwnerDeletion", blockOwnerDeletion}};
}

std::string podPhase(const Json &pod) {
    return stringAt(pod, {"status", "phase"});
}

bool isPodActive(const Json &pod) {
    std::string phase = podPhase(pod);
    return phase != "Succeeded" && phase != "Failed" && !isTerminating(pod);
}

namespace {
const Json *readyCondition(const Json &pod) {
    const Json &conditions = at(pod, {"status", "conditions"});
    if (!conditions.is_array())
        return nullptr;
    for (const auto &c : conditions)
        if (c.is_object() && c.value("type", std::string()) == "Ready")
            return &c;
    return nullptr;
}
} // namespace

bool isPodReady(const Json &pod) {
    const Json *c = readyCondition(pod);
    return c && c->value("status", std::string()) == "True";
}

std::optional<WallTime> podReadySince(const Json &pod) {
    const Json *c = readyCondition(pod);
    WallTime t;
    if (!c || c->value("status", std::string()) != "True" ||
        !parseRfc3339(c->value("lastTransitionTime", std::string()), t))
        return std::nullopt;
    return t;
}

bool isPodAvailable(const Json &pod, int64_t minReadySeconds, WallTime now) {
    if (!isPodReady(pod))
        return false;
    if (minReadySeconds <= 0)
        return true;
    auto since = podReadySince(pod);
    return since && *since + std::chrono::seconds(minReadySeconds) <= now;
}

int resolveIntOrPercent(const Json &value, int total, bool roundUp, int fallback) {
    if (value.is_number_integer())
        return value.get<int>();
    if (!value.is_string())
        return fallback;
    std::string text = value.get<std::string>();
    if (text.empty() || text.back() != '%')
        return fallback;
    double percent = std::atof(text.substr(0, text.size() - 1).c_str());
    double scaled = percent * total / 100.0;
    return static_cast<int>(roundUp ? std::ceil(scaled) : std::floor(scaled));
}

std::string hashOf(const Json &value) {
    uint32_t hash = 2166136261u;
    for (unsigned char c : value.dump()) {
        hash ^= c;
        hash *= 16777619u;
    }
    // Kubernetes' SafeEncodeString over the decimal text: stable, and never spells words.
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string digits = std::to_string(hash), out;
    for (char d : digits)
        out += kAlphabet[static_cast<size_t>(d) % (sizeof kAlphabet - 1)];
    return out;
}

apiserver::CallContext controllerContext() {
    apiserver::CallContext ctx;
    ctx.user = auth::UserInfo{"system:kube-controller-manager", {"system:masters"}};
    return ctx;
}

const model::ResourceType &resourceType(const char *group, const char *plural) {
    for (const auto *t : model::resourceTypes())
        if (t->group == group && t->plural == plural)
            return *t;
    assert(false && "resourceType: the registry must serve every kind the controllers use");
    std::abort();
}

} // namespace cox::controllers
