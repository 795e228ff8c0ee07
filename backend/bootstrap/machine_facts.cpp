#include "bootstrap/machine_facts.h"

#include "bootstrap/shell_quote.h"

#include <charconv>
#include <sstream>

namespace cox::bootstrap {
namespace {

std::vector<std::string> words(const std::string &text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

int64_t toNumber(const std::string &text) {
    int64_t n = -1;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    return ec == std::errc() ? n : -1;
}

std::string goArchOf(const std::string &arch) {
    if (arch == "x86_64" || arch == "amd64")
        return "amd64";
    if (arch == "aarch64" || arch == "arm64")
        return "arm64";
    return {};
}

} // namespace

std::string MachineFacts::probeScript(const InstallLayout &l) {
    const std::string bin = shellQuote(l.binaryPath());
    return "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH\n"
           "has() { command -v \"$1\" >/dev/null 2>&1 && echo yes || echo no; }\n"
           "echo arch=$(uname -m)\n"
           "echo kernel=$(uname -r)\n"
           "echo hostname=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname)\n"
           "[ -r /etc/os-release ] && . /etc/os-release && echo \"os=$PRETTY_NAME\" && "
           "echo \"os_id=$ID\"\n"
           "echo \"libc=$(ldd --version 2>&1 | head -n1)\"\n"
           "[ -d /run/systemd/system ] && echo systemd=yes || echo systemd=no\n"
           "t=$(stat -fc %T /sys/fs/cgroup 2>/dev/null)\n"
           "if [ \"$t\" = cgroup2fs ]; then echo cgroup=v2; "
           "elif [ -d /sys/fs/cgroup/unified ]; then echo cgroup=hybrid; else echo cgroup=v1; fi\n"
           "d=" +
           shellQuote(l.dataDir) +
           "; while [ ! -d \"$d\" ]; do d=$(dirname \"$d\"); done\n"
           "echo disk_free_mb=$(df -Pm \"$d\" | awk 'NR==2 {print $4}')\n"
           "for p in apt-get dnf yum zypper; do command -v $p >/dev/null 2>&1 && "
           "{ echo package_manager=$p; break; }; done\n"
           "echo runc=$(has runc) iptables=$(has iptables) docker=$(has docker) "
           "sha256sum=$(has sha256sum) setsid=$(has setsid)\n"
           "m=; for p in bridge host-local loopback portmap; do [ -x " +
           shellQuote(l.cniBinDir) +
           "/$p ] || m=\"$m $p\"; done; echo \"missing_cni=$m\"\n"
           "u=; for port in 10250; do (ss -ltnH 2>/dev/null || netstat -ltn 2>/dev/null) | "
           "grep -q \":$port \" && u=\"$u $port\"; done; echo \"ports_in_use=$u\"\n"
           "if [ -x " +
           bin + " ]; then echo \"agent_version=$(" + bin +
           " --version 2>/dev/null | head -n1)\"; echo agent_sha256=$(sha256sum " + bin +
           " | cut -d' ' -f1); fi\n"
           "p=" +
           shellQuote(l.agentPidFile()) +
           "; if [ -s \"$p\" ] && kill -0 \"$(cat \"$p\")\" 2>/dev/null; then "
           "echo agent_running=yes; elif command -v systemctl >/dev/null 2>&1 && "
           "systemctl is-active --quiet " +
           shellQuote(l.serviceName) +
           " 2>/dev/null; then echo agent_running=yes; fi\n"
           "true\n";
}

MachineFacts MachineFacts::parse(const std::string &output) {
    MachineFacts f;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        // One line may carry several "k=yes" pairs (the tool checks).
        if (line.rfind("runc=", 0) == 0) {
            for (const auto &pair : words(line)) {
                const auto eq = pair.find('=');
                const bool yes = pair.substr(eq + 1) == "yes";
                const std::string key = pair.substr(0, eq);
                (key == "runc"        ? f.runc
                 : key == "iptables"  ? f.iptables
                 : key == "docker"    ? f.docker
                 : key == "sha256sum" ? f.sha256sum
                                      : f.setsid) = yes;
            }
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "arch")
            f.arch = value;
        else if (key == "kernel")
            f.kernel = value;
        else if (key == "hostname")
            f.hostname = value;
        else if (key == "os")
            f.os = value;
        else if (key == "os_id")
            f.osId = value;
        else if (key == "libc")
            f.libc = value;
        else if (key == "systemd")
            f.systemd = value == "yes";
        else if (key == "cgroup")
            f.cgroup = value;
        else if (key == "disk_free_mb")
            f.diskFreeMb = toNumber(value);
        else if (key == "package_manager")
            f.packageManager = value;
        else if (key == "missing_cni")
            f.missingCniPlugins = words(value);
        else if (key == "ports_in_use")
            f.portsInUse = words(value);
        else if (key == "agent_version")
            f.agentVersion = value;
        else if (key == "agent_sha256")
            f.agentSha256 = value;
        else if (key == "agent_running")
            f.agentRunning = value == "yes";
    }
    f.goArch = goArchOf(f.arch);
    return f;
}

std::string MachineFacts::summary() const {
    std::string s = (os.empty() ? "unknown OS" : os) + ", " + arch + ", kernel " + kernel + ", " +
                    (systemd ? "systemd" : "no systemd") + ", cgroup " + cgroup;
    if (diskFreeMb >= 0)
        s += ", " + std::to_string(diskFreeMb) + " MB free";
    s += agentVersion.empty() ? ", no agent installed" : ", agent installed: " + agentVersion;
    return s;
}

} // namespace cox::bootstrap
