#include "apiserver/node_restriction.h"

#include "apiserver/object_meta.h"

namespace cox::apiserver {

namespace {
Status forbid(const std::string &node, const std::string &what) {
    return Status(StatusCode::Forbidden, "node \"" + node + "\" is not allowed to " + what);
}

std::string podNodeName(const model::Json *pod) {
    if (!pod || !pod->contains("spec") || !(*pod)["spec"].is_object())
        return {};
    const auto &spec = (*pod)["spec"];
    return spec.contains("nodeName") && spec["nodeName"].is_string()
               ? spec["nodeName"].get<std::string>()
               : std::string();
}
} // namespace

Status admitNodeWrite(const auth::UserInfo &user, const std::string &verb,
                      const model::ResourceType &type, const std::string &subresource,
                      const model::Json *old, const model::Json *updated) {
    const std::string node = user.nodeName();
    if (node.empty())
        return Status::ok();
    const model::Json *subject = updated ? updated : old;
    const std::string name = subject ? metaString(*subject, "name") : std::string();
    if (type.group.empty() && type.plural == "nodes") {
        if (name != node || (old && metaString(*old, "name") != node))
            return forbid(node, verb + " node \"" + name + "\"");
        return Status::ok();
    }
    if (type.group == "coordination.k8s.io" && type.plural == "leases") {
        if (name != node || metaString(*subject, "namespace") != "kube-node-lease")
            return forbid(node, verb + " lease \"" + name + "\"");
        return Status::ok();
    }
    if ((type.group.empty() || type.group == "events.k8s.io") && type.plural == "events")
        return Status::ok();
    if (type.group.empty() && type.plural == "pods") {
        if (verb == "create")
            return forbid(node, "create pods");
        if (podNodeName(old) != node)
            return forbid(node, verb + " pod \"" + name + "\" that is not bound to it");
        if (verb == "delete" || subresource == "status")
            return Status::ok();
        return forbid(node, verb + " pod \"" + name + "\" (only its status)");
    }
    return forbid(node, verb + " " + type.plural);
}

} // namespace cox::apiserver
