// ImageService against Debian's docker-registry: pulls by tag and digest, shared layers,
// refused tampering, auth, missing images, root filesystems, archives and pull policies.
#include "image/image_service.h"
#include "image/safe_fs.h"

#include "process.h"
#include "test_image.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace cox::image;
using cox::testing::TestImage;
using cox::testing::TestImageBuilder;
using cox::testing::TestRegistry;

namespace {

struct Shared {
    TestRegistry registry;
    TestImage busybox;
    TestImage other; // shares the busybox layer
    std::string error;
};

Shared *g_shared = nullptr;

std::string uniqueLayer(const std::string &content) {
    return cox::testing::TarWriter().file("data/unique.txt", content).finish();
}

class ImageServiceTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!TestRegistry::available()) {
            return;
        }
        g_shared = new Shared;
        g_shared->error = g_shared->registry.start();
        if (!g_shared->error.empty()) {
            return;
        }
        g_shared->busybox = TestImageBuilder::busybox();
        g_shared->other = TestImageBuilder()
                              .layer(TestImageBuilder::busyboxLayerTar())
                              .layer(uniqueLayer("other"))
                              .entrypoint({"/bin/echo"})
                              .oci(true)
                              .build();
        std::string url = g_shared->registry.url();
        for (auto [repo, tag, image] : {std::tuple{"test/busybox", "1", &g_shared->busybox},
                                        std::tuple{"test/busybox", "latest", &g_shared->busybox},
                                        std::tuple{"test/other", "1", &g_shared->other}}) {
            std::string err = cox::testing::pushImage(url, repo, tag, *image);
            if (!err.empty()) {
                g_shared->error = err;
                return;
            }
        }
    }
    static void TearDownTestSuite() {
        delete g_shared;
        g_shared = nullptr;
    }

    void SetUp() override {
        if (!TestRegistry::available()) {
            GTEST_SKIP() << TestRegistry::kBinary
                         << " missing (apt-get install -y docker-registry)";
        }
        if (::access("/bin/busybox", R_OK) != 0) {
            GTEST_SKIP() << "/bin/busybox missing (apt-get install -y busybox-static)";
        }
        ASSERT_TRUE(g_shared->error.empty()) << g_shared->error;
        m_dir = cox::testing::makeTempDir("cox-images");
        m_service = makeService(m_dir + "/store", true);
    }
    void TearDown() override {
        if (m_service) {
            for (const auto &entry : fs::directory_iterator(m_dir)) {
                (void)m_service->releaseRootfs(entry.path());
            }
        }
        m_service.reset();
        if (!m_dir.empty()) {
            cox::testing::removeTree(m_dir);
        }
    }

    std::unique_ptr<ImageService> makeService(const std::string &root, bool overlay) {
        ImageServiceConfig config;
        config.root = root;
        config.preferOverlay = overlay;
        auto service = ImageService::create(config);
        EXPECT_TRUE(service) << service.status().message();
        return service ? std::move(*service) : nullptr;
    }

    std::string ref(const std::string &repoAndTag) const {
        return g_shared->registry.hostPort() + "/" + repoAndTag;
    }

    std::string m_dir;
    std::unique_ptr<ImageService> m_service;
};

TEST_F(ImageServiceTest, PullsByTagAndByDigest) {
    const TestImage &image = g_shared->busybox;
    EXPECT_FALSE(*m_service->present(ref("test/busybox:1")));
    auto pulled = m_service->pull(ref("test/busybox:1"), std::nullopt);
    ASSERT_TRUE(pulled) << pulled.status().message();
    EXPECT_EQ(pulled->reference, ref("test/busybox:1"));
    EXPECT_EQ(pulled->imageId, image.config.digest);
    EXPECT_EQ(pulled->repoDigest, ref("test/busybox@") + image.manifestDigest);
    EXPECT_EQ(pulled->config.cmd, std::vector<std::string>{"sh"});
    EXPECT_EQ(pulled->config.env, (std::vector<std::string>{"PATH=/bin", "HELLO=world"}));
    EXPECT_EQ(pulled->config.exposedPorts, std::vector<std::string>{"8080/tcp"});
    EXPECT_EQ(pulled->config.workingDir, "/");
    EXPECT_TRUE(*m_service->present(ref("test/busybox:1")));
    for (const auto &layer : image.layers) {
        EXPECT_TRUE(m_service->store().hasBlob(layer.digest));
    }
    for (const auto &diffId : image.diffIds) {
        EXPECT_TRUE(m_service->store().hasLayer(diffId));
    }

    auto byDigest = m_service->pull(ref("test/busybox@") + image.manifestDigest, std::nullopt);
    ASSERT_TRUE(byDigest) << byDigest.status().message();
    EXPECT_EQ(byDigest->imageId, image.config.digest);
    EXPECT_TRUE(*m_service->present(ref("test/busybox@") + image.manifestDigest));

    // A service reopened on the same store still knows the image (index on disk).
    m_service = makeService(m_dir + "/store", true);
    auto config = m_service->config(ref("test/busybox:1"));
    ASSERT_TRUE(config) << config.status().message();
    EXPECT_EQ(config->cmd, std::vector<std::string>{"sh"});
}

