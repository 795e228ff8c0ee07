#include "bootstrap/steps/prerequisites_step.h"

#include "bootstrap/shell_quote.h"

#include <algorithm>

namespace cox::bootstrap {
namespace {

std::string joined(const std::vector<std::string> &items, const std::string &sep) {
    std::string out;
    for (const auto &i : items)
        out += (out.empty() ? "" : sep) + i;
    return out;
}

std::string installCommand(const std::string &manager, const std::vector<std::string> &pkgs) {
    std::string list;
    for (const auto &p : pkgs)
        list += " " + shellQuote(p);
    if (manager == "apt-get")
        return "DEBIAN_FRONTEND=noninteractive apt-get update -q && "
               "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends" +
               list;
    if (manager == "zypper")
        return "zypper --non-interactive install" + list;
    return manager + " install -y" + list; // dnf, yum
}

} // namespace

std::vector<std::string> PrerequisitesStep::missing(const MachineFacts &f,
                                                    const std::string &runtime) {
    std::vector<std::string> out;
    if (!f.sha256sum)
        out.push_back("sha256sum");
    if (!f.systemd && !f.setsid)
        out.push_back("setsid");
    if (runtime == "runc") {
        if (!f.runc)
            out.push_back("runc");
        if (!f.iptables)
            out.push_back("iptables");
        for (const auto &p : f.missingCniPlugins)
            out.push_back("CNI plugin " + p);
    }
    return out;
}

std::vector<std::string> PrerequisitesStep::packagesFor(const std::vector<std::string> &missing,
                                                        const std::string &manager) {
    std::vector<std::string> pkgs;
    auto add = [&](const std::string &p) {
        if (std::find(pkgs.begin(), pkgs.end(), p) == pkgs.end())
            pkgs.push_back(p);
    };
    for (const auto &m : missing) {
        if (m == "sha256sum")
            add("coreutils");
        else if (m == "setsid")
            add("util-linux");
        else if (m == "runc" || m == "iptables")
            add(m);
        else if (m.rfind("CNI plugin", 0) == 0)
            add(manager == "zypper" ? "cni-plugins" : "containernetworking-plugins");
    }
    return pkgs;
}

StepResult PrerequisitesStep::run(StepContext &c) {
    auto need = missing(c.facts, c.options.runtime);
    if (need.empty())
        return StepResult::skipped("everything the agent needs is present");
    const auto pkgs = packagesFor(need, c.facts.packageManager);
    const std::string hint = c.facts.packageManager.empty()
                                 ? "install them with the machine's package manager"
                                 : "run `" + installCommand(c.facts.packageManager, pkgs) +
                                       "` on the machine, or allow installing prerequisites";
    if (!c.options.installPrerequisites || c.facts.packageManager.empty())
        return StepResult::failed(StatusCode::BadRequest, "missing: " + joined(need, ", "), hint);
    c.message("installing " + joined(pkgs, " ") + " with " + c.facts.packageManager);
    if (auto r = c.runChecked(installCommand(c.facts.packageManager, pkgs)); !r)
        return StepResult::failed(r.status().code(),
                                  "installing prerequisites failed: " + r.status().message(), hint);
    auto again = c.runChecked(MachineFacts::probeScript(c.machine.layout));
    if (!again)
        return StepResult::failed(again.status().code(), again.status().message(), hint);
    c.facts = MachineFacts::parse(again->out);
    if (auto still = missing(c.facts, c.options.runtime); !still.empty())
        return StepResult::failed(StatusCode::BadRequest,
                                  "still missing after the install: " + joined(still, ", "), hint);
    return StepResult::done("installed " + joined(pkgs, " "));
}

} // namespace cox::bootstrap
