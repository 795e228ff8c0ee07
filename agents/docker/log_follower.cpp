#include "docker/log_follower.h"

#include "common/log.h"
#include "docker/docker_log_stream.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace cox::agent::docker {
namespace {

// Closes the log file on every way out.
struct FileCloser {
    int fd;
    ~FileCloser() {
        if (fd >= 0)
            ::close(fd);
    }
};

bool writeAll(int fd, const std::string &text) {
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

// Docker's `since`: seconds with a nanosecond fraction.
std::string sinceParameter(std::optional<logs::TimePoint> after) {
    if (!after)
        return "0";
    auto nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(after->time_since_epoch()).count();
    char text[48];
    std::snprintf(text, sizeof text, "%lld.%09lld", static_cast<long long>(nanos / 1000000000),
                  static_cast<long long>(nanos % 1000000000));
    return text;
}

} // namespace

LogFollowers::~LogFollowers() {
    std::map<std::string, std::shared_ptr<Follower>> all;
    {
        std::lock_guard guard(m_mutex);
        all.swap(m_followers);
    }
    for (auto &[id, follower] : all) {
        {
            std::lock_guard guard(follower->mutex);
            follower->stopping = true;
            if (follower->stream)
                follower->stream->interrupt();
        }
        if (follower->thread.joinable())
            follower->thread.join();
    }
}

std::optional<logs::TimePoint> LogFollowers::resumePoint(const std::string &logPath) {
    int fd = ::open(logPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    FileCloser closer{fd};
    off_t size = ::lseek(fd, 0, SEEK_END);
    off_t start = size > 65536 ? size - 65536 : 0;
    std::string tail(static_cast<size_t>(size - start), '\0');
    ssize_t n = ::pread(fd, tail.data(), tail.size(), start);
    if (n <= 0)
        return std::nullopt;
    tail.resize(static_cast<size_t>(n));
    return CriLogConverter::lastTime(tail);
}

Status LogFollowers::copy(DockerStream &stream, const std::string &logPath, bool tty,
                          std::optional<logs::TimePoint> after) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(logPath).parent_path(), ec);
    int fd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0)
        return Status(StatusCode::Internal, "open " + logPath + ": " + std::strerror(errno));
    FileCloser closer{fd};
    StreamDemuxer demuxer;
    CriLogConverter converter(after);
    std::string chunk;
    while (true) {
        chunk.clear();
        bool more = stream.read(chunk);
        std::string lines;
        if (tty) {
            lines = converter.convertRaw(chunk);
        } else {
            demuxer.feed(chunk);
            StreamFrame frame;
            while (demuxer.next(frame))
                lines += converter.convert(frame);
        }
        if (!lines.empty() && !writeAll(fd, lines))
            return Status(StatusCode::Internal, "write " + logPath + ": " + std::strerror(errno));
        if (!more)
            return Status::ok();
    }
}

void LogFollowers::follow(const std::string &containerId, const std::string &logPath, bool tty) {
    if (logPath.empty())
        return;
    reapFinished();
    std::lock_guard guard(m_mutex);
    auto &slot = m_followers[containerId];
    if (slot && !slot->done)
        return;
    if (slot && slot->thread.joinable())
        slot->thread.join();
    slot = std::make_shared<Follower>();
    slot->thread = std::thread(&LogFollowers::run, this, slot, containerId, logPath, tty);
}

void LogFollowers::run(std::shared_ptr<Follower> follower, std::string containerId,
                       std::string logPath, bool tty) {
    auto after = resumePoint(logPath);
    DockerRequest request;
    request.path = "/containers/" + containerId +
                   "/logs?follow=1&stdout=1&stderr=1&timestamps=1&since=" + sinceParameter(after);
    request.endless = true;
    auto stream = m_client.open(request);
    if (!stream) {
        COX_LOG(Warn, "docker") << "logs of " << containerId.substr(0, 12) << ": "
                                << stream.status().message();
    } else {
        {
            std::lock_guard guard(follower->mutex);
            follower->stream = std::move(*stream);
            if (follower->stopping)
                follower->stream->interrupt();
        }
        Status copied = copy(*follower->stream, logPath, tty, after);
        if (!copied) {
            COX_LOG(Warn, "docker")
                << "logs of " << containerId.substr(0, 12) << ": " << copied.message();
        }
    }
    std::lock_guard guard(follower->mutex);
    follower->done = true;
}

void LogFollowers::stop(const std::string &containerId) {
    std::shared_ptr<Follower> follower;
    {
        std::lock_guard guard(m_mutex);
        auto it = m_followers.find(containerId);
        if (it == m_followers.end())
            return;
        follower = it->second;
        m_followers.erase(it);
    }
    {
        std::lock_guard guard(follower->mutex);
        follower->stopping = true;
        if (follower->stream)
            follower->stream->interrupt();
    }
    if (follower->thread.joinable())
        follower->thread.join();
}

void LogFollowers::reapFinished() {
    std::vector<std::shared_ptr<Follower>> finished;
    {
        std::lock_guard guard(m_mutex);
        for (auto it = m_followers.begin(); it != m_followers.end();) {
            bool done;
            {
                std::lock_guard followerGuard(it->second->mutex);
                done = it->second->done;
            }
            if (done) {
                finished.push_back(it->second);
                it = m_followers.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto &follower : finished)
        if (follower->thread.joinable())
            follower->thread.join();
}

} // namespace cox::agent::docker