TEST_F(ImageServiceTest, LayersAreSharedBetweenImages) {
    ASSERT_TRUE(m_service->pull(ref("test/busybox:1"), std::nullopt));
    std::string shared = m_service->store().layerDir(g_shared->busybox.diffIds[0]);
    struct stat before {};
    ASSERT_EQ(::stat(shared.c_str(), &before), 0);
    int getsBefore = g_shared->registry.blobGets(g_shared->busybox.layers[0].digest);

    auto other = m_service->pull(ref("test/other:1"), std::nullopt);
    ASSERT_TRUE(other) << other.status().message();
    EXPECT_EQ(other->config.entrypoint, std::vector<std::string>{"/bin/echo"});
    struct stat after {};
    ASSERT_EQ(::stat(shared.c_str(), &after), 0);
    EXPECT_EQ(before.st_ino, after.st_ino) << "the shared layer was not unpacked again";
    EXPECT_EQ(g_shared->registry.blobGets(g_shared->busybox.layers[0].digest), getsBefore)
        << "the shared layer blob was not downloaded again";
    size_t layers = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(m_dir + "/store/layers")) {
        ++layers;
    }
    EXPECT_EQ(layers, 3u);
}

TEST_F(ImageServiceTest, ConcurrentPullsOfOneImageDownloadOnce) {
    TestImage image = TestImageBuilder().layer(uniqueLayer("concurrent")).build();
    ASSERT_EQ(cox::testing::pushImage(g_shared->registry.url(), "test/concurrent", "1", image), "");
    std::vector<std::thread> workers;
    std::vector<cox::Result<PulledImage>> results(4, cox::Status(cox::StatusCode::Internal, "-"));
    for (size_t i = 0; i < results.size(); ++i) {
        workers.emplace_back(
            [&, i] { results[i] = m_service->pull(ref("test/concurrent:1"), std::nullopt); });
    }
    for (auto &w : workers) {
        w.join();
    }
    for (const auto &r : results) {
        ASSERT_TRUE(r) << r.status().message();
        EXPECT_EQ(r->imageId, image.config.digest);
    }
    EXPECT_EQ(g_shared->registry.blobGets(image.layers[0].digest), 1);
}

TEST_F(ImageServiceTest, PullsThisArchitectureFromAMultiPlatformIndex) {
    // arm64 points at a different image: picking it would give a different image id.
    std::string index = cox::testing::ociIndex(
        {{"arm64", &g_shared->other}, {hostArchitecture(), &g_shared->busybox}});
    std::string url = g_shared->registry.url();
    ASSERT_EQ(cox::testing::pushImage(url, "test/multi", "arm", g_shared->other), "");
    ASSERT_EQ(cox::testing::pushImage(url, "test/multi", "native", g_shared->busybox), "");
    ASSERT_EQ(cox::testing::pushManifest(url, "test/multi", "1", index,
                                         "application/vnd.oci.image.index.v1+json"),
              "");
    auto pulled = m_service->pull(ref("test/multi:1"), std::nullopt);
    ASSERT_TRUE(pulled) << pulled.status().message();
    EXPECT_EQ(pulled->imageId, g_shared->busybox.config.digest);
    EXPECT_EQ(pulled->repoDigest, ref("test/multi@") + cox::testing::sha256Digest(index));
    // Pinning the index digest finds the same stored image.
    EXPECT_TRUE(*m_service->present(ref("test/multi@") + cox::testing::sha256Digest(index)));

    ImageServiceConfig config;
    config.root = m_dir + "/s390x";
    config.architecture = "s390x";
    auto s390x = ImageService::create(config);
    ASSERT_TRUE(s390x);
    auto none = (*s390x)->pull(ref("test/multi:1"), std::nullopt);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.status().code(), cox::StatusCode::NotFound);
    EXPECT_NE(none.status().message().find("no manifest for linux/s390x"), std::string::npos)
        << none.status().message();
}

