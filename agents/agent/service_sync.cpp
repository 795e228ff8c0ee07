#include "service_sync.h"

#include "common/log.h"
#include "dns/dns_server.h"
#include "network/iptables_applier.h"
#include "network/masquerade_rules.h"
#include "network/route_applier.h"
#include "proxy/service_rule_set.h"

namespace cox::agent {
namespace {

std::string keyOf(const Json &object) {
    const Json &meta = object.contains("metadata") ? object["metadata"] : Json::object();
    return meta.value("namespace", "") + "/" + meta.value("name", "");
}

template<typename T>
void store(const Json &object, std::map<std::string, T> &objects) {
    auto parsed = T::fromJson(object);
    if (!parsed) {
        COX_LOG(Warn, "proxy") << "ignoring " << keyOf(object) << ": " << parsed.status().message();
        return;
    }
    objects[keyOf(object)] = std::move(*parsed);
}

} // namespace

ServiceSync::ServiceSync(ApiClient &api, ServiceSyncOptions options, dns::DnsServer *dns)
    : m_api(api)
    , m_options(std::move(options))
    , m_dns(dns) {
    network::CommandRunner runner(m_options.commandPrefix);
    m_proxy = std::make_unique<network::IptablesApplier>(
        runner, proxy::ServiceRuleSet::ownedChains(), m_options.iptables);
    m_masquerade = std::make_unique<network::IptablesApplier>(
        runner, network::MasqueradeRules::ownedChains(), m_options.iptables);
    m_routes = std::make_unique<network::RouteApplier>(runner);
}

ServiceSync::~ServiceSync() {
    stop();
}

void ServiceSync::markDirty() {
    {
        std::lock_guard lock(m_mutex);
        m_dirty = true;
    }
    m_wake.notify_all();
}

void ServiceSync::remember(const Json &object, std::map<std::string, model::Service> &objects) {
    store(object, objects);
    // ServiceSpec does not model externalName; DNS needs it for the CNAME.
    std::string external = object.value("/spec/externalName"_json_pointer, "");
    if (external.empty())
        m_externalNames.erase(keyOf(object));
    else
        m_externalNames[keyOf(object)] = external;
}

template<typename T>
ResourceWatchHandlers ServiceSync::handlersFor(std::map<std::string, T> &objects) {
    auto put = [this, &objects](const Json &object) {
        if constexpr (std::is_same_v<T, model::Service>)
            remember(object, objects);
        else
            store(object, objects);
    };
    ResourceWatchHandlers handlers;
    handlers.replaceAll = [this, &objects, put](const std::vector<Json> &items) {
        {
            std::lock_guard lock(m_mutex);
            objects.clear();
            for (const auto &item : items)
                put(item);
        }
        markDirty();
    };
    handlers.upsert = [this, put](const Json &object) {
        {
            std::lock_guard lock(m_mutex);
            put(object);
        }
        markDirty();
    };
    handlers.remove = [this, &objects](const Json &object) {
        {
            std::lock_guard lock(m_mutex);
            objects.erase(keyOf(object));
            m_externalNames.erase(keyOf(object));
        }
        markDirty();
    };
    return handlers;
}

void ServiceSync::start() {
    m_stop = false;
    m_watches.push_back(
        std::make_unique<ResourceWatch>(m_api, "/api/v1/services", handlersFor(m_services)));
    m_watches.push_back(
        std::make_unique<ResourceWatch>(m_api, "/api/v1/endpoints", handlersFor(m_endpoints)));
    m_watches.push_back(
        std::make_unique<ResourceWatch>(m_api, "/api/v1/nodes", handlersFor(m_nodes)));
    for (auto &watch : m_watches)
        watch->start();
    m_thread = std::thread([this] { run(); });
}

void ServiceSync::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    for (auto &watch : m_watches)
        watch->stop();
    m_watches.clear();
}

std::vector<model::Service> ServiceSync::services() const {
    std::lock_guard lock(m_mutex);
    std::vector<model::Service> out;
    for (const auto &[key, service] : m_services)
        out.push_back(service);
    return out;
}

bool ServiceSync::servicesListed() const {
    std::lock_guard lock(m_mutex);
    return !m_watches.empty() && m_watches.front()->listCount() > 0;
}

int ServiceSync::syncCount() const {
    std::lock_guard lock(m_mutex);
    return m_syncs;
}

Status ServiceSync::lastStatus() const {
    std::lock_guard lock(m_mutex);
    return m_lastStatus;
}

ServiceSync::Snapshot ServiceSync::snapshot() const {
    std::lock_guard lock(m_mutex);
    Snapshot snap;
    for (const auto &[key, service] : m_services)
        snap.services.push_back(service);
    for (const auto &[key, endpoints] : m_endpoints)
        snap.endpoints.push_back(endpoints);
    for (const auto &[key, node] : m_nodes)
        snap.nodes.push_back(node);
    snap.externalNames = m_externalNames;
    return snap;
}

bool ServiceSync::listedAll() const {
    for (const auto &watch : m_watches)
        if (watch->listCount() == 0)
            return false;
    return !m_watches.empty();
}

Status ServiceSync::syncOnce(bool full) {
    Snapshot snap = snapshot();
    Status first;
    auto note = [&first](Status status) {
        if (!status && first.isOk())
            first = std::move(status);
    };
    if (m_options.proxy) {
        proxy::ProxyConfig config;
        config.clusterCidr = m_options.clusterCidr;
        note(m_proxy->apply(proxy::ServiceRuleSet::build(snap.services, snap.endpoints, config),
                            full));
    }
    if (m_options.masquerade && !m_options.podCidr.empty())
        note(m_masquerade->apply(
            network::MasqueradeRules::build({m_options.podCidr, m_options.clusterCidr}), full));
    if (m_options.routes)
        note(m_routes->sync(network::RouteTable::desired(snap.nodes, m_options.nodeName)));
    if (m_dns)
        m_dns->setRecords(std::make_shared<dns::DnsRecordTable>(dns::DnsRecordTable::build(
            snap.services, snap.endpoints, m_options.clusterDomain, snap.externalNames)));
    return first;
}

void ServiceSync::run() {
    auto lastFull = std::chrono::steady_clock::now() - m_options.resyncPeriod;
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, m_options.resyncPeriod, [this] { return m_stop || m_dirty; });
        if (m_stop)
            break;
        // Let a burst of events land before syncing once.
        m_wake.wait_for(lock, m_options.batchDelay, [this] { return m_stop; });
        if (m_stop || !listedAll()) {
            m_wake.wait_for(lock, std::chrono::milliseconds(100), [this] { return m_stop; });
            continue;
        }
        m_dirty = false;
        auto now = std::chrono::steady_clock::now();
        bool full = now - lastFull >= m_options.resyncPeriod;
        lock.unlock();
        Status status = syncOnce(full);
        lock.lock();
        if (full && status)
            lastFull = now;
        ++m_syncs;
        m_lastStatus = status;
        if (!status) {
            COX_LOG(Warn, "proxy") << "sync failed (retrying): " << status.message();
            m_dirty = true;
            m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stop; });
        }
    }
}

} // namespace cox::agent
