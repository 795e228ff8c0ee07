#include "image_rootfs_provider.h"

#include "image/image_reference.h"

namespace cox::agent {

namespace {

// Image config env entries are "KEY=VALUE"; an entry without '=' is a key with an empty value.
std::vector<std::pair<std::string, std::string>> splitEnv(const std::vector<std::string> &env) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &entry : env) {
        auto eq = entry.find('=');
        if (eq == std::string::npos)
            out.emplace_back(entry, "");
        else
            out.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return out;
}

} // namespace

ImageRootfsProvider::ImageRootfsProvider(std::shared_ptr<image::ImageService> images)
    : m_images(std::move(images)) {}

Result<runc::PreparedRootfs> ImageRootfsProvider::prepare(const std::string &image,
                                                          const std::string &containerDir) {
    auto handle = m_images->prepareRootfs(image, containerDir);
    if (!handle)
        return handle.status();
    runc::PreparedRootfs out;
    out.rootfsPath = handle->rootfs;
    out.entrypoint = handle->config.entrypoint;
    out.cmd = handle->config.cmd;
    out.env = splitEnv(handle->config.env);
    out.workingDir = handle->config.workingDir;
    out.imageId = handle->imageId;
    if (auto ref = image::ImageReference::parse(image))
        out.resolvedImage = ref->canonical();
    return out;
}

Status ImageRootfsProvider::release(const std::string &containerDir) {
    return m_images->releaseRootfs(containerDir);
}

Result<bool> ImageRootfsProvider::imagePresent(const std::string &image) {
    return m_images->present(image);
}

Status ImageRootfsProvider::pullImage(const std::string &image,
                                      const std::optional<ImageAuth> &auth) {
    // RegistryAuth is the runtime interface's ImageAuth (same struct), so it passes through.
    std::optional<image::RegistryAuth> registryAuth = auth;
    auto pulled = m_images->pull(image, registryAuth);
    if (!pulled)
        return pulled.status();
    return Status::ok();
}

} // namespace cox::agent
