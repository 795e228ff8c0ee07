#include "proxy/chain_names.h"

#include <cstdint>

namespace cox::agent::proxy {

std::string ChainNames::hash(const std::string &text) {
    uint64_t value = 14695981039346656037ull;
    for (unsigned char c : text) {
        value ^= c;
        value *= 1099511628211ull;
    }
    static const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out(13, 'A');
    for (int i = 12; i >= 0; --i) {
        out[i] = alphabet[value & 31];
        value >>= 5;
    }
    return out;
}

std::string ChainNames::service(const std::string &servicePortKey) {
    return "COX-SVC-" + hash(servicePortKey);
}

std::string ChainNames::endpoint(const std::string &servicePortKey, const std::string &ipPort) {
    return "COX-SEP-" + hash(servicePortKey + "@" + ipPort);
}

} // namespace cox::agent::proxy
