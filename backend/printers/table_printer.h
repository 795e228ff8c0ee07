// Table printers: turn API objects into the meta.k8s.io/v1 Table that `kubectl get` asks for
// (Accept: ...;as=Table), with the same columns and cell formatting as Kubernetes' server-side
// printers (pkg/printers/internalversion). Cells for priority-1 columns are always included;
// kubectl shows them only with -o wide.
#pragma once

#include "common/clock.h"
#include "model/json.h"
#include "model/resource_type.h"

#include <vector>

namespace cox::printers {

struct TableOptions {
    WallTime now;              // ages are measured against this
    bool includeObject = true; // a PartialObjectMetadata per row (kubectl's includeObject=Metadata)
};

// A Table for `objects`, which must all be of `type`. metadata.resourceVersion (and continue)
// are left for the caller, who knows the list's revision.
model::Json toTable(const model::ResourceType &type,
                    const std::vector<const model::Json *> &objects, const TableOptions &opts);

// Just the column definitions toTable() uses for `type`.
model::Json columnDefinitions(const model::ResourceType &type);

} // namespace cox::printers
