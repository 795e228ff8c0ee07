#include "image/archive_importer.h"

#include "common/log.h"
#include "image/image_reference.h"
#include "image/layer_unpacker.h"
#include "image/safe_fs.h"
#include "image/sha256.h"

#include <cerrno>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::image {

using nlohmann::json;

namespace {

constexpr int kMaxSymlinkHops = 40;

// Opens a regular file of the unpacked archive, resolving symlinks (docker save links
// duplicate layers) inside it.
Result<UniqueFd> openFileInRoot(int rootFd, const std::string &relativePath) {
    auto parts = safe_fs::splitRelative(relativePath);
    if (!parts || parts->empty()) {
        return Status(StatusCode::Invalid,
                      "archive names a file outside it: \"" + relativePath + "\"");
    }
    std::vector<std::string> path = *parts;
    for (int hop = 0; hop < kMaxSymlinkHops; ++hop) {
        std::vector<std::string> parentPath(path.begin(), path.end() - 1);
        auto parent = safe_fs::openDirInRoot(rootFd, parentPath, false);
        if (!parent) {
            return Status(StatusCode::NotFound, "archive has no \"" + relativePath + "\"");
        }
        struct stat st {};
        if (::fstatat(parent->get(), path.back().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            return Status(StatusCode::NotFound, "archive has no \"" + relativePath + "\"");
        }
        if (S_ISREG(st.st_mode)) {
            UniqueFd fd(
                ::openat(parent->get(), path.back().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
            if (!fd.valid()) {
                return Status(StatusCode::Internal, safe_fs::errnoText("open " + relativePath));
            }
            return fd;
        }
        if (!S_ISLNK(st.st_mode)) {
            return Status(StatusCode::Invalid, "\"" + relativePath + "\" is not a file");
        }
        std::string target(4096, '\0');
        ssize_t n = ::readlinkat(parent->get(), path.back().c_str(), target.data(), target.size());
        if (n <= 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("readlink " + relativePath));
        }
        target.resize(static_cast<size_t>(n));
        std::vector<std::string> next =
            target.front() == '/' ? std::vector<std::string>{} : parentPath;
        size_t start = 0;
        while (start <= target.size()) {
            size_t end = target.find('/', start);
            std::string part = target.substr(start, end == std::string::npos ? end : end - start);
            if (part == "..") {
                if (!next.empty()) {
                    next.pop_back();
                }
            } else if (!part.empty() && part != ".") {
                next.push_back(part);
            }
            if (end == std::string::npos) {
                break;
            }
            start = end + 1;
        }
        if (next.empty()) {
            return Status(StatusCode::Invalid, "\"" + relativePath + "\" is not a file");
        }
        path = std::move(next);
    }
    return Status(StatusCode::Invalid, "too many symlinks at \"" + relativePath + "\"");
}

Result<std::string> readFileInRoot(int rootFd, const std::string &relativePath) {
    auto fd = openFileInRoot(rootFd, relativePath);
    if (!fd) {
        return fd.status();
    }
    std::string out;
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd->get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("read " + relativePath));
        }
        if (n == 0) {
            return out;
        }
        out.append(buf, static_cast<size_t>(n));
        if (out.size() > (64u << 20)) {
            return Status(StatusCode::TooLarge, "\"" + relativePath + "\" is too large");
        }
    }
}

bool startsWithGzipMagic(const std::string &path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    unsigned char head[2] = {};
    return fd.valid() && ::read(fd.get(), head, 2) == 2 && head[0] == 0x1f && head[1] == 0x8b;
}

std::string blobPathOf(const std::string &digest) {
    return "blobs/sha256/" + std::string(Sha256::hexOf(digest));
}

} // namespace

