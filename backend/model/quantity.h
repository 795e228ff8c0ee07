// Quantity: Kubernetes resource.Quantity - "500m", "2", "1.5", "128Mi", "1Gi", "1e3", "2k".
// Held exactly as milli-units (int64), which covers cpu and memory at every realistic size
// (up to ~9.2e15 units, i.e. 8 PiB of memory).
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace cox::model {

class Quantity {
public:
    enum class Format { DecimalSI, BinarySI, DecimalExponent };

    Quantity() = default;
    static Quantity fromMilli(int64_t milli, Format format = Format::DecimalSI);
    static Quantity fromUnits(int64_t units, Format format = Format::DecimalSI);

    // Parses the Kubernetes grammar; BadRequest-style message on error, e.g.
    // "quantities must match the regular expression
    // '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'".
    static Result<Quantity> parse(std::string_view text);

    int64_t milliValue() const { return m_milli; }
    // Whole units, rounded up (as Kubernetes' Quantity.Value()).
    int64_t value() const;
    Format format() const { return m_format; }

    // Canonical text in the quantity's own format: "500m", "1Gi", "2", "1500M".
    std::string toString() const;

    bool operator==(const Quantity &o) const { return m_milli == o.m_milli; }
    auto operator<=>(const Quantity &o) const { return m_milli <=> o.m_milli; }
    Quantity operator+(const Quantity &o) const { return fromMilli(m_milli + o.m_milli, m_format); }
    Quantity operator-(const Quantity &o) const { return fromMilli(m_milli - o.m_milli, m_format); }

private:
    int64_t m_milli = 0;
    Format m_format = Format::DecimalSI;
};

} // namespace cox::model
