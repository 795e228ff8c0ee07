#include "test_image.h"

#include "image/http_client.h"
#include "image/registry_auth.h"
#include "image/sha256.h"

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <zlib.h>

namespace cox::testing {

using nlohmann::json;

namespace {

// Zero-padded octal in width-1 digits plus a NUL, as ustar numeric fields are written.
void octal(char *field, size_t width, uint64_t value) {
    field[width - 1] = '\0';
    for (size_t i = width - 1; i-- > 0;) {
        field[i] = static_cast<char>('0' + (value & 7));
        value >>= 3;
    }
}

std::string readBinary(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char *kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
const char *kDockerConfig = "application/vnd.docker.container.image.v1+json";
const char *kOciManifest = "application/vnd.oci.image.manifest.v1+json";
const char *kOciConfig = "application/vnd.oci.image.config.v1+json";

} // namespace

void TarWriter::header(const std::string &path, char type, const std::string &link, unsigned mode,
                       size_t size) {
    char h[512] = {};
    std::string name = path;
    if (name.size() > 100) {
        // GNU long name record, so hostile tests can use long paths too.
        std::string longName = name + '\0';
        header("././@LongLink", 'L', "", 0, longName.size());
        m_data += longName;
        m_data.append((512 - longName.size() % 512) % 512, '\0');
        name = name.substr(0, 100);
    }
    std::memcpy(h, name.data(), name.size());
    octal(h + 100, 8, mode);
    octal(h + 108, 8, 0);
    octal(h + 116, 8, 0);
    octal(h + 124, 12, size);
    octal(h + 136, 12, static_cast<uint64_t>(m_mtime));
    h[156] = type;
    std::memcpy(h + 157, link.data(), std::min<size_t>(link.size(), 100));
    std::memcpy(h + 257,
                "ustar\0"
                "00",
                8);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h) {
        sum += c;
    }
    std::snprintf(h + 148, 8, "%06o", sum);
    m_data.append(h, sizeof h);
}

TarWriter &TarWriter::file(const std::string &path, const std::string &content, unsigned mode) {
    header(path, '0', "", mode, content.size());
    m_data += content;
    m_data.append((512 - content.size() % 512) % 512, '\0');
    return *this;
}

TarWriter &TarWriter::dir(const std::string &path, unsigned mode) {
    header(path, '5', "", mode, 0);
    return *this;
}

TarWriter &TarWriter::symlink(const std::string &path, const std::string &target) {
    header(path, '2', target, 0777, 0);
    return *this;
}

TarWriter &TarWriter::hardlink(const std::string &path, const std::string &target) {
    header(path, '1', target, 0644, 0);
    return *this;
}

TarWriter &TarWriter::charDevice(const std::string &path, unsigned major, unsigned minor) {
    header(path, '3', "", 0666, 0);
    char *h = m_data.data() + m_data.size() - 512;
    octal(h + 329, 8, major);
    octal(h + 337, 8, minor);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i) {
        sum += static_cast<unsigned char>(h[i]);
    }
    std::snprintf(h + 148, 8, "%06o", sum);
    return *this;
}

std::string TarWriter::finish() const {
    return m_data + std::string(1024, '\0');
}

std::string gzipBytes(const std::string &data) {
    z_stream zs{};
    deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, data.size()) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

std::string sha256Digest(const std::string &data) {
    return image::Sha256::of(data);
}

TestImageBuilder &TestImageBuilder::layer(const std::string &tar, bool gzip) {
    m_layers.emplace_back(tar, gzip);
    return *this;
}
TestImageBuilder &TestImageBuilder::entrypoint(std::vector<std::string> args) {
    m_entrypoint = std::move(args);
    return *this;
}
TestImageBuilder &TestImageBuilder::cmd(std::vector<std::string> args) {
    m_cmd = std::move(args);
    return *this;
}
TestImageBuilder &TestImageBuilder::env(std::string entry) {
    m_env.push_back(std::move(entry));
    return *this;
}
TestImageBuilder &TestImageBuilder::workingDir(std::string dir) {
    m_workingDir = std::move(dir);
    return *this;
}
TestImageBuilder &TestImageBuilder::oci(bool useOciMediaTypes) {
    m_oci = useOciMediaTypes;
    return *this;
}

