// An X.509 certificate (RAII over X509, shared by reference count) with the accessors the
// PKI, the server and the authenticator need: subject fields, SANs, validity, fingerprints.
#pragma once

#include "common/result.h"
#include "tls/openssl_ptr.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace cox::tls {

class Certificate {
public:
    Certificate() = default;
    explicit Certificate(X509Ptr cert)
        : m_cert(std::move(cert)) {}
    Certificate(const Certificate &other);
    Certificate &operator=(const Certificate &other);
    Certificate(Certificate &&) = default;
    Certificate &operator=(Certificate &&) = default;

    static Result<Certificate> fromPem(std::string_view pem);
    static Result<Certificate> fromDer(std::string_view der);

    std::string toPem() const;
    std::string toDer() const;
    // Lower-case hex SHA-256 of the DER encoding (what join tokens pin).
    std::string sha256Hex() const;

    std::string commonName() const;
    std::vector<std::string> organizations() const;
    std::vector<std::string> dnsNames() const;
    std::vector<std::string> ipAddresses() const; // textual, as inet_ntop prints them
    bool isCa() const;
    std::chrono::system_clock::time_point notAfter() const;

    bool isNull() const { return !m_cert; }
    X509 *native() const { return m_cert.get(); }

private:
    X509Ptr m_cert;
};

// SHA-256 (hex) of a certificate given as PEM text or raw DER bytes.
std::string sha256Hex(std::string_view certPemOrDer);

// Verifies that `leaf` chains to `ca` for the given purpose (X509_PURPOSE_SSL_SERVER/CLIENT).
Status verifyCertificate(const Certificate &leaf, const Certificate &ca, int purpose);

} // namespace cox::tls
