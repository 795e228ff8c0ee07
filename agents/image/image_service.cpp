#include "image/image_service.h"

#include "common/log.h"
#include "image/archive_importer.h"
#include "image/image_reference.h"
#include "image/registry_client.h"
#include "image/rootfs_builder.h"
#include "image/safe_fs.h"

#include <unistd.h>

namespace cox::image {

Result<std::unique_ptr<ImageService>> ImageService::create(ImageServiceConfig config) {
    if (config.root.empty()) {
        return Status(StatusCode::Invalid, "image service needs a store directory");
    }
    auto store = ImageStore::open(config.root, config.preferOverlay);
    if (!store) {
        return store.status();
    }
    return std::unique_ptr<ImageService>(new ImageService(std::move(config), std::move(*store)));
}

ImageService::ImageService(ImageServiceConfig config, std::unique_ptr<ImageStore> store)
    : m_config(std::move(config))
    , m_store(std::move(store))
    , m_http(m_config.http) {}

Result<PulledImage> ImageService::pull(const std::string &image,
                                       const std::optional<RegistryAuth> &auth) {
    auto ref = ImageReference::parse(image);
    if (!ref) {
        return ref.status();
    }
    std::string key = ref->canonical();
    std::promise<Result<PulledImage>> promise;
    std::shared_future<Result<PulledImage>> pending;
    bool mine = false;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_pulling.find(key);
        if (it == m_pulling.end()) {
            pending = promise.get_future().share();
            m_pulling.emplace(key, pending);
            mine = true;
        } else {
            pending = it->second;
        }
    }
    if (!mine) {
        // Another worker is pulling the same reference; its result is ours. (Its credentials
        // were used: pods sharing a node and an image share that image anyway.)
        return pending.get();
    }
    Result<PulledImage> result = pullOnce(*ref, auth);
    promise.set_value(result);
    std::lock_guard lock(m_mutex);
    m_pulling.erase(key);
    return result;
}

Result<std::vector<FetchedManifest>> ImageService::resolveManifests(RegistryClient &client,
                                                                    const ImageReference &ref) {
    auto top = client.manifest(ref.manifestReference());
    if (!top) {
        return top.status();
    }
    std::vector<FetchedManifest> chain = {*top};
    if (media::isManifest(top->mediaType)) {
        return chain;
    }
    if (!media::isIndex(top->mediaType)) {
        return Status(StatusCode::UnsupportedMediaType, "unsupported manifest type \"" +
                                                            top->mediaType + "\" for " +
                                                            ref.canonical());
    }
    auto index = parseIndex(top->body);
    if (!index) {
        return index.status();
    }
    auto platform = pickPlatform(*index, m_config.architecture);
    if (!platform) {
        return Status(platform.status().code(),
                      ref.canonical() + ": " + platform.status().message());
    }
    auto child = client.manifest(platform->digest);
    if (!child) {
        return child.status();
    }
    chain.push_back(std::move(*child));
    return chain;
}

Result<PulledImage> ImageService::pullOnce(const ImageReference &ref,
                                           const std::optional<RegistryAuth> &auth) {
    RegistryClient client(m_http, ref, auth);
    auto chain = resolveManifests(client, ref);
    if (!chain) {
        return chain.status();
    }
    const FetchedManifest &top = chain->front();
    const FetchedManifest &manifestBody = chain->back();
    auto manifest = parseManifest(manifestBody.body);
    if (!manifest) {
        return manifest.status();
    }
    for (const auto &layer : manifest->layers) {
        if (!media::isSupportedLayer(layer.mediaType)) {
            return Status(StatusCode::UnsupportedMediaType,
                          "layer " + layer.digest + " of " + ref.canonical() + " has type \"" +
                              layer.mediaType + "\", which this node cannot unpack");
        }
    }
    std::string configBody;
    if (m_store->hasBlob(manifest->config.digest)) {
        auto stored = m_store->readBlob(manifest->config.digest);
        if (!stored) {
            return stored.status();
        }
        configBody = std::move(*stored);
    } else {
        auto fetched = client.blob(manifest->config, "config");
        if (!fetched) {
            return fetched.status();
        }
        configBody = std::move(*fetched);
    }
    auto config = parseConfig(configBody);
    if (!config) {
        return config.status();
    }
    if (config->diffIds.size() != manifest->layers.size()) {
        return Status(StatusCode::Invalid, "image config of " + ref.canonical() + " lists " +
                                               std::to_string(config->diffIds.size()) +
                                               " diff_ids for " +
                                               std::to_string(manifest->layers.size()) + " layers");
    }
    if (auto s = fetchLayers(client, *manifest); !s) {
        return s;
    }
    StoredImage stored;
    stored.reference = ref.canonical();
    stored.repoDigest = ref.name() + "@" + top.digest;
    stored.manifestDigest = manifestBody.digest;
    stored.configDigest = manifest->config.digest;
    stored.size = manifest->config.size;
    for (size_t i = 0; i < manifest->layers.size(); ++i) {
        const auto &l = manifest->layers[i];
        stored.layers.push_back({l.digest, config->diffIds[i], l.mediaType, l.size});
        stored.size += l.size;
    }
    for (const auto &layer : stored.layers) {
        if (auto s = m_store->ensureLayer(layer); !s) {
            return s;
        }
    }
    if (auto s = m_store->putBlob(configBody, manifest->config.digest); !s) {
        return s;
    }
    for (const auto &fetched : *chain) {
        if (auto s = m_store->putBlob(fetched.body, fetched.digest); !s) {
            return s;
        }
    }
    if (auto s = m_store->recordImage(stored); !s) {
        return s;
    }
    COX_LOG(Info, "image") << "pulled " << stored.reference << " (" << stored.repoDigest << ", "
                           << stored.size << " bytes)";
    return PulledImage{stored.reference, stored.configDigest, stored.repoDigest, *config,
                       stored.size};
}

