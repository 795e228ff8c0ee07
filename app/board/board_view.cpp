#include "board/board_view.h"

#include "board/board_scene.h"
#include "board/chip_sprites.h"
#include "board/pod_chip.h"

#include <QKeyEvent>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace cox::console {

namespace {

constexpr qreal kMinZoom = 0.02;
constexpr qreal kMaxZoom = 4.0;
// Under the zoom where a chip would paint itself as a plain rect anyway (under ~8 px), its card
// paints it: 30 rects in one paint() instead of 30 items.
constexpr qreal kChipDetailZoom = PodChip::kDetailLod;
// An idle tick's share of sprite rendering: with the repaint after it, still one frame.
constexpr double kSpriteTickMs = 6;

} // namespace

BoardView::BoardView(BoardScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_board(scene) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setObjectName(QStringLiteral("boardView"));
}

void BoardView::setZoom(qreal zoom) {
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(zoom, zoom));
    zoomApplied();
}

void BoardView::zoomBy(qreal factor) {
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    scale(target / zoom(), target / zoom());
    zoomApplied();
}

void BoardView::zoomApplied() {
    if (scene() == m_board)
        m_board->setShownArea(mapToScene(viewport()->rect()).boundingRect(),
                              zoom() >= kChipDetailZoom);
    emit zoomChanged(zoom());
}

void BoardView::zoomIn() {
    zoomBy(1.25);
}

void BoardView::zoomOut() {
    zoomBy(0.8);
}

void BoardView::fitToView() {
    m_board->layoutNow();
    fitInView(m_board->boardRect(), Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setZoom(1.0); // a small cluster stays at natural size instead of ballooning
    zoomApplied();
}

void BoardView::paintEvent(QPaintEvent *event) {
    ChipSprites::beginFrame();
    QGraphicsView::paintEvent(event);
    ChipSprites::endFrame();
    if (ChipSprites::hasQueued())
        scheduleSpriteTick();
}

void BoardView::scheduleSpriteTick() {
    if (m_spriteTickPending)
        return;
    m_spriteTickPending = true;
    QTimer::singleShot(0, this, &BoardView::spriteTick);
}

// The exact sprites replace the stand-ins a frame drew; more ticks follow while some wait.
void BoardView::spriteTick() {
    m_spriteTickPending = false;
    if (ChipSprites::renderQueued(kSpriteTickMs))
        scheduleSpriteTick();
    viewport()->update();
}

void BoardView::wheelEvent(QWheelEvent *event) {
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event); // plain wheel scrolls (pans)
        return;
    }
    const qreal steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.2, steps));
    event->accept();
}

void BoardView::keyPressEvent(QKeyEvent *event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fitToView();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void BoardView::resizeEvent(QResizeEvent *event) {
    QGraphicsView::resizeEvent(event);
    if (scene() == m_board)
        m_board->setViewport(QSizeF(viewport()->size()));
    tellShownRect();
}

void BoardView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    tellShownRect();
}

void BoardView::tellShownRect() {
    // A scene being destroyed detaches its views, which resizes and scrolls them: by then the
    // view no longer shows it and its cards are gone.
    if (scene() != m_board)
        return;
    m_board->setShownRect(mapToScene(viewport()->rect()).boundingRect());
}

} // namespace cox::console
