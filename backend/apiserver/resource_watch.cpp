// ResourceService: watch. Store events become ADDED/MODIFIED/DELETED; with selectors, an object
// that starts matching is ADDED and one that stops matching is DELETED, as Kubernetes does.
#include "apiserver/object_codec.h"
#include "apiserver/resource_service.h"

#include <deque>

namespace cox::apiserver {

const char *watchEventTypeName(WatchEventType type) {
    switch (type) {
    case WatchEventType::Added:
        return "ADDED";
    case WatchEventType::Modified:
        return "MODIFIED";
    case WatchEventType::Deleted:
        return "DELETED";
    case WatchEventType::Bookmark:
        return "BOOKMARK";
    case WatchEventType::Error:
        return "ERROR";
    }
    return "ERROR";
}

Json WatchEvent::object() const {
    return value ? decodeStored(*value, revision) : Json();
}

std::string WatchEvent::objectText() const {
    std::string out;
    if (!value)
        return "null";
    appendWithRevision(out, *value, revision);
    return out;
}

namespace {
class StoreResourceWatch final : public ResourceWatch {
public:
    StoreResourceWatch(std::unique_ptr<store::Watch> watch, ObjectPredicate predicate,
                       std::deque<WatchEvent> initial, int64_t revision)
        : m_watch(std::move(watch))
        , m_predicate(std::move(predicate))
        , m_pending(std::move(initial))
        , m_revision(revision) {}
    ~StoreResourceWatch() override { m_watch->close(); }

    Result<std::vector<WatchEvent>> next(std::chrono::milliseconds timeout) override {
        std::vector<WatchEvent> out;
        if (!m_pending.empty()) {
            out.assign(m_pending.begin(), m_pending.end());
            m_pending.clear();
            return out;
        }
        auto events = m_watch->next(timeout);
        if (!events)
            return events.status();
        for (const auto &e : *events) {
            m_revision = std::max(m_revision, e.kv.modRevision);
            if (auto converted = convert(e))
                out.push_back(std::move(*converted));
        }
        return out;
    }

    int64_t lastRevision() const override { return m_revision; }
    void close() override { m_watch->close(); }

private:
    bool matches(const store::Value &value, int64_t revision) const {
        return value && m_predicate(decodeStored(*value, revision));
    }

    std::optional<WatchEvent> convert(const store::Event &e) const {
        int64_t rev = e.kv.modRevision;
        if (e.type == store::EventType::Delete) {
            if (m_predicate && !matches(e.kv.value, rev))
                return std::nullopt;
            return WatchEvent{WatchEventType::Deleted, e.kv.value, rev};
        }
        if (!m_predicate)
            return WatchEvent{e.isCreate() ? WatchEventType::Added : WatchEventType::Modified,
                              e.kv.value, rev};
        bool now = matches(e.kv.value, rev);
        bool before = e.prevValue && matches(e.prevValue, rev);
        if (now && before)
            return WatchEvent{WatchEventType::Modified, e.kv.value, rev};
        if (now)
            return WatchEvent{WatchEventType::Added, e.kv.value, rev};
        if (before)
            return WatchEvent{WatchEventType::Deleted, e.kv.value, rev};
        return std::nullopt;
    }

    std::unique_ptr<store::Watch> m_watch;
    ObjectPredicate m_predicate;
    std::deque<WatchEvent> m_pending;
    int64_t m_revision;
};
} // namespace

Result<std::unique_ptr<ResourceWatch>> ResourceService::watch(const Type &type,
                                                              const std::string &ns,
                                                              const WatchOptions &opts,
                                                              const CallContext &ctx) {
    if (ctx.details)
        *ctx.details = {"", type.group, type.plural, {}, 0};
    auto predicate = compileSelectors(type, opts.labelSelector, opts.fieldSelector);
    if (!predicate)
        return predicate.status();
    int64_t from = 0;
    if (!opts.resourceVersion.empty() && !parseRevision(opts.resourceVersion, from))
        return Status(StatusCode::BadRequest,
                      "invalid resource version: \"" + opts.resourceVersion + "\"");
    std::deque<WatchEvent> initial;
    if (from == 0 || opts.sendInitialEvents) {
        ListOptions listOpts{opts.labelSelector, opts.fieldSelector, 0, {}};
        auto page = listRaw(type, ns, listOpts, ctx);
        if (!page)
            return page.status();
        for (auto &kv : page->items)
            initial.push_back({WatchEventType::Added, kv.value, kv.modRevision});
        from = page->revision;
    }
    if (from < m_store->compactedRevision())
        return Status(StatusCode::Gone, "too old resource version: " + std::to_string(from) + " (" +
                                            std::to_string(m_store->compactedRevision()) + ")");
    // A watch "after 0" would mean "from now" to the store; an empty store has nothing before.
    auto storeWatch = m_store->watch(prefixFor(type, ns), from);
    if (!storeWatch) {
        if (storeWatch.status().code() == StatusCode::Gone)
            return Status(StatusCode::Gone, "too old resource version: " + std::to_string(from));
        return storeWatch.status();
    }
    return std::unique_ptr<ResourceWatch>(std::make_unique<StoreResourceWatch>(
        std::move(*storeWatch), std::move(*predicate), std::move(initial), from));
}

} // namespace cox::apiserver
