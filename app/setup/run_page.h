// RunPage: the wizard's last page. One row per machine (machine, current step, status, Retry),
// a bar asking to trust each new host key by its SHA-256 fingerprint, the failure's cause and
// remedy, and the log lines of every machine. Each machine runs in its own BootstrapJob; the
// page is complete (Finish) once no job runs and no question waits.
#pragma once

#include "setup/bootstrap_job.h"

#include <QList>
#include <QVector>
#include <QWizardPage>

class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace cox::console {

class AddMachinesWizard;

class RunPage : public QWizardPage {
    Q_OBJECT
public:
    static constexpr int kConcurrency = 4;

    explicit RunPage(AddMachinesWizard *wizard);
    ~RunPage() override;

    void initializePage() override;
    bool isComplete() const override;

    // Runs machine `row` again; asks first for the secret its failure points at (the password
    // or passphrase after a refused login, the sudo password after a sudo refusal).
    void retry(int row);
    void answerHostKey(bool trust);

    int machineCount() const { return int(m_outcomes.size()); }
    bool finished(int row) const { return m_jobs.value(row) && !m_jobs[row]->running(); }
    const MachineOutcome &outcome(int row) const { return m_outcomes[row]; }
    QTableWidget *table() const { return m_table; }
    QPushButton *retryButton(int row) const { return m_retry.value(row); }
    QFrame *hostKeyBar() const { return m_hostKeyBar; }
    QLabel *hostKeyText() const { return m_hostKeyText; }
    QPushButton *trustButton() const { return m_trust; }
    QPushButton *rejectButton() const { return m_reject; }
    QLabel *detail() const { return m_detail; }
    QPlainTextEdit *log() const { return m_log; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Question {
        int row = 0;
        QString keyType;
        QString fingerprint;
    };
    void retranslateUi();
    void start(int row);
    void startWaiting();
    void onProgress(int row, const QString &step, int kind, const QString &text);
    void onQuestion(int row, const QString &keyType, const QString &fingerprint);
    void onFinished(int row, const MachineOutcome &outcome);
    void showNextQuestion();
    // Asks again for the secret a failed step points at; false when the user cancelled.
    bool askSecretFor(int row);
    void setCell(int row, int column, const QString &text, const QString &tip = {});

    AddMachinesWizard *m_wizard;
    QTableWidget *m_table;
    QFrame *m_hostKeyBar;
    QLabel *m_hostKeyText;
    QPushButton *m_trust;
    QPushButton *m_reject;
    QLabel *m_detail;
    QLabel *m_logLabel;
    QPlainTextEdit *m_log;
    QVector<BootstrapJob *> m_jobs;
    QVector<MachineOutcome> m_outcomes;
    QVector<QPushButton *> m_retry;
    QList<Question> m_questions;
    QList<int> m_waiting; // rows not started yet
};

} // namespace cox::console
