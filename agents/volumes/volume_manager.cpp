// VolumeManager: per-volume setup, mount lists and cleanup.
#include "volumes/volume_manager.h"

#include "common/log.h"
#include "model/quantity.h"
#include "volumes/atomic_writer.h"
#include "volumes/host_path.h"
#include "volumes/projected_files.h"
#include "volumes/tmpfs_mount.h"

#include <filesystem>
#include <sys/stat.h>

namespace cox::agent::volumes {

namespace fs = std::filesystem;

namespace {
const char *pluginDir(const Json &volume) {
    if (volume.contains("emptyDir"))
        return "kubernetes.io~empty-dir";
    if (volume.contains("configMap"))
        return "kubernetes.io~configmap";
    if (volume.contains("secret"))
        return "kubernetes.io~secret";
    return nullptr;
}

Status makeDir(const std::string &dir, mode_t mode) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return Status(StatusCode::Internal, "cannot create " + dir + ": " + ec.message());
    ::chmod(dir.c_str(), mode);
    return Status::ok();
}

Status checkSubPath(const std::string &subPath, const std::string &volume) {
    if (subPath.empty())
        return Status::ok();
    if (subPath.front() == '/')
        return Status(StatusCode::Invalid, "volumeMount \"" + volume + "\": subPath \"" + subPath +
                                               "\" must be a relative path");
    for (const auto &part : fs::path(subPath))
        if (part == "..")
            return Status(StatusCode::Invalid, "volumeMount \"" + volume + "\": subPath \"" +
                                                   subPath + "\" must not contain \"..\"");
    return Status::ok();
}

std::vector<const Json *> allContainers(const Json &pod) {
    std::vector<const Json *> out;
    for (const char *field : {"initContainers", "containers"})
        if (pod["spec"].contains(field))
            for (const Json &c : pod["spec"][field])
                out.push_back(&c);
    return out;
}
} // namespace

VolumeManager::VolumeManager(std::string podsDir, ObjectSource &source)
    : m_podsDir(std::move(podsDir))
    , m_source(source) {}

std::string VolumeManager::podDir(const std::string &podUid) const {
    return m_podsDir + "/" + podUid;
}

std::string VolumeManager::volumePath(const std::string &podUid, const Json &volume) const {
    if (volume.contains("hostPath"))
        return volume["hostPath"].value("path", "");
    const char *plugin = pluginDir(volume);
    return podDir(podUid) + "/volumes/" + (plugin ? plugin : "unknown") + "/" +
           volume.value("name", "");
}

Result<PodMounts> VolumeManager::setup(const Json &pod) {
    std::string uid = pod["metadata"].value("uid", "");
    std::string ns = pod["metadata"].value("namespace", "default");
    if (uid.empty() || uid.find('/') != std::string::npos || uid.front() == '.')
        return Status(StatusCode::Invalid, "pod has no usable metadata.uid");
    std::map<std::string, Json> volumes;
    for (const Json &volume : pod["spec"].value("volumes", Json::array())) {
        if (Status s = setupVolume(uid, ns, volume); !s.isOk())
            return s;
        volumes[volume.value("name", "")] = volume;
    }
    PodMounts mounts;
    for (const Json *container : allContainers(pod)) {
        auto list = containerMounts(uid, *container, volumes);
        if (!list)
            return list.status();
        mounts[container->value("name", "")] = std::move(*list);
    }
    return mounts;
}

Status VolumeManager::setupVolume(const std::string &podUid, const std::string &ns,
                                  const Json &volume) {
    std::string name = volume.value("name", "");
    if (name.empty() || name.find('/') != std::string::npos || name.front() == '.')
        return Status(StatusCode::Invalid, "volume name \"" + name + "\" is not usable");
    if (volume.contains("hostPath"))
        return prepareHostPath(name, volume["hostPath"].value("path", ""),
                               volume["hostPath"].value("type", ""));
    if (!pluginDir(volume))
        return Status(StatusCode::Invalid, "volume \"" + name +
                                               "\": unsupported volume type; this node supports "
                                               "emptyDir, hostPath, configMap and secret");
    std::string dir = volumePath(podUid, volume);
    if (volume.contains("emptyDir"))
        return setupEmptyDir(dir, volume);
    auto written = writeProjected(dir, ns, volume, volume.contains("secret"));
    return written ? Status::ok() : written.status();
}

