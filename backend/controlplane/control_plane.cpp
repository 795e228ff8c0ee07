#include "controlplane/control_plane.h"

#include "apiserver/api_server.h"
#include "auth/authenticator.h"
#include "auth/authorizer.h"
#include "auth/kubeconfig.h"
#include "auth/token_store.h"
#include "common/log.h"
#include "controllers/controller_manager.h"
#include "controlplane/admin_credentials.h"
#include "controlplane/join_tokens.h"
#include "controlplane/node_credentials.h"
#include "controlplane/scheduler_runner.h"
#include "controlplane/scheduling_api.h"
#include "http/server.h"
#include "metrics/metrics_api.h"
#include "metrics/metrics_scraper.h"
#include "metrics/metrics_store.h"
#include "store/store.h"
#include "tls/pki.h"
#include "tls/ssl_context.h"

#include <atomic>
#include <filesystem>
#include <sys/stat.h>

namespace cox::controlplane {

struct ControlPlane::Parts {
    ControlPlaneConfig config;
    Clock *clock = nullptr;
    std::optional<tls::Pki> pki;
    std::unique_ptr<auth::TokenStore> tokens;
    std::unique_ptr<auth::Authenticator> authenticator;
    std::unique_ptr<TokenFileWatcher> tokenFile; // tokens added by `coxswain-master token create`
    std::unique_ptr<auth::Authorizer> authorizer;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<apiserver::ApiServer> api;
    std::unique_ptr<controllers::ControllerManager> controllers;
    std::unique_ptr<SchedulerRunner> scheduler;
    std::unique_ptr<metrics::MetricsStore> metricsStore;
    std::unique_ptr<metrics::MetricsScraper> metricsScraper;
    std::unique_ptr<http::Server> server;
    std::string adminToken;
    std::string joinToken;
    std::atomic<bool> ready{false};
    bool stopped = false;
};

namespace {

template<typename T>
Status fail(const std::string &what, const Result<T> &r) {
    return {r.status().code(), what + ": " + r.status().message()};
}

Status prepareDataDir(const std::string &dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir + "/auth", ec);
    if (ec)
        return {StatusCode::Internal, "cannot create data directory " + dir + ": " + ec.message()};
    ::chmod(dir.c_str(), 0700);
    return Status::ok();
}

// The address a client on this machine uses to reach a listener bound to `host`.
std::string clientHost(const std::string &host) {
    if (host == "0.0.0.0" || host.empty())
        return "127.0.0.1";
    if (host == "::")
        return "[::1]";
    if (host.find(':') != std::string::npos)
        return "[" + host + "]";
    return host;
}

Status openSecurity(ControlPlane::Parts &p) {
    auto pki = tls::Pki::loadOrCreate(p.config.dataDir + "/pki", {p.config.listenHost});
    if (!pki)
        return fail("certificates in " + p.config.dataDir + "/pki", pki);
    p.pki = std::move(*pki);
    auto tokens = auth::TokenStore::open(p.config.dataDir + "/auth/tokens.json");
    if (!tokens)
        return fail("token store", tokens);
    p.tokens = std::move(*tokens);
    auto admin = loadOrCreateAdminToken(p.config.dataDir, *p.tokens);
    if (!admin)
        return fail("admin token", admin);
    p.adminToken = std::move(*admin);
    auto join = loadOrCreateJoinToken(p.config.dataDir, p.pki->caHash(), *p.tokens);
    if (!join)
        return fail("join token", join);
    p.joinToken = std::move(*join);
    p.tokenFile =
        std::make_unique<TokenFileWatcher>(p.config.dataDir + "/auth/tokens.json", *p.clock);
    p.authenticator = std::make_unique<auth::Authenticator>(*p.tokens, *p.clock);
    p.authorizer = std::make_unique<auth::Authorizer>();
    return Status::ok();
}

Status openStore(ControlPlane::Parts &p) {
    const std::string uri =
        p.config.storeUri.empty()
            ? "sqlite://" + std::filesystem::absolute(p.config.dataDir).string() + "/state.db"
            : p.config.storeUri;
    auto store = store::openStore(uri);
    if (!store)
        return fail("state store", store);
    p.store = std::move(*store);
    return Status::ok();
}

// metrics.k8s.io: the scraper reaches the agents with the same client identity as pods/log;
// samples older than three scrape rounds are no longer served.
void startMetrics(ControlPlane::Parts &p, const apiserver::NodeCredentialsProvider &credentials) {
    auto interval = p.config.metricsScrapeInterval;
    p.metricsStore =
        std::make_unique<metrics::MetricsStore>(*p.clock, 3 * interval + std::chrono::seconds(5));
    metrics::ScraperOptions options;
    options.interval = interval;
    p.metricsScraper = std::make_unique<metrics::MetricsScraper>(p.api->resources(), credentials,
                                                                 *p.metricsStore, options);
    p.api->addExtension(
        std::make_shared<metrics::MetricsApi>(p.api->resources(), *p.metricsStore, *p.clock));
    p.metricsScraper->start();
}

Status startApi(ControlPlane::Parts &p) {
    apiserver::ApiServerOptions options;
    options.store = p.store.get();
    options.clock = p.clock;
    options.authenticate = [&p](const http::Request &req) {
        auto user = p.authenticator->authenticate(req);
        if (!user && user.status().code() == StatusCode::Unauthorized &&
            !req.header("Authorization").empty())
            return p.tokenFile->authenticate(req);
        return user;
    };
    options.authorize = [&p](const auth::UserInfo &user, const auth::RequestAttributes &attrs) {
        return p.authorizer->authorize(user, attrs);
    };
    // pods/log reaches the agents with a system:masters client certificate issued once, here.
    auto logClient = p.pki->issueClientCertificate("system:kube-apiserver", {"system:masters"},
                                                   std::chrono::hours(24 * 365));
    if (!logClient)
        return fail("API server client certificate", logClient);
    apiserver::NodeClientCredentials credentials{p.pki->caPem(), logClient->cert.toPem(),
                                                 logClient->key.toPem()};
    options.nodeClientCredentials = [credentials] {
        return Result<apiserver::NodeClientCredentials>(credentials);
    };
    options.advertiseAddress = p.config.listenHost == "0.0.0.0" || p.config.listenHost == "::"
                                   ? "127.0.0.1"
                                   : p.config.listenHost;
    options.advertisePort = p.config.listenPort;
    options.ready = [&p] {
        return p.ready.load();
    };
    p.api = std::make_unique<apiserver::ApiServer>(std::move(options));
    if (Status s = p.api->bootstrap(); !s)
        return {s.code(), "API bootstrap: " + s.message()};
    registerNodeCredentials(p.api->resources(), makeNodeCredentialHandler(p.pki->ca(), *p.clock));
    startMetrics(p,
                 [credentials] { return Result<apiserver::NodeClientCredentials>(credentials); });

    // The chain carries the CA too: a joining node reads it from the handshake and checks it
    // against the hash in its join token before it trusts (or sends) anything.
    auto ssl = tls::makeServerContext(p.pki->server().cert.toPem() + p.pki->caPem(),
                                      p.pki->server().key.toPem(), p.pki->caPem());
    if (!ssl)
        return fail("TLS", ssl);
    http::ServerConfig server;
    server.bindAddress = p.config.listenHost;
    server.port = p.config.listenPort;
    server.sslContext = *ssl;
    server.handler = [&p](const http::Request &req, http::ResponseSink &sink) {
        p.api->handle(req, sink);
    };
    p.server = std::make_unique<http::Server>(std::move(server));
    if (Status s = p.server->start(); !s)
        return {s.code(), "listening on " + p.config.listenHost + ":" +
                              std::to_string(p.config.listenPort) + ": " + s.message()};
    return Status::ok();
}

// The scheduler and the controllers run in-process over ResourceService, sharing one set of
// informers, so they see the same admission and revision rules as every HTTP client.
void startControllers(ControlPlane::Parts &p) {
    controllers::ControllerManagerOptions options = p.config.controllers;
    if (!options.podMetrics)
        options.podMetrics = p.metricsStore.get();
    p.controllers = std::make_unique<controllers::ControllerManager>(p.api->resources(), options);
    p.scheduler = std::make_unique<SchedulerRunner>(p.api->resources(), p.controllers->informers(),
                                                    p.controllers->events(), *p.clock);
    registerSchedulingApi(p.api->resources(), *p.scheduler);
    p.controllers->start();
    p.scheduler->start();
}

} // namespace

