#include "docker/docker_client.h"

#include "common/log.h"

#include <utility> // before Boost.Asio (see TOOLCHAIN-NOTES)

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace http = boost::beast::http;

namespace cox::agent::docker {
namespace {

http::verb verbFor(const std::string &method) {
    http::verb verb = http::string_to_verb(method);
    return verb == http::verb::unknown ? http::verb::get : verb;
}

Status transportError(const std::string &what, const boost::system::error_code &ec) {
    if (ec == boost::asio::error::timed_out)
        return Status(StatusCode::Timeout, what + ": the docker daemon did not answer in time");
    return Status(StatusCode::Unavailable, what + ": " + ec.message());
}

// Streams the body of one response out of a connection, for follow-mode logs and exec output.
class BodyStream final : public DockerStream {
public:
    BodyStream(std::unique_ptr<UnixStream> stream, boost::beast::flat_buffer buffer,
               std::unique_ptr<http::response_parser<http::buffer_body>> parser)
        : m_stream(std::move(stream))
        , m_buffer(std::move(buffer))
        , m_parser(std::move(parser)) {}

    bool read(std::string &out) override {
        char chunk[16384];
        // read_some returns once it parsed anything (a chunk header may carry no body bytes),
        // so loop until body bytes arrived: a follow stream must hand lines on as they come,
        // not when 16 KiB have gathered.
        while (!m_ended && !m_parser->is_done()) {
            m_parser->get().body().data = chunk;
            m_parser->get().body().size = sizeof chunk;
            boost::system::error_code ec;
            http::read_some(*m_stream, m_buffer, *m_parser, ec);
            size_t n = sizeof chunk - m_parser->get().body().size;
            out.append(chunk, n);
            if (ec && ec != http::error::need_buffer)
                m_ended = true; // eof, interrupt() or a broken stream: nothing more will come
            if (n > 0)
                return true;
        }
        return false;
    }
    void interrupt() override { m_stream->interrupt(); }

private:
    std::unique_ptr<UnixStream> m_stream;
    boost::beast::flat_buffer m_buffer;
    std::unique_ptr<http::response_parser<http::buffer_body>> m_parser;
    bool m_ended = false;
};

} // namespace

std::string DockerClient::lowerVersion(const std::string &a, const std::string &b) {
    int aMajor = 0, aMinor = 0, bMajor = 0, bMinor = 0;
    if (std::sscanf(a.c_str(), "%d.%d", &aMajor, &aMinor) != 2)
        return b;
    if (std::sscanf(b.c_str(), "%d.%d", &bMajor, &bMinor) != 2)
        return a;
    return std::pair(aMajor, aMinor) < std::pair(bMajor, bMinor) ? a : b;
}

Status DockerClient::errorFor(int httpStatus, const std::string &body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    std::string message = json.is_object() ? json.value("message", body) : body;
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
        message.pop_back();
    if (message.empty())
        message = "docker answered HTTP " + std::to_string(httpStatus);
    StatusCode code = statusCodeForHttp(httpStatus);
    if (httpStatus == 409)
        code = StatusCode::Conflict;
    return Status(code, "docker: " + message);
}

std::string DockerClient::route(const std::string &method, const std::string &path) {
    std::string bare = path.substr(0, path.find('?'));
    // Image names carry slashes ("127.0.0.1:5000/busybox:1"): all between /images/ and the
    // last segment is the name.
    if (bare.rfind("/images/", 0) == 0 && bare != "/images/create" && bare != "/images/json") {
        size_t last = bare.rfind('/');
        return method + " /images/{id}" + (last > 7 ? bare.substr(last) : std::string());
    }
    // /containers/<id>/..., /exec/<id>/...: the segment after the collection is an id or a
    // name unless it is one of the collection's own verbs.
    std::string out = method + " ";
    bool idNext = false;
    for (size_t start = 1; start <= bare.size();) {
        size_t end = std::min(bare.find('/', start), bare.size());
        std::string segment = bare.substr(start, end - start);
        bool verb = segment == "json" || segment == "create" || segment == "prune";
        out += "/" + (idNext && !verb ? std::string("{id}") : segment);
        idNext = !idNext && (segment == "containers" || segment == "exec");
        start = end + 1;
    }
    return out;
}

void DockerClient::account(const DockerRequest &request,
                           std::chrono::steady_clock::time_point start, int httpStatus) const {
    {
        std::lock_guard guard(m_countMutex);
        ++m_counts[route(request.method, request.path)];
    }
    if (!m_trace)
        return;
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    COX_LOG(Info, "docker") << "api " << request.method << " "
                            << request.path.substr(0, request.path.find('?')) << " -> "
                            << httpStatus << " " << static_cast<int>(ms.count()) << " ms";
}

std::map<std::string, int> DockerClient::callCounts() const {
    std::lock_guard guard(m_countMutex);
    return m_counts;
}

int DockerClient::callCount() const {
    std::lock_guard guard(m_countMutex);
    int total = 0;
    for (const auto &[route, count] : m_counts)
        total += count;
    return total;
}

void DockerClient::resetCallCounts() const {
    std::lock_guard guard(m_countMutex);
    m_counts.clear();
}

Result<std::unique_ptr<DockerClient>> DockerClient::connect(std::string socketPath,
                                                            std::chrono::milliseconds timeout) {
    std::unique_ptr<DockerClient> client(new DockerClient(std::move(socketPath), timeout));
    const char *trace = std::getenv("COX_DOCKER_TRACE");
    client->m_trace = trace && *trace && std::string(trace) != "0";
    DockerRequest ping;
    ping.path = "/_ping";
    ping.timeout = std::chrono::seconds(10);
    auto pong = client->send(ping);
    if (!pong || pong->status != 200)
        return Status(
            StatusCode::Unavailable,
            "no Docker daemon answers on " + client->m_socketPath + " (" +
                (pong ? "HTTP " + std::to_string(pong->status) : pong.status().message()) + ")");
    // /version without a prefix answers in the daemon's own API version.
    DockerRequest versionRequest;
    versionRequest.path = "/version";
    auto version = client->call(versionRequest);
    if (!version)
        return version.status();
    client->m_serverVersion = version->value("Version", "");
    client->m_apiVersion =
        lowerVersion(version->value("ApiVersion", kMaxApiVersion), kMaxApiVersion);
    return client;
}

std::string DockerClient::target(const std::string &path) const {
    return m_apiVersion.empty() ? path : "/v" + m_apiVersion + path;
}

Result<std::unique_ptr<UnixStream>>
DockerClient::connectStream(const DockerRequest &request) const {
    auto timeout = request.timeout.count() > 0 ? request.timeout : m_timeout;
    auto stream = UnixStream::connect(m_socketPath, timeout);
    if (!stream)
        return stream.status();
    http::request<http::string_body> message(verbFor(request.method), target(request.path), 11);
    message.set(http::field::host, "docker");
    message.set(http::field::user_agent, "coxswain-agent");
    for (const auto &[name, value] : request.headers)
        message.set(name, value);
    if (!request.body.empty() || request.method == "POST") {
        message.set(http::field::content_type, request.contentType);
        message.body() = request.body;
        message.prepare_payload();
    }
    boost::system::error_code ec;
    http::write(**stream, message, ec);
    if (ec)
        return transportError(request.method + " " + request.path, ec);
    return stream;
}

Result<DockerResponse> DockerClient::send(const DockerRequest &request) const {
    auto start = std::chrono::steady_clock::now();
    auto stream = connectStream(request);
    if (!stream) {
        account(request, start, 0);
        return stream.status();
    }
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    boost::system::error_code ec;
    http::read(**stream, buffer, parser, ec);
    account(request, start, ec ? 0 : static_cast<int>(parser.get().result_int()));
    if (ec)
        return transportError(request.method + " " + request.path, ec);
    return DockerResponse{static_cast<int>(parser.get().result_int()), parser.get().body()};
}

Result<nlohmann::json> DockerClient::call(const DockerRequest &request) const {
    auto response = send(request);
    if (!response)
        return response.status();
    if (response->status < 200 || response->status >= 300)
        return errorFor(response->status, response->body);
    if (response->body.empty())
        return nlohmann::json();
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    if (json.is_discarded())
        return Status(StatusCode::Internal, "docker: " + request.path + " answered no JSON");
    return json;
}

Result<nlohmann::json> DockerClient::get(const std::string &path) const {
    DockerRequest request;
    request.path = path;
    return call(request);
}

Result<nlohmann::json> DockerClient::post(const std::string &path,
                                          const nlohmann::json &body) const {
    DockerRequest request;
    request.method = "POST";
    request.path = path;
    if (!body.is_null())
        request.body = body.dump();
    return call(request);
}

Status DockerClient::remove(const std::string &path) const {
    DockerRequest request;
    request.method = "DELETE";
    request.path = path;
    auto result = call(request);
    return result ? Status::ok() : result.status();
}

Status DockerClient::progress(const DockerRequest &request) const {
    auto response = send(request);
    if (!response)
        return response.status();
    if (response->status < 200 || response->status >= 300)
        return errorFor(response->status, response->body);
    // One JSON object per line (or back to back); the error is in the last one, usually.
    size_t start = 0;
    while (start < response->body.size()) {
        size_t end = response->body.find('\n', start);
        if (end == std::string::npos)
            end = response->body.size();
        auto message =
            nlohmann::json::parse(response->body.substr(start, end - start), nullptr, false);
        if (message.is_object() && message.contains("error")) {
            std::string error = message["error"].is_string() ? message["error"].get<std::string>()
                                                             : message["error"].dump();
            return Status(StatusCode::Internal, "docker: " + error);
        }
        start = end + 1;
    }
    return Status::ok();
}

Result<std::unique_ptr<DockerStream>> DockerClient::open(const DockerRequest &request) const {
    auto start = std::chrono::steady_clock::now();
    auto stream = connectStream(request);
    if (!stream) {
        account(request, start, 0);
        return stream.status();
    }
    boost::beast::flat_buffer buffer;
    auto parser = std::make_unique<http::response_parser<http::buffer_body>>();
    parser->body_limit(std::numeric_limits<std::uint64_t>::max());
    boost::system::error_code ec;
    http::read_header(**stream, buffer, *parser, ec);
    account(request, start, ec ? 0 : static_cast<int>(parser->get().result_int()));
    if (ec)
        return transportError(request.method + " " + request.path, ec);
    int status = static_cast<int>(parser->get().result_int());
    if (request.endless)
        (*stream)->setTimeout(std::chrono::milliseconds(0));
    auto body = std::unique_ptr<DockerStream>(
        new BodyStream(std::move(*stream), std::move(buffer), std::move(parser)));
    if (status < 200 || status >= 300) {
        std::string text;
        while (body->read(text) && text.size() < 65536) {
        }
        return errorFor(status, text);
    }
    return body;
}

} // namespace cox::agent::docker
