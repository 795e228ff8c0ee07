#include "bootstrap/steps/delete_node_step.h"

namespace cox::bootstrap {

StepResult DeleteNodeStep::run(StepContext &c) {
    if (Status s = c.api->deleteNode(c.nodeName); !s)
        return StepResult::failed(s.code(), s.message(), "check that the control plane is up");
    return StepResult::done("Node " + c.nodeName + " deleted");
}

} // namespace cox::bootstrap
