// Pure units: object views, YAML rendering, kubeconfig parsing, command-line options.
#include "api/kubeconfig_reader.h"
#include "console_options.h"
#include "inspector/yaml_writer.h"
#include "models/cluster_model.h"
#include "models/object_views.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

namespace cox::console {

namespace {

QJsonObject parse(const char *json) {
    return QJsonDocument::fromJson(json).object();
}

} // namespace

TEST(ObjectViews, PodViewSumsRequestsAndKeysColourOnTheDeployment) {
    PodView pod =
        PodView::fromJson(parse(R"({"metadata":{"name":"web-5d8f7c-abcde","namespace":"shop",
        "labels":{"app":"web","pod-template-hash":"5d8f7c"},
        "ownerReferences":[{"kind":"ReplicaSet","name":"web-5d8f7c","controller":true}]},
        "spec":{"nodeName":"n1","containers":[{"name":"a","resources":{"requests":{"cpu":"250m","memory":"64Mi"}}},
                                              {"name":"b","resources":{"requests":{"cpu":"1","memory":"1Gi"}}}]},
        "status":{"phase":"Running","containerStatuses":[{"restartCount":2},{"restartCount":1}]}})"));
    EXPECT_EQ(pod.key, "shop/web-5d8f7c-abcde");
    EXPECT_EQ(pod.owner, "web");
    EXPECT_EQ(pod.cpuMilli, 1250);
    EXPECT_EQ(pod.memoryBytes, 64ll * 1024 * 1024 + 1024ll * 1024 * 1024);
    EXPECT_EQ(pod.restarts, 3);
    EXPECT_EQ(pod.nodeName, "n1");
    EXPECT_EQ(pod.phase, "Running");
}

TEST(ObjectViews, NodeViewReadsReadinessRoleAndAllocatable) {
    NodeView node = NodeView::fromJson(
        parse(R"({"metadata":{"name":"cp","labels":{"node-role.kubernetes.io/control-plane":""}},
        "spec":{"unschedulable":true},
        "status":{"allocatable":{"cpu":"3500m","memory":"7Gi","pods":"110"},
                  "conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}]}})"));
    EXPECT_TRUE(node.ready);
    EXPECT_TRUE(node.unschedulable);
    EXPECT_EQ(node.role, "control-plane");
    EXPECT_EQ(node.cpuMilli, 3500);
    EXPECT_EQ(node.memoryBytes, 7ll * 1024 * 1024 * 1024);
    EXPECT_EQ(node.podCapacity, 110);
}

TEST(ClusterModel, PendingCountFollowsBindingAndDeletion) {
    ClusterModel model;
    PodView pod;
    pod.key = "default/a";
    pod.phase = "Pending";
    model.upsertPod(pod);
    EXPECT_EQ(model.pendingCount(), 1);
    pod.nodeName = "n1";
    model.upsertPod(pod);
    EXPECT_EQ(model.pendingCount(), 0);
    pod.nodeName.clear();
    pod.phase = "Succeeded"; // finished pods are not waiting for a node
    model.upsertPod(pod);
    EXPECT_EQ(model.pendingCount(), 0);
    pod.phase = "Pending";
    model.upsertPod(pod);
    model.removePod("default/a");
    EXPECT_EQ(model.pendingCount(), 0);
    EXPECT_EQ(model.podCount(), 0);
}

TEST(YamlWriter, RendersNestedObjectsListsAndQuotesAmbiguousStrings) {
    const QString yaml = YamlWriter::toYaml(parse(R"({"metadata":{"name":"web","labels":{}},
        "spec":{"replicas":3,"flag":"true","ports":[{"port":80,"name":"http"}],"args":["a b","x:y"]}})"));
    EXPECT_EQ(yaml.toStdString(), "metadata:\n"
                                  "  labels: {}\n"
                                  "  name: web\n"
                                  "spec:\n"
                                  "  args:\n"
                                  "  - a b\n"
                                  "  - \"x:y\"\n"
                                  "  flag: \"true\"\n"
                                  "  ports:\n"
                                  "  - name: http\n"
                                  "    port: 80\n"
                                  "  replicas: 3\n");
}

TEST(KubeconfigReader, FollowsTheCurrentContext) {
    const QByteArray ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const QByteArray yaml =
        "apiVersion: v1\nkind: Config\nclusters:\n"
        "- name: a\n  cluster:\n    server: https://10.0.0.1:6443\n"
        "    certificate-authority-data: " +
        ca.toBase64() +
        "\n"
        "- name: b\n  cluster:\n    server: https://10.0.0.2:6443\n"
        "    certificate-authority-data: " +
        ca.toBase64() +
        "\n"
        "users:\n- name: u1\n  user:\n    token: one\n- name: u2\n  user:\n    token: \"two\"\n"
        "contexts:\n- name: ctx-a\n  context: {cluster: a, user: u1}\n"
        "- name: ctx-b\n  context: {cluster: b, user: u2}\n"
        "current-context: ctx-b\n";
    QString error;
    auto c = KubeconfigReader::parse(yaml, &error);
    ASSERT_TRUE(c) << error.toStdString();
    EXPECT_EQ(c->server.toString(), "https://10.0.0.2:6443");
    EXPECT_EQ(c->token, "two");
    EXPECT_EQ(c->caPem, ca);
    EXPECT_EQ(c->name, "ctx-b");
}

TEST(KubeconfigReader, RefusesWhatItCannotUse) {
    QString error;
    EXPECT_FALSE(KubeconfigReader::parse("clusters: [", &error));
    EXPECT_TRUE(error.contains("malformed"));
    EXPECT_FALSE(KubeconfigReader::parse(
        "clusters:\n- name: a\n  cluster:\n    server: http://x:80\n", &error));
    EXPECT_TRUE(error.contains("https"));
    EXPECT_FALSE(
        KubeconfigReader::parse("clusters:\n- name: a\n  cluster:\n    server: https://x:1\n"
                                "    certificate-authority-data: QUJD\n"
                                "users:\n- name: u\n  user:\n    client-certificate-data: QUJD\n",
                                &error));
    EXPECT_TRUE(error.contains("token"));
    EXPECT_FALSE(KubeconfigReader::readFile("/nonexistent/kubeconfig", &error));
}

TEST(ConsoleOptions, ParsesAndRejects) {
    QString error;
    auto o = ConsoleOptions::parse({"coxswain", "--data-dir", "/tmp/x", "--screenshot", "a.png"},
                                   &error);
    ASSERT_TRUE(o) << error.toStdString();
    EXPECT_EQ(o->dataDir, "/tmp/x");
    EXPECT_EQ(o->screenshot, "a.png");
    EXPECT_EQ(o->port, 6443);
    EXPECT_FALSE(
        ConsoleOptions::parse({"coxswain", "--kubeconfig", "k", "--data-dir", "d"}, &error));
    EXPECT_FALSE(ConsoleOptions::parse({"coxswain", "--port", "70000"}, &error));
    EXPECT_FALSE(ConsoleOptions::parse({"coxswain", "--bogus"}, &error));
}

} // namespace cox::console
