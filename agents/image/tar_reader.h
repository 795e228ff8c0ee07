// TarReader: reads entries from a tar stream (ustar, GNU long names, pax extended headers), the
// format of every image layer. It only parses; what may be written where is the unpacker's job.
#pragma once

#include "image/byte_source.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cox::image {

enum class TarType { File, HardLink, Symlink, CharDevice, BlockDevice, Directory, Fifo };

struct TarEntry {
    TarType type = TarType::File;
    std::string path;     // as written in the archive (not yet cleaned)
    std::string linkName; // symlink target or hard link source
    uint32_t mode = 0;    // permission bits incl. setuid/setgid/sticky
    uint32_t uid = 0;
    uint32_t gid = 0;
    int64_t size = 0; // content bytes (files only)
    int64_t mtime = 0;
    uint32_t devMajor = 0;
    uint32_t devMinor = 0;
};

class TarReader {
public:
    explicit TarReader(ByteSource &source)
        : m_source(source) {}

    // The next entry, or nullopt at the end of the archive. Unread content of the previous
    // entry is skipped.
    Result<std::optional<TarEntry>> next();
    // Reads content of the current entry; 0 at its end.
    Result<size_t> readContent(char *buffer, size_t size);

private:
    Status skipRemaining();
    Result<std::string> readBlockPadded(int64_t size);

    ByteSource &m_source;
    int64_t m_remaining = 0; // content bytes left in the current entry
    int64_t m_padding = 0;   // bytes of padding after the content
};

} // namespace cox::image
