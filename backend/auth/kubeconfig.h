// Writing kubeconfig files that kubectl and the console read: one cluster (server URL + CA
// data), one user (bearer token or client certificate), one current context.
#pragma once

#include "common/status.h"

#include <string>

namespace cox::auth {

struct KubeconfigParams {
    std::string clusterName;
    std::string serverUrl; // "https://127.0.0.1:6443"
    std::string caPem;
    std::string userName;
    std::string token;         // either a token...
    std::string clientCertPem; // ...or a client certificate and key
    std::string clientKeyPem;
};

std::string renderKubeconfig(const KubeconfigParams &params);
std::string renderKubeconfig(const std::string &clusterName, const std::string &serverUrl,
                             const std::string &caPem, const std::string &userName,
                             const std::string &token);
// Writes the rendered file with mode 0600 (it holds a credential), atomically.
Status writeKubeconfig(const std::string &path, const KubeconfigParams &params);
Status writeKubeconfig(const std::string &path, const std::string &clusterName,
                       const std::string &serverUrl, const std::string &caPem,
                       const std::string &userName, const std::string &token);

} // namespace cox::auth
