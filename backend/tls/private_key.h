// An EC P-256 private key (RAII over EVP_PKEY) with PEM (PKCS#8) conversion.
#pragma once

#include "common/result.h"
#include "tls/openssl_ptr.h"

#include <string>
#include <string_view>

namespace cox::tls {

class PrivateKey {
public:
    PrivateKey() = default;
    explicit PrivateKey(EvpPkeyPtr key)
        : m_key(std::move(key)) {}
    PrivateKey(const PrivateKey &other);
    PrivateKey &operator=(const PrivateKey &other);
    PrivateKey(PrivateKey &&) = default;
    PrivateKey &operator=(PrivateKey &&) = default;

    // A fresh EC key on the NIST P-256 curve: small, fast, and accepted by every TLS client.
    static Result<PrivateKey> generateP256();
    static Result<PrivateKey> fromPem(std::string_view pem);

    std::string toPem() const;
    bool isNull() const { return !m_key; }
    EVP_PKEY *native() const { return m_key.get(); }

private:
    EvpPkeyPtr m_key;
};

} // namespace cox::tls
