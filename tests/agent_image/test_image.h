// Test images for the agent's tests: a tar writer, a busybox image built from Debian's
// busybox-static (two layers, the second with a whiteout and an opaque directory), a push over
// the distribution API (plain HTTP, optional basic auth), `docker save` archives, and a real
// Debian docker-registry child process. Other test areas (runc, agent) reuse this to get a
// runnable image without network access.
#pragma once

#include "test_registry.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cox::testing {

// Builds an uncompressed ustar archive in memory. Paths are written verbatim (tests use this to
// craft hostile archives too).
class TarWriter {
public:
    TarWriter &file(const std::string &path, const std::string &content, unsigned mode = 0644);
    TarWriter &dir(const std::string &path, unsigned mode = 0755);
    TarWriter &symlink(const std::string &path, const std::string &target);
    TarWriter &hardlink(const std::string &path, const std::string &target);
    TarWriter &charDevice(const std::string &path, unsigned major, unsigned minor);
    // The archive with its two terminating zero blocks.
    std::string finish() const;

private:
    void header(const std::string &path, char type, const std::string &link, unsigned mode,
                size_t size);
    std::string m_data;
    int64_t m_mtime = 1'700'000'000;
};

std::string gzipBytes(const std::string &data);
std::string sha256Digest(const std::string &data);

struct TestBlob {
    std::string mediaType;
    std::string digest;
    std::string data;
};

struct TestImage {
    TestBlob config;
    std::vector<TestBlob> layers;
    std::vector<std::string> diffIds;
    std::string manifest; // Docker schema2 or OCI JSON
    std::string manifestMediaType;
    std::string manifestDigest;
};

class TestImageBuilder {
public:
    // Adds a layer from an uncompressed tar; gzip-compressed in the image unless `gzip` is false.
    TestImageBuilder &layer(const std::string &tar, bool gzip = true);
    TestImageBuilder &entrypoint(std::vector<std::string> args);
    TestImageBuilder &cmd(std::vector<std::string> args);
    TestImageBuilder &env(std::string entry);
    TestImageBuilder &workingDir(std::string dir);
    TestImageBuilder &oci(bool useOciMediaTypes);
    TestImage build() const;

    // Layer 1: bin/busybox (from /bin/busybox) with sh/ls/echo/cat symlinks, etc/motd,
    // etc/old-file, var/cache/a. Layer 2: etc/.wh.old-file, var/cache/.wh..wh..opq,
    // var/cache/b, etc/motd replaced. Cmd ["sh"].
    static TestImage busybox();
    static std::string busyboxLayerTar();
    static std::string whiteoutLayerTar();

private:
    std::vector<std::pair<std::string, bool>> m_layers;
    std::vector<std::string> m_entrypoint;
    std::vector<std::string> m_cmd;
    std::vector<std::string> m_env = {"PATH=/bin"};
    std::string m_workingDir = "/";
    bool m_oci = false;
};

// Pushes blobs and the manifest to `registryUrl` ("http://127.0.0.1:5000") as repo:tag.
// Returns an empty string on success, else what went wrong.
std::string pushImage(const std::string &registryUrl, const std::string &repository,
                      const std::string &tag, const TestImage &image,
                      const std::string &username = {}, const std::string &password = {});

// Puts one manifest (or index) body under repository:reference.
std::string pushManifest(const std::string &registryUrl, const std::string &repository,
                         const std::string &reference, const std::string &body,
                         const std::string &mediaType, const std::string &username = {},
                         const std::string &password = {});
// An OCI index listing `image` as linux/amd64 plus `others` under the given architectures.
std::string ociIndex(const std::vector<std::pair<std::string, const TestImage *>> &platforms);

// A `docker save` archive (manifest.json + <id>/layer.tar + <config>.json) for `repoTag`.
std::string dockerSaveArchive(const TestImage &image, const std::string &repoTag);
// An OCI image-layout archive (oci-layout, index.json, blobs/sha256/...).
std::string ociLayoutArchive(const TestImage &image, const std::string &refName);

} // namespace cox::testing