TEST_F(ImageServiceTest, TamperedBlobIsRefused) {
    TestImage image = TestImageBuilder().layer(uniqueLayer("tamper me")).build();
    ASSERT_EQ(cox::testing::pushImage(g_shared->registry.url(), "test/tamper", "1", image), "");
    std::string blob = g_shared->registry.blobPath(image.layers[0].digest);
    std::string data = cox::testing::readFile(blob);
    ASSERT_EQ(data, image.layers[0].data);
    data[data.size() / 2] ^= 0x20; // same size, different content
    cox::testing::writeFile(blob, data);

    auto pulled = m_service->pull(ref("test/tamper:1"), std::nullopt);
    ASSERT_FALSE(pulled);
    EXPECT_EQ(pulled.status().code(), cox::StatusCode::Invalid);
    EXPECT_EQ(pulled.status().message(), "digest mismatch for layer " + image.layers[0].digest +
                                             " (registry sent " + cox::testing::sha256Digest(data) +
                                             ")");
    EXPECT_FALSE(m_service->store().hasBlob(image.layers[0].digest));
    EXPECT_FALSE(*m_service->present(ref("test/tamper:1")));
}

TEST_F(ImageServiceTest, MissingImageSaysManifestUnknown) {
    auto pulled = m_service->pull(ref("nope:1"), std::nullopt);
    ASSERT_FALSE(pulled);
    EXPECT_EQ(pulled.status().code(), cox::StatusCode::NotFound);
    EXPECT_EQ(pulled.status().message(), "manifest unknown: " + ref("nope:1"));
    pulled = m_service->pull(ref("test/busybox:2"), std::nullopt);
    ASSERT_FALSE(pulled);
    EXPECT_EQ(pulled.status().message(), "manifest unknown: " + ref("test/busybox:2"));
}

TEST_F(ImageServiceTest, PrepareRootfsGivesARunnableTreeAndReleasesIt) {
    ASSERT_TRUE(m_service->pull(ref("test/busybox:1"), std::nullopt));
    for (bool overlay : {true, false}) {
        SCOPED_TRACE(overlay ? "overlay store" : "copy store");
        auto service = overlay ? std::move(m_service) : makeService(m_dir + "/copy-store", false);
        if (!overlay) {
            ASSERT_TRUE(service->pull(ref("test/busybox:1"), std::nullopt));
        }
        std::string container = m_dir + "/c-" + std::to_string(overlay);
        auto handle = service->prepareRootfs(ref("test/busybox:1"), container);
        ASSERT_TRUE(handle) << handle.status().message();
        EXPECT_EQ(handle->rootfs, container + "/rootfs");
        EXPECT_EQ(handle->imageId, g_shared->busybox.config.digest);
        EXPECT_EQ(handle->config.cmd, std::vector<std::string>{"sh"});
        EXPECT_EQ(handle->overlay, overlay && service->store().overlayLayers());
        struct stat st {};
        ASSERT_EQ(::stat((handle->rootfs + "/bin/busybox").c_str(), &st), 0);
        EXPECT_TRUE(S_ISREG(st.st_mode));
        EXPECT_EQ(st.st_mode & 0777, 0755u);
        EXPECT_EQ(st.st_size, static_cast<off_t>(fs::file_size("/bin/busybox")));
        EXPECT_EQ(fs::read_symlink(handle->rootfs + "/bin/sh"), "busybox");
        EXPECT_FALSE(fs::exists(handle->rootfs + "/etc/old-file"));
        EXPECT_FALSE(fs::exists(handle->rootfs + "/var/cache/a"));
        EXPECT_EQ(cox::testing::readFile(handle->rootfs + "/var/cache/b"), "from layer two\n");
        EXPECT_EQ(cox::testing::readFile(handle->rootfs + "/etc/motd"), "layer two\n");
        if (::geteuid() == 0 && ::access("/usr/sbin/chroot", X_OK) == 0) {
            auto run = cox::testing::runCommand({"/usr/sbin/chroot", handle->rootfs, "/bin/sh",
                                                 "-c", "echo $((6*7)); cat /etc/motd"});
            EXPECT_EQ(run.exitCode, 0) << run.err;
            EXPECT_EQ(run.out, "42\nlayer two\n");
        }
        // The container's writes never reach the shared layers.
        cox::testing::writeFile(handle->rootfs + "/bin/written", "x");
        ::unlink((handle->rootfs + "/etc/motd").c_str());
        std::string layer = service->store().layerDir(g_shared->busybox.diffIds[0]);
        EXPECT_FALSE(fs::exists(layer + "/bin/written"));
        EXPECT_TRUE(fs::exists(layer + "/etc/motd"));

        // Preparing again (agent restart) keeps the container's state.
        auto again = service->prepareRootfs(ref("test/busybox:1"), container);
        ASSERT_TRUE(again) << again.status().message();
        EXPECT_TRUE(fs::exists(handle->rootfs + "/bin/written"));

        ASSERT_TRUE(service->releaseRootfs(container));
        EXPECT_FALSE(fs::exists(container + "/rootfs"));
        EXPECT_FALSE(fs::exists(container + "/upper"));
        EXPECT_TRUE(service->releaseRootfs(container)) << "idempotent";
        EXPECT_TRUE(fs::exists(layer + "/bin/busybox"));
        if (overlay) {
            m_service = std::move(service);
        }
    }
}

