#include "setup/run_page.h"

#include "bootstrap/progress.h"
#include "setup/add_machines_wizard.h"
#include "setup/auth_page.h"
#include "setup/hosts_page.h"
#include "setup/secret_store.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cox::console {

using bootstrap::ProgressKind;

RunPage::RunPage(AddMachinesWizard *wizard)
    : m_wizard(wizard)
    , m_table(new QTableWidget(0, 4))
    , m_hostKeyBar(new QFrame)
    , m_hostKeyText(new QLabel)
    , m_trust(new QPushButton)
    , m_reject(new QPushButton)
    , m_detail(new QLabel)
    , m_logLabel(new QLabel)
    , m_log(new QPlainTextEdit) {
    m_table->setObjectName(QStringLiteral("machines"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_hostKeyBar->setObjectName(QStringLiteral("hostKeyBar"));
    m_hostKeyBar->setFrameShape(QFrame::StyledPanel);
    m_hostKeyBar->setStyleSheet(QStringLiteral("#hostKeyBar { background: #fff8e1; }"));
    m_hostKeyText->setWordWrap(true);
    m_hostKeyText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trust->setObjectName(QStringLiteral("trustHostKey"));
    m_reject->setObjectName(QStringLiteral("rejectHostKey"));
    auto *bar = new QHBoxLayout(m_hostKeyBar);
    bar->addWidget(m_hostKeyText, 1);
    bar->addWidget(m_trust);
    bar->addWidget(m_reject);
    m_hostKeyBar->hide();
    m_detail->setObjectName(QStringLiteral("failureDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setStyleSheet(QStringLiteral("color: #c62828"));
    m_log->setObjectName(QStringLiteral("runLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 2);
    layout->addWidget(m_hostKeyBar);
    layout->addWidget(m_detail);
    layout->addWidget(m_logLabel);
    layout->addWidget(m_log, 3);
    connect(m_trust, &QPushButton::clicked, this, [this] { answerHostKey(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { answerHostKey(false); });
    retranslateUi();
}

RunPage::~RunPage() {
    for (BootstrapJob *job : m_jobs)
        delete job; // cancels and joins its worker
}

void RunPage::retranslateUi() {
    const bool add = m_wizard->mode() == AddMachinesWizard::Mode::Add;
    setTitle(add ? tr("Adding machines") : tr("Removing the node"));
    setSubTitle(add ? tr("Each machine is checked, gets the agent and joins the cluster.")
                    : tr("The node is drained, its agent stopped and removed, then the node is "
                         "deleted."));
    m_table->setHorizontalHeaderLabels({tr("Machine"), tr("Step"), tr("Status"), QString()});
    m_trust->setText(tr("Trust"));
    m_reject->setText(tr("Reject"));
    m_logLabel->setText(tr("Log:"));
    m_table->setAccessibleName(tr("Machines and their progress"));
    m_log->setAccessibleName(tr("Log"));
    for (QPushButton *b : m_retry)
        b->setText(tr("Retry"));
    showNextQuestion();
}

void RunPage::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWizardPage::changeEvent(event);
}

void RunPage::initializePage() {
    const int count = int(m_wizard->hostsPage()->machines().size());
    m_table->setRowCount(count);
    m_outcomes.resize(count);
    m_jobs.resize(count);
    m_retry.resize(count);
    for (int row = 0; row < count; ++row) {
        setCell(row, 0, m_wizard->machineLabel(row));
        auto *retry = new QPushButton(tr("Retry"));
        retry->setObjectName(QStringLiteral("retry%1").arg(row));
        retry->setEnabled(false);
        connect(retry, &QPushButton::clicked, this, [this, row] { this->retry(row); });
        m_table->setCellWidget(row, 3, retry);
        m_retry[row] = retry;
        setCell(row, 2, tr("Waiting…"));
        m_waiting.append(row);
    }
    m_table->resizeColumnsToContents();
    startWaiting();
}

// At most kConcurrency machines at once: each holds an SSH session, a worker thread and an
// upload of the agent (tens of MB).
void RunPage::startWaiting() {
    int running = 0;
    for (BootstrapJob *job : m_jobs)
        running += job && job->running();
    while (running < kConcurrency && !m_waiting.isEmpty()) {
        start(m_waiting.takeFirst());
        ++running;
    }
}

void RunPage::setCell(int row, int column, const QString &text, const QString &tip) {
    auto *item = m_table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        m_table->setItem(row, column, item);
    }
    item->setText(text);
    item->setToolTip(tip.isEmpty() ? text : tip);
}

void RunPage::start(int row) {
    delete m_jobs[row];
    const auto operation = m_wizard->mode() == AddMachinesWizard::Mode::Add
                               ? BootstrapJob::Operation::Add
                               : BootstrapJob::Operation::Remove;
    auto *job = new BootstrapJob(operation, m_wizard->specFor(row), m_wizard->config().toOptions());
    m_jobs[row] = job;
    m_outcomes[row] = {};
    m_retry[row]->setEnabled(false);
    setCell(row, 1, QString());
    setCell(row, 2, tr("Starting…"));
    connect(job, &BootstrapJob::progress, this,
            [this, row](const QString &step, int kind, const QString &text) {
                onProgress(row, step, kind, text);
            });
    connect(job, &BootstrapJob::hostKeyQuestion, this,
            [this, row](const QString &type, const QString &fingerprint) {
                onQuestion(row, type, fingerprint);
            });
    connect(job, &BootstrapJob::finished, this,
            [this, row](const MachineOutcome &o) { onFinished(row, o); });
    job->start();
    emit completeChanged();
}

void RunPage::onProgress(int row, const QString &step, int kind, const QString &text) {
    const QString machine = m_wizard->machineLabel(row);
    switch (ProgressKind(kind)) {
    case ProgressKind::StepStarted:
        setCell(row, 1, step);
        setCell(row, 2, tr("Running…"));
        m_log->appendPlainText(QStringLiteral("[%1] %2 …").arg(machine, step));
        return;
    case ProgressKind::StepDone:
    case ProgressKind::StepSkipped:
    case ProgressKind::StepFailed:
    case ProgressKind::Message:
    case ProgressKind::Output:
        if (!text.isEmpty())
            m_log->appendPlainText(QStringLiteral("[%1] %2: %3").arg(machine, step, text));
        return;
    }
}

void RunPage::onQuestion(int row, const QString &keyType, const QString &fingerprint) {
    m_questions.append({row, keyType, fingerprint});
    setCell(row, 2, tr("Waiting for you to confirm the host key"));
    showNextQuestion();
    emit completeChanged();
}

void RunPage::showNextQuestion() {
    if (m_questions.isEmpty()) {
        m_hostKeyBar->hide();
        return;
    }
    const Question &q = m_questions.first();
    m_hostKeyText->setText(
        tr("%1 presents a host key this console has not seen before:\n%2 %3\nCompare it with "
           "the output of 'ssh-keygen -lf /etc/ssh/ssh_host_%4_key.pub' on the machine itself. "
           "Trust it?")
            .arg(m_wizard->machineLabel(q.row), q.keyType, q.fingerprint,
                 q.keyType.section(QLatin1Char('-'), -1)));
    m_hostKeyBar->show();
}

void RunPage::answerHostKey(bool trust) {
    if (m_questions.isEmpty())
        return;
    const Question q = m_questions.takeFirst();
    if (BootstrapJob *job = m_jobs.value(q.row))
        job->answerHostKey(trust);
    m_log->appendPlainText(
        trust ? tr("[%1] host key %2 trusted").arg(m_wizard->machineLabel(q.row), q.fingerprint)
              : tr("[%1] host key %2 rejected").arg(m_wizard->machineLabel(q.row), q.fingerprint));
    showNextQuestion();
    emit completeChanged();
}

void RunPage::onFinished(int row, const MachineOutcome &outcome) {
    m_outcomes[row] = outcome;
    startWaiting();
    const bool add = m_wizard->mode() == AddMachinesWizard::Mode::Add;
    if (outcome.ok) {
        setCell(row, 1, QString());
        setCell(row, 2,
                add ? tr("Ready as node %1").arg(outcome.nodeName)
                    : tr("Removed node %1").arg(outcome.nodeName));
        m_wizard->rememberSecrets(row);
        m_log->appendPlainText(QStringLiteral("[%1] %2").arg(m_wizard->machineLabel(row),
                                                             m_table->item(row, 2)->text()));
    } else {
        const QString status =
            outcome.cancelled ? tr("Cancelled") : tr("Failed at step %1").arg(outcome.failedStep);
        setCell(row, 2, status, outcome.message);
        m_retry[row]->setEnabled(true);
        m_detail->setText(tr("%1: %2\nWhat to do: %3")
                              .arg(m_wizard->machineLabel(row), outcome.cause, outcome.remedy));
        m_log->appendPlainText(
            QStringLiteral("[%1] %2").arg(m_wizard->machineLabel(row), outcome.message));
    }
    emit completeChanged();
}

bool RunPage::askSecretFor(int row) {
    const MachineOutcome &o = m_outcomes[row];
    const QString machine = m_wizard->machineLabel(row);
    SecretStore::Kind kind;
    QString label;
    if (o.failedStep == QLatin1String("authenticate") &&
        m_wizard->authPage()->method() == AuthPage::Method::Password) {
        kind = SecretStore::Kind::Password;
        label = tr("Password for %1:").arg(machine);
    } else if (o.failedStep == QLatin1String("authenticate") &&
               m_wizard->authPage()->method() == AuthPage::Method::KeyFile) {
        kind = SecretStore::Kind::Passphrase;
        label = tr("Passphrase of the key for %1 (empty if it has none):").arg(machine);
    } else if (o.failedStep == QLatin1String("privileges")) {
        kind = SecretStore::Kind::SudoPassword;
        label = tr("Sudo password for %1:").arg(machine);
    } else {
        return true; // nothing to ask: the cause is on the machine or the network
    }
    bool ok = false;
    const QString secret = QInputDialog::getText(this, tr("Retry %1").arg(machine), label,
                                                 QLineEdit::Password, QString(), &ok);
    if (!ok)
        return false;
    m_wizard->overrideSecret(row, int(kind), secret);
    return true;
}

void RunPage::retry(int row) {
    if (row < 0 || row >= m_jobs.size() || !finished(row) || m_outcomes[row].ok)
        return;
    if (!askSecretFor(row))
        return;
    m_detail->clear();
    m_log->appendPlainText(tr("[%1] retrying").arg(m_wizard->machineLabel(row)));
    start(row);
}

bool RunPage::isComplete() const {
    if (!m_questions.isEmpty() || !m_waiting.isEmpty())
        return false;
    for (int row = 0; row < m_jobs.size(); ++row)
        if (!finished(row))
            return false;
    return true;
}

} // namespace cox::console
