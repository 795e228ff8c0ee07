// Turns a cox::Status into the Kubernetes `Status` object clients expect on failures
// (kind: Status, status: Failure, reason, code, message).
#pragma once

#include "common/status.h"
#include "http/request.h"

namespace cox::http {

// JSON text of a Kubernetes Status object for `status` (Success when it is ok).
std::string statusJson(const Status &status);
// A complete response: status code, Content-Type application/json and the Status body.
Response statusResponse(const Status &status);

} // namespace cox::http
