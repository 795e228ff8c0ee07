// VolumeManager: prepares a pod's volumes on the node and says, per container, what to
// bind-mount where. Layout: <podsDir>/<podUid>/volumes/<plugin>/<volume>, plugin names as the
// kubelet's (kubernetes.io~empty-dir, kubernetes.io~configmap, kubernetes.io~secret); hostPath
// volumes are used in place. Supported: emptyDir (medium Memory = tmpfs, root only), hostPath
// (typed checks), configMap and secret (AtomicWriter; secrets on tmpfs when root, else 0600
// files on disk). Thread-safe per pod: the agent serialises calls for one pod.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "runtime/runtime.h"
#include "volumes/object_source.h"

#include <map>
#include <string>
#include <vector>

namespace cox::agent::volumes {

// Container name (init containers included) -> its bind mounts, in volumeMounts order.
using PodMounts = std::map<std::string, std::vector<Mount>>;

class VolumeManager {
public:
    VolumeManager(std::string podsDir, ObjectSource &source);

    // Creates/mounts/writes every volume of `pod` (idempotent) and returns the mounts.
    Result<PodMounts> setup(const Json &pod);
    // Rewrites configMap and secret volumes whose source changed (atomically). Returns how many
    // volumes changed.
    Result<int> refresh(const Json &pod);
    // Unmounts and removes everything of the pod; idempotent.
    Status cleanup(const std::string &podUid);

    std::string podDir(const std::string &podUid) const;
    // Where a volume's data lives on the host (hostPath: the path itself).
    std::string volumePath(const std::string &podUid, const Json &volume) const;

private:
    Status setupVolume(const std::string &podUid, const std::string &ns, const Json &volume);
    Status setupEmptyDir(const std::string &dir, const Json &volume);
    Result<bool> writeProjected(const std::string &dir, const std::string &ns, const Json &volume,
                                bool secret);
    Result<std::vector<Mount>> containerMounts(const std::string &podUid, const Json &container,
                                               const std::map<std::string, Json> &volumes) const;

    std::string m_podsDir;
    ObjectSource &m_source;
};

} // namespace cox::agent::volumes
