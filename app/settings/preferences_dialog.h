// PreferencesDialog: the console's preferences - for now the user-interface language. Accepting
// saves the choice (QSettings) and applies it live: every open window re-labels itself.
#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace cox::console {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QComboBox *languageBox() const { return m_language; }
    // Saves and applies what the dialog shows (what OK does).
    void applyChoice();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_languageLabel;
    QComboBox *m_language;
    QDialogButtonBox *m_buttons;
};

} // namespace cox::console
