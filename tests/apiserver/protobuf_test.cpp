// Kubernetes protobuf request bodies (what `kubectl create ...` and client-go send): the envelope,
// the JSON each Go field turns into, and broken input refused with a 4xx, never a crash.
#include "apiserver/protobuf/kubernetes_protobuf.h"
#include "apiserver/protobuf/proto_json.h"
#include "apiserver/protobuf/proto_schema.h"
#include "http_fixture.h"

#include <gtest/gtest.h>

#include <random>

using namespace cox;
using namespace cox::apiserver;
using namespace cox::apiserver::protobuf;
using model::Json;

namespace {

// A protobuf message under construction (the test's own encoder, so the decoder is checked
// against bytes built field by field).
class Pb {
public:
    Pb &varint(uint32_t field, uint64_t v) {
        key(field, 0);
        raw(v);
        return *this;
    }
    Pb &bytes(uint32_t field, std::string_view b) {
        key(field, 2);
        raw(b.size());
        m_out.append(b);
        return *this;
    }
    Pb &msg(uint32_t field, const Pb &m) { return bytes(field, m.str()); }
    Pb &entry(uint32_t field, std::string_view k, std::string_view v) {
        return msg(field, Pb().bytes(1, k).bytes(2, v));
    }
    const std::string &str() const { return m_out; }

private:
    void key(uint32_t field, int wire) { raw((static_cast<uint64_t>(field) << 3) | wire); }
    void raw(uint64_t v) {
        for (; v >= 0x80; v >>= 7)
            m_out += static_cast<char>((v & 0x7f) | 0x80);
        m_out += static_cast<char>(v);
    }
    std::string m_out;
};

std::string envelope(std::string_view apiVersion, std::string_view kind, const Pb &object) {
    Pb typeMeta;
    typeMeta.bytes(1, apiVersion).bytes(2, kind);
    return std::string("k8s\0", 4) + Pb().msg(1, typeMeta).msg(2, object).str();
}

// What `kubectl create deployment web --image=nginx --replicas=0 --port=80` sends, field by field:
// Go value fields are on the wire even when empty.
Pb deployment(uint64_t replicas) {
    Pb labels;
    labels.entry(11, "app", "web");
    Pb meta = labels;
    meta.bytes(1, "web").bytes(2, "").varint(7, 0).bytes(8, "");
    Pb container;
    container.bytes(1, "nginx").bytes(2, "nginx").bytes(5, "");
    container.msg(6, Pb().bytes(1, "").varint(2, 0).varint(3, 80).bytes(4, "TCP"));
    container.msg(8, Pb()).varint(16, 0);
    Pb spec;
    spec.varint(1, replicas)
        .msg(2, Pb().entry(1, "app", "web"))
        .msg(3, Pb().msg(1, Pb(labels).bytes(8, "")).msg(2, Pb().msg(2, container)))
        .msg(4, Pb())
        .varint(5, 0)
        .varint(7, 0);
    return Pb().msg(1, meta).msg(2, spec).msg(3, Pb());
}

} // namespace

TEST(ProtobufSchemaTest, TheBuiltInSchemaHasEveryServedKind) {
    const ProtoSchema &schema = ProtoSchema::kubernetes();
    for (const char *name :
         {"core.v1.Pod", "core.v1.Service", "core.v1.Secret", "core.v1.ConfigMap",
          "core.v1.Namespace", "core.v1.Node", "apps.v1.Deployment", "apps.v1.ReplicaSet",
          "autoscaling.v2.HorizontalPodAutoscaler", "coordination.v1.Lease",
          "meta.v1.DeleteOptions", "policy.v1.Eviction"})
        EXPECT_NE(schema.message(name), nullptr) << name;
    const MessageSpec *spec = schema.message("apps.v1.DeploymentSpec");
    ASSERT_NE(spec, nullptr);
    EXPECT_EQ(spec->fields.at(1).name, "replicas");
    EXPECT_TRUE(spec->fields.at(1).pointer);
    EXPECT_FALSE(spec->fields.at(5).pointer); // minReadySeconds is a Go int32
}

