#include "apiserver/object_codec.h"

#include <charconv>

namespace cox::apiserver {

namespace {
constexpr std::string_view kMetadataOpen = "\"metadata\":{";
}

std::string encodeForStore(const Json &object) {
    std::string out;
    out.reserve(1024);
    out += "{\"apiVersion\":";
    out += object.contains("apiVersion") ? object["apiVersion"].dump() : "\"\"";
    out += ",\"kind\":";
    out += object.contains("kind") ? object["kind"].dump() : "\"\"";
    Json metadata = object.contains("metadata") && object["metadata"].is_object()
                        ? object["metadata"]
                        : Json::object();
    metadata.erase("resourceVersion");
    metadata.erase("managedFields");
    out += ",\"metadata\":";
    out += metadata.dump();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == "apiVersion" || it.key() == "kind" || it.key() == "metadata")
            continue;
        out += ',';
        out += Json(it.key()).dump();
        out += ':';
        out += it.value().dump();
    }
    out += '}';
    return out;
}

void appendWithRevision(std::string &out, std::string_view stored, int64_t revision) {
    // The first unescaped `"metadata":{` is ours: apiVersion and kind precede it and are strings,
    // in which a quote is always escaped.
    size_t pos = stored.find(kMetadataOpen);
    if (pos == std::string_view::npos) {
        Json parsed = decodeStored(stored, revision);
        out += parsed.is_null() ? std::string("null") : parsed.dump();
        return;
    }
    size_t cut = pos + kMetadataOpen.size();
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, revision);
    (void)ec;
    out.append(stored.data(), cut);
    out += "\"resourceVersion\":\"";
    out.append(digits, end);
    out += '"';
    if (cut < stored.size() && stored[cut] != '}')
        out += ',';
    out.append(stored.data() + cut, stored.size() - cut);
}

std::string storedTextWithRevision(const store::KeyValue &kv) {
    std::string out;
    if (!kv.value)
        return "null";
    out.reserve(kv.value->size() + 32);
    appendWithRevision(out, *kv.value, kv.modRevision);
    return out;
}

Json decodeStored(std::string_view text, int64_t revision) {
    Json parsed = Json::parse(text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return Json();
    if (!parsed.contains("metadata") || !parsed["metadata"].is_object())
        parsed["metadata"] = Json::object();
    parsed["metadata"]["resourceVersion"] = std::to_string(revision);
    return parsed;
}

Json decodeStored(const store::KeyValue &kv) {
    if (!kv.value)
        return Json();
    return decodeStored(*kv.value, kv.modRevision);
}

bool parseRevision(std::string_view text, int64_t &out) {
    if (text.empty())
        return false;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size() && out >= 0;
}

} // namespace cox::apiserver
