// Result<T>: a value or the Status that explains why there is none.
#pragma once

#include "status.h"

#include <cassert>
#include <utility>
#include <variant>

namespace cox {

template<typename T>
class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::move(value)) {}
    Result(Status status)
        : m_data(std::move(status)) {
        assert(!std::get<Status>(m_data).isOk() &&
               "a Result built from a Status must hold an error");
    }
    Result(StatusCode code, std::string message)
        : Result(Status(code, std::move(message))) {}

    bool isOk() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return isOk(); }

    const T &value() const & {
        assert(isOk() && "value() on an error Result");
        return std::get<T>(m_data);
    }
    T &value() & {
        assert(isOk() && "value() on an error Result");
        return std::get<T>(m_data);
    }
    T &&value() && {
        assert(isOk() && "value() on an error Result");
        return std::get<T>(std::move(m_data));
    }

    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    // The error; Status::ok() when a value is held.
    Status status() const { return isOk() ? Status::ok() : std::get<Status>(m_data); }

private:
    std::variant<T, Status> m_data;
};

} // namespace cox
