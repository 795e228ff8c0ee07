// Sha256: incremental SHA-256 over OpenSSL's EVP, producing OCI digest strings
// ("sha256:<64 hex>"). Every blob and layer the image service accepts is checked with it.
#pragma once

#include "common/result.h"

#include <memory>
#include <string>
#include <string_view>

namespace cox::image {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const void *data, size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    // "sha256:<hex>"; the hasher is finished afterwards.
    std::string digest();

    static std::string of(std::string_view data);
    static Result<std::string> ofFile(const std::string &path);
    // True for "sha256:" followed by 64 lowercase hex digits.
    static bool isValidDigest(std::string_view digest);
    // The hex part of a valid digest.
    static std::string_view hexOf(std::string_view digest) { return digest.substr(7); }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cox::image
