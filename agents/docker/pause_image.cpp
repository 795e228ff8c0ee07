#include "docker/pause_image.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace cox::agent::docker {
namespace {

// Bumped whenever a program below changes, so nodes import the new one.
constexpr int kRevision = 1;

#if defined(__x86_64__)
constexpr uint16_t kMachine = 62; // EM_X86_64
constexpr const char *kArch = "amd64";
// loop: mov eax, 34 (pause); syscall; jmp loop
const unsigned char kCode[] = {0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7};
#elif defined(__aarch64__)
constexpr uint16_t kMachine = 183; // EM_AARCH64
constexpr const char *kArch = "arm64";
// loop: x0..x3 = 0; x8 = 73 (ppoll with no fds and no timeout); svc 0; b loop.
// (Assembled by hand; this machine is x86_64, so it has not run here.)
const unsigned char kCode[] = {0x00, 0x00, 0x80, 0xd2, 0x01, 0x00, 0x80, 0xd2, 0x02, 0x00,
                               0x80, 0xd2, 0x03, 0x00, 0x80, 0xd2, 0x28, 0x09, 0x80, 0xd2,
                               0x01, 0x00, 0x00, 0xd4, 0xfa, 0xff, 0xff, 0x17};
#else
#define COX_NO_PAUSE_PROGRAM 1
constexpr const char *kArch = "unknown";
#endif

void put(std::string &out, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xff);
}

} // namespace

Result<std::string> PauseImage::program() {
#ifdef COX_NO_PAUSE_PROGRAM
    return Status(StatusCode::Internal, "no pause program for this CPU architecture");
#else
    // ELF64 little-endian executable: header (64 bytes), one PT_LOAD program header (56 bytes)
    // mapping the whole file read+execute at 0x400000, then the code.
    constexpr uint64_t base = 0x400000, headers = 64 + 56;
    const uint64_t size = headers + sizeof kCode;
    std::string elf = {'\x7f', 'E', 'L', 'F', 2, 1, 1, 0};
    elf.append(8, '\0');
    put(elf, 2, 2); // ET_EXEC
    put(elf, kMachine, 2);
    put(elf, 1, 4);              // EV_CURRENT
    put(elf, base + headers, 8); // entry
    put(elf, 64, 8);             // program headers right after this header
    put(elf, 0, 8);              // no section headers
    put(elf, 0, 4);              // flags
    put(elf, 64, 2);             // header size
    put(elf, 56, 2);             // program header size
    put(elf, 1, 2);              // one of them
    put(elf, 64, 2);             // section header size (none present)
    put(elf, 0, 2);
    put(elf, 0, 2);
    put(elf, 1, 4);      // PT_LOAD
    put(elf, 5, 4);      // PF_R | PF_X
    put(elf, 0, 8);      // file offset
    put(elf, base, 8);   // vaddr
    put(elf, base, 8);   // paddr
    put(elf, size, 8);   // file size
    put(elf, size, 8);   // memory size
    put(elf, 0x1000, 8); // alignment
    elf.append(reinterpret_cast<const char *>(kCode), sizeof kCode);
    return elf;
#endif
}

std::string PauseImage::tarball(const std::string &program) {
    char header[512] = {};
    std::snprintf(header, 100, "pause");
    std::snprintf(header + 100, 8, "%07o", 0755);
    std::snprintf(header + 108, 8, "%07o", 0);
    std::snprintf(header + 116, 8, "%07o", 0);
    std::snprintf(header + 124, 12, "%011lo", static_cast<unsigned long>(program.size()));
    std::snprintf(header + 136, 12, "%011o", 0);
    header[156] = '0'; // regular file
    std::memcpy(header + 257, "ustar", 6);
    std::memcpy(header + 263, "00", 2);
    // The checksum is computed with its own field as eight spaces.
    std::memset(header + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : header)
        sum += c;
    std::snprintf(header + 148, 8, "%06o", sum);
    std::string tar(header, sizeof header);
    tar += program;
    tar.append((512 - program.size() % 512) % 512, '\0');
    tar.append(1024, '\0'); // two zero blocks end the archive
    return tar;
}

std::string PauseImage::reference() {
    return std::string("coxswain-pause:") + kArch + "-" + std::to_string(kRevision);
}

Status PauseImage::ensure(const DockerClient &client) {
    auto present = client.get("/images/" + reference() + "/json");
    if (present)
        return Status::ok();
    if (present.status().code() != StatusCode::NotFound)
        return present.status();
    auto elf = program();
    if (!elf)
        return elf.status();
    std::string ref = reference();
    DockerRequest request;
    request.method = "POST";
    request.path = "/images/create?fromSrc=-&repo=" + ref.substr(0, ref.find(':')) +
                   "&tag=" + ref.substr(ref.find(':') + 1);
    request.contentType = "application/x-tar";
    request.body = tarball(*elf);
    return client.progress(request);
}

} // namespace cox::agent::docker
