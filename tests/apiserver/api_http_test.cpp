// The API over real HTTPS: status codes, Status bodies, negotiation, discovery and watch streams.
#include "http_fixture.h"

using namespace cox;
using namespace cox::apiserver;
using namespace cox::apiserver::testing;
using model::Json;

namespace {

class HttpTest : public HttpFixture {};

TEST_F(HttpTest, EveryRequestNeedsAToken) {
    auto anonymous = client("");
    for (const char *path : {"/version", "/healthz", "/api/v1/pods", "/apis"}) {
        auto r = call(anonymous, "GET", path);
        EXPECT_EQ(r.status, 401) << path;
        EXPECT_EQ(json(r)["reason"], "Unauthorized");
        EXPECT_EQ(json(r)["kind"], "Status");
    }
}

TEST_F(HttpTest, NonResourceEndpoints) {
    auto c = client();
    auto version = json(call(c, "GET", "/version?timeout=5s"));
    EXPECT_EQ(version["major"], "1");
    EXPECT_EQ(version["minor"], "32");
    EXPECT_EQ(version["gitVersion"], "v1.32.0+coxswain");
    EXPECT_EQ(call(c, "GET", "/healthz").body, "ok");
    EXPECT_EQ(call(c, "GET", "/readyz").body, "ok");
    call(c, "GET", "/api/v1/namespaces/default/pods");
    auto metrics = call(c, "GET", "/metrics").body;
    EXPECT_NE(metrics.find("coxswain_apiserver_request_duration_seconds"), std::string::npos);
    auto v2 = call(c, "GET", "/openapi/v2");
    EXPECT_EQ(v2.status, 404);
    EXPECT_EQ(json(v2)["kind"], "Status");
    EXPECT_EQ(call(c, "GET", "/openapi/v3").status, 200);
    EXPECT_EQ(call(c, "GET", "/nope").status, 404);
}

TEST_F(HttpTest, DiscoveryShapes) {
    auto c = client();
    const std::string accept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        "application/json";
    auto api = json(call(c, "GET", "/api", {}, {{"Accept", accept}}));
    EXPECT_EQ(api["kind"], "APIVersions");
    EXPECT_EQ(api["versions"], Json::array({"v1"}));
    EXPECT_TRUE(api["serverAddressByClientCIDRs"].is_array());
    auto apis = json(call(c, "GET", "/apis", {}, {{"Accept", accept}}));
    EXPECT_EQ(apis["kind"], "APIGroupList");
    bool apps = false;
    for (const auto &g : apis["groups"])
        apps = apps || (g["name"] == "apps" && g["preferredVersion"]["groupVersion"] == "apps/v1");
    EXPECT_TRUE(apps);
    auto core = json(call(c, "GET", "/api/v1"));
    EXPECT_EQ(core["kind"], "APIResourceList");
    bool pods = false, binding = false;
    for (const auto &r : core["resources"]) {
        if (r["name"] == "pods") {
            pods = true;
            EXPECT_EQ(r["shortNames"], Json::array({"po"}));
            EXPECT_EQ(r["categories"], Json::array({"all"}));
            EXPECT_EQ(r["namespaced"], true);
        }
        if (r["name"] == "pods/binding")
            binding = r["kind"] == "Binding";
    }
    EXPECT_TRUE(pods);
    EXPECT_TRUE(binding);
    auto appsV1 = json(call(c, "GET", "/apis/apps/v1"));
    bool scale = false;
    for (const auto &r : appsV1["resources"])
        if (r["name"] == "deployments/scale")
            scale = r["kind"] == "Scale" && r["group"] == "autoscaling" && r["version"] == "v1";
    EXPECT_TRUE(scale);
    EXPECT_EQ(call(c, "GET", "/apis/nope/v1").status, 404);
}

TEST_F(HttpTest, CrudWithStatusBodies) {
    auto c = client();
    std::string body = makePod("web").label("app", "web").build().dump();
    auto created = call(c, "POST", "/api/v1/namespaces/default/pods", body);
    EXPECT_EQ(created.status, 201);
    EXPECT_EQ(json(created)["metadata"]["name"], "web");
    auto dup = call(c, "POST", "/api/v1/namespaces/default/pods", body);
    EXPECT_EQ(dup.status, 409);
    EXPECT_EQ(json(dup)["reason"], "AlreadyExists");
    EXPECT_EQ(json(dup)["details"]["kind"], "pods");
    EXPECT_EQ(json(dup)["details"]["name"], "web");

    auto got = call(c, "GET", "/api/v1/namespaces/default/pods/web");
    EXPECT_EQ(got.status, 200);
    auto missing = call(c, "GET", "/api/v1/namespaces/default/pods/nope");
    EXPECT_EQ(missing.status, 404);
    Json status = json(missing);
    EXPECT_EQ(status["message"], "pods \"nope\" not found");
    EXPECT_EQ(status["status"], "Failure");
    EXPECT_EQ(status["code"], 404);

    auto all = json(call(c, "GET", "/api/v1/pods"));
    EXPECT_EQ(all["kind"], "PodList");
    EXPECT_EQ(all["items"].size(), 1u);

    Json stale = json(got);
    stale["metadata"]["resourceVersion"] = "1";
    auto conflict = call(c, "PUT", "/api/v1/namespaces/default/pods/web", stale.dump());
    EXPECT_EQ(conflict.status, 409);
    EXPECT_EQ(json(conflict)["reason"], "Conflict");

    auto invalid =
        call(c, "POST", "/api/v1/namespaces/default/pods", makePod("Not_Valid").build().dump());
    EXPECT_EQ(invalid.status, 422);
    EXPECT_EQ(json(invalid)["reason"], "Invalid");
    EXPECT_EQ(json(invalid)["details"]["causes"][0]["field"], "metadata.name");

    auto removed = call(c, "DELETE", "/api/v1/namespaces/default/pods/web");
    EXPECT_EQ(removed.status, 200);
    EXPECT_EQ(call(c, "GET", "/api/v1/namespaces/default/pods/web").status, 404);
}

TEST_F(HttpTest, BadRequestsGetTheRightCodes) {
    auto c = client();
    auto yaml = call(c, "POST", "/api/v1/namespaces/default/pods", "a: b",
                     {{"Content-Type", "text/plain"}});
    EXPECT_EQ(yaml.status, 415);
    EXPECT_EQ(json(yaml)["reason"], "UnsupportedMediaType");
    auto malformed = call(c, "POST", "/api/v1/namespaces/default/pods", "{\"metadata\":");
    EXPECT_EQ(malformed.status, 400);
    auto notAllowed = call(c, "DELETE", "/api/v1/namespaces");
    EXPECT_EQ(notAllowed.status, 405);
    EXPECT_EQ(json(notAllowed)["reason"], "MethodNotAllowed");
    auto protobufOnly =
        call(c, "GET", "/api/v1/pods", {}, {{"Accept", "application/vnd.kubernetes.protobuf"}});
    EXPECT_EQ(protobufOnly.status, 406);
    auto wrongNs = makePod("p").build();
    wrongNs["metadata"]["namespace"] = "kube-system";
    EXPECT_EQ(call(c, "POST", "/api/v1/namespaces/default/pods", wrongNs.dump()).status, 400);
    EXPECT_EQ(call(c, "GET", "/api/v1/namespaces/default/pods?labelSelector=a%20in%20(").status,
              400);
    EXPECT_EQ(call(c, "GET", "/api/v1/namespaces/default/widgets").status, 404);
    EXPECT_EQ(call(c, "PATCH", "/api/v1/namespaces/default/pods/x", "{}",
                   {{"Content-Type", "application/apply-patch+yaml"}})
                  .status,
              415);
    std::string big(4 * 1024 * 1024, ' ');
    auto tooBig = c.request("POST", "/api/v1/namespaces/default/pods", big,
                            {{"Content-Type", "application/json"}});
    if (tooBig) {
        EXPECT_EQ(tooBig->status, 413);
    }
}

TEST_F(HttpTest, FieldValidationModes) {
    auto c = client();
    Json pod = makePod("strict").build();
    pod["spec"]["foo"] = 1;
    auto strict =
        call(c, "POST", "/api/v1/namespaces/default/pods?fieldValidation=Strict", pod.dump());
    EXPECT_EQ(strict.status, 400);
    EXPECT_NE(json(strict)["message"].get<std::string>().find(
                  "strict decoding error: unknown field \"spec.foo\""),
              std::string::npos)
        << strict.body;
    auto dupBody = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"d","name":"d"},)"
                   R"("spec":{"containers":[{"name":"a","image":"x"}]}})";
    auto dup = call(c, "POST", "/api/v1/namespaces/default/pods?fieldValidation=Strict", dupBody);
    EXPECT_EQ(dup.status, 400);
    EXPECT_NE(dup.body.find("duplicate field"), std::string::npos);

    auto warn = call(c, "POST", "/api/v1/namespaces/default/pods", pod.dump());
    EXPECT_EQ(warn.status, 201);
    EXPECT_EQ(warn.headers["Warning"], "299 - \"unknown field \\\"spec.foo\\\"\"");
    EXPECT_FALSE(json(warn)["spec"].contains("foo"));
    pod["metadata"]["name"] = "ignored";
    auto ignore =
        call(c, "POST", "/api/v1/namespaces/default/pods?fieldValidation=Ignore", pod.dump());
    EXPECT_EQ(ignore.status, 201);
    EXPECT_EQ(ignore.headers.count("Warning"), 0u);
}

