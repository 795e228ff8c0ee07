#include "dialogs/deploy_spec.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace cox::console {

namespace {

bool isDnsLabel(const QString &name) {
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"));
    return re.match(name).hasMatch();
}

bool isQuantity(const QString &text) {
    static const QRegularExpression re(
        QStringLiteral("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$"));
    return text.isEmpty() || re.match(text).hasMatch();
}

QJsonObject labels(const QString &name) {
    return {{QStringLiteral("app"), name}};
}

} // namespace

bool DeploySpec::parsePorts(const QString &text, QList<int> *ports, QString *error) {
    ports->clear();
    static const QRegularExpression sep(QStringLiteral("[,\\s]+"));
    for (const QString &part : text.split(sep, Qt::SkipEmptyParts)) {
        bool ok = false;
        const int port = part.toInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            *error = tr("\"%1\" is not a port number (1-65535)").arg(part);
            return false;
        }
        if (!ports->contains(port))
            ports->append(port);
    }
    return true;
}

bool DeploySpec::parseEnv(const QString &text, QList<QPair<QString, QString>> *env,
                          QString *error) {
    env->clear();
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = tr("\"%1\" is not NAME=VALUE").arg(line);
            return false;
        }
        env->append({line.left(eq).trimmed(), line.mid(eq + 1)});
    }
    return true;
}

QString DeploySpec::validate() const {
    if (!isDnsLabel(name))
        return tr("The name must be lower-case letters, digits and '-', at most 63 characters.");
    if (!isDnsLabel(ns))
        return tr("The namespace is not a valid name.");
    if (image.trimmed().isEmpty())
        return tr("An image is required.");
    if (replicas < 0)
        return tr("Replicas cannot be negative.");
    if (!isQuantity(cpuRequest))
        return tr("CPU request \"%1\" is not a quantity (e.g. 250m or 1).").arg(cpuRequest);
    if (!isQuantity(memoryRequest))
        return tr("Memory request \"%1\" is not a quantity (e.g. 128Mi).").arg(memoryRequest);
    if (!serviceType.isEmpty() && ports.isEmpty())
        return tr("A Service needs at least one port.");
    return {};
}

QJsonObject DeploySpec::deployment() const {
    QJsonObject container{{QStringLiteral("name"), name},
                          {QStringLiteral("image"), image.trimmed()}};
    QJsonArray portList;
    for (int port : ports)
        portList.append(QJsonObject{{QStringLiteral("containerPort"), port},
                                    {QStringLiteral("protocol"), QStringLiteral("TCP")}});
    if (!portList.isEmpty())
        container.insert(QStringLiteral("ports"), portList);
    QJsonObject requests;
    if (!cpuRequest.isEmpty())
        requests.insert(QStringLiteral("cpu"), cpuRequest);
    if (!memoryRequest.isEmpty())
        requests.insert(QStringLiteral("memory"), memoryRequest);
    if (!requests.isEmpty())
        container.insert(QStringLiteral("resources"),
                         QJsonObject{{QStringLiteral("requests"), requests}});
    QJsonArray envList;
    for (const auto &[key, value] : env)
        envList.append(
            QJsonObject{{QStringLiteral("name"), key}, {QStringLiteral("value"), value}});
    if (!envList.isEmpty())
        container.insert(QStringLiteral("env"), envList);
    const QJsonObject podSpec{{QStringLiteral("containers"), QJsonArray{container}}};
    const QJsonObject spec{
        {QStringLiteral("replicas"), replicas},
        {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels(name)}}},
        {QStringLiteral("template"),
         QJsonObject{
             {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels(name)}}},
             {QStringLiteral("spec"), podSpec}}}};
    return {{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
            {QStringLiteral("kind"), QStringLiteral("Deployment")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                     {QStringLiteral("namespace"), ns},
                                                     {QStringLiteral("labels"), labels(name)}}},
            {QStringLiteral("spec"), spec}};
}

QJsonObject DeploySpec::service() const {
    QJsonArray portList;
    for (int port : ports)
        portList.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("tcp-%1").arg(port)},
                                    {QStringLiteral("port"), port},
                                    {QStringLiteral("targetPort"), port},
                                    {QStringLiteral("protocol"), QStringLiteral("TCP")}});
    return {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Service")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                     {QStringLiteral("namespace"), ns},
                                                     {QStringLiteral("labels"), labels(name)}}},
            {QStringLiteral("spec"), QJsonObject{{QStringLiteral("type"), serviceType},
                                                 {QStringLiteral("selector"), labels(name)},
                                                 {QStringLiteral("ports"), portList}}}};
}

} // namespace cox::console
