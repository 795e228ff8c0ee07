#include "welcome/welcome_dialog.h"

#include "welcome/kubeconfig_probe.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace cox::console {

namespace {

QLabel *noteLabel(const QString &text) {
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setContentsMargins(24, 0, 0, 0); // under its radio button's text, not its circle
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.92);
    label->setFont(font);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A path on a line of its own, so it wraps as a whole rather than at a slash.
QString pathHtml(const QString &path) {
    return QStringLiteral("<br><span style='font-family:monospace'>%1</span>")
        .arg(QDir::toNativeSeparators(path).toHtmlEscaped());
}

QWidget *header() {
    auto *box = new QWidget;
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 8);
    auto *logo = new QLabel;
    logo->setPixmap(QPixmap(QStringLiteral(":/icons/io.coxswain.Coxswain.png"))
                        .scaled(56, 56, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    row->addWidget(logo, 0, Qt::AlignTop);
    auto *title = new QLabel(QStringLiteral("<h2 style='margin:0'>%1</h2><p>%2</p>")
                                 .arg(WelcomeDialog::tr("Welcome to Coxswain"),
                                      WelcomeDialog::tr("Choose the cluster this console shows. "
                                                        "The choice is remembered; the Cluster "
                                                        "menu brings you back here.")));
    title->setWordWrap(true);
    row->addWidget(title, 1);
    return box;
}

} // namespace

WelcomeDialog::WelcomeDialog(const QString &dataDir, const QStringList &localNodeMissing,
                             QWidget *parent)
    : QDialog(parent)
    , m_dataDir(dataDir)
    , m_missing(localNodeMissing)
    , m_local(new QRadioButton(tr("Create a local cluster")))
    , m_localNode(new QCheckBox(tr("Also run this machine as the first node")))
    , m_localNodeNote(noteLabel(QString()))
    , m_kubeconfig(new QRadioButton(tr("Open a cluster from a kubeconfig…")))
    , m_path(new QLineEdit)
    , m_browse(new QPushButton(tr("Browse…")))
    , m_error(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
    , m_probe(new KubeconfigProbe(this)) {
    setObjectName(QStringLiteral("welcomeDialog"));
    setWindowTitle(tr("Welcome to Coxswain"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_local);
    group->addButton(m_kubeconfig);
    m_local->setChecked(true);
    m_localNode->setStyleSheet(QStringLiteral("QCheckBox { margin-left: 24px; }"));
    if (m_missing.isEmpty()) {
        m_localNodeNote->setText(tr("Runs pods here with runc; the node agent's log is %1")
                                     .arg(pathHtml(m_dataDir + QStringLiteral("/node/agent.log"))));
    } else {
        m_localNode->setEnabled(false);
        m_localNodeNote->setText(tr("Not available on this machine. Missing: %1.")
                                     .arg(m_missing.join(QStringLiteral("; "))));
    }
    m_path->setPlaceholderText(tr("Path to a kubeconfig file"));
    m_path->setAccessibleName(tr("Kubeconfig file"));
    m_error->setObjectName(QStringLiteral("welcomeError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Continue"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Quit"));

    buildLayout();

    connect(m_buttons, &QDialogButtonBox::accepted, this, &WelcomeDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &WelcomeDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &WelcomeDialog::browse);
    connect(group, &QButtonGroup::buttonToggled, this, &WelcomeDialog::updateState);
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_kubeconfig->setChecked(true); });
    connect(m_probe, &KubeconfigProbe::succeeded, this,
            [this](const ClusterConnection &c) { probeFinished(c, {}); });
    connect(m_probe, &KubeconfigProbe::failed, this,
            [this](const QString &error) { probeFinished(std::nullopt, error); });
    updateState();
}

WelcomeDialog::~WelcomeDialog() = default;

void WelcomeDialog::buildLayout() {
    auto *pathRow = new QHBoxLayout;
    pathRow->setContentsMargins(24, 0, 0, 0);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(header());
    layout->addWidget(m_local);
    layout->addWidget(noteLabel(tr("The control plane runs inside this console. Its state, "
                                   "certificates and tokens are kept in %1")
                                    .arg(pathHtml(m_dataDir))));
    layout->addWidget(m_localNode);
    layout->addWidget(m_localNodeNote);
    layout->addSpacing(10);
    layout->addWidget(m_kubeconfig);
    layout->addWidget(noteLabel(tr("Connects to a cluster that runs elsewhere, such as a "
                                   "coxswain-master, with the server, CA and token of the "
                                   "file's current context.")));
    layout->addLayout(pathRow);
    layout->addSpacing(6);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);
}

void WelcomeDialog::chooseLocalCluster(bool localNode) {
    m_local->setChecked(true);
    m_localNode->setChecked(localNode && localNodeAvailable());
    updateState();
}

void WelcomeDialog::chooseKubeconfig(const QString &path) {
    m_kubeconfig->setChecked(true);
    m_path->setText(path);
    updateState();
}

StartupChoice WelcomeDialog::choice() const {
    StartupChoice c;
    if (m_local->isChecked()) {
        c.mode = StartupChoice::Mode::LocalCluster;
        c.dataDir = m_dataDir;
        c.localNode = m_localNode->isChecked() && localNodeAvailable();
    } else {
        c.mode = StartupChoice::Mode::Kubeconfig;
        c.kubeconfig = QDir::cleanPath(QDir().absoluteFilePath(m_path->text().trimmed()));
    }
    return c;
}

QString WelcomeDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

bool WelcomeDialog::checking() const {
    return m_probe->busy();
}

void WelcomeDialog::accept() {
    if (m_local->isChecked()) {
        QDialog::accept();
        return;
    }
    if (m_path->text().trimmed().isEmpty()) {
        showError(tr("Choose a kubeconfig file first."));
        return;
    }
    m_error->setText(tr("Checking %1…").arg(choice().kubeconfig));
    m_error->setStyleSheet(QString());
    m_error->show();
    m_probe->check(choice().kubeconfig);
    updateState();
}

void WelcomeDialog::browse() {
    const QString start =
        m_path->text().isEmpty() ? QDir::homePath() + QStringLiteral("/.kube") : m_path->text();
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a kubeconfig"), start);
    if (file.isEmpty())
        return;
    chooseKubeconfig(file);
}

void WelcomeDialog::updateState() {
    const bool busy = m_probe->busy();
    m_localNode->setEnabled(m_local->isChecked() && localNodeAvailable() && !busy);
    m_path->setEnabled(m_kubeconfig->isChecked() && !busy);
    m_browse->setEnabled(m_kubeconfig->isChecked() && !busy);
    m_local->setEnabled(!busy);
    m_kubeconfig->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void WelcomeDialog::showError(const QString &message) {
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void WelcomeDialog::probeFinished(const std::optional<ClusterConnection> &connection,
                                  const QString &error) {
    updateState();
    if (!connection) {
        showError(tr("This kubeconfig does not open a cluster: %1").arg(error));
        return;
    }
    m_connection = connection;
    showError(QString());
    QDialog::accept();
}

} // namespace cox::console
