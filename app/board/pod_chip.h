// PodChip: one pod on the board - a small rounded square filled with its owner's colour,
// outlined by phase, with a restart badge. It holds display data and the pod's key only.
// Dragging a chip is reported to the BoardScene, which asks the API; the chip itself never
// changes node: the watch does that once the cluster has moved the pod.
// In its container's slot a chip paints nothing itself (ItemHasNoContents): the container
// blits every chip's sprite in its own paint(), so a frame does not go through one item per
// chip (Qt allocates per-item bookkeeping on an item's first paint: revealing a screenful of
// chips cost ~20 ms). The item stays for hit tests, selection, tooltips and drags; a lifted
// chip paints itself.
#pragma once

#include "board/board_item_types.h"
#include "board/chip_sprites.h"
#include "models/object_views.h"

#include <QCoreApplication>
#include <QGraphicsItem>

namespace cox::console {

class PodChip : public QGraphicsItem {
    Q_DECLARE_TR_FUNCTIONS(PodChip)
public:
    static constexpr qreal kSize = 14;
    static constexpr qreal kPitch = 17; // size plus gap
    // Below this zoom a chip is a few pixels: outline and badge are noise, a filled rect is
    // enough - and the board draws chips that small as part of their card instead.
    static constexpr qreal kDetailLod = 0.6;

    enum class MoveState { None, Moving, Failed };

    explicit PodChip(const PodView &pod);

    int type() const override { return PodChipType; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    void setView(const PodView &pod);
    const PodView &view() const { return m_pod; }
    const QString &key() const { return m_pod.key; }
    QColor fill() const { return m_fill; }
    // Shown while a PodMove of this pod runs or after it failed; `note` goes to the tooltip.
    void setMoveState(MoveState state, const QString &note = {});
    MoveState moveState() const { return m_moveState; }
    // Whether the search filter matches; non-matching chips fade rather than vanish, so the
    // layout stays put while typing.
    void setMatched(bool matched);
    bool matched() const { return m_matched; }
    // How the chip looks at `lod` (what its sprite shows); the opacity it is drawn with.
    ChipLook look(qreal lod) const;
    qreal drawOpacity() const { return m_matched ? 1.0 : kUnmatchedOpacity; }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    static constexpr qreal kUnmatchedOpacity = 0.15;

    void updateToolTip();
    // Repaints wherever the chip is drawn: itself, or its slot in the container.
    void repaint();

    PodView m_pod;
    QColor m_fill;
    QColor m_outline;
    MoveState m_moveState = MoveState::None;
    QString m_moveNote;
    QPointF m_pressPos;
    bool m_dragging = false;
    bool m_matched = true;
};

} // namespace cox::console
