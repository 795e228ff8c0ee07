// PodWorker: the pod's volumes (set up before any container; configMap/secret files kept current).
#include "pod_worker.h"

namespace cox::agent {

Status PodWorker::ensureVolumes(const model::Pod &pod, const Json &podJson) {
    if (!m_ctx.volumes)
        return Status::ok();
    // Only the first setup and each refresh need the pod as JSON; most syncs need neither.
    auto json = [&] {
        return podJson.is_object() ? podJson : pod.toJson();
    };
    const WallTime now = m_ctx.clock.now();
    if (!m_mounts) {
        auto mounts = m_ctx.volumes->setup(json());
        if (!mounts)
            return Status(mounts.status().code(),
                          "MountVolume.SetUp failed: " + mounts.status().message());
        m_mounts = std::move(*mounts);
        m_volumesRefreshed = now;
        return Status::ok();
    }
    if (now - m_volumesRefreshed < m_ctx.volumeRefresh)
        return Status::ok();
    m_volumesRefreshed = now;
    // A failed refresh keeps the files the containers already see (as the kubelet does).
    (void)m_ctx.volumes->refresh(json());
    return Status::ok();
}

} // namespace cox::agent
