#include "master/node_record.h"

#include "tls/crypto.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace cox::master {

std::string NodeRecord::pathFor(const std::string &dataDir, const std::string &node) {
    return dataDir + "/nodes/" + node + ".json";
}

Status NodeRecord::save(const std::string &dataDir) const {
    std::error_code ec;
    std::filesystem::create_directories(dataDir + "/nodes", ec);
    nlohmann::json doc = {{"node", node},
                          {"host", host},
                          {"port", port},
                          {"user", user},
                          {"keyFile", keyFile},
                          {"jumpHost", jumpHost},
                          {"installRoot", installRoot},
                          {"serverUrl", serverUrl}};
    return tls::writeFileAtomic(pathFor(dataDir, node), doc.dump(2) + "\n", 0600);
}

Result<NodeRecord> NodeRecord::load(const std::string &dataDir, const std::string &node) {
    std::string text;
    if (Status s = tls::readFile(pathFor(dataDir, node), text); !s)
        return Status(StatusCode::NotFound,
                      "no record of how node " + node + " was added (" + pathFor(dataDir, node) +
                          "); was it added with `coxswain-master node add` on this data dir?");
    auto doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object())
        return Status(StatusCode::Internal, pathFor(dataDir, node) + " is not valid JSON");
    NodeRecord r;
    r.node = doc.value("node", node);
    r.host = doc.value("host", "");
    r.port = doc.value("port", uint16_t{22});
    r.user = doc.value("user", "root");
    r.keyFile = doc.value("keyFile", "");
    r.jumpHost = doc.value("jumpHost", "");
    r.installRoot = doc.value("installRoot", "");
    r.serverUrl = doc.value("serverUrl", "");
    return r;
}

Status NodeRecord::erase(const std::string &dataDir, const std::string &node) {
    std::error_code ec;
    std::filesystem::remove(pathFor(dataDir, node), ec);
    return Status::ok();
}

} // namespace cox::master
