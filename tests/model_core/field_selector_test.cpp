#include "model/field_selector.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

const Json kPod = Json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web-1", "namespace": "prod", "uid": "u-1"},
    "spec": {"nodeName": "node-a", "restartPolicy": "Always", "schedulerName": "default-scheduler"},
    "status": {"phase": "Running", "podIP": "10.244.0.5"}
})");

FieldSelector mustParse(std::string_view text) {
    auto s = FieldSelector::parse(text);
    EXPECT_TRUE(s.isOk()) << text << ": " << s.status().message();
    return s.isOk() ? *s : FieldSelector();
}

TEST(FieldSelectorParse, EqualsDoubleEqualsAndNotEquals) {
    auto s = mustParse("metadata.name=web-1,spec.nodeName!=node-b,status.phase==Running");
    ASSERT_EQ(s.requirements().size(), 3u);
    EXPECT_TRUE(s.matches(kPod));
    EXPECT_EQ(s.toString(), "metadata.name=web-1,spec.nodeName!=node-b,status.phase=Running");
    EXPECT_FALSE(mustParse("spec.nodeName!=node-a").matches(kPod));
    EXPECT_FALSE(mustParse("metadata.name=web-2").matches(kPod));
    EXPECT_TRUE(mustParse("metadata.namespace=prod,status.podIP=10.244.0.5").matches(kPod));
}

TEST(FieldSelectorParse, EmptyMatchesEverything) {
    auto s = mustParse("");
    EXPECT_TRUE(s.empty());
    EXPECT_TRUE(s.matches(kPod));
    EXPECT_TRUE(s.matches(Json()));
    EXPECT_TRUE(mustParse(",,").empty());
}

TEST(FieldSelectorParse, MalformedTermsAreRejected) {
    for (const char *bad : {"metadata.name", "a=b,c", "=x", "!=x"}) {
        auto s = FieldSelector::parse(bad);
        ASSERT_FALSE(s.isOk()) << bad;
        EXPECT_EQ(s.status().code(), StatusCode::BadRequest);
        EXPECT_NE(s.status().message().find("invalid selector: '"), std::string::npos)
            << s.status().message();
    }
    auto s = FieldSelector::parse("a=b,c");
    EXPECT_EQ(s.status().message(), "invalid selector: 'a=b,c'; can't understand 'c'");
    EXPECT_FALSE(FieldSelector::parse("a=x\\y").isOk());
    EXPECT_FALSE(FieldSelector::parse("a=x\\").isOk());
}

TEST(FieldSelectorParse, EscapedValues) {
    auto s = mustParse("reason=a\\,b\\=c\\\\d,type=Normal");
    ASSERT_EQ(s.requirements().size(), 2u);
    EXPECT_EQ(s.requirements()[0].value, "a,b=c\\d");
    EXPECT_EQ(s.toString(), "reason=a\\,b\\=c\\\\d,type=Normal");
    EXPECT_TRUE(s.matches(Json::parse(R"({"reason":"a,b=c\\d","type":"Normal"})")));
    // The first operator wins: the value may contain '='.
    EXPECT_EQ(mustParse("a==b=c").requirements()[0].value, "b=c");
}

TEST(FieldSelectorMatch, MissingFieldsCompareAsEmpty) {
    const Json pending = Json::parse(R"({"metadata":{"name":"p"},"spec":{},"status":{}})");
    EXPECT_TRUE(mustParse("spec.nodeName=").matches(pending));
    EXPECT_FALSE(mustParse("spec.nodeName!=").matches(pending));
    EXPECT_TRUE(mustParse("status.nominatedNodeName=").matches(Json()));
    EXPECT_FALSE(mustParse("spec.nodeName=").matches(kPod));
}

TEST(FieldSelectorMatch, BooleansNumbersAndZeroValues) {
    const Json cordoned = Json::parse(R"({"spec":{"unschedulable":true}})");
    const Json plain = Json::parse(R"({"spec":{}})");
    EXPECT_TRUE(mustParse("spec.unschedulable=true").matches(cordoned));
    EXPECT_FALSE(mustParse("spec.unschedulable=false").matches(cordoned));
    EXPECT_TRUE(mustParse("spec.unschedulable=false").matches(plain));
    EXPECT_TRUE(mustParse("spec.hostNetwork=false").matches(plain));
    EXPECT_TRUE(
        mustParse("status.replicas=3").matches(Json::parse(R"({"status":{"replicas":3}})")));
    EXPECT_TRUE(mustParse("status.replicas=0").matches(plain));
}

TEST(FieldSelectorMatch, EventFields) {
    const Json event = Json::parse(R"({
        "metadata": {"name": "web-1.17a", "namespace": "prod"},
        "involvedObject": {"kind": "Pod", "name": "web-1", "namespace": "prod", "uid": "u-1",
                           "fieldPath": "spec.containers{web}"},
        "reason": "Scheduled", "type": "Normal", "source": {"component": "default-scheduler"},
        "reportingComponent": "default-scheduler"
    })");
    auto s = mustParse("involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.uid=u-1,"
                       "involvedObject.fieldPath=spec.containers{web},reason=Scheduled,type=Normal,"
                       "source=default-scheduler,reportingComponent=default-scheduler");
    EXPECT_TRUE(s.matches(event));
    EXPECT_TRUE(s.checkSupported("Event").isOk());
    EXPECT_FALSE(mustParse("type=Warning").matches(event));
}

TEST(FieldSelectorSupport, PerKindWhitelist) {
    EXPECT_TRUE(mustParse("metadata.name=a,metadata.namespace=b").checkSupported("Widget").isOk());
    EXPECT_TRUE(mustParse("spec.nodeName=n,status.phase=Running,spec.schedulerName=s,"
                          "spec.serviceAccountName=x,spec.hostNetwork=true,status.podIP=1,"
                          "spec.restartPolicy=Never,status.nominatedNodeName=n")
                    .checkSupported("Pod")
                    .isOk());
    EXPECT_TRUE(mustParse("spec.nodeName=n").checkSupported("pods").isOk());
    EXPECT_TRUE(mustParse("spec.unschedulable=true").checkSupported("Node").isOk());
    EXPECT_TRUE(mustParse("type=Opaque").checkSupported("Secret").isOk());
    EXPECT_TRUE(mustParse("status.phase=Active").checkSupported("Namespace").isOk());
    EXPECT_TRUE(mustParse("status.replicas=0").checkSupported("ReplicaSet").isOk());

    Status s = mustParse("metadata.name=a,spec.nodeName=n").checkSupported("Node");
    EXPECT_EQ(s.code(), StatusCode::BadRequest);
    EXPECT_EQ(s.message(), "field label not supported: spec.nodeName");
    EXPECT_FALSE(mustParse("spec.unschedulable=true").checkSupported("Pod").isOk());
    EXPECT_FALSE(mustParse("status.phase=x").checkSupported("Deployment").isOk());
    EXPECT_FALSE(mustParse("metadata.uid=x").checkSupported("Pod").isOk());
}

TEST(FieldSelector, RequiredValueForIndexedLookups) {
    auto s = mustParse("spec.nodeName=node-a,status.phase!=Failed");
    EXPECT_EQ(s.requiredValue("spec.nodeName"), std::optional<std::string>("node-a"));
    EXPECT_EQ(s.requiredValue("status.phase"), std::nullopt);
    EXPECT_EQ(s.requiredValue("metadata.name"), std::nullopt);
}

} // namespace
} // namespace cox::model
