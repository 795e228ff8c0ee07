// ConsoleOptions: the coxswain command line. With no option the console hosts a cluster in
// the XDG data dir; --kubeconfig opens any cluster instead; --screenshot renders the window to
// a PNG once the board is populated, then exits (docs and release screenshots); --welcome goes
// back to the first-start choice (ConsoleLauncher).
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace cox::console {

struct ConsoleOptions {
    QString dataDir;    // empty: EmbeddedCluster::defaultDataDir()
    QString kubeconfig; // set: connect to that cluster, host none
    QString screenshot; // set: save a PNG of the window and quit
    int port = 6443;
    bool welcome = false; // --welcome: show the welcome choice even when one is remembered

    // Parses QCoreApplication::arguments()-style input. On a usage error returns nullopt and
    // sets *error; --help and --version print and exit inside (QCommandLineParser).
    static std::optional<ConsoleOptions> parse(const QStringList &arguments, QString *error);
};

} // namespace cox::console
