#include "apiserver/api_errors.h"

namespace cox::apiserver {

std::string qualifiedResource(const model::ResourceType &type) {
    return type.group.empty() ? type.plural : type.plural + "." + type.group;
}

Status notFoundError(const model::ResourceType &type, const std::string &name) {
    return Status(StatusCode::NotFound, qualifiedResource(type) + " \"" + name + "\" not found");
}

Status alreadyExistsError(const model::ResourceType &type, const std::string &name) {
    return Status(StatusCode::AlreadyExists,
                  qualifiedResource(type) + " \"" + name + "\" already exists");
}

Status conflictError(const model::ResourceType &type, const std::string &name,
                     const std::string &why) {
    return Status(StatusCode::Conflict, "Operation cannot be fulfilled on " +
                                            qualifiedResource(type) + " \"" + name + "\": " + why);
}

Status modifiedConflict(const model::ResourceType &type, const std::string &name) {
    return conflictError(type, name,
                         "the object has been modified; please apply your changes to the latest "
                         "version and try again");
}

Status serverSideApplyUnsupported() {
    return Status(StatusCode::UnsupportedMediaType,
                  "the body of the request was in an unknown format - accepted media types "
                  "include: application/json-patch+json, application/merge-patch+json, "
                  "application/strategic-merge-patch+json (server-side apply is not "
                  "supported; use kubectl apply without --server-side)");
}

Status typeMismatchError(const model::ResourceType &type, const Json &object) {
    auto str = [&](const char *f) {
        return object.contains(f) && object[f].is_string() ? object[f].get<std::string>()
                                                           : std::string();
    };
    std::string apiVersion = str("apiVersion"), kind = str("kind");
    if (!apiVersion.empty() && apiVersion != type.apiVersion())
        return Status(StatusCode::BadRequest, "the API version in the data (" + apiVersion +
                                                  ") does not match the expected API version (" +
                                                  type.apiVersion() + ")");
    if (!kind.empty() && kind != type.kind)
        return Status(StatusCode::BadRequest, "the kind in the data (" + kind +
                                                  ") does not match the expected kind (" +
                                                  type.kind + ")");
    return Status::ok();
}

Status invalidError(const model::ResourceType &type, const std::string &name,
                    const model::FieldErrors &errors, ErrorDetails *details) {
    std::string list;
    for (size_t i = 0; i < errors.size(); ++i) {
        if (i)
            list += ", ";
        list += errors[i].toString();
        if (details)
            details->causes.push_back({errors[i].reason(), errors[i].toString(), errors[i].field});
    }
    if (errors.size() > 1)
        list = "[" + list + "]";
    return Status(StatusCode::Invalid, type.kind + " \"" + name + "\" is invalid: " + list);
}

namespace {
Json detailsJson(const ErrorDetails &details) {
    Json d = Json::object();
    if (!details.name.empty())
        d["name"] = details.name;
    if (!details.group.empty())
        d["group"] = details.group;
    if (!details.kind.empty())
        d["kind"] = details.kind;
    if (!details.causes.empty()) {
        Json causes = Json::array();
        for (const auto &c : details.causes)
            causes.push_back({{"reason", c.reason}, {"message", c.message}, {"field", c.field}});
        d["causes"] = std::move(causes);
    }
    if (details.retryAfterSeconds > 0)
        d["retryAfterSeconds"] = details.retryAfterSeconds;
    return d;
}
} // namespace

Json statusObject(const Status &status, const ErrorDetails &details) {
    Json out = {{"kind", "Status"},
                {"apiVersion", "v1"},
                {"metadata", Json::object()},
                {"status", "Failure"},
                {"message", status.message()},
                {"reason", std::string(status.reason())},
                {"code", status.httpCode()}};
    Json d = detailsJson(details);
    if (!d.empty())
        out["details"] = std::move(d);
    return out;
}

Json successStatus(const ErrorDetails &details) {
    Json out = {{"kind", "Status"},
                {"apiVersion", "v1"},
                {"metadata", Json::object()},
                {"status", "Success"},
                {"code", 200}};
    Json d = detailsJson(details);
    if (!d.empty())
        out["details"] = std::move(d);
    return out;
}

} // namespace cox::apiserver
