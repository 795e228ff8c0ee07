// IptablesBackend: which iptables the agent writes its rules with - legacy (x_tables) or
// iptables-nft. Both work, and packets pass through both, but a host should keep its rules in
// one of them: an ACCEPT in one cannot overrule a DROP policy (Docker's FORWARD) in the other.
// "auto" follows kubernetes-sigs/iptables-wrapper: the backend already holding our chains (an
// agent restart), else the one holding more of the host's rules (Docker, a firewall), and on a
// host with no rules at all legacy when the kernel has x_tables, because restoring 1,000
// services is 3-15x slower with iptables-nft (7.6 s against 2.2 s at load 7, 156 s against
// 10.7 s under heavy load). A kernel with nf_tables only (legacy cannot open its tables) gets nft.
#pragma once

#include "common/result.h"
#include "network/command_runner.h"
#include "network/iptables_applier.h"

#include <string>

namespace cox::agent::network {

struct IptablesChoice {
    IptablesTools tools;
    std::string name;   // "legacy" or "nft"
    std::string reason; // why (logged at start)
};

class IptablesBackend {
public:
    // `mode`: "auto", "legacy" or "nft". Errors: an unknown mode, or no usable backend.
    static Result<IptablesChoice> choose(const CommandRunner &runner, const std::string &mode);

    // The choice from the facts (pure; tests call it). Rule counts are "-A" lines of *-save.
    struct Facts {
        bool legacyWorks = false;
        bool nftWorks = false;
        bool legacyHasOurs = false;
        bool nftHasOurs = false;
        size_t legacyRules = 0;
        size_t nftRules = 0;
    };
    static Result<IptablesChoice> decide(const Facts &facts);
};

} // namespace cox::agent::network
