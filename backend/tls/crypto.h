// Small cryptographic helpers over OpenSSL used by the tls and auth modules: SHA-256, random
// bytes, base64, constant-time comparison and secret-file writing.
#pragma once

#include "common/status.h"

#include <string>
#include <string_view>
#include <sys/types.h>

namespace cox::tls {

// Lower-case hex SHA-256 of arbitrary bytes.
std::string sha256HexOfData(std::string_view data);
// Cryptographically secure random bytes (OpenSSL RAND_bytes); aborts on RNG failure.
std::string randomBytes(size_t count);
std::string hexEncode(std::string_view data);
std::string base64Encode(std::string_view data);
std::string base64UrlEncode(std::string_view data); // no padding
// Equal-length-independent comparison whose duration does not depend on where bytes differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

// Writes `data` to `path` atomically: a temporary file in the same directory created with
// `mode`, fsync'd, then renamed over the target, so readers never see a half-written key.
Status writeFileAtomic(const std::string &path, std::string_view data, mode_t mode);
// Reads a whole file; NotFound when it does not exist.
Status readFile(const std::string &path, std::string &out);

} // namespace cox::tls
