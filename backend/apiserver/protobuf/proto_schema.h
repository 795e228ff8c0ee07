// ProtoSchema: the protobuf messages of the Kubernetes kinds we serve (field numbers, JSON names,
// types), read from k8s_schema.txt, which scripts/gen-k8s-proto-schema.py takes from the
// descriptors kubectl carries. It is what lets the API server read the protobuf bodies that
// `kubectl create ...` and client-go send.
#pragma once

#include "common/result.h"

#include <map>
#include <string>
#include <string_view>

namespace cox::apiserver::protobuf {

struct FieldSpec {
    std::string name;     // the JSON name
    std::string type;     // a scalar ("string", "int32", ...) or a message name ("core.v1.Pod")
    std::string mapValue; // for maps: `type` holds the key type, this the value type
    bool pointer = false; // a pointer in Go: a zero value on the wire is kept, not dropped
    bool repeated = false;
    bool isMap = false;
    bool inlined = false; // Go embeds it: its fields go into the parent's JSON object
};

struct MessageSpec {
    std::string name;
    std::map<uint32_t, FieldSpec> fields;
};

class ProtoSchema {
public:
    // The schema built into the server (k8s_schema.txt).
    static const ProtoSchema &kubernetes();
    // Parses the schema text format (see k8s_schema.txt's header).
    static Result<ProtoSchema> parse(std::string_view text);

    const MessageSpec *message(const std::string &name) const;
    size_t size() const { return m_messages.size(); }

private:
    std::map<std::string, MessageSpec, std::less<>> m_messages;
};

} // namespace cox::apiserver::protobuf
