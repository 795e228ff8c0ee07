// YamlWriter: renders a JSON object as block-style YAML for the inspector's YAML tab (the view
// kubectl get -o yaml gives). Strings that YAML would misread are double-quoted.
#pragma once

#include <QJsonValue>
#include <QString>

namespace cox::console {

class YamlWriter {
public:
    static QString toYaml(const QJsonValue &value);
};

} // namespace cox::console
