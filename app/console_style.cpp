#include "console_style.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

namespace cox::console {

void ConsoleStyle::apply(QApplication &app) {
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    const QColor window(0x22, 0x27, 0x30);
    const QColor base(0x1b, 0x1f, 0x27);
    const QColor text(0xe6, 0xea, 0xf0);
    const QColor accent(0x5b, 0x9c, 0xff);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x25, 0x2b, 0x35));
    p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x33, 0x3f));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2d, 0x33, 0x3f));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::PlaceholderText, QColor(0x93, 0x9c, 0xab));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6b, 0x72, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6b, 0x72, 0x80));
    app.setPalette(p);
}

} // namespace cox::console
