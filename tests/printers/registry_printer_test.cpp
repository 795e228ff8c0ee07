// Every served resource type (model/resource_type.h) gets a table whose rows match its columns,
// and the Kubernetes kinds get their own printer rather than the Name/Age fallback.
#include "model/resource_type.h"
#include "printers/table_printer.h"

#include <gtest/gtest.h>

#include <set>

namespace cox::printers {
namespace {

using model::Json;

TEST(RegistryPrinterTest, ServedKindsHaveTheirOwnColumns) {
    const std::set<std::string> ownPrinter = {
        "pods",        "nodes",       "namespaces", "services",
        "endpoints",   "events",      "configmaps", "secrets",
        "deployments", "replicasets", "leases",     "horizontalpodautoscalers"};
    std::set<std::string> seen;
    Json object = {{"metadata", {{"name", "x"}, {"creationTimestamp", "2023-11-14T22:13:20Z"}}}};
    for (const model::ResourceType *type : model::resourceTypes()) {
        Json table = toTable(*type, {&object}, {WallTime(std::chrono::seconds(1'700'000'060))});
        const Json &columns = table["columnDefinitions"];
        EXPECT_EQ(table["rows"][0]["cells"].size(), columns.size()) << type->plural;
        if (!ownPrinter.count(type->plural))
            continue;
        seen.insert(type->plural);
        EXPECT_GT(columns.size(), 2u) << type->group << "/" << type->plural;
    }
    EXPECT_EQ(seen, ownPrinter);
}

} // namespace
} // namespace cox::printers
