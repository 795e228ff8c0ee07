// Creating and changing workloads through the console, checked through the API: the deploy
// dialog makes a Deployment and a Service, a multi-document manifest is applied (created,
// then configured on a second apply), the autoscale dialog creates and then changes an
// autoscaling/v2 HorizontalPodAutoscaler.
#include "cluster_fixture.h"
#include "modal_helper.h"

#include "api/cluster_session.h"
#include "api/manifest_applier.h"
#include "dialogs/autoscale_dialog.h"
#include "dialogs/deploy_dialog.h"
#include "main_window.h"
#include "process.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

#include <fstream>

namespace cox::console::testing {

namespace {

class WorkloadsTest : public ClusterFixture {};

} // namespace

TEST_F(WorkloadsTest, DeployDialogCreatesADeploymentAndAService) {
    openWindow();
    whenModal<DeployDialog>([](DeployDialog *d) {
        d->nameField()->setText("shop");
        d->imageField()->setText("busybox:1.36");
        d->replicasField()->setValue(3);
        d->portsField()->setText("8080, 9090");
        d->serviceTypeField()->setCurrentIndex(d->serviceTypeField()->findData("NodePort"));
        d->cpuField()->setText("250m");
        d->memoryField()->setText("64Mi");
        d->envField()->setPlainText("MODE=prod\nGREETING=hello = world\n");
        d->accept(); // what OK does once the fields validate
    });
    m_window->showDeployDialog();
    Json deployment, service;
    ASSERT_TRUE(waitFor([&] {
        deployment = get("/apis/apps/v1/namespaces/default/deployments/shop");
        service = get("/api/v1/namespaces/default/services/shop");
        return deployment.value("kind", "") == "Deployment" &&
               service.value("kind", "") == "Service";
    })) << deployment.dump()
        << service.dump();
    EXPECT_EQ(deployment["spec"]["replicas"], 3);
    const Json container = deployment["spec"]["template"]["spec"]["containers"][0];
    EXPECT_EQ(container["image"], "busybox:1.36");
    EXPECT_EQ(container["resources"]["requests"]["cpu"], "250m");
    EXPECT_EQ(container["resources"]["requests"]["memory"], "64Mi");
    EXPECT_EQ(container["ports"].size(), 2u);
    EXPECT_EQ(container["env"][1]["name"], "GREETING");
    EXPECT_EQ(container["env"][1]["value"], "hello = world");
    EXPECT_EQ(service["spec"]["type"], "NodePort");
    EXPECT_EQ(service["spec"]["selector"]["app"], "shop");
    EXPECT_EQ(service["spec"]["ports"][1]["port"], 9090);
}

TEST_F(WorkloadsTest, DeployDialogRefusesBadInputAndSaysWhy) {
    DeployDialog dialog;
    QString error;
    dialog.nameField()->setText("Bad_Name");
    dialog.imageField()->setText("busybox");
    EXPECT_FALSE(dialog.spec(&error));
    EXPECT_TRUE(error.contains("lower-case")) << error.toStdString();
    dialog.nameField()->setText("good");
    dialog.portsField()->setText("80, http");
    EXPECT_FALSE(dialog.spec(&error));
    EXPECT_TRUE(error.contains("\"http\"")) << error.toStdString();
    dialog.portsField()->clear();
    dialog.serviceTypeField()->setCurrentIndex(1); // ClusterIP without ports
    EXPECT_FALSE(dialog.spec(&error));
    dialog.serviceTypeField()->setCurrentIndex(0);
    dialog.cpuField()->setText("lots");
    EXPECT_FALSE(dialog.spec(&error));
    dialog.cpuField()->setText("1.5");
    EXPECT_TRUE(dialog.spec(&error)) << error.toStdString();
}

TEST_F(WorkloadsTest, ManifestWithSeveralDocumentsIsCreatedThenConfigured) {
    openWindow();
    const std::string path = m_dataDir + "/app.yaml";
    auto write = [&](int replicas) {
        std::ofstream(path) << "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n"
                               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                               "  namespace: shop\ndata:\n  port: \"8080\"\n  debug: 'false'\n"
                               "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                               "  name: api\n  namespace: shop\nspec:\n  replicas: "
                            << replicas
                            << "\n  selector:\n    matchLabels: {app: api}\n  template:\n"
                               "    metadata:\n      labels: {app: api}\n    spec:\n"
                               "      containers:\n      - name: api\n        image: busybox\n"
                               "---\n";
    };
    write(2);
    ASSERT_TRUE(m_window->applyManifestFile(QString::fromStdString(path)));
    ASSERT_TRUE(
        waitFor([&] { return m_window->lastActionMessage().startsWith("Apply app.yaml"); }));
    EXPECT_TRUE(m_window->lastActionMessage().contains("Deployment shop/api: created"))
        << m_window->lastActionMessage().toStdString();
    EXPECT_EQ(get("/api/v1/namespaces/shop")["metadata"]["name"], "shop");
    const Json cm = get("/api/v1/namespaces/shop/configmaps/settings");
    EXPECT_EQ(cm["data"]["port"], "8080"); // quoted scalars stay strings
    EXPECT_EQ(cm["data"]["debug"], "false");
    EXPECT_EQ(get("/apis/apps/v1/namespaces/shop/deployments/api")["spec"]["replicas"], 2);

    write(4);
    ASSERT_TRUE(m_window->applyManifestFile(QString::fromStdString(path)));
    EXPECT_TRUE(waitFor([&] {
        return m_window->lastActionMessage().contains("Deployment shop/api: configured");
    })) << m_window->lastActionMessage().toStdString();
    EXPECT_EQ(get("/apis/apps/v1/namespaces/shop/deployments/api")["spec"]["replicas"], 4);
}

TEST_F(WorkloadsTest, ManifestThatIsNotKubernetesIsRefusedBeforeAnyRequest) {
    QString error;
    EXPECT_FALSE(ManifestApplier::parseYaml("a: [1, 2\n", &error));
    EXPECT_TRUE(error.startsWith("Malformed YAML")) << error.toStdString();
    EXPECT_FALSE(ManifestApplier::parseYaml("apiVersion: v1\nkind: Pod\n", &error));
    EXPECT_TRUE(error.contains("Document 1")) << error.toStdString();
    EXPECT_FALSE(ManifestApplier::parseYaml("---\n", &error));
    const auto objects = ManifestApplier::parseYaml(
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\n"
        "spec: {n: 3, f: 1.5, b: true, s: '3', z: ~}\n",
        &error);
    ASSERT_TRUE(objects) << error.toStdString();
    const QJsonObject spec = objects->first().value("spec").toObject();
    EXPECT_EQ(spec.value("n").toInt(), 3);
    EXPECT_DOUBLE_EQ(spec.value("f").toDouble(), 1.5);
    EXPECT_TRUE(spec.value("b").toBool());
    EXPECT_EQ(spec.value("s").toString(), "3");
    EXPECT_TRUE(spec.value("z").isNull());
    EXPECT_EQ(ManifestApplier::collectionPath(objects->first()),
              "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies");
}

TEST_F(WorkloadsTest, AutoscaleDialogCreatesThenChangesTheHorizontalPodAutoscaler) {
    createDeployment("web", 1);
    openWindow();
    const std::string hpaPath =
        "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web";
    whenModal<AutoscaleDialog>([](AutoscaleDialog *d) {
        d->minField()->setValue(2);
        d->maxField()->setValue(6);
        d->targetField()->setValue(65);
        d->accept();
    });
    m_window->showAutoscaleDialog("default", "web");
    Json hpa;
    ASSERT_TRUE(waitFor([&] {
        hpa = get(hpaPath);
        return hpa.value("kind", "") == "HorizontalPodAutoscaler";
    })) << hpa.dump();
    EXPECT_EQ(hpa["spec"]["minReplicas"], 2);
    EXPECT_EQ(hpa["spec"]["maxReplicas"], 6);
    EXPECT_EQ(hpa["spec"]["scaleTargetRef"]["name"], "web");
    EXPECT_EQ(hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"], 65);

    // Opened again it starts from the cluster's values; a change is applied to the same HPA.
    int shownMax = 0;
    whenModal<AutoscaleDialog>([&shownMax](AutoscaleDialog *d) {
        shownMax = d->maxField()->value();
        d->maxField()->setValue(9);
        d->accept();
    });
    m_window->showAutoscaleDialog("default", "web");
    EXPECT_TRUE(waitFor([&] { return get(hpaPath)["spec"]["maxReplicas"] == 9; }));
    EXPECT_EQ(shownMax, 6);
    EXPECT_EQ(get(hpaPath)["spec"]["minReplicas"], 2);
}

} // namespace cox::console::testing
