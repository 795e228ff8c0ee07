#include "model/quantity.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <optional>
#include <vector>

namespace cox::model {

namespace {

constexpr const char *kFormatError = "quantities must match the regular expression "
                                     "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr const char *kNumericError = "unable to parse numeric part of quantity";
constexpr const char *kSuffixError = "unable to parse quantity's suffix";
// 128-bit arithmetic keeps the overflow checks simple; GCC-specific, hence __extension__.
__extension__ typedef unsigned __int128 Uint128;

constexpr int64_t kMaxMilli = std::numeric_limits<int64_t>::max();

// What a suffix means: value = number * 10^decimalExponent * 1024^binaryPower.
struct Suffix {
    int decimalExponent = 0;
    int binaryPower = 0;
    Quantity::Format format = Quantity::Format::DecimalSI;
};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::optional<Suffix> parseSuffix(std::string_view s) {
    using F = Quantity::Format;
    static const std::pair<std::string_view, Suffix> table[] = {
        {"", {0, 0, F::DecimalSI}},   {"n", {-9, 0, F::DecimalSI}}, {"u", {-6, 0, F::DecimalSI}},
        {"m", {-3, 0, F::DecimalSI}}, {"k", {3, 0, F::DecimalSI}},  {"M", {6, 0, F::DecimalSI}},
        {"G", {9, 0, F::DecimalSI}},  {"T", {12, 0, F::DecimalSI}}, {"P", {15, 0, F::DecimalSI}},
        {"E", {18, 0, F::DecimalSI}}, {"Ki", {0, 1, F::BinarySI}},  {"Mi", {0, 2, F::BinarySI}},
        {"Gi", {0, 3, F::BinarySI}},  {"Ti", {0, 4, F::BinarySI}},  {"Pi", {0, 5, F::BinarySI}},
        {"Ei", {0, 6, F::BinarySI}},
    };
    for (const auto &[text, suffix] : table) {
        if (text == s)
            return suffix;
    }
    // Decimal exponent: e3, E-2, e+6. Exponents beyond +-1000 are clamped: any non-zero value
    // is then either far too large or rounds up to the smallest unit, so the result is the same.
    if (s.size() < 2 || (s[0] != 'e' && s[0] != 'E'))
        return std::nullopt;
    size_t i = 1;
    bool negative = false;
    if (s[i] == '+' || s[i] == '-') {
        negative = s[i] == '-';
        ++i;
    }
    if (i == s.size())
        return std::nullopt;
    int exponent = 0;
    for (; i < s.size(); ++i) {
        if (!isDigit(s[i]))
            return std::nullopt;
        exponent = std::min(exponent * 10 + (s[i] - '0'), 100000);
    }
    exponent = std::min(exponent, 1000);
    return Suffix{negative ? -exponent : exponent, 0, F::DecimalExponent};
}

// Multiplies a big-endian decimal digit string by a small factor in place.
void multiplyDigits(std::vector<uint8_t> &digits, uint64_t factor) {
    Uint128 carry = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        Uint128 t = static_cast<Uint128>(*it) * factor + carry;
        *it = static_cast<uint8_t>(t % 10);
        carry = t / 10;
    }
    while (carry > 0) {
        digits.insert(digits.begin(), static_cast<uint8_t>(carry % 10));
        carry /= 10;
    }
}

// |value| in milli-units, rounded up to the next milli when finer digits are present, or nullopt
// when it does not fit int64. `digits` are the significant digits, `exponent` their power of ten
// relative to milli-units.
std::optional<int64_t> toMilliMagnitude(std::vector<uint8_t> digits, int exponent,
                                        int binaryPower) {
    auto firstNonZero = std::find_if(digits.begin(), digits.end(), [](uint8_t d) { return d; });
    digits.erase(digits.begin(), firstNonZero);
    if (digits.empty())
        return 0;
    // Too many integer digits whatever the binary factor: reject before building big numbers.
    if (static_cast<int>(digits.size()) + exponent > 40)
        return std::nullopt;
    // Entirely below one milli: rounds up to the smallest representable amount (as Kubernetes).
    if (static_cast<int>(digits.size()) + exponent + 19 * binaryPower < 0)
        return 1;
    for (int i = 0; i < binaryPower; ++i)
        multiplyDigits(digits, 1024);
    if (exponent > 0)
        digits.insert(digits.end(), static_cast<size_t>(exponent), 0);
    size_t integerDigits = digits.size();
    bool fraction = false;
    if (exponent < 0) {
        size_t drop = std::min(static_cast<size_t>(-exponent), digits.size());
        integerDigits = digits.size() - drop;
        fraction = std::any_of(digits.begin() + integerDigits, digits.end(),
                               [](uint8_t d) { return d != 0; });
    }
    Uint128 magnitude = 0;
    for (size_t i = 0; i < integerDigits; ++i) {
        magnitude = magnitude * 10 + digits[i];
        if (magnitude > static_cast<Uint128>(kMaxMilli))
            return std::nullopt;
    }
    if (fraction)
        ++magnitude;
    if (magnitude > static_cast<Uint128>(kMaxMilli))
        return std::nullopt;
    return static_cast<int64_t>(magnitude);
}

// Splits |milli| into mantissa * 1000^k (k >= -1 meaning milli) with the largest exact k.
std::pair<int64_t, int> decimalMantissa(int64_t milli) {
    if (milli % 1000 != 0)
        return {milli, -1};
    int64_t units = milli / 1000;
    int power = 0;
    while (units != 0 && units % 1000 == 0 && power < 6) {
        units /= 1000;
        ++power;
    }
    return {units, power};
}

std::string decimalString(int64_t milli, Quantity::Format format) {
    auto [mantissa, power] = decimalMantissa(milli);
    std::string out = std::to_string(mantissa);
    if (mantissa == 0)
        return out;
    if (format == Quantity::Format::DecimalExponent) {
        if (power != 0)
            out += "e" + std::to_string(power * 3);
        return out;
    }
    static const char *const suffixes[] = {"m", "", "k", "M", "G", "T", "P", "E"};
    return out + suffixes[power + 1];
}

std::string binaryString(int64_t milli) {
    int64_t units = milli / 1000;
    int power = 0;
    while (units % 1024 == 0 && power < 6) {
        units /= 1024;
        ++power;
    }
    static const char *const suffixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    return std::to_string(units) + suffixes[power];
}

} // namespace