Result<std::vector<std::string>> ArchiveImporter::import(const std::string &archivePath) {
    std::string tmp = m_store.tempPath("import");
    if (::mkdir(tmp.c_str(), 0700) != 0) {
        return Status(StatusCode::Internal, safe_fs::errnoText("mkdir " + tmp));
    }
    UnpackOptions options; // no owners, no devices: an archive is data, not a root filesystem
    LayerUnpacker unpacker(options);
    Result<std::vector<std::string>> result = std::vector<std::string>{};
    auto unpacked = unpacker.unpackFile(archivePath, tmp);
    auto root = safe_fs::openDir(tmp);
    if (!unpacked) {
        result = Status(unpacked.status().code(),
                        "import " + archivePath + ": " + unpacked.status().message());
    } else if (!root) {
        result = root.status();
    } else if (::faccessat(root->get(), "manifest.json", F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
        result = importDockerSave(root->get());
    } else if (::faccessat(root->get(), "index.json", F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
        result = importOciLayout(root->get());
    } else {
        result = Status(StatusCode::Invalid,
                        archivePath + " is neither a docker save archive (manifest.json) nor an "
                                      "OCI image layout (index.json)");
    }
    (void)safe_fs::removeTree(tmp);
    return result;
}

Result<std::string> ArchiveImporter::storeFile(int rootFd, const std::string &relativePath) {
    auto fd = openFileInRoot(rootFd, relativePath);
    if (!fd) {
        return fd.status();
    }
    std::string tmp = m_store.tempPath("blob");
    UniqueFd out(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out.valid()) {
        return Status(StatusCode::Internal, safe_fs::errnoText("create " + tmp));
    }
    Sha256 hash;
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd->get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 || (n > 0 && ::write(out.get(), buf, static_cast<size_t>(n)) != n)) {
            ::unlink(tmp.c_str());
            return Status(StatusCode::Internal, safe_fs::errnoText("copy " + relativePath));
        }
        if (n == 0) {
            break;
        }
        hash.update(buf, static_cast<size_t>(n));
    }
    std::string digest = hash.digest();
    if (auto s = m_store.commitBlob(tmp, digest); !s) {
        ::unlink(tmp.c_str());
        return s;
    }
    return digest;
}

Result<std::vector<std::string>> ArchiveImporter::importDockerSave(int rootFd) {
    auto text = readFileInRoot(rootFd, "manifest.json");
    if (!text) {
        return text.status();
    }
    auto doc = json::parse(*text, nullptr, false);
    if (!doc.is_array()) {
        return Status(StatusCode::Invalid, "docker save manifest.json is not an array");
    }
    std::vector<std::string> recorded;
    for (const auto &entry : doc) {
        if (!entry.is_object() || !entry.contains("Config") || !entry["Config"].is_string()) {
            return Status(StatusCode::Invalid, "docker save manifest.json entry has no Config");
        }
        auto configBody = readFileInRoot(rootFd, entry["Config"].get<std::string>());
        if (!configBody) {
            return configBody.status();
        }
        ImageManifest manifest;
        manifest.mediaType = media::kDockerManifest;
        manifest.config = {media::kDockerConfig, Sha256::of(*configBody),
                           static_cast<int64_t>(configBody->size())};
        for (const auto &layer : entry.value("Layers", json::array())) {
            if (!layer.is_string()) {
                return Status(StatusCode::Invalid, "docker save layer path is not a string");
            }
            auto digest = storeFile(rootFd, layer.get<std::string>());
            if (!digest) {
                return digest.status();
            }
            bool gzip = startsWithGzipMagic(m_store.blobPath(*digest));
            struct stat st {};
            ::stat(m_store.blobPath(*digest).c_str(), &st);
            manifest.layers.push_back({gzip ? media::kDockerLayerGzip : media::kDockerLayerTar,
                                       *digest, static_cast<int64_t>(st.st_size)});
        }
        json layers = json::array();
        for (const auto &l : manifest.layers) {
            layers.push_back({{"mediaType", l.mediaType}, {"digest", l.digest}, {"size", l.size}});
        }
        std::string manifestBody = json{
            {"schemaVersion", 2},
            {"mediaType", manifest.mediaType},
            {"config",
             {{"mediaType", manifest.config.mediaType},
              {"digest", manifest.config.digest},
              {"size", manifest.config.size}}},
            {"layers", layers}}.dump();
        auto tags = entry.value("RepoTags", json::array());
        if (!tags.is_array() || tags.empty()) {
            return Status(
                StatusCode::Invalid,
                "docker save archive has an image without RepoTags; tag it before saving");
        }
        for (const auto &tag : tags) {
            if (auto s = finish(tag.is_string() ? tag.get<std::string>() : "", manifestBody,
                                manifest, *configBody, recorded);
                !s) {
                return s;
            }
        }
    }
    return recorded;
}

