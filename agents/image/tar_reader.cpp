#include "image/tar_reader.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace cox::image {
namespace {

constexpr int64_t kBlock = 512;
constexpr int64_t kMaxMetaSize = 1 << 20; // pax/GNU long-name records larger than this are abuse

Status malformed(const std::string &why) {
    return Status(StatusCode::Invalid, "malformed tar archive: " + why);
}

std::string field(const char *block, size_t offset, size_t size) {
    const char *p = block + offset;
    return std::string(p, strnlen(p, size));
}

// Octal, or GNU base-256 when the top bit of the first byte is set.
Result<int64_t> number(const char *block, size_t offset, size_t size) {
    const auto *p = reinterpret_cast<const unsigned char *>(block + offset);
    if (p[0] & 0x80) {
        int64_t value = p[0] & 0x3f;
        for (size_t i = 1; i < size; ++i) {
            if (value > (INT64_MAX >> 8)) {
                return malformed("numeric field overflow");
            }
            value = (value << 8) | p[i];
        }
        return value;
    }
    int64_t value = 0;
    size_t i = 0;
    while (i < size && (p[i] == ' ' || p[i] == 0)) {
        ++i;
    }
    for (; i < size && p[i] >= '0' && p[i] <= '7'; ++i) {
        if (value > (INT64_MAX >> 3)) {
            return malformed("numeric field overflow");
        }
        value = value * 8 + (p[i] - '0');
    }
    return value;
}

bool checksumOk(const char *block) {
    int64_t sum = 0;
    for (int i = 0; i < kBlock; ++i) {
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
    }
    auto stored = number(block, 148, 8);
    return stored && *stored == sum;
}

// Applies pax records ("<len> key=value\n") that matter for extraction.
Status applyPax(const std::string &data, TarEntry &entry, bool &hasPath, bool &hasLink) {
    size_t pos = 0;
    while (pos < data.size()) {
        size_t space = data.find(' ', pos);
        if (space == std::string::npos) {
            return malformed("bad pax record");
        }
        size_t len = std::strtoull(data.c_str() + pos, nullptr, 10);
        if (len == 0 || pos + len > data.size() || space >= pos + len) {
            return malformed("bad pax record length");
        }
        std::string record = data.substr(space + 1, pos + len - space - 2);
        pos += len;
        auto eq = record.find('=');
        if (eq == std::string::npos) {
            continue;
        }
        std::string key = record.substr(0, eq);
        std::string value = record.substr(eq + 1);
        if (key == "path") {
            entry.path = value;
            hasPath = true;
        } else if (key == "linkpath") {
            entry.linkName = value;
            hasLink = true;
        } else if (key == "size") {
            entry.size = std::strtoll(value.c_str(), nullptr, 10);
        } else if (key == "mtime") {
            entry.mtime = std::strtoll(value.c_str(), nullptr, 10);
        } else if (key == "uid") {
            entry.uid = static_cast<uint32_t>(std::strtoul(value.c_str(), nullptr, 10));
        } else if (key == "gid") {
            entry.gid = static_cast<uint32_t>(std::strtoul(value.c_str(), nullptr, 10));
        }
    }
    return Status::ok();
}

} // namespace

Status TarReader::skipRemaining() {
    char buf[8192];
    int64_t left = m_remaining + m_padding;
    while (left > 0) {
        size_t chunk = static_cast<size_t>(std::min<int64_t>(left, sizeof buf));
        if (auto s = m_source.readFull(buf, chunk); !s) {
            return s;
        }
        left -= static_cast<int64_t>(chunk);
    }
    m_remaining = m_padding = 0;
    return Status::ok();
}

Result<std::string> TarReader::readBlockPadded(int64_t size) {
    if (size < 0 || size > kMaxMetaSize) {
        return malformed("oversized extended header");
    }
    int64_t padded = (size + kBlock - 1) / kBlock * kBlock;
    std::string data(static_cast<size_t>(padded), '\0');
    if (auto s = m_source.readFull(data.data(), data.size()); !s) {
        return s;
    }
    data.resize(static_cast<size_t>(size));
    return data;
}

