// PodManager: the pods of one node. Keeps one PodWorker per pod (by uid), feeds it the latest
// pod object from the watch, runs its syncs when they are due (several pods in parallel, one
// sync of a pod at a time), reports status changes to the API and, once a terminating pod is
// torn down, deletes it with gracePeriodSeconds=0 as the kubelet does. On start it adopts what
// the runtime already runs (sandboxes carry the pod uid) and removes sandboxes of pods that are
// gone.
#pragma once

#include "api_client.h"
#include "logs/log_server.h"
#include "pod_worker.h"

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>

namespace cox::agent {

// What the node offers pods beyond the runtime. All optional: hollow nodes use none.
struct PodServices {
    volumes::VolumeManager *volumes = nullptr;
    std::string logsDir; // pod log directories "<logsDir>/<ns>_<name>_<uid>"; empty: none
    std::chrono::seconds volumeRefresh{kVolumeRefreshPeriod};
};

class PodManager {
public:
    PodManager(ApiClient &api, ContainerRuntime &runtime, Prober &prober, const Clock &clock,
               std::string nodeName, std::string hostIp, PodServices services = {});

    // The full set of this node's pods (after a list). Pods not in it are torn down; on the
    // first call, runtime sandboxes are adopted by their pods or removed.
    void replaceAll(const std::vector<Json> &pods);
    void upsert(const Json &pod);
    void remove(const Json &pod);

    // Runs one due sync, if any; returns false when none was due. `next` gets the earliest
    // time something will be due.
    bool syncOne(WallTime &next);
    // Wakes threads blocked in waitForWork (a pod changed).
    void waitForWork(std::chrono::milliseconds atMost);
    void shutdown();

    size_t podCount() const;

    // The log file of a container instance, for the agent's LogServer (any thread). The current
    // instance is the one the last reported status counts; `previous` the one before it.
    Result<logs::LogSource> logSource(const logs::LogTarget &target);
    std::string podLogDir(const model::Pod &pod) const;

private:
    struct Entry {
        model::Pod pod;
        Json json; // the pod as the API sent it
        std::unique_ptr<PodWorker> worker;
        WallTime due{};
        bool busy = false;
        bool gone = false; // deleted from the API: tear down and forget
        Json reported;     // last status written
        bool deleteSent = false;
        // When the watch first delivered the pod, for the start log line (steady clock).
        std::chrono::steady_clock::time_point seenAt{};
        bool startLogged = false;
    };

    void adoptLocked(Entry &entry);
    void syncEntry(const std::string &uid, Entry &entry);
    // Writes `status` if it changed; returns whether the API has it now.
    bool report(const Entry &entry, const Json &status);
    // One Info line when a pod first runs: where its start went (queue, sandbox, image, create,
    // start, status write). `pickedAt`: when its first sync began.
    void logStart(Entry &entry, std::chrono::steady_clock::time_point pickedAt,
                  std::chrono::steady_clock::time_point syncedAt);
    void forget(const std::string &uid, const model::Pod &pod); // with m_mutex held
    std::optional<ImageAuth> pullAuth(const Json &pod, const std::string &image);
    Result<std::string> envValue(const std::string &kind, const std::string &ns,
                                 const std::string &name, const std::string &key);

    ApiClient &m_api;
    ContainerRuntime &m_runtime;
    Prober &m_prober;
    const Clock &m_clock;
    std::string m_nodeName;
    std::string m_hostIp;
    PodServices m_services;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::string, Entry> m_pods; // by uid
    bool m_adopted = false;
    std::map<std::string, SandboxStatus> m_orphans; // by pod uid, until their pod shows up
    bool m_stopping = false;
};

} // namespace cox::agent
