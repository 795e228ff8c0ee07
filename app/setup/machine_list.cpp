#include "setup/machine_list.h"

#include <QRegularExpression>

namespace cox::console {

bool MachineList::splitHostPort(const QString &text, QString *host, quint16 *port, QString *error) {
    QString rest = text;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0) {
            *error = tr("missing ']' after the IPv6 address");
            return false;
        }
        *host = rest.mid(1, close - 1);
        rest = rest.mid(close + 1);
        if (rest.isEmpty())
            return true;
        if (!rest.startsWith(QLatin1Char(':'))) {
            *error = tr("expected ':port' after ']'");
            return false;
        }
        rest = rest.mid(1);
    } else if (rest.count(QLatin1Char(':')) == 1) {
        *host = rest.section(QLatin1Char(':'), 0, 0);
        rest = rest.section(QLatin1Char(':'), 1);
    } else {
        *host = rest; // a name, an IPv4 address or a bare IPv6 address
        return true;
    }
    bool ok = false;
    const uint value = rest.toUInt(&ok);
    if (!ok || value == 0 || value > 65535) {
        *error = tr("'%1' is not a port (1-65535)").arg(rest);
        return false;
    }
    *port = quint16(value);
    return true;
}

QString MachineEntry::label(const QString &defaultUser) const {
    const QString who = user.isEmpty() ? defaultUser : user;
    const QString where = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1@%2:%3").arg(who, where).arg(port);
}

bool MachineList::parseLine(const QString &line, MachineEntry *entry, QString *error) {
    const QStringList words =
        line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (words.isEmpty() || words.size() > 2) {
        *error = tr("expected '[user@]host[:port] [node name]'");
        return false;
    }
    QString address = words[0];
    if (const qsizetype at = address.indexOf(QLatin1Char('@')); at >= 0) {
        entry->user = address.left(at);
        address = address.mid(at + 1);
        if (entry->user.isEmpty()) {
            *error = tr("empty user name before '@'");
            return false;
        }
    }
    if (!splitHostPort(address, &entry->host, &entry->port, error))
        return false;
    if (entry->host.isEmpty()) {
        *error = tr("no host");
        return false;
    }
    if (words.size() == 2) {
        static const QRegularExpression dns(QStringLiteral("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$"));
        if (!dns.match(words[1]).hasMatch()) {
            *error = tr("'%1' is not a valid node name (lower-case letters, digits, '-', '.')")
                         .arg(words[1]);
            return false;
        }
        entry->nodeName = words[1];
    }
    return true;
}

QList<MachineEntry> MachineList::parse(const QString &text, QStringList *errors) {
    QList<MachineEntry> entries;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].section(QLatin1Char('#'), 0, 0).trimmed();
        if (line.isEmpty())
            continue;
        MachineEntry entry;
        QString error;
        if (parseLine(line, &entry, &error))
            entries.append(entry);
        else
            errors->append(tr("Line %1: %2").arg(i + 1).arg(error));
    }
    if (!errors->isEmpty())
        entries.clear();
    return entries;
}

} // namespace cox::console
