#include "settings/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace cox::console {

namespace {

const QString kKey = QStringLiteral("ui/language");

// Owned here for the whole run: QCoreApplication keeps only pointers to installed translators.
struct Translators {
    QTranslator console;
    QTranslator qt;
    QString code = QStringLiteral("en");
};

Translators &translators() {
    static Translators t;
    return t;
}

} // namespace

QStringList Language::available() {
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Language::nativeName(const QString &code) {
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return code;
}

QString Language::saved() {
    return QSettings().value(kKey).toString();
}

void Language::save(const QString &code) {
    QSettings().setValue(kKey, code);
}

QString Language::resolve(const QString &code) {
    if (!code.isEmpty())
        return code;
    // The system's UI languages in order of preference; the first the console has wins.
    for (const QString &name : QLocale::system().uiLanguages()) {
        const QString normalized = QLocale(name).name(); // "zh-Hans-CN" -> "zh_CN"
        if (available().contains(normalized))
            return normalized;
        if (normalized.startsWith(QLatin1String("en")))
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

bool Language::apply(const QString &code) {
    Translators &t = translators();
    const QString resolved = resolve(code);
    QCoreApplication::removeTranslator(&t.console);
    QCoreApplication::removeTranslator(&t.qt);
    t.code = QStringLiteral("en");
    if (resolved == QLatin1String("en")) {
        // Removing translators alone sends no LanguageChange when none was installed.
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
        return true;
    }
    if (!t.console.load(QStringLiteral(":/translations/coxswain_%1.qm").arg(resolved)))
        return false;
    if (t.qt.load(QStringLiteral("qtbase_") + resolved,
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&t.qt);
    QCoreApplication::installTranslator(&t.console);
    t.code = resolved;
    return true;
}

QString Language::current() {
    return translators().code;
}

} // namespace cox::console
