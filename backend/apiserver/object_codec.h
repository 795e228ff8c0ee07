// How API objects are laid out as store values. An object is stored as JSON text that starts with
// `{"apiVersion":...,"kind":...,"metadata":{` and carries no resourceVersion: the revision is the
// store's modRevision and is spliced into the text when the object is served. That lets list and
// watch answer with the stored bytes (one memcpy per item) instead of parsing and re-encoding.
#pragma once

#include "model/json.h"
#include "store/store.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace cox::apiserver {

using Json = model::Json;

// Encodes an object for the store: apiVersion, kind, metadata first; metadata.resourceVersion and
// metadata.managedFields dropped.
std::string encodeForStore(const Json &object);

// Appends the stored text to `out` with metadata.resourceVersion = `revision` added.
void appendWithRevision(std::string &out, std::string_view stored, int64_t revision);

// The stored text with its resourceVersion, as a standalone JSON document.
std::string storedTextWithRevision(const store::KeyValue &kv);

// Parses a stored value and sets metadata.resourceVersion from the key's modRevision.
// A value that is not JSON (never written by us) decodes to a null Json.
Json decodeStored(const store::KeyValue &kv);
Json decodeStored(std::string_view text, int64_t revision);

// Parses a resourceVersion string ("123"); false when it is not a non-negative integer.
bool parseRevision(std::string_view text, int64_t &out);

} // namespace cox::apiserver
