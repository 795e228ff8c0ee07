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
// The usage line is 2 units over a 7-unit bar: under this zoom it is a smear.
constexpr qreal kUsageLod = 0.6;
// The 9-10 px texts (role, bar labels and figures) under ~7 px are noise, and laying them out
// at every zoom step is what a zoom frame spends its time on.
constexpr qreal kSmallTextLod = 0.75;
constexpr qreal kBarLabelWidth = 30;
constexpr qreal kBarTextWidth = 78;

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

enum class Font { Name, Pill, Role, BarLabel, BarText };

QFont pixelFont(int pixels, bool bold) {
    QFont f;
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

// Built once: a QFont per paint costs a font lookup per card and frame.
const QFont &font(Font which) {
    static const QFont fonts[] = {pixelFont(13, true), pixelFont(10, true), pixelFont(10, false),
                                  pixelFont(9, true), pixelFont(9, false)};
    return fonts[int(which)];
}

void setText(QStaticText &text, const QString &value, Font which) {
    if (text.text() == value)
        return;
    text.setText(value);
    text.setTextFormat(Qt::PlainText);
    text.setPerformanceHint(QStaticText::AggressiveCaching);
    text.prepare(QTransform(), font(which));
}

// Draws `text` in `rect`, vertically centred; right-aligned when asked.
void drawIn(QPainter *painter, const QRectF &rect, const QStaticText &text, bool right = false) {
    const QSizeF size = text.size();
    const qreal x = right ? rect.right() - size.width() : rect.left();
    painter->drawStaticText(QPointF(x, rect.top() + (rect.height() - size.height()) / 2), text);
}

double fractionOf(double part, double whole) {
    return whole > 0 ? part / whole : 0.0;
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
    m_textsDirty = true;
    updateToolTip();
    update();
}

void NodeCard::setUsage(const std::optional<NodeUsage> &usage) {
    if (!usage && !m_usage)
        return;
    m_usage = usage;
    updateToolTip();
    update();
}

bool NodeCard::usageLegibleAt(qreal lod) {
    return lod >= kUsageLod;
}

// Laid out on the first detailed paint after a change: a card off screen or drawn as a plain
// rect never pays for text layout (30,000 pods arriving would otherwise lay out 30,000 times).
void NodeCard::updateTexts() const {
    m_textsDirty = false;
    const qreal w = kWidth;
    const QFontMetricsF nameMetrics(font(Font::Name));
    setText(m_texts.name, nameMetrics.elidedText(m_node.name, Qt::ElideMiddle, w - 2 * kPad - 84),
            Font::Name);
    QString status = m_node.ready ? tr("Ready") : tr("NotReady");
    m_texts.statusColor = m_node.ready ? BoardPalette::ready() : BoardPalette::notReady();
    if (m_node.unschedulable) {
        status = m_node.ready ? tr("Cordoned") : tr("NotReady · Cordoned");
        m_texts.statusColor = m_node.ready ? BoardPalette::cordoned() : BoardPalette::notReady();
    }
    setText(m_texts.status, status, Font::Pill);
    m_texts.pillWidth = m_texts.status.size().width() + 14;
    const QString role = m_node.role.isEmpty() ? tr("worker") : m_node.role;
    setText(m_texts.role, tr("%1 · %2 pods").arg(role).arg(chips().size()), Font::Role);
    setText(m_texts.cpuLabel, tr("CPU"), Font::BarLabel);
    setText(m_texts.memoryLabel, tr("MEM"), Font::BarLabel);
    setText(m_texts.cpu, tr("%1 / %2").arg(formatCpu(m_cpuRequested), formatCpu(m_node.cpuMilli)),
            Font::BarText);
    setText(m_texts.memory,
            tr("%1 / %2").arg(formatMemory(m_memoryRequested), formatMemory(m_node.memoryBytes)),
            Font::BarText);
}

void NodeCard::chipsChanged() {
    recomputeRequests();
}

void NodeCard::chipUpdated(PodChip *) {
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
    m_textsDirty = true;
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

void NodeCard::setMatched(bool matched) {
    setOpacity(matched ? 1.0 : 0.35);
}

void NodeCard::updateToolTip() {
    QString tip = tr("%1\n%2 pods").arg(m_node.name).arg(chips().size());
    if (m_usage)
        tip += tr("\nin use: %1 CPU, %2 memory (requested %3 CPU, %4)")
                   .arg(formatCpu(qint64(m_usage->cpuCores * 1000)),
                        formatMemory(qint64(m_usage->memoryBytes)), formatCpu(m_cpuRequested),
                        formatMemory(m_memoryRequested));
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
        paintChips(painter, option);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(border, m_verdict == Verdict::None && !isSelected() ? 1 : 2.5));
    painter->setBrush(fill);
    painter->drawRoundedRect(r.adjusted(1, 1, -1, -1), 10, 10);
    paintHeader(painter, lod);
    paintChips(painter, option);
}

void NodeCard::paintHeader(QPainter *painter, qreal lod) const {
    if (m_textsDirty)
        updateTexts();
    const qreal w = width();
    painter->setPen(BoardPalette::text());
    painter->setFont(font(Font::Name));
    drawIn(painter, QRectF(kPad, 8, w - 2 * kPad - 84, 18), m_texts.name);

    const QRectF pill(w - kPad - m_texts.pillWidth, 9, m_texts.pillWidth, 16);
    QColor pillFill = m_texts.statusColor;
    pillFill.setAlpha(60);
    painter->setPen(QPen(m_texts.statusColor, 1));
    painter->setBrush(pillFill);
    painter->drawRoundedRect(pill, 8, 8);
    painter->setFont(font(Font::Pill));
    const QSizeF statusSize = m_texts.status.size();
    painter->drawStaticText(pill.center() - QPointF(statusSize.width(), statusSize.height()) / 2,
                            m_texts.status);

    const bool smallText = lod >= kSmallTextLod;
    if (smallText) {
        painter->setFont(font(Font::Role));
        painter->setPen(BoardPalette::subtleText());
        drawIn(painter, QRectF(kPad, 27, w - 2 * kPad, 14), m_texts.role);
    }

    const bool showUsage = m_usage.has_value() && usageLegibleAt(lod);
    const double cpuUsage = m_usage ? fractionOf(m_usage->cpuCores * 1000, m_node.cpuMilli) : -1;
    const double memoryUsage = m_usage ? fractionOf(m_usage->memoryBytes, m_node.memoryBytes) : -1;
    paintBar(
        painter, 46,
        {&m_texts.cpuLabel, &m_texts.cpu, fractionOf(m_cpuRequested, m_node.cpuMilli), cpuUsage},
        showUsage, smallText);
    paintBar(painter, 64,
             {&m_texts.memoryLabel, &m_texts.memory,
              fractionOf(m_memoryRequested, m_node.memoryBytes), memoryUsage},
             showUsage, smallText);
}

// The track, the requests as a filled bar, and the actual usage as a thin bright line with a
// tick at its end: used beyond the requests shows as the line running past the bar.
void NodeCard::paintBar(QPainter *painter, qreal y, const Bar &bar, bool showUsage,
                        bool showText) const {
    const QRectF track(kPad + kBarLabelWidth, y + 3,
                       width() - 2 * kPad - kBarLabelWidth - kBarTextWidth, 7);
    if (showText) {
        painter->setFont(font(Font::BarLabel));
        painter->setPen(BoardPalette::subtleText());
        drawIn(painter, QRectF(kPad, y, kBarLabelWidth, 13), *bar.label);
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(BoardPalette::barTrack());
    painter->drawRoundedRect(track, 3.5, 3.5);
    if (bar.requested > 0) {
        painter->setBrush(BoardPalette::usage(bar.requested));
        QRectF filled = track;
        filled.setWidth(std::max(7.0, track.width() * std::min(1.0, bar.requested)));
        painter->drawRoundedRect(filled, 3.5, 3.5);
    }
    if (showUsage && bar.usage >= 0) {
        const qreal x = track.left() + track.width() * std::min(1.0, bar.usage);
        painter->fillRect(QRectF(track.left(), track.center().y() - 1, x - track.left(), 2),
                          BoardPalette::actualUsage());
        painter->fillRect(QRectF(x - 0.75, track.top() - 1.5, 1.5, track.height() + 3),
                          BoardPalette::actualUsage());
    }
    if (!showText)
        return;
    painter->setFont(font(Font::BarText));
    painter->setPen(BoardPalette::subtleText());
    drawIn(painter, QRectF(track.right() + 6, y, kBarTextWidth - 6, 13), *bar.text, true);
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
