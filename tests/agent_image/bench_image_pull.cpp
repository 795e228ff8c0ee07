// bench_image_pull: time to pull + unpack the busybox test image from a local docker-registry
// into a fresh store (cold), again into the warm store (manifest check only), and to prepare a
// container root filesystem (overlay mount or copy). Prints medians over several runs.
#include "common/log.h"
#include "image/image_service.h"

#include "process.h"
#include "test_image.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace cox::image;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

bool check(const cox::Status &s, const char *what) {
    if (!s) {
        std::fprintf(stderr, "%s: %s\n", what, s.message().c_str());
    }
    return s.isOk();
}

std::unique_ptr<ImageService> makeService(const std::string &root, bool overlay) {
    ImageServiceConfig config;
    config.root = root;
    config.preferOverlay = overlay;
    auto service = ImageService::create(config);
    return service ? std::move(*service) : nullptr;
}

} // namespace

int main() {
    cox::log::setLevel(cox::log::Level::Warn);
    if (!cox::testing::TestRegistry::available()) {
        std::fprintf(stderr, "needs /usr/bin/docker-registry (apt-get install docker-registry)\n");
        return 1;
    }
    cox::testing::TestRegistry registry;
    if (auto err = registry.start(); !err.empty()) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    auto image = cox::testing::TestImageBuilder::busybox();
    if (auto err = cox::testing::pushImage(registry.url(), "bench/busybox", "1", image);
        !err.empty()) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    std::string ref = registry.hostPort() + "/bench/busybox:1";
    int64_t bytes = 0;
    for (const auto &l : image.layers) {
        bytes += static_cast<int64_t>(l.data.size());
    }
    std::printf("image %s: %zu layers, %.2f MB compressed\n", ref.c_str(), image.layers.size(),
                bytes / 1e6);

    constexpr int kRuns = 7;
    std::string dir = cox::testing::makeTempDir("cox-bench-image");
    for (bool overlay : {true, false}) {
        std::vector<double> cold, warm, prepare, release;
        bool usedOverlay = false;
        for (int run = 0; run < kRuns; ++run) {
            std::string root =
                dir + "/store-" + std::to_string(overlay) + "-" + std::to_string(run);
            auto service = makeService(root, overlay);
            if (!service) {
                return 1;
            }
            auto t0 = Clock::now();
            auto pulled = service->pull(ref, std::nullopt);
            auto t1 = Clock::now();
            if (!check(pulled.status(), "cold pull")) {
                return 1;
            }
            auto again = service->pull(ref, std::nullopt);
            auto t2 = Clock::now();
            if (!check(again.status(), "warm pull")) {
                return 1;
            }
            std::string container = root + "/container";
            auto handle = service->prepareRootfs(ref, container);
            auto t3 = Clock::now();
            if (!check(handle.status(), "prepare rootfs")) {
                return 1;
            }
            usedOverlay = handle->overlay;
            if (!check(service->releaseRootfs(container), "release rootfs")) {
                return 1;
            }
            auto t4 = Clock::now();
            cold.push_back(ms(t1 - t0));
            warm.push_back(ms(t2 - t1));
            prepare.push_back(ms(t3 - t2));
            release.push_back(ms(t4 - t3));
            cox::testing::removeTree(root);
        }
        std::printf("%s store (rootfs by %s), median of %d:\n", overlay ? "overlay" : "copy",
                    usedOverlay ? "overlay mount" : "copy", kRuns);
        std::printf("  cold pull + unpack   %8.2f ms\n", median(cold));
        std::printf("  warm pull (present)  %8.2f ms\n", median(warm));
        std::printf("  prepareRootfs        %8.2f ms\n", median(prepare));
        std::printf("  releaseRootfs        %8.2f ms\n", median(release));
    }
    cox::testing::removeTree(dir);
    return 0;
}
