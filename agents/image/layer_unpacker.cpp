#include "image/layer_unpacker.h"

#include "image/gzip_source.h"
#include "image/safe_fs.h"
#include "image/sha256.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace cox::image {
namespace {

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";

// Hashes every byte that passes through, so the diffID covers the whole uncompressed tar.
class HashingSource : public ByteSource {
public:
    explicit HashingSource(ByteSource &inner)
        : m_inner(inner) {}
    Result<size_t> read(char *buffer, size_t size) override {
        auto n = m_inner.read(buffer, size);
        if (n && *n > 0) {
            m_hash.update(buffer, *n);
        }
        return n;
    }
    Status drain() {
        char buf[8192];
        for (;;) {
            auto n = read(buf, sizeof buf);
            if (!n) {
                return n.status();
            }
            if (*n == 0) {
                return Status::ok();
            }
        }
    }
    std::string digest() { return m_hash.digest(); }

private:
    ByteSource &m_inner;
    Sha256 m_hash;
};

std::string joinPath(const std::vector<std::string> &parts) {
    std::string out;
    for (const auto &p : parts) {
        if (!out.empty()) {
            out += '/';
        }
        out += p;
    }
    return out;
}

timespec toTimespec(int64_t seconds) {
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(seconds);
    return ts;
}

} // namespace

UnpackOptions LayerUnpacker::defaultsForThisProcess(WhiteoutMode whiteouts) {
    UnpackOptions options;
    options.whiteouts = whiteouts;
    options.preserveOwnership = ::geteuid() == 0;
    options.allowDevices = ::geteuid() == 0;
    return options;
}

Result<UnpackStats> LayerUnpacker::unpackFile(const std::string &layer, const std::string &target) {
    auto file = FileSource::open(layer);
    if (!file) {
        return file.status();
    }
    auto source = GzipSource::maybeGzip(std::move(*file));
    if (!source) {
        return source.status();
    }
    return unpack(**source, target);
}

Result<UnpackStats> LayerUnpacker::unpack(ByteSource &tarStream, const std::string &target) {
    m_stats = {};
    m_written.clear();
    m_directories.clear();
    auto root = safe_fs::openDir(target);
    if (!root) {
        return root.status();
    }
    HashingSource hashing(tarStream);
    TarReader reader(hashing);
    for (;;) {
        auto entry = reader.next();
        if (!entry) {
            return entry.status();
        }
        if (!entry->has_value()) {
            break;
        }
        if (auto s = extractEntry(root->get(), reader, **entry); !s) {
            return Status(s.code(), "layer entry \"" + (*entry)->path + "\": " + s.message());
        }
        ++m_stats.entries;
    }
    if (auto s = hashing.drain(); !s) {
        return s;
    }
    if (auto s = finishDirectories(root->get()); !s) {
        return s;
    }
    m_stats.diffId = hashing.digest();
    return m_stats;
}

Status LayerUnpacker::extractEntry(int rootFd, TarReader &reader, const TarEntry &entry) {
    auto parts = safe_fs::splitRelative(entry.path);
    if (!parts) {
        return Status(StatusCode::Invalid, "refused: " + parts.status().message());
    }
    if (parts->empty()) {
        return Status::ok(); // the root itself ("./"): its mode belongs to the runtime
    }
    std::string name = parts->back();
    std::vector<std::string> parentPath(parts->begin(), parts->end() - 1);
    auto parent = safe_fs::openDirInRoot(rootFd, parentPath, true);
    if (!parent) {
        return parent.status();
    }
    int pfd = parent->get();
    if (name.starts_with(kWhiteoutPrefix) && m_options.whiteouts != WhiteoutMode::Keep) {
        return applyWhiteout(pfd, parentPath, name);
    }
    m_written.insert(joinPath(*parts));

    struct stat existing {};
    bool exists = ::fstatat(pfd, name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0;
    if (exists && !(entry.type == TarType::Directory && S_ISDIR(existing.st_mode))) {
        if (auto s = safe_fs::removeAt(pfd, name); !s) {
            return s;
        }
    }
    switch (entry.type) {
    case TarType::Directory:
        if (!exists || !S_ISDIR(existing.st_mode)) {
            if (::mkdirat(pfd, name.c_str(), 0700) != 0) {
                return Status(StatusCode::Internal, safe_fs::errnoText("mkdir"));
            }
        }
        m_directories.push_back({*parts, entry.mode, entry.uid, entry.gid, entry.mtime});
        return Status::ok();
    case TarType::File:
        return writeFile(pfd, name, reader, entry);
    case TarType::Symlink:
        // The target is stored verbatim and never followed while extracting.
        if (::symlinkat(entry.linkName.c_str(), pfd, name.c_str()) != 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("symlink"));
        }
        setOwnerAndTime(pfd, name, entry);
        return Status::ok();
    case TarType::HardLink: {
        auto source = safe_fs::splitRelative(entry.linkName);
        if (!source || source->empty()) {
            return Status(StatusCode::Invalid, "refused hard link to \"" + entry.linkName + "\"");
        }
        std::vector<std::string> sourceParent(source->begin(), source->end() - 1);
        auto sourceDir = safe_fs::openDirInRoot(rootFd, sourceParent, false);
        if (!sourceDir) {
            return Status(StatusCode::Invalid,
                          "hard link source \"" + entry.linkName +
                              "\" not in layer: " + sourceDir.status().message());
        }
        struct stat st {};
        if (::fstatat(sourceDir->get(), source->back().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            S_ISDIR(st.st_mode)) {
            return Status(StatusCode::Invalid, "bad hard link source \"" + entry.linkName + "\"");
        }
        if (::linkat(sourceDir->get(), source->back().c_str(), pfd, name.c_str(), 0) != 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("link"));
        }
        return Status::ok();
    }
    case TarType::Fifo:
        if (::mkfifoat(pfd, name.c_str(), entry.mode & 07777) != 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("mkfifo"));
        }
        setOwnerAndTime(pfd, name, entry);
        return Status::ok();
    case TarType::CharDevice:
    case TarType::BlockDevice: {
        if (!m_options.allowDevices) {
            ++m_stats.skipped;
            return Status::ok();
        }
        mode_t kind = entry.type == TarType::CharDevice ? S_IFCHR : S_IFBLK;
        if (::mknodat(pfd, name.c_str(), kind | (entry.mode & 07777),
                      makedev(entry.devMajor, entry.devMinor)) != 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("mknod"));
        }
        setOwnerAndTime(pfd, name, entry);
        return Status::ok();
    }
    }
    return Status::ok();
}

