#include "apiserver/protobuf/kubernetes_protobuf.h"

#include "apiserver/protobuf/proto_json.h"

namespace cox::apiserver::protobuf {

namespace {

constexpr std::string_view kMagic{"k8s\0", 4};

// "apps/v1" -> "apps.v1"; "v1" -> "core.v1"; "coordination.k8s.io/v1" -> "coordination.v1".
std::string packageOf(const std::string &apiVersion) {
    const auto slash = apiVersion.find('/');
    if (slash == std::string::npos)
        return "core." + apiVersion;
    const std::string group = apiVersion.substr(0, slash);
    return group.substr(0, group.find('.')) + "." + apiVersion.substr(slash + 1);
}

// The schema's name for the message of a kind; options types live in meta.v1 for every group.
const MessageSpec *messageFor(const ProtoSchema &schema, const std::string &apiVersion,
                              const std::string &kind, std::string &name) {
    name = packageOf(apiVersion) + "." + kind;
    if (const MessageSpec *spec = schema.message(name))
        return spec;
    name = "meta.v1." + kind;
    return schema.message(name);
}

struct Envelope {
    std::string apiVersion;
    std::string kind;
    std::string_view raw; // the object's own message
    std::string_view contentEncoding;
};

Result<Envelope> readEnvelope(std::string_view bytes, ProtoJsonDecoder &decoder) {
    Envelope out;
    ProtoReader reader(bytes);
    while (!reader.atEnd()) {
        auto wire = reader.next();
        if (!wire)
            return Status(wire.status().code(),
                          "the protobuf envelope: " + wire.status().message());
        if (wire->type != WireType::Bytes)
            continue;
        if (wire->number == 1) {
            auto typeMeta = decoder.decode("runtime.TypeMeta", wire->bytes);
            if (!typeMeta)
                return typeMeta.status();
            out.apiVersion = typeMeta->value("apiVersion", "");
            out.kind = typeMeta->value("kind", "");
        } else if (wire->number == 2) {
            out.raw = wire->bytes;
        } else if (wire->number == 3) {
            out.contentEncoding = wire->bytes;
        }
    }
    return out;
}

} // namespace

Result<DecodedBody> decodeKubernetesProtobuf(std::string_view body) {
    if (body.substr(0, kMagic.size()) != kMagic)
        return Status(StatusCode::BadRequest,
                      "a protobuf body must start with the Kubernetes magic \"k8s\\x00\"");
    const ProtoSchema &schema = ProtoSchema::kubernetes();
    ProtoJsonDecoder decoder(schema);
    auto envelope = readEnvelope(body.substr(kMagic.size()), decoder);
    if (!envelope)
        return envelope.status();
    if (!envelope->contentEncoding.empty())
        return Status(StatusCode::UnsupportedMediaType,
                      "protobuf bodies with a contentEncoding are not supported; send them "
                      "unencoded or as application/json");
    if (envelope->apiVersion.empty() || envelope->kind.empty())
        return Status(StatusCode::BadRequest, "the protobuf envelope names no apiVersion and kind");
    std::string message;
    if (!messageFor(schema, envelope->apiVersion, envelope->kind, message))
        return Status(StatusCode::UnsupportedMediaType,
                      "this server reads " + envelope->apiVersion + " " + envelope->kind +
                          " only as application/json, not as protobuf");
    auto object = decoder.decode(message, envelope->raw);
    if (!object)
        return object.status();
    DecodedBody out{std::move(*object), decoder.unknownFields()};
    out.object["apiVersion"] = envelope->apiVersion;
    out.object["kind"] = envelope->kind;
    return out;
}

} // namespace cox::apiserver::protobuf
