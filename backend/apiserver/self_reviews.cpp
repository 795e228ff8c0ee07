#include "apiserver/self_reviews.h"

#include "model/resource_type.h"

namespace cox::apiserver {

namespace {

using model::Json;

Result<auth::RequestAttributes> attributesOf(const Json &spec) {
    auth::RequestAttributes attrs;
    const bool resource = spec.contains("resourceAttributes");
    const bool nonResource = spec.contains("nonResourceAttributes");
    if (resource == nonResource)
        return Status(StatusCode::Invalid,
                      "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec: "
                      "Invalid value: exactly one of nonResourceAttributes or resourceAttributes "
                      "must be specified");
    if (nonResource) {
        const Json &n = spec["nonResourceAttributes"];
        attrs.isResourceRequest = false;
        attrs.path = n.value("path", "");
        attrs.verb = n.value("verb", "");
        return attrs;
    }
    const Json &r = spec["resourceAttributes"];
    attrs.verb = r.value("verb", "");
    attrs.apiGroup = r.value("group", "");
    attrs.resource = r.value("resource", "");
    attrs.subresource = r.value("subresource", "");
    attrs.namespaceName = r.value("namespace", "");
    attrs.name = r.value("name", "");
    return attrs;
}

Result<Json> accessReview(const Authorize &authorize, Json review, const CallContext &ctx) {
    auto attrs = attributesOf(review.value("spec", Json::object()));
    if (!attrs)
        return attrs.status();
    const Status verdict = authorize ? authorize(ctx.user, *attrs) : Status::ok();
    review["status"] = {{"allowed", verdict.isOk()}};
    if (!verdict.isOk())
        review["status"]["reason"] = verdict.message();
    return review;
}

Result<Json> whoAmI(Json review, const CallContext &ctx) {
    Json groups = Json::array();
    for (const auto &g : ctx.user.groups)
        groups.push_back(g);
    review["status"] = {{"userInfo", {{"username", ctx.user.name}, {"groups", groups}}}};
    return review;
}

} // namespace

void registerSelfReviews(ResourceService &api, Authorize authorize) {
    api.setCreateHandler(
        *model::findResource("authorization.k8s.io", "v1", "selfsubjectaccessreviews"),
        [authorize = std::move(authorize)](const std::string &, Json object,
                                           const CallContext &ctx) {
            return accessReview(authorize, std::move(object), ctx);
        });
    api.setCreateHandler(*model::findResource("authentication.k8s.io", "v1", "selfsubjectreviews"),
                         [](const std::string &, Json object, const CallContext &ctx) {
                             return whoAmI(std::move(object), ctx);
                         });
}

} // namespace cox::apiserver
