// MainWindow: board gestures and panel actions turned into API calls, and their answers
// turned back into what the user sees. Nothing here moves a chip: the watch does.
#include "main_window.h"

#include "api/cluster_session.h"
#include "api/watch_cache.h"
#include "board/pod_chip.h"
#include "models/cluster_model.h"

#include <QJsonArray>

namespace cox::console {

namespace {

QHash<QString, NodeVerdict> parseVerdicts(const QJsonObject &explanation) {
    QHash<QString, NodeVerdict> verdicts;
    const QJsonObject status = explanation.value(QLatin1String("status")).toObject();
    for (const QJsonValue &n : status.value(QLatin1String("nodes")).toArray()) {
        const QJsonObject node = n.toObject();
        NodeVerdict v;
        v.fits = node.value(QLatin1String("fits")).toBool();
        for (const QJsonValue &r : node.value(QLatin1String("reasons")).toArray()) {
            const QJsonObject reason = r.toObject();
            QString text = reason.value(QLatin1String("message")).toString();
            if (text.isEmpty())
                text = reason.value(QLatin1String("reason")).toString();
            v.reasons << text;
        }
        verdicts.insert(node.value(QLatin1String("name")).toString(), v);
    }
    return verdicts;
}

} // namespace

void MainWindow::scale(const QString &ns, const QString &name, int replicas) {
    if (!m_session)
        return;
    m_session->scaleDeployment(ns, name, replicas, [this, name, replicas](const ApiResponse &r) {
        notify(r.ok() ? tr("Scaling %1 to %2 replicas").arg(name).arg(replicas)
                      : tr("Could not scale %1: %2").arg(name, r.errorMessage()));
    });
}

void MainWindow::cordon(const QString &node, bool unschedulable) {
    if (!m_session)
        return;
    m_session->setUnschedulable(
        node, unschedulable, [this, node, unschedulable](const ApiResponse &r) {
            if (!r.ok()) {
                notify(tr("Could not change %1: %2").arg(node, r.errorMessage()));
                return;
            }
            notify(unschedulable ? tr("%1 cordoned: no new pods will be placed on it").arg(node)
                                 : tr("%1 uncordoned").arg(node));
        });
}

void MainWindow::dragStarted(const QString &podKey) {
    const PodView pod = m_cluster->pods().value(podKey);
    m_dragPod = podKey;
    if (!m_session || pod.name.isEmpty())
        return;
    m_session->explainPod(pod.ns, pod.name, [this, podKey](const ApiResponse &r) {
        if (m_scene->draggedPod() != podKey)
            return; // dropped already; the move request gets the server's own verdict
        if (!r.ok()) {
            notify(tr("Placement check unavailable: %1").arg(r.errorMessage()));
            return;
        }
        m_scene->setDragVerdicts(parseVerdicts(r.json()));
    });
}

void MainWindow::chipDropped(const QString &podKey, const QString &node) {
    const QHash<QString, NodeVerdict> verdicts = m_scene->dragVerdicts();
    m_scene->clearDragVerdicts();
    m_dragPod.clear();
    const PodView pod = m_cluster->pods().value(podKey);
    if (node.isEmpty() || pod.name.isEmpty() || node == pod.nodeName || !m_session)
        return;
    auto verdict = verdicts.constFind(node);
    if (verdict != verdicts.cend() && !verdict->fits) {
        moveRefused(podKey, verdict->reasons.join(QStringLiteral("; ")));
        return;
    }
    if (PodChip *chip = m_scene->chip(podKey))
        chip->setMoveState(PodChip::MoveState::Moving, tr("Moving to %1…").arg(node));
    m_session->movePod(pod.ns, pod.name, node, [this, podKey, node](const ApiResponse &r) {
        if (!r.ok()) {
            moveRefused(podKey, r.errorMessage());
            return;
        }
        m_moves.insert(WatchCache::keyOf(r.json()), podKey);
        notify(tr("Moving %1 to %2").arg(podKey, node));
    });
}

void MainWindow::moveRefused(const QString &podKey, const QString &reason) {
    if (PodChip *chip = m_scene->chip(podKey))
        chip->setMoveState(PodChip::MoveState::Failed, reason);
    notify(tr("Cannot move %1: %2").arg(podKey, reason));
}

void MainWindow::podMoveChanged(const QJsonObject &move) {
    const QString moveKey = WatchCache::keyOf(move);
    const QString podKey = m_moves.value(moveKey);
    if (podKey.isEmpty())
        return; // not started from this window
    const QJsonObject status = move.value(QLatin1String("status")).toObject();
    const QString phase = status.value(QLatin1String("phase")).toString();
    const QString message = status.value(QLatin1String("message")).toString();
    PodChip *chip = m_scene->chip(podKey);
    if (phase == QLatin1String("Succeeded")) {
        m_moves.remove(moveKey);
        if (chip)
            chip->setMoveState(PodChip::MoveState::None);
        notify(tr("Moved %1: %2").arg(podKey, message));
    } else if (phase == QLatin1String("Failed")) {
        m_moves.remove(moveKey);
        moveRefused(podKey, message);
    } else if (chip) {
        chip->setMoveState(PodChip::MoveState::Moving, message.isEmpty() ? phase : message);
    }
}

} // namespace cox::console
