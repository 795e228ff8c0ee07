// SelfSubjectAccessReview and SelfSubjectReview: answered by the server's own authorizer for the
// caller, through the API as kubectl sends them.
#include "fixture.h"

#include <gtest/gtest.h>

using namespace cox;
using namespace cox::apiserver;
using namespace cox::apiserver::testing;
using model::Json;

namespace {

class SelfReviewTest : public ApiFixture {
protected:
    Result<Json> canI(const auth::UserInfo &who, Json attributes, bool resource = true) {
        Json review = {
            {"apiVersion", "authorization.k8s.io/v1"},
            {"kind", "SelfSubjectAccessReview"},
            {"spec",
             {{resource ? "resourceAttributes" : "nonResourceAttributes", std::move(attributes)}}}};
        return svc().create(
            *model::findResource("authorization.k8s.io", "v1", "selfsubjectaccessreviews"), "",
            std::move(review), asUser(who));
    }
};

} // namespace

TEST_F(SelfReviewTest, TheVerdictIsTheAuthorizersForTheCaller) {
    const auth::UserInfo viewer{"viewer", {auth::kGroupViewers}};
    auto create = canI(viewer, {{"verb", "create"}, {"resource", "pods"}, {"namespace", "a"}});
    ASSERT_TRUE(create.isOk()) << create.status().message();
    EXPECT_EQ((*create)["status"]["allowed"], false);
    EXPECT_EQ((*create)["status"]["reason"], "read-only"); // what the authorizer said
    auto list = canI(viewer, {{"verb", "list"}, {"resource", "pods"}});
    ASSERT_TRUE(list.isOk());
    EXPECT_EQ((*list)["status"]["allowed"], true);
    EXPECT_FALSE((*list)["status"].contains("reason"));
    auto admin =
        canI(cox::apiserver::testing::admin(), {{"verb", "delete"}, {"resource", "nodes"}});
    ASSERT_TRUE(admin.isOk());
    EXPECT_EQ((*admin)["status"]["allowed"], true);
    auto path = canI(viewer, {{"verb", "post"}, {"path", "/healthz"}}, false);
    ASSERT_TRUE(path.isOk());
    EXPECT_EQ((*path)["status"]["allowed"], false);
}

TEST_F(SelfReviewTest, ExactlyOneKindOfAttributesAndNothingIsStored) {
    const auto *type =
        model::findResource("authorization.k8s.io", "v1", "selfsubjectaccessreviews");
    Json neither = {{"apiVersion", "authorization.k8s.io/v1"},
                    {"kind", "SelfSubjectAccessReview"},
                    {"spec", Json::object()}};
    auto refused = svc().create(*type, "", neither, asUser(cox::apiserver::testing::admin()));
    ASSERT_FALSE(refused.isOk());
    EXPECT_EQ(refused.status().code(), StatusCode::Invalid);
    EXPECT_NE(refused.status().message().find("exactly one"), std::string::npos);
    Json fine = neither;
    fine["spec"]["resourceAttributes"] = {{"verb", "get"}, {"resource", "pods"}};
    ASSERT_TRUE(svc().create(*type, "", fine, asUser(cox::apiserver::testing::admin())).isOk());
    auto listed = svc().listRaw(*type, "", {}, asUser(cox::apiserver::testing::admin()));
    ASSERT_TRUE(listed.isOk());
    EXPECT_TRUE(listed->items.empty()); // reviews are answered, never stored
}

TEST_F(SelfReviewTest, WhoAmIAnswersTheCallersNameAndGroups) {
    Json review = {{"apiVersion", "authentication.k8s.io/v1"}, {"kind", "SelfSubjectReview"}};
    auto answer =
        svc().create(*model::findResource("authentication.k8s.io", "v1", "selfsubjectreviews"), "",
                     review, asUser(nodeUser("node-1")));
    ASSERT_TRUE(answer.isOk()) << answer.status().message();
    EXPECT_EQ((*answer)["status"]["userInfo"]["username"], "system:node:node-1");
    EXPECT_EQ((*answer)["status"]["userInfo"]["groups"], Json::array({auth::kGroupNodes}));
}
