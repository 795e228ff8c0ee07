// ResourceService: construction, keys, reads and create. Update/patch, list, delete, watch and
// subresources live in their own resource_*.cpp files.
#include "apiserver/resource_service.h"

#include "apiserver/namespace_reaper.h"
#include "apiserver/node_restriction.h"
#include "apiserver/object_codec.h"
#include "apiserver/object_meta.h"
#include "apiserver/service_allocator.h"

namespace cox::apiserver {

ResourceService::ResourceService(ResourceServiceConfig config)
    : m_store(config.store)
    , m_clock(config.clock ? config.clock : &SystemClock::instance())
    , m_allocator(std::make_unique<ServiceAllocator>(config.serviceCidr, config.nodePortRange)) {
    m_reaper = std::make_unique<NamespaceReaper>(*this);
}

ResourceService::~ResourceService() {
    m_reaper.reset();
}

void ResourceService::drainNamespaceDeletions() {
    m_reaper->drain();
}

std::string ResourceService::prefixFor(const Type &type, const std::string &ns) {
    std::string prefix = "/registry/" + type.plural;
    if (!type.group.empty())
        prefix += "." + type.group;
    prefix += '/';
    if (type.namespaced && !ns.empty())
        prefix += ns + '/';
    return prefix;
}

std::string ResourceService::keyFor(const Type &type, const std::string &ns,
                                    const std::string &name) {
    return prefixFor(type, ns) + name;
}

Result<ResourceService::Stored> ResourceService::load(const Type &type, const std::string &ns,
                                                      const std::string &name) {
    if (name.empty() || name.find('/') != std::string::npos)
        return notFoundError(type, name);
    auto kv = m_store->get(keyFor(type, ns, name));
    if (!kv) {
        if (kv.status().code() == StatusCode::NotFound)
            return notFoundError(type, name);
        return kv.status();
    }
    Json object = decodeStored(*kv);
    if (object.is_null())
        return Status(StatusCode::Internal, "stored object " + kv->key + " is not valid JSON");
    return Stored{std::move(object), std::move(*kv)};
}

Result<Json> ResourceService::get(const Type &type, const std::string &ns, const std::string &name,
                                  const CallContext &ctx) {
    if (Status s = admitNodeRead(type, ns, name, ctx); !s)
        return s;
    auto stored = load(type, ns, name);
    if (!stored) {
        if (ctx.details)
            *ctx.details = {name, type.group, type.plural, {}, 0};
        return stored.status();
    }
    return std::move(stored->object);
}

Status ResourceService::checkNamespace(const Type &type, const std::string &ns, bool creating) {
    if (!type.namespaced)
        return Status::ok();
    const Type *nsType = model::findResource("", "v1", "namespaces");
    if (!nsType)
        return Status::ok();
    auto kv = m_store->get(keyFor(*nsType, "", ns));
    if (!kv)
        return kv.status().code() == StatusCode::NotFound
                   ? Status(StatusCode::NotFound, "namespaces \"" + ns + "\" not found")
                   : kv.status();
    if (!creating)
        return Status::ok();
    Json nsObject = decodeStored(*kv);
    if (!metaString(nsObject, "deletionTimestamp").empty())
        return Status(StatusCode::Forbidden, "unable to create new content in namespace " + ns +
                                                 " because it is being terminated");
    return Status::ok();
}

namespace {
Status fillTypeAndNamespace(const model::ResourceType &type, const std::string &ns, Json &object) {
    if (!object.is_object())
        return Status(StatusCode::BadRequest, "the body of the request must be a JSON object");
    if (Status mismatch = typeMismatchError(type, object); !mismatch)
        return mismatch;
    object["apiVersion"] = type.apiVersion();
    object["kind"] = type.kind;
    Json &meta = metadataOf(object);
    if (!type.namespaced) {
        meta.erase("namespace");
        return Status::ok();
    }
    std::string bodyNs = metaString(object, "namespace");
    if (!bodyNs.empty() && bodyNs != ns)
        return Status(StatusCode::BadRequest, "the namespace of the provided object does not "
                                              "match the namespace sent on the request");
    meta["namespace"] = ns;
    return Status::ok();
}

// What the strategies of Kubernetes reset on create.
void resetStatusOnCreate(const model::ResourceType &type, Json &object, const std::string &now) {
    if (type.group.empty() && type.plural == "pods") {
        object["status"] = {{"phase", "Pending"}, {"qosClass", podQosClass(object)}};
        return;
    }
    if (type.group.empty() && type.plural == "namespaces") {
        object["status"] = {{"phase", "Active"}};
        if (!object.contains("spec") || !object["spec"].is_object())
            object["spec"] = Json::object();
        object["spec"]["finalizers"] = Json::array({"kubernetes"});
        return;
    }
    if (type.plural == "nodes" || type.plural == "events")
        return;
    if (type.hasSubresource("status"))
        object.erase("status");
    (void)now;
}
} // namespace

Status ResourceService::prepareCreate(const Type &type, const std::string &ns, Json &object,
                                      const CallContext &ctx) {
    if (Status s = fillTypeAndNamespace(type, ns, object); !s)
        return s;
    Json &meta = metadataOf(object);
    std::string name = metaString(object, "name");
    if (name.empty()) {
        std::string prefix = metaString(object, "generateName");
        if (prefix.empty())
            return invalidError(type, "",
                                {{model::FieldError::Type::Required, "metadata.name", "",
                                  "name or generateName is required"}},
                                ctx.details);
        meta["name"] = generateName(prefix);
    }
    for (const char *f : {"resourceVersion", "managedFields", "deletionTimestamp",
                          "deletionGracePeriodSeconds", "selfLink"})
        meta.erase(f);
    meta["uid"] = newUid();
    std::string now = formatRfc3339(m_clock->now());
    meta["creationTimestamp"] = now;
    if (hasSpec(type, object))
        meta["generation"] = 1;
    else
        meta.erase("generation");
    resetStatusOnCreate(type, object, now);
    pruneUnknown(type, object);
    applyObjectDefaults(type, object);
    return Status::ok();
}

Result<Json> ResourceService::create(const Type &type, const std::string &ns, Json object,
                                     const CallContext &ctx, const WriteOptions &opts) {
    if (ctx.details)
        *ctx.details = {metaString(object, "name"), type.group, type.plural, {}, 0};
    if (type.namespaced && ns.empty())
        return Status(StatusCode::NotFound, "the server could not find the requested resource");
    if (type.virtualCreate)
        return createVirtual(type, ns, std::move(object), ctx);
    if (Status s = prepareCreate(type, ns, object, ctx); !s)
        return s;
    if (CreateAdmission admit = admissionFor(type))
        if (Status s = admit(ns, object, ctx); !s)
            return s;
    std::string name = metaString(object, "name");
    if (ctx.details)
        ctx.details->name = name;
    if (Status s = admitNodeWrite(ctx.user, "create", type, "", nullptr, &object); !s)
        return s;
    if (Status s = checkNamespace(type, ns, true); !s)
        return s;
    if (auto errors = validateNewObject(type, object); !errors.empty())
        return invalidError(type, name, errors, ctx.details);
    bool isService = type.group.empty() && type.plural == "services";
    if (isService)
        if (Status s = admitServiceCreate(object, ctx); !s)
            return s;
    if (opts.dryRun) {
        if (isService)
            releaseServiceResources(object);
        return object;
    }
    auto kv = m_store->create(keyFor(type, ns, name), encodeForStore(object));
    if (!kv) {
        if (isService)
            releaseServiceResources(object);
        if (kv.status().code() == StatusCode::AlreadyExists)
            return alreadyExistsError(type, name);
        return kv.status();
    }
    return decodeStored(*kv);
}

void ResourceService::setCreateHandler(const Type &type, CreateHandler handler) {
    std::unique_lock lock(m_hooksMutex);
    m_createHandlers[&type] = std::move(handler);
}

void ResourceService::setCreateAdmission(const Type &type, CreateAdmission admission) {
    std::unique_lock lock(m_hooksMutex);
    m_createAdmissions[&type] = std::move(admission);
}

ResourceService::CreateAdmission ResourceService::admissionFor(const Type &type) const {
    std::shared_lock lock(m_hooksMutex);
    auto it = m_createAdmissions.find(&type);
    return it == m_createAdmissions.end() ? CreateAdmission() : it->second;
}

Result<Json> ResourceService::createVirtual(const Type &type, const std::string &ns, Json object,
                                            const CallContext &ctx) {
    CreateHandler handler;
    {
        std::shared_lock lock(m_hooksMutex);
        if (auto it = m_createHandlers.find(&type); it != m_createHandlers.end())
            handler = it->second;
    }
    if (!handler)
        return Status(StatusCode::NotFound,
                      type.plural + "." + type.group + " is not served by this control plane");
    if (!object.is_object())
        return Status(StatusCode::BadRequest, "the request body must be a JSON object");
    return handler(ns, std::move(object), ctx);
}

} // namespace cox::apiserver
