// NodeCard: one node on the board - a rounded card with the name, a Ready/NotReady/Cordoned
// pill, the role, cpu and memory requested-vs-allocatable bars with the actual usage (from
// metrics.k8s.io, when there is a sample) as a thin line over them, and the node's pods as
// chips. Its texts are laid out once per change (QStaticText), not once per frame.
// During a drag it shows the scheduler's verdict for the dragged pod (green fits, red does
// not, the reasons in its tooltip).
#pragma once

#include "board/board_item_types.h"
#include "board/chip_container.h"
#include "charts/node_usage.h"
#include "models/object_views.h"

#include <QCoreApplication>
#include <QStaticText>
#include <QStringList>

#include <optional>

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

    void setVerdict(Verdict verdict, const QStringList &reasons = {});
    Verdict verdict() const { return m_verdict; }
    void setMatched(bool matched);

    qint64 requestedCpuMilli() const { return m_cpuRequested; }
    qint64 requestedMemoryBytes() const { return m_memoryRequested; }

    // The last metrics sample, or none (no metrics API, or no sample for this node): then the
    // bars show requests only - nothing is drawn rather than a zero.
    void setUsage(const std::optional<NodeUsage> &usage);
    const std::optional<NodeUsage> &usage() const { return m_usage; }
    // Whether the usage line is drawn at this level of detail (it must be legible).
    static bool usageLegibleAt(qreal lod);

protected:
    QRectF chipArea() const override;
    qreal minimumHeight() const override;
    void chipsChanged() override;
    void chipUpdated(PodChip *chip) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

private:
    // What the header draws, laid out when the node, its pods or its usage change.
    struct Texts {
        QStaticText name, status, role, cpuLabel, memoryLabel, cpu, memory;
        QColor statusColor;
        qreal pillWidth = 0;
    };
    struct Bar {
        const QStaticText *label;
        const QStaticText *text;
        double requested; // fractions of allocatable; usage < 0: no sample
        double usage;
    };

    void paintHeader(QPainter *painter, qreal lod) const;
    void paintBar(QPainter *painter, qreal y, const Bar &bar, bool showUsage, bool showText) const;
    void recomputeRequests();
    void updateTexts() const;
    void updateToolTip();

    NodeView m_node;
    mutable Texts m_texts; // a cache of what paint draws
    mutable bool m_textsDirty = true;
    std::optional<NodeUsage> m_usage;
    qint64 m_cpuRequested = 0;
    qint64 m_memoryRequested = 0;
    Verdict m_verdict = Verdict::None;
    QStringList m_reasons;
};

} // namespace cox::console
