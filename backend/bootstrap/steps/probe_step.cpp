#include "bootstrap/steps/probe_step.h"

#include <algorithm>
#include <cctype>

namespace cox::bootstrap {
namespace {

constexpr int64_t kMinimumFreeMb = 200; // the agent, its images and logs need room

std::string lowerCase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

} // namespace

bool isValidNodeName(const std::string &name) {
    if (name.empty() || name.size() > 253)
        return false;
    for (char ch : name)
        if (!(std::islower(static_cast<unsigned char>(ch)) ||
              std::isdigit(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.'))
            return false;
    return std::isalnum(static_cast<unsigned char>(name.front())) &&
           std::isalnum(static_cast<unsigned char>(name.back()));
}

StepResult ProbeStep::run(StepContext &c) {
    auto r = c.runChecked(MachineFacts::probeScript(c.machine.layout));
    if (!r)
        return StepResult::failed(r.status().code(),
                                  "probing the machine failed: " + r.status().message(),
                                  "check that /bin/sh and coreutils work on the machine");
    c.facts = MachineFacts::parse(r->out);
    c.result.facts = c.facts;
    c.message(c.facts.summary());
    if (c.facts.goArch.empty())
        return StepResult::failed(StatusCode::BadRequest,
                                  "architecture " + c.facts.arch + " is not supported",
                                  "use an x86_64 (amd64) or aarch64 (arm64) machine");
    if (c.facts.diskFreeMb >= 0 && c.facts.diskFreeMb < kMinimumFreeMb)
        return StepResult::failed(StatusCode::BadRequest,
                                  "only " + std::to_string(c.facts.diskFreeMb) + " MB free for " +
                                      c.machine.layout.dataDir,
                                  "free at least " + std::to_string(kMinimumFreeMb) + " MB");
    c.nodeName = c.machine.nodeName.empty() ? lowerCase(c.facts.hostname) : c.machine.nodeName;
    c.result.nodeName = c.nodeName;
    if (!isValidNodeName(c.nodeName))
        return StepResult::failed(StatusCode::BadRequest,
                                  "\"" + c.nodeName + "\" is not a valid node name",
                                  "give a node name of lower-case letters, digits, '-' and '.'");
    if (!c.facts.portsInUse.empty() && !c.facts.agentRunning)
        c.message("warning: port(s) in use by something else:" + [&] {
            std::string s;
            for (const auto &p : c.facts.portsInUse)
                s += " " + p;
            return s;
        }());
    return StepResult::done("node name " + c.nodeName);
}

} // namespace cox::bootstrap
