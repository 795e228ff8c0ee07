#include "agent_options.h"

#include "tls/crypto.h"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fstream>
#include <optional>
#include <unistd.h>

namespace cox::agent {

namespace {

bool takeValue(const std::vector<std::string> &args, size_t &i, const std::string &flag,
               std::string &value) {
    const std::string &arg = args[i];
    if (arg == flag && i + 1 < args.size()) {
        value = args[++i];
        return true;
    }
    if (arg.rfind(flag + "=", 0) == 0) {
        value = arg.substr(flag.size() + 1);
        return true;
    }
    return false;
}

std::string defaultNodeName() {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    std::string name = host;
    for (char &c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

Status bad(const std::string &message) {
    return Status(StatusCode::BadRequest, message);
}

// The networking keys; false for a key that is not one of them.
bool applyNetworkKey(const std::string &key, const nlohmann::json &value, AgentOptions &o) {
    static const std::map<std::string, std::string AgentOptions::*> strings = {
        {"clusterCidr", &AgentOptions::clusterCidr},
        {"serviceCidr", &AgentOptions::serviceCidr},
        {"clusterDns", &AgentOptions::clusterDns},
        {"clusterDomain", &AgentOptions::clusterDomain},
        {"iptablesBackend", &AgentOptions::iptablesBackend},
        {"resolvConf", &AgentOptions::resolvConf}};
    if (auto it = strings.find(key); it != strings.end()) {
        o.*(it->second) = value.get<std::string>();
        return true;
    }
    if (key == "proxy" || key == "network") {
        (key == "proxy" ? o.proxy : o.network) = value.get<bool>();
        return true;
    }
    return false;
}

// Network flags are kept aside and applied after the config file, so a flag wins over a key.
bool takeNetworkFlag(const std::vector<std::string> &args, size_t &i,
                     std::vector<std::pair<std::string, nlohmann::json>> &later) {
    static const std::map<std::string, std::string> flags = {
        {"--cluster-cidr", "clusterCidr"},         {"--service-cidr", "serviceCidr"},
        {"--cluster-dns", "clusterDns"},           {"--cluster-domain", "clusterDomain"},
        {"--iptables-backend", "iptablesBackend"}, {"--resolv-conf", "resolvConf"}};
    std::string value;
    for (const auto &[flag, key] : flags) {
        if (takeValue(args, i, flag, value)) {
            later.emplace_back(key, value);
            return true;
        }
    }
    if (args[i] == "--no-proxy" || args[i] == "--no-network") {
        later.emplace_back(args[i] == "--no-proxy" ? "proxy" : "network", false);
        return true;
    }
    return false;
}

// "A.B.C.D/N" -> (network, mask) in host order; nullopt when malformed.
std::optional<std::pair<uint32_t, uint32_t>> parseCidr(const std::string &cidr) {
    auto slash = cidr.find('/');
    in_addr address{};
    if (slash == std::string::npos ||
        inet_pton(AF_INET, cidr.substr(0, slash).c_str(), &address) != 1)
        return std::nullopt;
    char *end = nullptr;
    long bits = std::strtol(cidr.c_str() + slash + 1, &end, 10);
    if (*end != '\0' || bits < 1 || bits > 32)
        return std::nullopt;
    uint32_t mask = bits == 32 ? ~0u : ~((1u << (32 - bits)) - 1);
    return std::pair{ntohl(address.s_addr) & mask, mask};
}

Status validateNetwork(const AgentOptions &o) {
    auto pods = parseCidr(o.clusterCidr);
    auto services = parseCidr(o.serviceCidr);
    if (!pods || !services)
        return bad("--cluster-cidr and --service-cidr take A.B.C.D/N");
    // Overlapping ranges would send pod traffic into service rules (or the reverse).
    uint32_t common = pods->second & services->second;
    if ((pods->first & common) == (services->first & common))
        return bad("--cluster-cidr " + o.clusterCidr + " and --service-cidr " + o.serviceCidr +
                   " overlap");
    if (o.iptablesBackend != "auto" && o.iptablesBackend != "legacy" && o.iptablesBackend != "nft")
        return bad("--iptables-backend must be auto, legacy or nft");
    if (o.clusterDomain.empty() || o.clusterDomain.front() == '.' || o.clusterDomain.back() == '.')
        return bad("--cluster-domain takes a domain like cluster.local");
    return Status::ok();
}

// The join token from a file (mode 0600, written by the bootstrap), so that it never appears on
// a command line, where every user on the machine could read it in `ps`.
Result<std::string> readTokenFile(const std::string &path) {
    std::ifstream in(path);
    std::string token;
    if (!in || !std::getline(in, token))
        return Status(StatusCode::BadRequest, "--token-file: cannot read " + path);
    while (!token.empty() && (token.back() == '\r' || token.back() == ' '))
        token.pop_back();
    if (token.empty())
        return Status(StatusCode::BadRequest, "--token-file: " + path + " is empty");
    return token;
}

} // namespace

Status applyConfigFile(const std::string &text, AgentOptions &o) {
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object())
        return bad("config file: not a JSON object");
    try {
        for (const auto &[key, value] : doc.items()) {
            if (key == "cniBinDir")
                o.cniBinDir = value.get<std::string>();
            else if (key == "bridge")
                o.bridge = value.get<std::string>();
            else if (key == "stateDir")
                o.stateDir = value.get<std::string>();
            else if (key == "insecureRegistries")
                o.insecureRegistries = value.get<std::vector<std::string>>();
            else if (key == "leaseDurationSeconds")
                o.leaseDurationSeconds = value.get<int>();
            else if (key == "nodeStatusIntervalSeconds" || key == "nodeStatusInterval")
                o.nodeStatusIntervalSeconds = value.get<int>();
            else if (key == "syncThreads")
                o.syncThreads = value.get<int>();
            else if (key == "podsDir")
                o.podsDir = value.get<std::string>();
            else if (key == "logsDir")
                o.logsDir = value.get<std::string>();
            else if (key == "kubeletAddress")
                o.kubeletAddress = value.get<std::string>();
            else if (key == "volumeRefreshSeconds")
                o.volumeRefreshSeconds = value.get<int>();
            else if (key == "kubeletPort")
                o.kubeletPort = value.get<int>();
            else if (key == "labels")
                o.labels = value.get<std::map<std::string, std::string>>();
            else if (!applyNetworkKey(key, value, o))
                return bad("config file: unknown key \"" + key + "\"");
        }
    } catch (const nlohmann::json::exception &e) {
        return bad(std::string("config file: ") + e.what());
    }
    if (o.volumeRefreshSeconds < 1)
        return bad("config file: volumeRefreshSeconds must be >= 1");
    if (o.kubeletPort < 0 || o.kubeletPort > 65535)
        return bad("config file: kubeletPort must be 0..65535 (0: any free port)");
    if (o.leaseDurationSeconds < 4 || o.nodeStatusIntervalSeconds < 1)
        return bad("config file: leaseDurationSeconds >= 4 and nodeStatusIntervalSeconds >= 1");
    if (o.syncThreads < 0 || o.syncThreads > 64)
        return bad("config file: syncThreads must be 0 (by runtime) to 64");
    return Status::ok();
}

Result<AgentOptions> parseAgentOptions(const std::vector<std::string> &args) {
    AgentOptions o;
    std::string value;
    std::vector<std::pair<std::string, nlohmann::json>> networkFlags;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "-h" || arg == "--help") {
            o.command = AgentOptions::Command::Help;
        } else if (arg == "--cleanup-network") {
            o.command = AgentOptions::Command::CleanupNetwork;
        } else if (takeNetworkFlag(args, i, networkFlags)) {
        } else if (arg == "--version") {
            o.command = AgentOptions::Command::Version;
        } else if (takeValue(args, i, "--server", value)) {
            o.server = value;
        } else if (takeValue(args, i, "--token", value)) {
            o.token = value;
        } else if (takeValue(args, i, "--token-file", value)) {
            auto token = readTokenFile(value);
            if (!token)
                return token.status();
            o.token = *token;
        } else if (takeValue(args, i, "--node-name", value)) {
            o.nodeName = value;
        } else if (takeValue(args, i, "--data-dir", value)) {
            o.dataDir = value;
        } else if (takeValue(args, i, "--runtime", value)) {
            o.runtime = value;
        } else if (takeValue(args, i, "--hollow", value)) {
            try {
                o.hollowNodes = std::stoi(value);
            } catch (...) {
                return bad("--hollow takes a number of nodes");
            }
            if (o.hollowNodes < 1)
                return bad("--hollow takes a number of nodes >= 1");
            o.runtime = "hollow";
        } else if (takeValue(args, i, "--config", value)) {
            o.configFile = value;
        } else {
            return bad("unknown argument \"" + arg + "\" (see --help)");
        }
    }
    if (o.command == AgentOptions::Command::Help || o.command == AgentOptions::Command::Version)
        return o;
    if (!o.configFile.empty()) {
        std::string text;
        if (Status s = tls::readFile(o.configFile, text); !s)
            return bad("--config " + o.configFile + ": " + s.message());
        if (Status s = applyConfigFile(text, o); !s)
            return s;
    }
    for (const auto &[key, flagValue] : networkFlags)
        applyNetworkKey(key, flagValue, o);
    if (Status s = validateNetwork(o); !s)
        return s;
    if (o.command == AgentOptions::Command::CleanupNetwork)
        return o;
    if (o.server.empty())
        return bad("--server https://HOST:PORT is required");
    if (o.nodeName.empty())
        o.nodeName = defaultNodeName();
    if (o.runtime != "runc" && o.runtime != "docker" && o.runtime != "hollow")
        return bad("--runtime must be runc, docker or hollow");
    if (o.stateDir.empty())
        o.stateDir = o.dataDir + "/state";
    if (o.podsDir.empty())
        o.podsDir = o.dataDir + "/pods";
    if (o.logsDir.empty())
        o.logsDir = o.dataDir + "/logs";
    return o;
}

