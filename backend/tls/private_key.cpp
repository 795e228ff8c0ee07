#include "tls/private_key.h"

#include <openssl/pem.h>

namespace cox::tls {

PrivateKey::PrivateKey(const PrivateKey &other) {
    if (other.m_key) {
        EVP_PKEY_up_ref(other.m_key.get());
        m_key.reset(other.m_key.get());
    }
}

PrivateKey &PrivateKey::operator=(const PrivateKey &other) {
    if (this != &other)
        *this = PrivateKey(other);
    return *this;
}

Result<PrivateKey> PrivateKey::generateP256() {
    EvpPkeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return Status(StatusCode::Internal, "generate EC key: " + lastOpenSslError());
    return PrivateKey(std::move(key));
}

Result<PrivateKey> PrivateKey::fromPem(std::string_view pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return Status(StatusCode::BadRequest, "parse private key: " + lastOpenSslError());
    return PrivateKey(std::move(key));
}

std::string PrivateKey::toPem() const {
    if (!m_key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(len));
}

} // namespace cox::tls