TEST_F(ImageServiceTest, PrepareRootfsOfAnAbsentImageFails) {
    auto handle = m_service->prepareRootfs(ref("test/busybox:1"), m_dir + "/c");
    ASSERT_FALSE(handle);
    EXPECT_EQ(handle.status().code(), cox::StatusCode::NotFound);
    EXPECT_NE(handle.status().message().find("not present"), std::string::npos);
}

TEST_F(ImageServiceTest, PullPolicies) {
    auto never = m_service->ensure(ref("test/busybox:1"), PullPolicy::Never, std::nullopt);
    ASSERT_FALSE(never);
    EXPECT_EQ(never.status().message(), "ErrImageNeverPull: container image \"" +
                                            ref("test/busybox:1") +
                                            "\" is not present with pull policy of Never");
    int gets = g_shared->registry.blobGets(g_shared->busybox.config.digest);
    auto pulled = m_service->ensure(ref("test/busybox:1"), PullPolicy::IfNotPresent, std::nullopt);
    ASSERT_TRUE(pulled) << pulled.status().message();
    EXPECT_EQ(g_shared->registry.blobGets(g_shared->busybox.config.digest), gets + 1);
    EXPECT_TRUE(m_service->ensure(ref("test/busybox:1"), PullPolicy::Never, std::nullopt));
    EXPECT_TRUE(m_service->ensure(ref("test/busybox:1"), PullPolicy::IfNotPresent, std::nullopt));
    EXPECT_TRUE(m_service->ensure(ref("test/busybox:1"), PullPolicy::Always, std::nullopt));
    EXPECT_EQ(g_shared->registry.blobGets(g_shared->busybox.config.digest), gets + 1)
        << "present blobs are never fetched again, even with Always";

    auto latest = ImageReference::parse(ref("test/busybox"));
    auto tagged = ImageReference::parse(ref("test/busybox:1"));
    EXPECT_EQ(defaultPullPolicy(*latest), PullPolicy::Always);
    EXPECT_EQ(defaultPullPolicy(*tagged), PullPolicy::IfNotPresent);
    EXPECT_EQ(*parsePullPolicy("", *tagged), PullPolicy::IfNotPresent);
    EXPECT_EQ(*parsePullPolicy("Never", *tagged), PullPolicy::Never);
    EXPECT_FALSE(parsePullPolicy("Sometimes", *tagged));
}

TEST_F(ImageServiceTest, ImportsDockerSaveArchives) {
    TestImage image = TestImageBuilder::busybox();
    cox::testing::writeFile(m_dir + "/saved.tar",
                            cox::testing::dockerSaveArchive(image, "example.com/saved:v1"));
    auto refs = m_service->importArchive(m_dir + "/saved.tar");
    ASSERT_TRUE(refs) << refs.status().message();
    EXPECT_EQ(*refs, std::vector<std::string>{"example.com/saved:v1"});
    EXPECT_TRUE(*m_service->present("example.com/saved:v1"));
    // No registry is involved: example.com is never contacted.
    auto ensured = m_service->ensure("example.com/saved:v1", PullPolicy::IfNotPresent, {});
    ASSERT_TRUE(ensured) << ensured.status().message();
    EXPECT_EQ(ensured->imageId, image.config.digest);
    auto handle = m_service->prepareRootfs("example.com/saved:v1", m_dir + "/c");
    ASSERT_TRUE(handle) << handle.status().message();
    EXPECT_TRUE(fs::exists(handle->rootfs + "/bin/busybox"));
    EXPECT_FALSE(fs::exists(handle->rootfs + "/etc/old-file"));
}

