// ProtoJsonDecoder: one protobuf message, decoded by its ProtoSchema entry into the JSON object the
// same Go struct encodes to, so the rest of the server sees what a JSON client would have sent:
// zero values of Go value fields are left out (a pointer's zero is kept), embedded structs are
// flattened, bytes become base64, and Kubernetes' own wire types (Time, MicroTime, Quantity,
// IntOrString, FieldsV1) become their JSON forms. Unknown field numbers are collected (the
// caller applies fieldValidation to them), never silently dropped.
#pragma once

#include "apiserver/protobuf/proto_reader.h"
#include "apiserver/protobuf/proto_schema.h"
#include "model/json.h"

#include <string>
#include <vector>

namespace cox::apiserver::protobuf {

using model::Json;

class ProtoJsonDecoder {
public:
    explicit ProtoJsonDecoder(const ProtoSchema &schema)
        : m_schema(schema) {}

    // Decodes `bytes` as message `message` ("apps.v1.Deployment"); BadRequest on broken input.
    Result<Json> decode(const std::string &message, std::string_view bytes);
    // "unknown field \"spec\" #42" lines from the last decode() (the first 20, then "more
    // unknown fields").
    const std::vector<std::string> &unknownFields() const { return m_unknown; }

private:
    Status decodeInto(const MessageSpec &spec, std::string_view bytes, const std::string &path,
                      int depth, Json &out);
    Status decodeField(const FieldSpec &field, const WireField &wire, const std::string &path,
                       int depth, Json &out);
    // One value of `type`; a discarded Json when a Go value field holds its zero value.
    Result<Json> value(const std::string &type, const WireField &wire, const std::string &path,
                       int depth, bool keepZero);
    Result<Json> message(const std::string &type, std::string_view bytes, const std::string &path,
                         int depth);
    Result<std::pair<std::string, Json>> mapEntry(const FieldSpec &field, std::string_view bytes,
                                                  const std::string &path, int depth);

    void noteUnknown(const std::string &path, uint32_t number);

    const ProtoSchema &m_schema;
    std::vector<std::string> m_unknown;
    size_t m_unknownCount = 0;
};

} // namespace cox::apiserver::protobuf
