// AtomicWriter: version directories, the ..data swap and the visible symlinks.
#include "volumes/atomic_writer.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::agent::volumes {

namespace fs = std::filesystem;

namespace {
constexpr const char *kDataLink = "..data";
constexpr const char *kDataLinkTmp = "..data_tmp";

Status errnoStatus(const std::string &what) {
    return Status(StatusCode::Internal, what + ": " + std::strerror(errno));
}

std::string topLevel(const std::string &path) {
    return path.substr(0, path.find('/'));
}

std::string versionPrefix() {
    auto now = std::chrono::system_clock::now();
    time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "..%Y_%m_%d_%H_%M_%S.", &tm);
    return buf;
}

Status writeFile(const std::string &path, const FileEntry &entry) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return errnoStatus("cannot create " + path);
    size_t done = 0;
    while (done < entry.data.size()) {
        ssize_t n = ::write(fd, entry.data.data() + done, entry.data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            Status s = errnoStatus("cannot write " + path);
            ::close(fd);
            return s;
        }
        done += size_t(n);
    }
    // fchmod after writing: the umask must not change the requested mode.
    bool ok = ::fchmod(fd, entry.mode) == 0 && ::fsync(fd) == 0;
    ::close(fd);
    return ok ? Status::ok() : errnoStatus("cannot finish " + path);
}
} // namespace

AtomicWriter::AtomicWriter(std::string targetDir)
    : m_dir(std::move(targetDir)) {}

Status AtomicWriter::validatePath(const std::string &path) {
    if (path.empty() || path.front() == '/')
        return Status(StatusCode::Invalid, "invalid file path \"" + path + "\": must be relative");
    if (path.rfind("..", 0) == 0)
        return Status(StatusCode::Invalid,
                      "invalid file path \"" + path + "\": must not start with \"..\"");
    for (const auto &part : fs::path(path))
        if (part == "..")
            return Status(StatusCode::Invalid,
                          "invalid file path \"" + path + "\": must not contain \"..\"");
    return Status::ok();
}

bool AtomicWriter::sameAsCurrent(const Payload &payload) const {
    std::error_code ec;
    fs::path data = fs::path(m_dir) / kDataLink;
    if (!fs::is_symlink(data, ec))
        return false;
    size_t files = 0;
    for (auto it = fs::recursive_directory_iterator(data, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        files += it->is_regular_file(ec) ? 1 : 0;
    if (ec || files != payload.size())
        return false;
    for (const auto &[path, entry] : payload) {
        struct stat st {};
        std::string full = (data / path).string();
        if (::stat(full.c_str(), &st) != 0 || (st.st_mode & 07777) != entry.mode)
            return false;
        std::ifstream in(full, std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        if (content.str() != entry.data)
            return false;
    }
    return true;
}

Result<std::string> AtomicWriter::writeVersion(const Payload &payload) const {
    std::string templ = m_dir + "/" + versionPrefix() + "XXXXXX";
    if (!::mkdtemp(templ.data()))
        return errnoStatus("cannot create a version directory in " + m_dir);
    ::chmod(templ.c_str(), 0755);
    for (const auto &[path, entry] : payload) {
        fs::path full = fs::path(templ) / path;
        std::error_code ec;
        fs::create_directories(full.parent_path(), ec);
        if (ec)
            return Status(StatusCode::Internal,
                          "cannot create " + full.parent_path().string() + ": " + ec.message());
        if (Status s = writeFile(full.string(), entry); !s.isOk())
            return s;
    }
    return fs::path(templ).filename().string();
}

Status AtomicWriter::updateVisibleLinks(const Payload &payload) const {
    std::set<std::string> wanted;
    for (const auto &[path, entry] : payload)
        wanted.insert(topLevel(path));
    for (const std::string &name : wanted) {
        std::string link = m_dir + "/" + name;
        struct stat st {};
        if (::lstat(link.c_str(), &st) == 0)
            continue;
        if (::symlink((std::string(kDataLink) + "/" + name).c_str(), link.c_str()) != 0)
            return errnoStatus("cannot link " + link);
    }
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("..", 0) != 0 && !wanted.count(name) && entry.is_symlink())
            fs::remove(entry.path(), ec);
    }
    return Status::ok();
}

Result<bool> AtomicWriter::write(const Payload &payload) const {
    for (const auto &[path, entry] : payload)
        if (Status s = validatePath(path); !s.isOk())
            return s;
    if (sameAsCurrent(payload))
        return false;
    std::error_code ec;
    fs::path dataLink = fs::path(m_dir) / kDataLink;
    fs::path oldVersion = fs::read_symlink(dataLink, ec);
    auto version = writeVersion(payload);
    if (!version)
        return version.status();
    std::string tmpLink = m_dir + "/" + kDataLinkTmp;
    ::unlink(tmpLink.c_str());
    if (::symlink(version->c_str(), tmpLink.c_str()) != 0)
        return errnoStatus("cannot link " + tmpLink);
    // The swap: rename(2) replaces ..data atomically, so readers see the old or the new set.
    if (::rename(tmpLink.c_str(), dataLink.c_str()) != 0)
        return errnoStatus("cannot swap " + dataLink.string());
    if (Status s = updateVisibleLinks(payload); !s.isOk())
        return s;
    if (!oldVersion.empty() && oldVersion.string() != *version)
        fs::remove_all(fs::path(m_dir) / oldVersion, ec);
    return true;
}

} // namespace cox::agent::volumes