Result<std::vector<std::string>> ArchiveImporter::importOciLayout(int rootFd) {
    auto text = readFileInRoot(rootFd, "index.json");
    if (!text) {
        return text.status();
    }
    auto index = parseIndex(*text);
    if (!index) {
        return index.status();
    }
    std::vector<std::string> recorded;
    for (const auto &top : *index) {
        auto name = top.annotations.count("io.containerd.image.name")
                        ? top.annotations.at("io.containerd.image.name")
                        : (top.annotations.count("org.opencontainers.image.ref.name")
                               ? top.annotations.at("org.opencontainers.image.ref.name")
                               : std::string());
        if (name.find_first_of("/:.") == std::string::npos) {
            return Status(StatusCode::Invalid,
                          "OCI layout entry " + top.digest +
                              " has no full image name (org.opencontainers.image.ref.name or "
                              "io.containerd.image.name)");
        }
        Descriptor descriptor = top;
        auto body = readFileInRoot(rootFd, blobPathOf(descriptor.digest));
        if (body && media::isIndex(manifestMediaType(*body, descriptor.mediaType))) {
            if (Sha256::of(*body) != descriptor.digest) {
                return Status(StatusCode::Invalid, "digest mismatch for index " + top.digest);
            }
            auto inner = parseIndex(*body);
            auto picked =
                inner ? pickPlatform(*inner, m_architecture) : Result<Descriptor>(inner.status());
            if (!picked) {
                return picked.status();
            }
            descriptor = *picked;
            body = readFileInRoot(rootFd, blobPathOf(descriptor.digest));
        }
        if (!body) {
            return body.status();
        }
        if (Sha256::of(*body) != descriptor.digest) {
            return Status(StatusCode::Invalid, "digest mismatch for manifest " + descriptor.digest);
        }
        auto manifest = parseManifest(*body);
        if (!manifest) {
            return manifest.status();
        }
        auto configBody = readFileInRoot(rootFd, blobPathOf(manifest->config.digest));
        if (!configBody) {
            return configBody.status();
        }
        for (const auto &layer : manifest->layers) {
            auto digest = storeFile(rootFd, blobPathOf(layer.digest));
            if (!digest) {
                return digest.status();
            }
            if (*digest != layer.digest) {
                return Status(StatusCode::Invalid, "digest mismatch for layer " + layer.digest +
                                                       " (archive has " + *digest + ")");
            }
        }
        if (auto s = finish(name, *body, *manifest, *configBody, recorded); !s) {
            return s;
        }
    }
    return recorded;
}

Status ArchiveImporter::finish(const std::string &reference, const std::string &manifestBody,
                               const ImageManifest &manifest, const std::string &configBody,
                               std::vector<std::string> &recorded) {
    auto ref = ImageReference::parse(reference);
    if (!ref) {
        return ref.status();
    }
    if (Sha256::of(configBody) != manifest.config.digest) {
        return Status(StatusCode::Invalid, "digest mismatch for config " + manifest.config.digest);
    }
    auto config = parseConfig(configBody);
    if (!config) {
        return config.status();
    }
    if (config->diffIds.size() != manifest.layers.size()) {
        return Status(StatusCode::Invalid, "image config of " + reference + " lists " +
                                               std::to_string(config->diffIds.size()) +
                                               " diff_ids for " +
                                               std::to_string(manifest.layers.size()) + " layers");
    }
    StoredImage stored;
    stored.reference = ref->canonical();
    std::string manifestDigest = Sha256::of(manifestBody);
    stored.repoDigest = ref->name() + "@" + manifestDigest;
    stored.manifestDigest = manifestDigest;
    stored.configDigest = manifest.config.digest;
    stored.size = manifest.config.size;
    for (size_t i = 0; i < manifest.layers.size(); ++i) {
        const auto &l = manifest.layers[i];
        stored.layers.push_back({l.digest, config->diffIds[i], l.mediaType, l.size});
        stored.size += l.size;
        if (auto s = m_store.ensureLayer(stored.layers.back()); !s) {
            return s;
        }
    }
    for (const auto &[body, digest] :
         {std::pair{configBody, manifest.config.digest}, std::pair{manifestBody, manifestDigest}}) {
        if (auto s = m_store.putBlob(body, digest); !s) {
            return s;
        }
    }
    if (auto s = m_store.recordImage(stored); !s) {
        return s;
    }
    COX_LOG(Info, "image") << "imported " << stored.reference << " (" << stored.configDigest << ")";
    recorded.push_back(stored.reference);
    return Status::ok();
}

} // namespace cox::image
