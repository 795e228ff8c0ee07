// ResourceService semantics, called in-process as the controllers do.
#include "fixture.h"

#include "apiserver/object_codec.h"

using namespace cox;
using namespace cox::apiserver;
using namespace cox::apiserver::testing;
using model::Json;

namespace {

class ServiceTest : public ApiFixture {};

TEST_F(ServiceTest, BootstrapCreatesNamespacesAndKubernetesService) {
    for (const char *ns : {"default", "kube-system", "kube-public", "kube-node-lease"})
        EXPECT_TRUE(svc().get(type("", "namespaces"), "", ns, asUser(admin()))) << ns;
    auto kubernetes = svc().get(type("", "services"), "default", "kubernetes", asUser(admin()));
    ASSERT_TRUE(kubernetes);
    EXPECT_EQ((*kubernetes)["spec"]["clusterIP"], "10.43.0.1");
    EXPECT_TRUE(m_server->bootstrap().isOk()); // idempotent
}

TEST_F(ServiceTest, CreateSetsServerFields) {
    Json pod = mustCreate(pods(), "default", makePod("web").build());
    const Json &meta = pod["metadata"];
    EXPECT_EQ(meta["uid"].get<std::string>().size(), 36u);
    EXPECT_EQ(meta["uid"].get<std::string>()[14], '4');
    EXPECT_EQ(meta["creationTimestamp"], formatRfc3339(m_clock.now()));
    EXPECT_EQ(meta["generation"], 1);
    EXPECT_EQ(meta["namespace"], "default");
    EXPECT_EQ(meta["resourceVersion"], std::to_string(m_store->revision()));
    EXPECT_EQ(pod["status"]["phase"], "Pending");
    EXPECT_EQ(pod["status"]["qosClass"], "BestEffort");
    auto got = svc().get(pods(), "default", "web", asUser(admin()));
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, pod);
}

TEST_F(ServiceTest, CreateErrorsReadLikeKubernetes) {
    mustCreate(pods(), "default", makePod("web").build());
    auto dup = svc().create(pods(), "default", makePod("web").build(), asUser(admin()));
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.status().code(), StatusCode::AlreadyExists);
    EXPECT_EQ(dup.status().message(), "pods \"web\" already exists");

    Json other = makePod("x").build();
    other["metadata"]["namespace"] = "kube-system";
    auto mismatch = svc().create(pods(), "default", other, asUser(admin()));
    ASSERT_FALSE(mismatch);
    EXPECT_EQ(mismatch.status().code(), StatusCode::BadRequest);
    EXPECT_EQ(mismatch.status().message(), "the namespace of the provided object does not match "
                                           "the namespace sent on the request");

    auto noNs = svc().create(pods(), "nope", makePod("y").build(), asUser(admin()));
    ASSERT_FALSE(noNs);
    EXPECT_EQ(noNs.status().code(), StatusCode::NotFound);

    ErrorDetails details;
    auto invalid =
        svc().create(pods(), "default", makePod("Bad_Name").build(), asUser(admin(), &details));
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.status().code(), StatusCode::Invalid);
    EXPECT_EQ(invalid.status().message().rfind("Pod \"Bad_Name\" is invalid: ", 0), 0u)
        << invalid.status().message();
    ASSERT_FALSE(details.causes.empty());
    EXPECT_EQ(details.causes[0].field, "metadata.name");

    Json wrongKind = makePod("z").build();
    wrongKind["kind"] = "Service";
    EXPECT_EQ(svc().create(pods(), "default", wrongKind, asUser(admin())).status().code(),
              StatusCode::BadRequest);
}

