#include "settings/preferences_dialog.h"

#include "settings/language.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>

namespace cox::console {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_languageLabel(new QLabel)
    , m_language(new QComboBox)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
    setObjectName(QStringLiteral("preferencesDialog"));
    m_language->setObjectName(QStringLiteral("languageBox"));
    m_language->addItem(QString(), QString()); // "System language", labelled in retranslateUi
    for (const QString &code : Language::available())
        m_language->addItem(Language::nativeName(code), code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(Language::saved())));
    m_languageLabel->setBuddy(m_language);
    auto *form = new QFormLayout(this);
    form->addRow(m_languageLabel, m_language);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        applyChoice();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslateUi();
}

void PreferencesDialog::applyChoice() {
    const QString code = m_language->currentData().toString();
    Language::save(code);
    Language::apply(code);
}

void PreferencesDialog::retranslateUi() {
    setWindowTitle(tr("Preferences"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, tr("System language"));
    m_language->setAccessibleName(tr("Language"));
}

void PreferencesDialog::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace cox::console
