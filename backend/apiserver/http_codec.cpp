#include "apiserver/http_codec.h"

#include "apiserver/protobuf/kubernetes_protobuf.h"

#include <algorithm>

namespace cox::apiserver {

namespace {
std::string trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t");
    size_t e = s.find_last_not_of(" \t");
    return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

struct MediaRange {
    std::string type;
    std::map<std::string, std::string> params;
};

MediaRange parseMediaRange(std::string_view text) {
    MediaRange range;
    size_t semi = text.find(';');
    range.type = lower(trim(text.substr(0, semi)));
    while (semi != std::string_view::npos) {
        size_t next = text.find(';', semi + 1);
        std::string param = trim(text.substr(
            semi + 1, next == std::string_view::npos ? std::string_view::npos : next - semi - 1));
        size_t eq = param.find('=');
        if (eq != std::string::npos)
            range.params[lower(trim(param.substr(0, eq)))] = trim(param.substr(eq + 1));
        semi = next;
    }
    return range;
}

std::string mediaType(const http::Request &request) {
    return parseMediaRange(request.header("Content-Type")).type;
}
} // namespace

Result<Negotiated> negotiate(const http::Request &request, bool tablesAllowed) {
    Negotiated out;
    std::string include = request.queryValue("includeObject", "Metadata");
    if (include != "None" && include != "Metadata" && include != "Object")
        return Status(StatusCode::BadRequest, "includeObject must be None, Metadata or Object");
    out.includeObject = include;
    std::string accept = request.header("Accept");
    if (trim(accept).empty())
        return out;
    size_t start = 0;
    while (start <= accept.size()) {
        size_t comma = accept.find(',', start);
        MediaRange range = parseMediaRange(std::string_view(accept).substr(
            start, comma == std::string::npos ? std::string::npos : comma - start));
        start = comma == std::string::npos ? accept.size() + 1 : comma + 1;
        bool jsonish = range.type == "application/json" || range.type == "*/*" ||
                       range.type == "application/*";
        if (!jsonish)
            continue;
        auto as = range.params.find("as");
        if (as == range.params.end()) {
            out.format = OutputFormat::Json;
            return out;
        }
        if (as->second == "Table" && tablesAllowed && range.params["g"] == "meta.k8s.io" &&
            (range.params["v"] == "v1" || range.params["v"] == "v1beta1")) {
            out.format = OutputFormat::Table;
            return out;
        }
    }
    return Status(StatusCode::NotAcceptable,
                  "only the following media types are accepted: application/json, "
                  "application/json;as=Table;v=v1;g=meta.k8s.io");
}

Result<bool> dryRunOf(const http::Request &request) {
    if (!request.hasQuery("dryRun"))
        return false;
    std::string value = request.queryValue("dryRun");
    if (value == "All")
        return true;
    return Status(StatusCode::BadRequest,
                  "Invalid dry run value: \"" + value + "\"; supported values: All");
}

namespace {
Result<FieldValidation> fieldValidationOf(const http::Request &request) {
    std::string value = request.queryValue("fieldValidation");
    if (value.empty() || value == "Warn")
        return FieldValidation::Warn;
    if (value == "Strict")
        return FieldValidation::Strict;
    if (value == "Ignore")
        return FieldValidation::Ignore;
    return Status(StatusCode::BadRequest, "fieldValidation must be one of Ignore, Warn, Strict "
                                          "(got \"" +
                                              value + "\")");
}

std::string joinMessages(const std::vector<std::string> &items) {
    std::string out;
    for (const auto &i : items)
        out += (out.empty() ? "" : ", ") + i;
    return out;
}
} // namespace

namespace {
// The body as a JSON object, from JSON or from Kubernetes protobuf; `problems` gets duplicate
// JSON keys and protobuf field numbers this server does not know (fieldValidation decides).
Result<Json> decodeByMediaType(const http::Request &request, std::vector<std::string> &problems) {
    const std::string media = mediaType(request);
    if (media == protobuf::kProtobufMediaType) {
        auto decoded = protobuf::decodeKubernetesProtobuf(request.body);
        if (!decoded)
            return decoded.status();
        problems = std::move(decoded->unknown);
        return std::move(decoded->object);
    }
    if (!media.empty() && media != "application/json" && media != "*/*")
        return Status(StatusCode::UnsupportedMediaType,
                      "the body of the request was in an unknown format - accepted media types "
                      "include: application/json, application/vnd.kubernetes.protobuf");
    std::vector<std::string> duplicates;
    auto parsed = decodeBody(request.body, duplicates);
    if (!parsed)
        return Status(StatusCode::BadRequest,
                      "error decoding the request body: " + parsed.status().message());
    for (const auto &d : duplicates)
        problems.push_back("duplicate field \"" + d + "\"");
    return parsed;
}
} // namespace

Result<Json> decodeObjectBody(const http::Request &request, const model::ResourceType *type,
                              const model::Schema *schema, std::vector<std::string> &warnings) {
    if (request.body.size() > kMaxBodyBytes)
        return Status(StatusCode::TooLarge, "the request body is larger than 3 MiB");
    auto validation = fieldValidationOf(request);
    if (!validation)
        return validation.status();
    std::vector<std::string> decodeProblems;
    auto parsed = decodeByMediaType(request, decodeProblems);
    if (!parsed)
        return parsed;
    if (!parsed->is_object())
        return Status(StatusCode::BadRequest, "the request body must be a JSON object");
    if (!schema && type)
        schema = type->schema;
    SchemaFindings findings;
    if (schema)
        findings = checkAgainstSchema(*schema, *parsed);
    if (!findings.wrongTypes.empty())
        return Status(StatusCode::BadRequest, joinMessages(findings.wrongTypes));
    std::vector<std::string> problems = findings.unknownFields;
    problems.insert(problems.end(), decodeProblems.begin(), decodeProblems.end());
    if (!problems.empty() && *validation == FieldValidation::Strict)
        return Status(StatusCode::BadRequest, "strict decoding error: " + joinMessages(problems));
    if (*validation == FieldValidation::Warn)
        warnings.insert(warnings.end(), problems.begin(), problems.end());
    return parsed;
}

Result<PatchType> patchTypeOf(const http::Request &request) {
    if (request.body.size() > kMaxBodyBytes)
        return Status(StatusCode::TooLarge, "the request body is larger than 3 MiB");
    std::string media = mediaType(request);
    if (media == "application/merge-patch+json")
        return PatchType::Merge;
    if (media == "application/json-patch+json")
        return PatchType::Json;
    if (media == "application/strategic-merge-patch+json")
        return PatchType::StrategicMerge;
    if (media == "application/apply-patch+yaml")
        return PatchType::Apply;
    return Status(StatusCode::UnsupportedMediaType,
                  "the body of the request was in an unknown format - accepted media types "
                  "include: application/json-patch+json, application/merge-patch+json, "
                  "application/strategic-merge-patch+json");
}

std::string warningHeader(const std::vector<std::string> &warnings) {
    std::string out;
    for (const auto &w : warnings) {
        std::string escaped;
        for (char c : w) {
            if (c == '"' || c == '\\')
                escaped += '\\';
            if (c == '\r' || c == '\n')
                c = ' ';
            escaped += c;
        }
        out += (out.empty() ? "" : ", ") + std::string("299 - \"") + escaped + "\"";
    }
    return out;
}

void sendJsonText(http::ResponseSink &sink, int code, std::string body,
                  const std::vector<std::string> &warnings) {
    http::Response response;
    response.status = code;
    response.headers["Content-Type"] = "application/json";
    response.headers["Cache-Control"] = "no-cache, private";
    if (!warnings.empty())
        response.headers["Warning"] = warningHeader(warnings);
    response.body = std::move(body);
    sink.send(std::move(response));
}

void sendJson(http::ResponseSink &sink, int code, const Json &body,
              const std::vector<std::string> &warnings) {
    sendJsonText(sink, code, body.dump(-1, ' ', false, Json::error_handler_t::replace), warnings);
}

void sendError(http::ResponseSink &sink, const Status &status, const ErrorDetails &details) {
    sendJson(sink, status.httpCode(), statusObject(status, details));
}

void sendText(http::ResponseSink &sink, int code, std::string body) {
    http::Response response;
    response.status = code;
    response.headers["Content-Type"] = "text/plain; charset=utf-8";
    response.body = std::move(body);
    sink.send(std::move(response));
}

} // namespace cox::apiserver
