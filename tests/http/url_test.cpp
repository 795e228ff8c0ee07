#include "http/request.h"
#include "http/url.h"

#include <gtest/gtest.h>

using namespace cox::http;

TEST(Url, DecodesPathAndQuery) {
    std::string path;
    std::multimap<std::string, std::string> query;
    ASSERT_TRUE(parseTarget("/api/v1/namespaces/a%20b/pods?labelSelector=app%3Dweb&watch&x=1+2&x=3",
                            path, query));
    EXPECT_EQ(path, "/api/v1/namespaces/a b/pods");
    EXPECT_EQ(query.find("labelSelector")->second, "app=web");
    EXPECT_EQ(query.count("watch"), 1u);
    EXPECT_EQ(query.find("watch")->second, "");
    EXPECT_EQ(query.count("x"), 2u);
    EXPECT_EQ(query.find("x")->second, "1 2");
}

TEST(Url, RejectsMalformed) {
    std::string path;
    std::multimap<std::string, std::string> query;
    EXPECT_FALSE(parseTarget("/a%zz", path, query));
    EXPECT_FALSE(parseTarget("/a%2", path, query));
    EXPECT_FALSE(parseTarget("no-slash", path, query));
    EXPECT_FALSE(parseTarget("/a?b=%", path, query));
    EXPECT_FALSE(percentDecode("%", false));
}

TEST(Url, EncodeRoundTrips) {
    std::string raw = "a b/c?d=e&f%";
    auto decoded = percentDecode(percentEncode(raw), false);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, raw);
}

TEST(Request, HeaderLookupIsCaseInsensitive) {
    Request r;
    r.headers["Content-Type"] = "application/json";
    r.query.emplace("limit", "500");
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_EQ(r.header("missing"), "");
    EXPECT_EQ(r.queryValue("limit"), "500");
    EXPECT_EQ(r.queryValue("continue", "none"), "none");
    EXPECT_TRUE(r.hasQuery("limit"));
    EXPECT_FALSE(r.hasQuery("watch"));
}
