#include "runc/cni_network.h"

#include "common/log.h"
#include "runc/json_file.h"
#include "runc/subprocess.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <linux/magic.h>
#include <sys/statfs.h>

namespace cox::agent::runc {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

nlohmann::json portMappingsJson(const std::vector<PortMapping> &ports) {
    auto list = nlohmann::json::array();
    for (const auto &port : ports) {
        if (port.hostPort <= 0)
            continue;
        nlohmann::json entry = {{"hostPort", port.hostPort},
                                {"containerPort", port.containerPort},
                                {"protocol", lower(port.protocol.empty() ? "TCP" : port.protocol)}};
        if (!port.hostIp.empty())
            entry["hostIP"] = port.hostIp;
        list.push_back(entry);
    }
    return list;
}

// portmap with no host ports: ADD would hand prevResult back and DEL has nothing to remove.
bool skipped(const nlohmann::json &plugin, const std::vector<PortMapping> &ports) {
    return plugin.value("type", "") == "portmap" && portMappingsJson(ports).empty();
}

} // namespace

CniNetwork::CniNetwork(CniOptions options)
    : m_options(std::move(options)) {}

nlohmann::json CniNetwork::conflist() const {
    nlohmann::json ipam = {{"type", "host-local"},
                           {"ranges", {{{{"subnet", m_options.podCidr}}}}},
                           {"routes", {{{"dst", "0.0.0.0/0"}}}},
                           {"dataDir", m_options.ipamDataDir}};
    nlohmann::json bridge = {{"type", "bridge"},    {"bridge", m_options.bridge},
                             {"isGateway", true},   {"ipMasq", m_options.ipMasq},
                             {"hairpinMode", true}, {"ipam", ipam}};
    nlohmann::json portmap = {
        {"type", "portmap"}, {"capabilities", {{"portMappings", true}}}, {"snat", true}};
    return {{"cniVersion", m_options.cniVersion},
            {"name", m_options.networkName},
            {"plugins", {bridge, portmap}}};
}

nlohmann::json CniNetwork::loopbackConfig() const {
    return {{"cniVersion", m_options.cniVersion},
            {"name", m_options.networkName + "-loopback"},
            {"type", "loopback"}};
}

Status CniNetwork::writeConfig() const {
    std::error_code ec;
    std::filesystem::create_directories(m_options.confDir, ec);
    std::filesystem::create_directories(m_options.ipamDataDir, ec);
    if (ec)
        return Status(StatusCode::Internal, "create CNI dirs: " + ec.message());
    if (auto status = JsonFile::write(
            m_options.confDir + "/10-" + m_options.networkName + ".conflist", conflist());
        !status)
        return status;
    return JsonFile::write(m_options.confDir + "/99-loopback.conf", loopbackConfig());
}

Result<nlohmann::json> CniNetwork::invoke(const std::string &command,
                                          const nlohmann::json &pluginConfig,
                                          const std::string &containerId,
                                          const std::string &netnsPath,
                                          const std::string &ifName) const {
    std::string type = pluginConfig.value("type", "");
    auto env = Subprocess::currentEnvironment();
    std::erase_if(env, [](const std::string &entry) { return entry.rfind("CNI_", 0) == 0; });
    env.push_back("CNI_COMMAND=" + command);
    env.push_back("CNI_CONTAINERID=" + containerId);
    env.push_back("CNI_NETNS=" + netnsPath);
    env.push_back("CNI_IFNAME=" + ifName);
    env.push_back("CNI_PATH=" + m_options.binDir);
    auto run = Subprocess::run({m_options.binDir + "/" + type}, env, pluginConfig.dump(),
                               m_options.pluginTimeout);
    if (!run)
        return run.status();
    auto output = nlohmann::json::parse(run->out, nullptr, false);
    if (run->exitCode != 0) {
        std::string message = output.is_object() ? output.value("msg", "") : run->out;
        if (output.is_object() && output.contains("details"))
            message += ": " + output["details"].get<std::string>();
        return Status(StatusCode::Internal, "CNI " + type + " " + command + " failed (" +
                                                std::to_string(run->exitCode) + "): " + message +
                                                " " + run->err);
    }
    if (command != "ADD")
        return nlohmann::json::object();
    if (output.is_discarded() || !output.is_object())
        return Status(StatusCode::Internal, "CNI " + type + " ADD: result is not JSON");
    return output;
}