ControlPlane::ControlPlane(std::unique_ptr<Parts> parts)
    : m_parts(std::move(parts)) {}

ControlPlane::~ControlPlane() {
    stop();
}

Result<std::unique_ptr<ControlPlane>> ControlPlane::start(const ControlPlaneConfig &config) {
    auto parts = std::make_unique<Parts>();
    parts->config = config;
    parts->clock = config.clock ? config.clock : &SystemClock::instance();
    if (Status s = prepareDataDir(config.dataDir); !s)
        return Result<std::unique_ptr<ControlPlane>>(s);
    if (Status s = openSecurity(*parts); !s)
        return Result<std::unique_ptr<ControlPlane>>(s);
    if (Status s = openStore(*parts); !s)
        return Result<std::unique_ptr<ControlPlane>>(s);
    if (Status s = startApi(*parts); !s)
        return Result<std::unique_ptr<ControlPlane>>(s);
    startControllers(*parts);
    std::unique_ptr<ControlPlane> plane(new ControlPlane(std::move(parts)));
    if (!config.kubeconfigPath.empty()) {
        Status s = auth::writeKubeconfig(config.kubeconfigPath, "coxswain", plane->serverUrl(),
                                         plane->caPem(), "admin", plane->adminToken());
        if (!s)
            return Result<std::unique_ptr<ControlPlane>>(
                s.code(), "writing kubeconfig " + config.kubeconfigPath + ": " + s.message());
    }
    plane->m_parts->ready = true;
    COX_LOG(Info, "controlplane") << "serving at " << plane->serverUrl() << ", data in "
                                  << config.dataDir;
    return plane;
}

void ControlPlane::stop() {
    if (!m_parts || m_parts->stopped)
        return;
    m_parts->stopped = true;
    m_parts->ready = false;
    if (m_parts->server)
        m_parts->server->stop();
    if (m_parts->scheduler)
        m_parts->scheduler->stop();
    if (m_parts->controllers)
        m_parts->controllers->stop();
    if (m_parts->metricsScraper)
        m_parts->metricsScraper->stop();
    m_parts->scheduler.reset();
    m_parts->controllers.reset();
    m_parts->metricsScraper.reset();
    m_parts->api.reset();
    m_parts->store.reset();
}

uint16_t ControlPlane::port() const {
    return m_parts->server ? m_parts->server->port() : 0;
}

std::string ControlPlane::serverUrl() const {
    return "https://" + clientHost(m_parts->config.listenHost) + ":" + std::to_string(port());
}

std::string ControlPlane::caPem() const {
    return m_parts->pki->caPem();
}

const std::string &ControlPlane::adminToken() const {
    return m_parts->adminToken;
}

const std::string &ControlPlane::joinToken() const {
    return m_parts->joinToken;
}

} // namespace cox::controlplane
