#include "bootstrap/steps/remove_files_step.h"

#include "bootstrap/shell_quote.h"

namespace cox::bootstrap {

StepResult RemoveFilesStep::run(StepContext &c) {
    const InstallLayout &l = c.machine.layout;
    std::string script = "rm -f";
    for (const auto &path :
         {l.binaryPath(), l.configFile(), l.tokenFile(), l.launcherScript(), l.supervisorScript()})
        script += " " + shellQuote(path);
    script += "; rmdir " + shellQuote(l.configDir) + " 2>/dev/null; true";
    if (c.options.removeData)
        script += "; rm -rf " + shellQuote(l.dataDir) + " " + shellQuote(l.logFile);
    if (auto r = c.runChecked(script); !r)
        return StepResult::failed(r.status().code(), r.status().message(),
                                  "remove the files by hand");
    return StepResult::done(c.options.removeData ? "agent and its data removed"
                                                 : "agent removed; data kept in " + l.dataDir);
}

} // namespace cox::bootstrap
