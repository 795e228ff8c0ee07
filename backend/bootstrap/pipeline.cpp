#include "bootstrap/pipeline.h"

#include "bootstrap/steps/authenticate_step.h"
#include "bootstrap/steps/configure_step.h"
#include "bootstrap/steps/connect_step.h"
#include "bootstrap/steps/control_plane_step.h"
#include "bootstrap/steps/delete_node_step.h"
#include "bootstrap/steps/drain_step.h"
#include "bootstrap/steps/host_key_step.h"
#include "bootstrap/steps/prerequisites_step.h"
#include "bootstrap/steps/privilege_step.h"
#include "bootstrap/steps/probe_step.h"
#include "bootstrap/steps/ready_step.h"
#include "bootstrap/steps/remove_files_step.h"
#include "bootstrap/steps/service_step.h"
#include "bootstrap/steps/stop_service_step.h"
#include "bootstrap/steps/upload_step.h"
#include "common/log.h"

namespace cox::bootstrap {
namespace {

// The steps every run starts with: reach the machine, trust it, log in, become root, look.
void addAccessSteps(std::vector<std::unique_ptr<Step>> &steps) {
    steps.push_back(std::make_unique<ConnectStep>());
    steps.push_back(std::make_unique<HostKeyStep>());
    steps.push_back(std::make_unique<AuthenticateStep>());
    steps.push_back(std::make_unique<PrivilegeStep>());
    steps.push_back(std::make_unique<ProbeStep>());
}

} // namespace

std::vector<std::unique_ptr<Step>> Pipeline::addSteps() {
    std::vector<std::unique_ptr<Step>> steps;
    addAccessSteps(steps);
    steps.push_back(std::make_unique<PrerequisitesStep>());
    steps.push_back(std::make_unique<ControlPlaneStep>());
    steps.push_back(std::make_unique<UploadStep>());
    steps.push_back(std::make_unique<ConfigureStep>());
    steps.push_back(std::make_unique<ServiceStep>());
    steps.push_back(std::make_unique<ReadyStep>());
    return steps;
}

std::vector<std::unique_ptr<Step>> Pipeline::removeSteps() {
    std::vector<std::unique_ptr<Step>> steps;
    addAccessSteps(steps);
    steps.push_back(std::make_unique<ControlPlaneStep>());
    steps.push_back(std::make_unique<DrainStep>());
    steps.push_back(std::make_unique<StopServiceStep>());
    steps.push_back(std::make_unique<RemoveFilesStep>());
    steps.push_back(std::make_unique<DeleteNodeStep>());
    return steps;
}

MachineResult Pipeline::add(const MachineSpec &machine, const BootstrapOptions &options,
                            const CancelToken &cancel) {
    return run(addSteps(), machine, options, cancel);
}

MachineResult Pipeline::remove(const MachineSpec &machine, const BootstrapOptions &options,
                               const CancelToken &cancel) {
    return run(removeSteps(), machine, options, cancel);
}

MachineResult Pipeline::run(const std::vector<std::unique_ptr<Step>> &steps,
                            const MachineSpec &machine, const BootstrapOptions &options,
                            const CancelToken &cancel) {
    const auto started = std::chrono::steady_clock::now();
    StepContext c(machine, options, cancel);
    c.result.host = machine.host;
    c.result.nodeName = machine.nodeName;
    for (const auto &step : steps) {
        c.currentStep = step->name();
        if (cancel.cancelled()) {
            c.result.failedStep = c.currentStep;
            c.result.cancelled = true;
            break;
        }
        c.report(ProgressKind::StepStarted, {});
        StepResult r = step->run(c);
        if (r.isFailed()) {
            c.result.failedStep = c.currentStep;
            c.result.cancelled = cancel.cancelled();
            c.result.cause = r.text();
            c.result.remedy = r.remedy();
            c.report(ProgressKind::StepFailed, c.result.status().message());
            COX_LOG(Warn, "bootstrap") << c.result.status().message();
            break;
        }
        c.report(r.isSkipped() ? ProgressKind::StepSkipped : ProgressKind::StepDone, r.text());
    }
    c.result.ok = c.result.failedStep.empty();
    c.result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return c.result;
}

} // namespace cox::bootstrap
