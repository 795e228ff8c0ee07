// The Table envelope, each kind's columns as Kubernetes names them, and the computed cells of
// nodes, services, endpoints, workloads, events and the rest.
#include "printer_test_util.h"

#include <gtest/gtest.h>

namespace cox::printers {
namespace {

using model::Json;
using namespace std::chrono;
using testing::ago;
using testing::cellsOf;
using testing::columnNames;
using Names = std::vector<std::string>;

Json meta(const char *name, seconds age = minutes(5)) {
    return {{"name", name},
            {"namespace", "default"},
            {"creationTimestamp", ago(age)},
            {"resourceVersion", "42"},
            {"uid", "u-1"}};
}

TEST(TablePrinterTest, EnvelopeAndPartialObjectMetadata) {
    Json cm = {{"kind", "ConfigMap"}, {"metadata", meta("cfg")}, {"data", {{"a", "1"}}}};
    Json table = toTable(testing::typeFor("", "configmaps"), {&cm}, {testing::testNow(), true});
    EXPECT_EQ(table["kind"], "Table");
    EXPECT_EQ(table["apiVersion"], "meta.k8s.io/v1");
    EXPECT_TRUE(table["metadata"].is_object());
    ASSERT_EQ(table["rows"].size(), 1u);
    const Json &object = table["rows"][0]["object"];
    EXPECT_EQ(object["kind"], "PartialObjectMetadata");
    EXPECT_EQ(object["apiVersion"], "meta.k8s.io/v1");
    EXPECT_EQ(object["metadata"], cm["metadata"]);
    EXPECT_FALSE(object.contains("data"));
    const Json &name = table["columnDefinitions"][0];
    EXPECT_EQ(name["name"], "Name");
    EXPECT_EQ(name["type"], "string");
    EXPECT_EQ(name["format"], "name");
    EXPECT_EQ(name["priority"], 0);
    EXPECT_FALSE(name["description"].get<std::string>().empty());

    Json bare = toTable(testing::typeFor("", "configmaps"), {&cm}, {testing::testNow(), false});
    EXPECT_FALSE(bare["rows"][0].contains("object"));
    Json empty = toTable(testing::typeFor("", "configmaps"), {}, {testing::testNow(), true});
    EXPECT_TRUE(empty["rows"].is_array());
    EXPECT_TRUE(empty["rows"].empty());
}

TEST(TablePrinterTest, EveryRowHasACellPerColumn) {
    Json object = {{"metadata", meta("x")}};
    const std::pair<const char *, const char *> kinds[] = {
        {"", "pods"},
        {"", "nodes"},
        {"", "namespaces"},
        {"", "services"},
        {"", "endpoints"},
        {"", "events"},
        {"", "configmaps"},
        {"", "secrets"},
        {"apps", "deployments"},
        {"apps", "replicasets"},
        {"coordination.k8s.io", "leases"},
        {"autoscaling", "horizontalpodautoscalers"},
        {"example.io", "widgets"}};
    for (const auto &[group, plural] : kinds) {
        Json table =
            toTable(testing::typeFor(group, plural), {&object}, {testing::testNow(), true});
        EXPECT_EQ(table["rows"][0]["cells"].size(), table["columnDefinitions"].size()) << plural;
    }
}

TEST(TablePrinterTest, ColumnsAsKubernetesNamesThem) {
    EXPECT_EQ(columnNames("", "pods"), (Names{"Name", "Ready", "Status", "Restarts", "Age", "IP",
                                              "Node", "Nominated Node", "Readiness Gates"}));
    EXPECT_EQ(columnNames("", "nodes"),
              (Names{"Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP",
                     "OS-Image", "Kernel-Version", "Container-Runtime"}));
    EXPECT_EQ(columnNames("", "namespaces"), (Names{"Name", "Status", "Age"}));
    EXPECT_EQ(columnNames("apps", "deployments"),
              (Names{"Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images",
                     "Selector"}));
    EXPECT_EQ(
        columnNames("apps", "replicasets"),
        (Names{"Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"}));
    EXPECT_EQ(columnNames("", "services"),
              (Names{"Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"}));
    EXPECT_EQ(columnNames("", "endpoints"), (Names{"Name", "Endpoints", "Age"}));
    EXPECT_EQ(columnNames("", "events"),
              (Names{"Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message",
                     "First Seen", "Count", "Name"}));
    EXPECT_EQ(columnNames("", "configmaps"), (Names{"Name", "Data", "Age"}));
    EXPECT_EQ(columnNames("", "secrets"), (Names{"Name", "Type", "Data", "Age"}));
    EXPECT_EQ(columnNames("coordination.k8s.io", "leases"), (Names{"Name", "Holder", "Age"}));
    EXPECT_EQ(columnNames("autoscaling", "horizontalpodautoscalers"),
              (Names{"Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"}));
    EXPECT_EQ(columnNames("example.io", "widgets"), (Names{"Name", "Age"}));
    // The same plural in another group is not a core kind.
    EXPECT_EQ(columnNames("example.io", "pods"), (Names{"Name", "Age"}));
}

TEST(TablePrinterTest, WideColumnsHavePriorityOne) {
    Json pods = columnDefinitions(testing::typeFor("", "pods"));
    EXPECT_EQ(pods[4]["priority"], 0); // Age
    EXPECT_EQ(pods[5]["priority"], 1); // IP
    Json deployments = columnDefinitions(testing::typeFor("apps", "deployments"));
    EXPECT_EQ(deployments[2]["type"], "integer");
    EXPECT_EQ(deployments[7]["priority"], 1);
}

Json node(Json conditions, bool unschedulable = false) {
    return {{"metadata",
             {{"name", "n1"},
              {"creationTimestamp", ago(hours(51))},
              {"labels",
               {{"node-role.kubernetes.io/control-plane", ""},
                {"node-role.kubernetes.io/worker", "true"},
                {"kubernetes.io/hostname", "n1"}}}}},
            {"spec", {{"unschedulable", unschedulable}}},
            {"status",
             {{"conditions", std::move(conditions)},
              {"addresses", Json::array({{{"type", "InternalIP"}, {"address", "10.0.0.4"}},
                                         {{"type", "Hostname"}, {"address", "n1"}}})},
              {"nodeInfo",
               {{"kubeletVersion", "v1.32.0-cox"},
                {"osImage", "Debian GNU/Linux 12 (bookworm)"},
                {"kernelVersion", "6.1.0"},
                {"containerRuntimeVersion", "runc://1.1.5"}}}}}};
}

TEST(TablePrinterTest, NodeStatusRolesAndInfo) {
    Json ready = Json::array({{{"type", "MemoryPressure"}, {"status", "False"}},
                              {{"type", "Ready"}, {"status", "True"}}});
    Json cells = cellsOf("", "nodes", node(ready));
    EXPECT_EQ(cells, Json::parse(R"x(["n1","Ready","control-plane,worker","2d3h","v1.32.0-cox",
        "10.0.0.4","<none>","Debian GNU/Linux 12 (bookworm)","6.1.0","runc://1.1.5"])x"));
    EXPECT_EQ(cellsOf("", "nodes", node(ready, true))[1], "Ready,SchedulingDisabled");
    Json notReady = Json::array({{{"type", "Ready"}, {"status", "Unknown"}}});
    EXPECT_EQ(cellsOf("", "nodes", node(notReady))[1], "NotReady");
    EXPECT_EQ(cellsOf("", "nodes", node(Json::array()))[1], "Unknown");
    Json bare = {{"metadata", {{"name", "n2"}}}};
    Json bareCells = cellsOf("", "nodes", bare);
    EXPECT_EQ(bareCells[2], "<none>");
    EXPECT_EQ(bareCells[3], "<unknown>");
    EXPECT_EQ(bareCells[7], "<unknown>");
}

Json service(const char *type, Json ports) {
    return {{"metadata", meta("web")},
            {"spec",
             {{"type", type},
              {"clusterIP", "10.43.0.10"},
              {"clusterIPs", Json::array({"10.43.0.10"})},
              {"ports", std::move(ports)},
              {"selector", {{"tier", "f"}, {"app", "web"}}}}}};
}

TEST(TablePrinterTest, ServiceCells) {
    Json ports = Json::array({{{"port", 80}, {"protocol", "TCP"}, {"nodePort", 30080}},
                              {{"port", 53}, {"protocol", "UDP"}, {"nodePort", 30053}}});
    EXPECT_EQ(cellsOf("", "services", service("NodePort", ports)),
              Json::parse(R"(["web","NodePort","10.43.0.10","<none>","80:30080/TCP,53:30053/UDP",
                              "5m","app=web,tier=f"])"));
    Json plain = service("ClusterIP", Json::array({{{"port", 443}}}));
    EXPECT_EQ(cellsOf("", "services", plain)[4], "443/TCP");
    plain["spec"]["externalIPs"] = {"192.0.2.1"};
    EXPECT_EQ(cellsOf("", "services", plain)[3], "192.0.2.1");

    Json lb = service("LoadBalancer", Json::array());
    EXPECT_EQ(cellsOf("", "services", lb)[3], "<pending>");
    EXPECT_EQ(cellsOf("", "services", lb)[4], "<none>");
    lb["status"]["loadBalancer"]["ingress"] = Json::array({{{"ip", "198.51.100.7"}}});
    EXPECT_EQ(cellsOf("", "services", lb)[3], "198.51.100.7");

    Json headless = service("ClusterIP", Json::array());
    headless["spec"]["clusterIPs"] = {"None"};
    headless["spec"].erase("selector");
    EXPECT_EQ(cellsOf("", "services", headless)[2], "None");
    EXPECT_EQ(cellsOf("", "services", headless)[6], "<none>");
    Json external = {{"metadata", meta("db")},
                     {"spec", {{"type", "ExternalName"}, {"externalName", "db.example.com"}}}};
    EXPECT_EQ(cellsOf("", "services", external)[3], "db.example.com");
    EXPECT_EQ(cellsOf("", "services", external)[2], "<none>");
}

TEST(TablePrinterTest, EndpointsListThreeThenCount) {
    Json ep = {
        {"metadata", meta("web")},
        {"subsets",
         Json::array({{{"addresses", Json::array({{{"ip", "10.42.0.5"}}, {{"ip", "10.42.1.7"}}})},
                       {"ports", Json::array({{{"port", 80}}})}}})}};
    EXPECT_EQ(cellsOf("", "endpoints", ep)[1], "10.42.0.5:80,10.42.1.7:80");
    ep["subsets"][0]["ports"].push_back({{"port", 443}});
    EXPECT_EQ(cellsOf("", "endpoints", ep)[1],
              "10.42.0.5:80,10.42.1.7:80,10.42.0.5:443 + 1 more...");
    Json none = {{"metadata", meta("empty")}};
    EXPECT_EQ(cellsOf("", "endpoints", none)[1], "<none>");
    Json headless = {
        {"metadata", meta("h")},
        {"subsets", Json::array({{{"addresses", Json::array({{{"ip", "fd00::1"}}})}}})}};
    EXPECT_EQ(cellsOf("", "endpoints", headless)[1], "fd00::1");
    headless["subsets"][0]["ports"] = Json::array({{{"port", 80}}});
    EXPECT_EQ(cellsOf("", "endpoints", headless)[1], "[fd00::1]:80");
}

Json workload(std::int64_t replicas) {
    return {{"metadata", meta("web", hours(3))},
            {"spec",
             {{"replicas", replicas},
              {"selector",
               {{"matchLabels", {{"app", "web"}}},
                {"matchExpressions",
                 Json::array({{{"key", "tier"}, {"operator", "In"}, {"values", {"a", "b"}}}})}}},
              {"template",
               {{"spec",
                 {{"containers", Json::array({{{"name", "nginx"}, {"image", "nginx:1.25"}},
                                              {{"name", "log"}, {"image", "busybox"}}})}}}}}}},
            {"status",
             {{"replicas", 3},
              {"readyReplicas", 2},
              {"updatedReplicas", 3},
              {"availableReplicas", 2}}}};
}

TEST(TablePrinterTest, DeploymentAndReplicaSetCells) {
    EXPECT_EQ(cellsOf("apps", "deployments", workload(3)),
              Json::parse(R"x(["web","2/3",3,2,"3h","nginx,log","nginx:1.25,busybox",
                              "app=web,tier in (a,b)"])x"));
    EXPECT_EQ(cellsOf("apps", "replicasets", workload(4)),
              Json::parse(R"x(["web",4,3,2,"3h","nginx,log","nginx:1.25,busybox",
                              "app=web,tier in (a,b)"])x"));
    Json fresh = {{"metadata", meta("new")}, {"spec", {{"replicas", 2}}}};
    Json cells = cellsOf("apps", "deployments", fresh);
    EXPECT_EQ(cells[1], "0/2");
    EXPECT_EQ(cells[2], 0);
}

TEST(TablePrinterTest, HorizontalPodAutoscalerCells) {
    Json hpa = {
        {"metadata", meta("web")},
        {"spec",
         {{"scaleTargetRef", {{"kind", "Deployment"}, {"name", "web"}}},
          {"minReplicas", 1},
          {"maxReplicas", 10},
          {"metrics",
           Json::array(
               {{{"type", "Resource"},
                 {"resource",
                  {{"name", "cpu"},
                   {"target", {{"type", "Utilization"}, {"averageUtilization", 80}}}}}}})}}},
        {"status", {{"currentReplicas", 3}}}};
    EXPECT_EQ(cellsOf("autoscaling", "horizontalpodautoscalers", hpa),
              Json::parse(R"(["web","Deployment/web","cpu: <unknown>/80%","1",10,3,"5m"])"));
    hpa["status"]["currentMetrics"] =
        Json::array({{{"type", "Resource"},
                      {"resource", {{"name", "cpu"}, {"current", {{"averageUtilization", 45}}}}}}});
    hpa["spec"].erase("minReplicas");
    Json cells = cellsOf("autoscaling", "horizontalpodautoscalers", hpa);
    EXPECT_EQ(cells[2], "cpu: 45%/80%");
    EXPECT_EQ(cells[3], "<unset>");
    Json v1 = {{"metadata", meta("old")},
               {"spec",
                {{"scaleTargetRef", {{"kind", "Deployment"}, {"name", "old"}}},
                 {"maxReplicas", 4},
                 {"targetCPUUtilizationPercentage", 50}}}};
    EXPECT_EQ(cellsOf("autoscaling", "horizontalpodautoscalers", v1)[2], "cpu: <unknown>/50%");
    Json none = {{"metadata", meta("none")}, {"spec", {{"maxReplicas", 2}}}};
    EXPECT_EQ(cellsOf("autoscaling", "horizontalpodautoscalers", none)[2], "<none>");
}

TEST(TablePrinterTest, EventCells) {
    Json ev = {{"metadata", meta("web-1.17a")},
               {"involvedObject",
                {{"kind", "Pod"}, {"name", "web-1"}, {"fieldPath", "spec.containers{a}"}}},
               {"reason", "Pulled"},
               {"type", "Normal"},
               {"message", "Container image pulled\n"},
               {"source", {{"component", "kubelet"}, {"host", "n1"}}},
               {"firstTimestamp", ago(minutes(10))},
               {"lastTimestamp", ago(seconds(30))},
               {"count", 3}};
    EXPECT_EQ(cellsOf("", "events", ev),
              Json::parse(R"(["30s","Normal","Pulled","pod/web-1","spec.containers{a}",
                  "kubelet, n1","Container image pulled","10m",3,"web-1.17a"])"));
    Json once = {{"metadata", meta("n.1")},
                 {"involvedObject", {{"kind", "Node"}}},
                 {"eventTime", formatRfc3339Micro(testing::testNow() - seconds(4))}};
    Json cells = cellsOf("", "events", once);
    EXPECT_EQ(cells[0], "4s");
    EXPECT_EQ(cells[3], "node");
    EXPECT_EQ(cells[5], "<unknown>");
    EXPECT_EQ(cells[8], 1);
}

TEST(TablePrinterTest, ConfigMapSecretLeaseNamespaceAndFallbackCells) {
    Json cm = {{"metadata", meta("cfg")},
               {"data", {{"a", "1"}, {"b", "2"}}},
               {"binaryData", {{"c", "AA=="}}}};
    EXPECT_EQ(cellsOf("", "configmaps", cm), Json::parse(R"(["cfg",3,"5m"])"));
    Json secret = {{"metadata", meta("tls")},
                   {"type", "kubernetes.io/tls"},
                   {"data", {{"tls.crt", "x"}, {"tls.key", "y"}}}};
    EXPECT_EQ(cellsOf("", "secrets", secret), Json::parse(R"(["tls","kubernetes.io/tls",2,"5m"])"));
    Json lease = {{"metadata", meta("n1")}, {"spec", {{"holderIdentity", "n1"}}}};
    EXPECT_EQ(cellsOf("coordination.k8s.io", "leases", lease), Json::parse(R"(["n1","n1","5m"])"));
    Json ns = {{"metadata", meta("dev", hours(24 * 400))}, {"status", {{"phase", "Terminating"}}}};
    EXPECT_EQ(cellsOf("", "namespaces", ns), Json::parse(R"(["dev","Terminating","400d"])"));
    Json widget = {{"metadata", meta("w")}};
    EXPECT_EQ(cellsOf("example.io", "widgets", widget), Json::parse(R"(["w","5m"])"));
}

} // namespace
} // namespace cox::printers
