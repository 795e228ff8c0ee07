// Request-target parsing: percent-decoding of the path and the query string.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cox::http {

// Decodes %XX escapes (and '+' as space when `plusIsSpace`, as in query strings).
// nullopt when an escape is malformed.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);

// Splits "/a%20b?x=1&y" into path "/a b" and query {x:1, y:""}. False when malformed.
bool parseTarget(std::string_view target, std::string &path,
                 std::multimap<std::string, std::string> &query);

// Encodes everything but unreserved characters (RFC 3986), for building targets.
std::string percentEncode(std::string_view text);

} // namespace cox::http
