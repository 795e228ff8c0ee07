#include "tls/ssl_context.h"

#include "tls/openssl_ptr.h"

#include <openssl/pem.h>
#include <openssl/ssl.h>

namespace cox::tls {

namespace ssl = boost::asio::ssl;

namespace {

SslContextPtr newContext(ssl::context::method method) {
    auto ctx = std::make_shared<ssl::context>(method);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                     ssl::context::single_dh_use);
    return ctx;
}

Status loadIdentity(ssl::context &ctx, const std::string &certPem, const std::string &keyPem) {
    boost::system::error_code ec;
    ctx.use_certificate_chain(boost::asio::buffer(certPem), ec);
    if (ec)
        return Status(StatusCode::BadRequest, "load certificate: " + ec.message());
    ctx.use_private_key(boost::asio::buffer(keyPem), ssl::context::pem, ec);
    if (ec)
        return Status(StatusCode::BadRequest, "load private key: " + ec.message());
    if (SSL_CTX_check_private_key(ctx.native_handle()) != 1)
        return Status(StatusCode::BadRequest, "private key does not match the certificate");
    return Status::ok();
}

} // namespace

Result<SslContextPtr> makeServerContext(const std::string &certPem, const std::string &keyPem,
                                        const std::string &clientCaPem) {
    SslContextPtr ctx = newContext(ssl::context::tls_server);
    if (Status s = loadIdentity(*ctx, certPem, keyPem); !s)
        return s;
    if (clientCaPem.empty())
        return ctx;
    boost::system::error_code ec;
    ctx->add_certificate_authority(boost::asio::buffer(clientCaPem), ec);
    if (ec)
        return Status(StatusCode::BadRequest, "load client CA: " + ec.message());
    // Ask for a certificate but do not insist: token-bearing clients have none.
    ctx->set_verify_mode(ssl::verify_peer, ec);
    // Advertise the CA so clients with several identities pick the right one.
    BioPtr bio(BIO_new_mem_buf(clientCaPem.data(), static_cast<int>(clientCaPem.size())));
    if (X509 *ca = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        SSL_CTX_add_client_CA(ctx->native_handle(), ca);
        X509_free(ca);
    }
    return ctx;
}

Result<SslContextPtr> makeClientContext(const std::string &caPem, const std::string &certPem,
                                        const std::string &keyPem) {
    SslContextPtr ctx = newContext(ssl::context::tls_client);
    boost::system::error_code ec;
    ctx->add_certificate_authority(boost::asio::buffer(caPem), ec);
    if (ec)
        return Status(StatusCode::BadRequest, "load CA: " + ec.message());
    ctx->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert, ec);
    if (!certPem.empty() && !keyPem.empty()) {
        if (Status s = loadIdentity(*ctx, certPem, keyPem); !s)
            return s;
    }
    return ctx;
}

} // namespace cox::tls
