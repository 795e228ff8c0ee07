// The pod update rule: a pod's spec is fixed once created except for container images, a
// shorter activeDeadlineSeconds, added tolerations and terminationGracePeriodSeconds.
#include "model/object_validation_rules.h"

namespace cox::model::rules {

namespace {

const char *const kPodUpdateForbidden =
    "pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
    "additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set "
    "to 1 if it was previously negative)";

// Copies each container's image from `from` into `into` (same index) so images compare equal.
void copyImages(Json &into, const Json &from, const char *list) {
    if (!into.is_object() || !into.contains(list) || !into[list].is_array())
        return;
    const Json &source = array(from, list);
    Json &target = into[list];
    for (size_t i = 0; i < target.size() && i < source.size(); ++i)
        if (target[i].is_object() && source[i].is_object() && source[i].contains("image"))
            target[i]["image"] = source[i]["image"];
}

bool tolerationsOnlyAdded(const Json &now, const Json &old) {
    for (const Json &t : array(old, "tolerations")) {
        bool kept = false;
        for (const Json &n : array(now, "tolerations"))
            kept = kept || n == t;
        if (!kept)
            return false;
    }
    return true;
}

void validateActiveDeadline(Errors &errs, const Json &spec, const Json &oldSpec) {
    auto was = integer(oldSpec, "activeDeadlineSeconds");
    if (!was)
        return;
    auto now = integer(spec, "activeDeadlineSeconds");
    if (!now)
        errs.invalid("spec.activeDeadlineSeconds", Json(),
                     "must not update from a positive "
                     "integer to nil value");
    else if (*now > *was)
        errs.invalid("spec.activeDeadlineSeconds", *now,
                     "must be less than or equal to previous value");
}

} // namespace

void validatePodUpdate(Errors &errs, const Json &obj, const Json &old) {
    const Json &spec = object(obj, "spec");
    const Json &oldSpec = object(old, "spec");
    validateActiveDeadline(errs, spec, oldSpec);
    if (!tolerationsOnlyAdded(spec, oldSpec))
        errs.forbidden("spec.tolerations", "existing toleration can not be modified except its "
                                           "tolerationSeconds");
    // Compare the specs with every mutable field made equal; any remaining difference is a
    // change Kubernetes forbids.
    Json mutated = spec;
    copyImages(mutated, oldSpec, "containers");
    copyImages(mutated, oldSpec, "initContainers");
    for (const char *f :
         {"activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds"}) {
        mutated.erase(f);
        if (const Json *v = member(oldSpec, f))
            mutated[f] = *v;
    }
    if (mutated != oldSpec)
        errs.forbidden("spec", kPodUpdateForbidden);
}

} // namespace cox::model::rules
