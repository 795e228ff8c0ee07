// runNodeCommand: reads the secrets from stdin, builds the bootstrap options from the data
// directory, runs the pipeline with a step printer, and keeps/erases the node record.
#include "master/node_command.h"
#include "master/node_record.h"

#include "bootstrap/pipeline.h"

#include <iostream>
#include <mutex>
#include <unistd.h>

namespace cox::master {
namespace {

using bootstrap::ProgressKind;

// Secrets arrive one per line in a fixed order; a missing line is an error, not an empty secret.
Status readSecrets(NodeCommandOptions &o, std::istream &in) {
    bootstrap::Credentials &c = o.machine.credentials;
    const std::pair<bool, std::string *> wanted[] = {{o.passphraseStdin, &c.keyPassphrase},
                                                     {o.passwordStdin, &c.password},
                                                     {o.sudoPasswordStdin, &c.sudoPassword}};
    for (const auto &[want, target] : wanted) {
        if (!want)
            continue;
        if (!std::getline(in, *target))
            return {StatusCode::BadRequest, "expected a secret line on stdin (see --help)"};
        if (!target->empty() && target->back() == '\r')
            target->pop_back();
    }
    return Status::ok();
}

bootstrap::ProgressCallback printer(std::ostream &out) {
    auto mutex = std::make_shared<std::mutex>();
    return [&out, mutex](const bootstrap::ProgressEvent &e) {
        std::lock_guard lock(*mutex);
        switch (e.kind) {
        case ProgressKind::StepStarted:
            out << "[" << e.step << "] ...\n";
            break;
        case ProgressKind::Output:
            out << "    | " << e.text << "\n";
            break;
        case ProgressKind::Message:
            out << "    " << e.text << "\n";
            break;
        default:
            out << "[" << e.step << "] " << bootstrap::progressKindName(e.kind)
                << (e.text.empty() ? "" : ": " + e.text) << "\n";
        }
        out.flush();
    };
}

// Fills machine and credentials for `node remove` from the record, unless given again.
Status applyRecord(NodeCommandOptions &o) {
    auto record = NodeRecord::load(o.dataDir, o.machine.nodeName);
    if (!record)
        return record.status();
    o.machine.host = record->host;
    o.machine.port = record->port;
    o.machine.jumpHost = record->jumpHost;
    if (!o.userGiven)
        o.machine.credentials.user = record->user;
    if (!o.keyGiven && !o.passwordStdin)
        o.machine.credentials.keyFile = record->keyFile;
    if (o.installRoot.empty())
        o.installRoot = record->installRoot;
    if (o.serverUrl.empty())
        o.serverUrl = record->serverUrl;
    return Status::ok();
}

bootstrap::HostKeyConfirm confirmer(const NodeCommandOptions &o, std::ostream &out) {
    const bool accept = o.acceptHostKey;
    return [accept, &out](const bootstrap::HostKeyPrompt &p) {
        if (accept) {
            out << "    accepting the unknown host key " << p.keyType << " " << p.fingerprint
                << " of " << p.host << " (--accept-host-key)\n";
            return true;
        }
        out << "    unknown host key " << p.keyType << " " << p.fingerprint << " of " << p.host
            << ": pass --host-key-fingerprint " << p.fingerprint
            << " after checking it on the machine, or --accept-host-key\n";
        return false;
    };
}

} // namespace

int runNodeCommand(NodeCommandOptions o, std::istream &in, std::ostream &out, std::ostream &err) {
    using Action = NodeCommandOptions::Action;
    if (Status s = readSecrets(o, in); !s) {
        err << "coxswain-master: " << s.message() << "\n";
        return 2;
    }
    if (o.action == Action::Remove)
        if (Status s = applyRecord(o); !s) {
            err << "coxswain-master: " << s.message() << "\n";
            return 1;
        }
    auto access = bootstrap::ClusterAccess::fromDataDir(o.dataDir);
    if (!access) {
        err << "coxswain-master: " << access.status().message() << "\n";
        return 1;
    }
    if (!o.installRoot.empty())
        o.machine.layout = bootstrap::InstallLayout::underRoot(o.installRoot);
    bootstrap::BootstrapOptions options;
    options.knownHostsPath = o.dataDir + "/known_hosts";
    options.cluster = *access;
    options.agentServerUrl = o.serverUrl;
    options.apiPort = o.apiPort;
    options.agentBinary = o.agentBinary;
    options.runtime = o.runtime;
    options.installPrerequisites = o.installPrerequisites;
    options.removeData = o.deleteData;
    options.readyTimeout = std::chrono::seconds(o.readyTimeoutSeconds);
    options.progress = printer(out);
    options.confirmHostKey = confirmer(o, out);

    const bootstrap::MachineResult r = o.action == Action::Add
                                           ? bootstrap::Pipeline::add(o.machine, options)
                                           : bootstrap::Pipeline::remove(o.machine, options);
    if (!r.ok) {
        err << "coxswain-master: " << r.status().message() << "\n";
        return 1;
    }
    if (o.action == Action::Add) {
        NodeRecord record{r.nodeName,
                          o.machine.host,
                          o.machine.port,
                          o.machine.credentials.user,
                          o.machine.credentials.keyFile,
                          o.machine.jumpHost,
                          o.installRoot,
                          r.serverUrl};
        if (Status s = record.save(o.dataDir); !s)
            err << "coxswain-master: warning: " << s.message() << "\n";
        out << "node " << r.nodeName << " is Ready (" << r.elapsed.count() << " ms)\n";
    } else {
        (void)NodeRecord::erase(o.dataDir, o.machine.nodeName);
        out << "node " << o.machine.nodeName << " removed\n";
    }
    return 0;
}

} // namespace cox::master
