// LogFollowers: makes the CRI log file the agent's log server reads (ContainerConfig::logPath)
// exist for Docker containers. One thread per container follows
// GET /containers/{id}/logs?follow=1&timestamps=1 and appends CRI lines to the file until the
// container's output ends (Docker closes the stream when the container exits). Docker keeps the
// output itself (json-file), so nothing is lost while no follower runs: after an agent restart
// a follower starts again from the last timestamp in the file and skips what is already there.
#pragma once

#include "docker/docker_client.h"
#include "logs/log_options.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace cox::agent::docker {

class LogFollowers {
public:
    explicit LogFollowers(const DockerClient &client)
        : m_client(client) {}
    ~LogFollowers();
    LogFollowers(const LogFollowers &) = delete;
    LogFollowers &operator=(const LogFollowers &) = delete;

    // Starts following unless a follower for this container still runs.
    void follow(const std::string &containerId, const std::string &logPath, bool tty);
    // Ends the container's follower (if any) and waits for it.
    void stop(const std::string &containerId);

    // One pass over whatever the stream gives until it ends; the follower thread's body, public
    // so tests can run it synchronously. Returns the error that ended it, ok at a clean end.
    static Status copy(DockerStream &stream, const std::string &logPath, bool tty,
                       std::optional<logs::TimePoint> after);
    // The last CRI timestamp in the file, if any.
    static std::optional<logs::TimePoint> resumePoint(const std::string &logPath);

private:
    struct Follower {
        std::thread thread;
        std::mutex mutex;
        std::unique_ptr<DockerStream> stream; // set while connected, for interrupt()
        bool stopping = false;
        bool done = false;
    };
    void run(std::shared_ptr<Follower> follower, std::string containerId, std::string logPath,
             bool tty);
    void reapFinished();

    const DockerClient &m_client;
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<Follower>> m_followers;
};

} // namespace cox::agent::docker
