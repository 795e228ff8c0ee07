// MachineList: the wizard's machine lines, parsed without any widget.
#include "setup/machine_list.h"

#include <gtest/gtest.h>

namespace cox::console {
namespace {

TEST(MachineListTest, ParsesUsersPortsIpv6AndNodeNames) {
    QStringList errors;
    const auto entries = MachineList::parse(QStringLiteral("10.0.0.5\n"
                                                           "  # a comment\n"
                                                           "admin@10.0.0.6:2222 worker-2\n"
                                                           "[fd00::7]:2200\n"
                                                           "deploy@fd00::8 # trailing comment\n"),
                                            &errors);
    ASSERT_TRUE(errors.isEmpty()) << errors.join(';').toStdString();
    ASSERT_EQ(entries.size(), 4);
    EXPECT_EQ(entries[0].host, QStringLiteral("10.0.0.5"));
    EXPECT_EQ(entries[0].port, 22);
    EXPECT_TRUE(entries[0].user.isEmpty());
    EXPECT_EQ(entries[1].user, QStringLiteral("admin"));
    EXPECT_EQ(entries[1].port, 2222);
    EXPECT_EQ(entries[1].nodeName, QStringLiteral("worker-2"));
    EXPECT_EQ(entries[2].host, QStringLiteral("fd00::7"));
    EXPECT_EQ(entries[2].port, 2200);
    EXPECT_EQ(entries[3].host, QStringLiteral("fd00::8"));
    EXPECT_EQ(entries[3].label(QStringLiteral("root")), QStringLiteral("deploy@[fd00::8]:22"));
    EXPECT_EQ(entries[0].label(QStringLiteral("root")), QStringLiteral("root@10.0.0.5:22"));
}

TEST(MachineListTest, NamesEveryBadLine) {
    QStringList errors;
    const auto entries = MachineList::parse(
        QStringLiteral("good-host\nhost:99999\n@host\n[fd00::1\nhost Bad_Name\na b c\n"), &errors);
    EXPECT_TRUE(entries.isEmpty()); // nothing runs while a line is wrong
    ASSERT_EQ(errors.size(), 5) << errors.join(';').toStdString();
    EXPECT_TRUE(errors[0].startsWith(QStringLiteral("Line 2:")));
    EXPECT_TRUE(errors[0].contains(QStringLiteral("99999")));
    EXPECT_TRUE(errors[1].contains(QStringLiteral("empty user")));
    EXPECT_TRUE(errors[2].contains(QStringLiteral("]")));
    EXPECT_TRUE(errors[3].contains(QStringLiteral("Bad_Name")));
    EXPECT_TRUE(errors[4].startsWith(QStringLiteral("Line 6:")));
}

} // namespace
} // namespace cox::console
