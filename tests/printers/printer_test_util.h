// Helpers for the printer tests: resource types by plural, a fixed "now", and timestamps
// relative to it.
#pragma once

#include "printers/table_printer.h"

#include <chrono>
#include <string>

namespace cox::printers::testing {

inline model::ResourceType typeFor(std::string group, std::string plural) {
    model::ResourceType t;
    t.group = std::move(group);
    t.version = "v1";
    t.plural = std::move(plural);
    return t;
}

inline WallTime testNow() {
    return WallTime(std::chrono::seconds(1'700'000'000));
}

// RFC 3339 time `ago` before testNow().
inline std::string ago(std::chrono::seconds ago) {
    return formatRfc3339(testNow() - ago);
}

// The cells of a one-object table.
inline model::Json cellsOf(const std::string &group, const std::string &plural,
                           const model::Json &object) {
    model::Json table = toTable(typeFor(group, plural), {&object}, {testNow(), true});
    return table["rows"][0]["cells"];
}

// Column names, in order.
inline std::vector<std::string> columnNames(const std::string &group, const std::string &plural) {
    std::vector<std::string> names;
    for (const auto &c : columnDefinitions(typeFor(group, plural)))
        names.push_back(c["name"].get<std::string>());
    return names;
}

} // namespace cox::printers::testing
