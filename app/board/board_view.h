// BoardView: the QGraphicsView over the board - ctrl+wheel and +/- zoom around the cursor,
// drag on the background to pan, 0 or "fit" to show everything. It tells the scene its size
// (the grid reflows to it) and its zoom (chips switch to flat drawing when small). Chip sprites
// a frame had no time for (see ChipSprites) it renders on idle ticks, then repaints.
#pragma once

#include <QGraphicsView>

namespace cox::console {

class BoardScene;

class BoardView : public QGraphicsView {
    Q_OBJECT
public:
    explicit BoardView(BoardScene *scene, QWidget *parent = nullptr);

    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal zoom);

public slots:
    void zoomIn();
    void zoomOut();
    void fitToView();

signals:
    void zoomChanged(qreal zoom);

public:
    // Whether chip sprites wait for an idle tick (a frame drew stand-ins for them).
    bool hasDeferredWork() const { return m_spriteTickPending; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void zoomBy(qreal factor);
    void zoomApplied();
    void tellShownRect();
    void scheduleSpriteTick();
    void spriteTick();

    BoardScene *m_board;
    bool m_spriteTickPending = false;
};

} // namespace cox::console
