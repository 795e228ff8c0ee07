#include "model/types/int_or_string.h"

#include <charconv>
#include <limits>

namespace cox::model {

IntOrString IntOrString::fromInt(int value) {
    IntOrString v;
    v.m_int = value;
    return v;
}

IntOrString IntOrString::fromString(std::string value) {
    IntOrString v;
    v.m_isString = true;
    v.m_string = std::move(value);
    return v;
}

Result<IntOrString> IntOrString::fromJson(const Json &json) {
    if (json.is_string())
        return fromString(json.get<std::string>());
    if (json.is_number_integer()) {
        // nlohmann-json stores non-negative integers as unsigned.
        int64_t wide = std::numeric_limits<int64_t>::max();
        if (!json.is_number_unsigned())
            wide = json.get<int64_t>();
        else if (json.get<uint64_t>() <= uint64_t(std::numeric_limits<int>::max()))
            wide = static_cast<int64_t>(json.get<uint64_t>());
        if (wide >= std::numeric_limits<int>::min() && wide <= std::numeric_limits<int>::max())
            return fromInt(static_cast<int>(wide));
    }
    return Status(StatusCode::BadRequest, "expected integer or string, got " + json.dump());
}

Json IntOrString::toJson() const {
    return m_isString ? Json(m_string) : Json(m_int);
}

Result<int> IntOrString::tryResolve(int total, bool roundUp) const {
    if (!m_isString)
        return m_int;
    int percent = 0;
    const char *begin = m_string.data();
    const char *end = begin + m_string.size();
    bool ok = m_string.size() >= 2 && m_string.back() == '%';
    if (ok) {
        auto [ptr, ec] = std::from_chars(begin, end - 1, percent);
        ok = ec == std::errc() && ptr == end - 1;
    }
    if (!ok)
        return Status(StatusCode::BadRequest,
                      "invalid value for IntOrString: invalid value \"" + m_string + "\"");
    int64_t scaled = static_cast<int64_t>(percent) * total;
    int64_t result = scaled / 100;
    if (roundUp && scaled % 100 != 0 && scaled > 0)
        ++result;
    return static_cast<int>(result);
}

int IntOrString::resolve(int total, bool roundUp) const {
    auto r = tryResolve(total, roundUp);
    return r.isOk() ? *r : 0;
}

} // namespace cox::model