TEST(ProtobufSchemaTest, ParseRejectsBrokenLines) {
    EXPECT_FALSE(ProtoSchema::parse("1 name string\n").isOk()); // a field before any message
    EXPECT_FALSE(ProtoSchema::parse("message a.B\nx name string\n").isOk());
    EXPECT_FALSE(ProtoSchema::parse("message a.B\n1 name string sometimes\n").isOk());
    auto ok = ProtoSchema::parse("# comment\nmessage a.B\n1 tags map<string,bytes>\n");
    ASSERT_TRUE(ok.isOk()) << ok.status().message();
    EXPECT_TRUE(ok->message("a.B")->fields.at(1).isMap);
    EXPECT_EQ(ok->message("a.B")->fields.at(1).mapValue, "bytes");
}

TEST(ProtobufDecodeTest, ADeploymentBecomesTheJsonGoWouldWrite) {
    auto decoded = decodeKubernetesProtobuf(envelope("apps/v1", "Deployment", deployment(0)));
    ASSERT_TRUE(decoded.isOk()) << decoded.status().message();
    const Json &d = decoded->object;
    EXPECT_EQ(d["apiVersion"], "apps/v1");
    EXPECT_EQ(d["kind"], "Deployment");
    EXPECT_EQ(d["metadata"], Json({{"name", "web"}, {"labels", {{"app", "web"}}}}));
    // replicas is a pointer in Go: an explicit 0 stays; minReadySeconds and paused are values.
    EXPECT_EQ(d["spec"]["replicas"], 0);
    EXPECT_FALSE(d["spec"].contains("minReadySeconds"));
    EXPECT_FALSE(d["spec"].contains("paused"));
    EXPECT_EQ(d["spec"]["strategy"], Json::object()); // Go writes empty structs as {}
    EXPECT_EQ(d["spec"]["selector"]["matchLabels"]["app"], "web");
    const Json &template_ = d["spec"]["template"];
    EXPECT_FALSE(template_["metadata"].contains("creationTimestamp")); // a zero Time
    const Json &c = template_["spec"]["containers"][0];
    EXPECT_EQ(c, Json::parse(R"({"name":"nginx","image":"nginx","resources":{},
                                 "ports":[{"containerPort":80,"protocol":"TCP"}]})"));
    EXPECT_TRUE(decoded->unknown.empty());
}

TEST(ProtobufDecodeTest, SecretBytesAreBase64AndPointerFalseIsKept) {
    Pb secret;
    secret.msg(1, Pb().bytes(1, "creds"))
        .varint(5, 0)
        .entry(2, "token", std::string("\x00\xff", 2));
    secret.entry(2, "empty", "").bytes(3, "Opaque");
    auto decoded = decodeKubernetesProtobuf(envelope("v1", "Secret", secret));
    ASSERT_TRUE(decoded.isOk()) << decoded.status().message();
    EXPECT_EQ(decoded->object["data"], Json({{"token", "AP8="}, {"empty", ""}}));
    EXPECT_EQ(decoded->object["immutable"], false);
    EXPECT_EQ(decoded->object["type"], "Opaque");
}

TEST(ProtobufDecodeTest, KubernetesWireTypesBecomeTheirJsonForms) {
    // Service ports: targetPort as a number and as a name (IntOrString).
    Pb spec;
    spec.msg(1, Pb().varint(3, 80).msg(4, Pb().varint(1, 0).varint(2, 8080)));
    spec.msg(1, Pb().varint(3, 443).msg(4, Pb().varint(1, 1).bytes(3, "https")));
    auto service = decodeKubernetesProtobuf(envelope("v1", "Service", Pb().msg(2, spec)));
    ASSERT_TRUE(service.isOk()) << service.status().message();
    EXPECT_EQ(service->object["spec"]["ports"][0]["targetPort"], 8080);
    EXPECT_EQ(service->object["spec"]["ports"][1]["targetPort"], "https");

    // Quantities in resource maps; a Time with seconds; a negative int64 (sign-extended varint).
    Pb container;
    container.bytes(1, "app").msg(8,
                                  Pb().msg(2, Pb().bytes(1, "cpu").msg(2, Pb().bytes(1, "250m"))));
    Pb podSpec;
    podSpec.msg(2, container).varint(5, static_cast<uint64_t>(int64_t{-1}));
    Pb meta;
    meta.bytes(1, "p").msg(8, Pb().varint(1, 1700000000));
    auto pod = decodeKubernetesProtobuf(envelope("v1", "Pod", Pb().msg(1, meta).msg(2, podSpec)));
    ASSERT_TRUE(pod.isOk()) << pod.status().message();
    EXPECT_EQ(pod->object["spec"]["containers"][0]["resources"]["requests"]["cpu"], "250m");
    EXPECT_EQ(pod->object["spec"]["activeDeadlineSeconds"], -1);
    EXPECT_EQ(pod->object["metadata"]["creationTimestamp"], "2023-11-14T22:13:20Z");
}

