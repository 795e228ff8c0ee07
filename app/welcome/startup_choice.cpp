#include "welcome/startup_choice.h"

#include <QSettings>

namespace cox::console {

namespace {

const QString kMode = QStringLiteral("startup/mode");
const QString kDataDir = QStringLiteral("startup/dataDir");
const QString kLocalNode = QStringLiteral("startup/localNode");
const QString kKubeconfig = QStringLiteral("startup/kubeconfig");

} // namespace

StartupChoice StartupChoice::load() {
    QSettings settings;
    StartupChoice choice;
    const QString mode = settings.value(kMode).toString();
    if (mode == QLatin1String("local"))
        choice.mode = Mode::LocalCluster;
    else if (mode == QLatin1String("kubeconfig"))
        choice.mode = Mode::Kubeconfig;
    choice.dataDir = settings.value(kDataDir).toString();
    choice.localNode = settings.value(kLocalNode, false).toBool();
    choice.kubeconfig = settings.value(kKubeconfig).toString();
    if (choice.mode == Mode::Kubeconfig && choice.kubeconfig.isEmpty())
        choice.mode = Mode::None; // a damaged entry: ask again rather than fail
    return choice;
}

void StartupChoice::save() const {
    QSettings settings;
    if (mode == Mode::None) {
        forget();
        return;
    }
    settings.setValue(kMode, mode == Mode::LocalCluster ? QStringLiteral("local")
                                                        : QStringLiteral("kubeconfig"));
    settings.setValue(kDataDir, dataDir);
    settings.setValue(kLocalNode, mode == Mode::LocalCluster && localNode);
    settings.setValue(kKubeconfig, mode == Mode::Kubeconfig ? kubeconfig : QString());
}

void StartupChoice::forget() {
    QSettings settings;
    settings.remove(QStringLiteral("startup"));
}

} // namespace cox::console
