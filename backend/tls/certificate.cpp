#include "tls/certificate.h"

#include "tls/crypto.h"

#include <openssl/pem.h>

#include <arpa/inet.h>

namespace cox::tls {

namespace {

std::vector<std::string> subjectEntries(X509 *cert, int nid) {
    std::vector<std::string> out;
    X509_NAME *name = X509_get_subject_name(cert);
    for (int i = X509_NAME_get_index_by_NID(name, nid, -1); i >= 0;
         i = X509_NAME_get_index_by_NID(name, nid, i)) {
        ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
        unsigned char *utf8 = nullptr;
        int len = ASN1_STRING_to_UTF8(&utf8, data);
        if (len >= 0)
            out.emplace_back(reinterpret_cast<char *>(utf8), static_cast<size_t>(len));
        OPENSSL_free(utf8);
    }
    return out;
}

GeneralNamesPtr subjectAltNames(X509 *cert) {
    return GeneralNamesPtr(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
}

} // namespace

Certificate::Certificate(const Certificate &other) {
    if (other.m_cert) {
        X509_up_ref(other.m_cert.get());
        m_cert.reset(other.m_cert.get());
    }
}

Certificate &Certificate::operator=(const Certificate &other) {
    if (this != &other)
        *this = Certificate(other);
    return *this;
}

Result<Certificate> Certificate::fromPem(std::string_view pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert)
        return Status(StatusCode::BadRequest, "parse certificate: " + lastOpenSslError());
    return Certificate(std::move(cert));
}

Result<Certificate> Certificate::fromDer(std::string_view der) {
    auto *p = reinterpret_cast<const unsigned char *>(der.data());
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert)
        return Status(StatusCode::BadRequest, "parse certificate: " + lastOpenSslError());
    return Certificate(std::move(cert));
}

std::string Certificate::toPem() const {
    if (!m_cert)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), m_cert.get());
    char *data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(len));
}

std::string Certificate::toDer() const {
    if (!m_cert)
        return {};
    unsigned char *der = nullptr;
    int len = i2d_X509(m_cert.get(), &der);
    if (len <= 0)
        return {};
    std::string out(reinterpret_cast<char *>(der), static_cast<size_t>(len));
    OPENSSL_free(der);
    return out;
}

std::string Certificate::sha256Hex() const {
    return sha256HexOfData(toDer());
}

std::string Certificate::commonName() const {
    auto cns = subjectEntries(m_cert.get(), NID_commonName);
    return cns.empty() ? std::string() : cns.front();
}

std::vector<std::string> Certificate::organizations() const {
    return subjectEntries(m_cert.get(), NID_organizationName);
}

std::vector<std::string> Certificate::dnsNames() const {
    std::vector<std::string> out;
    GeneralNamesPtr names = subjectAltNames(m_cert.get());
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
        GENERAL_NAME *gn = sk_GENERAL_NAME_value(names.get(), i);
        if (gn->type != GEN_DNS)
            continue;
        const ASN1_IA5STRING *s = gn->d.dNSName;
        out.emplace_back(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                         static_cast<size_t>(ASN1_STRING_length(s)));
    }
    return out;
}

std::vector<std::string> Certificate::ipAddresses() const {
    std::vector<std::string> out;
    GeneralNamesPtr names = subjectAltNames(m_cert.get());
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
        GENERAL_NAME *gn = sk_GENERAL_NAME_value(names.get(), i);
        if (gn->type != GEN_IPADD)
            continue;
        const unsigned char *bytes = ASN1_STRING_get0_data(gn->d.iPAddress);
        int len = ASN1_STRING_length(gn->d.iPAddress);
        char text[INET6_ADDRSTRLEN] = {};
        if (len == 4)
            inet_ntop(AF_INET, bytes, text, sizeof text);
        else if (len == 16)
            inet_ntop(AF_INET6, bytes, text, sizeof text);
        else
            continue;
        out.emplace_back(text);
    }
    return out;
}

bool Certificate::isCa() const {
    return m_cert && X509_check_ca(m_cert.get()) >= 1;
}

std::chrono::system_clock::time_point Certificate::notAfter() const {
    struct tm tm {};
    if (!m_cert || ASN1_TIME_to_tm(X509_get0_notAfter(m_cert.get()), &tm) != 1)
        return {};
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string sha256Hex(std::string_view certPemOrDer) {
    if (certPemOrDer.find("-----BEGIN") != std::string_view::npos) {
        auto cert = Certificate::fromPem(certPemOrDer);
        return cert ? cert->sha256Hex() : std::string();
    }
    return sha256HexOfData(certPemOrDer);
}

Status verifyCertificate(const Certificate &leaf, const Certificate &ca, int purpose) {
    X509StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), ca.native());
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (X509_STORE_CTX_init(ctx.get(), store.get(), leaf.native(), nullptr) != 1)
        return Status(StatusCode::Internal, "verify: " + lastOpenSslError());
    X509_STORE_CTX_set_purpose(ctx.get(), purpose);
    if (X509_verify_cert(ctx.get()) != 1) {
        int err = X509_STORE_CTX_get_error(ctx.get());
        return Status(StatusCode::Unauthorized, std::string("certificate verification failed: ") +
                                                    X509_verify_cert_error_string(err));
    }
    return Status::ok();
}

} // namespace cox::tls
