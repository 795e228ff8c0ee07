// Building blocks shared by the per-kind printers: the column and row shapes, safe field access
// into untyped objects, and the cell formats Kubernetes uses in several tables.
#pragma once

#include "common/clock.h"
#include "model/json.h"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace cox::printers {

struct Column {
    std::string name;
    std::string type;   // "string", "integer", "date", ...
    std::string format; // "name" for the object name column
    std::string description;
    int priority = 0; // 1 = shown by kubectl only with -o wide
};

struct Row {
    model::Json cells = model::Json::array();
    model::Json conditions; // null, or a list of {type,status,reason,message}
};

struct KindPrinter {
    std::vector<Column> columns;
    std::function<Row(const model::Json &object, WallTime now)> row;
};

// The value at a path of object keys, or nullptr when any step is missing or not an object.
const model::Json *at(const model::Json &object, std::initializer_list<std::string_view> path);
std::string stringAt(const model::Json &object, std::initializer_list<std::string_view> path);
std::int64_t intAt(const model::Json &object, std::initializer_list<std::string_view> path,
                   std::int64_t fallback = 0);
bool boolAt(const model::Json &object, std::initializer_list<std::string_view> path);

std::string join(const std::vector<std::string> &parts, std::string_view separator);
std::string orNone(std::string value); // "" -> "<none>"

Column nameColumn();
Column ageColumn();
std::string objectName(const model::Json &object);
std::string objectAge(const model::Json &object, WallTime now);

// "k1=v1,k2=v2" sorted by key, or "<none>" (labels.FormatLabels).
std::string formatLabels(const model::Json *labels);
// A metav1.LabelSelector in its query form ("app=web,tier in (a,b)"), as selector.String().
std::string formatSelector(const model::Json *selector);
// The Containers and Images cells of workloads: names and images joined by ",".
void containerCells(const model::Json &podSpec, std::string &names, std::string &images);

} // namespace cox::printers
