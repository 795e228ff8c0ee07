// Helpers for table models over keyed views (pods, nodes): rows in arrival order plus a key ->
// row index; a removal moves the last row into the hole so every update is O(1).
#pragma once

#include <QHash>
#include <QString>
#include <QVector>

namespace cox::console {

namespace detail {

// Inserts or updates `item` (keyed by `key`) in rows + index, signalling the model.
template<typename Model, typename View>
void upsertKeyedRow(Model *model, QVector<View> &rows, QHash<QString, int> &index,
                    const QString &key, const View &item, int columns, auto beginInsert,
                    auto endInsert) {
    auto it = index.constFind(key);
    if (it != index.cend()) {
        rows[*it] = item;
        emit model->dataChanged(model->index(*it, 0), model->index(*it, columns - 1));
        return;
    }
    const int row = int(rows.size());
    beginInsert(row);
    rows.append(item);
    index.insert(key, row);
    endInsert();
}

// Removes `key` by moving the last row into its place.
template<typename Model, typename View, typename KeyOf>
void removeKeyedRow(Model *model, QVector<View> &rows, QHash<QString, int> &index,
                    const QString &key, int columns, KeyOf keyOf, auto beginRemove,
                    auto endRemove) {
    auto it = index.find(key);
    if (it == index.end())
        return;
    const int row = *it;
    index.erase(it);
    const int last = int(rows.size()) - 1;
    if (row != last) {
        rows[row] = rows[last];
        index[keyOf(rows[row])] = row;
        emit model->dataChanged(model->index(row, 0), model->index(row, columns - 1));
    }
    beginRemove(last);
    rows.removeLast();
    endRemove();
}

inline QString cpuText(qint64 milli) {
    return milli % 1000 == 0 ? QString::number(milli / 1000) : QStringLiteral("%1m").arg(milli);
}

inline QString memoryText(qint64 bytes) {
    return QStringLiteral("%1Mi").arg(bytes / (1024 * 1024));
}

} // namespace detail

} // namespace cox::console