TEST(ProtobufDecodeTest, EmbeddedStructsAreFlattenedAndPackedNumbersRead) {
    // Volume embeds VolumeSource; Probe embeds ProbeHandler; supplementalGroups both ways.
    Pb volume;
    volume.bytes(1, "scratch").msg(2, Pb().msg(2, Pb()));
    Pb probe;
    probe.msg(1, Pb().msg(2, Pb().bytes(1, "/healthz").msg(2, Pb().varint(2, 8080))));
    probe.varint(4, 5);
    Pb security;
    security.varint(4, 1).varint(4, 2).bytes(4, std::string("\x03\x04", 2));
    Pb podSpec;
    podSpec.msg(1, volume).msg(2, Pb().bytes(1, "app").msg(11, probe)).msg(14, security);
    auto pod = decodeKubernetesProtobuf(envelope("v1", "Pod", Pb().msg(2, podSpec)));
    ASSERT_TRUE(pod.isOk()) << pod.status().message();
    const Json &spec = pod->object["spec"];
    EXPECT_EQ(spec["volumes"][0], Json({{"name", "scratch"}, {"emptyDir", Json::object()}}));
    EXPECT_EQ(spec["containers"][0]["readinessProbe"],
              Json::parse(R"({"httpGet":{"path":"/healthz","port":8080},"periodSeconds":5})"));
    EXPECT_EQ(spec["securityContext"]["supplementalGroups"], Json::parse("[1,2,3,4]"));
}

TEST(ProtobufDecodeTest, UnknownFieldNumbersAreReportedNotDropped) {
    Pb spec = deployment(2);
    spec.varint(99, 7);
    auto decoded = decodeKubernetesProtobuf(envelope("apps/v1", "Deployment", spec));
    ASSERT_TRUE(decoded.isOk());
    ASSERT_EQ(decoded->unknown.size(), 1u);
    EXPECT_NE(decoded->unknown[0].find("#99"), std::string::npos) << decoded->unknown[0];

    // A body of nothing but unknown fields is answered with a bounded list.
    Pb many = deployment(2);
    for (int i = 0; i < 5000; ++i)
        many.varint(100 + i % 50, 1);
    auto flooded = decodeKubernetesProtobuf(envelope("apps/v1", "Deployment", many));
    ASSERT_TRUE(flooded.isOk());
    ASSERT_EQ(flooded->unknown.size(), 21u);
    EXPECT_EQ(flooded->unknown.back(), "more unknown fields");
}

TEST(ProtobufDecodeTest, BrokenBodiesAreRefusedWithTheReason) {
    const std::string good = envelope("v1", "ConfigMap", Pb().msg(1, Pb().bytes(1, "c")));
    struct Case {
        std::string body;
        StatusCode code;
        std::string says;
    };
    const std::vector<Case> cases{
        {"{\"kind\":\"ConfigMap\"}", StatusCode::BadRequest, "magic"},
        {good.substr(0, good.size() - 1), StatusCode::BadRequest, "longer than the message"},
        {std::string("k8s\0", 4) + "\x0a\x80", StatusCode::BadRequest, "varint"},
        {envelope("v1", "ConfigMap", Pb().varint(1, 5)), StatusCode::BadRequest,
         "length-delimited"},
        {envelope("v1", "ConfigMap", Pb().msg(1, Pb().varint(1, 5))), StatusCode::BadRequest,
         "does not carry a string"},
        {envelope("v1", "ConfigMap", Pb().msg(1, Pb().bytes(1, "\xc3\x28"))),
         StatusCode::BadRequest, "UTF-8"},
        {envelope("batch/v1", "Job", Pb()), StatusCode::UnsupportedMediaType, "batch/v1 Job"},
        {std::string("k8s\0", 4) + Pb().msg(2, Pb()).str(), StatusCode::BadRequest,
         "no apiVersion"},
        {envelope("v1", "ConfigMap", Pb()) + Pb().bytes(3, "gzip").str(),
         StatusCode::UnsupportedMediaType, "contentEncoding"}};
    for (const auto &c : cases) {
        auto decoded = decodeKubernetesProtobuf(c.body);
        ASSERT_FALSE(decoded.isOk()) << c.says;
        EXPECT_EQ(decoded.status().code(), c.code) << decoded.status().message();
        EXPECT_NE(decoded.status().message().find(c.says), std::string::npos)
            << decoded.status().message();
    }
}

