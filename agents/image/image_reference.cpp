#include "image/image_reference.h"

#include "image/sha256.h"

#include <regex>

namespace cox::image {
namespace {

// From the distribution reference grammar: lowercase components separated by ., _, __ or dashes.
const std::regex &componentRe() {
    static const std::regex re("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    return re;
}

const std::regex &tagRe() {
    static const std::regex re("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    return re;
}

const std::regex &domainRe() {
    // host (DNS labels or IPv4), or [IPv6], with an optional port.
    static const std::regex re("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                               "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                               "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    return re;
}

Status invalid(std::string_view text, const std::string &why) {
    return Status(StatusCode::Invalid,
                  "invalid image reference \"" + std::string(text) + "\": " + why);
}

// Docker's rule: the first component is a registry if it has a '.' or ':' or is "localhost"
// (or has uppercase letters, which repositories cannot).
bool looksLikeDomain(std::string_view first) {
    if (first == "localhost") {
        return true;
    }
    for (char c : first) {
        if (c == '.' || c == ':' || (c >= 'A' && c <= 'Z') || c == '[') {
            return true;
        }
    }
    return false;
}

} // namespace

Result<ImageReference> ImageReference::parse(std::string_view text) {
    if (text.empty()) {
        return invalid(text, "empty name");
    }
    if (text.size() > 4096) {
        return invalid(text.substr(0, 64), "too long");
    }
    ImageReference ref;
    std::string_view rest = text;
    if (auto at = rest.find('@'); at != std::string_view::npos) {
        ref.digest = std::string(rest.substr(at + 1));
        rest = rest.substr(0, at);
        if (!Sha256::isValidDigest(ref.digest)) {
            return invalid(text, "digest must be sha256: followed by 64 lowercase hex digits");
        }
    }
    auto slash = rest.find('/');
    std::string_view path = rest;
    if (slash != std::string_view::npos && looksLikeDomain(rest.substr(0, slash))) {
        ref.domain = std::string(rest.substr(0, slash));
        path = rest.substr(slash + 1);
        if (!std::regex_match(ref.domain, domainRe())) {
            return invalid(text, "malformed registry host \"" + ref.domain + "\"");
        }
    } else {
        ref.domain = "docker.io";
    }
    auto lastSlash = path.rfind('/');
    auto colon = path.rfind(':');
    if (colon != std::string_view::npos &&
        (lastSlash == std::string_view::npos || colon > lastSlash)) {
        ref.tag = std::string(path.substr(colon + 1));
        ref.explicitTag = true;
        path = path.substr(0, colon);
        if (!std::regex_match(ref.tag, tagRe())) {
            return invalid(text, "malformed tag \"" + ref.tag + "\"");
        }
    }
    if (path.empty()) {
        return invalid(text, "missing repository name");
    }
    size_t start = 0;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        std::string component(
            path.substr(start, end == std::string_view::npos ? end : end - start));
        if (!std::regex_match(component, componentRe())) {
            return invalid(text, "repository path component \"" + component +
                                     "\" must be lowercase letters, digits and separators");
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    ref.repository = std::string(path);
    if (ref.domain == "docker.io" || ref.domain == "index.docker.io") {
        ref.domain = "docker.io";
        if (ref.repository.find('/') == std::string::npos) {
            ref.repository = "library/" + ref.repository;
        }
    }
    if (ref.repository.size() > 255) {
        return invalid(text, "repository name longer than 255 characters");
    }
    if (ref.tag.empty() && ref.digest.empty()) {
        ref.tag = "latest";
    }
    return ref;
}

std::string ImageReference::registryHost() const {
    if (domain == "docker.io") {
        return "registry-1.docker.io";
    }
    return domain;
}

std::string ImageReference::canonical() const {
    if (!digest.empty()) {
        return name() + "@" + digest;
    }
    return name() + ":" + tag;
}

} // namespace cox::image