TEST_F(ServiceTest, GenerateNameAndDryRun) {
    Json pod = makePod("").build();
    pod["metadata"].erase("name");
    pod["metadata"]["generateName"] = "web-";
    Json created = mustCreate(pods(), "default", pod);
    std::string name = created["metadata"]["name"];
    EXPECT_EQ(name.size(), 9u);
    EXPECT_EQ(name.rfind("web-", 0), 0u);

    int64_t before = m_store->revision();
    auto dry = svc().create(pods(), "default", makePod("dry").build(), asUser(admin()), {true});
    ASSERT_TRUE(dry);
    EXPECT_EQ(m_store->revision(), before);
    EXPECT_FALSE(svc().get(pods(), "default", "dry", asUser(admin())));
}

TEST_F(ServiceTest, UpdateConflictsAndGeneration) {
    Json pod = mustCreate(type("apps", "deployments"), "default", makeDeployment("web", 1));
    Json changed = pod;
    changed["spec"]["replicas"] = 3;
    auto updated =
        svc().update(type("apps", "deployments"), "default", "web", changed, asUser(admin()));
    ASSERT_TRUE(updated) << updated.status().message();
    EXPECT_EQ((*updated)["metadata"]["generation"], 2);
    EXPECT_EQ((*updated)["metadata"]["uid"], pod["metadata"]["uid"]);

    // The old resourceVersion is stale now.
    auto stale =
        svc().update(type("apps", "deployments"), "default", "web", changed, asUser(admin()));
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.status().code(), StatusCode::Conflict);
    EXPECT_EQ(stale.status().message(),
              "Operation cannot be fulfilled on deployments.apps \"web\": the object has been "
              "modified; please apply your changes to the latest version and try again");

    // A label change is not a spec change; status sent on the main resource is ignored.
    Json labelled = *updated;
    labelled["metadata"]["labels"]["tier"] = "front";
    labelled["status"] = {{"replicas", 7}};
    auto relabelled =
        svc().update(type("apps", "deployments"), "default", "web", labelled, asUser(admin()));
    ASSERT_TRUE(relabelled);
    EXPECT_EQ((*relabelled)["metadata"]["generation"], 2);
    EXPECT_FALSE((*relabelled).contains("status") && (*relabelled)["status"].contains("replicas"));

    labelled["metadata"]["resourceVersion"] = (*relabelled)["metadata"]["resourceVersion"];
    auto status = svc().updateStatus(type("apps", "deployments"), "default", "web", labelled,
                                     asUser(admin()));
    ASSERT_TRUE(status) << status.status().message();
    EXPECT_EQ((*status)["status"]["replicas"], 7);
    EXPECT_EQ((*status)["metadata"]["generation"], 2);
}

TEST_F(ServiceTest, PatchKinds) {
    mustCreate(pods(), "default", makePod("web").label("app", "web").build());
    auto merged = svc().patch(pods(), "default", "web", PatchType::Merge,
                              R"({"metadata":{"labels":{"tier":"front"}}})", asUser(admin()));
    ASSERT_TRUE(merged) << merged.status().message();
    EXPECT_EQ((*merged)["metadata"]["labels"]["tier"], "front");
    EXPECT_EQ((*merged)["metadata"]["labels"]["app"], "web");

    auto jsonPatched =
        svc().patch(pods(), "default", "web", PatchType::Json,
                    R"([{"op":"remove","path":"/metadata/labels/tier"}])", asUser(admin()));
    ASSERT_TRUE(jsonPatched) << jsonPatched.status().message();
    EXPECT_FALSE((*jsonPatched)["metadata"]["labels"].contains("tier"));

    // kubectl apply's strategic patch: merge a container by name, keep the others.
    auto strategic = svc().patch(type("apps", "deployments"), "default", "web",
                                 PatchType::StrategicMerge, "{}", asUser(admin()));
    EXPECT_EQ(strategic.status().code(), StatusCode::NotFound);
    mustCreate(type("apps", "deployments"), "default", makeDeployment("web", 1));
    strategic = svc().patch(
        type("apps", "deployments"), "default", "web", PatchType::StrategicMerge,
        R"({"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.28"}]}}}})",
        asUser(admin()));
    ASSERT_TRUE(strategic) << strategic.status().message();
    EXPECT_EQ((*strategic)["spec"]["template"]["spec"]["containers"].size(), 1u);
    EXPECT_EQ((*strategic)["spec"]["template"]["spec"]["containers"][0]["image"], "nginx:1.28");
    EXPECT_EQ((*strategic)["metadata"]["generation"], 2);

    // A patch that changes nothing writes nothing.
    int64_t before = m_store->revision();
    auto noop = svc().patch(pods(), "default", "web", PatchType::Merge,
                            R"({"metadata":{"labels":{"app":"web"}}})", asUser(admin()));
    ASSERT_TRUE(noop);
    EXPECT_EQ(m_store->revision(), before);

    // A resourceVersion in the patch is a precondition.
    auto stale = svc().patch(pods(), "default", "web", PatchType::Merge,
                             R"({"metadata":{"resourceVersion":"1"}})", asUser(admin()));
    EXPECT_EQ(stale.status().code(), StatusCode::Conflict);
    auto bad = svc().patch(pods(), "default", "web", PatchType::Merge, "{nope", asUser(admin()));
    EXPECT_EQ(bad.status().code(), StatusCode::BadRequest);
    auto apply = svc().patch(pods(), "default", "web", PatchType::Apply, "{}", asUser(admin()));
    EXPECT_EQ(apply.status().code(), StatusCode::UnsupportedMediaType);
}

