// MachineSetupConfig: what the add/remove-machines wizard needs besides the machines and their
// credentials - the cluster it joins them to (from the ClusterConnection, including the join
// token only a hosted cluster has), the application's own known_hosts, the agent to install and
// how. toOptions() builds the bootstrap's options for one run.
#pragma once

#include "api/cluster_connection.h"
#include "bootstrap/bootstrap_options.h"
#include "setup/machine_list.h"

#include <QString>

#include <chrono>
#include <functional>

namespace cox::console {

struct MachineSetupConfig {
    ClusterConnection cluster;
    QString knownHostsPath; // empty = <app data>/known_hosts
    QString agentBinary;    // empty = AgentLocator (installed agents, then the build tree)
    QString runtime = QStringLiteral("runc");
    bool installPrerequisites = false;
    // Where a machine gets the agent; empty = the standard layout (/usr/local/bin, /etc/...).
    // Test machines share one filesystem, so each gets its own root.
    std::function<bootstrap::InstallLayout(const MachineEntry &)> layoutFor;
    std::chrono::milliseconds readyTimeout{120'000};

    // Why machines cannot be added to this cluster (no join token: opened from a kubeconfig),
    // or empty.
    QString problem() const;
    QString effectiveKnownHostsPath() const;
    bootstrap::BootstrapOptions toOptions() const;
};

} // namespace cox::console
