// Round trips of the small typed kinds: what goes in as Kubernetes JSON comes out the same.
#include "model/types/cluster_objects.h"
#include "model/types/config_data.h"
#include "model/types/service.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

template<typename T>
void expectRoundTrip(const char *text) {
    const Json in = Json::parse(text);
    const auto decoded = T::fromJson(in);
    ASSERT_TRUE(decoded.isOk()) << decoded.status().message();
    EXPECT_EQ(decoded->toJson(), in) << decoded->toJson().dump(2);
}

TEST(ClusterTypes, ServiceRoundTrips) {
    expectRoundTrip<Service>(R"({"apiVersion":"v1","kind":"Service",
        "metadata":{"name":"web","namespace":"default"},
        "spec":{"type":"NodePort","clusterIP":"10.43.0.10","clusterIPs":["10.43.0.10"],
                "selector":{"app":"web"},"sessionAffinity":"ClientIP",
                "ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"http","nodePort":30080}]},
        "status":{"loadBalancer":{}}})");
}

TEST(ClusterTypes, EndpointsRoundTrip) {
    expectRoundTrip<Endpoints>(R"({"apiVersion":"v1","kind":"Endpoints",
        "metadata":{"name":"web","namespace":"default"},
        "subsets":[{"addresses":[{"ip":"10.42.1.5","nodeName":"n1",
                                  "targetRef":{"kind":"Pod","name":"web-1","namespace":"default"}}],
                    "notReadyAddresses":[{"ip":"10.42.2.7","nodeName":"n2"}],
                    "ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]})");
}

TEST(ClusterTypes, LeaseEventNamespaceRoundTrip) {
    expectRoundTrip<Lease>(R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
        "metadata":{"name":"n1","namespace":"kube-node-lease"},
        "spec":{"holderIdentity":"n1","leaseDurationSeconds":40,
                "renewTime":"2026-11-28T14:20:34.250000Z"}})");
    expectRoundTrip<Namespace>(R"({"apiVersion":"v1","kind":"Namespace",
        "metadata":{"name":"team-a"},"spec":{"finalizers":["kubernetes"]},
        "status":{"phase":"Active"}})");
    const auto event = Event::fromJson(Json::parse(R"({"apiVersion":"v1","kind":"Event",
        "metadata":{"name":"web-1.abc","namespace":"default"},
        "involvedObject":{"kind":"Pod","name":"web-1","namespace":"default"},
        "reason":"Scheduled","message":"Successfully assigned default/web-1 to n1",
        "type":"Normal","count":1,"source":{"component":"default-scheduler"}})"));
    ASSERT_TRUE(event.isOk()) << event.status().message();
    EXPECT_EQ(event->involvedObject.name, "web-1");
    EXPECT_EQ(event->sourceComponent, "default-scheduler");
    EXPECT_EQ(event->toJson()["source"]["component"], "default-scheduler");
}

TEST(ClusterTypes, ConfigMapAndSecretRoundTrip) {
    expectRoundTrip<ConfigMap>(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"cfg","namespace":"default"},"data":{"a.conf":"x=1"},"immutable":true})");
    expectRoundTrip<Secret>(R"({"apiVersion":"v1","kind":"Secret",
        "metadata":{"name":"s","namespace":"default"},"type":"Opaque","data":{"password":"c2VjcmV0"}})");
}

TEST(ClusterTypes, WrongTypesAreRejectedWithTheField) {
    const auto bad = Service::fromJson(Json::parse(R"({"spec":{"ports":[{"port":"eighty"}]}})"));
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.status().message().find("port"), std::string::npos) << bad.status().message();
}

} // namespace
} // namespace cox::model
