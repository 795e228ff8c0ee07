#include "pull_secrets.h"

#include "common/log.h"
#include "image/image_reference.h"
#include "image/registry_auth.h"

namespace cox::agent {

namespace {

std::optional<ImageAuth> authInSecret(const Json &secret, const std::string &domain) {
    for (const char *key : {".dockerconfigjson", ".dockercfg"}) {
        const std::string encoded = secret.value("/data"_json_pointer / key, "");
        if (encoded.empty())
            continue;
        auto config = image::base64Decode(encoded);
        if (!config)
            continue;
        auto auth = image::authFromDockerConfig(*config, domain);
        if (auth && *auth)
            return **auth;
    }
    return std::nullopt;
}

} // namespace

std::optional<ImageAuth> pullAuthFor(ApiClient &api, const Json &pod, const std::string &image) {
    const Json secrets = pod.value("/spec/imagePullSecrets"_json_pointer, Json::array());
    if (!secrets.is_array() || secrets.empty())
        return std::nullopt;
    auto ref = image::ImageReference::parse(image);
    if (!ref)
        return std::nullopt;
    const std::string ns = pod.value("/metadata/namespace"_json_pointer, "default");
    for (const auto &s : secrets) {
        const std::string name = s.is_object() ? s.value("name", "") : std::string();
        auto secret = api.get("/api/v1/namespaces/" + ns + "/secrets/" + name);
        if (!secret) {
            COX_LOG(Warn, "agent")
                << "imagePullSecret " << ns << "/" << name << ": " << secret.status().message();
            continue;
        }
        if (auto auth = authInSecret(*secret, ref->domain))
            return auth;
    }
    return std::nullopt;
}

} // namespace cox::agent
