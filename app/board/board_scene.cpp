#include "board/board_scene.h"

#include "board/board_palette.h"
#include "board/node_card.h"
#include "board/pending_lane.h"
#include "board/pod_chip.h"
#include "models/cluster_model.h"

#include <QGraphicsView>
#include <QTimer>

#include <cmath>

namespace cox::console {

BoardScene::BoardScene(ClusterModel *model, QObject *parent)
    : QGraphicsScene(parent)
    , m_model(model)
    , m_pending(new PendingLane) {
    setBackgroundBrush(BoardPalette::background());
    // No BSP index: chips are children of their cards, so drawing walks ~1,000 top-level cards
    // and their children, while a BSP tree over 31,000 items had to be rebuilt as chips moved
    // (every pod event re-flows a card). Hit tests are per click, not per frame.
    setItemIndexMethod(QGraphicsScene::NoIndex);
    addItem(m_pending);
    connect(model, &ClusterModel::nodeChanged, this, &BoardScene::nodeChanged);
    connect(model, &ClusterModel::nodeRemoved, this, &BoardScene::nodeRemoved);
    connect(model, &ClusterModel::podChanged, this, &BoardScene::podChanged);
    connect(model, &ClusterModel::podRemoved, this, &BoardScene::podRemoved);
    for (const NodeView &node : model->nodes())
        nodeChanged(node);
    for (const PodView &pod : model->pods())
        podChanged(pod);
    layoutNow();
}

BoardScene::~BoardScene() {
    // Views let go while the cards still exist (detaching resizes and scrolls them).
    for (QGraphicsView *view : views())
        view->setScene(nullptr);
    // Chips waiting for a card are not in the scene; everything else the scene deletes.
    for (const auto &list : std::as_const(m_waiting))
        qDeleteAll(list);
}

ChipContainer *BoardScene::containerFor(const QString &nodeName) const {
    if (nodeName.isEmpty())
        return m_pending;
    return m_cards.value(nodeName);
}

void BoardScene::nodeChanged(const NodeView &node) {
    if (NodeCard *existing = m_cards.value(node.name)) {
        existing->setView(node);
        return;
    }
    auto *card = new NodeCard(node);
    m_cards.insert(node.name, card);
    addItem(card);
    card->setFlatChips(true); // until the layout places it near the view or not
    if (auto it = m_usage.constFind(node.name); it != m_usage.cend())
        card->setUsage(*it);
    for (PodChip *chip : m_waiting.take(node.name))
        place(chip, card);
    scheduleLayout();
}

void BoardScene::nodeRemoved(const QString &name) {
    NodeCard *card = m_cards.take(name);
    if (!card)
        return;
    // Its pods stay until their own deletion arrives; they wait for a card of that name.
    const QVector<PodChip *> chips = card->chips();
    for (PodChip *chip : chips) {
        card->removeChip(chip);
        removeItem(chip);
        m_containerOf.remove(chip);
        m_waiting[name].append(chip);
    }
    delete card;
    scheduleLayout();
}

void BoardScene::place(PodChip *chip, ChipContainer *container) {
    if (!chip->scene())
        addItem(chip);
    container->addChip(chip);
    m_containerOf.insert(chip, container);
}

void BoardScene::podChanged(const PodView &pod) {
    PodChip *chip = m_chips.value(pod.key);
    if (!chip) {
        chip = new PodChip(pod);
        m_chips.insert(pod.key, chip);
    } else {
        chip->setView(pod);
    }
    applyFilterTo(chip);
    ChipContainer *target = containerFor(pod.nodeName);
    ChipContainer *current = m_containerOf.value(chip);
    if (current == target && target) {
        target->chipChanged(chip);
        return;
    }
    if (current) {
        current->removeChip(chip);
        m_containerOf.remove(chip);
    }
    for (auto &list : m_waiting)
        list.removeOne(chip);
    if (m_dragChip == chip)
        m_dragChip = nullptr;
    if (target) {
        place(chip, target);
        return;
    }
    if (chip->scene())
        removeItem(chip);
    m_waiting[pod.nodeName].append(chip);
}

void BoardScene::podRemoved(const QString &key) {
    PodChip *chip = m_chips.take(key);
    if (!chip)
        return;
    if (ChipContainer *container = m_containerOf.take(chip))
        container->removeChip(chip);
    for (auto &list : m_waiting)
        list.removeOne(chip);
    if (m_dragChip == chip)
        m_dragChip = nullptr;
    delete chip;
}

void BoardScene::setViewport(const QSizeF &size) {
    if (size.isEmpty() || size == m_viewport)
        return;
    m_viewport = size;
    if (chooseColumns() != m_columns)
        scheduleLayout();
}

int BoardScene::chooseColumns() const {
    const qreal pitch = NodeCard::kWidth + kGap;
    const int byWidth = std::max(1, int((m_viewport.width() - kGap) / pitch));
    const int n = int(m_cards.size());
    if (n <= byWidth)
        return std::max(1, byWidth);
    // Enough columns that the whole grid has the viewport's shape once fitted.
    qreal avgHeight = 0;
    for (const NodeCard *card : m_cards)
        avgHeight += card->height() + kGap;
    avgHeight /= n;
    const qreal aspect = m_viewport.width() / std::max<qreal>(1, m_viewport.height());
    const int byShape = int(std::ceil(std::sqrt(n * avgHeight * aspect / pitch)));
    return std::max(byWidth, byShape);
}

void BoardScene::scheduleLayout() {
    if (m_layoutPending)
        return;
    m_layoutPending = true;
    // A layoutNow() in between (fitting the view lays out at once) leaves nothing to do.
    QTimer::singleShot(0, this, [this] {
        if (m_layoutPending)
            layoutNow();
    });
}

void BoardScene::layoutNow() {
    m_layoutPending = false;
    m_columns = chooseColumns();
    const qreal pitch = NodeCard::kWidth + kGap;
    const qreal gridWidth = m_columns * pitch - kGap;
    m_pending->setWidth(gridWidth);
    m_pending->setPos(0, 0);
    qreal y = m_pending->height() + kGap;
    qreal rowHeight = 0;
    int column = 0;
    for (NodeCard *card : std::as_const(m_cards)) {
        card->setPos(column * pitch, y);
        rowHeight = std::max(rowHeight, card->height());
        if (++column == m_columns) {
            column = 0;
            y += rowHeight + kGap;
            rowHeight = 0;
        }
    }
    y += rowHeight;
    m_boardRect = QRectF(0, 0, gridWidth, y).adjusted(-kGap, -kGap, kGap, kGap);
    setSceneRect(m_boardRect);
    syncChipDetail();
    emit layoutChanged();
}

NodeCard *BoardScene::cardAt(const QPointF &scenePos) const {
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == NodeCardType)
            return static_cast<NodeCard *>(item);
    }
    return nullptr;
}

