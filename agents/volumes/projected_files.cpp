// configMap / secret payload construction.
#include "volumes/projected_files.h"

namespace cox::agent::volumes {

namespace {
constexpr mode_t kDefaultMode = 0644; // kubelet's defaultMode (420) for both kinds

struct Names {
    const char *kind; // "configmap" / "secret", as kubelet's messages say
    const char *nameField;
};

Names namesFor(SourceKind kind) {
    return kind == SourceKind::ConfigMap ? Names{"configmap", "name"}
                                         : Names{"secret", "secretName"};
}

// key -> decoded content of every entry in the object.
Result<std::map<std::string, std::string>> objectData(const Json &object, SourceKind kind) {
    std::map<std::string, std::string> data;
    auto addAll = [&](const char *field, bool base64) -> Status {
        if (!object.contains(field) || !object[field].is_object())
            return Status::ok();
        for (const auto &[key, value] : object[field].items()) {
            std::string text = value.is_string() ? value.get<std::string>() : value.dump();
            if (!base64) {
                data[key] = text;
                continue;
            }
            auto decoded = decodeBase64(text);
            if (!decoded)
                return Status(StatusCode::Invalid,
                              "key \"" + key + "\": " + decoded.status().message());
            data[key] = *decoded;
        }
        return Status::ok();
    };
    Status s = kind == SourceKind::ConfigMap ? addAll("data", false) : addAll("data", true);
    if (s.isOk())
        s = kind == SourceKind::ConfigMap ? addAll("binaryData", true)
                                          : addAll("stringData", false);
    if (!s.isOk())
        return s;
    return data;
}
} // namespace

Result<std::string> decodeBase64(const std::string &text) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z')
            return c - 'A';
        if (c >= 'a' && c <= 'z')
            return c - 'a' + 26;
        if (c >= '0' && c <= '9')
            return c - '0' + 52;
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    };
    std::string out;
    uint32_t bits = 0;
    int count = 0;
    size_t i = 0;
    for (; i < text.size() && text[i] != '='; ++i) {
        int v = value(text[i]);
        if (v < 0)
            return Status(StatusCode::Invalid, "invalid base64 data");
        bits = (bits << 6) | uint32_t(v);
        if (++count == 4) {
            out.push_back(char(bits >> 16));
            out.push_back(char(bits >> 8));
            out.push_back(char(bits));
            bits = 0;
            count = 0;
        }
    }
    if (count == 1)
        return Status(StatusCode::Invalid, "invalid base64 data");
    if (count == 2)
        out.push_back(char(bits >> 4));
    if (count == 3) {
        out.push_back(char(bits >> 10));
        out.push_back(char(bits >> 2));
    }
    return out;
}

Result<Payload> projectedFiles(ObjectSource &source, const std::string &ns, const Json &volume,
                               SourceKind kind, mode_t modeMask) {
    Names names = namesFor(kind);
    const Json &spec = volume[kind == SourceKind::ConfigMap ? "configMap" : "secret"];
    std::string name = spec.value(names.nameField, "");
    bool optional = spec.value("optional", false);
    mode_t defaultMode = mode_t(spec.value("defaultMode", int(kDefaultMode)));
    auto object =
        kind == SourceKind::ConfigMap ? source.configMap(ns, name) : source.secret(ns, name);
    if (!object && object.status().code() == StatusCode::NotFound) {
        if (optional)
            return Payload{};
        return Status(StatusCode::NotFound, std::string(names.kind) + " \"" + name +
                                                "\" not found in namespace " + ns + " (volume \"" +
                                                volume.value("name", "") +
                                                "\"); mark it optional or create it");
    }
    if (!object)
        return object.status();
    auto data = objectData(*object, kind);
    if (!data)
        return data.status();
    Payload payload;
    if (!spec.contains("items") || spec["items"].empty()) {
        for (auto &[key, content] : *data)
            payload[key] = {std::move(content), mode_t(defaultMode & modeMask)};
        return payload;
    }
    for (const Json &item : spec["items"]) {
        std::string key = item.value("key", "");
        auto it = data->find(key);
        if (it == data->end()) {
            if (optional)
                continue;
            return Status(StatusCode::NotFound,
                          std::string(names.kind) + " \"" + name + "\" in namespace " + ns +
                              " has no key \"" + key + "\" (volume \"" + volume.value("name", "") +
                              "\"); fix items or mark it optional");
        }
        mode_t mode = mode_t(item.value("mode", int(defaultMode)));
        payload[item.value("path", key)] = {it->second, mode_t(mode & modeMask)};
    }
    return payload;
}

} // namespace cox::agent::volumes
