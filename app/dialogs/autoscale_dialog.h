// AutoscaleDialog: set up or change a deployment's autoscaling - minimum and maximum replicas
// and the target average CPU utilization - as an autoscaling/v2 HorizontalPodAutoscaler named
// after the deployment. Given the existing HPA (if any) it starts from its values.
#pragma once

#include <QDialog>
#include <QJsonObject>

class QSpinBox;

namespace cox::console {

class AutoscaleDialog : public QDialog {
    Q_OBJECT
public:
    AutoscaleDialog(QString ns, QString deployment, const QJsonObject &existingHpa,
                    QWidget *parent = nullptr);

    // The HPA the fields describe.
    QJsonObject hpa() const;

    QSpinBox *minField() const { return m_min; }
    QSpinBox *maxField() const { return m_max; }
    QSpinBox *targetField() const { return m_target; }

private:
    QString m_ns;
    QString m_deployment;
    QSpinBox *m_min;
    QSpinBox *m_max;
    QSpinBox *m_target;
};

} // namespace cox::console
