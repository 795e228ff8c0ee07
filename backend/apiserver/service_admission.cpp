// ResourceService: cluster IP and node port allocation for Services.
#include "apiserver/object_meta.h"
#include "apiserver/resource_service.h"
#include "apiserver/service_allocator.h"

namespace cox::apiserver {

namespace {
const model::ResourceType &servicesType() {
    static const model::ResourceType *type = model::findResource("", "v1", "services");
    return *type;
}

std::string specString(const Json &svc, const char *field) {
    if (!svc.contains("spec") || !svc["spec"].is_object())
        return {};
    const auto &spec = svc["spec"];
    return spec.contains(field) && spec[field].is_string() ? spec[field].get<std::string>()
                                                           : std::string();
}
} // namespace

Status ResourceService::admitServiceCreate(Json &object, const CallContext &ctx) {
    if (Status s = m_allocator->load(*m_store); !s)
        return s;
    if (!object.contains("spec") || !object["spec"].is_object())
        object["spec"] = Json::object();
    Json &spec = object["spec"];
    std::string type = specString(object, "type");
    if (type.empty())
        type = "ClusterIP";
    std::string name = metaString(object, "name");
    auto invalid = [&](const std::string &field, const std::string &value, const Status &why) {
        return invalidError(servicesType(), name,
                            {{model::FieldError::Type::Invalid, field, value, why.message()}},
                            ctx.details);
    };
    if (type == "ExternalName")
        return Status::ok();
    std::string requested = specString(object, "clusterIP");
    if (requested.empty() && spec.contains("clusterIPs") && spec["clusterIPs"].is_array() &&
        !spec["clusterIPs"].empty() && spec["clusterIPs"][0].is_string())
        requested = spec["clusterIPs"][0].get<std::string>();
    std::string ip = requested;
    if (requested != "None") {
        auto allocated = m_allocator->allocateIp(requested);
        if (!allocated)
            return invalid("spec.clusterIPs[0]", requested, allocated.status());
        ip = *allocated;
    }
    spec["clusterIP"] = ip;
    spec["clusterIPs"] = Json::array({ip});
    if (type != "NodePort" && type != "LoadBalancer")
        return Status::ok();
    if (!spec.contains("ports") || !spec["ports"].is_array())
        return Status::ok();
    for (size_t i = 0; i < spec["ports"].size(); ++i) {
        Json &port = spec["ports"][i];
        if (!port.is_object())
            continue;
        int wanted = port.contains("nodePort") && port["nodePort"].is_number_integer()
                         ? port["nodePort"].get<int>()
                         : 0;
        auto allocated = m_allocator->allocatePort(wanted);
        if (!allocated) {
            for (size_t j = 0; j < i; ++j)
                m_allocator->releasePort(spec["ports"][j].value("nodePort", 0));
            if (ip != "None")
                m_allocator->releaseIp(ip);
            return invalid("spec.ports[" + std::to_string(i) + "].nodePort", std::to_string(wanted),
                           allocated.status());
        }
        port["nodePort"] = *allocated;
    }
    return Status::ok();
}

void ResourceService::releaseServiceResources(const Json &service) {
    std::string ip = specString(service, "clusterIP");
    if (!ip.empty() && ip != "None")
        m_allocator->releaseIp(ip);
    if (!service.contains("spec") || !service["spec"].is_object())
        return;
    const Json &spec = service["spec"];
    if (!spec.contains("ports") || !spec["ports"].is_array())
        return;
    for (const auto &p : spec["ports"])
        if (p.is_object() && p.contains("nodePort") && p["nodePort"].is_number_integer())
            m_allocator->releasePort(p["nodePort"].get<int>());
}

} // namespace cox::apiserver
