// GzipSource: inflates a gzip stream (possibly several concatenated members, as pigz writes)
// from another ByteSource. MaybeGzip picks it by the magic bytes, since docker-save layers are
// plain tars while registry layers are usually gzip.
#pragma once

#include "image/byte_source.h"

#include <memory>
#include <vector>

namespace cox::image {

class GzipSource : public ByteSource {
public:
    explicit GzipSource(std::unique_ptr<ByteSource> inner);
    ~GzipSource() override;
    Result<size_t> read(char *buffer, size_t size) override;

    // Wraps `inner` in a GzipSource if it starts with the gzip magic, else returns a source
    // that yields the same bytes unchanged.
    static Result<std::unique_ptr<ByteSource>> maybeGzip(std::unique_ptr<ByteSource> inner);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cox::image