TEST_F(HttpTest, TablesForGetListAndWatch) {
    auto c = client();
    call(c, "POST", "/api/v1/namespaces/default/pods", makePod("web").build().dump());
    const std::string accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;"
                               "as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    auto list =
        json(call(c, "GET", "/api/v1/namespaces/default/pods?limit=500", {}, {{"Accept", accept}}));
    EXPECT_EQ(list["kind"], "Table");
    EXPECT_EQ(list["apiVersion"], "meta.k8s.io/v1");
    ASSERT_EQ(list["rows"].size(), 1u);
    EXPECT_EQ(list["rows"][0]["cells"][0], "web");
    EXPECT_EQ(list["rows"][0]["object"]["kind"], "PartialObjectMetadata");
    EXPECT_FALSE(list["metadata"]["resourceVersion"].get<std::string>().empty());
    auto one = json(call(c, "GET", "/api/v1/namespaces/default/pods/web?includeObject=None", {},
                         {{"Accept", accept}}));
    EXPECT_EQ(one["rows"].size(), 1u);
    EXPECT_FALSE(one["rows"][0].contains("object"));

    auto stream = c.stream("GET", "/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=5",
                           {{"Accept", accept}});
    ASSERT_TRUE(stream) << stream.status().message();
    auto line = (*stream)->nextLine(std::chrono::seconds(10));
    ASSERT_TRUE(line && *line);
    Json event = Json::parse(**line);
    EXPECT_EQ(event["type"], "ADDED");
    EXPECT_EQ(event["object"]["kind"], "Table");
    EXPECT_EQ(event["object"]["rows"][0]["cells"][0], "web");
}

