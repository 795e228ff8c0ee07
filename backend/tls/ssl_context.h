// Builds the asio::ssl::context objects for the HTTPS server and client: TLS 1.2+, EC keys,
// optional client-certificate verification (server) and CA pinning (client).
#pragma once

#include "common/result.h"

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace cox::tls {

using SslContextPtr = std::shared_ptr<boost::asio::ssl::context>;

// Server context presenting `certPem` (leaf, optionally followed by intermediates) and `keyPem`.
// When `clientCaPem` is set, clients MAY present a certificate, which must chain to that CA;
// clients without one still connect (they authenticate with bearer tokens instead).
Result<SslContextPtr> makeServerContext(const std::string &certPem, const std::string &keyPem,
                                        const std::string &clientCaPem = {});

// Client context trusting only `caPem`; presents `certPem`/`keyPem` when both are given.
Result<SslContextPtr> makeClientContext(const std::string &caPem, const std::string &certPem = {},
                                        const std::string &keyPem = {});

} // namespace cox::tls
