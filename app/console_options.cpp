#include "console_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace cox::console {

std::optional<ConsoleOptions> ConsoleOptions::parse(const QStringList &arguments, QString *error) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("ConsoleOptions", "Coxswain cluster console"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("ConsoleOptions", "Host the local cluster in DIR."),
        QStringLiteral("DIR"));
    QCommandLineOption kubeconfig(
        QStringLiteral("kubeconfig"),
        QCoreApplication::translate("ConsoleOptions", "Open the cluster FILE describes instead."),
        QStringLiteral("FILE"));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("ConsoleOptions",
                                    "Save a PNG of the window to FILE once the board is shown, "
                                    "then quit."),
        QStringLiteral("FILE"));
    QCommandLineOption port(
        QStringLiteral("port"),
        QCoreApplication::translate("ConsoleOptions", "API port of the local cluster (6443)."),
        QStringLiteral("PORT"), QStringLiteral("6443"));
    QCommandLineOption welcome(
        QStringLiteral("welcome"),
        QCoreApplication::translate("ConsoleOptions",
                                    "Show the welcome choice (local cluster or kubeconfig) even "
                                    "when one is remembered."));
    parser.addOptions({dataDir, kubeconfig, screenshot, port, welcome});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    ConsoleOptions options;
    options.dataDir = parser.value(dataDir);
    options.kubeconfig = parser.value(kubeconfig);
    options.screenshot = parser.value(screenshot);
    options.welcome = parser.isSet(welcome);
    bool ok = false;
    options.port = parser.value(port).toInt(&ok);
    if (!ok || options.port < 0 || options.port > 65535) {
        *error = QCoreApplication::translate("ConsoleOptions", "invalid port: %1")
                     .arg(parser.value(port));
        return std::nullopt;
    }
    if (!options.kubeconfig.isEmpty() && !options.dataDir.isEmpty()) {
        *error = QCoreApplication::translate("ConsoleOptions",
                                             "--kubeconfig and --data-dir exclude each other");
        return std::nullopt;
    }
    return options;
}

} // namespace cox::console
