// RegistryClient: the distribution API v2 for one repository: manifests (with Accept for OCI
// and Docker indexes and manifests) and blobs, each checked against its digest and size.
// Handles anonymous, basic and bearer-token auth: on a 401 it answers the WWW-Authenticate
// challenge (fetching a token from the realm for the challenge's service and scope) and retries
// once. One instance per pull; not thread-safe (it caches the token).
#pragma once

#include "common/result.h"
#include "image/http_client.h"
#include "image/image_reference.h"
#include "image/manifest.h"
#include "image/registry_auth.h"

#include <optional>
#include <string>

namespace cox::image {

struct FetchedManifest {
    std::string body;
    std::string mediaType;
    std::string digest; // sha256 of body
};

class RegistryClient {
public:
    RegistryClient(const HttpClient &http, ImageReference ref, std::optional<RegistryAuth> auth);

    // GET /v2/<repo>/manifests/<reference>; a digest reference must match the body.
    Result<FetchedManifest> manifest(const std::string &reference);
    // Small blobs (configs) into memory, verified.
    Result<std::string> blob(const Descriptor &descriptor, const std::string &what);
    // A blob streamed into `path` (created/truncated), verified; `what` names it in errors
    // ("layer", "config").
    Status blobToFile(const Descriptor &descriptor, const std::string &path,
                      const std::string &what);

private:
    Result<HttpResponse> send(HttpRequest request);
    Status answerChallenge(const HttpResponse &unauthorized);
    Status errorFor(const HttpResponse &response, const std::string &what);
    std::string baseUrl() const;

    const HttpClient &m_http;
    ImageReference m_ref;
    std::optional<RegistryAuth> m_auth;
    std::string m_authorization; // the Authorization header value once known
};

} // namespace cox::image
