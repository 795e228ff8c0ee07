// MachineList: the wizard's "one machine per line" text. A line is `[user@]host[:port] [node]`
// (IPv6 in brackets: `[fd00::5]:2222`); blank lines and `#` comments are skipped. Parsing is
// separate from the widgets so it is tested on its own and the errors name the line.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace cox::console {

struct MachineEntry {
    QString host;
    quint16 port = 22;
    QString user;     // empty = the wizard's default user
    QString nodeName; // empty = the machine's host name

    // "user@host:port" as shown in the progress table and used as the keychain account.
    QString label(const QString &defaultUser) const;
};

class MachineList {
    Q_DECLARE_TR_FUNCTIONS(MachineList)
public:
    // Entries of `text`, or an empty list with one message per bad line in `errors`.
    static QList<MachineEntry> parse(const QString &text, QStringList *errors);
    static bool parseLine(const QString &line, MachineEntry *entry, QString *error);

private:
    // Splits "host:port" / "[v6]:port" / "host"; false on a malformed port or bracket.
    static bool splitHostPort(const QString &text, QString *host, quint16 *port, QString *error);
};

} // namespace cox::console
