// Namespaces, Events, ConfigMaps, Secrets, Leases and the Name/Age fallback for everything else.
#include "printers/human_duration.h"
#include "printers/kind_printers.h"

#include <algorithm>
#include <cctype>

namespace cox::printers {

namespace {

using model::Json;

std::int64_t entries(const Json &object, std::string_view field) {
    const Json *v = at(object, {field});
    return v && v->is_object() ? static_cast<std::int64_t>(v->size()) : 0;
}

Row namespaceRow(const Json &ns, WallTime now) {
    Row row;
    row.cells =
        Json::array({objectName(ns), stringAt(ns, {"status", "phase"}), objectAge(ns, now)});
    return row;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(const std::string &s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string eventSource(const Json &ev) {
    std::string component = stringAt(ev, {"source", "component"});
    std::string host = stringAt(ev, {"source", "host"});
    if (component.empty()) {
        component = stringAt(ev, {"reportingComponent"});
        host = stringAt(ev, {"reportingInstance"});
    }
    if (component.empty())
        return "<unknown>";
    return host.empty() ? component : component + ", " + host;
}

Row eventRow(const Json &ev, WallTime now) {
    std::string first = stringAt(ev, {"firstTimestamp"});
    if (first.empty())
        first = stringAt(ev, {"eventTime"});
    std::string firstSeen = ageSince(first, now);
    std::string last = stringAt(ev, {"lastTimestamp"});
    std::string lastSeen = last.empty() ? firstSeen : ageSince(last, now);
    std::int64_t count = intAt(ev, {"count"});
    if (at(ev, {"series"})) {
        lastSeen = ageSince(stringAt(ev, {"series", "lastObservedTime"}), now);
        count = intAt(ev, {"series", "count"});
    } else if (count == 0) {
        count = 1;
    }
    std::string kind = lower(stringAt(ev, {"involvedObject", "kind"}));
    std::string name = stringAt(ev, {"involvedObject", "name"});
    Row row;
    row.cells = Json::array({lastSeen, stringAt(ev, {"type"}), stringAt(ev, {"reason"}),
                             name.empty() ? kind : kind + "/" + name,
                             stringAt(ev, {"involvedObject", "fieldPath"}), eventSource(ev),
                             trim(stringAt(ev, {"message"})), firstSeen, count, objectName(ev)});
    return row;
}

Row configMapRow(const Json &cm, WallTime now) {
    Row row;
    row.cells = Json::array(
        {objectName(cm), entries(cm, "data") + entries(cm, "binaryData"), objectAge(cm, now)});
    return row;
}

Row secretRow(const Json &secret, WallTime now) {
    std::string type = stringAt(secret, {"type"});
    Row row;
    row.cells = Json::array({objectName(secret), type.empty() ? "Opaque" : type,
                             entries(secret, "data"), objectAge(secret, now)});
    return row;
}

Row leaseRow(const Json &lease, WallTime now) {
    Row row;
    row.cells = Json::array(
        {objectName(lease), stringAt(lease, {"spec", "holderIdentity"}), objectAge(lease, now)});
    return row;
}

Row genericRow(const Json &object, WallTime now) {
    Row row;
    row.cells = Json::array({objectName(object), objectAge(object, now)});
    return row;
}

} // namespace

KindPrinter namespacePrinter() {
    return {{nameColumn(), {"Status", "string", "", "The status of the namespace", 0}, ageColumn()},
            namespaceRow};
}

KindPrinter eventPrinter() {
    Column name = nameColumn();
    name.priority = 1;
    return {{{"Last Seen", "string", "", "Time when last event occurred", 0},
             {"Type", "string", "",
              "Type of this event (Normal, Warning), new types could be "
              "added in the future",
              0},
             {"Reason", "string", "",
              "This should be a short, machine understandable string "
              "that gives the reason for the transition into the "
              "object's current status.",
              0},
             {"Object", "string", "", "The object that this event is about.", 0},
             {"Subobject", "string", "", "The subobject of the object this event is about.", 1},
             {"Source", "string", "", "The component reporting this event.", 1},
             {"Message", "string", "",
              "A human-readable description of the status of this "
              "operation.",
              0},
             {"First Seen", "string", "", "The time at which the event was first recorded.", 1},
             {"Count", "string", "", "The number of times this event has occurred.", 1},
             name},
            eventRow};
}

KindPrinter configMapPrinter() {
    return {{nameColumn(),
             {"Data", "string", "", "The number of keys in the configmap.", 0},
             ageColumn()},
            configMapRow};
}

KindPrinter secretPrinter() {
    return {{nameColumn(),
             {"Type", "string", "", "The type of the secret", 0},
             {"Data", "string", "", "The number of keys in the secret.", 0},
             ageColumn()},
            secretRow};
}

KindPrinter leasePrinter() {
    return {{nameColumn(), {"Holder", "string", "", "The holder of the lease", 0}, ageColumn()},
            leaseRow};
}

KindPrinter genericPrinter() {
    return {{nameColumn(), ageColumn()}, genericRow};
}

} // namespace cox::printers