TestImage TestImageBuilder::build() const {
    TestImage image;
    json layers = json::array();
    json diffIds = json::array();
    for (const auto &[tar, gzip] : m_layers) {
        TestBlob blob;
        blob.data = gzip ? gzipBytes(tar) : tar;
        blob.digest = sha256Digest(blob.data);
        if (m_oci) {
            blob.mediaType = gzip ? "application/vnd.oci.image.layer.v1.tar+gzip"
                                  : "application/vnd.oci.image.layer.v1.tar";
        } else {
            blob.mediaType = gzip ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                                  : "application/vnd.docker.image.rootfs.diff.tar";
        }
        image.diffIds.push_back(sha256Digest(tar));
        diffIds.push_back(image.diffIds.back());
        layers.push_back(
            {{"mediaType", blob.mediaType}, {"digest", blob.digest}, {"size", blob.data.size()}});
        image.layers.push_back(std::move(blob));
    }
    json cfg = {{"Env", m_env}, {"WorkingDir", m_workingDir}};
    if (!m_entrypoint.empty()) {
        cfg["Entrypoint"] = m_entrypoint;
    }
    if (!m_cmd.empty()) {
        cfg["Cmd"] = m_cmd;
    }
    cfg["ExposedPorts"] = {{"8080/tcp", json::object()}};
    json config = {{"architecture", "amd64"},
                   {"os", "linux"},
                   {"created", "2024-01-01T00:00:00Z"},
                   {"config", cfg},
                   {"rootfs", {{"type", "layers"}, {"diff_ids", diffIds}}}};
    image.config.data = config.dump();
    image.config.digest = sha256Digest(image.config.data);
    image.config.mediaType = m_oci ? kOciConfig : kDockerConfig;
    image.manifestMediaType = m_oci ? kOciManifest : kDockerManifest;
    json manifest = {{"schemaVersion", 2},
                     {"mediaType", image.manifestMediaType},
                     {"config",
                      {{"mediaType", image.config.mediaType},
                       {"digest", image.config.digest},
                       {"size", image.config.data.size()}}},
                     {"layers", layers}};
    image.manifest = manifest.dump(3);
    image.manifestDigest = sha256Digest(image.manifest);
    return image;
}

std::string TestImageBuilder::busyboxLayerTar() {
    TarWriter tar;
    tar.dir("bin/").file("bin/busybox", readBinary("/bin/busybox"), 0755);
    for (const char *applet : {"sh", "ls", "echo", "cat", "true"}) {
        tar.symlink(std::string("bin/") + applet, "busybox");
    }
    tar.dir("etc/")
        .file("etc/motd", "layer one\n")
        .file("etc/old-file", "whited out by layer two\n")
        .hardlink("etc/motd-link", "etc/motd")
        .dir("var/")
        .dir("var/cache/")
        .file("var/cache/a", "hidden by the opaque directory\n")
        .dir("tmp/", 01777);
    return tar.finish();
}

std::string TestImageBuilder::whiteoutLayerTar() {
    TarWriter tar;
    tar.dir("etc/")
        .file("etc/.wh.old-file", "")
        .file("etc/motd", "layer two\n")
        .dir("var/cache/")
        .file("var/cache/.wh..wh..opq", "")
        .file("var/cache/b", "from layer two\n");
    return tar.finish();
}

TestImage TestImageBuilder::busybox() {
    return TestImageBuilder()
        .layer(busyboxLayerTar())
        .layer(whiteoutLayerTar())
        .cmd({"sh"})
        .env("HELLO=world")
        .build();
}

std::string pushImage(const std::string &registryUrl, const std::string &repository,
                      const std::string &tag, const TestImage &image, const std::string &username,
                      const std::string &password) {
    image::HttpClient client(image::HttpClientConfig{});
    std::vector<std::pair<std::string, std::string>> auth;
    if (!username.empty()) {
        auth.emplace_back("Authorization",
                          "Basic " + image::base64Encode(username + ":" + password));
    }
    std::vector<TestBlob> blobs = image.layers;
    blobs.push_back(image.config);
    for (const auto &blob : blobs) {
        image::HttpRequest start{"POST", registryUrl + "/v2/" + repository + "/blobs/uploads/",
                                 auth};
        auto started = client.send(start);
        if (!started || started->status != 202) {
            return "start upload: " + (started
                                           ? std::to_string(started->status) + " " + started->body
                                           : started.status().message());
        }
        std::string location = image::resolveUrl(start.url, started->header("location"));
        location += (location.find('?') == std::string::npos ? "?" : "&");
        location += "digest=" + blob.digest;
        image::HttpRequest put{"PUT", location, auth, blob.data};
        put.headers.emplace_back("Content-Type", "application/octet-stream");
        auto done = client.send(put);
        if (!done || done->status != 201) {
            return "upload " + blob.digest + ": " +
                   (done ? std::to_string(done->status) + " " + done->body
                         : done.status().message());
        }
    }
    return pushManifest(registryUrl, repository, tag, image.manifest, image.manifestMediaType,
                        username, password);
}