TEST_F(ServiceTest, ListSelectorsAndPagination) {
    for (int i = 0; i < 5; ++i)
        mustCreate(
            pods(), "default",
            makePod("p" + std::to_string(i)).label("parity", i % 2 ? "odd" : "even").build());
    mustCreate(pods(), "kube-system", makePod("sys").build());

    auto all = svc().list(pods(), "", {}, asUser(admin()));
    ASSERT_TRUE(all);
    EXPECT_EQ((*all)["kind"], "PodList");
    EXPECT_EQ((*all)["items"].size(), 6u);
    EXPECT_EQ((*all)["items"][0]["kind"], "Pod");
    EXPECT_EQ((*all)["metadata"]["resourceVersion"], std::to_string(m_store->revision()));

    auto even = svc().list(pods(), "default", {"parity=even", "", 0, ""}, asUser(admin()));
    ASSERT_TRUE(even);
    EXPECT_EQ((*even)["items"].size(), 3u);

    auto named = svc().list(pods(), "default", {"", "metadata.name=p3", 0, ""}, asUser(admin()));
    ASSERT_TRUE(named);
    ASSERT_EQ((*named)["items"].size(), 1u);
    EXPECT_EQ((*named)["items"][0]["metadata"]["name"], "p3");

    EXPECT_EQ(svc().list(pods(), "default", {"a in (", "", 0, ""}, asUser(admin())).status().code(),
              StatusCode::BadRequest);
    EXPECT_EQ(
        svc().list(pods(), "default", {"", "spec.bogus=1", 0, ""}, asUser(admin())).status().code(),
        StatusCode::BadRequest);

    std::vector<std::string> seen;
    ListOptions page{"", "", 2, ""};
    for (int i = 0; i < 10; ++i) {
        auto got = svc().list(pods(), "default", page, asUser(admin()));
        ASSERT_TRUE(got) << got.status().message();
        for (const auto &item : (*got)["items"])
            seen.push_back(item["metadata"]["name"]);
        page.continueToken = (*got)["metadata"].value("continue", "");
        if (page.continueToken.empty())
            break;
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"p0", "p1", "p2", "p3", "p4"}));
    page.continueToken = "garbage!";
    EXPECT_EQ(svc().list(pods(), "default", page, asUser(admin())).status().code(),
              StatusCode::BadRequest);
}

