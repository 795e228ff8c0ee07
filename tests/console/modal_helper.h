// Drives a modal dialog a test opens with exec(): polls (bounded) for the active modal widget
// of type T, runs `fill` on it once, and leaves accepting/rejecting to `fill`.
#pragma once

#include <QApplication>
#include <QTimer>

#include <functional>
#include <memory>

namespace cox::console::testing {

template<typename T>
void whenModal(const std::function<void(T *)> &fill, int timeoutMs = 20'000) {
    auto *timer = new QTimer;
    auto left = std::make_shared<int>(timeoutMs / 20);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, fill, left] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog && --*left > 0)
            return;
        timer->stop();
        timer->deleteLater();
        if (dialog)
            fill(dialog);
    });
    timer->start();
}

} // namespace cox::console::testing