TEST_F(HttpTest, KubectlDeleteWatchSeesDeleted) {
    auto c = client();
    call(c, "POST", "/api/v1/namespaces/default/pods", makePod("gone").build().dump());
    call(c, "POST", "/api/v1/namespaces/default/pods", makePod("stays").build().dump());
    auto rv = json(call(c, "GET", "/api/v1/namespaces/default/pods"))["metadata"]["resourceVersion"]
                  .get<std::string>();
    auto stream =
        c.stream("GET", "/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dgone"
                        "&resourceVersion=" +
                            rv + "&watch=true&timeoutSeconds=10");
    ASSERT_TRUE(stream) << stream.status().message();
    auto other = client();
    call(other, "DELETE", "/api/v1/namespaces/default/pods/stays");
    call(other, "DELETE", "/api/v1/namespaces/default/pods/gone");
    auto line = (*stream)->nextLine(std::chrono::seconds(10));
    ASSERT_TRUE(line && *line);
    Json event = Json::parse(**line);
    EXPECT_EQ(event["type"], "DELETED");
    EXPECT_EQ(event["object"]["metadata"]["name"], "gone");
}

TEST_F(HttpTest, WatchFromCompactedRevisionIsExpired) {
    auto c = client();
    call(c, "POST", "/api/v1/namespaces/default/pods", makePod("a").build().dump());
    call(c, "POST", "/api/v1/namespaces/default/pods", makePod("b").build().dump());
    ASSERT_TRUE(m_store->compact(m_store->revision()).isOk());
    auto stream = c.stream("GET", "/api/v1/namespaces/default/pods?watch=1&resourceVersion=2");
    ASSERT_TRUE(stream) << stream.status().message();
    auto line = (*stream)->nextLine(std::chrono::seconds(10));
    ASSERT_TRUE(line && *line);
    Json event = Json::parse(**line);
    EXPECT_EQ(event["type"], "ERROR");
    EXPECT_EQ(event["object"]["code"], 410);
    EXPECT_EQ(event["object"]["reason"], "Expired");
}

