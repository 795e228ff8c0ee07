// The JSON forms of protobuf scalars and of Kubernetes' own wire types: Time and MicroTime
// (seconds + nanos -> RFC 3339), Quantity and IntOrString (-> their string or number), FieldsV1
// (raw JSON bytes -> the JSON they hold). Strings must be UTF-8 (JSON cannot carry anything else);
// bytes become base64, as Go's encoding/json writes []byte.
#pragma once

#include "apiserver/protobuf/proto_reader.h"
#include "model/json.h"

#include <string>
#include <vector>

namespace cox::apiserver::protobuf {

using model::Json;

// "string", "bytes", "bool", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "double",
// "float".
bool isScalar(const std::string &type);
Result<Json> scalarToJson(const std::string &type, const WireField &wire, const std::string &path);
// The items of a packed repeated scalar field.
Result<std::vector<Json>> unpack(const std::string &type, std::string_view bytes,
                                 const std::string &path);

bool isWellKnown(const std::string &type);
Result<Json> wellKnownToJson(const std::string &type, std::string_view bytes,
                             const std::string &path);

// null, 0, false and "" (what Go's omitempty leaves out of a value field).
bool isZero(const Json &value);
// The value a map entry without a value on the wire holds.
Json zeroOf(const std::string &type);

} // namespace cox::apiserver::protobuf
