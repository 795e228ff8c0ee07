#include "image/manifest.h"

#include "image/sha256.h"

#include <nlohmann/json.hpp>

namespace cox::image {

using nlohmann::json;

namespace media {

std::string acceptHeader() {
    return std::string(kOciIndex) + ", " + kOciManifest + ", " + kDockerList + ", " +
           kDockerManifest;
}

bool isIndex(std::string_view mediaType) {
    return mediaType == kOciIndex || mediaType == kDockerList;
}

bool isManifest(std::string_view mediaType) {
    return mediaType == kOciManifest || mediaType == kDockerManifest;
}

bool isSupportedLayer(std::string_view mediaType) {
    return mediaType == kDockerLayerGzip || mediaType == kDockerLayerTar ||
           mediaType == "application/vnd.oci.image.layer.v1.tar" ||
           mediaType == "application/vnd.oci.image.layer.v1.tar+gzip";
}

} // namespace media

namespace {

Status bad(const std::string &what, const std::string &why) {
    return Status(StatusCode::Invalid, "malformed " + what + ": " + why);
}

Result<Descriptor> parseDescriptor(const json &j, const std::string &what) {
    if (!j.is_object()) {
        return bad(what, "descriptor is not an object");
    }
    Descriptor d;
    d.mediaType = j.value("mediaType", "");
    d.digest = j.value("digest", "");
    if (!Sha256::isValidDigest(d.digest)) {
        return bad(what, "descriptor digest \"" + d.digest + "\" is not a sha256 digest");
    }
    if (!j.contains("size") || !j["size"].is_number_integer() || j["size"].get<int64_t>() < 0) {
        return bad(what, "descriptor " + d.digest + " has no valid size");
    }
    d.size = j["size"].get<int64_t>();
    if (auto p = j.find("platform"); p != j.end() && p->is_object()) {
        d.os = p->value("os", "");
        d.architecture = p->value("architecture", "");
        d.variant = p->value("variant", "");
    }
    if (auto a = j.find("annotations"); a != j.end() && a->is_object()) {
        for (const auto &[k, v] : a->items()) {
            if (v.is_string()) {
                d.annotations[k] = v.get<std::string>();
            }
        }
    }
    return d;
}

std::vector<std::string> stringList(const json &j, const char *key) {
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array()) {
        for (const auto &v : *it) {
            if (v.is_string()) {
                out.push_back(v.get<std::string>());
            }
        }
    }
    return out;
}

} // namespace

std::string manifestMediaType(std::string_view body, const std::string &contentType) {
    auto doc = json::parse(body, nullptr, false);
    if (doc.is_object() && doc.contains("mediaType") && doc["mediaType"].is_string()) {
        return doc["mediaType"].get<std::string>();
    }
    if (doc.is_object() && doc.contains("manifests")) {
        return media::kOciIndex; // OCI allows omitting mediaType
    }
    if (doc.is_object() && doc.contains("layers") && doc.contains("config")) {
        return media::kOciManifest;
    }
    return contentType.substr(0, contentType.find(';'));
}

Result<std::vector<Descriptor>> parseIndex(std::string_view body) {
    auto doc = json::parse(body, nullptr, false);
    if (!doc.is_object() || !doc.contains("manifests") || !doc["manifests"].is_array()) {
        return bad("image index", "no manifests array");
    }
    std::vector<Descriptor> out;
    for (const auto &m : doc["manifests"]) {
        auto d = parseDescriptor(m, "image index");
        if (!d) {
            return d.status();
        }
        out.push_back(std::move(*d));
    }
    return out;
}

Result<ImageManifest> parseManifest(std::string_view body) {
    auto doc = json::parse(body, nullptr, false);
    if (!doc.is_object()) {
        return bad("manifest", "not a JSON object");
    }
    if (doc.value("schemaVersion", 0) != 2) {
        return Status(StatusCode::Invalid,
                      "unsupported manifest schema version (only schema 2 and OCI are supported)");
    }
    ImageManifest m;
    m.mediaType = doc.value("mediaType", media::kOciManifest);
    auto config = parseDescriptor(doc.value("config", json()), "manifest config");
    if (!config) {
        return config.status();
    }
    m.config = std::move(*config);
    if (!doc.contains("layers") || !doc["layers"].is_array()) {
        return bad("manifest", "no layers array");
    }
    for (const auto &l : doc["layers"]) {
        auto d = parseDescriptor(l, "manifest layer");
        if (!d) {
            return d.status();
        }
        m.layers.push_back(std::move(*d));
    }
    return m;
}

Result<ImageConfig> parseConfig(std::string_view body) {
    auto doc = json::parse(body, nullptr, false);
    if (!doc.is_object()) {
        return bad("image config", "not a JSON object");
    }
    ImageConfig c;
    c.os = doc.value("os", "");
    c.architecture = doc.value("architecture", "");
    if (auto cfg = doc.find("config"); cfg != doc.end() && cfg->is_object()) {
        c.entrypoint = stringList(*cfg, "Entrypoint");
        c.cmd = stringList(*cfg, "Cmd");
        c.env = stringList(*cfg, "Env");
        c.workingDir = cfg->value("WorkingDir", "");
        c.user = cfg->value("User", "");
        if (auto ports = cfg->find("ExposedPorts"); ports != cfg->end() && ports->is_object()) {
            for (const auto &[port, _] : ports->items()) {
                c.exposedPorts.push_back(port);
            }
        }
        if (auto labels = cfg->find("Labels"); labels != cfg->end() && labels->is_object()) {
            for (const auto &[k, v] : labels->items()) {
                if (v.is_string()) {
                    c.labels[k] = v.get<std::string>();
                }
            }
        }
    }
    if (auto rootfs = doc.find("rootfs"); rootfs != doc.end() && rootfs->is_object()) {
        c.diffIds = stringList(*rootfs, "diff_ids");
    }
    for (const auto &id : c.diffIds) {
        if (!Sha256::isValidDigest(id)) {
            return bad("image config", "diff_id \"" + id + "\" is not a sha256 digest");
        }
    }
    return c;
}

std::string hostArchitecture() {
#if defined(__x86_64__)
    return "amd64";
#elif defined(__aarch64__)
    return "arm64";
#elif defined(__arm__)
    return "arm";
#elif defined(__i386__)
    return "386";
#elif defined(__powerpc64__)
    return "ppc64le";
#elif defined(__s390x__)
    return "s390x";
#elif defined(__riscv)
    return "riscv64";
#else
    return "unknown";
#endif
}

Result<Descriptor> pickPlatform(const std::vector<Descriptor> &index,
                                const std::string &architecture) {
    std::string have;
    for (const auto &d : index) {
        if (d.os == "linux" && d.architecture == architecture &&
            (d.mediaType.empty() || media::isManifest(d.mediaType))) {
            return d;
        }
        if (!d.os.empty()) {
            have += (have.empty() ? "" : ", ") + d.os + "/" + d.architecture +
                    (d.variant.empty() ? "" : "/" + d.variant);
        }
    }
    return Status(StatusCode::NotFound,
                  "no manifest for linux/" + architecture +
                      " in the image index (it has: " + (have.empty() ? "none" : have) + ")");
}

} // namespace cox::image