Result<std::optional<TarEntry>> TarReader::next() {
    if (auto s = skipRemaining(); !s) {
        return s;
    }
    TarEntry entry;
    bool hasPath = false;
    bool hasLink = false;
    std::optional<int64_t> paxSize;
    for (;;) {
        char block[kBlock];
        auto n = m_source.read(block, 1);
        if (!n) {
            return n.status();
        }
        if (*n == 0) {
            return std::optional<TarEntry>(); // tolerate archives without the zero blocks
        }
        if (auto s = m_source.readFull(block + 1, kBlock - 1); !s) {
            return s;
        }
        bool allZero = std::all_of(block, block + kBlock, [](char c) { return c == 0; });
        if (allZero) {
            return std::optional<TarEntry>();
        }
        if (!checksumOk(block)) {
            return malformed("header checksum mismatch");
        }
        auto size = number(block, 124, 12);
        if (!size || *size < 0) {
            return malformed("bad size field");
        }
        char type = block[156];
        if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
            auto data = readBlockPadded(*size);
            if (!data) {
                return data.status();
            }
            if (type == 'x') {
                TarEntry pax;
                if (auto s = applyPax(*data, pax, hasPath, hasLink); !s) {
                    return s;
                }
                if (hasPath) {
                    entry.path = pax.path;
                }
                if (hasLink) {
                    entry.linkName = pax.linkName;
                }
                if (pax.size) {
                    paxSize = pax.size;
                }
            } else if (type == 'L') {
                entry.path = std::string(data->c_str());
                hasPath = true;
            } else if (type == 'K') {
                entry.linkName = std::string(data->c_str());
                hasLink = true;
            }
            continue; // global headers ('g') carry nothing we use
        }
        if (!hasPath) {
            std::string name = field(block, 0, 100);
            std::string prefix = field(block, 345, 155);
            bool ustar = std::memcmp(block + 257, "ustar", 5) == 0;
            entry.path = (ustar && !prefix.empty()) ? prefix + "/" + name : name;
        }
        if (!hasLink) {
            entry.linkName = field(block, 157, 100);
        }
        auto mode = number(block, 100, 8);
        auto uid = number(block, 108, 8);
        auto gid = number(block, 116, 8);
        auto mtime = number(block, 136, 12);
        auto major = number(block, 329, 8);
        auto minor = number(block, 337, 8);
        if (!mode || !uid || !gid || !mtime || !major || !minor) {
            return malformed("bad numeric field in header of " + entry.path);
        }
        entry.mode = static_cast<uint32_t>(*mode & 07777);
        entry.uid = static_cast<uint32_t>(*uid);
        entry.gid = static_cast<uint32_t>(*gid);
        entry.mtime = *mtime;
        entry.devMajor = static_cast<uint32_t>(*major);
        entry.devMinor = static_cast<uint32_t>(*minor);
        entry.size = paxSize.value_or(*size);
        switch (type) {
        case '0':
        case '\0':
        case '7':
            entry.type = TarType::File;
            break;
        case '1':
            entry.type = TarType::HardLink;
            break;
        case '2':
            entry.type = TarType::Symlink;
            break;
        case '3':
            entry.type = TarType::CharDevice;
            break;
        case '4':
            entry.type = TarType::BlockDevice;
            break;
        case '5':
            entry.type = TarType::Directory;
            break;
        case '6':
            entry.type = TarType::Fifo;
            break;
        default:
            return malformed(std::string("unsupported entry type '") + type + "' for " +
                             entry.path);
        }
        if (entry.type != TarType::File) {
            // Only regular files carry content; a hard link's size field must be ignored.
            m_remaining = entry.type == TarType::HardLink ? 0 : entry.size;
            entry.size = m_remaining;
        } else {
            m_remaining = entry.size;
        }
        m_padding = (kBlock - m_remaining % kBlock) % kBlock;
        return std::optional<TarEntry>(std::move(entry));
    }
}

Result<size_t> TarReader::readContent(char *buffer, size_t size) {
    if (m_remaining == 0) {
        return size_t{0};
    }
    size_t want = static_cast<size_t>(std::min<int64_t>(m_remaining, size));
    auto n = m_source.read(buffer, want);
    if (!n) {
        return n;
    }
    if (*n == 0) {
        return Status(StatusCode::Invalid, "unexpected end of archive (truncated layer)");
    }
    m_remaining -= static_cast<int64_t>(*n);
    return n;
}

} // namespace cox::image
