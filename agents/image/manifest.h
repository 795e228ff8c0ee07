// Image manifests, indexes and configs as the distribution API and OCI define them, parsed into
// plain structs: which layers make an image, which manifest of an index fits this node
// (linux/<arch>), and the config the runtime turns into an OCI spec.
#pragma once

#include "common/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cox::image {

namespace media {
inline constexpr const char *kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr const char *kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr const char *kDockerList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr const char *kDockerManifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr const char *kDockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr const char *kDockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr const char *kDockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar";
// What GET /manifests accepts, most preferred first.
std::string acceptHeader();
bool isIndex(std::string_view mediaType);
bool isManifest(std::string_view mediaType);
// Layers we can unpack (tar, tar+gzip in OCI and Docker spellings).
bool isSupportedLayer(std::string_view mediaType);
} // namespace media

struct Descriptor {
    std::string mediaType;
    std::string digest;
    int64_t size = 0;
    std::string os;           // index entries only
    std::string architecture; // index entries only
    std::string variant;
    std::map<std::string, std::string> annotations;
};

struct ImageManifest {
    std::string mediaType;
    Descriptor config;
    std::vector<Descriptor> layers;
};

struct ImageConfig {
    std::vector<std::string> entrypoint;
    std::vector<std::string> cmd;
    std::vector<std::string> env;
    std::string workingDir;
    std::string user;
    std::vector<std::string> exposedPorts; // "8080/tcp"
    std::map<std::string, std::string> labels;
    std::vector<std::string> diffIds; // rootfs.diff_ids, one per layer
    std::string os;
    std::string architecture;
};

// The media type of a manifest body: its "mediaType" field, else the Content-Type it came with.
std::string manifestMediaType(std::string_view body, const std::string &contentType);
Result<std::vector<Descriptor>> parseIndex(std::string_view body);
Result<ImageManifest> parseManifest(std::string_view body);
Result<ImageConfig> parseConfig(std::string_view body);

// "amd64", "arm64", ... for the machine this was built for.
std::string hostArchitecture();
// The linux/<architecture> entry of an index; NotFound names the platforms it has.
Result<Descriptor> pickPlatform(const std::vector<Descriptor> &index,
                                const std::string &architecture);

} // namespace cox::image
