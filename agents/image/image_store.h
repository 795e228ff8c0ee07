// ImageStore: the node's content-addressed image store under one directory.
//   blobs/sha256/<hex>        manifests, configs and compressed layers, verified on entry
//   layers/<diffID hex>/      each layer unpacked once, shared by every image that has it
//   images.json               reference -> manifest digest, config digest, layers
//   layer-format              "overlay" (overlay whiteouts) or "copy" (.wh. markers)
//   tmp/                      downloads and unpacks in progress (same filesystem: renames)
// Every file and directory appears by an atomic rename, so a crash leaves either the old or
// the new state. Thread-safe; a layer unpacked concurrently by two pulls is unpacked once.
#pragma once

#include "common/result.h"
#include "image/layer_unpacker.h"

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cox::image {

struct StoredLayer {
    std::string digest; // compressed blob as distributed
    std::string diffId; // uncompressed tar
    std::string mediaType;
    int64_t size = 0;
};

struct StoredImage {
    std::string reference;      // canonical: "docker.io/library/busybox:latest"
    std::string repoDigest;     // "<name>@sha256:..." of what the registry served (may be an index)
    std::string manifestDigest; // the platform manifest
    std::string configDigest;   // the image id
    std::vector<StoredLayer> layers;
    int64_t size = 0; // compressed bytes of config + layers
};

class ImageStore {
public:
    // `preferOverlay`: keep layers in overlayfs form when this process can mount overlays.
    static Result<std::unique_ptr<ImageStore>> open(const std::string &root, bool preferOverlay);

    const std::string &root() const { return m_root; }
    bool overlayLayers() const { return m_overlay; }

    std::string blobPath(const std::string &digest) const;
    bool hasBlob(const std::string &digest) const;
    // A fresh path under tmp/ for a download.
    std::string tempPath(const std::string &hint);
    // Moves a downloaded file into blobs/ after checking its digest.
    Status commitBlob(const std::string &tempFile, const std::string &digest);
    Status putBlob(std::string_view data, const std::string &digest);
    Result<std::string> readBlob(const std::string &digest) const;

    // The unpacked directory of a layer (exists once ensureLayer succeeded).
    std::string layerDir(const std::string &diffId) const;
    bool hasLayer(const std::string &diffId) const;
    // Unpacks the layer blob once; checks the result against its diffID.
    Status ensureLayer(const StoredLayer &layer);

    Status recordImage(const StoredImage &image);
    // By canonical reference, or "<name>@sha256:..." matching a repo or manifest digest.
    std::optional<StoredImage> findImage(const std::string &canonicalReference) const;
    std::vector<StoredImage> listImages() const;
    Status removeImage(const std::string &canonicalReference);

private:
    ImageStore(std::string root, bool overlay);
    Status loadIndex();
    Status saveIndexLocked();
    Status unpackLayer(const StoredLayer &layer);

    std::string m_root;
    bool m_overlay;
    mutable std::mutex m_mutex;
    std::map<std::string, StoredImage> m_images;
    std::map<std::string, std::shared_future<Status>> m_unpacking; // by diffID
    unsigned m_tempCounter = 0;
};

// True when this process can mount overlayfs with lower/upper dirs under `dir`.
bool overlayUsable(const std::string &dir);

} // namespace cox::image