Status LayerUnpacker::writeFile(int parentFd, const std::string &name, TarReader &reader,
                                const TarEntry &entry) {
    UniqueFd fd(::openat(parentFd, name.c_str(),
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd.valid()) {
        return Status(StatusCode::Internal, safe_fs::errnoText("create"));
    }
    char buf[1 << 16];
    for (;;) {
        auto n = reader.readContent(buf, sizeof buf);
        if (!n) {
            return n.status();
        }
        if (*n == 0) {
            break;
        }
        size_t done = 0;
        while (done < *n) {
            ssize_t w = ::write(fd.get(), buf + done, *n - done);
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w < 0) {
                return Status(StatusCode::Internal, safe_fs::errnoText("write"));
            }
            done += static_cast<size_t>(w);
        }
        m_stats.bytes += static_cast<int64_t>(*n);
    }
    if (m_options.preserveOwnership) {
        (void)::fchown(fd.get(), entry.uid, entry.gid);
    }
    // After chown: chown clears setuid/setgid bits.
    if (::fchmod(fd.get(), entry.mode & 07777) != 0) {
        return Status(StatusCode::Internal, safe_fs::errnoText("chmod"));
    }
    timespec times[2] = {toTimespec(entry.mtime), toTimespec(entry.mtime)};
    ::futimens(fd.get(), times);
    return Status::ok();
}

void LayerUnpacker::setOwnerAndTime(int parentFd, const std::string &name, const TarEntry &entry) {
    if (m_options.preserveOwnership) {
        (void)::fchownat(parentFd, name.c_str(), entry.uid, entry.gid, AT_SYMLINK_NOFOLLOW);
    }
    timespec times[2] = {toTimespec(entry.mtime), toTimespec(entry.mtime)};
    ::utimensat(parentFd, name.c_str(), times, AT_SYMLINK_NOFOLLOW);
}

Status LayerUnpacker::applyWhiteout(int parentFd, const std::vector<std::string> &parentPath,
                                    const std::string &name) {
    if (name == kOpaqueMarker) {
        if (m_options.whiteouts == WhiteoutMode::Overlay) {
            if (::fsetxattr(parentFd, "trusted.overlay.opaque", "y", 1, 0) != 0) {
                return Status(StatusCode::Internal,
                              safe_fs::errnoText("set trusted.overlay.opaque"));
            }
            return Status::ok();
        }
        // Hide everything from lower layers, but not what this layer already wrote here.
        std::string prefix = joinPath(parentPath);
        std::vector<std::string> keep;
        for (const auto &written : m_written) {
            std::string_view w = written;
            if (!prefix.empty()) {
                if (!w.starts_with(prefix + "/")) {
                    continue;
                }
                w.remove_prefix(prefix.size() + 1);
            }
            keep.emplace_back(w.substr(0, w.find('/')));
        }
        return safe_fs::clearDir(parentFd, keep);
    }
    std::string hidden = name.substr(kWhiteoutPrefix.size());
    if (hidden.empty() || hidden == "." || hidden == "..") {
        return Status(StatusCode::Invalid, "refused whiteout \"" + name + "\"");
    }
    if (auto s = safe_fs::removeAt(parentFd, hidden); !s) {
        return s;
    }
    if (m_options.whiteouts == WhiteoutMode::Overlay &&
        ::mknodat(parentFd, hidden.c_str(), S_IFCHR | 0, makedev(0, 0)) != 0) {
        return Status(StatusCode::Internal, safe_fs::errnoText("mknod whiteout"));
    }
    return Status::ok();
}

Status LayerUnpacker::finishDirectories(int rootFd) {
    // Deepest first, so setting a parent's mtime is not undone by touching a child, and a
    // read-only directory is made read-only only after everything inside it exists.
    for (auto it = m_directories.rbegin(); it != m_directories.rend(); ++it) {
        auto dir = safe_fs::openDirInRoot(rootFd, it->path, false);
        if (!dir) {
            continue; // removed later in the same layer
        }
        if (m_options.preserveOwnership) {
            (void)::fchown(dir->get(), it->uid, it->gid);
        }
        ::fchmod(dir->get(), it->mode & 07777);
        timespec times[2] = {toTimespec(it->mtime), toTimespec(it->mtime)};
        ::futimens(dir->get(), times);
    }
    return Status::ok();
}

} // namespace cox::image