std::string pushManifest(const std::string &registryUrl, const std::string &repository,
                         const std::string &reference, const std::string &body,
                         const std::string &mediaType, const std::string &username,
                         const std::string &password) {
    image::HttpClient client(image::HttpClientConfig{});
    image::HttpRequest put{
        "PUT", registryUrl + "/v2/" + repository + "/manifests/" + reference, {}, body};
    if (!username.empty()) {
        put.headers.emplace_back("Authorization",
                                 "Basic " + image::base64Encode(username + ":" + password));
    }
    put.headers.emplace_back("Content-Type", mediaType);
    auto done = client.send(put);
    if (!done || done->status != 201) {
        return "put manifest: " +
               (done ? std::to_string(done->status) + " " + done->body : done.status().message());
    }
    return {};
}

std::string ociIndex(const std::vector<std::pair<std::string, const TestImage *>> &platforms) {
    json manifests = json::array();
    for (const auto &[arch, image] : platforms) {
        manifests.push_back({{"mediaType", image->manifestMediaType},
                             {"digest", image->manifestDigest},
                             {"size", image->manifest.size()},
                             {"platform", {{"os", "linux"}, {"architecture", arch}}}});
    }
    return json{{"schemaVersion", 2},
                {"mediaType", "application/vnd.oci.image.index.v1+json"},
                {"manifests", manifests}}
        .dump();
}

std::string dockerSaveArchive(const TestImage &image, const std::string &repoTag) {
    TarWriter tar;
    json layers = json::array();
    for (size_t i = 0; i < image.layers.size(); ++i) {
        // docker save writes uncompressed layers named by a v1 id.
        std::string id = image.diffIds[i].substr(7);
        std::string data = image.layers[i].data;
        if (data.size() > 2 && static_cast<unsigned char>(data[0]) == 0x1f) {
            z_stream zs{};
            inflateInit2(&zs, 16 + MAX_WBITS);
            std::string out;
            char buf[1 << 16];
            zs.next_in = reinterpret_cast<Bytef *>(data.data());
            zs.avail_in = static_cast<uInt>(data.size());
            int rc = Z_OK;
            while (rc == Z_OK) {
                zs.next_out = reinterpret_cast<Bytef *>(buf);
                zs.avail_out = sizeof buf;
                rc = inflate(&zs, Z_NO_FLUSH);
                out.append(buf, sizeof buf - zs.avail_out);
            }
            inflateEnd(&zs);
            data = out;
        }
        tar.dir(id + "/").file(id + "/layer.tar", data).file(id + "/VERSION", "1.0");
        layers.push_back(id + "/layer.tar");
    }
    std::string configName = image.config.digest.substr(7) + ".json";
    tar.file(configName, image.config.data);
    json manifest =
        json::array({{{"Config", configName}, {"RepoTags", {repoTag}}, {"Layers", layers}}});
    tar.file("manifest.json", manifest.dump());
    return tar.finish();
}

std::string ociLayoutArchive(const TestImage &image, const std::string &refName) {
    TarWriter tar;
    tar.file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
    tar.dir("blobs/").dir("blobs/sha256/");
    std::vector<TestBlob> blobs = image.layers;
    blobs.push_back(image.config);
    blobs.push_back({image.manifestMediaType, image.manifestDigest, image.manifest});
    for (const auto &blob : blobs) {
        tar.file("blobs/sha256/" + blob.digest.substr(7), blob.data);
    }
    json index = {{"schemaVersion", 2},
                  {"manifests",
                   {{{"mediaType", image.manifestMediaType},
                     {"digest", image.manifestDigest},
                     {"size", image.manifest.size()},
                     {"annotations", {{"org.opencontainers.image.ref.name", refName}}}}}}};
    tar.file("index.json", index.dump());
    return tar.finish();
}

} // namespace cox::testing
