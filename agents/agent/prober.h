// Prober: runs one liveness/readiness/startup probe - exec through the runtime, httpGet (plain
// HTTP/1.1 GET, 200-399 is success) and tcpSocket (a connect) against the pod IP. A virtual
// interface so pod-worker tests and hollow nodes (whose pod IPs reach nothing) can substitute
// their own answers.
#pragma once

#include "model/types/probe.h"
#include "runtime/runtime.h"

#include <string>

namespace cox::agent {

class Prober {
public:
    virtual ~Prober() = default;
    // True on success. `podIp` is where httpGet/tcpSocket connect when the probe names no host.
    virtual bool probe(const model::Probe &probe, const std::string &containerId,
                       const std::string &podIp) = 0;
};

class NetworkProber final : public Prober {
public:
    explicit NetworkProber(ContainerRuntime &runtime)
        : m_runtime(runtime) {}
    bool probe(const model::Probe &probe, const std::string &containerId,
               const std::string &podIp) override;

private:
    ContainerRuntime &m_runtime;
};

// Hollow nodes: exec probes through the (hollow) runtime, network probes succeed - the pod IPs
// of a hollow node are bookkeeping, not addresses anything listens on.
class HollowProber final : public Prober {
public:
    explicit HollowProber(ContainerRuntime &runtime)
        : m_runtime(runtime) {}
    bool probe(const model::Probe &probe, const std::string &containerId,
               const std::string &podIp) override;

private:
    ContainerRuntime &m_runtime;
};

} // namespace cox::agent
