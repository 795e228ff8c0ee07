// ResourceService: list with selectors and limit/continue pagination.
#include "apiserver/object_codec.h"
#include "apiserver/resource_service.h"

#include <cstring>

namespace cox::apiserver {

namespace {
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64Url(std::string_view in) {
    std::string out;
    uint32_t buf = 0;
    int bits = 0;
    for (unsigned char c : in) {
        buf = (buf << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kB64[(buf >> bits) & 63];
        }
    }
    if (bits > 0)
        out += kB64[(buf << (6 - bits)) & 63];
    return out;
}

bool unbase64Url(std::string_view in, std::string &out) {
    uint32_t buf = 0;
    int bits = 0;
    for (char c : in) {
        const char *p = std::strchr(kB64, c);
        if (!p || c == '\0')
            return false;
        buf = (buf << 6) | uint32_t(p - kB64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((buf >> bits) & 0xff);
        }
    }
    return true;
}

// The continue token: "<revision>:<last key returned>", base64url-encoded so clients treat it as
// opaque.
std::string makeContinue(int64_t revision, const std::string &key) {
    return base64Url(std::to_string(revision) + ":" + key);
}

Status parseContinue(const std::string &token, const std::string &prefix, std::string &key) {
    std::string raw;
    auto colon = std::string::npos;
    if (unbase64Url(token, raw))
        colon = raw.find(':');
    if (colon == std::string::npos || raw.compare(colon + 1, prefix.size(), prefix) != 0)
        return Status(StatusCode::BadRequest, "continue key is not valid: " + token);
    key = raw.substr(colon + 1);
    return Status::ok();
}
} // namespace

Result<ListPage> ResourceService::listRaw(const Type &type, const std::string &ns,
                                          const ListOptions &opts, const CallContext &ctx) {
    if (ctx.details)
        *ctx.details = {"", type.group, type.plural, {}, 0};
    auto predicate = compileSelectors(type, opts.labelSelector, opts.fieldSelector);
    if (!predicate)
        return predicate.status();
    if (opts.limit < 0)
        return Status(StatusCode::BadRequest, "limit must be a non-negative integer");
    const std::string prefix = prefixFor(type, ns);
    std::string startAfter;
    if (!opts.continueToken.empty())
        if (Status s = parseContinue(opts.continueToken, prefix, startAfter); !s)
            return s;
    ListPage page;
    bool first = true;
    while (true) {
        int64_t want = opts.limit > 0 ? opts.limit - int64_t(page.items.size()) : 0;
        auto chunk = m_store->list(prefix, want, startAfter);
        if (!chunk)
            return chunk.status();
        if (first)
            page.revision = chunk->revision;
        first = false;
        for (auto &kv : chunk->items) {
            startAfter = kv.key;
            if (*predicate && !(*predicate)(decodeStored(kv)))
                continue;
            page.items.push_back(std::move(kv));
        }
        if (!chunk->more || chunk->items.empty())
            break;
        if (opts.limit > 0 && int64_t(page.items.size()) >= opts.limit) {
            page.continueToken = makeContinue(page.revision, startAfter);
            break;
        }
    }
    return page;
}

std::string encodeList(const model::ResourceType &type, const ListPage &page) {
    size_t total = 256;
    for (const auto &kv : page.items)
        total += kv.value->size() + 32;
    std::string out;
    out.reserve(total);
    out += "{\"apiVersion\":\"";
    out += type.apiVersion();
    out += "\",\"kind\":\"";
    out += type.kind;
    out += "List\",\"metadata\":{\"resourceVersion\":\"";
    out += std::to_string(page.revision);
    out += '"';
    if (!page.continueToken.empty()) {
        out += ",\"continue\":\"";
        out += page.continueToken;
        out += '"';
    }
    out += "},\"items\":[";
    bool comma = false;
    for (const auto &kv : page.items) {
        if (comma)
            out += ',';
        comma = true;
        appendWithRevision(out, *kv.value, kv.modRevision);
    }
    out += "]}";
    return out;
}

Result<Json> ResourceService::list(const Type &type, const std::string &ns, const ListOptions &opts,
                                   const CallContext &ctx) {
    auto page = listRaw(type, ns, opts, ctx);
    if (!page)
        return page.status();
    return Json::parse(encodeList(type, *page));
}

} // namespace cox::apiserver
