#include "board/node_card.h"

#include "board/board_palette.h"
#include "board/board_scene.h"
#include "board/pod_chip.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

namespace cox::console {

namespace {

constexpr qreal kHeaderHeight = 84;
constexpr qreal kPad = 10;
constexpr qreal kDetailLod = 0.45;

QString formatCpu(qint64 milli) {
    if (milli % 1000 == 0)
        return QString::number(milli / 1000);
    return QString::number(milli / 1000.0, 'f', milli < 10'000 ? 1 : 0);
}

QString formatMemory(qint64 bytes) {
    const double gi = bytes / (1024.0 * 1024 * 1024);
    if (gi >= 1)
        return QStringLiteral("%1Gi").arg(gi, 0, 'f', gi < 10 ? 1 : 0);
    return QStringLiteral("%1Mi").arg(bytes / (1024 * 1024));
}

QFont pixelFont(int px, bool bold) {
    QFont f;
    f.setPixelSize(px);
    f.setBold(bold);
    return f;
}

} // namespace

NodeCard::NodeCard(const NodeView &node) {
    setFlag(ItemIsSelectable);
    setWidth(kWidth);
    setView(node);
}

QRectF NodeCard::chipArea() const {
    return QRectF(kPad, kHeaderHeight, width() - 2 * kPad, 0);
}

qreal NodeCard::minimumHeight() const {
    return kHeaderHeight + PodChip::kPitch + 8;
}

void NodeCard::setView(const NodeView &node) {
    m_node = node;
    updateToolTip();
    update();
}

void NodeCard::chipsChanged() {
    recomputeRequests();
}

void NodeCard::chipChanged(PodChip *) {
    recomputeRequests();
}

void NodeCard::recomputeRequests() {
    m_cpuRequested = 0;
    m_memoryRequested = 0;
    for (const PodChip *chip : chips()) {
        if (chip->view().finished())
            continue;
        m_cpuRequested += chip->view().cpuMilli;
        m_memoryRequested += chip->view().memoryBytes;
    }
    if (m_verdict == Verdict::None)
        updateToolTip();
    update();
}

void NodeCard::setVerdict(Verdict verdict, const QStringList &reasons) {
    if (m_verdict == verdict && m_reasons == reasons)
        return;
    m_verdict = verdict;
    m_reasons = reasons;
    updateToolTip();
    update();
}

void NodeCard::setFlatChips(bool flat) {
    if (m_flatChips == flat)
        return;
    m_flatChips = flat;
    update();
}

void NodeCard::setMatched(bool matched) {
    setOpacity(matched ? 1.0 : 0.35);
}

void NodeCard::updateToolTip() {
    QString tip = tr("%1\n%2 pods").arg(m_node.name).arg(chips().size());
    if (m_verdict == Verdict::DoesNotFit)
        tip =
            tr("%1 cannot take this pod:\n%2").arg(m_node.name, m_reasons.join(QLatin1Char('\n')));
    else if (m_verdict == Verdict::Fits)
        tip = tr("%1 can take this pod").arg(m_node.name);
    setToolTip(tip);
}

void NodeCard::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) {
    const QRectF r = boundingRect();
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    QColor border = isSelected() ? BoardPalette::cardSelected() : BoardPalette::cardBorder();
    QColor fill = BoardPalette::card();
    if (m_verdict == Verdict::Fits) {
        border = BoardPalette::fits();
        fill = QColor(0x1f, 0x3a, 0x2a);
    } else if (m_verdict == Verdict::DoesNotFit) {
        border = BoardPalette::doesNotFit();
        fill = QColor(0x3d, 0x22, 0x25);
    }
    if (lod < kDetailLod) {
        painter->fillRect(r, border);
        painter->fillRect(r.adjusted(2, 2, -2, -2), fill);
        const QColor status = !m_node.ready          ? BoardPalette::notReady()
                              : m_node.unschedulable ? BoardPalette::cordoned()
                                                     : BoardPalette::ready();
        painter->fillRect(QRectF(r.left(), r.top(), r.width(), 8), status);
        if (m_flatChips)
            paintChipsFlat(painter);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(border, m_verdict == Verdict::None && !isSelected() ? 1 : 2.5));
    painter->setBrush(fill);
    painter->drawRoundedRect(r.adjusted(1, 1, -1, -1), 10, 10);
    paintHeader(painter);
    if (m_flatChips)
        paintChipsFlat(painter);
}

void NodeCard::paintHeader(QPainter *painter) const {
    const qreal w = width();
    painter->setPen(BoardPalette::text());
    painter->setFont(pixelFont(13, true));
    const QRectF nameRect(kPad, 8, w - 2 * kPad - 84, 18);
    painter->drawText(
        nameRect, Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(m_node.name, Qt::ElideMiddle, int(nameRect.width())));

    QString status = m_node.ready ? tr("Ready") : tr("NotReady");
    QColor statusColor = m_node.ready ? BoardPalette::ready() : BoardPalette::notReady();
    if (m_node.unschedulable) {
        status = m_node.ready ? tr("Cordoned") : tr("NotReady · Cordoned");
        statusColor = m_node.ready ? BoardPalette::cordoned() : BoardPalette::notReady();
    }
    painter->setFont(pixelFont(10, true));
    const qreal pillW = painter->fontMetrics().horizontalAdvance(status) + 14;
    const QRectF pill(w - kPad - pillW, 9, pillW, 16);
    QColor pillFill = statusColor;
    pillFill.setAlpha(60);
    painter->setPen(QPen(statusColor, 1));
    painter->setBrush(pillFill);
    painter->drawRoundedRect(pill, 8, 8);
    painter->setPen(statusColor);
    painter->drawText(pill, Qt::AlignCenter, status);

    painter->setFont(pixelFont(10, false));
    painter->setPen(BoardPalette::subtleText());
    const QString role = m_node.role.isEmpty() ? tr("worker") : m_node.role;
    painter->drawText(QRectF(kPad, 27, w - 2 * kPad, 14), Qt::AlignLeft | Qt::AlignVCenter,
                      tr("%1 · %2 pods").arg(role).arg(chips().size()));

    paintBar(painter, 46, tr("CPU"), m_cpuRequested, m_node.cpuMilli,
             tr("%1 / %2").arg(formatCpu(m_cpuRequested), formatCpu(m_node.cpuMilli)));
    paintBar(painter, 64, tr("MEM"), m_memoryRequested, m_node.memoryBytes,
             tr("%1 / %2").arg(formatMemory(m_memoryRequested), formatMemory(m_node.memoryBytes)));
}

void NodeCard::paintBar(QPainter *painter, qreal y, const QString &label, qint64 used, qint64 total,
                        const QString &text) const {
    const qreal labelW = 30;
    const qreal textW = 78;
    const QRectF track(kPad + labelW, y + 3, width() - 2 * kPad - labelW - textW, 7);
    painter->setFont(pixelFont(9, true));
    painter->setPen(BoardPalette::subtleText());
    painter->drawText(QRectF(kPad, y, labelW, 13), Qt::AlignLeft | Qt::AlignVCenter, label);
    painter->setPen(Qt::NoPen);
    painter->setBrush(BoardPalette::barTrack());
    painter->drawRoundedRect(track, 3.5, 3.5);
    const double fraction = total > 0 ? double(used) / double(total) : 0.0;
    if (fraction > 0) {
        painter->setBrush(BoardPalette::usage(fraction));
        QRectF bar = track;
        bar.setWidth(std::max(7.0, track.width() * std::min(1.0, fraction)));
        painter->drawRoundedRect(bar, 3.5, 3.5);
    }
    painter->setFont(pixelFont(9, false));
    painter->setPen(BoardPalette::subtleText());
    painter->drawText(QRectF(track.right() + 6, y, textW - 6, 13),
                      Qt::AlignRight | Qt::AlignVCenter, text);
}

void NodeCard::contextMenuEvent(QGraphicsSceneContextMenuEvent *event) {
    auto *board = static_cast<BoardScene *>(scene());
    QMenu menu;
    QAction *toggle = menu.addAction(m_node.unschedulable ? tr("Uncordon") : tr("Cordon"));
    QAction *drain = menu.addAction(tr("Drain (evict its pods)"));
    menu.addSeparator();
    QAction *remove = menu.addAction(tr("Remove node…"));
    QAction *chosen = menu.exec(event->screenPos());
    if (chosen == toggle)
        board->requestCordon(m_node.name, !m_node.unschedulable);
    else if (chosen == drain)
        board->requestDrain(m_node.name);
    else if (chosen == remove)
        board->requestRemove(m_node.name);
}

} // namespace cox::console
