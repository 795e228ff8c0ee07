// MainWindow: creating and changing workloads - the deploy dialog, applying a YAML manifest,
// and a deployment's autoscaling. Every change goes to the API through a ManifestApplier; the
// watches then show the result.
#include "main_window.h"

#include "api/cluster_session.h"
#include "api/manifest_applier.h"
#include "dialogs/autoscale_dialog.h"
#include "dialogs/deploy_dialog.h"
#include "dialogs/deploy_spec.h"
#include "models/deployment_model.h"
#include "panels/deployments_panel.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QTableView>
#include <QUrl>

namespace cox::console {

void MainWindow::applyObjects(const QList<QJsonObject> &objects, const QString &what) {
    if (!m_session) {
        notify(tr("%1: not connected to a cluster").arg(what));
        return;
    }
    auto *applier = new ManifestApplier(m_session->api(), this);
    connect(applier, &ManifestApplier::finished, this, [this, applier, what](bool allOk) {
        QStringList lines;
        for (const ManifestApplier::Outcome &o : applier->outcomes())
            lines << QStringLiteral("%1: %2").arg(o.object, o.message);
        notify(allOk ? tr("%1: %2").arg(what, lines.join(QStringLiteral("; ")))
                     : tr("%1 failed: %2").arg(what, lines.join(QStringLiteral("; "))));
        applier->deleteLater();
    });
    applier->apply(objects);
}

void MainWindow::showDeployDialog() {
    DeployDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    const std::optional<DeploySpec> spec = dialog.spec(&error);
    if (!spec)
        return; // the dialog accepts only a valid spec
    QList<QJsonObject> objects{spec->deployment()};
    if (!spec->serviceType.isEmpty())
        objects << spec->service();
    applyObjects(objects, tr("Deploy %1").arg(spec->name));
}

bool MainWindow::applyManifestFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        notify(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    QString error;
    const auto objects = ManifestApplier::parseYaml(file.readAll(), &error);
    if (!objects) {
        notify(tr("Cannot apply %1: %2").arg(path, error));
        return false;
    }
    applyObjects(*objects, tr("Apply %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::openManifest() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Apply a manifest"), QString(),
                                                      tr("YAML manifests (*.yaml *.yml);;"
                                                         "All files (*)"));
    if (!path.isEmpty())
        applyManifestFile(path);
}

void MainWindow::autoscaleSelected() {
    const QModelIndexList rows = m_deploymentsPanel->table()->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        notify(tr("Select a deployment to autoscale"));
        return;
    }
    const DeploymentView &d = m_deployments->at(rows.first().row());
    showAutoscaleDialog(d.ns, d.name);
}

// Reads the current HPA first (a 404 means none yet), so the dialog starts from its values.
void MainWindow::showAutoscaleDialog(const QString &ns, const QString &deployment) {
    if (!m_session)
        return;
    const QString path =
        QStringLiteral("/apis/autoscaling/v2/namespaces/%1/horizontalpodautoscalers/%2")
            .arg(QString::fromUtf8(QUrl::toPercentEncoding(ns)),
                 QString::fromUtf8(QUrl::toPercentEncoding(deployment)));
    m_session->api()->get(path, [this, ns, deployment](const ApiResponse &r) {
        if (!r.ok() && r.httpStatus != 404) {
            notify(tr("Cannot read the autoscaling of %1: %2").arg(deployment, r.errorMessage()));
            return;
        }
        AutoscaleDialog dialog(ns, deployment, r.ok() ? r.json() : QJsonObject(), this);
        if (dialog.exec() == QDialog::Accepted)
            applyObjects({dialog.hpa()}, tr("Autoscale %1").arg(deployment));
    });
}

} // namespace cox::console