TEST_F(ServiceTest, PodDeletionIsGracefulOnlyWhenBound) {
    mustCreate(pods(), "default", makePod("free").build());
    auto freeGone = svc().remove(pods(), "default", "free", {}, asUser(admin()));
    ASSERT_TRUE(freeGone);
    EXPECT_TRUE(freeGone->removed);

    mustCreate(pods(), "default", makePod("bound").node("node-1").build());
    auto pending = svc().remove(pods(), "default", "bound", {}, asUser(admin()));
    ASSERT_TRUE(pending) << pending.status().message();
    EXPECT_FALSE(pending->removed);
    EXPECT_EQ(pending->object["metadata"]["deletionGracePeriodSeconds"], 30);
    EXPECT_EQ(pending->object["metadata"]["deletionTimestamp"],
              formatRfc3339(m_clock.now() + std::chrono::seconds(30)));
    // The node agent may still report status while the pod stops.
    auto status =
        svc().patch(pods(), "default", "bound", PatchType::Merge,
                    R"({"status":{"phase":"Running"}})", asUser(nodeUser("node-1")), {}, "status");
    ASSERT_TRUE(status) << status.status().message();
    DeleteOptions now;
    now.gracePeriodSeconds = 0;
    auto gone = svc().remove(pods(), "default", "bound", now, asUser(nodeUser("node-1")));
    ASSERT_TRUE(gone) << gone.status().message();
    EXPECT_TRUE(gone->removed);
    EXPECT_FALSE(svc().get(pods(), "default", "bound", asUser(admin())));
}

TEST_F(ServiceTest, FinalizersHoldDeletionUntilRemoved) {
    mustCreate(pods(), "default", makePod("held").finalizer("example.com/hold").build());
    auto pending = svc().remove(pods(), "default", "held", {}, asUser(admin()));
    ASSERT_TRUE(pending);
    EXPECT_FALSE(pending->removed);
    EXPECT_TRUE(pending->object["metadata"].contains("deletionTimestamp"));
    auto cleared = svc().patch(pods(), "default", "held", PatchType::Merge,
                               R"({"metadata":{"finalizers":null}})", asUser(admin()));
    ASSERT_TRUE(cleared) << cleared.status().message();
    EXPECT_FALSE(svc().get(pods(), "default", "held", asUser(admin())));

    mustCreate(type("apps", "deployments"), "default", makeDeployment("orphaned", 1));
    DeleteOptions orphan;
    orphan.propagationPolicy = "Orphan";
    auto marked =
        svc().remove(type("apps", "deployments"), "default", "orphaned", orphan, asUser(admin()));
    ASSERT_TRUE(marked);
    EXPECT_EQ(marked->object["metadata"]["finalizers"], Json::array({"orphan"}));
}

TEST_F(ServiceTest, BindingAndScale) {
    mustCreate(pods(), "default", makePod("web").build());
    Json binding = {{"apiVersion", "v1"},
                    {"kind", "Binding"},
                    {"metadata", {{"name", "web"}}},
                    {"target", {{"kind", "Node"}, {"name", "node-1"}}}};
    auto bound = svc().bind("default", "web", binding, asUser(admin()), {});
    ASSERT_TRUE(bound) << bound.status().message();
    auto pod = svc().get(pods(), "default", "web", asUser(admin()));
    EXPECT_EQ((*pod)["spec"]["nodeName"], "node-1");
    EXPECT_EQ((*pod)["status"]["conditions"][0]["type"], "PodScheduled");
    auto again = svc().bind("default", "web", binding, asUser(admin()), {});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.status().code(), StatusCode::Conflict);

    const auto &deploys = type("apps", "deployments");
    mustCreate(deploys, "default", makeDeployment("web", 2));
    auto scale = svc().getScale(deploys, "default", "web", asUser(admin()));
    ASSERT_TRUE(scale);
    EXPECT_EQ((*scale)["kind"], "Scale");
    EXPECT_EQ((*scale)["spec"]["replicas"], 2);
    EXPECT_EQ((*scale)["status"]["selector"], "app=web");
    auto patched = svc().patchScale(deploys, "default", "web", PatchType::Merge,
                                    R"({"spec":{"replicas":5}})", asUser(admin()), {});
    ASSERT_TRUE(patched) << patched.status().message();
    EXPECT_EQ((*patched)["spec"]["replicas"], 5);
    auto deploy = svc().get(deploys, "default", "web", asUser(admin()));
    EXPECT_EQ((*deploy)["spec"]["replicas"], 5);
    EXPECT_EQ((*deploy)["metadata"]["generation"], 2);
}

