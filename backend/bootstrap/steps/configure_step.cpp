#include "bootstrap/steps/configure_step.h"

#include "bootstrap/service_files.h"
#include "bootstrap/shell_quote.h"

#include <nlohmann/json.hpp>

namespace cox::bootstrap {

std::string ConfigureStep::agentConfig(const MachineSpec &m) {
    nlohmann::json config = {{"cniBinDir", m.layout.cniBinDir}};
    if (!m.labels.empty())
        config["labels"] = m.labels;
    return config.dump(2) + "\n";
}

StepResult ConfigureStep::run(StepContext &c) {
    const InstallLayout &l = c.machine.layout;
    if (c.options.cluster.joinToken.empty())
        return StepResult::failed(StatusCode::BadRequest, "no join token",
                                  "create one with `coxswain-master token create`");
    if (auto r = c.runChecked("mkdir -p " + shellQuote(l.configDir) + " && mkdir -p -m 0700 " +
                              shellQuote(l.dataDir));
        !r)
        return StepResult::failed(r.status().code(), r.status().message(),
                                  "check that the machine's disk is writable");
    AgentLaunch launch{c.agentServerUrl, c.nodeName, c.options.runtime};
    const std::pair<std::string, std::pair<std::string, int>> files[] = {
        {l.configFile(), {agentConfig(c.machine), 0644}},
        {l.tokenFile(), {c.options.cluster.joinToken + "\n", 0600}},
        {l.launcherScript(), {ServiceFiles::launcher(l, launch), 0700}},
    };
    int changed = 0;
    for (const auto &[path, body] : files) {
        auto r = c.writeFile(path, body.first, body.second);
        if (!r)
            return StepResult::failed(r.status().code(), r.status().message(),
                                      "check free space and permissions of " + l.configDir);
        changed += *r ? 1 : 0;
    }
    c.configChanged = changed > 0;
    if (!c.configChanged)
        return StepResult::skipped("configuration unchanged");
    return StepResult::done("wrote " + std::to_string(changed) + " file(s) in " + l.configDir);
}

} // namespace cox::bootstrap
