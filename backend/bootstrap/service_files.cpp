#include "bootstrap/service_files.h"

#include "bootstrap/shell_quote.h"

namespace cox::bootstrap {

std::string ServiceFiles::launcher(const InstallLayout &l, const AgentLaunch &a) {
    const std::string cred = l.dataDir + "/node.crt";
    return "#!/bin/sh\n"
           "# Written by coxswain bootstrap: starts the node agent.\n"
           "# The join token stays in its 0600 file (the agent reads it there, so it is never on "
           "a\n"
           "# command line) and is used only until the node has its own credentials.\n"
           "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
           "export PATH\n"
           "set -- --server " +
           shellQuote(a.serverUrl) + " --node-name " + shellQuote(a.nodeName) + " --data-dir " +
           shellQuote(l.dataDir) + " --runtime " + shellQuote(a.runtime) + " --config " +
           shellQuote(l.configFile()) +
           "\n"
           "if [ ! -s " +
           shellQuote(cred) + " ]; then\n  set -- \"$@\" --token-file " +
           shellQuote(l.tokenFile()) + "\nfi\nexec " + shellQuote(l.binaryPath()) + " \"$@\"\n";
}

std::string ServiceFiles::systemdUnit(const InstallLayout &l) {
    // KillMode=process: a restart (upgrade) stops the agent only; container shims keep running.
    return "[Unit]\n"
           "Description=Coxswain node agent\n"
           "After=network-online.target\n"
           "Wants=network-online.target\n\n"
           "[Service]\n"
           "ExecStart=" +
           l.launcherScript() +
           "\n"
           "Restart=always\n"
           "RestartSec=2\n"
           "KillMode=process\n"
           "Delegate=yes\n\n"
           "[Install]\n"
           "WantedBy=multi-user.target\n";
}

std::string ServiceFiles::supervisor(const InstallLayout &l) {
    const std::string stop = shellQuote(l.runDir + "/" + l.serviceName + ".stop");
    const std::string agentPid = shellQuote(l.agentPidFile());
    const std::string selfPid = shellQuote(l.supervisorPidFile());
    return "#!/bin/sh\n"
           "# Written by coxswain bootstrap: keeps the agent running where there is no systemd.\n"
           "# Started with setsid, so it outlives the SSH session; restarts the agent a second\n"
           "# after it exits (an upgrade just stops the agent); TERM stops both.\n"
           "echo $$ > " +
           selfPid + "\nchild=\ntrap 'touch " + stop +
           "; [ -n \"$child\" ] && kill -TERM \"$child\" 2>/dev/null' TERM INT\n"
           "rm -f " +
           stop + "\nwhile [ ! -e " + stop + " ]; do\n  " + shellQuote(l.launcherScript()) +
           " &\n  child=$!\n  echo \"$child\" > " + agentPid +
           "\n  wait \"$child\" || true\n  wait \"$child\" 2>/dev/null || true\n"
           "  [ -e " +
           stop +
           " ] && break\n  echo \"coxswain: agent exited, restarting\" >&2\n  sleep 1\n"
           "done\nrm -f " +
           agentPid + " " + selfPid + " " + stop + "\n";
}

std::string ServiceFiles::supervisorRunningCommand(const InstallLayout &l) {
    const std::string pid = shellQuote(l.supervisorPidFile());
    return "[ -s " + pid + " ] && kill -0 \"$(cat " + pid + ")\" 2>/dev/null";
}

std::string ServiceFiles::startSupervisorCommand(const InstallLayout &l) {
    // All three standard streams leave the SSH channel, so the session can close.
    return "mkdir -p " + shellQuote(l.runDir) + " \"$(dirname " + shellQuote(l.logFile) +
           ")\" && cd / && setsid -f sh " + shellQuote(l.supervisorScript()) + " >> " +
           shellQuote(l.logFile) + " 2>&1 < /dev/null";
}

std::string ServiceFiles::stopSupervisorCommand(const InstallLayout &l) {
    // Bounded: TERM, up to 15 s for the agent to exit, then KILL.
    const std::string pid = shellQuote(l.supervisorPidFile());
    return "if [ -s " + pid + " ]; then p=$(cat " + pid +
           "); kill -TERM \"$p\" 2>/dev/null; i=0; while kill -0 \"$p\" 2>/dev/null && "
           "[ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done; kill -KILL \"$p\" 2>/dev/null; "
           "a=$(cat " +
           shellQuote(l.agentPidFile()) + " 2>/dev/null); [ -n \"$a\" ] && kill -KILL \"$a\" " +
           "2>/dev/null; rm -f " + pid + " " + shellQuote(l.agentPidFile()) + "; fi; true";
}

} // namespace cox::bootstrap
