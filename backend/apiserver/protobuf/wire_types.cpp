#include "apiserver/protobuf/wire_types.h"

#include "tls/crypto.h"

#include <bit>
#include <ctime>
#include <set>

namespace cox::apiserver::protobuf {

namespace {

// Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds: what a non-pointer Time that was
// never set holds on the wire.
constexpr int64_t kGoZeroTimeSeconds = -62135596800;

Status badField(const std::string &path, const std::string &why) {
    return Status(StatusCode::BadRequest, "protobuf field " + path + ": " + why);
}

bool continuation(std::string_view s, size_t i) {
    return i < s.size() && (static_cast<uint8_t>(s[i]) & 0xc0) == 0x80;
}

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool validUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<uint8_t>(s[i]);
        size_t extra = c < 0x80           ? 0
                       : (c >> 5) == 0x6  ? 1
                       : (c >> 4) == 0xe  ? 2
                       : (c >> 3) == 0x1e ? 3
                                          : 4;
        if (extra == 4 || (extra == 1 && c < 0xc2))
            return false;
        for (size_t k = 1; k <= extra; ++k)
            if (!continuation(s, i + k))
                return false;
        if (extra == 2) {
            const auto c1 = static_cast<uint8_t>(s[i + 1]);
            if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0))
                return false;
        }
        if (extra == 3) {
            const auto c1 = static_cast<uint8_t>(s[i + 1]);
            if ((c == 0xf0 && c1 < 0x90) || c > 0xf4 || (c == 0xf4 && c1 >= 0x90))
                return false;
        }
        i += extra + 1;
    }
    return true;
}

WireType wireTypeOf(const std::string &type) {
    if (type == "double")
        return WireType::Fixed64;
    if (type == "float")
        return WireType::Fixed32;
    if (type == "string" || type == "bytes")
        return WireType::Bytes;
    return WireType::Varint;
}

Json numberToJson(const std::string &type, uint64_t v) {
    if (type == "bool")
        return v != 0;
    if (type == "int32")
        return static_cast<int32_t>(static_cast<int64_t>(v)); // negatives are sign-extended
    if (type == "int64")
        return static_cast<int64_t>(v);
    if (type == "uint32")
        return static_cast<uint32_t>(v);
    if (type == "sint32" || type == "sint64") // zigzag
        return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
    if (type == "double")
        return std::bit_cast<double>(v);
    if (type == "float")
        return static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(v)));
    return v; // uint64
}

// The fields of a small message by number (last one wins, as protobuf merges scalars).
Result<std::map<uint32_t, WireField>> fieldsOf(std::string_view bytes, const std::string &path) {
    std::map<uint32_t, WireField> out;
    ProtoReader reader(bytes);
    while (!reader.atEnd()) {
        auto wire = reader.next();
        if (!wire)
            return Status(wire.status().code(), path + ": " + wire.status().message());
        out[wire->number] = *wire;
    }
    return out;
}

std::string rfc3339(int64_t seconds, int64_t nanos, bool micro) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::string out = buf;
    if (micro) {
        char frac[24];
        std::snprintf(frac, sizeof frac, ".%06ld", static_cast<long>(nanos / 1000));
        out += frac;
    }
    return out + "Z";
}

Result<Json> timeToJson(const std::string &type, std::string_view bytes, const std::string &path) {
    if (bytes.empty()) // how Kubernetes writes a zero Time: no fields at all
        return Json(nullptr);
    auto fields = fieldsOf(bytes, path);
    if (!fields)
        return fields.status();
    int64_t seconds = 0;
    int64_t nanos = 0;
    if (auto it = fields->find(1); it != fields->end())
        seconds = static_cast<int64_t>(it->second.value);
    if (auto it = fields->find(2); it != fields->end())
        nanos = static_cast<int32_t>(static_cast<int64_t>(it->second.value));
    if (seconds == kGoZeroTimeSeconds && nanos == 0)
        return Json(nullptr);
    if (nanos < 0 || nanos > 999'999'999 || seconds < kGoZeroTimeSeconds ||
        seconds > 253402300799) // 9999-12-31T23:59:59Z, the last second RFC 3339 can write
        return badField(path, "the time is out of range");
    return Json(rfc3339(seconds, nanos, type == "meta.v1.MicroTime"));
}

