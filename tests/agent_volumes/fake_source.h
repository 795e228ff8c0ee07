// A thread-safe in-memory ObjectSource for the volume tests.
#pragma once

#include "volumes/object_source.h"

#include <map>
#include <mutex>

namespace cox::agent::volumes::testing {

class FakeSource final : public ObjectSource {
public:
    void putConfigMap(const std::string &ns, const std::string &name, Json data) {
        std::lock_guard lock(m_mutex);
        m_configMaps[ns + "/" + name] = {{"metadata", {{"name", name}}}, {"data", std::move(data)}};
    }
    void putSecret(const std::string &ns, const std::string &name, Json data) {
        std::lock_guard lock(m_mutex);
        m_secrets[ns + "/" + name] = {{"metadata", {{"name", name}}}, {"data", std::move(data)}};
    }
    void removeConfigMap(const std::string &ns, const std::string &name) {
        std::lock_guard lock(m_mutex);
        m_configMaps.erase(ns + "/" + name);
    }
    Result<Json> configMap(const std::string &ns, const std::string &name) override {
        return find(m_configMaps, ns, name, "configmaps");
    }
    Result<Json> secret(const std::string &ns, const std::string &name) override {
        return find(m_secrets, ns, name, "secrets");
    }

private:
    Result<Json> find(const std::map<std::string, Json> &objects, const std::string &ns,
                      const std::string &name, const std::string &kind) {
        std::lock_guard lock(m_mutex);
        auto it = objects.find(ns + "/" + name);
        if (it == objects.end())
            return Status(StatusCode::NotFound, kind + " \"" + name + "\" not found");
        return it->second;
    }
    std::mutex m_mutex;
    std::map<std::string, Json> m_configMaps;
    std::map<std::string, Json> m_secrets;
};

} // namespace cox::agent::volumes::testing
