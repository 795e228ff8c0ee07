// Deployments, ReplicaSets and HorizontalPodAutoscalers, as printDeployment, printReplicaSet and
// printHorizontalPodAutoscaler.
#include "printers/kind_printers.h"

#include <cctype>

namespace cox::printers {

namespace {

using model::Json;

const Json &podSpecOf(const Json &workload) {
    static const Json empty = Json::object();
    const Json *spec = at(workload, {"spec", "template", "spec"});
    return spec ? *spec : empty;
}

void appendWide(Row &row, const Json &workload) {
    std::string names, images;
    containerCells(podSpecOf(workload), names, images);
    row.cells.push_back(names);
    row.cells.push_back(images);
    row.cells.push_back(formatSelector(at(workload, {"spec", "selector"})));
}

std::vector<Column> wideColumns(const char *selectorDescription) {
    return {{"Containers", "string", "", "Names of each container in the template.", 1},
            {"Images", "string", "", "Images referenced by each container in the template.", 1},
            {"Selector", "string", "", selectorDescription, 1}};
}

Row deploymentRow(const Json &d, WallTime now) {
    Row row;
    std::int64_t desired = intAt(d, {"spec", "replicas"}, 1); // defaulting makes it 1
    row.cells = Json::array(
        {objectName(d),
         std::to_string(intAt(d, {"status", "readyReplicas"})) + "/" + std::to_string(desired),
         intAt(d, {"status", "updatedReplicas"}), intAt(d, {"status", "availableReplicas"}),
         objectAge(d, now)});
    appendWide(row, d);
    return row;
}

Row replicaSetRow(const Json &rs, WallTime now) {
    Row row;
    row.cells = Json::array({objectName(rs), intAt(rs, {"spec", "replicas"}, 1),
                             intAt(rs, {"status", "replicas"}),
                             intAt(rs, {"status", "readyReplicas"}), objectAge(rs, now)});
    appendWide(row, rs);
    return row;
}

std::string quantityText(const Json *q) {
    if (!q)
        return "<unknown>";
    return q->is_string() ? q->get<std::string>() : q->dump();
}

// One "cpu: 40%/80%" entry of the Targets cell for a Resource (or ContainerResource) metric.
std::string resourceTarget(const Json &source, const Json *current) {
    std::string name = stringAt(source, {"name"});
    const Json *averageValue = at(source, {"target", "averageValue"});
    if (averageValue) {
        std::string cur =
            current ? quantityText(at(*current, {"current", "averageValue"})) : "<unknown>";
        return name + ": " + cur + "/" + quantityText(averageValue);
    }
    std::string cur = "<unknown>";
    if (const Json *u = current ? at(*current, {"current", "averageUtilization"}) : nullptr)
        cur = u->dump() + "%";
    std::string target = "<auto>";
    if (const Json *u = at(source, {"target", "averageUtilization"}))
        target = u->dump() + "%";
    return name + ": " + cur + "/" + target;
}

// "<current>/<target>" for Pods, Object and External metrics; Object and External mark an
// average target with " (avg)".
std::string valueTarget(const Json &source, const Json *current, bool markAverage) {
    const char *field = at(source, {"target", "averageValue"}) ? "averageValue" : "value";
    std::string cur = current ? quantityText(at(*current, {"current", field})) : "<unknown>";
    std::string out = cur + "/" + quantityText(at(source, {"target", field}));
    if (markAverage && std::string_view(field) == "averageValue")
        out += " (avg)";
    return out;
}

std::string hpaTargets(const Json &hpa) {
    if (const Json *v1 = at(hpa, {"spec", "targetCPUUtilizationPercentage"})) {
        std::string cur = "<unknown>";
        if (const Json *c = at(hpa, {"status", "currentCPUUtilizationPercentage"}))
            cur = c->dump() + "%";
        return "cpu: " + cur + "/" + v1->dump() + "%";
    }
    const Json *metrics = at(hpa, {"spec", "metrics"});
    if (!metrics || !metrics->is_array() || metrics->empty())
        return "<none>";
    const Json *statuses = at(hpa, {"status", "currentMetrics"});
    std::vector<std::string> list;
    constexpr size_t max = 2;
    for (size_t i = 0; i < metrics->size() && list.size() < max; ++i) {
        const Json &spec = (*metrics)[i];
        std::string type = stringAt(spec, {"type"});
        std::string key =
            type.empty() ? "" : std::string(1, char(std::tolower(type[0]))) + type.substr(1);
        const Json *current = nullptr;
        if (statuses && statuses->is_array() && i < statuses->size())
            current = at((*statuses)[i], {key});
        const Json *source = at(spec, {key});
        if (!source)
            list.push_back("<unknown>");
        else if (type == "Resource" || type == "ContainerResource")
            list.push_back(resourceTarget(*source, current));
        else
            list.push_back(valueTarget(*source, current, type != "Pods"));
    }
    std::string out = join(list, ", ");
    if (metrics->size() > max)
        out += " + " + std::to_string(metrics->size() - max) + " more...";
    return out;
}

Row hpaRow(const Json &hpa, WallTime now) {
    Row row;
    const Json *minReplicas = at(hpa, {"spec", "minReplicas"});
    row.cells = Json::array({objectName(hpa),
                             stringAt(hpa, {"spec", "scaleTargetRef", "kind"}) + "/" +
                                 stringAt(hpa, {"spec", "scaleTargetRef", "name"}),
                             hpaTargets(hpa), minReplicas ? minReplicas->dump() : "<unset>",
                             intAt(hpa, {"spec", "maxReplicas"}),
                             intAt(hpa, {"status", "currentReplicas"}), objectAge(hpa, now)});
    return row;
}

} // namespace

KindPrinter deploymentPrinter() {
    std::vector<Column> columns = {
        nameColumn(),
        {"Ready", "string", "", "Number of the pod with ready state", 0},
        {"Up-to-date", "integer", "",
         "Total number of non-terminated pods targeted by this deployment that have the desired "
         "template spec.",
         0},
        {"Available", "integer", "",
         "Total number of available pods (ready for at least minReadySeconds) targeted by this "
         "deployment.",
         0},
        ageColumn()};
    for (auto &c : wideColumns("Label selector for pods. Existing ReplicaSets whose pods are "
                               "selected by this will be the ones affected by this deployment."))
        columns.push_back(std::move(c));
    return {std::move(columns), deploymentRow};
}

KindPrinter replicaSetPrinter() {
    std::vector<Column> columns = {
        nameColumn(),
        {"Desired", "integer", "", "Replicas is the number of desired replicas.", 0},
        {"Current", "integer", "", "Replicas is the most recently observed number of replicas.", 0},
        {"Ready", "integer", "", "The number of ready replicas for this replica set.", 0},
        ageColumn()};
    for (auto &c : wideColumns("Selector is a label query over pods that should match the "
                               "replica count."))
        columns.push_back(std::move(c));
    return {std::move(columns), replicaSetRow};
}

KindPrinter horizontalPodAutoscalerPrinter() {
    return {{nameColumn(),
             {"Reference", "string", "", "Reference to the scaled resource", 0},
             {"Targets", "string", "", "Current and target values of the scaling metrics", 0},
             {"MinPods", "string", "", "Lower limit for the number of pods", 0},
             {"MaxPods", "string", "", "Upper limit for the number of pods", 0},
             {"Replicas", "string", "", "Current number of replicas", 0},
             ageColumn()},
            hpaRow};
}

} // namespace cox::printers
