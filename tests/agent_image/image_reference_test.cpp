#include "image/image_reference.h"

#include <gtest/gtest.h>

using cox::image::ImageReference;

namespace {

const std::string kDigest =
    "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

TEST(ImageReference, DockerHubShortNameGetsLibraryAndLatest) {
    auto ref = ImageReference::parse("busybox");
    ASSERT_TRUE(ref) << ref.status().message();
    EXPECT_EQ(ref->domain, "docker.io");
    EXPECT_EQ(ref->repository, "library/busybox");
    EXPECT_EQ(ref->tag, "latest");
    EXPECT_FALSE(ref->explicitTag);
    EXPECT_TRUE(ref->isLatest());
    EXPECT_EQ(ref->registryHost(), "registry-1.docker.io");
    EXPECT_EQ(ref->canonical(), "docker.io/library/busybox:latest");
}

TEST(ImageReference, TagAndPathForms) {
    auto ref = ImageReference::parse("library/busybox:1.36");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->canonical(), "docker.io/library/busybox:1.36");
    EXPECT_FALSE(ref->isLatest());

    ref = ImageReference::parse("127.0.0.1:5000/test/app:v1");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->domain, "127.0.0.1:5000");
    EXPECT_EQ(ref->repository, "test/app");
    EXPECT_EQ(ref->tag, "v1");
    EXPECT_EQ(ref->registryHost(), "127.0.0.1:5000");

    ref = ImageReference::parse("localhost/app");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->domain, "localhost");
    EXPECT_EQ(ref->repository, "app");

    ref = ImageReference::parse("user/app");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->canonical(), "docker.io/user/app:latest");
}

TEST(ImageReference, DigestPins) {
    auto ref = ImageReference::parse("host.example/x@" + kDigest);
    ASSERT_TRUE(ref) << ref.status().message();
    EXPECT_EQ(ref->digest, kDigest);
    EXPECT_EQ(ref->manifestReference(), kDigest);
    EXPECT_EQ(ref->canonical(), "host.example/x@" + kDigest);
    EXPECT_FALSE(ref->isLatest());

    ref = ImageReference::parse("host.example/x:1@" + kDigest);
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->tag, "1");
    EXPECT_EQ(ref->manifestReference(), kDigest);
}

TEST(ImageReference, MalformedReferencesSayWhy) {
    struct Case {
        std::string text;
        std::string mentions;
    };
    for (const Case &c : std::vector<Case>{{"", "empty"},
                                           {"Busybox", "lowercase"},
                                           {"busybox:", "tag"},
                                           {"busybox:bad tag", "tag"},
                                           {"busybox@sha256:abc", "digest"},
                                           {"host:5000/", "repository"},
                                           {"a//b", "component"},
                                           {"-a/b", "component"}}) {
        auto ref = ImageReference::parse(c.text);
        ASSERT_FALSE(ref) << c.text;
        EXPECT_EQ(ref.status().code(), cox::StatusCode::Invalid);
        EXPECT_NE(ref.status().message().find(c.mentions), std::string::npos)
            << c.text << ": " << ref.status().message();
    }
}

} // namespace
