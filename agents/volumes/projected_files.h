// Turns a configMap or secret volume source plus the object it names into the files to write
// (AtomicWriter payload): keys or `items` (key -> path, per-item mode), defaultMode, optional.
#pragma once

#include "common/result.h"
#include "model/json.h"
#include "volumes/atomic_writer.h"
#include "volumes/object_source.h"

#include <optional>
#include <string>

namespace cox::agent::volumes {

enum class SourceKind { ConfigMap, Secret };

// `volume` is the pod's volume entry ({"name":..., "configMap": {...}} or "secret"). Returns the
// payload; an optional source that does not exist yields an empty payload. `modeMask` limits
// every file mode (0600 for secrets written to disk by a non-root agent).
Result<Payload> projectedFiles(ObjectSource &source, const std::string &ns, const Json &volume,
                               SourceKind kind, mode_t modeMask = 07777);

// Standard base64 (secret data, configMap binaryData).
Result<std::string> decodeBase64(const std::string &text);

} // namespace cox::agent::volumes
