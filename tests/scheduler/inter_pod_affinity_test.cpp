// InterPodAffinity filter and score over small multi-node snapshots (table-driven).
#include "plugin_harness.h"

namespace cox::scheduler::testing {
namespace {

const std::string kAnti = "node(s) didn't match pod anti-affinity rules";
const std::string kExisting = "node(s) didn't satisfy existing pods anti-affinity rules";
const std::string kAffinity = "node(s) didn't match pod affinity rules";

// Nodes a1, a2 in zone a; b1 in zone b. `web` runs on a1.
Snapshot cluster(PodBuilder onA1) {
    return Snapshot::fromNodes({makeNode("a1").zone("a").withPod(onA1.node("a1")),
                                makeNode("a2").zone("a"), makeNode("b1").zone("b")});
}

struct AffinityCase {
    std::string title;
    PodBuilder existing; // placed on a1
    PodBuilder pod;
    std::vector<std::string> expected; // per node a1, a2, b1: "" fits
};

std::vector<AffinityCase> cases() {
    auto web = [] {
        return makePod("web-0").label("app", "web");
    };
    return {
        {"anti hostname",
         web(),
         makePod("web-1").label("app", "web").requiredAntiAffinity("web", kLabelHostname),
         {kAnti, "", ""}},
        {"anti zone",
         web(),
         makePod("web-1").label("app", "web").requiredAntiAffinity("web", kLabelZone),
         {kAnti, kAnti, ""}},
        {"anti other app",
         web(),
         makePod("db-0").requiredAntiAffinity("db", kLabelHostname),
         {"", "", ""}},
        {"anti other namespace",
         web().ns("other"),
         makePod("web-1").requiredAntiAffinity("web", kLabelHostname),
         {"", "", ""}},
        {"existing pod anti-affinity is symmetric",
         web().requiredAntiAffinity("cache", kLabelZone),
         makePod("cache-0").label("app", "cache"),
         {kExisting, kExisting, ""}},
        {"affinity zone",
         web(),
         makePod("api").requiredAffinity("web", kLabelZone),
         {"", "", kAffinity}},
        {"affinity hostname",
         web(),
         makePod("api").requiredAffinity("web", kLabelHostname),
         {"", kAffinity, kAffinity}},
        {"affinity nobody matches",
         web(),
         makePod("api").requiredAffinity("db", kLabelHostname),
         {kAffinity, kAffinity, kAffinity}},
        {"first pod of self-affine group",
         web(),
         makePod("db-0").label("app", "db").requiredAffinity("db", kLabelZone),
         {"", "", ""}},
    };
}

class InterPodAffinityTest : public ::testing::TestWithParam<AffinityCase> {};

TEST_P(InterPodAffinityTest, Filter) {
    const AffinityCase &c = GetParam();
    Snapshot snapshot = cluster(c.existing);
    PodInfoPtr pod = c.pod.info();
    ASSERT_NE(pod, nullptr);
    const char *names[] = {"a1", "a2", "b1"};
    for (size_t i = 0; i < 3; ++i)
        EXPECT_EQ(messages(runFilter("InterPodAffinity", *pod, snapshot, names[i])), c.expected[i])
            << names[i];
}

INSTANTIATE_TEST_SUITE_P(Table, InterPodAffinityTest, ::testing::ValuesIn(cases()),
                         [](const auto &info) {
                             std::string name;
                             for (char ch : info.param.title)
                                 name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                             return name;
                         });

TEST(InterPodAffinityScore, PreferredTermsPullAndPush) {
    Snapshot snapshot = cluster(makePod("web-0").label("app", "web"));
    Json term = PodBuilder::term("web", kLabelZone);
    PodInfoPtr near =
        makePod("api").affinity("podAffinity", "preferredDuringSchedulingIgnoredDuringExecution",
                                {{"weight", 50}, {"podAffinityTerm", term}});
    EXPECT_EQ(runScore("InterPodAffinity", *near, snapshot), (std::vector<int64_t>{100, 100, 0}));
    PodInfoPtr far = makePod("api").affinity("podAntiAffinity",
                                             "preferredDuringSchedulingIgnoredDuringExecution",
                                             {{"weight", 50}, {"podAffinityTerm", term}});
    EXPECT_EQ(runScore("InterPodAffinity", *far, snapshot), (std::vector<int64_t>{0, 0, 100}));
    EXPECT_EQ(runScore("InterPodAffinity", *makePod("plain").info(), snapshot),
              (std::vector<int64_t>{0, 0, 0}));
}

} // namespace
} // namespace cox::scheduler::testing
