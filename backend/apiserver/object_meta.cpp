#include "apiserver/object_meta.h"

#include "model/quantity.h"

#include <random>

namespace cox::apiserver {

namespace {
std::mt19937_64 &rng() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine;
}
} // namespace

std::string newUid() {
    std::uniform_int_distribution<uint64_t> dist;
    uint64_t hi = dist(rng()), lo = dist(rng());
    hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL; // version 4
    lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL; // variant 10
    char buf[37];
    snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", unsigned(hi >> 32),
             unsigned((hi >> 16) & 0xffff), unsigned(hi & 0xffff), unsigned(lo >> 48),
             static_cast<unsigned long long>(lo & 0xffffffffffffULL));
    return buf;
}

std::string generateName(const std::string &prefix) {
    // Kubernetes leaves out vowels and look-alike characters so names never spell words.
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::uniform_int_distribution<size_t> dist(0, sizeof kAlphabet - 2);
    std::string name = prefix.substr(0, 58);
    for (int i = 0; i < 5; ++i)
        name += kAlphabet[dist(rng())];
    return name;
}

std::string metaString(const Json &object, const char *field) {
    if (!object.is_object())
        return {};
    auto m = object.find("metadata");
    if (m == object.end() || !m->is_object())
        return {};
    auto f = m->find(field);
    if (f == m->end() || !f->is_string())
        return {};
    return f->get<std::string>();
}

Json &metadataOf(Json &object) {
    Json &m = object["metadata"];
    if (!m.is_object())
        m = Json::object();
    return m;
}

bool hasSpec(const model::ResourceType &type, const Json &object) {
    if (type.schema && type.schema->field("spec"))
        return true;
    return object.is_object() && object.contains("spec");
}

bool specChanged(const Json &updated, const Json &old) {
    auto strip = [](const Json &o) {
        Json copy = o;
        if (copy.is_object()) {
            copy.erase("metadata");
            copy.erase("status");
        }
        return copy;
    };
    return strip(updated) != strip(old);
}

namespace {
bool quantityEqual(const Json &a, const Json &b) {
    auto text = [](const Json &v) {
        return v.is_string() ? v.get<std::string>() : v.dump();
    };
    auto qa = model::Quantity::parse(text(a));
    auto qb = model::Quantity::parse(text(b));
    if (qa.isOk() && qb.isOk())
        return *qa == *qb;
    return text(a) == text(b);
}
} // namespace

std::string podQosClass(const Json &pod) {
    bool any = false, guaranteed = true;
    for (const char *list : {"initContainers", "containers"}) {
        const Json *containers = nullptr;
        if (pod.contains("spec") && pod["spec"].is_object() && pod["spec"].contains(list))
            containers = &pod["spec"][list];
        if (!containers || !containers->is_array())
            continue;
        for (const auto &c : *containers) {
            Json resources = c.is_object() ? c.value("resources", Json::object()) : Json::object();
            Json requests = resources.is_object() ? resources.value("requests", Json::object())
                                                  : Json::object();
            Json limits =
                resources.is_object() ? resources.value("limits", Json::object()) : Json::object();
            if (!requests.is_object() || !limits.is_object())
                continue;
            for (const char *res : {"cpu", "memory"}) {
                bool hasReq = requests.contains(res), hasLim = limits.contains(res);
                any = any || hasReq || hasLim;
                if (!hasLim || (hasReq && !quantityEqual(requests[res], limits[res])))
                    guaranteed = false;
            }
        }
    }
    if (!any)
        return "BestEffort";
    return guaranteed ? "Guaranteed" : "Burstable";
}

} // namespace cox::apiserver
