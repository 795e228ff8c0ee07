#include "image/sha256.h"

#include "image/unique_fd.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <openssl/evp.h>

namespace cox::image {

struct Sha256::Impl {
    EVP_MD_CTX *ctx = nullptr;
};

Sha256::Sha256()
    : m_impl(std::make_unique<Impl>()) {
    m_impl->ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(m_impl->ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(m_impl->ctx);
}

void Sha256::update(const void *data, size_t size) {
    EVP_DigestUpdate(m_impl->ctx, data, size);
}

std::string Sha256::digest() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_impl->ctx, md, &len);
    static const char *hex = "0123456789abcdef";
    std::string out = "sha256:";
    for (unsigned int i = 0; i < len; ++i) {
        out.push_back(hex[md[i] >> 4]);
        out.push_back(hex[md[i] & 15]);
    }
    return out;
}

std::string Sha256::of(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.digest();
}

Result<std::string> Sha256::ofFile(const std::string &path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        return Status(StatusCode::Internal, "open " + path + ": " + std::strerror(errno));
    }
    Sha256 h;
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return Status(StatusCode::Internal, "read " + path + ": " + std::strerror(errno));
        }
        if (n == 0) {
            break;
        }
        h.update(buf, static_cast<size_t>(n));
    }
    return h.digest();
}

bool Sha256::isValidDigest(std::string_view digest) {
    if (digest.size() != 71 || digest.substr(0, 7) != "sha256:") {
        return false;
    }
    for (char c : digest.substr(7)) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

} // namespace cox::image
