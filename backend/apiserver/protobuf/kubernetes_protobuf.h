// Kubernetes' protobuf envelope (application/vnd.kubernetes.protobuf): the magic "k8s\0", then a
// runtime.Unknown holding the apiVersion and kind and the object's own bytes. kubectl's `create`
// commands, `drain` and client-go send their bodies this way; the server turns them into the JSON
// object a JSON client would have sent and handles them from there as one.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <string>
#include <string_view>
#include <vector>

namespace cox::apiserver::protobuf {

using model::Json;

inline constexpr const char *kProtobufMediaType = "application/vnd.kubernetes.protobuf";

struct DecodedBody {
    Json object;                      // with apiVersion and kind set
    std::vector<std::string> unknown; // field numbers this server does not know
};

// BadRequest for a broken envelope or object; UnsupportedMediaType for a kind this server has no
// protobuf schema for or an encoded (compressed) payload.
Result<DecodedBody> decodeKubernetesProtobuf(std::string_view body);

} // namespace cox::apiserver::protobuf
