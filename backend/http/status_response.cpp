#include "http/status_response.h"

#include <nlohmann/json.hpp>

namespace cox::http {

std::string statusJson(const Status &status) {
    nlohmann::json j = {{"kind", "Status"},
                        {"apiVersion", "v1"},
                        {"metadata", nlohmann::json::object()},
                        {"status", status.isOk() ? "Success" : "Failure"},
                        {"code", status.httpCode()}};
    if (!status.isOk()) {
        j["message"] = status.message();
        j["reason"] = std::string(status.reason());
    }
    return j.dump();
}

Response statusResponse(const Status &status) {
    Response response;
    response.status = status.httpCode();
    response.headers["Content-Type"] = "application/json";
    response.body = statusJson(status);
    return response;
}

} // namespace cox::http