TEST_F(HttpTest, WatchBookmarks) {
    auto c = client();
    auto stream = c.stream("GET", "/api/v1/namespaces/default/pods?watch=true&"
                                  "allowWatchBookmarks=true&timeoutSeconds=5");
    ASSERT_TRUE(stream);
    auto line = (*stream)->nextLine(std::chrono::seconds(10));
    ASSERT_TRUE(line && *line);
    Json event = Json::parse(**line);
    EXPECT_EQ(event["type"], "BOOKMARK");
    EXPECT_FALSE(event["object"]["metadata"]["resourceVersion"].get<std::string>().empty());
}

TEST_F(HttpTest, PatchTypesScaleAndBinding) {
    auto c = client();
    call(c, "POST", "/apis/apps/v1/namespaces/default/deployments",
         makeDeployment("web", 1).dump());
    auto smp = call(
        c, "PATCH", "/apis/apps/v1/namespaces/default/deployments/web",
        R"({"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},)"
        R"("spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:2"}]}}}})",
        {{"Content-Type", "application/strategic-merge-patch+json"}});
    EXPECT_EQ(smp.status, 200) << smp.body;
    EXPECT_EQ(json(smp)["metadata"]["generation"], 2);
    auto scale =
        call(c, "PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale",
             R"({"spec":{"replicas":4}})", {{"Content-Type", "application/merge-patch+json"}});
    EXPECT_EQ(scale.status, 200) << scale.body;
    EXPECT_EQ(json(scale)["kind"], "Scale");
    EXPECT_EQ(json(scale)["spec"]["replicas"], 4);
    auto jp = call(c, "PATCH", "/apis/apps/v1/namespaces/default/deployments/web",
                   R"([{"op":"test","path":"/spec/replicas","value":4}])",
                   {{"Content-Type", "application/json-patch+json"}});
    EXPECT_EQ(jp.status, 200) << jp.body;

    call(c, "POST", "/api/v1/namespaces/default/pods", makePod("p").build().dump());
    std::string binding =
        R"({"apiVersion":"v1","kind":"Binding","metadata":{"name":"p"},"target":{"kind":"Node","name":"n1"}})";
    EXPECT_EQ(call(c, "POST", "/api/v1/namespaces/default/pods/p/binding", binding).status, 201);
    EXPECT_EQ(call(c, "POST", "/api/v1/namespaces/default/pods/p/binding", binding).status, 409);
    auto status = call(c, "GET", "/api/v1/namespaces/default/pods/p/status");
    EXPECT_EQ(json(status)["spec"]["nodeName"], "n1");
    auto log = call(c, "GET", "/api/v1/namespaces/default/pods/p/log");
    EXPECT_EQ(json(log)["kind"], "Status");
    std::string eviction =
        R"({"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"p"}})";
    EXPECT_EQ(call(c, "POST", "/api/v1/namespaces/default/pods/p/eviction", eviction).status, 201);
    auto evicted = json(call(c, "GET", "/api/v1/namespaces/default/pods/p"));
    EXPECT_TRUE(evicted["metadata"].contains("deletionTimestamp"));
}

TEST_F(HttpTest, AuthorizationAndNodeRestriction) {
    auto viewer = client("viewer-token");
    EXPECT_EQ(call(viewer, "GET", "/api/v1/pods").status, 200);
    auto denied =
        call(viewer, "POST", "/api/v1/namespaces/default/pods", makePod("v").build().dump());
    EXPECT_EQ(denied.status, 403);
    EXPECT_EQ(json(denied)["reason"], "Forbidden");
    EXPECT_NE(json(denied)["message"].get<std::string>().find("cannot create resource \"pods\""),
              std::string::npos);

    auto node = client("node-token");
    Json own = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "node-1"}}}};
    EXPECT_EQ(call(node, "POST", "/api/v1/nodes", own.dump()).status, 201);
    own["metadata"]["name"] = "node-2";
    EXPECT_EQ(call(node, "POST", "/api/v1/nodes", own.dump()).status, 403);
    Json lease = {{"apiVersion", "coordination.k8s.io/v1"},
                  {"kind", "Lease"},
                  {"metadata", {{"name", "node-1"}}},
                  {"spec", {{"holderIdentity", "node-1"}}}};
    EXPECT_EQ(call(node, "POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                   lease.dump())
                  .status,
              201);
    EXPECT_EQ(call(node, "DELETE", "/api/v1/namespaces/default/services/kubernetes").status, 403);
}

} // namespace
