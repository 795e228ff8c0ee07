// `coxswain-master node add|remove`: the SSH bootstrap from a shell, printing each step.
//   node add --data-dir DIR --host H [--port P] --user U (--key F | --password-stdin)
//            [--sudo-password-stdin] [--host-key-fingerprint SHA256:... | --accept-host-key]
//            [--agent PATH] [--node-name N] [--server URL] ...
//   node remove --data-dir DIR NODE [--delete-data] [--key F | --password-stdin] ...
// Secrets come only from stdin, one per line, in the order: key passphrase, password, sudo
// password (each only when its flag is given). What `node remove` needs to reach the machine
// again (host, port, user, key path, install root; never a secret) is kept in
// DATA_DIR/nodes/NODE.json by `node add`.
#pragma once

#include "bootstrap/bootstrap_options.h"
#include "common/result.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace cox::master {

struct NodeCommandOptions {
    enum class Action { Add, Remove };
    Action action = Action::Add;
    std::string dataDir = "./coxswain-data";
    bootstrap::MachineSpec machine;
    std::string installRoot; // "" = the machine's standard paths
    bool passphraseStdin = false, passwordStdin = false, sudoPasswordStdin = false;
    bool acceptHostKey = false;
    bool deleteData = false;
    bool installPrerequisites = false;
    bool userGiven = false, keyGiven = false;
    std::string agentBinary;
    std::string serverUrl;
    uint16_t apiPort = 6443;
    std::string runtime = "runc";
    int64_t readyTimeoutSeconds = 120;
};

// `args` start after "node".
Result<NodeCommandOptions> parseNodeCommand(const std::vector<std::string> &args);
std::string nodeCommandUsage();
// Runs the command; returns the process exit code (0 ok, 1 failed, 2 usage).
int runNodeCommand(NodeCommandOptions options, std::istream &in, std::ostream &out,
                   std::ostream &err);

} // namespace cox::master
