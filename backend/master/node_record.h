// NodeRecord: what `node remove` needs to reach a machine that `node add` joined: host, port,
// user, key file path, jump host and install root. Never a secret. Kept as
// DATA_DIR/nodes/NODE.json (0600).
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>

namespace cox::master {

struct NodeRecord {
    std::string node;
    std::string host;
    uint16_t port = 22;
    std::string user;
    std::string keyFile;
    std::string jumpHost;
    std::string installRoot;
    std::string serverUrl; // the API URL the agent was given (and removal reaches)

    static std::string pathFor(const std::string &dataDir, const std::string &node);
    Status save(const std::string &dataDir) const;
    static Result<NodeRecord> load(const std::string &dataDir, const std::string &node);
    static Status erase(const std::string &dataDir, const std::string &node);
};

} // namespace cox::master
