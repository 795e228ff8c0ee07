#include "printers/table_printer.h"

#include "printers/kind_printers.h"

#include <map>
#include <utility>

namespace cox::printers {

namespace {

using model::Json;

using PrinterKey = std::pair<std::string, std::string>; // group, plural

const std::map<PrinterKey, KindPrinter> &printers() {
    static const std::map<PrinterKey, KindPrinter> all = {
        {{"", "pods"}, podPrinter()},
        {{"", "nodes"}, nodePrinter()},
        {{"", "namespaces"}, namespacePrinter()},
        {{"", "services"}, servicePrinter()},
        {{"", "endpoints"}, endpointsPrinter()},
        {{"", "events"}, eventPrinter()},
        {{"", "configmaps"}, configMapPrinter()},
        {{"", "secrets"}, secretPrinter()},
        {{"apps", "deployments"}, deploymentPrinter()},
        {{"apps", "replicasets"}, replicaSetPrinter()},
        {{"coordination.k8s.io", "leases"}, leasePrinter()},
        {{"autoscaling", "horizontalpodautoscalers"}, horizontalPodAutoscalerPrinter()},
    };
    return all;
}

const KindPrinter &printerFor(const model::ResourceType &type) {
    static const KindPrinter fallback = genericPrinter();
    auto it = printers().find({type.group, type.plural});
    return it == printers().end() ? fallback : it->second;
}

Json columnsJson(const KindPrinter &printer) {
    Json out = Json::array();
    for (const auto &c : printer.columns)
        out.push_back({{"name", c.name},
                       {"type", c.type},
                       {"format", c.format},
                       {"description", c.description},
                       {"priority", c.priority}});
    return out;
}

Json partialObjectMetadata(const Json &object) {
    auto it = object.find("metadata");
    return {{"kind", "PartialObjectMetadata"},
            {"apiVersion", "meta.k8s.io/v1"},
            {"metadata", it != object.end() ? *it : Json::object()}};
}

} // namespace

Json columnDefinitions(const model::ResourceType &type) {
    return columnsJson(printerFor(type));
}

Json toTable(const model::ResourceType &type, const std::vector<const Json *> &objects,
             const TableOptions &opts) {
    const KindPrinter &printer = printerFor(type);
    Json rows = Json::array();
    for (const Json *object : objects) {
        Row row = printer.row(*object, opts.now);
        Json out = {{"cells", std::move(row.cells)}};
        if (!row.conditions.is_null())
            out["conditions"] = std::move(row.conditions);
        if (opts.includeObject)
            out["object"] = partialObjectMetadata(*object);
        rows.push_back(std::move(out));
    }
    return {{"kind", "Table"},
            {"apiVersion", "meta.k8s.io/v1"},
            {"metadata", Json::object()},
            {"columnDefinitions", columnsJson(printer)},
            {"rows", std::move(rows)}};
}

} // namespace cox::printers
