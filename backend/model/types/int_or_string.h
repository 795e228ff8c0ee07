// IntOrString: Kubernetes intstr.IntOrString - 3 or "25%" (maxSurge, maxUnavailable) or a named
// port ("http") for targetPort.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <string>

namespace cox::model {

class IntOrString {
public:
    IntOrString() = default;
    static IntOrString fromInt(int value);
    static IntOrString fromString(std::string value);

    // A JSON integer or string; BadRequest otherwise.
    static Result<IntOrString> fromJson(const Json &json);
    Json toJson() const;

    bool isString() const { return m_isString; }
    int intValue() const { return m_int; }
    const std::string &stringValue() const { return m_string; }

    // Integer as is; "25%" of `total`, rounded up or down (Kubernetes'
    // GetScaledValueFromIntOrPercent). BadRequest for a string that is not a percentage.
    Result<int> tryResolve(int total, bool roundUp) const;
    // tryResolve() with invalid strings counting as 0 (validation rejects them earlier).
    int resolve(int total, bool roundUp) const;

    bool operator==(const IntOrString &) const = default;

private:
    bool m_isString = false;
    int m_int = 0;
    std::string m_string;
};

} // namespace cox::model
