// RestHandler: routing to verbs and subresources, and the read verbs (get, list).
#include "apiserver/rest_handler.h"

#include "apiserver/object_codec.h"

#include <algorithm>

namespace cox::apiserver {

namespace {
Status notFoundPath() {
    return Status(StatusCode::NotFound, "the server could not find the requested resource");
}

Status methodNotAllowed() {
    return Status(StatusCode::MethodNotAllowed,
                  "the server does not allow this method on the requested resource");
}

bool hasVerb(const model::ResourceType &type, const std::string &verb) {
    return std::find(type.verbs.begin(), type.verbs.end(), verb) != type.verbs.end();
}
} // namespace

RestHandler::RestHandler(ResourceService &service, WatchSettings watch,
                         NodeCredentialsProvider nodeCredentials)
    : m_service(service)
    , m_watch(watch)
    , m_logs(service, std::move(nodeCredentials)) {}

void RestHandler::serve(const http::Request &request, const RequestInfo &info,
                        const auth::UserInfo &user, http::ResponseSink &sink) {
    const Type *type = model::findResource(info.group, info.version, info.resource);
    const model::ServedVersion *served = nullptr;
    if (!type && (served = model::findServedVersion(info.group, info.version, info.resource)))
        type = served->stored;
    if (!type) {
        sendError(sink, notFoundPath());
        return;
    }
    Call call{request, info, *type, {}, {}, {}, sink, served};
    call.details = {info.name, type->group, type->plural, {}, 0};
    call.ctx.user = user;
    call.ctx.details = &call.details;
    call.ctx.warnings = &call.warnings;
    bool namespaceInPath = !info.namespaceName.empty() && info.resource != "namespaces";
    if (type->namespaced && !namespaceInPath && !info.name.empty())
        return fail(call, notFoundPath());
    if (!type->namespaced && namespaceInPath)
        return fail(call, notFoundPath());
    if (!info.subresource.empty())
        return dispatchSubresource(call);
    dispatch(call);
}

void RestHandler::dispatch(Call &call) {
    const std::string &verb = call.info.verb;
    if (!hasVerb(call.type, verb))
        return fail(call, methodNotAllowed());
    if (verb == "get")
        return get(call);
    if (verb == "list")
        return list(call);
    if (verb == "watch")
        return watch(call);
    if (verb == "create") {
        if (!call.info.name.empty())
            return fail(call, methodNotAllowed());
        return create(call);
    }
    if (verb == "update")
        return call.info.name.empty() ? fail(call, methodNotAllowed()) : update(call, false);
    if (verb == "patch")
        return call.info.name.empty() ? fail(call, methodNotAllowed()) : patch(call, "");
    if (verb == "delete")
        return remove(call);
    if (verb == "deletecollection")
        return removeCollection(call);
    fail(call, methodNotAllowed());
}

void RestHandler::dispatchSubresource(Call &call) {
    const std::string &sub = call.info.subresource;
    const std::string &verb = call.info.verb;
    if (!call.type.hasSubresource(sub) || call.info.name.empty())
        return fail(call, notFoundPath());
    if (sub == "status") {
        if (verb == "get")
            return get(call);
        if (verb == "update")
            return update(call, true);
        if (verb == "patch")
            return patch(call, "status");
        return fail(call, methodNotAllowed());
    }
    if (sub == "scale")
        return scale(call);
    if (sub == "binding")
        return verb == "create" ? bind(call) : fail(call, methodNotAllowed());
    if (sub == "eviction")
        return verb == "create" ? evict(call) : fail(call, methodNotAllowed());
    if (sub == "log") {
        if (verb != "get")
            return fail(call, methodNotAllowed());
        // Logs live on the node: the agent serves them, the API server only proxies.
        Status s = m_logs.serve(call.request, call.info.namespaceName, call.info.name, call.ctx,
                                call.sink);
        if (!s.isOk())
            fail(call, s);
        return;
    }
    fail(call, methodNotAllowed());
}

void RestHandler::fail(Call &call, const Status &status) {
    ErrorDetails details = call.details;
    if (status.code() != StatusCode::Invalid)
        details.causes.clear();
    if (status.code() == StatusCode::NotFound &&
        status.message().find("could not find") != std::string::npos)
        details = {};
    sendError(call.sink, status, details);
}

void RestHandler::answer(Call &call, int code, const Result<Json> &result) {
    if (!result)
        return fail(call, result.status());
    if (call.served)
        return sendJson(call.sink, code, outgoing(call, *result), call.warnings);
    sendJson(call.sink, code, *result, call.warnings); // no copy on the common path
}

void RestHandler::get(Call &call) {
    auto format = negotiate(call.request, call.info.subresource.empty());
    if (!format)
        return fail(call, format.status());
    auto object = m_service.get(call.type, call.info.namespaceName, call.info.name, call.ctx);
    if (!object)
        return fail(call, object.status());
    if (format->format == OutputFormat::Table) {
        Json table =
            objectsToTable(call.type, {*object}, format->includeObject, m_service.clock().now());
        table["metadata"]["resourceVersion"] = (*object)["metadata"].value("resourceVersion", "");
        return sendJson(call.sink, 200, outgoingTable(call, std::move(table)));
    }
    sendJson(call.sink, 200, outgoing(call, std::move(*object)));
}

ListOptions RestHandler::listOptions(const http::Request &request, Status &error) {
    ListOptions opts;
    opts.labelSelector = request.queryValue("labelSelector");
    opts.fieldSelector = request.queryValue("fieldSelector");
    opts.continueToken = request.queryValue("continue");
    std::string limit = request.queryValue("limit");
    if (!limit.empty() && !parseRevision(limit, opts.limit))
        error = Status(StatusCode::BadRequest, "limit must be a non-negative integer");
    return opts;
}

void RestHandler::list(Call &call) {
    auto format = negotiate(call.request, true);
    if (!format)
        return fail(call, format.status());
    Status error;
    ListOptions opts = listOptions(call.request, error);
    if (!error)
        return fail(call, error);
    auto page = m_service.listRaw(call.type, call.info.namespaceName, opts, call.ctx);
    if (!page)
        return fail(call, page.status());
    if (format->format == OutputFormat::Json)
        return sendJsonText(call.sink, 200, encodeListFor(call, *page));
    std::vector<Json> objects;
    objects.reserve(page->items.size());
    for (const auto &kv : page->items)
        objects.push_back(decodeStored(kv));
    Json table = objectsToTable(call.type, objects, format->includeObject, m_service.clock().now());
    table["metadata"]["resourceVersion"] = std::to_string(page->revision);
    if (!page->continueToken.empty())
        table["metadata"]["continue"] = page->continueToken;
    sendJson(call.sink, 200, outgoingTable(call, std::move(table)));
}

} // namespace cox::apiserver
