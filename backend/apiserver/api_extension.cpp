// ApiExtension discovery documents.
#include "apiserver/api_extension.h"

namespace cox::apiserver {

using Json = model::Json;

Json extensionGroupJson(const ApiExtension &extension) {
    Json version = {{"groupVersion", extension.group() + "/" + extension.version()},
                    {"version", extension.version()}};
    return {{"name", extension.group()},
            {"versions", Json::array({version})},
            {"preferredVersion", version}};
}

Json extensionResourceList(const ApiExtension &extension) {
    return {{"kind", "APIResourceList"},
            {"apiVersion", "v1"},
            {"groupVersion", extension.group() + "/" + extension.version()},
            {"resources", extension.resources()}};
}

} // namespace cox::apiserver