TEST_F(ServiceTest, ServiceAddressesAreAllocatedAndReleased) {
    const auto &services = type("", "services");
    Json a = mustCreate(services, "default", makeService("a"));
    Json b = mustCreate(services, "default", makeService("b", "NodePort"));
    std::string ipA = a["spec"]["clusterIP"], ipB = b["spec"]["clusterIP"];
    EXPECT_NE(ipA, ipB);
    EXPECT_NE(ipA, "10.43.0.1");
    EXPECT_EQ(ipA.rfind("10.43.", 0), 0u);
    int port = b["spec"]["ports"][0]["nodePort"];
    EXPECT_GE(port, 30000);
    EXPECT_LE(port, 32767);

    auto taken =
        svc().create(services, "default", makeService("c", "ClusterIP", ipA), asUser(admin()));
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.status().code(), StatusCode::Invalid);
    auto outside = svc().create(services, "default", makeService("c", "ClusterIP", "10.9.0.5"),
                                asUser(admin()));
    EXPECT_EQ(outside.status().code(), StatusCode::Invalid);
    Json headless = mustCreate(services, "default", makeService("h", "ClusterIP", "None"));
    EXPECT_EQ(headless["spec"]["clusterIP"], "None");

    ASSERT_TRUE(svc().remove(services, "default", "a", {}, asUser(admin())));
    mustCreate(services, "default", makeService("c", "ClusterIP", ipA));
}

TEST_F(ServiceTest, WatchFromRevisionHasNoGapsOrDuplicates) {
    int64_t start = m_store->revision();
    WatchOptions opts;
    opts.resourceVersion = std::to_string(start);
    auto watch = svc().watch(pods(), "default", opts, asUser(admin()));
    ASSERT_TRUE(watch) << watch.status().message();
    mustCreate(pods(), "default", makePod("w").build());
    ASSERT_TRUE(svc().patch(pods(), "default", "w", PatchType::Merge,
                            R"({"metadata":{"labels":{"a":"b"}}})", asUser(admin())));
    ASSERT_TRUE(svc().remove(pods(), "default", "w", {}, asUser(admin())));
    std::vector<WatchEvent> events;
    for (int i = 0; i < 50 && events.size() < 3; ++i) {
        auto got = (*watch)->next(std::chrono::milliseconds(100));
        ASSERT_TRUE(got);
        events.insert(events.end(), got->begin(), got->end());
    }
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].type, WatchEventType::Added);
    EXPECT_EQ(events[1].type, WatchEventType::Modified);
    EXPECT_EQ(events[2].type, WatchEventType::Deleted);
    EXPECT_EQ(events[0].revision, start + 1);
    EXPECT_EQ(events[1].revision, start + 2);
    EXPECT_EQ(events[2].revision, start + 3);
    EXPECT_EQ(events[1].object()["metadata"]["labels"]["a"], "b");

    // From "0": the current state first.
    mustCreate(pods(), "default", makePod("x").label("app", "x").build());
    auto fromZero = svc().watch(pods(), "default", {"app=x", "", "0", false}, asUser(admin()));
    ASSERT_TRUE(fromZero);
    auto initial = (*fromZero)->next(std::chrono::milliseconds(100));
    ASSERT_TRUE(initial);
    ASSERT_EQ(initial->size(), 1u);
    EXPECT_EQ((*initial)[0].type, WatchEventType::Added);
    // Stops matching -> DELETED.
    ASSERT_TRUE(svc().patch(pods(), "default", "x", PatchType::Merge,
                            R"({"metadata":{"labels":{"app":"y"}}})", asUser(admin())));
    std::vector<WatchEvent> after;
    for (int i = 0; i < 50 && after.empty(); ++i) {
        auto got = (*fromZero)->next(std::chrono::milliseconds(100));
        ASSERT_TRUE(got);
        after = *got;
    }
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].type, WatchEventType::Deleted);
}

