#include "network/iptables_backend.h"

#include <sstream>

namespace cox::agent::network {
namespace {

struct SaveCount {
    bool works = false;
    bool ours = false;
    size_t rules = 0;
};

// Runs `save` and counts rules; "works" means the program ran and could read its tables.
SaveCount inspect(const CommandRunner &runner, const IptablesTools &tools) {
    SaveCount out;
    auto probe = runner.run({tools.iptables, "-w", "5", "-t", "nat", "-S", "POSTROUTING"});
    if (!probe || probe->exitCode != 0)
        return out;
    out.works = true;
    auto saved = runner.run({tools.save});
    if (!saved || saved->exitCode != 0)
        return out;
    std::istringstream lines(saved->out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(":COX-", 0) == 0)
            out.ours = true;
        else if (line.rfind("-A ", 0) == 0 && line.find("COX-") == std::string::npos)
            ++out.rules;
    }
    return out;
}

IptablesChoice pick(bool legacy, std::string reason) {
    return legacy ? IptablesChoice{IptablesTools::legacy(), "legacy", std::move(reason)}
                  : IptablesChoice{IptablesTools::nft(), "nft", std::move(reason)};
}

} // namespace

Result<IptablesChoice> IptablesBackend::decide(const Facts &f) {
    if (!f.legacyWorks && !f.nftWorks)
        return Status(StatusCode::Unavailable,
                      "neither iptables-legacy nor iptables-nft can read the nat table "
                      "(apt-get install iptables; root needed)");
    if (!f.legacyWorks)
        return pick(false, "iptables-legacy cannot open the kernel's tables");
    if (!f.nftWorks)
        return pick(true, "iptables-nft cannot open the kernel's tables");
    if (f.legacyHasOurs != f.nftHasOurs)
        return pick(f.legacyHasOurs, "our chains are already there");
    if (f.legacyRules != f.nftRules)
        return pick(f.legacyRules > f.nftRules, "it holds more of this host's rules (" +
                                                    std::to_string(f.legacyRules) + " legacy, " +
                                                    std::to_string(f.nftRules) + " nft)");
    return pick(true, "no host rules in either; legacy restores large rule sets much faster");
}

Result<IptablesChoice> IptablesBackend::choose(const CommandRunner &runner,
                                               const std::string &mode) {
    if (mode == "legacy")
        return pick(true, "configured");
    if (mode == "nft")
        return pick(false, "configured");
    if (mode != "auto")
        return Status(StatusCode::BadRequest,
                      "iptables backend must be auto, legacy or nft (got \"" + mode + "\")");
    SaveCount legacy = inspect(runner, IptablesTools::legacy());
    SaveCount nft = inspect(runner, IptablesTools::nft());
    return decide({legacy.works, nft.works, legacy.ours, nft.ours, legacy.rules, nft.rules});
}

} // namespace cox::agent::network
