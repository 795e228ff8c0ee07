// BoardScene: the cluster as a board - a pending lane on top, then one NodeCard per node in a
// grid that reflows with the view, each holding its pods' chips. It follows a ClusterModel
// change by change (a pod event moves or repaints one chip) and lays the grid out at most once
// per event-loop turn. Chips are items only where the view shows them at a readable zoom;
// everywhere else their cards paint them flat. Drags and context-menu actions leave as signals;
// the scene never calls the API.
#pragma once

#include "charts/node_usage.h"
#include "models/object_views.h"

#include <QGraphicsScene>
#include <QHash>
#include <QMap>
#include <QStringList>

namespace cox::console {

class ChipContainer;
class ClusterModel;
class NodeCard;
class PendingLane;
class PodChip;

struct NodeVerdict {
    bool fits = false;
    QStringList reasons;
};

class BoardScene : public QGraphicsScene {
    Q_OBJECT
public:
    static constexpr qreal kGap = 16;

    explicit BoardScene(ClusterModel *model, QObject *parent = nullptr);
    ~BoardScene() override;

    NodeCard *card(const QString &nodeName) const { return m_cards.value(nodeName); }
    PodChip *chip(const QString &podKey) const { return m_chips.value(podKey); }
    PendingLane *pendingLane() const { return m_pending; }
    int cardCount() const { return int(m_cards.size()); }
    int chipCount() const { return int(m_chips.size()); }
    // The card under a scene position, if any.
    NodeCard *cardAt(const QPointF &scenePos) const;
    QRectF boardRect() const { return m_boardRect; }

    // The view's aspect ratio and width (scene units at zoom 1): the grid picks its columns so
    // a small cluster fills the width and a big one fills the window when fitted.
    void setViewport(const QSizeF &size);
    void scheduleLayout();
    void layoutNow();
    int columns() const { return m_columns; }

    // Below some zoom chips are hidden and cards paint them flat, which keeps 30,000 chips cheap.
    void setChipDetail(bool detailed);
    bool chipDetail() const { return m_chipDetail; }
    // The scene rectangle the view shows: at detail zoom only cards near it get chip items (a
    // zoom step then toggles ~100 cards, not 30,000 chips). Null: every card.
    void setShownRect(const QRectF &rect);
    // Both at once, after a zoom: one pass over the cards instead of showing chips for the new
    // rect at the old detail (or the other way round) and then undoing it.
    void setShownArea(const QRectF &rect, bool detailed);
    // The container a pod's chip belongs to (its card or the pending lane), also while dragged.
    ChipContainer *containerOf(const PodChip *chip) const {
        return m_containerOf.value(const_cast<PodChip *>(chip));
    }

    // Live usage per node (from metrics.k8s.io); cards missing from the map show none.
    void setNodeUsage(const QHash<QString, NodeUsage> &usage);
    const QHash<QString, NodeUsage> &nodeUsage() const { return m_usage; }

    // Search: namespace ("" = all) and free text matched against pod name, node name and labels.
    void setFilter(const QString &ns, const QString &text);

    // Drag overlay: every card's verdict for the dragged pod; cards missing from the map are
    // left neutral (e.g. the explanation API is unavailable).
    void setDragVerdicts(const QHash<QString, NodeVerdict> &verdicts);
    void clearDragVerdicts();
    const QHash<QString, NodeVerdict> &dragVerdicts() const { return m_verdicts; }
    QString draggedPod() const;

    // Called by PodChip.
    void beginChipDrag(PodChip *chip, const QPointF &pressScenePos);
    void moveChipDrag(PodChip *chip, const QPointF &scenePos);
    void endChipDrag(PodChip *chip, const QPointF &scenePos);
    // Called by NodeCard's context menu.
    void requestCordon(const QString &node, bool unschedulable);
    void requestDrain(const QString &node);
    void requestRemove(const QString &node);

signals:
    void chipDragStarted(const QString &podKey);
    // `node` is empty when dropped outside any card.
    void chipDropped(const QString &podKey, const QString &node);
    void cordonRequested(const QString &node, bool unschedulable);
    void drainRequested(const QString &node);
    void removeRequested(const QString &node);
    void layoutChanged();

private:
    void nodeChanged(const NodeView &node);
    void nodeRemoved(const QString &name);
    void podChanged(const PodView &pod);
    void podRemoved(const QString &key);
    ChipContainer *containerFor(const QString &nodeName) const;
    void place(PodChip *chip, ChipContainer *container);
    bool matches(const PodView &pod) const;
    void applyFilterTo(PodChip *chip);
    void refreshCardMatches();
    int chooseColumns() const;
    void syncChipDetail();

    ClusterModel *m_model;
    PendingLane *m_pending;
    QMap<QString, NodeCard *> m_cards; // sorted by name: the grid order
    QHash<QString, PodChip *> m_chips;
    QHash<PodChip *, ChipContainer *> m_containerOf;
    // Pods bound to a node the board has not seen yet; attached when its card arrives.
    QHash<QString, QList<PodChip *>> m_waiting;
    QHash<QString, NodeVerdict> m_verdicts;
    QHash<QString, NodeUsage> m_usage;
    QSizeF m_viewport{1200, 800};
    QRectF m_shownRect;
    QRectF m_boardRect;
    PodChip *m_dragChip = nullptr;
    QPointF m_dragOffset;
    QString m_filterNs;
    QString m_filterText;
    int m_columns = 1;
    bool m_layoutPending = false;
    bool m_chipDetail = true;
};

} // namespace cox::console
