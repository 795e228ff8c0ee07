// coxswain-master: the control plane, headless.
#include "common/log.h"
#include "controlplane/control_plane.h"
#include "controlplane/join_tokens.h"
#include "master/master_options.h"
#include "master/node_command.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <semaphore.h>

namespace {

sem_t g_stopSignal;

void onSignal(int) {
    sem_post(&g_stopSignal);
} // async-signal-safe

cox::log::Level levelFrom(const std::string &name) {
    if (name == "debug")
        return cox::log::Level::Debug;
    if (name == "warn")
        return cox::log::Level::Warn;
    if (name == "error")
        return cox::log::Level::Error;
    return cox::log::Level::Info;
}

void printHowToConnect(const cox::controlplane::ControlPlane &plane,
                       const std::string &kubeconfig) {
    std::cout << "coxswain-master " << COX_VERSION << " serving the Kubernetes API at "
              << plane.serverUrl() << "\n";
    if (!kubeconfig.empty())
        std::cout << "Point kubectl at it:\n  export KUBECONFIG=" << kubeconfig
                  << "\n  kubectl get nodes\n";
    else
        std::cout << "Write a kubeconfig for kubectl with --write-kubeconfig FILE.\n";
    std::cout.flush();
}

int runNode(const std::vector<std::string> &args) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args.back() == "--help")) {
        std::cout << cox::master::nodeCommandUsage();
        return 0;
    }
    auto options = cox::master::parseNodeCommand(args);
    if (!options) {
        std::cerr << "coxswain-master: " << options.status().message() << "\n";
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    return cox::master::runNodeCommand(std::move(*options), std::cin, std::cout, std::cerr);
}

} // namespace

int main(int argc, char **argv) {
    if (argc > 1 && std::string(argv[1]) == "node") // node add|remove: the SSH bootstrap
        return runNode(std::vector<std::string>(argv + 2, argv + argc));
    const auto options =
        cox::master::parseMasterOptions(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        std::cerr << "coxswain-master: " << options.status().message() << "\n";
        return 2;
    }
    using Command = cox::master::MasterOptions::Command;
    if (options->command == Command::Help) {
        std::cout << cox::master::masterUsage();
        return 0;
    }
    if (options->command == Command::Version) {
        std::cout << "coxswain-master " << COX_VERSION << "\n";
        return 0;
    }
    cox::log::setLevel(levelFrom(options->logLevel));
    if (options->command == Command::TokenCreate) {
        std::optional<std::chrono::seconds> ttl;
        if (options->tokenTtlSeconds > 0)
            ttl = std::chrono::seconds(options->tokenTtlSeconds);
        auto token =
            cox::controlplane::createJoinToken(options->dataDir, ttl, cox::SystemClock::instance());
        if (!token) {
            std::cerr << "coxswain-master: " << token.status().message() << "\n";
            return 1;
        }
        std::cout << *token << "\n"; // the one place a token is printed: the user asked for it
        return 0;
    }

    sem_init(&g_stopSignal, 0, 0);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);

    cox::controlplane::ControlPlaneConfig config;
    config.dataDir = options->dataDir;
    config.listenHost = options->listenHost;
    config.listenPort = options->listenPort;
    config.storeUri = options->storeUri;
    config.kubeconfigPath = options->kubeconfigPath;
    auto plane = cox::controlplane::ControlPlane::start(config);
    if (!plane) {
        std::cerr << "coxswain-master: " << plane.status().message() << "\n";
        return 1;
    }
    printHowToConnect(**plane, options->kubeconfigPath);

    while (sem_wait(&g_stopSignal) != 0) {
    }
    COX_LOG(Info, "master") << "shutting down";
    (*plane)->stop();
    return 0;
}