Result<nlohmann::json> CniNetwork::runChain(const std::string &command,
                                            const std::string &containerId,
                                            const std::string &netnsPath, nlohmann::json prevResult,
                                            const std::vector<PortMapping> &ports) const {
    auto list = conflist();
    auto plugins = list["plugins"];
    if (command == "DEL")
        std::reverse(plugins.begin(), plugins.end());
    Status firstError;
    for (auto plugin : plugins) {
        if (skipped(plugin, ports))
            continue;
        plugin["name"] = list["name"];
        plugin["cniVersion"] = list["cniVersion"];
        if (plugin.contains("capabilities") && plugin["capabilities"].value("portMappings", false))
            plugin["runtimeConfig"] = {{"portMappings", portMappingsJson(ports)}};
        if (!prevResult.is_null())
            plugin["prevResult"] = prevResult;
        auto result = invoke(command, plugin, containerId, netnsPath, "eth0");
        if (!result && command != "DEL")
            return result.status();
        // DEL keeps going so one failing plugin does not leak the others' resources.
        if (!result && firstError.isOk())
            firstError = result.status();
        if (command == "ADD")
            prevResult = *result;
    }
    if (!firstError)
        return firstError;
    return prevResult;
}

Result<nlohmann::json> CniNetwork::add(const std::string &containerId, const std::string &netnsPath,
                                       const std::vector<PortMapping> &ports) const {
    if (m_options.loopback) {
        auto loopback = invoke("ADD", loopbackConfig(), containerId, netnsPath, "lo");
        if (!loopback)
            return loopback.status();
    }
    auto result = runChain("ADD", containerId, netnsPath, nullptr, ports);
    if (!result) {
        // Leave nothing half-attached: the spec wants a DEL after a failed ADD.
        (void)runChain("DEL", containerId, netnsPath, nullptr, ports);
        return result.status();
    }
    if (podIp(*result).empty())
        return Status(StatusCode::Internal, "CNI ADD returned no IPv4 address");
    return result;
}

Status CniNetwork::del(const std::string &containerId, const std::string &netnsPath,
                       const nlohmann::json &prevResult,
                       const std::vector<PortMapping> &ports) const {
    // An nsfs mount, not just a file: after a reboot the mount point survives, the netns not.
    struct statfs info {};
    bool netnsExists =
        !netnsPath.empty() && ::statfs(netnsPath.c_str(), &info) == 0 && info.f_type == NSFS_MAGIC;
    // The spec lets the runtime pass an empty CNI_NETNS once the namespace is gone.
    auto chain = runChain("DEL", containerId, netnsExists ? netnsPath : "", prevResult, ports);
    if (netnsExists && m_options.loopback)
        (void)invoke("DEL", loopbackConfig(), containerId, netnsPath, "lo");
    return chain.status();
}

Status CniNetwork::check(const std::string &containerId, const std::string &netnsPath,
                         const nlohmann::json &prevResult,
                         const std::vector<PortMapping> &ports) const {
    auto list = conflist();
    for (auto plugin : list["plugins"]) {
        if (skipped(plugin, ports))
            continue;
        plugin["name"] = list["name"];
        plugin["cniVersion"] = list["cniVersion"];
        if (plugin.contains("capabilities"))
            plugin["runtimeConfig"] = {{"portMappings", portMappingsJson(ports)}};
        plugin["prevResult"] = prevResult;
        if (auto result = invoke("CHECK", plugin, containerId, netnsPath, "eth0"); !result)
            return result.status();
    }
    return Status::ok();
}

std::string CniNetwork::podIp(const nlohmann::json &result) {
    if (!result.is_object() || !result.contains("ips"))
        return {};
    for (const auto &ip : result["ips"]) {
        std::string address = ip.value("address", "");
        if (address.find(':') != std::string::npos)
            continue;
        return address.substr(0, address.find('/'));
    }
    return {};
}

} // namespace cox::agent::runc
