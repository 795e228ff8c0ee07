// RestHandler: served-only versions (model/served_version.h). A request to such a version works
// on the stored type; its bodies are checked against the served schema and converted to the
// stored form, and every object it answers with (objects, lists, tables, watch events) is
// converted back. A URL naming the stored version passes through unchanged.
#include "apiserver/object_codec.h"
#include "apiserver/rest_handler.h"

namespace cox::apiserver {

namespace {
// A patch that conflicts only because someone wrote in between is re-applied to the fresh object
// (as Kubernetes' GuaranteedUpdate does); a bounded number of times, then 409.
constexpr int kPatchAttempts = 16;

// The object's metadata.resourceVersion; empty when absent or not a string (a patch may put
// anything there; validation answers for it later).
std::string metaResourceVersion(const Json &object) {
    if (!object.contains("metadata") || !object["metadata"].is_object())
        return {};
    const Json &meta = object["metadata"];
    auto it = meta.find("resourceVersion");
    return it != meta.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool isStoredObject(const model::ResourceType &stored, const Json &object) {
    return object.is_object() && object.value("kind", "") == stored.kind &&
           object.value("apiVersion", "") == stored.apiVersion();
}

} // namespace

const model::ResourceType &RestHandler::clientType(const Call &call) {
    return call.served ? call.served->type : call.type;
}

Json RestHandler::outgoing(const Call &call, Json object) {
    if (!call.served || !isStoredObject(call.type, object))
        return object;
    return call.served->toServed(object);
}

Json RestHandler::outgoingTable(const Call &call, Json table) {
    if (!call.served || !table.contains("rows") || !table["rows"].is_array())
        return table;
    for (Json &row : table["rows"])
        if (row.is_object() && row.contains("object"))
            row["object"] = outgoing(call, std::move(row["object"]));
    return table;
}

Result<Json> RestHandler::incomingBody(Call &call) {
    auto body = decodeObjectBody(call.request, &clientType(call), nullptr, call.warnings);
    if (!body || !call.served)
        return body;
    if (Status s = typeMismatchError(call.served->type, *body); !s)
        return s;
    return call.served->toStored(*body);
}

std::string RestHandler::encodeListFor(const Call &call, const ListPage &page) {
    if (!call.served)
        return encodeList(call.type, page);
    // The served list is rebuilt object by object: stored text cannot be spliced as is.
    Json list = Json::parse(encodeList(call.served->type, page));
    for (Json &item : list["items"])
        item = outgoing(call, std::move(item));
    return list.dump();
}

void RestHandler::patchServed(Call &call, const std::string &subresource) {
    const std::string &ns = call.info.namespaceName, &name = call.info.name;
    auto opts = writeOptions(call.request);
    if (!opts)
        return fail(call, opts.status());
    auto patchType = patchTypeOf(call.request);
    if (!patchType)
        return fail(call, patchType.status());
    if (*patchType == PatchType::Apply)
        return fail(call, serverSideApplyUnsupported());
    Result<Json> written = Status(StatusCode::Conflict, "");
    for (int attempt = 0; attempt < kPatchAttempts; ++attempt) {
        auto current = m_service.get(call.type, ns, name, call.ctx);
        if (!current)
            return fail(call, current.status());
        Json served = call.served->toServed(*current);
        auto patched = applyPatch(call.served->type, served, *patchType, call.request.body);
        if (!patched)
            return fail(call, patched.status());
        if (!patched->is_object())
            return fail(call, Status(StatusCode::BadRequest, "the patch must produce a JSON "
                                                             "object"));
        if (Status s = typeMismatchError(call.served->type, *patched); !s)
            return fail(call, s);
        // The read resourceVersion stays in the object: it is the update's precondition.
        bool pinned = metaResourceVersion(*patched) != metaResourceVersion(*current);
        Json stored = call.served->toStored(*patched);
        written =
            subresource == "status"
                ? m_service.updateStatus(call.type, ns, name, std::move(stored), call.ctx, *opts)
                : m_service.update(call.type, ns, name, std::move(stored), call.ctx, *opts);
        if (written || written.status().code() != StatusCode::Conflict || pinned)
            break;
    }
    if (!written)
        return fail(call, written.status());
    sendJson(call.sink, 200, outgoing(call, std::move(*written)), call.warnings);
}

} // namespace cox::apiserver
