// bench_apiserver_list: lists 150,000 pods through ResourceService + encodeList (what a
// `GET /api/v1/pods` answers) and prints the time per full list.
#include "apiserver/api_server.h"
#include "apiserver/object_codec.h"

#include <chrono>
#include <cstdio>

using namespace cox;
using namespace cox::apiserver;

int main(int argc, char **argv) {
    int count = argc > 1 ? std::atoi(argv[1]) : 150000;
    auto store = store::openStore("memory://");
    if (!store) {
        std::fprintf(stderr, "%s\n", store.status().message().c_str());
        return 1;
    }
    ApiServerOptions options;
    options.store = store->get();
    ApiServer server(options);
    if (Status s = server.bootstrap(); !s) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return 1;
    }
    const auto *pods = model::findResource("", "v1", "pods");
    CallContext ctx;
    ctx.user = {"admin", {auth::kGroupMasters}};
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        model::Json pod = {
            {"metadata",
             {{"name", "pod-" + std::to_string(i)},
              {"labels", {{"app", "web-" + std::to_string(i % 50)}}}}},
            {"spec",
             {{"nodeName", "node-" + std::to_string(i % 100)},
              {"containers",
               model::Json::array(
                   {{{"name", "app"},
                     {"image", "nginx:1.27"},
                     {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "64Mi"}}}}}}})}}}};
        auto created = server.resources().create(*pods, "default", std::move(pod), ctx);
        if (!created) {
            std::fprintf(stderr, "create: %s\n", created.status().message().c_str());
            return 1;
        }
    }
    auto t1 = std::chrono::steady_clock::now();
    std::printf("created %d pods in %.2f s\n", count,
                std::chrono::duration<double>(t1 - t0).count());
    for (int round = 0; round < 3; ++round) {
        auto start = std::chrono::steady_clock::now();
        auto page = server.resources().listRaw(*pods, "", {}, ctx);
        std::string body = encodeList(*pods, *page);
        auto end = std::chrono::steady_clock::now();
        std::printf("list %zu pods: %.3f s, %.1f MiB\n", page->items.size(),
                    std::chrono::duration<double>(end - start).count(), body.size() / 1048576.0);
    }
    auto start = std::chrono::steady_clock::now();
    auto page = server.resources().listRaw(*pods, "", {"app=web-7", "", 0, ""}, ctx);
    auto end = std::chrono::steady_clock::now();
    std::printf("list with labelSelector (%zu of %d match): %.3f s\n", page->items.size(), count,
                std::chrono::duration<double>(end - start).count());
    return 0;
}