TEST_F(ImageServiceTest, ImportsOciLayoutArchives) {
    TestImage image =
        TestImageBuilder().layer(TestImageBuilder::busyboxLayerTar()).oci(true).build();
    cox::testing::writeFile(m_dir + "/oci.tar",
                            cox::testing::ociLayoutArchive(image, "example.com/oci/app:v2"));
    auto refs = m_service->importArchive(m_dir + "/oci.tar");
    ASSERT_TRUE(refs) << refs.status().message();
    EXPECT_EQ(*refs, std::vector<std::string>{"example.com/oci/app:v2"});
    auto inspected = m_service->inspect("example.com/oci/app:v2");
    ASSERT_TRUE(inspected) << inspected.status().message();
    EXPECT_EQ(inspected->imageId, image.config.digest);
    EXPECT_TRUE(*m_service->present("example.com/oci/app:v2"));
}

TEST_F(ImageServiceTest, ImportRefusesTamperedAndHostileArchives) {
    TestImage image = TestImageBuilder::busybox();
    std::string archive = cox::testing::ociLayoutArchive(image, "example.com/bad:v1");
    // Flip a byte inside the config blob's content (after its tar header).
    auto pos = archive.find("\"rootfs\"");
    ASSERT_NE(pos, std::string::npos);
    archive[pos + 1] = 'R';
    cox::testing::writeFile(m_dir + "/bad.tar", archive);
    auto refs = m_service->importArchive(m_dir + "/bad.tar");
    ASSERT_FALSE(refs);
    EXPECT_NE(refs.status().message().find("digest mismatch"), std::string::npos)
        << refs.status().message();
    EXPECT_FALSE(*m_service->present("example.com/bad:v1"));

    cox::testing::writeFile(m_dir + "/evil.tar",
                            cox::testing::TarWriter().file("../evil", "x").finish());
    refs = m_service->importArchive(m_dir + "/evil.tar");
    ASSERT_FALSE(refs);
    EXPECT_FALSE(fs::exists(m_dir + "/store/evil"));
}

class AuthRegistryTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!TestRegistry::available()) {
            GTEST_SKIP() << TestRegistry::kBinary << " missing";
        }
        std::string err = m_registry.start("alice", "s3cret-pw");
        ASSERT_EQ(err, "");
        m_image = TestImageBuilder().layer(uniqueLayer("private")).build();
        ASSERT_EQ(cox::testing::pushImage(m_registry.url(), "private/app", "1", m_image, "alice",
                                          "s3cret-pw"),
                  "");
        m_dir = cox::testing::makeTempDir("cox-images-auth");
        ImageServiceConfig config;
        config.root = m_dir + "/store";
        auto service = ImageService::create(config);
        ASSERT_TRUE(service) << service.status().message();
        m_service = std::move(*service);
    }
    void TearDown() override {
        m_service.reset();
        if (!m_dir.empty()) {
            cox::testing::removeTree(m_dir);
        }
    }

    TestRegistry m_registry;
    TestImage m_image;
    std::string m_dir;
    std::unique_ptr<ImageService> m_service;
};

TEST_F(AuthRegistryTest, UnauthorizedWithoutCredentialsWorksWithBasicAuth) {
    std::string image = m_registry.hostPort() + "/private/app:1";
    auto anonymous = m_service->pull(image, std::nullopt);
    ASSERT_FALSE(anonymous);
    EXPECT_EQ(anonymous.status().code(), cox::StatusCode::Unauthorized);
    EXPECT_TRUE(anonymous.status().message().starts_with("unauthorized: "))
        << anonymous.status().message();
    EXPECT_NE(anonymous.status().message().find(image), std::string::npos);

    auto wrong = m_service->pull(image, RegistryAuth{"alice", "wrong", ""});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.status().code(), cox::StatusCode::Unauthorized);
    EXPECT_EQ(wrong.status().message().find("wrong"), std::string::npos) << "no password echoed";

    // Credentials as an imagePullSecret (kubernetes.io/dockerconfigjson) carries them.
    std::string secret = R"({"auths":{")" + m_registry.hostPort() + R"(":{"auth":")" +
                         base64Encode("alice:s3cret-pw") + R"("}}})";
    auto auth = authFromDockerConfig(secret, m_registry.hostPort());
    ASSERT_TRUE(auth && auth->has_value());
    auto pulled = m_service->pull(image, **auth);
    ASSERT_TRUE(pulled) << pulled.status().message();
    EXPECT_EQ(pulled->imageId, m_image.config.digest);
    EXPECT_TRUE(*m_service->present(image));
}

} // namespace
