// PodLogProxy: container choice, node lookup and the relay of the agent's log stream.
#include "apiserver/pod_log_proxy.h"

#include "auth/user.h"
#include "http/tls_stream.h"
#include "model/resource_type.h"
#include "tls/ssl_context.h"

#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <array>
#include <limits>

namespace cox::apiserver {

namespace {
namespace bhttp = boost::beast::http;

constexpr uint16_t kDefaultKubeletPort = 10250;
constexpr std::array<const char *, 7> kForwardedOptions = {
    "follow", "tailLines", "timestamps", "sinceSeconds", "sinceTime", "previous", "limitBytes"};

std::vector<std::string> containerNames(const Json &pod, const char *field) {
    std::vector<std::string> names;
    const Json &spec = pod.contains("spec") ? pod["spec"] : Json::object();
    if (spec.contains(field) && spec[field].is_array())
        for (const Json &c : spec[field])
            names.push_back(c.value("name", ""));
    return names;
}

// Go's fmt of a []string: "[a b c]".
std::string goList(const std::vector<std::string> &names) {
    std::string out = "[";
    for (size_t i = 0; i < names.size(); ++i)
        out += (i ? " " : "") + names[i];
    return out + "]";
}

std::string percentEncode(const std::string &value) {
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(char(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

CallContext internalContext() {
    CallContext ctx;
    ctx.user = {"system:apiserver", {auth::kGroupMasters}};
    return ctx;
}
} // namespace

PodLogProxy::PodLogProxy(ResourceService &service, NodeCredentialsProvider credentials)
    : m_service(service)
    , m_credentials(std::move(credentials)) {}

Result<std::string> PodLogProxy::pickContainer(const Json &pod, const std::string &requested) {
    std::string name = pod["metadata"].value("name", "");
    auto containers = containerNames(pod, "containers");
    auto inits = containerNames(pod, "initContainers");
    auto ephemeral = containerNames(pod, "ephemeralContainers");
    if (requested.empty()) {
        if (containers.size() == 1)
            return containers.front();
        std::string message = "a container name must be specified for pod " + name +
                              ", choose one of: " + goList(containers);
        if (!inits.empty())
            message += " or one of the init containers: " + goList(inits);
        if (!ephemeral.empty())
            message += " or one of the ephemeral containers: " + goList(ephemeral);
        return Status(StatusCode::BadRequest, message);
    }
    for (const auto *list : {&containers, &inits, &ephemeral})
        if (std::find(list->begin(), list->end(), requested) != list->end())
            return requested;
    return Status(StatusCode::BadRequest,
                  "container " + requested + " is not valid for pod " + name);
}

Status PodLogProxy::nodeEndpoint(const Json &node, std::string &host, uint16_t &port) {
    const Json status = node.value("status", Json::object());
    std::string nodeName = node["metadata"].value("name", "");
    host.clear();
    for (const char *wanted : {"InternalIP", "ExternalIP", "Hostname"}) {
        for (const Json &a : status.value("addresses", Json::array()))
            if (a.value("type", "") == wanted && !a.value("address", "").empty()) {
                host = a.value("address", "");
                break;
            }
        if (!host.empty())
            break;
    }
    if (host.empty())
        return Status(StatusCode::BadRequest, "no preferred addresses found; known addresses: [] "
                                              "(node " +
                                                  nodeName + ")");
    int64_t p = kDefaultKubeletPort;
    if (status.contains("daemonEndpoints") && status["daemonEndpoints"].contains("kubeletEndpoint"))
        p = status["daemonEndpoints"]["kubeletEndpoint"].value("Port", int64_t(0));
    if (p <= 0 || p > 65535)
        p = kDefaultKubeletPort;
    port = uint16_t(p);
    return Status::ok();
}

std::string PodLogProxy::agentTarget(const http::Request &request, const std::string &ns,
                                     const std::string &pod, const std::string &container) {
    std::string target = "/containerLogs/" + percentEncode(ns) + "/" + percentEncode(pod) + "/" +
                         percentEncode(container);
    char sep = '?';
    for (const char *option : kForwardedOptions) {
        if (!request.hasQuery(option))
            continue;
        target += sep + std::string(option) + "=" + percentEncode(request.queryValue(option));
        sep = '&';
    }
    return target;
}

Status PodLogProxy::serve(const http::Request &request, const std::string &ns,
                          const std::string &name, const CallContext &ctx,
                          http::ResponseSink &sink) const {
    const auto *podType = model::findResource("", "v1", "pods");
    const auto *nodeType = model::findResource("", "v1", "nodes");
    auto pod = m_service.get(*podType, ns, name, ctx);
    if (!pod)
        return pod.status();
    auto container = pickContainer(*pod, request.queryValue("container"));
    if (!container)
        return container.status();
    std::string nodeName = (*pod)["spec"].value("nodeName", "");
    if (nodeName.empty())
        return Status(StatusCode::BadRequest, "pod " + name + " does not have a host assigned");
    auto node = m_service.get(*nodeType, "", nodeName, internalContext());
    if (!node)
        return node.status();
    std::string host;
    uint16_t port = 0;
    if (Status s = nodeEndpoint(*node, host, port); !s.isOk())
        return s;
    return relay(host, port, agentTarget(request, ns, name, *container), sink);
}

// Connects to the agent and copies its answer to `sink`. Errors before the first byte went out
// are returned (the caller sends a Status); afterwards the stream is just ended.
Status PodLogProxy::relay(const std::string &host, uint16_t port, const std::string &target,
                          http::ResponseSink &sink) const {
    if (!m_credentials)
        return Status(StatusCode::Unavailable,
                      "pod logs are not available: the API server has no client credentials "
                      "for node agents");
    auto creds = m_credentials();
    if (!creds)
        return creds.status();
    auto ctx = tls::makeClientContext(creds->caPem, creds->clientCertPem, creds->clientKeyPem);
    if (!ctx)
        return ctx.status();
    auto conn =
        http::TlsStream::connect(host, port, (*ctx)->native_handle(), std::chrono::seconds(10));
    if (!conn)
        return Status(StatusCode::Unavailable, "cannot reach the node agent at " + host + ":" +
                                                   std::to_string(port) + ": " +
                                                   conn.status().message());
    http::TlsStream &stream = **conn;
    stream.setTimeouts(std::chrono::seconds(30), std::chrono::seconds(30));
    std::string head = "GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                       "\r\nConnection: close\r\n\r\n";
    boost::beast::error_code ec;
    boost::asio::write(stream, boost::asio::buffer(head), ec);
    boost::beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::buffer_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max()); // follow runs for hours
    if (!ec)
        bhttp::read_header(stream, buffer, parser, ec);
    if (ec)
        return Status(StatusCode::Unavailable,
                      "reading logs from the node agent at " + host + ": " + ec.message());
    http::Headers headers;
    for (const auto &field : parser.get())
        if (field.name() == bhttp::field::content_type)
            headers["Content-Type"] = std::string(field.value());
    if (!sink.beginStream(int(parser.get().result_int()), headers))
        return Status::ok();
    char chunk[16 * 1024];
    stream.setTimeouts(std::chrono::milliseconds(500), std::chrono::seconds(30));
    // Beast parses what is buffered before reading; wait for the socket only when that made no
    // progress, so an idle follow never blocks in a read and the client's leaving is noticed.
    bool stalled = false;
    while (!parser.is_done()) {
        if ((buffer.size() == 0 || stalled) &&
            !stream.waitReadable(std::chrono::milliseconds(500))) {
            if (sink.clientGone() || stream.peerClosed())
                break;
            continue;
        }
        auto &body = parser.get().body();
        body.data = chunk;
        body.size = sizeof chunk;
        size_t buffered = buffer.size();
        bhttp::read_some(stream, buffer, parser, ec);
        if (ec == bhttp::error::need_buffer)
            ec = {};
        // Readable bytes may be TLS 1.3 session tickets rather than data: a short read timeout
        // brings us back to check on the client instead of blocking in SSL_read.
        if (ec == boost::asio::error::timed_out) {
            ec = {};
            if (sink.clientGone())
                break;
        }
        size_t got = sizeof chunk - body.size;
        stalled = got == 0 && buffer.size() == buffered;
        if (got > 0 && !sink.writeChunk(std::string_view(chunk, got)))
            return Status::ok(); // the client left; dropping `stream` closes the agent side
        if (ec)
            break;
    }
    sink.endStream();
    return Status::ok();
}

} // namespace cox::apiserver
