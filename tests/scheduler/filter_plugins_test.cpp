// Table-driven tests of the single-node filters: each row is a pod, a node, the plugin, and the
// expected verdict with its exact Kubernetes message.
#include "plugin_harness.h"

namespace cox::scheduler::testing {
namespace {

struct FilterCase {
    std::string title;
    std::string plugin;
    PodBuilder pod;
    NodeBuilder node;
    std::string expected; // "" = fits, otherwise the joined reason messages
};

Json tolerate(const std::string &key, const std::string &effect, const std::string &op = "Exists") {
    return {{"key", key}, {"operator", op}, {"effect", effect}};
}

Json nodeTerm(const std::string &key, const std::string &op, std::vector<std::string> values) {
    return {
        {"nodeSelectorTerms",
         Json::array({{{"matchExpressions",
                        Json::array({{{"key", key}, {"operator", op}, {"values", values}}})}}})}};
}

std::vector<FilterCase> cases() {
    const std::string unsched = "node(s) were unschedulable";
    const std::string affinity = "node(s) didn't match Pod's node affinity/selector";
    return {
        {"schedulable node", "NodeUnschedulable", makePod("p"), makeNode("n"), ""},
        {"cordoned node", "NodeUnschedulable", makePod("p"), makeNode("n").unschedulable(),
         unsched},
        {"cordon tolerated", "NodeUnschedulable",
         makePod("p").toleration(tolerate(kTaintUnschedulable, "NoSchedule")),
         makeNode("n").unschedulable(), ""},
        {"cordon toleration wrong effect", "NodeUnschedulable",
         makePod("p").toleration(tolerate(kTaintUnschedulable, "NoExecute")),
         makeNode("n").unschedulable(), unsched},
        {"no nodeName", "NodeName", makePod("p"), makeNode("n"), ""},
        {"nodeName matches", "NodeName", makePod("p").node("n"), makeNode("n"), ""},
        {"nodeName differs", "NodeName", makePod("p").node("m"), makeNode("n"),
         "node(s) didn't match the requested node name"},
        {"nodeSelector matches", "NodeAffinity", makePod("p").nodeSelector("disk", "ssd"),
         makeNode("n").label("disk", "ssd"), ""},
        {"nodeSelector missing label", "NodeAffinity", makePod("p").nodeSelector("disk", "ssd"),
         makeNode("n"), affinity},
        {"required affinity In", "NodeAffinity",
         makePod("p").affinity("nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                               nodeTerm(kLabelZone, "In", {"a", "b"})),
         makeNode("n").zone("b"), ""},
        {"required affinity NotIn", "NodeAffinity",
         makePod("p").affinity("nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                               nodeTerm(kLabelZone, "NotIn", {"b"})),
         makeNode("n").zone("b"), affinity},
        {"required affinity Gt", "NodeAffinity",
         makePod("p").affinity("nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                               nodeTerm("cores", "Gt", {"8"})),
         makeNode("n").label("cores", "16"), ""},
        {"no taints", "TaintToleration", makePod("p"), makeNode("n"), ""},
        {"untolerated NoSchedule", "TaintToleration", makePod("p"),
         makeNode("n").taint("node-role.kubernetes.io/control-plane", "", "NoSchedule"),
         "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"},
        {"tolerated NoSchedule", "TaintToleration",
         makePod("p").toleration(tolerate("dedicated", "NoSchedule")),
         makeNode("n").taint("dedicated", "gpu", "NoSchedule"), ""},
        {"Equal toleration wrong value", "TaintToleration",
         makePod("p").toleration(
             {{"key", "dedicated"}, {"operator", "Equal"}, {"value", "db"}, {"effect", ""}}),
         makeNode("n").taint("dedicated", "gpu", "NoExecute"),
         "node(s) had untolerated taint {dedicated: gpu}"},
        {"PreferNoSchedule never filters", "TaintToleration", makePod("p"),
         makeNode("n").taint("soft", "x", "PreferNoSchedule"), ""},
        {"not-ready node", "TaintToleration", makePod("p"), makeNode("n").ready("False"),
         "node(s) had untolerated taint {node.kubernetes.io/not-ready: }"},
        {"unreachable node", "TaintToleration", makePod("p"), makeNode("n").ready("Unknown"),
         "node(s) had untolerated taint {node.kubernetes.io/unreachable: }"},
        {"not-ready tolerated", "TaintToleration",
         makePod("p").toleration(tolerate(kTaintNotReady, "")), makeNode("n").ready("False"), ""},
        {"fits resources", "NodeResourcesFit", makePod("p").cpu("1").memory("1Gi"),
         makeNode("n").cpu("2").memory("2Gi"), ""},
        {"insufficient cpu", "NodeResourcesFit", makePod("p").cpu("1500m"),
         makeNode("n").cpu("2").withPod(makePod("q").cpu("1").node("n")), "Insufficient cpu"},
        {"insufficient cpu and memory", "NodeResourcesFit", makePod("p").cpu("3").memory("3Gi"),
         makeNode("n").cpu("2").memory("2Gi"), "Insufficient cpu; Insufficient memory"},
        {"too many pods", "NodeResourcesFit", makePod("p"),
         makeNode("n").pods("1").withPod(makePod("q").node("n")), "Too many pods"},
        {"extended resource", "NodeResourcesFit", makePod("p").request("nvidia.com/gpu", "1"),
         makeNode("n"), "Insufficient nvidia.com/gpu"},
        {"extended resource present", "NodeResourcesFit",
         makePod("p").request("nvidia.com/gpu", "1"),
         makeNode("n").allocatable("nvidia.com/gpu", "2"), ""},
        {"free port", "NodePorts", makePod("p").hostPort(80),
         makeNode("n").withPod(makePod("q").hostPort(443).node("n")), ""},
        {"port conflict", "NodePorts", makePod("p").hostPort(80),
         makeNode("n").withPod(makePod("q").hostPort(80).node("n")),
         "node(s) didn't have free ports for the requested pod ports"},
        {"same port other protocol", "NodePorts", makePod("p").hostPort(53, "UDP"),
         makeNode("n").withPod(makePod("q").hostPort(53, "TCP").node("n")), ""},
    };
}

class FilterPluginTest : public ::testing::TestWithParam<FilterCase> {};

TEST_P(FilterPluginTest, Verdict) {
    const FilterCase &c = GetParam();
    PodInfoPtr pod = c.pod.info();
    ASSERT_NE(pod, nullptr);
    FilterVerdict verdict = runFilter(c.plugin, *pod, c.node.info());
    EXPECT_EQ(verdict.fits(), c.expected.empty());
    EXPECT_EQ(messages(verdict), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Table, FilterPluginTest, ::testing::ValuesIn(cases()),
                         [](const auto &info) {
                             std::string name;
                             for (char ch : info.param.title)
                                 name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                             return name;
                         });

} // namespace
} // namespace cox::scheduler::testing
