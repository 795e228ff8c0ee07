#include "image/gzip_source.h"

#include <cstring>
#include <zlib.h>

namespace cox::image {

struct GzipSource::Impl {
    std::unique_ptr<ByteSource> inner;
    z_stream zs{};
    std::vector<char> in = std::vector<char>(1 << 16);
    bool innerDone = false;
    bool finished = false;
    bool atMemberEnd = false;
};

GzipSource::GzipSource(std::unique_ptr<ByteSource> inner)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->inner = std::move(inner);
    inflateInit2(&m_impl->zs, 16 + MAX_WBITS);
}

GzipSource::~GzipSource() {
    inflateEnd(&m_impl->zs);
}

Result<size_t> GzipSource::read(char *buffer, size_t size) {
    Impl &d = *m_impl;
    if (d.finished || size == 0) {
        return size_t{0};
    }
    d.zs.next_out = reinterpret_cast<Bytef *>(buffer);
    d.zs.avail_out = static_cast<uInt>(size);
    while (d.zs.avail_out == size) {
        if (d.zs.avail_in == 0) {
            if (d.innerDone) {
                if (!d.atMemberEnd) {
                    return Status(StatusCode::Invalid,
                                  "unexpected end of gzip stream (truncated layer)");
                }
                d.finished = true;
                break;
            }
            auto n = d.inner->read(d.in.data(), d.in.size());
            if (!n) {
                return n.status();
            }
            d.innerDone = *n == 0;
            d.zs.next_in = reinterpret_cast<Bytef *>(d.in.data());
            d.zs.avail_in = static_cast<uInt>(*n);
            continue;
        }
        int rc = inflate(&d.zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            // Another member may follow (pigz, concatenated gzip files).
            d.atMemberEnd = true;
            inflateReset(&d.zs);
            continue;
        }
        if (rc != Z_OK) {
            return Status(StatusCode::Invalid, std::string("corrupt gzip stream: ") +
                                                   (d.zs.msg ? d.zs.msg : "inflate failed"));
        }
        d.atMemberEnd = false;
    }
    return size - d.zs.avail_out;
}

namespace {

// Replays a few already-read bytes before the rest of the inner source.
class PrefixedSource : public ByteSource {
public:
    PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> inner)
        : m_prefix(std::move(prefix))
        , m_inner(std::move(inner)) {}
    Result<size_t> read(char *buffer, size_t size) override {
        if (m_pos < m_prefix.size()) {
            size_t n = std::min(size, m_prefix.size() - m_pos);
            std::memcpy(buffer, m_prefix.data() + m_pos, n);
            m_pos += n;
            return n;
        }
        return m_inner->read(buffer, size);
    }

private:
    std::string m_prefix;
    size_t m_pos = 0;
    std::unique_ptr<ByteSource> m_inner;
};

} // namespace

Result<std::unique_ptr<ByteSource>> GzipSource::maybeGzip(std::unique_ptr<ByteSource> inner) {
    std::string head(2, '\0');
    size_t got = 0;
    while (got < 2) {
        auto n = inner->read(head.data() + got, 2 - got);
        if (!n) {
            return n.status();
        }
        if (*n == 0) {
            break;
        }
        got += *n;
    }
    head.resize(got);
    auto source = std::make_unique<PrefixedSource>(head, std::move(inner));
    if (got == 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
        static_cast<unsigned char>(head[1]) == 0x8b) {
        return std::unique_ptr<ByteSource>(std::make_unique<GzipSource>(std::move(source)));
    }
    return std::unique_ptr<ByteSource>(std::move(source));
}

} // namespace cox::image
