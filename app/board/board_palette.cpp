#include "board/board_palette.h"

#include <QHash>

namespace cox::console {

QColor BoardPalette::phase(const QString &phase) {
    if (phase == QLatin1String("Running"))
        return QColor(0x56, 0xd3, 0x64);
    if (phase == QLatin1String("Pending"))
        return QColor(0xe3, 0xb3, 0x41);
    if (phase == QLatin1String("Succeeded"))
        return QColor(0x8b, 0x94, 0x9e);
    if (phase == QLatin1String("Failed"))
        return QColor(0xff, 0x6a, 0x69);
    return QColor(0xbc, 0x8c, 0xff); // Unknown
}

QColor BoardPalette::owner(const QString &owner) {
    // A curated set of hues that stay apart from each other and from the phase outlines on a
    // dark card; the name's hash picks one, so a deployment keeps its colour everywhere.
    static const QColor palette[] = {
        QColor(0x6c, 0x9e, 0xff), QColor(0xc0, 0x84, 0xfc), QColor(0xf4, 0x72, 0xb6),
        QColor(0x2d, 0xd4, 0xbf), QColor(0xfb, 0x92, 0x3c), QColor(0x38, 0xbd, 0xf8),
        QColor(0xa3, 0xe6, 0x35), QColor(0xfa, 0xcc, 0x15), QColor(0x81, 0x8c, 0xf8),
        QColor(0xf8, 0x71, 0x71), QColor(0x34, 0xd3, 0x99), QColor(0xe8, 0x79, 0xf9),
    };
    return palette[qHash(owner, 0x5eed) % (sizeof(palette) / sizeof(palette[0]))];
}

QColor BoardPalette::usage(double fraction) {
    if (fraction < 0.7)
        return QColor(0x4c, 0x8d, 0xf6);
    if (fraction < 0.9)
        return QColor(0xd2, 0x99, 0x22);
    return QColor(0xf8, 0x51, 0x49);
}

} // namespace cox::console
