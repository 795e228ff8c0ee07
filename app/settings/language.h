// Language: the console's user-interface language. The choice lives in QSettings
// ("ui/language": "" follows the system locale); apply() swaps the installed translators at run
// time, and Qt sends every widget QEvent::LanguageChange, so windows that set their texts in a
// retranslateUi re-label live. The console's .qm files are compiled into the binary
// (":/translations"); Qt's own (qtbase_*.qm, standard dialog buttons) are used when installed.
#pragma once

#include <QString>
#include <QStringList>

namespace cox::console {

class Language {
public:
    // Codes the console ships, "en" first (the source language, no .qm).
    static QStringList available();
    // The language's own name for itself ("English", "简体中文"), for the preferences list.
    static QString nativeName(const QString &code);
    // The saved choice ("" = system) and the code it resolves to.
    static QString saved();
    static void save(const QString &code);
    static QString resolve(const QString &code);
    // Installs the translators for `code` ("" = system) and removes the previous ones; false
    // when the console has no translation for it (English is then shown).
    static bool apply(const QString &code);
    // The code applied last ("en" before any apply).
    static QString current();
};

} // namespace cox::console
