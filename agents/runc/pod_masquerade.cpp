#include "runc/pod_masquerade.h"

#include "runc/subprocess.h"

namespace cox::agent::runc {
namespace {

constexpr std::chrono::seconds kTimeout{30};

Result<ProcessOutput> iptables(std::vector<std::string> args) {
    args.insert(args.begin(), {"iptables", "-w", "-t", "nat"});
    return Subprocess::run(args, Subprocess::currentEnvironment(), "", kTimeout);
}

Status mustSucceed(std::vector<std::string> args) {
    auto run = iptables(args);
    if (!run)
        return run.status();
    if (run->exitCode != 0)
        return Status(StatusCode::Internal,
                      "iptables " + args[0] + " " + args[1] + ": " + run->err);
    return Status::ok();
}

} // namespace

PodMasquerade::PodMasquerade(std::string bridge, std::string podCidr)
    : m_podCidr(std::move(podCidr))
    , m_chain("COX-MASQ-" + bridge) {}

std::vector<std::string> PodMasquerade::jumpRule(const char *op) const {
    return {op,          "POSTROUTING",         "-s", m_podCidr, "-m", "comment",
            "--comment", "coxswain pod egress", "-j", m_chain};
}

Status PodMasquerade::ensure() const {
    (void)iptables({"-N", m_chain}); // fails when it exists, which is fine: flushed next
    if (Status s = mustSucceed({"-F", m_chain}); !s)
        return s;
    if (Status s = mustSucceed({"-A", m_chain, "-d", m_podCidr, "-j", "ACCEPT"}); !s)
        return s;
    if (Status s = mustSucceed({"-A", m_chain, "!", "-d", "224.0.0.0/4", "-j", "MASQUERADE"}); !s)
        return s;
    auto check = iptables(jumpRule("-C"));
    if (check && check->exitCode == 0)
        return Status::ok();
    return mustSucceed(jumpRule("-A"));
}

Status PodMasquerade::remove() const {
    for (int i = 0; i < 10; ++i) { // a jump added twice by hand is removed too, boundedly
        auto deleted = iptables(jumpRule("-D"));
        if (!deleted || deleted->exitCode != 0)
            break;
    }
    (void)iptables({"-F", m_chain});
    auto removed = iptables({"-X", m_chain});
    if (!removed)
        return removed.status();
    auto listed = iptables({"-S", m_chain});
    if (listed && listed->exitCode == 0)
        return Status(StatusCode::Internal, "iptables chain " + m_chain + " is still there");
    return Status::ok();
}

} // namespace cox::agent::runc