Status VolumeManager::setupEmptyDir(const std::string &dir, const Json &volume) {
    // 0777 like kubelet: containers run as any user and must be able to write.
    if (Status s = makeDir(dir, 0777); !s.isOk())
        return s;
    const Json &spec = volume["emptyDir"];
    if (!spec.is_object() || spec.value("medium", "") != "Memory")
        return Status::ok();
    if (!runningAsRoot())
        return Status(StatusCode::Unavailable,
                      "emptyDir volume \"" + volume.value("name", "") +
                          "\" has medium Memory, which needs a tmpfs mount and so an agent "
                          "running as root; run the agent as root or remove medium: Memory");
    int64_t size = 0;
    if (spec.contains("sizeLimit")) {
        auto q = model::Quantity::parse(spec["sizeLimit"].is_string()
                                            ? spec["sizeLimit"].get<std::string>()
                                            : spec["sizeLimit"].dump());
        if (!q)
            return Status(StatusCode::Invalid,
                          "emptyDir volume \"" + volume.value("name", "") +
                              "\": invalid sizeLimit: " + q.status().message());
        size = q->value();
    }
    return mountTmpfs(dir, size, 0777);
}

Result<bool> VolumeManager::writeProjected(const std::string &dir, const std::string &ns,
                                           const Json &volume, bool secret) {
    bool tmpfs = secret && runningAsRoot();
    if (Status s = makeDir(dir, tmpfs ? 0755 : 0750); !s.isOk())
        return s;
    if (tmpfs) {
        if (Status s = mountTmpfs(dir, 0, 0755); !s.isOk())
            return s;
    } else if (secret) {
        COX_LOG(Warn, "volumes") << "secret volume \"" << volume.value("name", "")
                                 << "\": agent is not root, writing 0600 files to disk";
    }
    auto payload =
        projectedFiles(m_source, ns, volume, secret ? SourceKind::Secret : SourceKind::ConfigMap,
                       secret && !tmpfs ? 0600 : 07777);
    if (!payload)
        return payload.status();
    return AtomicWriter(dir).write(*payload);
}

Result<int> VolumeManager::refresh(const Json &pod) {
    std::string uid = pod["metadata"].value("uid", "");
    std::string ns = pod["metadata"].value("namespace", "default");
    int changed = 0;
    Status firstError;
    // A failing source (deleted, API unreachable) keeps its last files, as kubelet does, and
    // does not hold back the other volumes.
    for (const Json &volume : pod["spec"].value("volumes", Json::array())) {
        bool secret = volume.contains("secret");
        if (!secret && !volume.contains("configMap"))
            continue;
        auto written = writeProjected(volumePath(uid, volume), ns, volume, secret);
        if (!written && firstError.isOk())
            firstError = written.status();
        changed += written && *written ? 1 : 0;
    }
    if (!firstError.isOk())
        return firstError;
    return changed;
}

Result<std::vector<Mount>>
VolumeManager::containerMounts(const std::string &podUid, const Json &container,
                               const std::map<std::string, Json> &volumes) const {
    std::vector<Mount> mounts;
    for (const Json &vm : container.value("volumeMounts", Json::array())) {
        std::string name = vm.value("name", "");
        auto it = volumes.find(name);
        if (it == volumes.end())
            return Status(StatusCode::Invalid, "container \"" + container.value("name", "") +
                                                   "\" mounts volume \"" + name +
                                                   "\", which the pod does not define");
        std::string subPath = vm.value("subPath", "");
        if (Status s = checkSubPath(subPath, name); !s.isOk())
            return s;
        std::string host = volumePath(podUid, it->second);
        if (!subPath.empty()) {
            host += "/" + subPath;
            // kubelet creates a missing subPath directory in writable volumes.
            if (it->second.contains("emptyDir") && !fs::exists(host))
                if (Status s = makeDir(host, 0777); !s.isOk())
                    return s;
        }
        // configMap and secret volumes are always read-only (kubelet since 1.10).
        bool projected = it->second.contains("configMap") || it->second.contains("secret");
        mounts.push_back(
            {vm.value("mountPath", ""), host, vm.value("readOnly", false) || projected});
    }
    return mounts;
}

Status VolumeManager::cleanup(const std::string &podUid) {
    if (podUid.empty() || podUid.find('/') != std::string::npos || podUid.front() == '.')
        return Status(StatusCode::Invalid, "invalid pod uid \"" + podUid + "\"");
    std::string dir = podDir(podUid);
    if (!fs::exists(dir))
        return Status::ok();
    if (Status s = unmountAllUnder(dir); !s.isOk())
        return s;
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (ec)
        return Status(StatusCode::Internal, "cannot remove " + dir + ": " + ec.message());
    return Status::ok();
}

} // namespace cox::agent::volumes
