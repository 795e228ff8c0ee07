// RestHandler: the write verbs (create, update, patch, delete, deletecollection) and the scale,
// binding and eviction subresources.
#include "apiserver/object_codec.h"
#include "apiserver/rest_handler.h"
#include "model/schemas.h"

namespace cox::apiserver {

Result<WriteOptions> RestHandler::writeOptions(const http::Request &request) {
    auto dry = dryRunOf(request);
    if (!dry)
        return dry.status();
    WriteOptions opts;
    opts.dryRun = *dry;
    return opts;
}

void RestHandler::create(Call &call) {
    auto opts = writeOptions(call.request);
    if (!opts)
        return fail(call, opts.status());
    auto body = incomingBody(call);
    if (!body)
        return fail(call, body.status());
    answer(call, 201,
           m_service.create(call.type, call.info.namespaceName, std::move(*body), call.ctx, *opts));
}

void RestHandler::update(Call &call, bool status) {
    auto opts = writeOptions(call.request);
    if (!opts)
        return fail(call, opts.status());
    auto body = incomingBody(call);
    if (!body)
        return fail(call, body.status());
    const std::string &ns = call.info.namespaceName, &name = call.info.name;
    answer(call, 200,
           status ? m_service.updateStatus(call.type, ns, name, std::move(*body), call.ctx, *opts)
                  : m_service.update(call.type, ns, name, std::move(*body), call.ctx, *opts));
}

void RestHandler::patch(Call &call, const std::string &subresource) {
    if (call.served)
        return patchServed(call, subresource);
    auto opts = writeOptions(call.request);
    if (!opts)
        return fail(call, opts.status());
    auto patchType = patchTypeOf(call.request);
    if (!patchType)
        return fail(call, patchType.status());
    answer(call, 200,
           m_service.patch(call.type, call.info.namespaceName, call.info.name, *patchType,
                           call.request.body, call.ctx, *opts, subresource));
}

Result<DeleteOptions> RestHandler::deleteOptions(Call &call) {
    DeleteOptions opts;
    const http::Request &request = call.request;
    if (!request.body.empty()) {
        std::vector<std::string> ignored;
        auto body = decodeObjectBody(request, nullptr, model::schemas::deleteOptions(), ignored);
        if (!body)
            return body.status();
        const Json &d = *body;
        if (d.contains("gracePeriodSeconds") && d["gracePeriodSeconds"].is_number_integer())
            opts.gracePeriodSeconds = d["gracePeriodSeconds"].get<int64_t>();
        if (d.contains("propagationPolicy") && d["propagationPolicy"].is_string())
            opts.propagationPolicy = d["propagationPolicy"].get<std::string>();
        if (d.contains("orphanDependents") && d["orphanDependents"].is_boolean())
            opts.propagationPolicy = d["orphanDependents"].get<bool>() ? "Orphan" : "Background";
        if (d.contains("preconditions") && d["preconditions"].is_object()) {
            opts.preconditionUid = d["preconditions"].value("uid", "");
            opts.preconditionResourceVersion = d["preconditions"].value("resourceVersion", "");
        }
        if (d.contains("dryRun") && d["dryRun"].is_array() && !d["dryRun"].empty())
            opts.dryRun = d["dryRun"][0] == "All";
    }
    std::string grace = request.queryValue("gracePeriodSeconds");
    if (!grace.empty()) {
        int64_t value = 0;
        if (!parseRevision(grace, value))
            return Status(StatusCode::BadRequest, "gracePeriodSeconds must be a non-negative "
                                                  "integer");
        opts.gracePeriodSeconds = value;
    }
    if (request.hasQuery("propagationPolicy"))
        opts.propagationPolicy = request.queryValue("propagationPolicy");
    if (request.queryValue("orphanDependents") == "true")
        opts.propagationPolicy = "Orphan";
    const std::string &p = opts.propagationPolicy;
    if (!p.empty() && p != "Orphan" && p != "Background" && p != "Foreground")
        return Status(StatusCode::Invalid,
                      "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported "
                      "value: \"" +
                          p + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
    auto dry = dryRunOf(request);
    if (!dry)
        return dry.status();
    opts.dryRun = opts.dryRun || *dry;
    return opts;
}

void RestHandler::remove(Call &call) {
    auto opts = deleteOptions(call);
    if (!opts)
        return fail(call, opts.status());
    auto outcome =
        m_service.remove(call.type, call.info.namespaceName, call.info.name, *opts, call.ctx);
    if (!outcome)
        return fail(call, outcome.status());
    sendJson(call.sink, 200, outgoing(call, std::move(outcome->object)), call.warnings);
}

void RestHandler::removeCollection(Call &call) {
    auto opts = deleteOptions(call);
    if (!opts)
        return fail(call, opts.status());
    Status error;
    ListOptions selectors = listOptions(call.request, error);
    if (!error)
        return fail(call, error);
    auto removed =
        m_service.removeCollection(call.type, call.info.namespaceName, selectors, *opts, call.ctx);
    if (removed && call.served && removed->contains("items")) {
        (*removed)["apiVersion"] = clientType(call).apiVersion();
        for (Json &item : (*removed)["items"])
            item = outgoing(call, std::move(item));
    }
    // answer() converts objects of the stored kind only: the list above is already done.
    answer(call, 200, removed);
}

void RestHandler::scale(Call &call) {
    const std::string &ns = call.info.namespaceName, &name = call.info.name;
    const std::string &verb = call.info.verb;
    if (verb == "get")
        return answer(call, 200, m_service.getScale(call.type, ns, name, call.ctx));
    auto opts = writeOptions(call.request);
    if (!opts)
        return fail(call, opts.status());
    if (verb == "update") {
        auto body = decodeObjectBody(call.request, nullptr, model::schemas::scale(), call.warnings);
        if (!body)
            return fail(call, body.status());
        return answer(call, 200,
                      m_service.updateScale(call.type, ns, name, *body, call.ctx, *opts));
    }
    if (verb == "patch") {
        auto patchType = patchTypeOf(call.request);
        if (!patchType)
            return fail(call, patchType.status());
        return answer(call, 200,
                      m_service.patchScale(call.type, ns, name, *patchType, call.request.body,
                                           call.ctx, *opts));
    }
    fail(call, Status(StatusCode::MethodNotAllowed,
                      "the server does not allow this method on the requested resource"));
}

void RestHandler::bind(Call &call) {
    auto opts = writeOptions(call.request);
    if (!opts)
        return fail(call, opts.status());
    auto body = decodeObjectBody(call.request, nullptr, model::schemas::binding(), call.warnings);
    if (!body)
        return fail(call, body.status());
    answer(call, 201,
           m_service.bind(call.info.namespaceName, call.info.name, *body, call.ctx, *opts));
}

void RestHandler::evict(Call &call) {
    auto body = decodeObjectBody(call.request, nullptr, model::schemas::eviction(), call.warnings);
    if (!body)
        return fail(call, body.status());
    answer(call, 201, m_service.evict(call.info.namespaceName, call.info.name, *body, call.ctx));
}

} // namespace cox::apiserver
