// ProtoReader: walks the fields of one protobuf message on the wire (varint, 64-bit,
// length-delimited and 32-bit values), checking every length against the buffer, so a truncated
// or hostile body is an error, never a read past its end.
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string_view>

namespace cox::apiserver::protobuf {

enum class WireType { Varint = 0, Fixed64 = 1, Bytes = 2, Fixed32 = 5 };

struct WireField {
    uint32_t number = 0;
    WireType type = WireType::Varint;
    uint64_t value = 0;     // Varint, Fixed64 and Fixed32
    std::string_view bytes; // Bytes: a view into the reader's buffer
};

class ProtoReader {
public:
    explicit ProtoReader(std::string_view data)
        : m_data(data) {}

    bool atEnd() const { return m_pos >= m_data.size(); }
    // The next field; BadRequest when the encoding is broken.
    Result<WireField> next();
    // One bare value (the items of a packed repeated field have no keys).
    Result<uint64_t> varint();
    Result<uint64_t> fixed(size_t bytes);

private:
    std::string_view m_data;
    size_t m_pos = 0;
};

} // namespace cox::apiserver::protobuf
