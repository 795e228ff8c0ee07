#include "common/result.h"

#include <gtest/gtest.h>

namespace cox {
namespace {

TEST(Status, MapsCodesToKubernetesReasonsAndHttp) {
    const Status gone(StatusCode::Gone, "too old resource version");
    EXPECT_FALSE(gone.isOk());
    EXPECT_EQ(gone.reason(), "Expired");
    EXPECT_EQ(gone.httpCode(), 410);
    EXPECT_EQ(Status(StatusCode::Invalid, "x").httpCode(), 422);
    EXPECT_EQ(Status(StatusCode::AlreadyExists, "x").reason(), "AlreadyExists");
    EXPECT_TRUE(Status::ok().isOk());
}

TEST(Result, HoldsValueOrError) {
    Result<int> good(7);
    ASSERT_TRUE(good.isOk());
    EXPECT_EQ(*good, 7);
    EXPECT_TRUE(good.status().isOk());

    Result<int> bad(StatusCode::NotFound, "pods \"x\" not found");
    ASSERT_FALSE(bad.isOk());
    EXPECT_EQ(bad.status().code(), StatusCode::NotFound);
    EXPECT_EQ(bad.status().message(), "pods \"x\" not found");
}

} // namespace
} // namespace cox
