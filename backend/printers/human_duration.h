// Ages as Kubernetes prints them (k8s.io/apimachinery/pkg/util/duration.HumanDuration): "45s",
// "3m12s", "2d3h", "3y42d".
#pragma once

#include "common/clock.h"

#include <chrono>
#include <string>

namespace cox::printers {

std::string humanDuration(std::chrono::milliseconds d);

// The age of an RFC 3339 timestamp at `now`; "<unknown>" when absent or unparsable, as
// translateTimestampSince does for a zero time.
std::string ageSince(const std::string &rfc3339, WallTime now);

} // namespace cox::printers
