#include "runc/json_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace cox::agent::runc {

Result<std::string> JsonFile::readText(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Status(StatusCode::NotFound, path + ": " + std::strerror(errno));
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

Result<nlohmann::json> JsonFile::read(const std::string &path) {
    auto text = readText(path);
    if (!text)
        return text.status();
    auto value = nlohmann::json::parse(*text, nullptr, false);
    if (value.is_discarded())
        return Status(StatusCode::Internal, path + ": not valid JSON");
    return value;
}

Status JsonFile::writeText(const std::string &path, const std::string &text) {
    std::string temp = path + ".tmp." + std::to_string(::getpid()) + "." +
                       std::to_string(reinterpret_cast<uintptr_t>(&text));
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return Status(StatusCode::Internal, temp + ": " + std::strerror(errno));
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            return Status(StatusCode::Internal, temp + ": " + std::strerror(saved));
        }
        done += static_cast<size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(temp.c_str());
        return Status(StatusCode::Internal, path + ": " + std::strerror(saved));
    }
    return Status::ok();
}

Status JsonFile::write(const std::string &path, const nlohmann::json &value) {
    return writeText(path, value.dump(2) + "\n");
}

} // namespace cox::agent::runc
