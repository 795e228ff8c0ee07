// MainWindow: the menu bar, the shared actions (the toolbar shows some of the same ones) and
// retranslateUi, which sets every text of the window's own chrome so a language switch
// re-labels it without a restart.
#include "main_window.h"

#include "board/board_view.h"
#include "settings/preferences_dialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QToolBar>

namespace cox::console {

void MainWindow::buildMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_preferences = m_fileMenu->addAction(QString(), this, &MainWindow::showPreferences);
    m_preferences->setShortcut(QKeySequence::Preferences);
    m_preferences->setMenuRole(QAction::PreferencesRole);
    m_fileMenu->addSeparator();
    m_quit = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quit->setShortcut(QKeySequence::Quit);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->setObjectName(QStringLiteral("editMenu"));
    m_undoMove = m_editMenu->addAction(QString(), this, &MainWindow::undoLastMove);
    m_undoMove->setShortcut(QKeySequence::Undo);
    m_undoMove->setEnabled(false);

    m_workloadsMenu = menuBar()->addMenu(QString());
    m_workloadsMenu->setObjectName(QStringLiteral("workloadsMenu"));
    m_deploy = m_workloadsMenu->addAction(QString(), this, &MainWindow::showDeployDialog);
    m_deploy->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_applyManifest = m_workloadsMenu->addAction(QString(), this, &MainWindow::openManifest);
    m_applyManifest->setShortcut(QKeySequence::Open);
    m_autoscale = m_workloadsMenu->addAction(QString(), this, &MainWindow::autoscaleSelected);

    m_clusterMenu = menuBar()->addMenu(QString());
    m_clusterMenu->setObjectName(QStringLiteral("clusterMenu"));
    m_addMachines = m_clusterMenu->addAction(QString(), this, &MainWindow::showAddMachines);
    m_addMachines->setObjectName(QStringLiteral("addMachinesAction"));

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_zoomIn = m_viewMenu->addAction(QString(), m_view, &BoardView::zoomIn);
    m_zoomIn->setShortcut(QKeySequence::ZoomIn);
    m_zoomOut = m_viewMenu->addAction(QString(), m_view, &BoardView::zoomOut);
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    m_fit = m_viewMenu->addAction(QString(), m_view, &BoardView::fitToView);
    m_fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_deploymentsDock->toggleViewAction());
    m_viewMenu->addAction(m_inspectorDock->toggleViewAction());
    m_viewMenu->addAction(m_listsDock->toggleViewAction());
    m_viewMenu->addAction(m_eventsDock->toggleViewAction());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_about = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About Coxswain"),
                           tr("Coxswain %1\nA cluster orchestrator and its desktop console.")
                               .arg(QApplication::applicationVersion()));
    });

    m_toolbar->addSeparator();
    m_toolbar->addAction(m_zoomOut);
    m_toolbar->addAction(m_zoomIn);
    m_toolbar->addAction(m_fit);
}

void MainWindow::retranslateUi() {
    setWindowTitle(m_clusterName.isEmpty() ? tr("Coxswain")
                                           : tr("Coxswain — %1").arg(m_clusterName));
    m_fileMenu->setTitle(tr("&File"));
    m_preferences->setText(tr("&Preferences…"));
    m_quit->setText(tr("&Quit"));
    m_editMenu->setTitle(tr("&Edit"));
    m_undoMove->setText(tr("&Undo move"));
    m_workloadsMenu->setTitle(tr("&Workloads"));
    m_deploy->setText(tr("&Deploy an image…"));
    m_applyManifest->setText(tr("&Apply a manifest…"));
    m_autoscale->setText(tr("Auto&scale the selected deployment…"));
    m_clusterMenu->setTitle(tr("&Cluster"));
    m_addMachines->setText(tr("&Add machines…"));
    m_viewMenu->setTitle(tr("&View"));
    m_zoomIn->setText(tr("Zoom in"));
    m_zoomOut->setText(tr("Zoom out"));
    m_fit->setText(tr("Fit"));
    m_helpMenu->setTitle(tr("&Help"));
    m_about->setText(tr("&About Coxswain"));
    m_toolbar->setWindowTitle(tr("Board"));
    m_deploymentsDock->setWindowTitle(tr("Deployments"));
    m_inspectorDock->setWindowTitle(tr("Inspector"));
    m_listsDock->setWindowTitle(tr("Lists"));
    m_eventsDock->setWindowTitle(tr("Events"));
    m_search->setPlaceholderText(tr("Filter pods by name, node or label (app=web)"));
    m_search->setAccessibleName(tr("Filter pods"));
    m_namespace->setItemText(0, tr("All namespaces"));
    m_namespace->setAccessibleName(tr("Namespace"));
    m_view->setAccessibleName(tr("Cluster board"));
    updateCounts();
}

void MainWindow::showPreferences() {
    PreferencesDialog dialog(this);
    dialog.exec();
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange && m_fileMenu)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

} // namespace cox::console
