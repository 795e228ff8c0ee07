// ClusterApi: the few Kubernetes API calls the bootstrap makes with the admin credentials: is the
// API reachable at the address nodes will use, is a Node Ready, cordon, evict a node's pods,
// delete the Node. One instance per worker thread (it owns one HTTPS client).
#pragma once

#include "common/result.h"

#include <memory>
#include <string>
#include <vector>

namespace cox::http {
class Client;
}

namespace cox::bootstrap {

// What the pipeline needs from the control plane. Secrets: never logged.
struct ClusterAccess {
    std::string serverUrl; // how this process reaches the API; empty = the nodes' address
    std::string caPem;
    std::string adminToken;
    std::string joinToken;

    // Reads DATA_DIR/pki/ca.crt, DATA_DIR/admin-token and DATA_DIR/join-token as coxswain-master
    // writes them.
    static Result<ClusterAccess> fromDataDir(const std::string &dataDir);
};

struct NodeReadiness {
    bool exists = false;
    bool ready = false;
    std::string reason; // the Ready condition's reason/message when not ready
};

class ClusterApi {
public:
    static Result<std::unique_ptr<ClusterApi>> connect(const ClusterAccess &access,
                                                       const std::string &serverUrl);
    ~ClusterApi();

    // GET /version over TLS verified against the cluster CA (so the serving certificate must
    // name the host in `serverUrl`).
    Status checkReachable();
    Result<NodeReadiness> nodeReadiness(const std::string &node);
    Status cordon(const std::string &node);
    // "namespace/name" of the pods bound to `node` that a drain evicts: not finished, not a
    // DaemonSet's.
    Result<std::vector<std::string>> podsOnNode(const std::string &node);
    // Eviction subresource; NotFound counts as done.
    Status evict(const std::string &namespacedName);
    Status deleteNode(const std::string &node);

private:
    explicit ClusterApi(std::unique_ptr<http::Client> client);
    std::unique_ptr<http::Client> m_client;
};

} // namespace cox::bootstrap