TEST(ProtobufDecodeTest, MutatedBodiesNeverCrash) {
    const std::string good = envelope("apps/v1", "Deployment", deployment(3));
    std::mt19937 random(20261129);
    int refused = 0;
    for (int i = 0; i < 3000; ++i) { // bounded: every mutation is one decode
        std::string body = good;
        for (int flips = 1 + static_cast<int>(random() % 4); flips > 0; --flips)
            body[4 + random() % (body.size() - 4)] = static_cast<char>(random());
        if (random() % 3 == 0)
            body.resize(4 + random() % (body.size() - 4));
        auto decoded = decodeKubernetesProtobuf(body);
        if (!decoded.isOk()) {
            ++refused;
            const int http = decoded.status().httpCode();
            EXPECT_TRUE(http == 400 || http == 415) << decoded.status().message();
        } else {
            EXPECT_NO_THROW((void)decoded->object.dump()); // always valid JSON
        }
    }
    EXPECT_GT(refused, 0);
}

namespace {
class ProtobufHttpTest : public cox::apiserver::testing::HttpFixture {
protected:
    http::Response post(const std::string &path, const std::string &body,
                        const std::string &query = "") {
        auto c = client();
        return call(c, "POST", path + query, body,
                    {{"Content-Type", kProtobufMediaType},
                     {"Accept", "application/vnd.kubernetes.protobuf,application/json"}});
    }
};
} // namespace

TEST_F(ProtobufHttpTest, CreatesFromProtobufAndAnswersJson) {
    auto r = post("/apis/apps/v1/namespaces/default/deployments",
                  envelope("apps/v1", "Deployment", deployment(2)), "?fieldValidation=Strict");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.headers["Content-Type"], "application/json");
    auto c = client();
    auto stored = json(call(c, "GET", "/apis/apps/v1/namespaces/default/deployments/web"));
    EXPECT_EQ(stored["spec"]["replicas"], 2);
    EXPECT_EQ(stored["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"], 80);
}

TEST_F(ProtobufHttpTest, StrictRefusesUnknownFieldsAndBrokenBodiesWriteNothing) {
    Pb spec = deployment(2);
    spec.varint(99, 7);
    auto strict = post("/apis/apps/v1/namespaces/default/deployments",
                       envelope("apps/v1", "Deployment", spec), "?fieldValidation=Strict");
    EXPECT_EQ(strict.status, 400) << strict.body;
    EXPECT_NE(strict.body.find("#99"), std::string::npos) << strict.body;

    const std::string good = envelope("apps/v1", "Deployment", deployment(2));
    auto broken =
        post("/apis/apps/v1/namespaces/default/deployments", good.substr(0, good.size() / 2));
    EXPECT_EQ(broken.status, 400) << broken.body;
    EXPECT_EQ(json(broken)["kind"], "Status");

    auto c = client();
    EXPECT_EQ(call(c, "GET", "/apis/apps/v1/namespaces/default/deployments/web").status, 404);

    auto warn = post("/apis/apps/v1/namespaces/default/deployments",
                     envelope("apps/v1", "Deployment", spec), "?fieldValidation=Warn");
    EXPECT_EQ(warn.status, 201) << warn.body;
    EXPECT_NE(warn.headers["Warning"].find("#99"), std::string::npos);
}
