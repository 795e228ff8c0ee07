// Test harness: a memory-store ResourceService on a FakeClock, shared informers and the
// controllers under test, driven single-threaded by runUntilIdle() (bounded, no sleeps), plus
// builders for the objects the tests create.
#pragma once

#include "apiserver/resource_service.h"
#include "controllers/controller.h"
#include "controllers/event_recorder.h"
#include "controllers/object_util.h"
#include "controllers/shared_informers.h"
#include "store/store.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cox::controllers::testing {

using Labels = std::map<std::string, std::string>;

class Harness {
public:
    Harness();
    ~Harness();

    // Pumps informers and runs every due key of every controller until nothing changes.
    // Returns the number of rounds; fails the test if it did not settle within `maxRounds`.
    int runUntilIdle(int maxRounds = 200);
    // Advances the fake clock, then runs until idle.
    void advance(std::chrono::milliseconds by);

    template<typename T, typename... Args>
    T &add(Args &&...args) {
        auto c = std::make_unique<T>(std::forward<Args>(args)...);
        T &ref = *c;
        m_controllers.push_back(std::move(c));
        return ref;
    }

    Json create(const char *group, const char *plural, Json object);
    Json get(const char *group, const char *plural, const std::string &ns, const std::string &name);
    bool exists(const char *group, const char *plural, const std::string &ns,
                const std::string &name);
    std::vector<Json> list(const char *group, const char *plural, const std::string &ns = "");
    Json update(const char *group, const char *plural, Json object);
    Json updateStatus(const char *group, const char *plural, Json object);
    Json patch(const char *group, const char *plural, const std::string &ns,
               const std::string &name, const Json &mergePatch);
    // Marks a pod Running with Ready=True (or False) as of now, as a kubelet would.
    Json setPodReady(const std::string &ns, const std::string &name, bool ready,
                     const std::string &ip = "10.42.0.9");
    Json bindPod(const std::string &ns, const std::string &name, const std::string &node);

    FakeClock clock;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<apiserver::ResourceService> api;
    std::unique_ptr<SharedInformers> informers;
    std::unique_ptr<EventRecorder> events;

private:
    std::vector<std::unique_ptr<Controller>> m_controllers;
};

Json makePod(const std::string &name, const Labels &labels, const std::string &ns = "default");
Json podTemplate(const Labels &labels, const std::string &image = "nginx:1.25");
Json makeReplicaSet(const std::string &name, int replicas, const Labels &labels,
                    const std::string &ns = "default");
Json makeDeployment(const std::string &name, int replicas, const Labels &labels,
                    const std::string &ns = "default");
Json labelsJson(const Labels &labels);

} // namespace cox::controllers::testing