Status ImageService::fetchLayers(RegistryClient &client, const ImageManifest &manifest) {
    for (const auto &layer : manifest.layers) {
        if (m_store->hasBlob(layer.digest)) {
            continue;
        }
        std::string tmp = m_store->tempPath("blob");
        Status s = client.blobToFile(layer, tmp, "layer");
        if (s) {
            s = m_store->commitBlob(tmp, layer.digest);
        }
        if (!s) {
            ::unlink(tmp.c_str());
            return s;
        }
    }
    return Status::ok();
}

Result<PulledImage> ImageService::loadPulled(const StoredImage &stored) {
    auto body = m_store->readBlob(stored.configDigest);
    if (!body) {
        return body.status();
    }
    auto config = parseConfig(*body);
    if (!config) {
        return config.status();
    }
    return PulledImage{stored.reference, stored.configDigest, stored.repoDigest, *config,
                       stored.size};
}

Result<bool> ImageService::present(const std::string &image) {
    auto ref = ImageReference::parse(image);
    if (!ref) {
        return ref.status();
    }
    auto stored = m_store->findImage(ref->canonical());
    if (!stored || !m_store->hasBlob(stored->configDigest)) {
        return false;
    }
    for (const auto &layer : stored->layers) {
        if (!m_store->hasLayer(layer.diffId)) {
            return false;
        }
    }
    return true;
}

Result<PulledImage> ImageService::inspect(const std::string &image) {
    auto ref = ImageReference::parse(image);
    if (!ref) {
        return ref.status();
    }
    auto stored = m_store->findImage(ref->canonical());
    if (!stored) {
        return Status(StatusCode::NotFound, "image " + ref->canonical() + " is not present");
    }
    return loadPulled(*stored);
}

Result<ImageConfig> ImageService::config(const std::string &image) {
    auto pulled = inspect(image);
    if (!pulled) {
        return pulled.status();
    }
    return pulled->config;
}

Result<PulledImage> ImageService::ensure(const std::string &image, PullPolicy policy,
                                         const std::optional<RegistryAuth> &auth) {
    auto isPresent = present(image);
    if (!isPresent) {
        return isPresent.status();
    }
    auto decision = decidePull(policy, *isPresent, image);
    if (!decision) {
        return decision.status();
    }
    if (*decision == PullDecision::UsePresent) {
        return inspect(image);
    }
    return pull(image, auth);
}

Status ImageService::remove(const std::string &image) {
    auto ref = ImageReference::parse(image);
    if (!ref) {
        return ref.status();
    }
    return m_store->removeImage(ref->canonical());
}

Result<RootfsHandle> ImageService::prepareRootfs(const std::string &image,
                                                 const std::string &containerDir) {
    auto ref = ImageReference::parse(image);
    if (!ref) {
        return ref.status();
    }
    auto stored = m_store->findImage(ref->canonical());
    if (!stored) {
        return Status(StatusCode::NotFound,
                      "image " + ref->canonical() + " is not present; pull it first");
    }
    std::vector<std::string> layerDirs;
    for (const auto &layer : stored->layers) {
        if (auto s = m_store->ensureLayer(layer); !s) {
            return s;
        }
        layerDirs.push_back(m_store->layerDir(layer.diffId));
    }
    auto pulled = loadPulled(*stored);
    if (!pulled) {
        return pulled.status();
    }
    RootfsBuilder builder(m_store->overlayLayers());
    auto mounted = builder.prepare(layerDirs, containerDir);
    if (!mounted) {
        return mounted.status();
    }
    return RootfsHandle{mounted->rootfs, mounted->overlay, pulled->imageId, pulled->config};
}

Status ImageService::releaseRootfs(const std::string &containerDir) {
    return RootfsBuilder(m_store->overlayLayers()).release(containerDir);
}

Result<std::vector<std::string>> ImageService::importArchive(const std::string &archivePath) {
    return ArchiveImporter(*m_store, m_config.architecture).import(archivePath);
}

} // namespace cox::image
