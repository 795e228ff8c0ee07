#include "apiserver/protobuf/proto_reader.h"

namespace cox::apiserver::protobuf {

namespace {
Status broken(const std::string &why) {
    return Status(StatusCode::BadRequest, "malformed protobuf: " + why);
}
} // namespace

Result<uint64_t> ProtoReader::varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (m_pos >= m_data.size())
            return broken("a varint runs past the end of the message");
        const auto byte = static_cast<uint8_t>(m_data[m_pos++]);
        value |= static_cast<uint64_t>(byte & 0x7f) << shift;
        if (byte < 0x80)
            return value;
    }
    return broken("a varint is longer than 10 bytes");
}

Result<uint64_t> ProtoReader::fixed(size_t bytes) {
    if (m_data.size() - m_pos < bytes)
        return broken("a fixed-size value runs past the end of the message");
    uint64_t value = 0;
    for (size_t i = 0; i < bytes; ++i) // little-endian on the wire
        value |= static_cast<uint64_t>(static_cast<uint8_t>(m_data[m_pos + i])) << (8 * i);
    m_pos += bytes;
    return value;
}

Result<WireField> ProtoReader::next() {
    auto key = varint();
    if (!key)
        return key.status();
    WireField field;
    field.number = static_cast<uint32_t>(*key >> 3);
    if (field.number == 0 || *key >> 3 > 0x1fffffff)
        return broken("field number " + std::to_string(*key >> 3) + " is out of range");
    Result<uint64_t> value = uint64_t{0};
    switch (*key & 7) {
    case 0:
        field.type = WireType::Varint;
        value = varint();
        break;
    case 1:
        field.type = WireType::Fixed64;
        value = fixed(8);
        break;
    case 5:
        field.type = WireType::Fixed32;
        value = fixed(4);
        break;
    case 2: {
        field.type = WireType::Bytes;
        auto length = varint();
        if (!length)
            return length.status();
        if (*length > m_data.size() - m_pos)
            return broken("field " + std::to_string(field.number) +
                          " is longer than the message holding it");
        field.bytes = m_data.substr(m_pos, *length);
        m_pos += *length;
        return field;
    }
    default:
        return broken("field " + std::to_string(field.number) + " has wire type " +
                      std::to_string(*key & 7) + " (groups are not supported)");
    }
    if (!value)
        return value.status();
    field.value = *value;
    return field;
}

} // namespace cox::apiserver::protobuf
