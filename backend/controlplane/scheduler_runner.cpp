#include "controlplane/scheduler_runner.h"

#include "common/log.h"
#include "scheduler/profile.h"

namespace cox::controlplane {
namespace {

const auth::UserInfo kSchedulerUser{"system:kube-scheduler", {"system:masters"}};

std::string podKey(const model::Json &pod) {
    const auto &meta = pod.value("metadata", model::Json::object());
    return meta.value("namespace", "") + "/" + meta.value("name", "");
}

bool needsScheduling(const model::Json &pod) {
    const auto &spec = pod.value("spec", model::Json::object());
    const auto &meta = pod.value("metadata", model::Json::object());
    const std::string phase = pod.value("status", model::Json::object()).value("phase", "");
    return spec.value("nodeName", "").empty() &&
           spec.value("schedulerName", "default-scheduler") == "default-scheduler" &&
           !meta.contains("deletionTimestamp") && phase != "Succeeded" && phase != "Failed";
}

} // namespace

class SchedulerRunner::ApiBinder final : public scheduler::Binder {
public:
    explicit ApiBinder(apiserver::ResourceService &api)
        : m_api(api) {}
    Status bind(const scheduler::PodInfo &pod, const std::string &nodeName) override {
        const model::Json binding = {
            {"apiVersion", "v1"},
            {"kind", "Binding"},
            {"metadata", {{"name", pod.name}, {"namespace", pod.ns}, {"uid", pod.uid}}},
            {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", nodeName}}}};
        apiserver::CallContext ctx{kSchedulerUser};
        return m_api.bind(pod.ns, pod.name, binding, ctx, {}).status();
    }

private:
    apiserver::ResourceService &m_api;
};

class SchedulerRunner::ApiEvents final : public scheduler::EventRecorder {
public:
    explicit ApiEvents(controllers::EventRecorder &events)
        : m_events(events) {}
    void event(const scheduler::PodInfo &pod, std::string_view type, std::string_view reason,
               std::string_view message) override {
        const model::Json object = {
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", pod.name}, {"namespace", pod.ns}, {"uid", pod.uid}}}};
        m_events.record(object, std::string(type), std::string(reason), std::string(message));
    }

private:
    controllers::EventRecorder &m_events;
};

SchedulerRunner::SchedulerRunner(apiserver::ResourceService &api,
                                 controllers::SharedInformers &informers,
                                 controllers::EventRecorder &events, const Clock &clock)
    : m_cache(clock)
    , m_queue(clock)
    , m_binder(std::make_unique<ApiBinder>(api))
    , m_events(std::make_unique<ApiEvents>(events))
    , m_scheduler(std::make_unique<scheduler::Scheduler>(
          m_cache, m_queue, scheduler::Profile::defaultProfile(), *m_binder, *m_events)) {
    informers.pods().addEventHandler(
        {[this](const model::Json &pod) { onPod(pod); },
         [this](const model::Json &, const model::Json &pod) { onPod(pod); },
         [this](const model::Json &pod) {
             onPodDeleted(pod);
         }});
    informers.forResource("", "nodes")
        .addEventHandler({[this](const model::Json &node) { onNode(node); },
                          [this](const model::Json &, const model::Json &node) { onNode(node); },
                          [this](const model::Json &node) {
                              onNodeDeleted(node);
                          }});
}

SchedulerRunner::~SchedulerRunner() {
    stop();
}

void SchedulerRunner::start() {
    m_scheduler->start();
}

void SchedulerRunner::stop() {
    m_queue.close();
    m_scheduler->stop();
}

Result<scheduler::Explanation> SchedulerRunner::explain(const model::Json &pod) {
    model::Json unplaced = pod;
    std::string node;
    if (unplaced.contains("spec") && unplaced["spec"].is_object()) {
        node = unplaced["spec"].value("nodeName", "");
        unplaced["spec"].erase("nodeName");
    }
    auto info = scheduler::PodInfo::fromJson(unplaced);
    if (!info)
        return info.status();
    scheduler::Snapshot snapshot = m_cache.snapshot();
    if (!node.empty())
        snapshot = snapshot.withoutPod(node, (*info)->ns, (*info)->name);
    return scheduler::explain(**info, snapshot, scheduler::Profile::defaultProfile());
}

void SchedulerRunner::onPod(const model::Json &pod) {
    if (needsScheduling(pod)) {
        auto info = scheduler::PodInfo::fromJson(pod);
        if (!info) {
            COX_LOG(Warn, "scheduler")
                << "cannot schedule " << podKey(pod) << ": " << info.status().message();
            return;
        }
        m_queue.update(*info);
        return;
    }
    // Bound (or finished) pods count against their node; a pod the API confirmed is no longer
    // an assumption.
    m_queue.remove(podKey(pod));
    if (Status s = m_cache.upsertPod(pod); !s) {
        COX_LOG(Warn, "scheduler") << "pod " << podKey(pod) << ": " << s.message();
    }
    m_cache.finishBinding(podKey(pod));
}

void SchedulerRunner::onPodDeleted(const model::Json &pod) {
    const auto &meta = pod.value("metadata", model::Json::object());
    m_queue.remove(podKey(pod));
    m_cache.removePod(meta.value("namespace", ""), meta.value("name", ""));
    m_queue.moveAllToActiveOrBackoff(); // freed capacity may fit a waiting pod
}

void SchedulerRunner::onNode(const model::Json &node) {
    if (Status s = m_cache.upsertNode(node); !s) {
        COX_LOG(Warn, "scheduler") << "node: " << s.message();
        return;
    }
    m_queue.moveAllToActiveOrBackoff();
}

void SchedulerRunner::onNodeDeleted(const model::Json &node) {
    m_cache.removeNode(node.value("metadata", model::Json::object()).value("name", ""));
}

} // namespace cox::controlplane
