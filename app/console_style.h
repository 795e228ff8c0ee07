// ConsoleStyle: one dark Fusion palette for the whole console, so the docks and toolbars match
// the board instead of framing a dark board in a light desktop theme.
#pragma once

class QApplication;

namespace cox::console {

class ConsoleStyle {
public:
    static void apply(QApplication &app);
};

} // namespace cox::console
