// ReplicaEditor: "-  [N]  +" for one deployment's replica count. It emits the wanted count;
// the value it shows follows the API (setReplicas) so it never claims a scale that did not
// happen.
#pragma once

#include <QWidget>

class QSpinBox;
class QToolButton;

namespace cox::console {

class ReplicaEditor : public QWidget {
    Q_OBJECT
public:
    explicit ReplicaEditor(QString key, QWidget *parent = nullptr);

    const QString &key() const { return m_key; }
    int replicas() const;
    // Shows the count from the cluster without emitting; skipped while the user is typing.
    void setReplicas(int replicas);
    QToolButton *plusButton() const { return m_plus; }
    QToolButton *minusButton() const { return m_minus; }
    QSpinBox *spinBox() const { return m_spin; }

signals:
    void replicasRequested(const QString &key, int replicas);

private:
    void request(int replicas);

    QString m_key;
    QToolButton *m_minus;
    QSpinBox *m_spin;
    QToolButton *m_plus;
};

} // namespace cox::console
