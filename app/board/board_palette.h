// BoardPalette: the board's colours in one place - a dark slate background that reads in
// dark and light desktop themes alike, one stable hue per owner, phase and status accents.
#pragma once

#include <QColor>
#include <QString>

namespace cox::console {

class BoardPalette {
public:
    static QColor background() { return QColor(0x1b, 0x1f, 0x27); }
    static QColor card() { return QColor(0x27, 0x2d, 0x38); }
    static QColor cardBorder() { return QColor(0x3a, 0x42, 0x51); }
    static QColor cardSelected() { return QColor(0x5b, 0x9c, 0xff); }
    static QColor lane() { return QColor(0x2a, 0x25, 0x1f); }
    static QColor laneBorder() { return QColor(0x6b, 0x55, 0x2c); }
    static QColor text() { return QColor(0xe6, 0xea, 0xf0); }
    static QColor subtleText() { return QColor(0x93, 0x9c, 0xab); }
    static QColor barTrack() { return QColor(0x1d, 0x22, 0x2b); }
    static QColor ready() { return QColor(0x3f, 0xb9, 0x50); }
    static QColor notReady() { return QColor(0xf8, 0x51, 0x49); }
    static QColor cordoned() { return QColor(0xd2, 0x99, 0x22); }
    static QColor fits() { return QColor(0x2e, 0xa0, 0x43); }
    static QColor doesNotFit() { return QColor(0xda, 0x36, 0x33); }
    static QColor badge() { return QColor(0xf8, 0x51, 0x49); }
    // A node's measured usage over its request bars: bright, so it reads on every bar colour.
    static QColor actualUsage() { return QColor(0xf5, 0xf7, 0xfa); }

    // Outline colour of a chip by pod phase.
    static QColor phase(const QString &phase);
    // Fill colour by owner: a hash of the name picks a hue, so one deployment has one colour.
    static QColor owner(const QString &owner);
    // The bar colour for a usage fraction: calm up to 70 %, warm to 90 %, hot beyond.
    static QColor usage(double fraction);
};

} // namespace cox::console
