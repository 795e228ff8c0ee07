#include "network/masquerade_rules.h"

#include <cstdio>

namespace cox::agent::network {
namespace {

std::string hexMark(uint32_t mark) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%x", mark);
    return text;
}

} // namespace

IptablesRuleSet MasqueradeRules::build(const MasqueradeConfig &config) {
    IptablesRuleSet set;
    std::string egress = kEgressChain;
    std::string mark = hexMark(config.masqueradeMark);
    auto &nat = set.table("nat");
    nat.chains = {egress};
    nat.rules = {
        "-A " + egress + " -m mark --mark " + mark + "/" + mark + " -j RETURN",
        "-A " + egress + " ! -s " + config.podCidr + " -j RETURN",
        "-A " + egress + " -d " + config.clusterCidr + " -j ACCEPT",
        "-A " + egress + " -m addrtype --dst-type LOCAL -j ACCEPT",
        "-A " + egress + " -j MASQUERADE",
    };
    std::string forward = kForwardChain;
    auto &filter = set.table("filter");
    filter.chains = {forward};
    filter.rules = {
        "-A " + forward + " -s " + config.clusterCidr + " -j ACCEPT",
        "-A " + forward + " -d " + config.clusterCidr + " -j ACCEPT",
    };
    set.jumps = {
        ChainJump{"nat", "POSTROUTING", {}, egress},
        ChainJump{"filter", "FORWARD", {}, forward},
    };
    return set;
}

std::vector<std::string> MasqueradeRules::ownedChains() {
    return {kEgressChain, kForwardChain};
}

} // namespace cox::agent::network
