// RestHandler: watch streams. One JSON event per line, one chunk per event batch; BOOKMARK events
// when asked for; an expired resourceVersion ends the stream with an ERROR event carrying a 410
// Status, as Kubernetes does. The stream ends at its timeout or when the client goes away.
#include "apiserver/object_codec.h"
#include "apiserver/rest_handler.h"
#include "common/metrics.h"

#include <random>

namespace cox::apiserver {

namespace {
constexpr auto kPollInterval = std::chrono::milliseconds(250);

metrics::Gauge &watchGauge() {
    static metrics::Gauge &gauge = metrics::Registry::global().gauge(
        "coxswain_apiserver_watches", "Watch streams currently open.");
    return gauge;
}

struct WatchCount {
    WatchCount() { watchGauge().add(1); }
    ~WatchCount() { watchGauge().add(-1); }
};

std::chrono::seconds defaultTimeout() {
    // Kubernetes spreads watch timeouts over 30-60 minutes so clients do not re-list in step.
    thread_local std::mt19937 rng{std::random_device{}()};
    return std::chrono::seconds(std::uniform_int_distribution<int>(1800, 3600)(rng));
}

std::string eventLine(const char *type, std::string_view objectText) {
    std::string line;
    line.reserve(objectText.size() + 32);
    line += "{\"type\":\"";
    line += type;
    line += "\",\"object\":";
    line += objectText;
    line += "}\n";
    return line;
}
} // namespace

void RestHandler::watch(Call &call) {
    auto format = negotiate(call.request, true);
    if (!format)
        return fail(call, format.status());
    const http::Request &request = call.request;
    WatchOptions opts;
    opts.labelSelector = request.queryValue("labelSelector");
    opts.fieldSelector = request.queryValue("fieldSelector");
    opts.resourceVersion = request.queryValue("resourceVersion");
    opts.sendInitialEvents = request.queryValue("sendInitialEvents") == "true";
    // A watch on one object (/watch/namespaces/ns/pods/name) is a field selector on its name.
    if (!call.info.name.empty())
        opts.fieldSelector = "metadata.name=" + call.info.name +
                             (opts.fieldSelector.empty() ? "" : "," + opts.fieldSelector);
    std::chrono::seconds timeout = defaultTimeout();
    std::string timeoutText = request.queryValue("timeoutSeconds");
    if (!timeoutText.empty()) {
        int64_t value = 0;
        if (!parseRevision(timeoutText, value))
            return fail(call, Status(StatusCode::BadRequest,
                                     "timeoutSeconds must be a non-negative integer"));
        if (value > 0)
            timeout = std::chrono::seconds(value);
    }
    timeout = std::min(timeout, m_watch.maxTimeout);
    bool bookmarks = request.queryValue("allowWatchBookmarks") == "true";
    auto watch = m_service.watch(call.type, call.info.namespaceName, opts, call.ctx);
    if (!watch && watch.status().code() != StatusCode::Gone)
        return fail(call, watch.status());
    http::Headers headers;
    headers["Content-Type"] = "application/json";
    headers["Cache-Control"] = "no-cache, private";
    if (!call.sink.beginStream(200, headers))
        return;
    if (!watch) {
        call.sink.writeChunk(eventLine("ERROR", statusObject(watch.status()).dump()));
        call.sink.endStream();
        return;
    }
    streamWatch(call, **watch, *format, timeout, bookmarks, opts.sendInitialEvents && bookmarks);
    call.sink.endStream();
}

void RestHandler::streamWatch(Call &call, ResourceWatch &watch, const Negotiated &format,
                              std::chrono::seconds timeout, bool bookmarks, bool initialEventsEnd) {
    WatchCount counted;
    using SteadyClock = std::chrono::steady_clock;
    const auto deadline = SteadyClock::now() + timeout;
    auto nextBookmark = SteadyClock::now() + m_watch.bookmarkInterval;
    auto encode = [&](const WatchEvent &e) {
        if (format.format == OutputFormat::Json)
            return call.served ? outgoing(call, e.object()).dump() : e.objectText();
        Json table =
            objectsToTable(call.type, {e.object()}, format.includeObject, m_service.clock().now());
        table["metadata"]["resourceVersion"] = std::to_string(e.revision);
        return outgoingTable(call, std::move(table)).dump();
    };
    auto bookmark = [&](bool initialEnd) {
        Json object = {{"kind", clientType(call).kind},
                       {"apiVersion", clientType(call).apiVersion()},
                       {"metadata", {{"resourceVersion", std::to_string(watch.lastRevision())}}}};
        if (initialEnd)
            object["metadata"]["annotations"] = {{"k8s.io/initial-events-end", "true"}};
        return call.sink.writeChunk(eventLine("BOOKMARK", object.dump()));
    };
    bool first = true;
    while (SteadyClock::now() < deadline) {
        auto wait = std::min<SteadyClock::duration>(kPollInterval, deadline - SteadyClock::now());
        auto events = watch.next(std::chrono::duration_cast<std::chrono::milliseconds>(wait));
        if (!events) {
            if (events.status().code() == StatusCode::Gone)
                call.sink.writeChunk(eventLine("ERROR", statusObject(events.status()).dump()));
            return;
        }
        std::string chunk;
        for (const auto &e : *events)
            chunk += eventLine(watchEventTypeName(e.type), encode(e));
        if (!chunk.empty() && !call.sink.writeChunk(chunk))
            return;
        if (first && initialEventsEnd && !bookmark(true))
            return;
        first = false;
        if (events->empty() && call.sink.clientGone())
            return;
        if (bookmarks && SteadyClock::now() >= nextBookmark) {
            if (!bookmark(false))
                return;
            nextBookmark = SteadyClock::now() + m_watch.bookmarkInterval;
        }
    }
}

} // namespace cox::apiserver