TEST_F(ServiceTest, NodeRestriction) {
    const auto &nodes = type("", "nodes");
    Json node = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "node-1"}}}};
    auto own = svc().create(nodes, "", node, asUser(nodeUser("node-1")));
    ASSERT_TRUE(own) << own.status().message();
    node["metadata"]["name"] = "node-2";
    auto other = svc().create(nodes, "", node, asUser(nodeUser("node-1")));
    EXPECT_EQ(other.status().code(), StatusCode::Forbidden);
    auto pod = svc().create(pods(), "default", makePod("p").build(), asUser(nodeUser("node-1")));
    EXPECT_EQ(pod.status().code(), StatusCode::Forbidden);
    mustCreate(pods(), "default", makePod("mine").node("node-1").build());
    mustCreate(pods(), "default", makePod("theirs").node("node-2").build());
    EXPECT_TRUE(svc().patch(pods(), "default", "mine", PatchType::Merge,
                            R"({"status":{"phase":"Running"}})", asUser(nodeUser("node-1")), {},
                            "status"));
    EXPECT_EQ(svc()
                  .patch(pods(), "default", "theirs", PatchType::Merge,
                         R"({"status":{"phase":"Running"}})", asUser(nodeUser("node-1")), {},
                         "status")
                  .status()
                  .code(),
              StatusCode::Forbidden);
    EXPECT_EQ(svc()
                  .patch(pods(), "default", "mine", PatchType::Merge,
                         R"({"metadata":{"labels":{"x":"y"}}})", asUser(nodeUser("node-1")))
                  .status()
                  .code(),
              StatusCode::Forbidden);
    EXPECT_EQ(
        svc().remove(pods(), "default", "theirs", {}, asUser(nodeUser("node-1"))).status().code(),
        StatusCode::Forbidden);
}

TEST_F(ServiceTest, NamespaceDeletionRemovesContent) {
    const auto &namespaces = type("", "namespaces");
    mustCreate(namespaces, "", {{"metadata", {{"name", "team"}}}});
    mustCreate(pods(), "team", makePod("a").build());
    mustCreate(type("", "services"), "team", makeService("s"));
    auto terminating = svc().remove(namespaces, "", "team", {}, asUser(admin()));
    ASSERT_TRUE(terminating) << terminating.status().message();
    EXPECT_EQ(terminating->object["status"]["phase"], "Terminating");
    svc().drainNamespaceDeletions();
    EXPECT_FALSE(svc().get(pods(), "team", "a", asUser(admin())));
    EXPECT_FALSE(svc().get(namespaces, "", "team", asUser(admin())));
}

TEST_F(ServiceTest, CreateInTerminatingNamespaceIsForbidden) {
    const auto &namespaces = type("", "namespaces");
    mustCreate(namespaces, "", {{"metadata", {{"name", "closing"}}}});
    // Mark it terminating without letting the reaper finish: a finalizer-free namespace is
    // reaped asynchronously, so check the create right after the delete call returned.
    auto ns = svc().get(namespaces, "", "closing", asUser(admin()));
    Json marked = *ns;
    marked["metadata"]["deletionTimestamp"] = formatRfc3339(m_clock.now());
    auto kv = m_store->get("/registry/namespaces/closing");
    ASSERT_TRUE(kv);
    ASSERT_TRUE(m_store->update(kv->key, encodeForStore(marked), kv->modRevision));
    auto created = svc().create(pods(), "closing", makePod("late").build(), asUser(admin()));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.status().code(), StatusCode::Forbidden);
}

} // namespace
