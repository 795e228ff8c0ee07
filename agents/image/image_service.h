// ImageService: the node agent's image facade. Pulls images from registries into the store
// (verifying every digest and size), imports `docker save` and OCI-layout archives, answers
// whether an image is present, and builds and releases container root filesystems.
// Thread-safe: pod workers call it concurrently; two pulls of the same reference at once share
// one download.
#pragma once

#include "common/result.h"
#include "image/http_client.h"
#include "image/image_store.h"
#include "image/manifest.h"
#include "image/pull_policy.h"
#include "image/registry_auth.h"

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cox::image {

class RegistryClient;
struct FetchedManifest;

struct ImageServiceConfig {
    std::string root;      // store directory, e.g. /var/lib/coxswain/images
    HttpClientConfig http; // insecure registries, extra CA, timeouts
    std::string architecture = hostArchitecture();
    bool preferOverlay = true; // false forces copied root filesystems
};

struct PulledImage {
    std::string reference;  // canonical, e.g. "docker.io/library/busybox:latest"
    std::string imageId;    // config digest, the ContainerStatus.imageID
    std::string repoDigest; // "<name>@sha256:..." as the registry served it
    ImageConfig config;
    int64_t size = 0;
};

struct RootfsHandle {
    std::string rootfs; // the directory to put in the OCI spec's root.path
    bool overlay = false;
    std::string imageId;
    ImageConfig config;
};

class ImageService {
public:
    static Result<std::unique_ptr<ImageService>> create(ImageServiceConfig config);

    Result<PulledImage> pull(const std::string &image, const std::optional<RegistryAuth> &auth);
    // Pulls or uses the stored image as the policy says (see defaultPullPolicy()).
    Result<PulledImage> ensure(const std::string &image, PullPolicy policy,
                               const std::optional<RegistryAuth> &auth);
    Result<bool> present(const std::string &image);
    Result<PulledImage> inspect(const std::string &image);
    Result<ImageConfig> config(const std::string &image);
    std::vector<StoredImage> list() const { return m_store->listImages(); }
    Status remove(const std::string &image);

    // Root filesystem for a container at <containerDir>/rootfs (+ upper/work for overlay).
    Result<RootfsHandle> prepareRootfs(const std::string &image, const std::string &containerDir);
    Status releaseRootfs(const std::string &containerDir);

    // Loads a `docker save` or OCI image-layout tar; returns the references it recorded.
    Result<std::vector<std::string>> importArchive(const std::string &archivePath);

    ImageStore &store() { return *m_store; }

private:
    ImageService(ImageServiceConfig config, std::unique_ptr<ImageStore> store);
    Result<PulledImage> pullOnce(const ImageReference &ref,
                                 const std::optional<RegistryAuth> &auth);
    // The manifest chain for `ref`: [manifest] or [index, this platform's manifest].
    Result<std::vector<FetchedManifest>> resolveManifests(RegistryClient &client,
                                                          const ImageReference &ref);
    Result<PulledImage> loadPulled(const StoredImage &stored);
    Status fetchLayers(RegistryClient &client, const ImageManifest &manifest);

    ImageServiceConfig m_config;
    std::unique_ptr<ImageStore> m_store;
    HttpClient m_http;
    std::mutex m_mutex;
    std::map<std::string, std::shared_future<Result<PulledImage>>> m_pulling;
};

} // namespace cox::image
