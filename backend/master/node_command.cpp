#include "master/node_command.h"

#include "master/master_options.h"
#include "master/node_record.h"

#include <charconv>

namespace cox::master {
namespace {

bool takeValue(const std::vector<std::string> &args, size_t &i, const std::string &flag,
               std::string &value) {
    const std::string &arg = args[i];
    if (arg == flag && i + 1 < args.size()) {
        value = args[++i];
        return true;
    }
    if (arg.rfind(flag + "=", 0) == 0) {
        value = arg.substr(flag.size() + 1);
        return true;
    }
    return false;
}

Status parsePort(const std::string &text, uint16_t &port) {
    unsigned v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v == 0 || v > 65535)
        return {StatusCode::BadRequest, "invalid port \"" + text + "\""};
    port = static_cast<uint16_t>(v);
    return Status::ok();
}

// Flags shared by add and remove: how to reach and log in to the machine.
bool takeAccessFlag(const std::vector<std::string> &args, size_t &i, NodeCommandOptions &o,
                    Status &error) {
    std::string v;
    const std::string &arg = args[i];
    if (arg == "--password-stdin")
        o.passwordStdin = true;
    else if (arg == "--sudo-password-stdin")
        o.sudoPasswordStdin = true;
    else if (arg == "--key-passphrase-stdin")
        o.passphraseStdin = true;
    else if (arg == "--accept-host-key")
        o.acceptHostKey = true;
    else if (takeValue(args, i, "--data-dir", o.dataDir)) {
    } else if (takeValue(args, i, "--key", o.machine.credentials.keyFile))
        o.keyGiven = true;
    else if (takeValue(args, i, "--user", o.machine.credentials.user))
        o.userGiven = true;
    else if (takeValue(args, i, "--host-key-fingerprint", o.machine.hostKeyFingerprint)) {
    } else if (takeValue(args, i, "--server", o.serverUrl)) {
    } else if (takeValue(args, i, "--api-port", v))
        error = parsePort(v, o.apiPort);
    else if (takeValue(args, i, "--timeout", v))
        error = parseDuration(v, o.readyTimeoutSeconds);
    else
        return false;
    return true;
}

} // namespace

Result<NodeCommandOptions> parseNodeCommand(const std::vector<std::string> &args) {
    NodeCommandOptions o;
    if (args.empty() || (args[0] != "add" && args[0] != "remove"))
        return Status(StatusCode::BadRequest, "use `node add` or `node remove` (see node --help)");
    o.action =
        args[0] == "add" ? NodeCommandOptions::Action::Add : NodeCommandOptions::Action::Remove;
    std::string v;
    for (size_t i = 1; i < args.size(); ++i) {
        Status error;
        const std::string &arg = args[i];
        if (takeAccessFlag(args, i, o, error)) {
            if (!error)
                return error;
        } else if (takeValue(args, i, "--host", o.machine.host)) {
        } else if (takeValue(args, i, "--port", v)) {
            if (Status s = parsePort(v, o.machine.port); !s)
                return s;
        } else if (takeValue(args, i, "--node-name", o.machine.nodeName)) {
        } else if (takeValue(args, i, "--agent", o.agentBinary)) {
        } else if (takeValue(args, i, "--jump-host", o.machine.jumpHost)) {
        } else if (takeValue(args, i, "--install-root", o.installRoot)) {
        } else if (takeValue(args, i, "--runtime", o.runtime)) {
        } else if (arg == "--install-prerequisites") {
            o.installPrerequisites = true;
        } else if (arg == "--delete-data") {
            o.deleteData = true;
        } else if (o.action == NodeCommandOptions::Action::Remove && !arg.empty() &&
                   arg[0] != '-' && o.machine.nodeName.empty()) {
            o.machine.nodeName = arg;
        } else {
            return Status(StatusCode::BadRequest, "unknown argument \"" + arg + "\" (see --help)");
        }
    }
    if (o.action == NodeCommandOptions::Action::Add) {
        if (o.machine.host.empty())
            return Status(StatusCode::BadRequest, "node add needs --host");
        if (!o.keyGiven && !o.passwordStdin)
            return Status(StatusCode::BadRequest, "node add needs --key FILE or --password-stdin");
        if (o.acceptHostKey && !o.machine.hostKeyFingerprint.empty())
            return Status(StatusCode::BadRequest,
                          "give --host-key-fingerprint or --accept-host-key, not both");
    } else if (o.machine.nodeName.empty()) {
        return Status(StatusCode::BadRequest, "node remove needs the node name");
    }
    if (o.runtime != "runc" && o.runtime != "docker" && o.runtime != "hollow")
        return Status(StatusCode::BadRequest, "--runtime must be runc, docker or hollow");
    return o;
}

std::string nodeCommandUsage() {
    return "Usage: coxswain-master node add --host H [--port 22] --user U (--key FILE | "
           "--password-stdin)\n"
           "                               [--sudo-password-stdin] [--key-passphrase-stdin]\n"
           "                               [--host-key-fingerprint SHA256:... | "
           "--accept-host-key]\n"
           "                               [--agent PATH] [--node-name N] [--server URL | "
           "--api-port 6443]\n"
           "                               [--runtime runc|hollow] [--install-prerequisites]\n"
           "                               [--install-root DIR] [--jump-host USER@HOST:PORT]\n"
           "                               [--timeout 120s] [--data-dir DIR]\n"
           "       coxswain-master node remove NODE [--delete-data] [--key FILE | "
           "--password-stdin]\n"
           "                               [--sudo-password-stdin] [--data-dir DIR]\n"
           "\n"
           "Turns a Linux machine reachable over SSH into a Ready node (or takes it out again),\n"
           "printing each step. Secrets are read from stdin, one per line, in this order: key\n"
           "passphrase, password, sudo password. Host keys are kept in DATA_DIR/known_hosts;\n"
           "--accept-host-key trusts an unknown key on first contact only; a changed key is\n"
           "always refused. --server is the API URL as the machine reaches it (default: this\n"
           "host's address on the SSH connection, port --api-port).\n";
}

} // namespace cox::master
