#include "pod_manager.h"

#include "common/log.h"
#include "image/registry_auth.h"

#include <filesystem>

namespace cox::agent {

namespace {

std::string podPath(const model::Pod &pod) {
    return "/api/v1/namespaces/" + pod.metadata.namespace_ + "/pods/" + pod.metadata.name;
}

std::string podKey(const model::Pod &pod) {
    return pod.metadata.namespace_ + "/" + pod.metadata.name;
}

} // namespace

PodManager::PodManager(ApiClient &api, ContainerRuntime &runtime, Prober &prober,
                       const Clock &clock, std::string nodeName, std::string hostIp,
                       PodServices services)
    : m_api(api)
    , m_runtime(runtime)
    , m_prober(prober)
    , m_clock(clock)
    , m_nodeName(std::move(nodeName))
    , m_hostIp(std::move(hostIp))
    , m_services(std::move(services)) {}

Result<std::string> PodManager::envValue(const std::string &kind, const std::string &ns,
                                         const std::string &name, const std::string &key) {
    auto object = m_api.get("/api/v1/namespaces/" + ns + "/" + kind + "/" + name);
    if (!object)
        return object.status();
    const Json &data = (*object)["data"];
    if (!data.is_object() || !data.contains(key) || !data[key].is_string())
        return Status(StatusCode::NotFound, "key " + key + " not found in " + kind + " " + name);
    std::string value = data[key].get<std::string>();
    if (kind != "secrets")
        return value;
    auto decoded = image::base64Decode(value);
    if (!decoded)
        return Status(StatusCode::Invalid, "key " + key + " of secret " + name + " is not base64");
    return *decoded;
}

void PodManager::adoptLocked(Entry &entry) {
    auto it = m_orphans.find(entry.pod.metadata.uid);
    if (it == m_orphans.end())
        return;
    auto containers = m_runtime.listContainers(it->second.id);
    entry.worker->adopt(it->second, containers ? *containers : std::vector<ContainerStatus>{});
    COX_LOG(Info, "agent") << "adopted running pod " << podKey(entry.pod);
    m_orphans.erase(it);
}

void PodManager::replaceAll(const std::vector<Json> &pods) {
    std::vector<SandboxStatus> stale;
    {
        std::lock_guard lock(m_mutex);
        if (!m_adopted) {
            m_adopted = true;
            if (auto sandboxes = m_runtime.listSandboxes())
                for (const auto &sb : *sandboxes)
                    if (auto uid = sb.labels.find(kLabelPodUid); uid != sb.labels.end())
                        m_orphans[uid->second] = sb;
        }
        std::map<std::string, bool> seen;
        for (const auto &json : pods)
            seen[json.value("/metadata/uid"_json_pointer, "")] = true;
        for (auto &[uid, entry] : m_pods)
            if (!seen.count(uid))
                entry.gone = true;
        // Sandboxes whose pod is not on this node any more.
        for (auto it = m_orphans.begin(); it != m_orphans.end();) {
            if (seen.count(it->first)) {
                ++it;
                continue;
            }
            stale.push_back(it->second);
            it = m_orphans.erase(it);
        }
    }
    for (const auto &sb : stale) {
        COX_LOG(Info, "agent") << "removing sandbox " << sb.id << " of a pod that is gone";
        (void)m_runtime.stopSandbox(sb.id);
        (void)m_runtime.removeSandbox(sb.id);
    }
    for (const auto &json : pods)
        upsert(json);
}

void PodManager::upsert(const Json &json) {
    auto pod = model::Pod::fromJson(json);
    if (!pod || pod->spec.nodeName != m_nodeName)
        return;
    std::lock_guard lock(m_mutex);
    Entry &entry = m_pods[pod->metadata.uid];
    entry.pod = std::move(*pod);
    entry.json = json;
    entry.due = WallTime{};
    if (!entry.worker) {
        PodWorkerContext ctx{
            m_runtime,
            m_prober,
            m_clock,
            m_nodeName,
            m_hostIp,
            [this](const std::string &k, const std::string &ns, const std::string &n,
                   const std::string &key) { return envValue(k, ns, n, key); },
            m_services.volumes,
            podLogDir(entry.pod),
            [this, json](const std::string &image) { return pullAuth(json, image); },
            m_services.volumeRefresh};
        entry.worker = std::make_unique<PodWorker>(std::move(ctx));
        entry.seenAt = std::chrono::steady_clock::now();
        adoptLocked(entry);
    }
    m_changed.notify_all();
}

void PodManager::remove(const Json &json) {
    std::string uid = json.value("/metadata/uid"_json_pointer, "");
    std::lock_guard lock(m_mutex);
    auto it = m_pods.find(uid);
    if (it == m_pods.end())
        return;
    it->second.gone = true;
    it->second.due = WallTime{};
    m_changed.notify_all();
}

bool PodManager::syncOne(WallTime &next) {
    const WallTime now = m_clock.now();
    std::unique_lock lock(m_mutex);
    next = now + std::chrono::seconds(1);
    Entry *pick = nullptr;
    std::string uid;
    for (auto &[id, entry] : m_pods) {
        if (entry.busy)
            continue;
        if (entry.due <= now && !pick) {
            pick = &entry;
            uid = id;
        } else {
            next = std::min(next, entry.due);
        }
    }
    if (!pick)
        return false;
    pick->busy = true;
    pick->due = WallTime::max(); // upsert/remove reset it to "now" when the pod changes meanwhile
    lock.unlock();
    syncEntry(uid, *pick); // std::map nodes are stable; busy entries are never erased by others
    return true;
}

void PodManager::syncEntry(const std::string &uid, Entry &entry) {
    std::unique_lock lock(m_mutex);
    const model::Pod pod = entry.pod;
    const Json json = entry.json;
    const bool gone = entry.gone;
    lock.unlock();
    if (gone) {
        entry.worker->teardown(std::chrono::seconds(0));
        lock.lock();
        forget(uid, pod);
        return;
    }
    const auto pickedAt = std::chrono::steady_clock::now();
    SyncResult result = entry.worker->sync(pod, json);
    const auto syncedAt = std::chrono::steady_clock::now();
    if (report(entry, result.status)) {
        lock.lock(); // the log resolver reads `reported` from other threads
        entry.reported = result.status;
        lock.unlock();
        if (!entry.startLogged && result.status.value("phase", "") == "Running")
            logStart(entry, pickedAt, syncedAt);
    }
    if (result.terminated && !entry.deleteSent) {
        Json options = {{"apiVersion", "v1"},
                        {"kind", "DeleteOptions"},
                        {"gracePeriodSeconds", 0},
                        {"preconditions", {{"uid", pod.metadata.uid}}}};
        auto deleted = m_api.del(podPath(pod), options);
        entry.deleteSent = deleted || deleted.status().code() == StatusCode::NotFound;
        if (!entry.deleteSent) {
            COX_LOG(Warn, "agent")
                << "deleting pod " << podKey(pod) << ": " << deleted.status().message();
        }
    }
    lock.lock();
    entry.busy = false;
    if (entry.due != WallTime{}) // else the pod changed while syncing: run again now
        entry.due = result.nextSync;
}

bool PodManager::report(const Entry &entry, const Json &status) {
    if (status == entry.reported)
        return false;
    auto patched = m_api.patch(podPath(entry.pod) + "/status", {{"status", status}});
    if (patched)
        return true;
    if (patched.status().code() != StatusCode::NotFound) {
        COX_LOG(Warn, "agent") << "reporting status of pod " << podKey(entry.pod) << ": "
                               << patched.status().message();
    }
    return false;
}

void PodManager::logStart(Entry &entry, std::chrono::steady_clock::time_point pickedAt,
                          std::chrono::steady_clock::time_point syncedAt) {
    entry.startLogged = true;
    const auto now = std::chrono::steady_clock::now();
    auto ms = [](std::chrono::steady_clock::duration d) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    };
    const PodStartTrace &t = entry.worker->startTrace();
    COX_LOG(Info, "agent") << "pod " << podKey(entry.pod) << " running " << ms(now - entry.seenAt)
                           << " ms after the watch saw it: queued " << ms(pickedAt - entry.seenAt)
                           << ", sandbox " << ms(t.sandbox) << ", image " << ms(t.image)
                           << ", create " << ms(t.create) << ", start " << ms(t.start)
                           << ", status " << ms(now - syncedAt)
                           << " (t=" << ms(now.time_since_epoch()) << ")";
}

void PodManager::forget(const std::string &uid, const model::Pod &pod) {
    COX_LOG(Info, "agent") << "pod " << podKey(pod) << " removed";
    if (!m_services.logsDir.empty()) {
        std::error_code ec; // the logs go with the pod, as the kubelet's do
        std::filesystem::remove_all(podLogDir(pod), ec);
    }
    m_pods.erase(uid);
}

void PodManager::waitForWork(std::chrono::milliseconds atMost) {
    std::unique_lock lock(m_mutex);
    if (m_stopping)
        return;
    m_changed.wait_for(lock, atMost);
}

void PodManager::shutdown() {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    m_changed.notify_all();
}

size_t PodManager::podCount() const {
    std::lock_guard lock(m_mutex);
    return m_pods.size();
}

} // namespace cox::agent