std::string agentUsage() {
    return "Usage: coxswain-agent --server https://HOST:6443 [--token TOKEN] [flags]\n"
           "\n"
           "Joins a Coxswain cluster as a node and runs the pods bound to it.\n"
           "\n"
           "  --server URL        the API server\n"
           "  --token TOKEN       join token K10...::id.secret (first start only)\n"
           "  --token-file FILE   read the join token from FILE instead (not visible in ps)\n"
           "  --node-name NAME    node name (default: host name)\n"
           "  --data-dir DIR      credentials and state (default /var/lib/coxswain-agent)\n"
           "  --runtime NAME      runc, docker or hollow (default runc)\n"
           "  --hollow N          run N simulated nodes NAME-0..NAME-N-1 in this process\n"
           "  --config FILE       JSON: cniBinDir, bridge, stateDir, podsDir, logsDir,\n"
           "                      kubeletAddress, kubeletPort (log endpoint, default 10250),\n"
           "                      volumeRefreshSeconds (configMap/secret files, default 60),\n"
           "                      insecureRegistries, leaseDurationSeconds,\n"
           "                      nodeStatusIntervalSeconds, labels,\n"
           "                      syncThreads (pods started at once; default 4 on\n"
           "                      runc, 16 on docker)\n"
           "                      clusterCidr, serviceCidr, clusterDns, clusterDomain,\n"
           "                      iptablesBackend, resolvConf, proxy, network\n"
           "  --cluster-cidr CIDR every node's pods (default 10.42.0.0/16)\n"
           "  --service-cidr CIDR ClusterIPs (default 10.43.0.0/16)\n"
           "  --cluster-dns IP    the pods' nameserver (default: the pod bridge gateway,\n"
           "                      where the agent serves cluster DNS on port 53)\n"
           "  --cluster-domain D  cluster DNS domain (default cluster.local)\n"
           "  --iptables-backend auto|legacy|nft  (default auto: see the docs)\n"
           "  --resolv-conf FILE  upstream resolvers and dnsPolicy Default (/etc/resolv.conf)\n"
           "  --no-proxy          no service rules (routes, masquerade and DNS stay)\n"
           "  --no-network        no cluster networking at all\n"
           "  --cleanup-network   remove the agent's iptables chains and routes, then exit\n"
           "  --version           print the version\n";
}

} // namespace cox::agent
