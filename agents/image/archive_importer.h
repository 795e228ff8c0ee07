// ArchiveImporter: loads images from `docker save` archives (manifest.json + layer tars) and
// OCI image-layout archives (oci-layout, index.json, blobs/) into the store, for nodes without
// registry access. The archive is unpacked with the same confined unpacker as layers, files it
// names are opened inside it only, and every blob is verified against its digest.
#pragma once

#include "common/result.h"
#include "image/image_store.h"
#include "image/manifest.h"

#include <string>
#include <vector>

namespace cox::image {

class ArchiveImporter {
public:
    ArchiveImporter(ImageStore &store, std::string architecture)
        : m_store(store)
        , m_architecture(std::move(architecture)) {}

    // Returns the canonical references recorded.
    Result<std::vector<std::string>> import(const std::string &archivePath);

private:
    Result<std::vector<std::string>> importDockerSave(int rootFd);
    Result<std::vector<std::string>> importOciLayout(int rootFd);
    // Copies a file of the unpacked archive into the store's blobs; returns its digest.
    Result<std::string> storeFile(int rootFd, const std::string &relativePath);
    Status finish(const std::string &reference, const std::string &manifestBody,
                  const ImageManifest &manifest, const std::string &configBody,
                  std::vector<std::string> &recorded);

    ImageStore &m_store;
    std::string m_architecture;
};

} // namespace cox::image
