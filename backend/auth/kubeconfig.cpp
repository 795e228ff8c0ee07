#include "auth/kubeconfig.h"

#include "tls/crypto.h"

#include <nlohmann/json.hpp>

namespace cox::auth {

namespace {

// A JSON string literal is a valid YAML double-quoted scalar, so names with ':' or '#' stay safe.
std::string quoted(const std::string &value) {
    return nlohmann::json(value).dump();
}

} // namespace

std::string renderKubeconfig(const KubeconfigParams &p) {
    const std::string context = p.userName + "@" + p.clusterName;
    std::string out;
    out += "apiVersion: v1\n";
    out += "kind: Config\n";
    out += "clusters:\n";
    out += "- name: " + quoted(p.clusterName) + "\n";
    out += "  cluster:\n";
    out += "    server: " + quoted(p.serverUrl) + "\n";
    out += "    certificate-authority-data: " + tls::base64Encode(p.caPem) + "\n";
    out += "users:\n";
    out += "- name: " + quoted(p.userName) + "\n";
    out += "  user:\n";
    if (!p.token.empty())
        out += "    token: " + quoted(p.token) + "\n";
    if (!p.clientCertPem.empty()) {
        out += "    client-certificate-data: " + tls::base64Encode(p.clientCertPem) + "\n";
        out += "    client-key-data: " + tls::base64Encode(p.clientKeyPem) + "\n";
    }
    out += "contexts:\n";
    out += "- name: " + quoted(context) + "\n";
    out += "  context:\n";
    out += "    cluster: " + quoted(p.clusterName) + "\n";
    out += "    user: " + quoted(p.userName) + "\n";
    out += "current-context: " + quoted(context) + "\n";
    out += "preferences: {}\n";
    return out;
}

std::string renderKubeconfig(const std::string &clusterName, const std::string &serverUrl,
                             const std::string &caPem, const std::string &userName,
                             const std::string &token) {
    return renderKubeconfig(
        KubeconfigParams{clusterName, serverUrl, caPem, userName, token, {}, {}});
}

Status writeKubeconfig(const std::string &path, const KubeconfigParams &params) {
    return tls::writeFileAtomic(path, renderKubeconfig(params), 0600);
}

Status writeKubeconfig(const std::string &path, const std::string &clusterName,
                       const std::string &serverUrl, const std::string &caPem,
                       const std::string &userName, const std::string &token) {
    return writeKubeconfig(
        path, KubeconfigParams{clusterName, serverUrl, caPem, userName, token, {}, {}});
}

} // namespace cox::auth
