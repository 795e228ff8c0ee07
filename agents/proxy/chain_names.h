// ChainNames: stable iptables chain names for a service port and an endpoint. The name is a
// hash of what identifies the object (namespace/name:port/protocol, plus ip:port for an
// endpoint), so an unchanged service keeps its chain across syncs (and its `recent` affinity
// list, named after the chain) and names fit iptables' 28-character limit.
#pragma once

#include <string>

namespace cox::agent::proxy {

class ChainNames {
public:
    // "COX-SVC-" + 13 base32 characters.
    static std::string service(const std::string &servicePortKey);
    // "COX-SEP-" + 13 base32 characters.
    static std::string endpoint(const std::string &servicePortKey, const std::string &ipPort);
    // 64-bit FNV-1a as 13 characters of RFC 4648 base32.
    static std::string hash(const std::string &text);
};

} // namespace cox::agent::proxy
