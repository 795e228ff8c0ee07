#include "model/served_version.h"

#include "model/hpa_conversion.h"
#include "model/schemas.h"

namespace cox::model {

namespace {
ServedVersion hpaV1() {
    const ResourceType *stored = findResource("autoscaling", "v2", "horizontalpodautoscalers");
    ServedVersion v;
    v.type = *stored;
    v.type.version = "v1";
    v.type.schema = schemas::horizontalPodAutoscalerV1();
    v.stored = stored;
    v.toServed = &hpaV2ToV1;
    v.toStored = &hpaV1ToV2;
    return v;
}

struct Registry {
    std::vector<ServedVersion> versions{hpaV1()};
    std::vector<const ServedVersion *> pointers;
    Registry() {
        for (const auto &v : versions)
            pointers.push_back(&v);
    }
};

const Registry &registry() {
    static const Registry r;
    return r;
}
} // namespace

const std::vector<const ServedVersion *> &servedVersions() {
    return registry().pointers;
}

const ServedVersion *findServedVersion(std::string_view group, std::string_view version,
                                       std::string_view plural) {
    for (const ServedVersion *v : servedVersions())
        if (v->type.group == group && v->type.version == version && v->type.plural == plural)
            return v;
    return nullptr;
}

} // namespace cox::model
