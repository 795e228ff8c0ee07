// ByteSource: a pull-style stream of bytes (a file, or a decompressor over one), so the tar
// reader never needs a whole layer in memory. FileSource reads a file descriptor it owns.
#pragma once

#include "common/result.h"
#include "image/unique_fd.h"

#include <cstddef>
#include <memory>
#include <string>

namespace cox::image {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads up to `size` bytes; 0 means end of stream.
    virtual Result<size_t> read(char *buffer, size_t size) = 0;
    // Reads exactly `size` bytes or fails with "unexpected end of ..." (truncated archives).
    Status readFull(char *buffer, size_t size);
};

class FileSource : public ByteSource {
public:
    static Result<std::unique_ptr<FileSource>> open(const std::string &path);
    Result<size_t> read(char *buffer, size_t size) override;

private:
    FileSource(UniqueFd fd, std::string path)
        : m_fd(std::move(fd))
        , m_path(std::move(path)) {}
    UniqueFd m_fd;
    std::string m_path;
};

} // namespace cox::image
