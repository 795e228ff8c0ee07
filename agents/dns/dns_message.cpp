#include "dns/dns_message.h"

#include <arpa/inet.h>
#include <cctype>

namespace cox::agent::dns {
namespace {

void put16(std::vector<uint8_t> &out, uint16_t value) {
    out.push_back(static_cast<uint8_t>(value >> 8));
    out.push_back(static_cast<uint8_t>(value & 0xff));
}

void put32(std::vector<uint8_t> &out, uint32_t value) {
    put16(out, static_cast<uint16_t>(value >> 16));
    put16(out, static_cast<uint16_t>(value & 0xffff));
}

uint16_t get16(const uint8_t *p) {
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

// The question name at `offset`; no compression pointers (queries never need them).
Result<std::string> readName(const uint8_t *data, size_t size, size_t &offset) {
    std::string name;
    while (true) {
        if (offset >= size)
            return Status(StatusCode::BadRequest, "name runs past the message");
        uint8_t length = data[offset++];
        if (length == 0)
            break;
        if (length > 63 || offset + length > size)
            return Status(StatusCode::BadRequest, "bad label");
        if (!name.empty())
            name += '.';
        for (size_t i = 0; i < length; ++i)
            name += static_cast<char>(std::tolower(data[offset + i]));
        offset += length;
        if (name.size() > 253)
            return Status(StatusCode::BadRequest, "name too long");
    }
    return name;
}

void putRecord(std::vector<uint8_t> &out, const DnsRecord &record, const DnsQuery &query) {
    // 0xC00C points at the question's name right after the 12-byte header.
    if (record.name == query.question.name) {
        put16(out, 0xC00C);
    } else {
        auto name = DnsMessage::encodeName(record.name);
        out.insert(out.end(), name.begin(), name.end());
    }
    put16(out, static_cast<uint16_t>(record.type));
    put16(out, 1); // IN
    put32(out, record.ttl);
    std::vector<uint8_t> rdata;
    if (record.type == RecordType::A) {
        in_addr address{};
        ::inet_pton(AF_INET, record.address.c_str(), &address);
        auto *bytes = reinterpret_cast<const uint8_t *>(&address.s_addr);
        rdata.assign(bytes, bytes + 4);
    } else if (record.type == RecordType::Srv) {
        put16(rdata, record.priority);
        put16(rdata, record.weight);
        put16(rdata, record.port);
        auto target = DnsMessage::encodeName(record.target);
        rdata.insert(rdata.end(), target.begin(), target.end());
    } else {
        rdata = DnsMessage::encodeName(record.target);
    }
    put16(out, static_cast<uint16_t>(rdata.size()));
    out.insert(out.end(), rdata.begin(), rdata.end());
}

} // namespace

std::vector<uint8_t> DnsMessage::encodeName(const std::string &name) {
    std::vector<uint8_t> out;
    size_t start = 0;
    while (start < name.size()) {
        size_t dot = name.find('.', start);
        if (dot == std::string::npos)
            dot = name.size();
        size_t length = dot - start;
        if (length == 0 || length > 63)
            return {};
        out.push_back(static_cast<uint8_t>(length));
        out.insert(out.end(), name.begin() + start, name.begin() + dot);
        start = dot + 1;
    }
    out.push_back(0);
    return out;
}

Result<DnsQuery> DnsMessage::parseQuery(const uint8_t *data, size_t size) {
    if (size < 12)
        return Status(StatusCode::BadRequest, "short DNS header");
    DnsQuery query;
    query.id = get16(data);
    query.flags = get16(data + 2);
    if (query.flags & 0x8000)
        return Status(StatusCode::BadRequest, "not a query");
    if (get16(data + 4) != 1)
        return Status(StatusCode::BadRequest, "expected exactly one question");
    size_t offset = 12;
    auto name = readName(data, size, offset);
    if (!name)
        return name.status();
    if (offset + 4 > size)
        return Status(StatusCode::BadRequest, "question runs past the message");
    query.question.name = std::move(*name);
    query.question.type = get16(data + offset);
    query.question.qclass = get16(data + offset + 2);
    query.questionEnd = offset + 4;
    return query;
}

std::vector<uint8_t> DnsMessage::answer(const DnsQuery &query, Rcode rcode,
                                        const std::vector<DnsRecord> &records, bool authoritative,
                                        size_t maxSize) {
    std::vector<uint8_t> out;
    put16(out, query.id);
    uint16_t flags = 0x8000 | (query.flags & 0x7900) | 0x0080 | static_cast<uint16_t>(rcode);
    if (authoritative)
        flags |= 0x0400;
    put16(out, flags);
    put16(out, 1);
    put16(out, static_cast<uint16_t>(records.size()));
    put16(out, 0);
    put16(out, 0);
    auto name = encodeName(query.question.name);
    if (name.empty())
        name = {0};
    out.insert(out.end(), name.begin(), name.end());
    put16(out, query.question.type);
    put16(out, query.question.qclass);
    size_t headerAndQuestion = out.size();
    for (const auto &record : records)
        putRecord(out, record, query);
    if (out.size() > maxSize) {
        // Truncated: the client retries over TCP.
        out.resize(headerAndQuestion);
        out[2] |= 0x02;
        out[6] = out[7] = 0;
    }
    return out;
}

std::vector<uint8_t> DnsMessage::error(uint16_t id, Rcode rcode) {
    std::vector<uint8_t> out;
    put16(out, id);
    put16(out, static_cast<uint16_t>(0x8080 | static_cast<uint16_t>(rcode)));
    for (int i = 0; i < 4; ++i)
        put16(out, 0);
    return out;
}

Rcode DnsMessage::rcodeOf(const std::vector<uint8_t> &message) {
    if (message.size() < 4)
        return Rcode::FormErr;
    return static_cast<Rcode>(message[3] & 0x0f);
}

} // namespace cox::agent::dns
