// StartupChoice: what the welcome dialog decided, remembered in QSettings so later starts resume
// without asking - host the local cluster (optionally with this machine as its first node), or
// reopen a kubeconfig. Only the mode, the kubeconfig's path and the data dir are stored: the
// credentials stay in the kubeconfig or the cluster's data dir, never in the settings file.
#pragma once

#include <QString>

namespace cox::console {

struct StartupChoice {
    enum class Mode { None, LocalCluster, Kubeconfig };

    Mode mode = Mode::None;
    QString dataDir;        // LocalCluster: where the cluster lives (empty: the default)
    bool localNode = false; // LocalCluster: also run this machine as a node
    QString kubeconfig;     // Kubeconfig: the file to reopen

    // The remembered choice (Mode::None when there is none).
    static StartupChoice load();
    void save() const;
    // Forgets the choice: the next start shows the welcome dialog again.
    static void forget();
};

} // namespace cox::console
