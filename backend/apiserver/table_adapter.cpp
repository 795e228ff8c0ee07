// meta.k8s.io/v1 Tables from backend/printers, with kubectl's includeObject choice applied.
#include "apiserver/model_adapter.h"
#include "printers/table_printer.h"

namespace cox::apiserver {

Json objectsToTable(const model::ResourceType &type, const std::vector<Json> &objects,
                    const std::string &includeObject, WallTime now) {
    std::vector<const Json *> pointers;
    pointers.reserve(objects.size());
    for (const auto &o : objects)
        pointers.push_back(&o);
    printers::TableOptions opts;
    opts.now = now;
    opts.includeObject = includeObject != "None";
    Json table = printers::toTable(type, pointers, opts);
    if (includeObject == "Object" && table.contains("rows") && table["rows"].is_array())
        for (size_t i = 0; i < table["rows"].size() && i < objects.size(); ++i)
            table["rows"][i]["object"] = objects[i];
    return table;
}

} // namespace cox::apiserver