// A string-typed field of a small message, checked as a scalar.
Result<std::string> stringField(const std::map<uint32_t, WireField> &fields, uint32_t number,
                                const std::string &path) {
    auto it = fields.find(number);
    if (it == fields.end())
        return std::string();
    auto v = scalarToJson("string", it->second, path);
    if (!v)
        return v.status();
    return v->get<std::string>();
}

} // namespace

bool isScalar(const std::string &type) {
    static const std::set<std::string, std::less<>> scalars{"string", "bytes",  "bool",   "int32",
                                                            "int64",  "uint32", "uint64", "sint32",
                                                            "sint64", "double", "float"};
    return scalars.count(type) > 0;
}

Result<Json> scalarToJson(const std::string &type, const WireField &wire, const std::string &path) {
    if (wire.type != wireTypeOf(type))
        return badField(path, "wire type " + std::to_string(static_cast<int>(wire.type)) +
                                  " does not carry a " + type);
    if (type == "bytes")
        return Json(tls::base64Encode(wire.bytes));
    if (type == "string") {
        if (!validUtf8(wire.bytes))
            return badField(path, "the string is not valid UTF-8");
        return Json(std::string(wire.bytes));
    }
    return numberToJson(type, wire.value);
}

Result<std::vector<Json>> unpack(const std::string &type, std::string_view bytes,
                                 const std::string &path) {
    std::vector<Json> out;
    const WireType itemType = wireTypeOf(type);
    ProtoReader reader(bytes);
    while (!reader.atEnd()) {
        WireField item;
        item.type = itemType;
        auto v = itemType == WireType::Fixed64   ? reader.fixed(8)
                 : itemType == WireType::Fixed32 ? reader.fixed(4)
                                                 : reader.varint();
        if (!v)
            return Status(v.status().code(), path + ": " + v.status().message());
        item.value = *v;
        auto json = scalarToJson(type, item, path);
        if (!json)
            return json.status();
        out.push_back(std::move(*json));
    }
    return out;
}

bool isWellKnown(const std::string &type) {
    return type == "meta.v1.Time" || type == "meta.v1.MicroTime" || type == "resource.Quantity" ||
           type == "intstr.IntOrString" || type == "meta.v1.FieldsV1";
}

Result<Json> wellKnownToJson(const std::string &type, std::string_view bytes,
                             const std::string &path) {
    if (type == "meta.v1.Time" || type == "meta.v1.MicroTime")
        return timeToJson(type, bytes, path);
    auto fields = fieldsOf(bytes, path);
    if (!fields)
        return fields.status();
    if (type == "resource.Quantity") {
        auto text = stringField(*fields, 1, path);
        return text ? Result<Json>(Json(*text)) : Result<Json>(text.status());
    }
    if (type == "intstr.IntOrString") {
        auto kind = fields->find(1);
        if (kind != fields->end() && kind->second.value == 1) {
            auto text = stringField(*fields, 3, path);
            return text ? Result<Json>(Json(*text)) : Result<Json>(text.status());
        }
        auto number = fields->find(2);
        if (number == fields->end())
            return Json(0);
        return scalarToJson("int32", number->second, path);
    }
    // FieldsV1: the managed-fields set, itself JSON.
    auto raw = fields->find(1);
    if (raw == fields->end() || raw->second.type != WireType::Bytes)
        return Json(nullptr);
    Json parsed = Json::parse(raw->second.bytes, nullptr, false);
    if (parsed.is_discarded())
        return badField(path, "fieldsV1 does not hold JSON");
    return parsed;
}

bool isZero(const Json &value) {
    return value.is_null() || (value.is_boolean() && !value.get<bool>()) ||
           (value.is_number() && value.get<double>() == 0) ||
           (value.is_string() && value.get_ref<const std::string &>().empty());
}

Json zeroOf(const std::string &type) {
    if (type == "string" || type == "bytes" || type == "resource.Quantity")
        return "";
    if (type == "bool")
        return false;
    if (isScalar(type) || type == "intstr.IntOrString")
        return 0;
    return Json::object();
}

} // namespace cox::apiserver::protobuf
