#include "board/board_palette.h"

#include <QHash>

#include <cmath>

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
    // Golden-ratio spacing of the hash spreads neighbouring hashes over the wheel.
    const size_t h = qHash(owner, 0x5eed);
    const int hue = int(std::fmod(double(h % 100003) * 0.618033988749895, 1.0) * 360.0);
    return QColor::fromHsv(hue, 120 + int(h % 50), 205 + int((h >> 8) % 40));
}

QColor BoardPalette::usage(double fraction) {
    if (fraction < 0.7)
        return QColor(0x4c, 0x8d, 0xf6);
    if (fraction < 0.9)
        return QColor(0xd2, 0x99, 0x22);
    return QColor(0xf8, 0x51, 0x49);
}

} // namespace cox::console
