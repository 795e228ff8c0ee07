// NodeCard: one node on the board - a rounded card with the name, a Ready/NotReady/Cordoned
// pill, the role, cpu and memory requested-vs-allocatable bars, and the node's pods as chips.
// During a drag it shows the scheduler's verdict for the dragged pod (green fits, red does
// not, the reasons in its tooltip).
#pragma once

#include "board/board_item_types.h"
#include "board/chip_container.h"
#include "models/object_views.h"

#include <QCoreApplication>
#include <QStringList>

namespace cox::console {

class NodeCard : public ChipContainer {
    Q_DECLARE_TR_FUNCTIONS(NodeCard)
public:
    static constexpr qreal kWidth = 232;

    enum class Verdict { None, Fits, DoesNotFit };

    explicit NodeCard(const NodeView &node);

    int type() const override { return NodeCardType; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    void setView(const NodeView &node);
    const NodeView &view() const { return m_node; }
    const QString &name() const { return m_node.name; }
    void chipChanged(PodChip *chip) override;

    void setVerdict(Verdict verdict, const QStringList &reasons = {});
    Verdict verdict() const { return m_verdict; }
    // Low zoom: chips are hidden and this card paints them as plain rects itself.
    void setFlatChips(bool flat);
    void setMatched(bool matched);

    qint64 requestedCpuMilli() const { return m_cpuRequested; }
    qint64 requestedMemoryBytes() const { return m_memoryRequested; }

protected:
    QRectF chipArea() const override;
    qreal minimumHeight() const override;
    void chipsChanged() override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

private:
    void paintHeader(QPainter *painter) const;
    void paintBar(QPainter *painter, qreal y, const QString &label, qint64 used, qint64 total,
                  const QString &text) const;
    void recomputeRequests();
    void updateToolTip();

    NodeView m_node;
    qint64 m_cpuRequested = 0;
    qint64 m_memoryRequested = 0;
    Verdict m_verdict = Verdict::None;
    QStringList m_reasons;
    bool m_flatChips = false;
};

} // namespace cox::console