void BoardScene::setChipDetail(bool detailed) {
    if (m_chipDetail == detailed)
        return;
    m_chipDetail = detailed;
    syncChipDetail();
}

void BoardScene::setShownArea(const QRectF &rect, bool detailed) {
    const bool wasDetailed = m_chipDetail;
    m_shownRect = rect;
    m_chipDetail = detailed;
    if (detailed || wasDetailed)
        syncChipDetail();
}

void BoardScene::setShownRect(const QRectF &rect) {
    m_shownRect = rect;
    if (m_chipDetail)
        syncChipDetail();
}

// Cards within a card's pitch of the shown rect get chip items, so a pan step never shows a
// flat card; everything else paints flat.
void BoardScene::syncChipDetail() {
    const qreal margin = NodeCard::kWidth + kGap;
    const QRectF near = m_shownRect.adjusted(-margin, -margin, margin, margin);
    auto detailed = [&](const ChipContainer *item) {
        return m_chipDetail && (m_shownRect.isNull() || near.intersects(item->sceneBoundingRect()));
    };
    for (NodeCard *card : std::as_const(m_cards))
        card->setFlatChips(!detailed(card));
    m_pending->setFlatChips(!detailed(m_pending));
}

void BoardScene::setNodeUsage(const QHash<QString, NodeUsage> &usage) {
    m_usage = usage;
    for (NodeCard *card : std::as_const(m_cards)) {
        auto it = usage.constFind(card->name());
        card->setUsage(it == usage.cend() ? std::nullopt : std::optional<NodeUsage>(*it));
    }
}

