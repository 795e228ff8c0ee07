// ChipContainer: a board item that holds pod chips in rows (a node card, the pending lane).
// Adding a chip places it after the last one; removing re-flows only this container. When the
// number of rows changes the container grows and asks the scene for a (coalesced) re-layout.
// Chips hang under an invisible layer item: with flat chips (low zoom) the layer is hidden and
// the container paints its chips as plain rects from a compact colour array, so a frame never
// walks 30,000 chip items - a hidden layer stops the scene's traversal at one item per card.
// With detailed chips the layer is shown (chips take clicks, drags and tooltips) but the chips
// paint nothing: the container blits their sprites, see PodChip.
#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QVector>

namespace cox::console {

class PodChip;

class ChipContainer : public QGraphicsItem {
public:
    ChipContainer();

    void addChip(PodChip *chip);
    void removeChip(PodChip *chip);
    // A dragged chip leaves its slot (it floats above every card) until restoreChip puts it
    // back (after a drag that did not move the pod).
    void liftChip(PodChip *chip);
    void restoreChip(PodChip *chip);
    // A chip's data changed (colour, requests, phase).
    void chipChanged(PodChip *chip);
    const QVector<PodChip *> &chips() const { return m_chips; }
    // Whether `chip` sits in one of this container's slots (not lifted, not elsewhere).
    bool holds(const PodChip *chip) const;

    // Flat: chips hidden, painted by the container as rects. Set by the scene per zoom and
    // per what the view shows.
    void setFlatChips(bool flat);
    bool flatChips() const { return m_flat; }

    qreal width() const { return m_width; }
    qreal height() const { return m_height; }
    void setWidth(qreal width);

    QRectF boundingRect() const override { return QRectF(0, 0, m_width, m_height); }

protected:
    // The rectangle chips flow in, in item coordinates (its height is ignored).
    virtual QRectF chipArea() const = 0;
    virtual qreal minimumHeight() const = 0;
    virtual void chipsChanged() {}
    // A chip's data changed: containers that sum requests recompute.
    virtual void chipUpdated(PodChip *) {}
    // Paints the chips: plain rects when flat (or too small for more), else their sprites.
    void paintChips(QPainter *painter, const QStyleOptionGraphicsItem *option) const;
    int chipsPerRow() const;

private:
    void paintChipsFlat(QPainter *painter) const;
    void paintChipSprites(QPainter *painter, qreal lod) const;
    QPointF slot(int index) const;
    void reflow();
    void updateHeight();

    QGraphicsItem *m_layer; // the chips' parent; hidden when flat
    QVector<PodChip *> m_chips;
    QVector<QRgb> m_fills; // m_chips' colours, contiguous for the flat paint
    const PodChip *m_lifted = nullptr;
    qreal m_width = 240;
    qreal m_height = 100;
    bool m_flat = false;
};

} // namespace cox::console
