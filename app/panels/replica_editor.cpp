#include "panels/replica_editor.h"

#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>

namespace cox::console {

namespace {

constexpr int kMaxReplicas = 10'000;

} // namespace

ReplicaEditor::ReplicaEditor(QString key, QWidget *parent)
    : QWidget(parent)
    , m_key(std::move(key))
    , m_minus(new QToolButton(this))
    , m_spin(new QSpinBox(this))
    , m_plus(new QToolButton(this)) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 0, 2, 0);
    layout->setSpacing(2);
    m_minus->setText(QStringLiteral("−"));
    m_minus->setToolTip(tr("One replica fewer"));
    m_plus->setText(QStringLiteral("+"));
    m_plus->setToolTip(tr("One replica more"));
    m_spin->setRange(0, kMaxReplicas);
    m_spin->setKeyboardTracking(false); // typed digits request once, on Enter or focus loss
    m_spin->setButtonSymbols(QAbstractSpinBox::NoButtons);
    m_spin->setAlignment(Qt::AlignCenter);
    m_spin->setToolTip(tr("Desired replicas"));
    layout->addWidget(m_minus);
    layout->addWidget(m_spin);
    layout->addWidget(m_plus);
    connect(m_minus, &QToolButton::clicked, this, [this] { request(m_spin->value() - 1); });
    connect(m_plus, &QToolButton::clicked, this, [this] { request(m_spin->value() + 1); });
    connect(m_spin, &QSpinBox::valueChanged, this, [this](int value) { request(value); });
}

int ReplicaEditor::replicas() const {
    return m_spin->value();
}

void ReplicaEditor::setReplicas(int replicas) {
    if (m_spin->hasFocus()) // the user is typing: do not overwrite their digits
        return;
    QSignalBlocker block(m_spin);
    m_spin->setValue(replicas);
}

void ReplicaEditor::request(int replicas) {
    replicas = std::clamp(replicas, 0, kMaxReplicas);
    {
        QSignalBlocker block(m_spin);
        m_spin->setValue(replicas);
    }
    emit replicasRequested(m_key, replicas);
}

} // namespace cox::console
