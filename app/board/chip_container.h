// ChipContainer: a board item that holds pod chips in rows (a node card, the pending lane).
// Adding a chip places it after the last one; removing re-flows only this container. When the
// number of rows changes the container grows and asks the scene for a (coalesced) re-layout.
#pragma once

#include <QGraphicsItem>
#include <QVector>

namespace cox::console {

class PodChip;

class ChipContainer : public QGraphicsItem {
public:
    ChipContainer() = default;

    void addChip(PodChip *chip);
    void removeChip(PodChip *chip);
    // Put a chip back in its slot (after a drag that did not move the pod).
    void restoreChip(PodChip *chip);
    // A chip's data changed (requests, phase): containers that sum requests recompute.
    virtual void chipChanged(PodChip *) {}
    const QVector<PodChip *> &chips() const { return m_chips; }

    qreal width() const { return m_width; }
    qreal height() const { return m_height; }
    void setWidth(qreal width);

    QRectF boundingRect() const override { return QRectF(0, 0, m_width, m_height); }

protected:
    // The rectangle chips flow in, in item coordinates (its height is ignored).
    virtual QRectF chipArea() const = 0;
    virtual qreal minimumHeight() const = 0;
    virtual void chipsChanged() {}
    // Paints every chip as a plain rect: used at low zoom, when the chips themselves are hidden.
    void paintChipsFlat(QPainter *painter) const;
    int chipsPerRow() const;

private:
    QPointF slot(int index) const;
    void reflow();
    void updateHeight();

    QVector<PodChip *> m_chips;
    qreal m_width = 240;
    qreal m_height = 100;
};

} // namespace cox::console
