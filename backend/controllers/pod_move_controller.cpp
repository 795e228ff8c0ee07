// PodMoveController; see pod_move_controller.h.
#include "controllers/pod_move_controller.h"

#include "common/log.h"
#include "controllers/object_util.h"
#include "controllers/pod_move.h"

namespace cox::controllers {

namespace {
const model::ResourceType &podsType() {
    return resourceType("", "pods");
}
const model::ResourceType &movesType() {
    return resourceType("coxswain.io", "podmoves");
}

std::string specField(const Json &move, const char *field) {
    return stringAt(move, {"spec", field});
}
std::string statusField(const Json &move, const char *field) {
    return stringAt(move, {"status", field});
}

bool ownedByReplicaSet(const Json &pod) {
    const Json *ref = controllerRefOf(pod);
    return ref && ref->value("kind", std::string()) == "ReplicaSet";
}

// Why a pod is not running, from its container states, for failure messages.
std::string podTrouble(const Json &pod) {
    for (const auto &cs : at(pod, {"status", "containerStatuses"})) {
        const Json &waiting = at(cs, {"state", "waiting"});
        if (waiting.is_object() && waiting.contains("reason"))
            return waiting.value("reason", std::string()) + " " +
                   waiting.value("message", std::string());
        const Json &terminated = at(cs, {"state", "terminated"});
        if (terminated.is_object())
            return "container " + cs.value("name", std::string()) +
                   " terminated: " + terminated.value("reason", std::string());
    }
    std::string phase = podPhase(pod);
    return phase.empty() ? "not started by its node" : "phase " + phase;
}
} // namespace

PodMoveController::PodMoveController(apiserver::ResourceService &api, SharedInformers &informers,
                                     EventRecorder &events, PodMoveOptions options)
    : Controller("pod-move-controller", api.clock())
    , m_api(api)
    , m_events(events)
    , m_options(options)
    , m_moves(informers.forResource("coxswain.io", "podmoves"))
    , m_pods(informers.pods()) {
    auto enqueue = [this](const Json &o) {
        queue().add(objectKey(o));
    };
    m_moves.addEventHandler({enqueue, [enqueue](const Json &, const Json &n) { enqueue(n); }, {}});
    auto onPod = [this](const Json &p) {
        enqueueMoveOf(p);
    };
    m_pods.addEventHandler({onPod, [onPod](const Json &, const Json &n) { onPod(n); }, onPod});
}

PodMoveController::~PodMoveController() {
    stop();
}

void PodMoveController::enqueueMoveOf(const Json &pod) {
    std::string move = annotation(pod, kAnnotationPodMove);
    if (!move.empty())
        queue().add(metaString(pod, "namespace") + "/" + move);
}

Status PodMoveController::reconcile(const std::string &key) {
    if (!m_moves.get(key))
        return Status::ok();
    // Read the move itself from the API: the informer may not show our last status write yet,
    // and acting on a stale phase would start the move twice.
    auto [ns, name] = splitKey(key);
    auto fresh = m_api.get(movesType(), ns, name, controllerContext());
    if (!fresh)
        return fresh.status().code() == StatusCode::NotFound ? Status::ok() : fresh.status();
    const Json &move = *fresh;
    if (isTerminating(move))
        return Status::ok();
    std::string phase = statusField(move, "phase");
    if (phase == "Succeeded" || phase == "Failed")
        return Status::ok();
    if (phase.empty() || phase == "Pending") {
        ObjectPtr pod =
            m_pods.get(metaString(move, "namespace") + "/" + specField(move, "podName"));
        if (!pod) // the informer may lag a pod created just before the move
            if (auto got = m_api.get(podsType(), metaString(move, "namespace"),
                                     specField(move, "podName"), controllerContext()))
                pod = std::make_shared<const Json>(std::move(*got));
        return start(move, pod.get());
    }
    if (statusField(move, "replacementPod") == specField(move, "podName"))
        return progressRecreate(move, key);
    return progressReplacement(move, key);
}

Status PodMoveController::start(const Json &move, const Json *pod) {
    if (!pod || !isPodActive(*pod))
        return finish(move, false, "pod " + specField(move, "podName") + " is gone or finished");
    if (stringAt(*pod, {"spec", "nodeName"}).empty())
        return bindPending(move, *pod);
    if (ownedByReplicaSet(*pod))
        return startReplacement(move, *pod);
    return startRecreate(move, *pod);
}

Status PodMoveController::bindPending(const Json &move, const Json &pod) {
    std::string node = specField(move, "targetNode");
    Json binding = {
        {"apiVersion", "v1"},
        {"kind", "Binding"},
        {"metadata", {{"name", metaString(pod, "name")}, {"uid", metaString(pod, "uid")}}},
        {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", node}}}};
    auto bound = m_api.bind(metaString(pod, "namespace"), metaString(pod, "name"), binding,
                            controllerContext(), {});
    if (!bound)
        return finish(move, false, "binding to " + node + " failed: " + bound.status().message());
    m_events.record(pod, "Normal", "Scheduled",
                    "Moved by " + metaString(move, "name") + ": assigned to " + node);
    return finish(move, true, "pending pod bound to " + node);
}

Json PodMoveController::podCopyOn(const Json &pod, const std::string &node,
                                  const Json &move) const {
    Json meta = {{"namespace", metaString(pod, "namespace")}};
    for (const char *field : {"labels", "annotations", "ownerReferences"})
        if (at(pod, {"metadata", field}).is_object() || at(pod, {"metadata", field}).is_array())
            meta[field] = pod["metadata"][field];
    if (!meta["annotations"].is_object())
        meta["annotations"] = Json::object();
    meta["annotations"][kAnnotationPodMove] = metaString(move, "name");
    Json spec = at(pod, {"spec"});
    spec["nodeName"] = node;
    return {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", spec}};
}

Status PodMoveController::startReplacement(const Json &move, const Json &pod) {
    std::string node = specField(move, "targetNode");
    Json replacement = podCopyOn(pod, node, move);
    std::string generate = metaString(pod, "generateName");
    replacement["metadata"]["generateName"] =
        generate.empty() ? metaString(pod, "name") + "-" : generate;
    replacement["metadata"]["annotations"][kAnnotationReplaces] = metaString(pod, "name");
    auto created =
        m_api.create(podsType(), metaString(pod, "namespace"), replacement, controllerContext());
    if (!created)
        return finish(move, false,
                      "creating the replacement failed: " + created.status().message());
    std::string name = metaString(*created, "name");
    m_events.record(move, "Normal", "ReplacementCreated",
                    "Created " + name + " on " + node + " to replace " + metaString(pod, "name"));
    return setStatus(move, {{"phase", "Running"},
                            {"replacementPod", name},
                            {"sourceNode", stringAt(pod, {"spec", "nodeName"})},
                            {"message", "waiting for " + name + " to become Ready on " + node}});
}

Status PodMoveController::startRecreate(const Json &move, const Json &pod) {
    std::string name = metaString(pod, "name");
    // Recorded before the delete: the copy is what the pod is recreated from, and its uid tells
    // the original from the recreated pod of the same name.
    Status recorded =
        setStatus(move, {{"phase", "Running"},
                         {"replacementPod", name},
                         {"sourceNode", stringAt(pod, {"spec", "nodeName"})},
                         {"sourceUid", metaString(pod, "uid")},
                         {"originalPod", podCopyOn(pod, specField(move, "targetNode"), move)},
                         {"message", "waiting for " + name + " to terminate"}});
    if (!recorded)
        return recorded;
    auto removed =
        m_api.remove(podsType(), metaString(pod, "namespace"), name, {}, controllerContext());
    if (!removed && removed.status().code() != StatusCode::NotFound)
        return removed.status();
    m_events.record(move, "Normal", "OriginalDeleting",
                    "Deleting " + name + "; it is recreated on " + specField(move, "targetNode") +
                        " once gone");
    return Status::ok();
}

Status PodMoveController::progressReplacement(const Json &move, const std::string &key) {
    std::string ns = metaString(move, "namespace");
    ObjectPtr replacement = m_pods.get(ns + "/" + statusField(move, "replacementPod"));
    if (!replacement) {
        // Just created, and the informer may not have it yet: only the API can say it is gone.
        auto got =
            m_api.get(podsType(), ns, statusField(move, "replacementPod"), controllerContext());
        if (!got && got.status().code() != StatusCode::NotFound)
            return got.status();
        if (!got)
            return finish(move, false,
                          "replacement " + statusField(move, "replacementPod") + " disappeared");
        replacement = std::make_shared<const Json>(std::move(*got));
    }
    if (podPhase(*replacement) == "Failed")
        return rollback(move, *replacement, "replacement failed: " + podTrouble(*replacement));
    if (!isPodReady(*replacement)) {
        if (timedOut(move))
            return rollback(move, *replacement,
                            "replacement not Ready after " +
                                std::to_string(m_options.readyTimeout.count()) +
                                "s: " + podTrouble(*replacement));
        queue().addAfter(key, m_options.recheck);
        return Status::ok();
    }
    std::string original = specField(move, "podName");
    auto removed = m_api.remove(podsType(), ns, original, {}, controllerContext());
    if (!removed && removed.status().code() != StatusCode::NotFound)
        return removed.status();
    m_events.record(move, "Normal", "OriginalDeleted",
                    metaString(*replacement, "name") + " is Ready; deleted " + original);
    return finish(move, true,
                  "moved to " + specField(move, "targetNode") + " as " +
                      metaString(*replacement, "name"));
}

Status PodMoveController::progressRecreate(const Json &move, const std::string &key) {
    std::string ns = metaString(move, "namespace");
    std::string name = specField(move, "podName");
    ObjectPtr pod = m_pods.get(ns + "/" + name);
    bool original = pod && metaString(*pod, "uid") == statusField(move, "sourceUid");
    if (!pod)
        return recreate(move, key);
    if (original) {
        if (timedOut(move))
            return finish(move, false, "pod " + name + " did not terminate in time");
        queue().addAfter(key, m_options.recheck);
        return Status::ok();
    }
    if (isPodReady(*pod))
        return finish(move, true, "recreated on " + specField(move, "targetNode"));
    if (podPhase(*pod) == "Failed" || timedOut(move))
        return finish(move, false, "recreated pod not Ready: " + podTrouble(*pod));
    queue().addAfter(key, m_options.recheck);
    return Status::ok();
}

Status PodMoveController::recreate(const Json &move, const std::string &key) {
    Json copy = at(move, {"status", "originalPod"});
    if (!copy.is_object())
        return finish(move, false, "the original pod is gone and its copy was not recorded");
    copy["metadata"]["name"] = specField(move, "podName");
    auto created =
        m_api.create(podsType(), metaString(move, "namespace"), copy, controllerContext());
    if (!created && created.status().code() != StatusCode::AlreadyExists)
        return finish(move, false, "recreating the pod failed: " + created.status().message());
    if (created)
        m_events.record(move, "Normal", "PodRecreated",
                        "Recreated " + specField(move, "podName") + " on " +
                            specField(move, "targetNode"));
    queue().addAfter(key, m_options.recheck);
    return setStatus(move,
                     {{"message", "waiting for " + specField(move, "podName") +
                                      " to become Ready on " + specField(move, "targetNode")}});
}

Status PodMoveController::rollback(const Json &move, const Json &replacement,
                                   const std::string &why) {
    auto removed = m_api.remove(podsType(), metaString(replacement, "namespace"),
                                metaString(replacement, "name"), {}, controllerContext());
    if (!removed && removed.status().code() != StatusCode::NotFound)
        return removed.status();
    return finish(move, false,
                  why + "; rolled back (" + metaString(replacement, "name") + " deleted, " +
                      specField(move, "podName") + " kept)");
}

bool PodMoveController::timedOut(const Json &move) {
    auto started = timeField(move, "creationTimestamp");
    return started && clock().now() - *started > m_options.readyTimeout;
}

Status PodMoveController::setStatus(const Json &move, const Json &fields) {
    Json patch = {{"status", fields}};
    auto result =
        m_api.patch(movesType(), metaString(move, "namespace"), metaString(move, "name"),
                    apiserver::PatchType::Merge, patch.dump(), controllerContext(), {}, "status");
    return result.status();
}

Status PodMoveController::finish(const Json &move, bool succeeded, const std::string &message) {
    m_events.record(move, succeeded ? "Normal" : "Warning",
                    succeeded ? "MoveSucceeded" : "MoveFailed", message);
    COX_LOG(Info, "pod-move") << metaString(move, "namespace") << "/" << metaString(move, "name")
                              << (succeeded ? " succeeded: " : " failed: ") << message;
    return setStatus(move, {{"phase", succeeded ? "Succeeded" : "Failed"},
                            {"message", message},
                            {"completionTime", formatRfc3339(clock().now())}});
}

} // namespace cox::controllers
