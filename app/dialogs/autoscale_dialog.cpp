#include "dialogs/autoscale_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QSpinBox>

namespace cox::console {

namespace {

QJsonObject obj(const QJsonObject &o, const char *field) {
    return o.value(QLatin1String(field)).toObject();
}

// The first Resource/cpu Utilization target of an HPA's metrics, or `fallback`.
int cpuTarget(const QJsonObject &hpa, int fallback) {
    for (const QJsonValue &m : obj(hpa, "spec").value(QLatin1String("metrics")).toArray()) {
        const QJsonObject resource = obj(m.toObject(), "resource");
        if (resource.value(QLatin1String("name")).toString() != QLatin1String("cpu"))
            continue;
        const QJsonValue v = obj(resource, "target").value(QLatin1String("averageUtilization"));
        if (v.isDouble())
            return v.toInt();
    }
    return fallback;
}

} // namespace

AutoscaleDialog::AutoscaleDialog(QString ns, QString deployment, const QJsonObject &existingHpa,
                                 QWidget *parent)
    : QDialog(parent)
    , m_ns(std::move(ns))
    , m_deployment(std::move(deployment))
    , m_min(new QSpinBox)
    , m_max(new QSpinBox)
    , m_target(new QSpinBox) {
    setObjectName(QStringLiteral("autoscaleDialog"));
    setWindowTitle(tr("Autoscale %1").arg(m_deployment));
    const QJsonObject spec = obj(existingHpa, "spec");
    m_min->setRange(1, 1000);
    m_max->setRange(1, 1000);
    m_target->setRange(1, 500);
    m_target->setSuffix(QStringLiteral(" %"));
    m_min->setValue(spec.value(QLatin1String("minReplicas")).toInt(1));
    m_max->setValue(spec.value(QLatin1String("maxReplicas")).toInt(5));
    m_target->setValue(cpuTarget(existingHpa, 80));
    // max never below min: each box bounds the other.
    connect(m_min, &QSpinBox::valueChanged, m_max, [this](int v) {
        if (m_max->value() < v)
            m_max->setValue(v);
    });
    connect(m_max, &QSpinBox::valueChanged, m_min, [this](int v) {
        if (m_min->value() > v)
            m_min->setValue(v);
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto *form = new QFormLayout(this);
    auto *intro =
        new QLabel(existingHpa.isEmpty()
                       ? tr("Scale %1 between a minimum and a maximum number of "
                            "replicas to keep its average CPU use near a target.")
                             .arg(m_deployment)
                       : tr("%1 is autoscaled. Change its limits or target:").arg(m_deployment));
    intro->setWordWrap(true);
    form->addRow(intro);
    form->addRow(tr("M&inimum replicas:"), m_min);
    form->addRow(tr("M&aximum replicas:"), m_max);
    form->addRow(tr("&Target CPU utilization:"), m_target);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QJsonObject AutoscaleDialog::hpa() const {
    const QJsonObject target{{QStringLiteral("type"), QStringLiteral("Utilization")},
                             {QStringLiteral("averageUtilization"), m_target->value()}};
    const QJsonObject metric{
        {QStringLiteral("type"), QStringLiteral("Resource")},
        {QStringLiteral("resource"), QJsonObject{{QStringLiteral("name"), QStringLiteral("cpu")},
                                                 {QStringLiteral("target"), target}}}};
    const QJsonObject spec{{QStringLiteral("scaleTargetRef"),
                            QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
                                        {QStringLiteral("kind"), QStringLiteral("Deployment")},
                                        {QStringLiteral("name"), m_deployment}}},
                           {QStringLiteral("minReplicas"), m_min->value()},
                           {QStringLiteral("maxReplicas"), m_max->value()},
                           {QStringLiteral("metrics"), QJsonArray{metric}}};
    return {{QStringLiteral("apiVersion"), QStringLiteral("autoscaling/v2")},
            {QStringLiteral("kind"), QStringLiteral("HorizontalPodAutoscaler")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), m_deployment},
                                                     {QStringLiteral("namespace"), m_ns}}},
            {QStringLiteral("spec"), spec}};
}

} // namespace cox::console