Quantity Quantity::fromMilli(int64_t milli, Format format) {
    Quantity q;
    q.m_milli = milli;
    q.m_format = format;
    return q;
}

Quantity Quantity::fromUnits(int64_t units, Format format) {
    int64_t milli = 0;
    // Saturate rather than wrap: a clamped huge value is still "too much", a wrapped one is not.
    if (__builtin_mul_overflow(units, int64_t{1000}, &milli))
        milli = units < 0 ? std::numeric_limits<int64_t>::min() : kMaxMilli;
    return fromMilli(milli, format);
}

Result<Quantity> Quantity::parse(std::string_view text) {
    size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        negative = text[i] == '-';
        ++i;
    }
    std::vector<uint8_t> digits;
    int fractionDigits = 0;
    bool seenDot = false;
    size_t numberStart = i;
    for (; i < text.size() && (isDigit(text[i]) || text[i] == '.'); ++i) {
        if (text[i] == '.') {
            if (seenDot)
                return Result<Quantity>(StatusCode::BadRequest, kNumericError);
            seenDot = true;
            continue;
        }
        digits.push_back(static_cast<uint8_t>(text[i] - '0'));
        fractionDigits += seenDot ? 1 : 0;
    }
    if (i == numberStart)
        return Result<Quantity>(StatusCode::BadRequest, kFormatError);
    if (digits.empty())
        return Result<Quantity>(StatusCode::BadRequest, kNumericError);
    auto suffix = parseSuffix(text.substr(i));
    if (!suffix) {
        bool suffixChars =
            text.substr(i).find_first_not_of("eEinumkKMGTP+-0123456789") == std::string_view::npos;
        return Result<Quantity>(StatusCode::BadRequest, suffixChars ? kSuffixError : kFormatError);
    }
    int exponent = suffix->decimalExponent + 3 - fractionDigits;
    auto magnitude = toMilliMagnitude(std::move(digits), exponent, suffix->binaryPower);
    if (!magnitude) {
        return Result<Quantity>(StatusCode::BadRequest,
                                "quantity \"" + std::string(text) +
                                    "\" is too large: it must fit in a signed 64-bit count of "
                                    "milli-units (at most 9223372036854775807m)");
    }
    return fromMilli(negative ? -*magnitude : *magnitude, suffix->format);
}

int64_t Quantity::value() const {
    int64_t units = m_milli / 1000;
    if (m_milli % 1000 > 0)
        ++units;
    else if (m_milli % 1000 < 0)
        --units;
    return units;
}

std::string Quantity::toString() const {
    if (m_milli < 0) {
        // Negate via the magnitude so INT64_MIN (reachable only through fromMilli) still prints.
        uint64_t magnitude = static_cast<uint64_t>(-(m_milli + 1)) + 1;
        if (magnitude > static_cast<uint64_t>(kMaxMilli))
            return std::to_string(m_milli) + "m";
        return "-" + fromMilli(static_cast<int64_t>(magnitude), m_format).toString();
    }
    // Binary form only for whole numbers of at least 1024 (Kubernetes does the same, so that
    // small or fractional values never round).
    if (m_format == Format::BinarySI && m_milli % 1000 == 0 && m_milli >= 1024 * 1000)
        return binaryString(m_milli);
    return decimalString(m_milli, m_format == Format::BinarySI ? Format::DecimalSI : m_format);
}

} // namespace cox::model
