// ImageReference: a parsed image name as Docker and Kubernetes write it ("busybox",
// "library/busybox:1.36", "127.0.0.1:5000/test/app:v1", "host/x@sha256:..."). Docker Hub names
// are normalised (docker.io + "library/") so one image has one canonical string in the store.
#pragma once

#include "common/result.h"

#include <string>
#include <string_view>

namespace cox::image {

struct ImageReference {
    std::string domain;     // "docker.io", "127.0.0.1:5000", "registry.example.com"
    std::string repository; // "library/busybox", "test/app"
    std::string tag;        // "latest" when neither a tag nor a digest was written
    std::string digest;     // "sha256:<hex>" when pinned by digest, else empty
    bool explicitTag = false;

    static Result<ImageReference> parse(std::string_view text);

    // The host:port requests go to (docker.io -> registry-1.docker.io).
    std::string registryHost() const;
    // Canonical name: "docker.io/library/busybox:latest" or "host/x@sha256:..." (a digest wins
    // over a tag, as for containerd).
    std::string canonical() const;
    // "domain/repository" without tag or digest.
    std::string name() const { return domain + "/" + repository; }
    // What to put after /manifests/: the digest if pinned, else the tag.
    std::string manifestReference() const { return digest.empty() ? tag : digest; }
    // True when the tag is "latest" (written or implied) and no digest pins it.
    bool isLatest() const { return digest.empty() && tag == "latest"; }
};

} // namespace cox::image
