// ResourceService: update (PUT), status update and patch, all through one read-modify-write loop.
#include "apiserver/node_restriction.h"
#include "apiserver/object_codec.h"
#include "apiserver/object_meta.h"
#include "apiserver/resource_service.h"

namespace cox::apiserver {

namespace {
constexpr int kMaxUpdateAttempts = 32;

// The metadata only the server may set survives any update.
void preserveServerMetadata(const Json &old, Json &updated) {
    const Json &oldMeta = old["metadata"];
    Json &meta = metadataOf(updated);
    for (const char *f : {"name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                          "deletionGracePeriodSeconds", "generation"}) {
        if (oldMeta.contains(f))
            meta[f] = oldMeta[f];
        else
            meta.erase(f);
    }
    meta.erase("managedFields");
    meta.erase("selfLink");
}

bool deletionDue(const Json &object) {
    const Json &meta = object["metadata"];
    if (!meta.contains("deletionTimestamp"))
        return false;
    bool noFinalizers = !meta.contains("finalizers") || !meta["finalizers"].is_array() ||
                        meta["finalizers"].empty();
    long long grace = meta.value("deletionGracePeriodSeconds", 0LL);
    return noFinalizers && grace == 0;
}

Status checkBodyIdentity(const model::ResourceType &type, const std::string &ns,
                         const std::string &name, const Json &body) {
    if (!body.is_object())
        return Status(StatusCode::BadRequest, "the body of the request must be a JSON object");
    auto str = [&](const char *f) {
        return body.contains(f) && body[f].is_string() ? body[f].get<std::string>() : std::string();
    };
    if (!str("apiVersion").empty() && str("apiVersion") != type.apiVersion())
        return Status(StatusCode::BadRequest, "the API version in the data (" + str("apiVersion") +
                                                  ") does not match the expected API version (" +
                                                  type.apiVersion() + ")");
    if (!str("kind").empty() && str("kind") != type.kind)
        return Status(StatusCode::BadRequest, "the kind in the data (" + str("kind") +
                                                  ") does not match the expected kind (" +
                                                  type.kind + ")");
    std::string bodyName = metaString(body, "name");
    if (!bodyName.empty() && bodyName != name)
        return Status(StatusCode::BadRequest, "the name of the object (" + bodyName +
                                                  ") does not match the name on the URL (" + name +
                                                  ")");
    std::string bodyNs = metaString(body, "namespace");
    if (type.namespaced && !bodyNs.empty() && bodyNs != ns)
        return Status(StatusCode::BadRequest, "the namespace of the provided object does not "
                                              "match the namespace sent on the request");
    return Status::ok();
}

Json statusOf(const Json &object) {
    return object.contains("status") ? object["status"] : Json();
}

void setStatus(Json &object, const Json &status) {
    if (status.is_null())
        object.erase("status");
    else
        object["status"] = status;
}
} // namespace

Result<std::optional<Json>> ResourceService::writeUpdate(const Type &type, const Stored &current,
                                                         Json updated, const CallContext &ctx,
                                                         const WriteOptions &opts,
                                                         const std::string &subresource) {
    const Json &old = current.object;
    std::string name = metaString(old, "name");
    updated["apiVersion"] = type.apiVersion();
    updated["kind"] = type.kind;
    preserveServerMetadata(old, updated);
    pruneUnknown(type, updated);
    applyObjectDefaults(type, updated);
    if (hasSpec(type, updated) && specChanged(updated, old))
        metadataOf(updated)["generation"] = old["metadata"].value("generation", 0LL) + 1;
    auto errors = subresource == "binding" ? validateNewObject(type, updated)
                                           : validateChangedObject(type, updated, old);
    if (!errors.empty())
        return invalidError(type, name, errors, ctx.details);
    std::string encoded = encodeForStore(updated);
    if (current.kv.value && encoded == *current.kv.value)
        return std::optional<Json>(old);
    if (deletionDue(updated)) {
        if (opts.dryRun)
            return std::optional<Json>(updated);
        auto removed = m_store->remove(current.kv.key, current.kv.modRevision);
        if (!removed)
            return removed.status().code() == StatusCode::Conflict ||
                           removed.status().code() == StatusCode::NotFound
                       ? Result<std::optional<Json>>(std::optional<Json>())
                       : Result<std::optional<Json>>(removed.status());
        if (type.group.empty() && type.plural == "services")
            releaseServiceResources(old);
        return std::optional<Json>(decodeStored(*removed));
    }
    if (opts.dryRun)
        return std::optional<Json>(updated);
    auto kv = m_store->update(current.kv.key, std::move(encoded), current.kv.modRevision);
    if (!kv) {
        if (kv.status().code() == StatusCode::Conflict)
            return std::optional<Json>();
        if (kv.status().code() == StatusCode::NotFound)
            return notFoundError(type, name);
        return kv.status();
    }
    return std::optional<Json>(decodeStored(*kv));
}

Result<Json> ResourceService::guaranteedUpdate(const Type &type, const std::string &ns,
                                               const std::string &name, const CallContext &ctx,
                                               const WriteOptions &opts, const std::string &verb,
                                               const std::string &subresource,
                                               const Mutator &mutate) {
    if (ctx.details)
        *ctx.details = {name, type.group, type.plural, {}, 0};
    for (int attempt = 0; attempt < kMaxUpdateAttempts; ++attempt) {
        auto current = load(type, ns, name);
        if (!current)
            return current.status();
        Json updated = current->object;
        if (Status s = mutate(updated); !s)
            return s;
        if (Status s =
                admitNodeWrite(ctx.user, verb, type, subresource, &current->object, &updated);
            !s)
            return s;
        auto written = writeUpdate(type, *current, std::move(updated), ctx, opts, subresource);
        if (!written)
            return written.status();
        if (written->has_value())
            return std::move(**written);
    }
    return modifiedConflict(type, name);
}

Result<Json> ResourceService::update(const Type &type, const std::string &ns,
                                     const std::string &name, Json object, const CallContext &ctx,
                                     const WriteOptions &opts) {
    if (Status s = checkBodyIdentity(type, ns, name, object); !s)
        return s;
    std::string precondition = metaString(object, "resourceVersion");
    bool keepStatus = type.hasSubresource("status");
    return guaranteedUpdate(type, ns, name, ctx, opts, "update", "", [&](Json &current) {
        if (!precondition.empty() && precondition != metaString(current, "resourceVersion"))
            return modifiedConflict(type, name);
        Json next = object;
        if (keepStatus)
            setStatus(next, statusOf(current));
        current = std::move(next);
        return Status::ok();
    });
}

Result<Json> ResourceService::updateStatus(const Type &type, const std::string &ns,
                                           const std::string &name, Json object,
                                           const CallContext &ctx, const WriteOptions &opts) {
    if (Status s = checkBodyIdentity(type, ns, name, object); !s)
        return s;
    std::string precondition = metaString(object, "resourceVersion");
    return guaranteedUpdate(type, ns, name, ctx, opts, "update", "status", [&](Json &current) {
        if (!precondition.empty() && precondition != metaString(current, "resourceVersion"))
            return modifiedConflict(type, name);
        setStatus(current, statusOf(object));
        return Status::ok();
    });
}

Result<Json> ResourceService::patch(const Type &type, const std::string &ns,
                                    const std::string &name, PatchType patchType,
                                    std::string_view patchText, const CallContext &ctx,
                                    const WriteOptions &opts, const std::string &subresource) {
    if (patchType == PatchType::Apply)
        return serverSideApplyUnsupported();
    bool keepStatus = subresource.empty() && type.hasSubresource("status");
    return guaranteedUpdate(type, ns, name, ctx, opts, "patch", subresource, [&](Json &current) {
        auto patched = applyPatch(type, current, patchType, patchText);
        if (!patched)
            return patched.status();
        if (!patched->is_object())
            return Status(StatusCode::BadRequest, "the patch must produce a JSON object");
        if (metaString(*patched, "resourceVersion") != metaString(current, "resourceVersion"))
            return modifiedConflict(type, name);
        if (subresource == "status") {
            setStatus(current, statusOf(*patched));
            return Status::ok();
        }
        if (keepStatus)
            setStatus(*patched, statusOf(current));
        current = std::move(*patched);
        return Status::ok();
    });
}

} // namespace cox::apiserver
