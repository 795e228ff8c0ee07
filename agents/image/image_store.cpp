#include "image/image_store.h"

#include "common/log.h"
#include "image/safe_fs.h"
#include "image/sha256.h"

#include <cerrno>
#include <nlohmann/json.hpp>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::image {

using nlohmann::json;

namespace {

json toJson(const StoredImage &image) {
    json layers = json::array();
    for (const auto &l : image.layers) {
        layers.push_back({{"digest", l.digest},
                          {"diffId", l.diffId},
                          {"mediaType", l.mediaType},
                          {"size", l.size}});
    }
    return {{"reference", image.reference},
            {"repoDigest", image.repoDigest},
            {"manifestDigest", image.manifestDigest},
            {"configDigest", image.configDigest},
            {"layers", layers},
            {"size", image.size}};
}

StoredImage fromJson(const json &j) {
    StoredImage image;
    image.reference = j.value("reference", "");
    image.repoDigest = j.value("repoDigest", "");
    image.manifestDigest = j.value("manifestDigest", "");
    image.configDigest = j.value("configDigest", "");
    image.size = j.value("size", int64_t{0});
    for (const auto &l : j.value("layers", json::array())) {
        image.layers.push_back({l.value("digest", ""), l.value("diffId", ""),
                                l.value("mediaType", ""), l.value("size", int64_t{0})});
    }
    return image;
}

bool isDir(const std::string &path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

bool overlayUsable(const std::string &dir) {
    if (::geteuid() != 0) {
        return false;
    }
    std::string base = dir + "/overlay-probe-" + std::to_string(::getpid());
    for (const char *sub : {"/lower", "/upper", "/work", "/merged"}) {
        if (!safe_fs::makeDirs(base + sub)) {
            return false;
        }
    }
    std::string options =
        "lowerdir=" + base + "/lower,upperdir=" + base + "/upper,workdir=" + base + "/work";
    bool ok = ::mount("overlay", (base + "/merged").c_str(), "overlay", 0, options.c_str()) == 0;
    if (ok) {
        ::umount2((base + "/merged").c_str(), MNT_DETACH);
    }
    (void)safe_fs::removeTree(base);
    return ok;
}

ImageStore::ImageStore(std::string root, bool overlay)
    : m_root(std::move(root))
    , m_overlay(overlay) {}

Result<std::unique_ptr<ImageStore>> ImageStore::open(const std::string &root, bool preferOverlay) {
    for (const char *sub : {"/blobs/sha256", "/layers", "/tmp"}) {
        if (auto s = safe_fs::makeDirs(root + sub, 0700); !s) {
            return s;
        }
    }
    // Leftovers of interrupted downloads and unpacks.
    if (auto tmp = safe_fs::openDir(root + "/tmp"); tmp) {
        (void)safe_fs::clearDir(tmp->get());
    }
    // The layer format is fixed for the store's life: cached layers must match it.
    std::string formatFile = root + "/layer-format";
    auto format = safe_fs::readFile(formatFile);
    bool overlay;
    if (format) {
        overlay = *format == "overlay";
    } else {
        overlay = preferOverlay && overlayUsable(root + "/tmp");
        if (auto s = safe_fs::writeFileAtomic(formatFile, overlay ? "overlay" : "copy"); !s) {
            return s;
        }
    }
    std::unique_ptr<ImageStore> store(new ImageStore(root, overlay));
    if (auto s = store->loadIndex(); !s) {
        return s;
    }
    COX_LOG(Info, "image") << "image store at " << root << " ("
                           << (overlay ? "overlay layers" : "copied root filesystems") << ")";
    return store;
}

Status ImageStore::loadIndex() {
    auto text = safe_fs::readFile(m_root + "/images.json");
    if (!text) {
        return text.status().code() == StatusCode::NotFound ? Status::ok() : text.status();
    }
    auto doc = json::parse(*text, nullptr, false);
    if (!doc.is_object() || !doc.contains("images") || !doc["images"].is_array()) {
        return Status(StatusCode::Internal, "corrupt image index " + m_root + "/images.json");
    }
    for (const auto &j : doc["images"]) {
        StoredImage image = fromJson(j);
        m_images[image.reference] = std::move(image);
    }
    return Status::ok();
}

Status ImageStore::saveIndexLocked() {
    json images = json::array();
    for (const auto &[_, image] : m_images) {
        images.push_back(toJson(image));
    }
    return safe_fs::writeFileAtomic(m_root + "/images.json", json{{"images", images}}.dump(1));
}

std::string ImageStore::blobPath(const std::string &digest) const {
    return m_root + "/blobs/sha256/" + std::string(Sha256::hexOf(digest));
}

bool ImageStore::hasBlob(const std::string &digest) const {
    return Sha256::isValidDigest(digest) && ::access(blobPath(digest).c_str(), R_OK) == 0;
}

std::string ImageStore::tempPath(const std::string &hint) {
    std::lock_guard lock(m_mutex);
    return m_root + "/tmp/" + hint + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(++m_tempCounter);
}

Status ImageStore::commitBlob(const std::string &tempFile, const std::string &digest) {
    if (!Sha256::isValidDigest(digest)) {
        return Status(StatusCode::Invalid, "not a sha256 digest: " + digest);
    }
    auto got = Sha256::ofFile(tempFile);
    if (!got) {
        return got.status();
    }
    if (*got != digest) {
        ::unlink(tempFile.c_str());
        return Status(StatusCode::Invalid,
                      "digest mismatch for blob " + digest + " (content is " + *got + ")");
    }
    if (::rename(tempFile.c_str(), blobPath(digest).c_str()) != 0) {
        return Status(StatusCode::Internal, safe_fs::errnoText("store blob " + digest));
    }
    return Status::ok();
}

Status ImageStore::putBlob(std::string_view data, const std::string &digest) {
    if (Sha256::of(data) != digest) {
        return Status(StatusCode::Invalid, "digest mismatch for blob " + digest);
    }
    if (hasBlob(digest)) {
        return Status::ok();
    }
    return safe_fs::writeFileAtomic(blobPath(digest), data);
}

Result<std::string> ImageStore::readBlob(const std::string &digest) const {
    if (!Sha256::isValidDigest(digest)) {
        return Status(StatusCode::Invalid, "not a sha256 digest: " + digest);
    }
    return safe_fs::readFile(blobPath(digest));
}

std::string ImageStore::layerDir(const std::string &diffId) const {
    return m_root + "/layers/" + std::string(Sha256::hexOf(diffId));
}

bool ImageStore::hasLayer(const std::string &diffId) const {
    return Sha256::isValidDigest(diffId) && isDir(layerDir(diffId));
}

Status ImageStore::ensureLayer(const StoredLayer &layer) {
    if (hasLayer(layer.diffId)) {
        return Status::ok();
    }
    std::shared_future<Status> pending;
    std::promise<Status> promise;
    bool mine = false;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_unpacking.find(layer.diffId);
        if (it == m_unpacking.end()) {
            pending = promise.get_future().share();
            m_unpacking.emplace(layer.diffId, pending);
            mine = true;
        } else {
            pending = it->second;
        }
    }
    if (!mine) {
        return pending.get();
    }
    Status result = hasLayer(layer.diffId) ? Status::ok() : unpackLayer(layer);
    promise.set_value(result);
    std::lock_guard lock(m_mutex);
    m_unpacking.erase(layer.diffId);
    return result;
}

Status ImageStore::unpackLayer(const StoredLayer &layer) {
    std::string tmp = tempPath("layer");
    if (::mkdir(tmp.c_str(), 0755) != 0) {
        return Status(StatusCode::Internal, safe_fs::errnoText("mkdir " + tmp));
    }
    LayerUnpacker unpacker(LayerUnpacker::defaultsForThisProcess(m_overlay ? WhiteoutMode::Overlay
                                                                           : WhiteoutMode::Keep));
    auto stats = unpacker.unpackFile(blobPath(layer.digest), tmp);
    if (!stats) {
        (void)safe_fs::removeTree(tmp);
        return Status(stats.status().code(),
                      "unpack layer " + layer.digest + ": " + stats.status().message());
    }
    if (stats->diffId != layer.diffId) {
        (void)safe_fs::removeTree(tmp);
        return Status(StatusCode::Invalid, "digest mismatch for uncompressed layer " +
                                               layer.digest + ": config says " + layer.diffId +
                                               ", content is " + stats->diffId);
    }
    if (::rename(tmp.c_str(), layerDir(layer.diffId).c_str()) != 0) {
        bool raced = errno == EEXIST || errno == ENOTEMPTY;
        (void)safe_fs::removeTree(tmp);
        if (!raced) {
            return Status(StatusCode::Internal, safe_fs::errnoText("store layer " + layer.diffId));
        }
    }
    COX_LOG(Debug, "image") << "unpacked layer " << layer.diffId << " (" << stats->entries
                            << " entries, " << stats->bytes << " bytes)";
    return Status::ok();
}

Status ImageStore::recordImage(const StoredImage &image) {
    std::lock_guard lock(m_mutex);
    m_images[image.reference] = image;
    return saveIndexLocked();
}

std::optional<StoredImage> ImageStore::findImage(const std::string &canonicalReference) const {
    std::lock_guard lock(m_mutex);
    if (auto it = m_images.find(canonicalReference); it != m_images.end()) {
        return it->second;
    }
    auto at = canonicalReference.find('@');
    if (at == std::string::npos) {
        return std::nullopt;
    }
    std::string name = canonicalReference.substr(0, at);
    std::string digest = canonicalReference.substr(at + 1);
    for (const auto &[ref, image] : m_images) {
        bool sameName = ref.starts_with(name + ":") || ref.starts_with(name + "@");
        if (sameName &&
            (image.repoDigest == canonicalReference || image.manifestDigest == digest)) {
            return image;
        }
    }
    return std::nullopt;
}

std::vector<StoredImage> ImageStore::listImages() const {
    std::lock_guard lock(m_mutex);
    std::vector<StoredImage> out;
    for (const auto &[_, image] : m_images) {
        out.push_back(image);
    }
    return out;
}

Status ImageStore::removeImage(const std::string &canonicalReference) {
    std::lock_guard lock(m_mutex);
    if (m_images.erase(canonicalReference) == 0) {
        return Status(StatusCode::NotFound, "image " + canonicalReference + " is not present");
    }
    return saveIndexLocked();
}

} // namespace cox::image
