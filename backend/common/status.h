// Status: the error value passed across module boundaries. Codes follow the Kubernetes
// `Status.reason` vocabulary so the API server can turn any Status into a wire Status object
// without a translation table per module.
#pragma once

#include <string>
#include <string_view>

namespace cox {

enum class StatusCode {
    Ok,
    BadRequest,           // 400 BadRequest
    Unauthorized,         // 401 Unauthorized
    Forbidden,            // 403 Forbidden
    NotFound,             // 404 NotFound
    MethodNotAllowed,     // 405 MethodNotAllowed
    NotAcceptable,        // 406 NotAcceptable
    AlreadyExists,        // 409 AlreadyExists
    Conflict,             // 409 Conflict
    Gone,                 // 410 Expired (watch/list revision compacted away)
    TooLarge,             // 413 RequestEntityTooLarge
    UnsupportedMediaType, // 415 UnsupportedMediaType
    Invalid,              // 422 Invalid
    TooManyRequests,      // 429 TooManyRequests
    Internal,             // 500 InternalError
    Unavailable,          // 503 ServiceUnavailable
    Timeout,              // 504 Timeout
};

// The StatusCode for an HTTP answer's status code (unknown 5xx -> Internal, 4xx -> BadRequest).
StatusCode statusCodeForHttp(int status);

class [[nodiscard]] Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message)
        : m_code(code)
        , m_message(std::move(message)) {}

    static Status ok() { return {}; }

    bool isOk() const { return m_code == StatusCode::Ok; }
    explicit operator bool() const { return isOk(); }
    StatusCode code() const { return m_code; }
    const std::string &message() const { return m_message; }

    // Kubernetes `reason` string, e.g. "NotFound", "Expired", "InternalError".
    std::string_view reason() const { return reasonFor(m_code); }
    int httpCode() const { return httpCodeFor(m_code); }

    static std::string_view reasonFor(StatusCode code);
    static int httpCodeFor(StatusCode code);

private:
    StatusCode m_code = StatusCode::Ok;
    std::string m_message;
};

inline Status errorStatus(StatusCode code, std::string message) {
    return Status(code, std::move(message));
}

} // namespace cox
