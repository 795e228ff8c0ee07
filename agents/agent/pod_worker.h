// PodWorker: the state machine that makes one pod real on a node, driven by sync() calls (the
// pod manager calls it when the pod changes and when the returned wake-up time comes).
//   sandbox -> init containers in order, each to a successful exit -> containers
// with restartPolicy (Always/OnFailure/Never) and CrashLoopBackOff (10 s doubling to 5 min, reset
// after a container ran 10 min), probes (startup gates liveness and readiness; thresholds and
// periods as in Kubernetes), and graceful termination when the pod has a deletionTimestamp.
// All time comes from the Clock, so tests drive it with FakeClock. Not thread-safe: one caller
// at a time (the manager serialises syncs of one pod).
#pragma once

#include "common/clock.h"
#include "model/json.h"
#include "model/types/pod.h"
#include "prober.h"
#include "runtime/runtime.h"
#include "volumes/volume_manager.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace cox::agent {

using model::Json;

inline constexpr std::chrono::seconds kBackoffInitial{10};
inline constexpr std::chrono::seconds kBackoffMax{300};
inline constexpr std::chrono::seconds kBackoffReset{600};

// Resolves configMapKeyRef/secretKeyRef: (kind "configmaps"/"secrets", namespace, name, key).
using EnvSource =
    std::function<Result<std::string>(const std::string &kind, const std::string &ns,
                                      const std::string &name, const std::string &key)>;

// The credentials for pulling `image` from the pod's imagePullSecrets (nullopt: anonymous).
using PullAuthSource = std::function<std::optional<ImageAuth>(const std::string &image)>;

inline constexpr std::chrono::seconds kVolumeRefreshPeriod{60};

struct PodWorkerContext {
    ContainerRuntime &runtime;
    Prober &prober;
    const Clock &clock;
    std::string nodeName;
    std::string hostIp;
    EnvSource envSource; // may be empty: such references then fail with a clear reason
    // Null: the pod's volumes are not mounted (hollow nodes, unit tests).
    volumes::VolumeManager *volumes = nullptr;
    // The pod's log directory (logs::logPathFor names the files); empty: the runtime's default.
    std::string podLogDir;
    PullAuthSource pullAuth; // may be empty: anonymous pulls
    std::chrono::seconds volumeRefresh{kVolumeRefreshPeriod};
};

// Where the first start of a pod spent its time (steady clock), for the one log line the pod
// manager writes when the pod first runs: a slow start says which step to look at.
struct PodStartTrace {
    using Duration = std::chrono::steady_clock::duration;
    Duration sandbox{}, image{}, create{}, start{};
};

struct SyncResult {
    Json status;             // the pod status to report
    WallTime nextSync;       // when to call again at the latest
    bool terminated = false; // deletion finished: everything in the runtime is gone
};

class PodWorker {
public:
    explicit PodWorker(PodWorkerContext ctx);

    // Attaches what the runtime already runs for this pod (agent restart): no new sandbox.
    void adopt(const SandboxStatus &sandbox, const std::vector<ContainerStatus> &containers);
    // `podJson` is the pod as the API sent it (volumes read it); empty: built from `pod`.
    SyncResult sync(const model::Pod &pod, const Json &podJson = {});
    // Stops and removes everything (the pod is gone from the API). Idempotent.
    void teardown(std::chrono::seconds grace);

    const std::string &sandboxId() const { return m_sandboxId; }
    const PodStartTrace &startTrace() const { return m_trace; }

private:
    struct ContainerRecord {
        std::string id;
        int restartCount = 0;
        WallTime backoffUntil{};
        std::chrono::seconds backoff{0};
        std::optional<ContainerStatus> last; // latest runtime status of `id`
        std::optional<ContainerStatus> lastTerminated;
        std::string waitingReason; // ContainerCreating, CrashLoopBackOff, CreateContainerError
        std::string waitingMessage;
        // Probes.
        bool started = false; // startup probe passed (or none)
        bool ready = false;
        int okRun = 0, failRun = 0, startupFails = 0, livenessFails = 0;
        WallTime nextStartup{}, nextLiveness{}, nextReadiness{};
    };

    Status ensureSandbox(const model::Pod &pod);
    // Mounts and writes the pod's volumes once, then refreshes configMap and secret files every
    // kVolumeRefreshPeriod. Errors keep the containers waiting (ContainerCreating).
    Status ensureVolumes(const model::Pod &pod, const Json &podJson);
    enum class Progress { Waiting, Running, Succeeded, Failed };
    // Runs (or keeps running, or restarts) one container and says where it stands.
    Progress syncContainer(const model::Pod &pod, const model::Container &c, bool init,
                           WallTime &wake);
    bool shouldRestart(const model::Pod &pod, const ContainerStatus &exited, bool init) const;
    Status startContainer(const model::Pod &pod, const model::Container &c, ContainerRecord &r);
    void runProbes(const model::Container &c, ContainerRecord &r, WallTime &wake);
    std::vector<std::pair<std::string, std::string>>
    environment(const model::Pod &pod, const model::Container &c, Status &error) const;
    SyncResult terminate(const model::Pod &pod);
    Json buildStatus(const model::Pod &pod);
    Json containerStatusJson(const model::Container &c, const ContainerRecord &r) const;
    Json condition(const std::string &type, bool value);
    SandboxConfig sandboxConfig(const model::Pod &pod) const;

    PodWorkerContext m_ctx;
    std::string m_sandboxId;
    std::string m_podIp;
    std::string m_sandboxError;
    std::string m_volumeError;
    std::string m_podUid;
    std::optional<volumes::PodMounts> m_mounts; // set once the volumes are in place
    WallTime m_volumesRefreshed{};
    WallTime m_startTime{};
    std::map<std::string, ContainerRecord> m_containers; // by container name
    std::string m_podFailed; // reason when the pod failed for good (restartPolicy Never)
    std::string m_phase = "Pending";
    bool m_initialized = false;
    std::map<std::string, std::pair<bool, WallTime>> m_conditions; // type -> (value, since)
    PodStartTrace m_trace;
};

} // namespace cox::agent
