// MainWindow: board gestures and panel actions turned into API calls, and their answers
// turned back into what the user sees. Nothing here moves a chip: the watch does.
#include "main_window.h"

#include "api/cluster_session.h"
#include "api/watch_cache.h"
#include "board/pod_chip.h"
#include "models/cluster_model.h"

#include <QAction>
#include <QJsonArray>

#include <memory>
#include <utility>

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

namespace {

bool ownedByDaemonSet(const QJsonObject &pod) {
    const QJsonObject meta = pod.value(QLatin1String("metadata")).toObject();
    for (const QJsonValue &ref : meta.value(QLatin1String("ownerReferences")).toArray())
        if (ref.toObject().value(QLatin1String("kind")).toString() == QLatin1String("DaemonSet"))
            return true;
    return false;
}

} // namespace

void MainWindow::drain(const QString &node) {
    if (!m_session)
        return;
    QList<PodView> victims;
    for (const PodView &pod : m_cluster->pods())
        if (pod.nodeName == node && !pod.terminating && !pod.finished() &&
            !ownedByDaemonSet(m_session->pods()->object(pod.key)))
            victims << pod;
    m_session->setUnschedulable(node, true, [this, node, victims](const ApiResponse &r) {
        if (!r.ok()) {
            notify(tr("Could not drain %1: %2").arg(node, r.errorMessage()));
            return;
        }
        if (victims.isEmpty()) {
            notify(tr("%1 drained: it had no pods to evict").arg(node));
            return;
        }
        // Shared by the callbacks; the last answer reports.
        struct Tally {
            int left = 0;
            int evicted = 0;
            QStringList refused;
        };
        auto tally = std::make_shared<Tally>();
        tally->left = int(victims.size());
        for (const PodView &pod : victims) {
            m_session->evictPod(pod.ns, pod.name, [this, node, pod, tally](const ApiResponse &e) {
                if (e.ok())
                    ++tally->evicted;
                else
                    tally->refused << QStringLiteral("%1 (%2)").arg(pod.name, e.errorMessage());
                if (--tally->left > 0)
                    return;
                notify(tally->refused.isEmpty()
                           ? tr("%1 drained: %2 pods evicted").arg(node).arg(tally->evicted)
                           : tr("%1 draining: %2 pods evicted, not evicted: %3")
                                 .arg(node)
                                 .arg(tally->evicted)
                                 .arg(tally->refused.join(QStringLiteral(", "))));
            });
        }
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

QStringList MainWindow::selectedPodKeys() const {
    QStringList keys;
    for (QGraphicsItem *item : m_scene->selectedItems())
        if (item->type() == PodChipType)
            keys << static_cast<PodChip *>(item)->key();
    return keys;
}

// A drop moves the dragged pod, or every selected pod when the dragged one is part of a
// multi-selection. Only the dragged pod has verdicts; the others get the server's own answer.
void MainWindow::chipDropped(const QString &podKey, const QString &node) {
    const QHash<QString, NodeVerdict> verdicts = m_scene->dragVerdicts();
    m_scene->clearDragVerdicts();
    m_dragPod.clear();
    if (node.isEmpty() || !m_session)
        return;
    QStringList keys = selectedPodKeys();
    if (!keys.contains(podKey))
        keys = QStringList{podKey};
    auto verdict = verdicts.constFind(node);
    if (verdict != verdicts.cend() && !verdict->fits) {
        moveRefused(podKey, verdict->reasons.join(QStringLiteral("; ")));
        keys.removeOne(podKey);
    }
    bool started = false;
    for (const QString &key : std::as_const(keys)) {
        const PodView pod = m_cluster->pods().value(key);
        if (pod.name.isEmpty() || pod.nodeName == node)
            continue;
        if (!started) {
            ++m_moveBatch; // a new drop: undo now means this one
            m_lastMoves.clear();
            m_undoMove->setEnabled(false);
            started = true;
        }
        startMove(key, node, true);
    }
}

void MainWindow::startMove(const QString &podKey, const QString &node, bool undoable) {
    const PodView pod = m_cluster->pods().value(podKey);
    if (PodChip *chip = m_scene->chip(podKey))
        chip->setMoveState(PodChip::MoveState::Moving, tr("Moving to %1…").arg(node));
    const int batch = undoable ? m_moveBatch : 0;
    m_session->movePod(pod.ns, pod.name, node, [this, podKey, node, batch](const ApiResponse &r) {
        if (!r.ok()) {
            moveRefused(podKey, r.errorMessage());
            return;
        }
        m_moves.insert(WatchCache::keyOf(r.json()), StartedMove{podKey, batch});
        notify(tr("Moving %1 to %2").arg(podKey, node));
    });
}

void MainWindow::undoLastMove() {
    const QList<MoveRecord> records = std::exchange(m_lastMoves, {});
    m_undoMove->setEnabled(false);
    ++m_moveBatch; // late answers of the undone drop are not recorded again
    if (!m_session)
        return;
    for (const MoveRecord &record : records) {
        const QString key = record.ns + QLatin1Char('/') + record.pod;
        if (m_cluster->pods().contains(key))
            startMove(key, record.sourceNode, false);
    }
}

// Undo is offered once every move of the last drop has finished (and at least one succeeded).
void MainWindow::updateUndo() {
    bool inFlight = false;
    for (const StartedMove &m : std::as_const(m_moves))
        inFlight = inFlight || m.batch == m_moveBatch;
    m_undoMove->setEnabled(!inFlight && !m_lastMoves.isEmpty());
}

void MainWindow::moveRefused(const QString &podKey, const QString &reason) {
    if (PodChip *chip = m_scene->chip(podKey))
        chip->setMoveState(PodChip::MoveState::Failed, reason);
    notify(tr("Cannot move %1: %2").arg(podKey, reason));
}

void MainWindow::podMoveChanged(const QJsonObject &move) {
    const QString moveKey = WatchCache::keyOf(move);
    auto started = m_moves.constFind(moveKey);
    if (started == m_moves.cend())
        return; // not started from this window
    const StartedMove info = *started;
    const QJsonObject status = move.value(QLatin1String("status")).toObject();
    const QString phase = status.value(QLatin1String("phase")).toString();
    const QString message = status.value(QLatin1String("message")).toString();
    PodChip *chip = m_scene->chip(info.podKey);
    if (phase == QLatin1String("Succeeded")) {
        m_moves.remove(moveKey);
        if (chip)
            chip->setMoveState(PodChip::MoveState::None);
        if (info.batch != 0 && info.batch == m_moveBatch) {
            const QString ns = move.value(QLatin1String("metadata"))
                                   .toObject()
                                   .value(QLatin1String("namespace"))
                                   .toString();
            m_lastMoves.append({ns, status.value(QLatin1String("replacementPod")).toString(),
                                status.value(QLatin1String("sourceNode")).toString()});
        }
        updateUndo();
        notify(tr("Moved %1: %2").arg(info.podKey, message));
    } else if (phase == QLatin1String("Failed")) {
        m_moves.remove(moveKey);
        moveRefused(info.podKey, message);
        updateUndo();
    } else if (chip) {
        chip->setMoveState(PodChip::MoveState::Moving, message.isEmpty() ? phase : message);
    }
}

} // namespace cox::console