bool BoardScene::matches(const PodView &pod) const {
    if (!m_filterNs.isEmpty() && pod.ns != m_filterNs)
        return false;
    if (m_filterText.isEmpty())
        return true;
    if (pod.name.contains(m_filterText, Qt::CaseInsensitive) ||
        pod.nodeName.contains(m_filterText, Qt::CaseInsensitive))
        return true;
    for (auto it = pod.labels.cbegin(); it != pod.labels.cend(); ++it) {
        const QString label = it.key() + QLatin1Char('=') + it.value();
        if (label.contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

void BoardScene::applyFilterTo(PodChip *chip) {
    chip->setMatched(matches(chip->view()));
}

void BoardScene::setFilter(const QString &ns, const QString &text) {
    m_filterNs = ns;
    m_filterText = text.trimmed();
    for (PodChip *chip : std::as_const(m_chips))
        applyFilterTo(chip);
    refreshCardMatches();
}

void BoardScene::refreshCardMatches() {
    const bool filtering = !m_filterNs.isEmpty() || !m_filterText.isEmpty();
    for (NodeCard *card : std::as_const(m_cards)) {
        bool matched = !filtering || card->name().contains(m_filterText, Qt::CaseInsensitive);
        for (const PodChip *chip : card->chips())
            matched = matched || chip->matched();
        card->setMatched(matched);
    }
}

void BoardScene::setDragVerdicts(const QHash<QString, NodeVerdict> &verdicts) {
    m_verdicts = verdicts;
    for (NodeCard *card : std::as_const(m_cards)) {
        auto it = verdicts.constFind(card->name());
        if (it == verdicts.cend())
            card->setVerdict(NodeCard::Verdict::None);
        else if (it->fits)
            card->setVerdict(NodeCard::Verdict::Fits);
        else
            card->setVerdict(NodeCard::Verdict::DoesNotFit, it->reasons);
    }
}

void BoardScene::clearDragVerdicts() {
    m_verdicts.clear();
    for (NodeCard *card : std::as_const(m_cards))
        card->setVerdict(NodeCard::Verdict::None);
}

QString BoardScene::draggedPod() const {
    return m_dragChip ? m_dragChip->key() : QString();
}

void BoardScene::beginChipDrag(PodChip *chip, const QPointF &pressScenePos) {
    m_dragChip = chip;
    m_dragOffset = pressScenePos - chip->scenePos();
    if (ChipContainer *home = m_containerOf.value(chip))
        home->liftChip(chip); // float above every card while dragged
    chip->setZValue(1000);
    emit chipDragStarted(chip->key());
}

void BoardScene::moveChipDrag(PodChip *chip, const QPointF &scenePos) {
    if (chip != m_dragChip)
        return;
    chip->setPos(scenePos - m_dragOffset);
}

void BoardScene::endChipDrag(PodChip *chip, const QPointF &scenePos) {
    if (chip != m_dragChip)
        return;
    m_dragChip = nullptr;
    // The chip goes home; if the move succeeds the watch re-homes it on the target node.
    if (ChipContainer *home = m_containerOf.value(chip))
        home->restoreChip(chip);
    NodeCard *target = cardAt(scenePos);
    emit chipDropped(chip->key(), target ? target->name() : QString());
}

void BoardScene::requestCordon(const QString &node, bool unschedulable) {
    emit cordonRequested(node, unschedulable);
}

void BoardScene::requestDrain(const QString &node) {
    emit drainRequested(node);
}

void BoardScene::requestRemove(const QString &node) {
    emit removeRequested(node);
}

} // namespace cox::console
