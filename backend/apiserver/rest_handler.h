// RestHandler: decodes a resource request (/api/v1/..., /apis/{g}/{v}/...) into a
// ResourceService call and encodes the answer (objects, lists, Tables, watch streams, Status
// errors). It holds no REST semantics of its own.
#pragma once

#include "apiserver/http_codec.h"
#include "apiserver/pod_log_proxy.h"
#include "apiserver/request_info.h"
#include "apiserver/resource_service.h"
#include "http/request.h"
#include "model/served_version.h"

#include <atomic>
#include <chrono>

namespace cox::apiserver {

struct WatchSettings {
    std::chrono::milliseconds bookmarkInterval{std::chrono::seconds(60)};
    std::chrono::seconds maxTimeout{std::chrono::hours(1)};
};

class RestHandler {
public:
    RestHandler(ResourceService &service, WatchSettings watch,
                NodeCredentialsProvider nodeCredentials = {});

    void serve(const http::Request &request, const RequestInfo &info, const auth::UserInfo &user,
               http::ResponseSink &sink);

private:
    using Type = model::ResourceType;
    struct Call {
        const http::Request &request;
        const RequestInfo &info;
        const Type &type; // the stored type: what the service reads and writes
        CallContext ctx;
        ErrorDetails details;
        std::vector<std::string> warnings;
        http::ResponseSink &sink;
        // Set when the URL names a served-only version of `type` (rest_versions.cpp).
        const model::ServedVersion *served = nullptr;
    };

    void dispatch(Call &call);
    void dispatchSubresource(Call &call);
    void fail(Call &call, const Status &status);
    void answer(Call &call, int code, const Result<Json> &result);

    void get(Call &call);
    void list(Call &call);
    void watch(Call &call);
    void create(Call &call);
    void update(Call &call, bool status);
    void patch(Call &call, const std::string &subresource);
    void remove(Call &call);
    void removeCollection(Call &call);
    void scale(Call &call);
    void bind(Call &call);
    void evict(Call &call);

    // Served versions (rest_versions.cpp): the type the client speaks, bodies converted in,
    // answers converted out; identities when the URL names the stored version.
    // The write options a request's query asks for (dryRun).
    static Result<WriteOptions> writeOptions(const http::Request &request);
    static const Type &clientType(const Call &call);
    static Json outgoing(const Call &call, Json object);
    static Json outgoingTable(const Call &call, Json table);
    Result<Json> incomingBody(Call &call);
    std::string encodeListFor(const Call &call, const ListPage &page);
    // PATCH on a served version: read, convert, patch the served form, convert back, update with
    // the read resourceVersion as precondition.
    void patchServed(Call &call, const std::string &subresource);

    Result<DeleteOptions> deleteOptions(Call &call);
    ListOptions listOptions(const http::Request &request, Status &error);
    void streamWatch(Call &call, ResourceWatch &watch, const Negotiated &format,
                     std::chrono::seconds timeout, bool bookmarks, bool initialEventsEnd);

    ResourceService &m_service;
    WatchSettings m_watch;
    PodLogProxy m_logs;
};

} // namespace cox::apiserver
