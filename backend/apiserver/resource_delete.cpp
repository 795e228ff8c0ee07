// ResourceService: delete and deletecollection, with finalizers, propagation policies, graceful
// pod termination and namespace termination.
#include "apiserver/namespace_reaper.h"
#include "apiserver/node_restriction.h"
#include "apiserver/object_codec.h"
#include "apiserver/object_meta.h"
#include "apiserver/resource_service.h"

#include <algorithm>

namespace cox::apiserver {

namespace {
constexpr int kMaxDeleteAttempts = 32;
constexpr int64_t kDefaultPodGraceSeconds = 30;

bool isKind(const model::ResourceType &type, const char *group, const char *plural) {
    return type.group == group && type.plural == plural;
}

void addFinalizer(Json &meta, const std::string &finalizer) {
    Json &list = meta["finalizers"];
    if (!list.is_array())
        list = Json::array();
    if (std::find(list.begin(), list.end(), Json(finalizer)) == list.end())
        list.push_back(finalizer);
}

bool hasFinalizers(const Json &object) {
    const Json &meta = object["metadata"];
    return meta.contains("finalizers") && meta["finalizers"].is_array() &&
           !meta["finalizers"].empty();
}

// How long a pod gets to stop: 0 when it never ran on a node or already finished.
int64_t podGraceSeconds(const Json &pod, const DeleteOptions &opts) {
    const Json spec = pod.value("spec", Json::object());
    std::string node = spec.is_object() ? spec.value("nodeName", std::string()) : std::string();
    std::string phase = pod.contains("status") && pod["status"].is_object()
                            ? pod["status"].value("phase", std::string())
                            : std::string();
    if (node.empty() || phase == "Succeeded" || phase == "Failed")
        return 0;
    if (opts.gracePeriodSeconds)
        return std::max<int64_t>(0, *opts.gracePeriodSeconds);
    if (spec.is_object() && spec.contains("terminationGracePeriodSeconds") &&
        spec["terminationGracePeriodSeconds"].is_number_integer())
        return std::max<int64_t>(0, spec["terminationGracePeriodSeconds"].get<int64_t>());
    return kDefaultPodGraceSeconds;
}
} // namespace

Result<Json> ResourceService::finishDelete(const Type &type, const Stored &current,
                                           const CallContext &ctx) {
    (void)ctx;
    auto removed = m_store->remove(current.kv.key, current.kv.modRevision);
    if (!removed)
        return removed.status();
    if (isKind(type, "", "services"))
        releaseServiceResources(current.object);
    return decodeStored(*removed);
}

Result<DeleteOutcome> ResourceService::markDeleting(const Type &type, const Stored &current,
                                                    const DeleteOptions &opts,
                                                    const CallContext &ctx) {
    Json updated = current.object;
    Json &meta = metadataOf(updated);
    auto now = m_clock->now();
    int64_t grace = 0;
    if (isKind(type, "", "pods"))
        grace = podGraceSeconds(current.object, opts);
    if (!meta.contains("deletionTimestamp")) {
        meta["deletionTimestamp"] = formatRfc3339(now + std::chrono::seconds(grace));
        meta["deletionGracePeriodSeconds"] = grace;
    } else if (meta.value("deletionGracePeriodSeconds", 0LL) > grace) {
        // A shorter grace period may replace a longer one, never the reverse.
        meta["deletionTimestamp"] = formatRfc3339(now + std::chrono::seconds(grace));
        meta["deletionGracePeriodSeconds"] = grace;
    }
    if (opts.propagationPolicy == "Orphan")
        addFinalizer(meta, "orphan");
    else if (opts.propagationPolicy == "Foreground")
        addFinalizer(meta, "foregroundDeletion");
    if (isKind(type, "", "namespaces")) {
        updated["status"] = {{"phase", "Terminating"}};
        meta["deletionGracePeriodSeconds"] = 0;
    }
    if (opts.dryRun)
        return DeleteOutcome{updated, false};
    std::string encoded = encodeForStore(updated);
    if (encoded == *current.kv.value)
        return DeleteOutcome{current.object, false};
    auto kv = m_store->update(current.kv.key, std::move(encoded), current.kv.modRevision);
    if (!kv)
        return kv.status();
    (void)ctx;
    return DeleteOutcome{decodeStored(*kv), false};
}

Result<DeleteOutcome> ResourceService::remove(const Type &type, const std::string &ns,
                                              const std::string &name, const DeleteOptions &opts,
                                              const CallContext &ctx) {
    if (ctx.details)
        *ctx.details = {name, type.group, type.plural, {}, 0};
    for (int attempt = 0; attempt < kMaxDeleteAttempts; ++attempt) {
        auto current = load(type, ns, name);
        if (!current)
            return current.status();
        const Json &object = current->object;
        if (!opts.preconditionUid.empty() && opts.preconditionUid != metaString(object, "uid"))
            return conflictError(
                type, name,
                "Precondition failed: UID in precondition: " + opts.preconditionUid +
                    ", UID in object meta: " + metaString(object, "uid"));
        if (!opts.preconditionResourceVersion.empty() &&
            opts.preconditionResourceVersion != metaString(object, "resourceVersion"))
            return conflictError(
                type, name,
                "Precondition failed: ResourceVersion in precondition: " +
                    opts.preconditionResourceVersion +
                    ", ResourceVersion in object meta: " + metaString(object, "resourceVersion"));
        if (Status s = admitNodeWrite(ctx.user, "delete", type, "", &object, nullptr); !s)
            return s;
        bool graceful = isKind(type, "", "pods") && podGraceSeconds(object, opts) > 0;
        bool pending = graceful || hasFinalizers(object) || opts.propagationPolicy == "Orphan" ||
                       opts.propagationPolicy == "Foreground" || isKind(type, "", "namespaces");
        Result<DeleteOutcome> outcome = pending ? markDeleting(type, *current, opts, ctx)
                                                : Result<DeleteOutcome>(DeleteOutcome{});
        if (pending) {
            if (!outcome && outcome.status().code() == StatusCode::Conflict)
                continue;
            if (outcome && isKind(type, "", "namespaces") && !opts.dryRun)
                m_reaper->schedule(name);
            return outcome;
        }
        if (opts.dryRun)
            return DeleteOutcome{object, true};
        auto removed = finishDelete(type, *current, ctx);
        if (removed)
            return DeleteOutcome{std::move(*removed), true};
        if (removed.status().code() != StatusCode::Conflict &&
            removed.status().code() != StatusCode::NotFound)
            return removed.status();
    }
    return modifiedConflict(type, name);
}

Result<Json> ResourceService::removeCollection(const Type &type, const std::string &ns,
                                               const ListOptions &selectors,
                                               const DeleteOptions &opts, const CallContext &ctx) {
    ListOptions all = selectors;
    all.limit = 0;
    all.continueToken.clear();
    auto page = listRaw(type, ns, all, ctx);
    if (!page)
        return page.status();
    ListPage done;
    done.revision = page->revision;
    Json items = Json::array();
    for (const auto &kv : page->items) {
        Json object = decodeStored(kv);
        auto outcome =
            remove(type, metaString(object, "namespace"), metaString(object, "name"), opts, ctx);
        if (!outcome) {
            if (outcome.status().code() == StatusCode::NotFound)
                continue;
            return outcome.status();
        }
        items.push_back(std::move(outcome->object));
    }
    return Json{{"apiVersion", type.apiVersion()},
                {"kind", type.kind + "List"},
                {"metadata", {{"resourceVersion", std::to_string(m_store->revision())}}},
                {"items", std::move(items)}};
}

} // namespace cox::apiserver
