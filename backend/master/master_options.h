// Command line of coxswain-master: parsed into plain options, with errors worded for the user.
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cox::master {

struct MasterOptions {
    enum class Command { Serve, Help, Version, TokenCreate };
    Command command = Command::Serve;
    std::string dataDir = "./coxswain-data";
    std::string listenHost = "0.0.0.0";
    uint16_t listenPort = 6443;
    std::string storeUri;       // default: sqlite://<dataDir>/state.db
    std::string kubeconfigPath; // --write-kubeconfig
    std::string logLevel = "info";
    int64_t tokenTtlSeconds = 24 * 3600; // token create --ttl; 0 = never expires
};

Result<MasterOptions> parseMasterOptions(const std::vector<std::string> &args);
std::string masterUsage();

// "24h", "30m", "90s", "1h30m", "0" -> seconds.
Status parseDuration(const std::string &text, int64_t &seconds);

// "10.0.0.5:6443", "[::1]:6443", ":6443", "127.0.0.1" -> host + port (default 6443).
Status parseListenAddress(const std::string &text, std::string &host, uint16_t &port);

} // namespace cox::master
