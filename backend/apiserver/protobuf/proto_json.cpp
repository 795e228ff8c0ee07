#include "apiserver/protobuf/proto_json.h"

#include "apiserver/protobuf/wire_types.h"

namespace cox::apiserver::protobuf {

namespace {

constexpr int kMaxDepth = 64; // the schema's deepest path is far shorter; this bounds hostile input
// Unknown fields named in an answer; a body made of nothing else gets a count, not megabytes.
constexpr size_t kMaxUnknownNamed = 20;

Status badField(const std::string &path, const std::string &why) {
    return Status(StatusCode::BadRequest, "protobuf field " + path + ": " + why);
}

// Scalars packed into one length-delimited field (proto3 style; accepted for any repeated
// number, as protobuf readers must).
bool packable(const std::string &type) {
    return type != "string" && type != "bytes" && isScalar(type);
}

} // namespace

Result<Json> ProtoJsonDecoder::decode(const std::string &messageName, std::string_view bytes) {
    m_unknown.clear();
    m_unknownCount = 0;
    return message(messageName, bytes, messageName, 0);
}

void ProtoJsonDecoder::noteUnknown(const std::string &path, uint32_t number) {
    ++m_unknownCount;
    if (m_unknownCount <= kMaxUnknownNamed)
        m_unknown.push_back("unknown field \"" + path + "\" #" + std::to_string(number));
    else if (m_unknownCount == kMaxUnknownNamed + 1)
        m_unknown.push_back("more unknown fields");
}

Result<Json> ProtoJsonDecoder::message(const std::string &type, std::string_view bytes,
                                       const std::string &path, int depth) {
    if (depth > kMaxDepth)
        return badField(path, "nested too deeply");
    if (isWellKnown(type))
        return wellKnownToJson(type, bytes, path);
    const MessageSpec *spec = m_schema.message(type);
    if (!spec)
        return badField(path, "message type " + type + " is not known to this server");
    Json out = Json::object();
    if (Status s = decodeInto(*spec, bytes, path, depth, out); !s.isOk())
        return s;
    return out;
}

Status ProtoJsonDecoder::decodeInto(const MessageSpec &spec, std::string_view bytes,
                                    const std::string &path, int depth, Json &out) {
    ProtoReader reader(bytes);
    while (!reader.atEnd()) {
        auto wire = reader.next();
        if (!wire)
            return Status(wire.status().code(), path + ": " + wire.status().message());
        auto it = spec.fields.find(wire->number);
        if (it == spec.fields.end()) {
            noteUnknown(path, wire->number);
            continue;
        }
        if (Status s = decodeField(it->second, *wire, path + "." + it->second.name, depth, out);
            !s.isOk())
            return s;
    }
    return Status::ok();
}

Status ProtoJsonDecoder::decodeField(const FieldSpec &field, const WireField &wire,
                                     const std::string &path, int depth, Json &out) {
    if (field.isMap) {
        auto entry = mapEntry(field, wire.bytes, path, depth);
        if (!entry)
            return entry.status();
        out[field.name][entry->first] = std::move(entry->second);
        return Status::ok();
    }
    if (field.inlined) { // an embedded Go struct: its fields are the parent's
        const MessageSpec *spec = m_schema.message(field.type);
        if (!spec || wire.type != WireType::Bytes)
            return badField(path, "cannot be decoded as " + field.type);
        return decodeInto(*spec, wire.bytes, path, depth + 1, out);
    }
    if (field.repeated) {
        Json &list = out[field.name];
        if (!list.is_array())
            list = Json::array();
        if (wire.type == WireType::Bytes && packable(field.type)) {
            auto items = unpack(field.type, wire.bytes, path);
            if (!items)
                return items.status();
            for (auto &item : *items)
                list.push_back(std::move(item));
            return Status::ok();
        }
        auto item = value(field.type, wire, path, depth, true);
        if (!item)
            return item.status();
        list.push_back(std::move(*item));
        return Status::ok();
    }
    auto v = value(field.type, wire, path, depth, field.pointer);
    if (!v)
        return v.status();
    if (v->is_discarded())
        out.erase(field.name);
    else
        out[field.name] = std::move(*v);
    return Status::ok();
}

Result<Json> ProtoJsonDecoder::value(const std::string &type, const WireField &wire,
                                     const std::string &path, int depth, bool keepZero) {
    if (isScalar(type)) {
        auto v = scalarToJson(type, wire, path);
        if (!v)
            return v;
        if (!keepZero && isZero(*v))
            return Json(Json::value_t::discarded);
        return v;
    }
    if (wire.type != WireType::Bytes)
        return badField(path, "a " + type + " must be length-delimited");
    auto v = message(type, wire.bytes, path, depth + 1);
    if (v && isWellKnown(type) && isZero(*v) && !keepZero) // a zero Time is null in Go's JSON
        return Json(Json::value_t::discarded);
    return v;
}

Result<std::pair<std::string, Json>> ProtoJsonDecoder::mapEntry(const FieldSpec &field,
                                                                std::string_view bytes,
                                                                const std::string &path,
                                                                int depth) {
    if (field.type != "string")
        return badField(path, "map keys of type " + field.type + " are not supported");
    std::string key;
    Json entryValue = zeroOf(field.mapValue);
    ProtoReader reader(bytes);
    while (!reader.atEnd()) {
        auto wire = reader.next();
        if (!wire)
            return Status(wire.status().code(), path + ": " + wire.status().message());
        if (wire->number == 1) {
            auto k = scalarToJson("string", *wire, path + " key");
            if (!k)
                return k.status();
            key = k->get<std::string>();
        } else if (wire->number == 2) {
            auto v = value(field.mapValue, *wire, path + "[" + key + "]", depth, true);
            if (!v)
                return v.status();
            entryValue = std::move(*v);
        }
    }
    return std::pair{std::move(key), std::move(entryValue)};
}

} // namespace cox::apiserver::protobuf
