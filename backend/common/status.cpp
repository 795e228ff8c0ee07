#include "status.h"

namespace cox {

std::string_view Status::reasonFor(StatusCode code) {
    switch (code) {
    case StatusCode::Ok:
        return "";
    case StatusCode::BadRequest:
        return "BadRequest";
    case StatusCode::Unauthorized:
        return "Unauthorized";
    case StatusCode::Forbidden:
        return "Forbidden";
    case StatusCode::NotFound:
        return "NotFound";
    case StatusCode::MethodNotAllowed:
        return "MethodNotAllowed";
    case StatusCode::NotAcceptable:
        return "NotAcceptable";
    case StatusCode::AlreadyExists:
        return "AlreadyExists";
    case StatusCode::Conflict:
        return "Conflict";
    case StatusCode::Gone:
        return "Expired";
    case StatusCode::TooLarge:
        return "RequestEntityTooLarge";
    case StatusCode::UnsupportedMediaType:
        return "UnsupportedMediaType";
    case StatusCode::Invalid:
        return "Invalid";
    case StatusCode::TooManyRequests:
        return "TooManyRequests";
    case StatusCode::Internal:
        return "InternalError";
    case StatusCode::Unavailable:
        return "ServiceUnavailable";
    case StatusCode::Timeout:
        return "Timeout";
    }
    return "InternalError";
}

int Status::httpCodeFor(StatusCode code) {
    switch (code) {
    case StatusCode::Ok:
        return 200;
    case StatusCode::BadRequest:
        return 400;
    case StatusCode::Unauthorized:
        return 401;
    case StatusCode::Forbidden:
        return 403;
    case StatusCode::NotFound:
        return 404;
    case StatusCode::MethodNotAllowed:
        return 405;
    case StatusCode::NotAcceptable:
        return 406;
    case StatusCode::AlreadyExists:
        return 409;
    case StatusCode::Conflict:
        return 409;
    case StatusCode::Gone:
        return 410;
    case StatusCode::TooLarge:
        return 413;
    case StatusCode::UnsupportedMediaType:
        return 415;
    case StatusCode::Invalid:
        return 422;
    case StatusCode::TooManyRequests:
        return 429;
    case StatusCode::Internal:
        return 500;
    case StatusCode::Unavailable:
        return 503;
    case StatusCode::Timeout:
        return 504;
    }
    return 500;
}

StatusCode statusCodeForHttp(int status) {
    switch (status) {
    case 400:
        return StatusCode::BadRequest;
    case 401:
        return StatusCode::Unauthorized;
    case 403:
        return StatusCode::Forbidden;
    case 404:
        return StatusCode::NotFound;
    case 405:
        return StatusCode::MethodNotAllowed;
    case 406:
        return StatusCode::NotAcceptable;
    case 409:
        return StatusCode::Conflict;
    case 410:
        return StatusCode::Gone;
    case 413:
        return StatusCode::TooLarge;
    case 415:
        return StatusCode::UnsupportedMediaType;
    case 422:
        return StatusCode::Invalid;
    case 429:
        return StatusCode::TooManyRequests;
    case 503:
        return StatusCode::Unavailable;
    case 504:
        return StatusCode::Timeout;
    default:
        return status >= 500 ? StatusCode::Internal : StatusCode::BadRequest;
    }
}

} // namespace cox
