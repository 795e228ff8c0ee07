// Settings: switching to Simplified Chinese re-labels an open main window live (title, menus,
// docks, toolbar texts, the status line), the preferences dialog saves the choice, switching
// back restores English; the dock layout is remembered. No cluster is needed.
#include "inspector/inspector_panel.h"
#include "inspector/pod_logs_view.h"
#include "main_window.h"
#include "settings/language.h"
#include "settings/preferences_dialog.h"
#include "setup/add_machines_wizard.h"
#include "setup/hosts_page.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

#include <gtest/gtest.h>

namespace cox::console::testing {

namespace {

QStringList menuTitles(MainWindow &window) {
    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

QString dockTitle(MainWindow &window, const char *name) {
    return window.findChild<QDockWidget *>(QString::fromLatin1(name))->windowTitle();
}

class LanguageTest : public ::testing::Test {
protected:
    void TearDown() override {
        Language::apply(QStringLiteral("en"));
        QSettings().remove(QStringLiteral("ui/language"));
    }
};

} // namespace

TEST_F(LanguageTest, SwitchingToChineseTranslatesTheOpenMainWindow) {
    MainWindow window;
    window.show();
    ASSERT_EQ(window.windowTitle(), "Coxswain");
    ASSERT_EQ(menuTitles(window).first(), "&File");
    ASSERT_EQ(dockTitle(window, "inspectorDock"), "Inspector");

    ASSERT_TRUE(Language::apply(QStringLiteral("zh_CN")));
    // LanguageChange is posted to every top-level widget.
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.windowTitle() != "Coxswain"; }, 5000));
    EXPECT_EQ(window.windowTitle(), "Coxswain 控制台");
    EXPECT_EQ(menuTitles(window), QStringList({"文件(&F)", "编辑(&E)", "工作负载(&W)", "集群(&C)",
                                               "视图(&V)", "帮助(&H)"}));
    // The inspector re-labels its tabs and columns live too.
    QTabWidget *tabs = window.inspector()->tabs();
    EXPECT_EQ(tabs->tabText(0), "概览");
    EXPECT_EQ(tabs->tabText(1), "事件");
    EXPECT_EQ(tabs->tabText(tabs->indexOf(window.inspector()->logsView())), "日志");
    EXPECT_EQ(window.inspector()->fieldsTree()->headerItem()->text(0), "字段");
    EXPECT_EQ(window.inspector()->fieldsTree()->headerItem()->text(1), "值");
    AddMachinesWizard wizard{MachineSetupConfig{}};
    EXPECT_EQ(wizard.windowTitle(), "添加机器");
    EXPECT_EQ(wizard.hostsPage()->title(), "机器");
    EXPECT_EQ(dockTitle(window, "inspectorDock"), "检查器");
    EXPECT_EQ(dockTitle(window, "deploymentsDock"), "部署");
    EXPECT_EQ(window.findChild<QLineEdit *>("searchField")->placeholderText(),
              "按名称、节点或标签筛选 Pod（app=web）");
    EXPECT_EQ(window.findChild<QComboBox *>("namespaceFilter")->itemText(0), "所有命名空间");
    EXPECT_EQ(window.statusText(), "节点 0/0 就绪 · Pod 0/0 运行中 · 0 个等待调度");
    EXPECT_EQ(Language::current(), "zh_CN");

    ASSERT_TRUE(Language::apply(QStringLiteral("en")));
    EXPECT_TRUE(QTest::qWaitFor([&] { return window.windowTitle() == "Coxswain"; }, 5000));
    EXPECT_EQ(menuTitles(window).first(), "&File");
    EXPECT_EQ(dockTitle(window, "inspectorDock"), "Inspector");
    EXPECT_EQ(window.inspector()->tabs()->tabText(0), "Overview");
}

TEST_F(LanguageTest, PreferencesDialogSavesAndAppliesTheChoice) {
    MainWindow window;
    window.show();
    PreferencesDialog dialog(&window);
    QComboBox *box = dialog.languageBox();
    ASSERT_GE(box->findData("zh_CN"), 0);
    EXPECT_EQ(box->itemText(box->findData("zh_CN")), "简体中文");
    box->setCurrentIndex(box->findData("zh_CN"));
    dialog.applyChoice();
    EXPECT_EQ(QSettings().value("ui/language").toString(), "zh_CN");
    EXPECT_TRUE(QTest::qWaitFor([&] { return dialog.windowTitle() == "首选项"; }, 5000))
        << dialog.windowTitle().toStdString();
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return dockTitle(window, "deploymentsDock") == "部署"; }, 5000));
    // A window opened later (a restart reads the saved choice the same way) starts in Chinese.
    MainWindow later;
    EXPECT_EQ(later.windowTitle(), "Coxswain 控制台");
}

TEST_F(LanguageTest, UnknownLanguageFallsBackToEnglish) {
    EXPECT_FALSE(Language::apply(QStringLiteral("xx_YY")));
    EXPECT_EQ(Language::current(), "en");
    EXPECT_EQ(Language::resolve(QStringLiteral("zh_CN")), "zh_CN");
}

} // namespace cox::console::testing

namespace cox::console::testing {

TEST(LayoutTest, DockLayoutIsRememberedAcrossWindows) {
    QSettings().remove(QStringLiteral("window"));
    {
        MainWindow window;
        window.show();
        window.findChild<QDockWidget *>("inspectorDock")->hide();
        window.close(); // saves
    }
    MainWindow next;
    next.restoreLayout();
    next.show();
    EXPECT_TRUE(next.findChild<QDockWidget *>("inspectorDock")->isHidden());
    EXPECT_FALSE(next.findChild<QDockWidget *>("deploymentsDock")->isHidden());
    QSettings().remove(QStringLiteral("window"));
}

} // namespace cox::console::testing
