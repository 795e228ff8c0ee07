// Thousands of random and malformed requests through the handler: none may crash the server,
// every answer is a well-formed response, and the store holds only whole objects afterwards.
#include "fixture.h"

#include "apiserver/object_codec.h"

#include <random>

using namespace cox;
using namespace cox::apiserver;
using namespace cox::apiserver::testing;
using model::Json;

namespace {

class RecordingSink final : public http::ResponseSink {
public:
    void send(http::Response response) override {
        ++sends;
        status = response.status;
        body = std::move(response.body);
    }
    bool beginStream(int s, const http::Headers &) override {
        ++sends;
        status = s;
        return true;
    }
    bool writeChunk(std::string_view) override { return false; } // client gone at once
    void endStream() override {}
    bool clientGone() override { return true; }
    int sends = 0;
    int status = 0;
    std::string body;
};

class FuzzTest : public ApiFixture {};

std::string randomBody(std::mt19937 &rng) {
    static const std::vector<std::string> seeds = {
        makePod("fz").build().dump(),
        makeDeployment("fz", 2).dump(),
        makeService("fz", "NodePort").dump(),
        R"({"metadata":{"name":"fz","labels":{"a":"b"}},"spec":{"replicas":-1}})",
        R"([{"op":"replace","path":"/spec/replicas","value":3}])",
        R"({"apiVersion":"v1","kind":"Binding","metadata":{"name":"fz"},"target":{"name":"n"}})",
        R"({"spec":{"containers":[{"name":"app","$patch":"delete"}]}})",
        R"({"metadata":{"finalizers":null,"resourceVersion":"abc"}})",
        "null",
        "[]",
        "\"str\"",
        "{}",
        "",
    };
    std::string body = seeds[rng() % seeds.size()];
    switch (rng() % 5) {
    case 0: // truncate
        if (!body.empty())
            body.resize(rng() % body.size());
        break;
    case 1: // flip bytes
        for (int i = 0; i < 4 && !body.empty(); ++i)
            body[rng() % body.size()] = char(rng() % 256);
        break;
    case 2: // deep nesting
        body = std::string(rng() % 3000, '[') + body;
        break;
    default:
        break;
    }
    return body;
}

std::string randomPath(std::mt19937 &rng) {
    static const std::vector<std::string> segments = {"api",
                                                      "apis",
                                                      "v1",
                                                      "apps",
                                                      "namespaces",
                                                      "default",
                                                      "kube-system",
                                                      "pods",
                                                      "deployments",
                                                      "services",
                                                      "nodes",
                                                      "fz",
                                                      "status",
                                                      "scale",
                                                      "binding",
                                                      "eviction",
                                                      "log",
                                                      "..",
                                                      "",
                                                      "%00",
                                                      "coordination.k8s.io",
                                                      "leases",
                                                      "events",
                                                      "configmaps",
                                                      "x"};
    std::string path;
    int n = 1 + int(rng() % 7);
    for (int i = 0; i < n; ++i)
        path += "/" + segments[rng() % segments.size()];
    return path;
}

TEST_F(FuzzTest, RandomRequestsNeverCrashOrHalfWrite) {
    std::mt19937 rng(20261128);
    const std::vector<std::string> methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    const std::vector<std::string> contentTypes = {"application/json",
                                                   "application/merge-patch+json",
                                                   "application/json-patch+json",
                                                   "application/strategic-merge-patch+json",
                                                   "text/plain",
                                                   ""};
    const std::vector<std::string> queries = {"",
                                              "labelSelector=a%3Db",
                                              "fieldSelector=metadata.name=fz",
                                              "limit=1",
                                              "continue=zzz",
                                              "dryRun=All",
                                              "fieldValidation=Strict",
                                              "labelSelector=(((",
                                              "gracePeriodSeconds=0",
                                              "propagationPolicy=Foreground",
                                              "limit=-4"};
    for (int i = 0; i < 3000; ++i) {
        http::Request request;
        request.method = methods[rng() % methods.size()];
        request.path = randomPath(rng);
        std::string q = queries[rng() % queries.size()];
        request.target = request.path + (q.empty() ? "" : "?" + q);
        if (!q.empty()) {
            auto eq = q.find('=');
            request.query.emplace(q.substr(0, eq), q.substr(eq + 1));
        }
        request.headers["Authorization"] = "Bearer admin-token";
        std::string ct = contentTypes[rng() % contentTypes.size()];
        if (!ct.empty())
            request.headers["Content-Type"] = ct;
        request.body = randomBody(rng);
        RecordingSink sink;
        m_server->handle(request, sink);
        ASSERT_EQ(sink.sends, 1) << request.method << " " << request.target;
        ASSERT_GE(sink.status, 200) << request.method << " " << request.target;
        ASSERT_LT(sink.status, 600);
        if (sink.status >= 400 && !sink.body.empty()) {
            Json status = Json::parse(sink.body, nullptr, false);
            ASSERT_TRUE(status.is_object()) << sink.body;
            EXPECT_EQ(status["kind"], "Status") << request.method << " " << request.target;
        }
    }
    // Every stored object is whole: valid JSON with a name, uid and the right kind.
    auto listed = m_store->list("/registry/");
    ASSERT_TRUE(listed);
    for (const auto &kv : listed->items) {
        Json object = decodeStored(kv);
        ASSERT_TRUE(object.is_object()) << kv.key;
        EXPECT_FALSE(object["metadata"].value("name", "").empty()) << kv.key;
        EXPECT_FALSE(object["metadata"].value("uid", "").empty()) << kv.key;
        EXPECT_FALSE(object.value("kind", "").empty()) << kv.key;
    }
}

} // namespace
