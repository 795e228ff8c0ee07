// coxswain: the desktop console. Hosts a cluster in-process (or opens one from a kubeconfig)
// and shows it as a board; ConsoleLauncher decides which (welcome dialog on the first start).
#include "board/board_scene.h"
#include "console_options.h"
#include "console_style.h"
#include "main_window.h"
#include "settings/language.h"
#include "welcome/console_launcher.h"

#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QTimer>

#include <cstdio>

using namespace cox::console;

namespace {

// Screenshot mode: once the board has settled (synced and populated, or after a bound), save
// the window and quit.
void scheduleScreenshot(MainWindow &window, const QString &file) {
    auto save = [&window, file] {
        QApplication::processEvents();
        const bool ok = window.grab().save(file);
        std::fprintf(stderr, ok ? "saved %s\n" : "could not save %s\n", qPrintable(file));
        QApplication::exit(ok ? 0 : 1);
    };
    QObject::connect(&window, &MainWindow::clusterSynced, &window, [save] {
        QTimer::singleShot(1500, save); // let the first watch events land and paint
    });
    QTimer::singleShot(60'000, &window, save);
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coxswain"));
    QApplication::setApplicationVersion(QStringLiteral(COX_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("Coxswain"));
    QApplication::setOrganizationName(QStringLiteral("coxswain"));
    // Ties the windows to io.coxswain.Coxswain.desktop (Wayland app id, X11 WM_CLASS matching), so
    // docks and task switchers show the installed entry's name and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.coxswain.Coxswain"));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("io.coxswain.Coxswain"),
                         QIcon(QStringLiteral(":/icons/io.coxswain.Coxswain.png"))));
    Language::apply(Language::saved());
    ConsoleStyle::apply(app);
    QString error;
    const auto options = ConsoleOptions::parse(QApplication::arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "coxswain: %s\n", qPrintable(error));
        return 2;
    }
    ConsoleLauncher launcher; // declared before the window: its cluster outlives the watches
    MainWindow window;
    launcher.attach(&window);
    if (auto *clusterMenu = window.findChild<QMenu *>(QStringLiteral("clusterMenu")))
        launcher.addMenuActions(clusterMenu);
    QObject::connect(&launcher, &ConsoleLauncher::quitRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);
    if (!options->screenshot.isEmpty())
        scheduleScreenshot(window, options->screenshot);
    window.restoreLayout();
    window.show();
    // After show(): a first start's welcome dialog opens over the window.
    if (!launcher.start(*options, &error)) {
        std::fprintf(stderr, "coxswain: %s\n", qPrintable(error));
        return 2;
    }
    return app.exec();
}
