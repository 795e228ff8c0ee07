// ImageRootfsProvider: the runc runtime's RootfsProvider over the agent's ImageService. Root
// filesystems come from pulled images (overlay or copy), and the image config supplies the
// entrypoint, cmd, env and working directory the pod spec does not override. Pull policy is the
// agent's business (the pod worker asks imagePresent/pullImage first); prepare() never pulls.
#pragma once

#include "image/image_service.h"
#include "runc/rootfs_provider.h"

#include <memory>

namespace cox::agent {

class ImageRootfsProvider final : public runc::RootfsProvider {
public:
    explicit ImageRootfsProvider(std::shared_ptr<image::ImageService> images);

    Result<runc::PreparedRootfs> prepare(const std::string &image,
                                         const std::string &containerDir) override;
    Status release(const std::string &containerDir) override;
    Result<bool> imagePresent(const std::string &image) override;
    Status pullImage(const std::string &image, const std::optional<ImageAuth> &auth) override;

    image::ImageService &images() { return *m_images; }

private:
    std::shared_ptr<image::ImageService> m_images;
};

} // namespace cox::agent
